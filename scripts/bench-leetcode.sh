#!/usr/bin/env bash
# Benchmark pull-leetcode: the full shared LeetCodeDataset file (228 problems) pulled
# from scratch into a temp folder; prints problems/s and the share of test cases kept.
# Usage: scripts/bench-leetcode.sh [JOBS]   (default: every core)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${LEETCODE_DATA:-../shared/data/leetcode/LeetCodeDataset-v0.3.1-test.jsonl.gz}
BIN=target/release/pull-leetcode
[ -f "$DATA" ] || { echo "bench-leetcode: $DATA is absent" >&2; exit 2; }
[ -x "$BIN" ] || cargo build --release --bin pull-leetcode
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
JOBS=${1:-$(nproc)}
start=$(date +%s.%N)
set +e
"$BIN" --source "$DATA" --output "$OUT" --jobs "$JOBS" --no-progress -q
rc=$?
set -e
end=$(date +%s.%N)
python3 - "$OUT/summary.json" "$start" "$end" "$JOBS" "$rc" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
p, t = s["problems"], s["test_cases"]
print(f"pull-leetcode bench: {p['selected']} problems, --jobs {sys.argv[4]}, exit {sys.argv[5]}, {sys.argv[4]} python3 workers")
print(f"  wall time          {wall:.1f} s")
print(f"  problems/s         {p['selected'] / wall:.2f}")
print(f"  written            {p['written']} (unsupported {p['unsupported_skipped']}, no test {p['no_tests']}, broken {p['failed']})")
print(f"  test cases         {t['attempted']} run, {t['kept']} kept ({100 * t['kept_share']:.1f}%), {t['dropped']} dropped")
for reason, n in sorted(s["drop_reasons"].items(), key=lambda kv: -kv[1]):
    print(f"    {n:5d}  {reason}")
PY
