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
LOAD=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
# Run under python3 so the CPU time of the whole process tree (pull-leetcode and every
# python3 it starts) is measured along with the wall time.
python3 - "$BIN" "$DATA" "$OUT" "$JOBS" "$LOAD" <<'PY'
import json, resource, subprocess, sys, time
binary, data, out, jobs, load = sys.argv[1:6]
start = time.monotonic()
rc = subprocess.call([binary, "--source", data, "--output", out, "--jobs", jobs, "--no-progress", "-q"])
wall = time.monotonic() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
s = json.load(open(out + "/summary.json"))
p, t = s["problems"], s["test_cases"]
print(f"pull-leetcode bench: {p['selected']} problems, --jobs {jobs}, exit {rc}, load average {load} at start")
print(f"  wall time          {wall:.1f} s")
print(f"  problems/s         {p['selected'] / wall:.2f}")
print(f"  CPU time           {cpu:.1f} s ({cpu / p['selected']:.3f} s per problem, all processes)")
print(f"  written            {p['written']} (unsupported {p['unsupported_skipped']}, no test {p['no_tests']}, broken {p['failed']})")
print(f"  test cases         {t['attempted']} run, {t['kept']} kept ({100 * t['kept_share']:.1f}%), {t['dropped']} dropped")
for reason, n in sorted(s["drop_reasons"].items(), key=lambda kv: -kv[1]):
    print(f"    {n:5d}  {reason}")
PY
