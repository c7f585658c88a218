#!/usr/bin/env bash
# Benchmark q-verify: verified test cases per second on 2 cores over every problem that
# has a q solution in data/q-solutions/, and the per-process overhead of the q binary.
#
#   bash scripts/bench-qverify.sh            (SHARED=../shared, Q_BIN=target/release/qlite)
#
# Steps: build; pull-leetcode the problems named in data/q-solutions/ from the shared
# LeetCodeDataset file; drop each sol.q in; time q-verify cold (--force) with and without
# the Python re-check, with --jobs 2 and --jobs 1, then warm (every problem cached); time
# 50 starts of the q binary on a one-line script. Prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
SRC=$SHARED/data/leetcode/LeetCodeDataset-v0.3.1-test.jsonl.gz
BIN=target/release
Q_BIN=${Q_BIN:-$BIN/qlite}
SOLUTIONS=${SOLUTIONS:-data/q-solutions}
STARTS=${STARTS:-50}

[ -f "$SRC" ] || { echo "bench-qverify: $SRC is absent" >&2; exit 2; }
[ -d "$SOLUTIONS" ] || { echo "bench-qverify: $SOLUTIONS is absent (the q solutions have not landed)" >&2; exit 2; }
cargo build --release --bins -q
[ -x "$Q_BIN" ] || { echo "bench-qverify: $Q_BIN is not built" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

ids=$(ls "$SOLUTIONS" | paste -sd, -)
"$BIN/pull-leetcode" --source "$SRC" --output "$WORK/problems" --ids "$ids" --jobs 2 -q || true
solved=0
for d in "$SOLUTIONS"/*/; do
  name=$(basename "$d")
  if [ -d "$WORK/problems/$name" ] && [ -f "$d/sol.q" ]; then
    cp "$d/sol.q" "$WORK/problems/$name/sol.q"
    solved=$((solved + 1))
  fi
done
# Problems pull-leetcode wrote but that have no q solution are left out of the count.
for d in "$WORK/problems"/*/; do
  [ -f "$d/sol.q" ] || rm -rf "$d"
done
echo "problems with a q solution and pulled test cases: $solved"

summary_field() {
  python3 -c "import json,sys; s=json.load(open(sys.argv[1])); t=s['totals']; print(t[sys.argv[2]])" "$1" "$2"
}

run_verify() { # label jobs extra-flags...
  local label=$1 jobs=$2; shift 2
  local out="$WORK/verified-$label"
  local t0 t1
  t0=$(now)
  "$BIN/q-verify" --input "$WORK/problems" --output "$out" --q-bin "$Q_BIN" \
    --jobs "$jobs" -q "$@" || true
  t1=$(now)
  local tests valid problems processes
  tests=$(summary_field "$out/verification_summary.json" tests)
  valid=$(summary_field "$out/verification_summary.json" valid)
  problems=$(summary_field "$out/verification_summary.json" problems)
  processes=$(summary_field "$out/verification_summary.json" processes)
  local el
  el=$(secs "$t0" "$t1")
  python3 -c "
el=$el; tests=$tests
print(f'$label: {tests} test cases in {el:.2f}s = {tests/el:.1f} test cases/s '
      f'($problems problems, $valid valid, q processes: $processes)')"
}

run_verify "cold-jobs2-no-python" 2 --force --no-python
run_verify "cold-jobs2-python" 2 --force
run_verify "cold-jobs1-no-python" 1 --force --no-python
run_verify "warm-jobs2-cached" 2 --no-python

# Per-process overhead: start the q binary on a one-line script, $STARTS times.
echo 'exit 0' > "$WORK/empty.q"
t0=$(now)
Q_ABS=$(realpath "$Q_BIN")
for _ in $(seq "$STARTS"); do (cd "$WORK" && "$Q_ABS" empty.q -q </dev/null >/dev/null); done
t1=$(now)
python3 -c "print(f'q process start+exit ($Q_BIN): {($t1 - $t0) / $STARTS * 1000:.1f} ms per process (mean of $STARTS)')"
