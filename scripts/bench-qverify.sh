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
SYNTH=${SYNTH:-100}

[ -f "$SRC" ] || { echo "bench-qverify: $SRC is absent" >&2; exit 2; }
[ -d "$SOLUTIONS" ] || { echo "bench-qverify: $SOLUTIONS is absent (the q solutions have not landed)" >&2; exit 2; }
cargo build --release --bins -q
[ -x "$Q_BIN" ] || { echo "bench-qverify: $Q_BIN is not built" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ids=$(for d in "$SOLUTIONS"/*/; do basename "$d"; done | paste -sd, -)
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

run_verify() { # label jobs extra-flags...
  local label=$1 jobs=$2; shift 2
  local out="$WORK/verified-$label"
  local times
  # Wall, user and system seconds of q-verify and every process it started.
  times=$( { TIMEFORMAT='%R %U %S'; time "$BIN/q-verify" --input "$WORK/problems" \
      --output "$out" --q-bin "$Q_BIN" --jobs "$jobs" -q "$@" >/dev/null 2>&1 || true; } 2>&1 )
  local s="$out/verification_summary.json"
  python3 - "$label" "$s" $times <<'PY'
import json, sys
label, summary, wall, user, sys_ = sys.argv[1], sys.argv[2], *map(float, sys.argv[3:6])
t = json.load(open(summary))["totals"]
cpu = user + sys_
print(f"{label}: {t['tests']} test cases in {wall:.2f}s wall = {t['tests'] / wall:.1f} test cases/s; "
      f"{cpu:.2f}s CPU = {t['tests'] / cpu if cpu else float('inf'):.1f} test cases per CPU-second "
      f"({t['problems']} problems, {t['valid']} valid, {t['tests_passed']} tests pass, "
      f"{t['processes']} q processes, {t['fallback']} with per-test fallback)")
PY
}

run_verify "cold-jobs2-no-python" 2 --force --no-python
run_verify "cold-jobs2-python" 2 --force
run_verify "cold-jobs1-no-python" 1 --force --no-python
run_verify "warm-jobs2-cached" 2 --no-python

# Per-process overhead: start the q binary on a one-line script, $STARTS times.
echo 'exit 0' > "$WORK/empty.q"
Q_ABS=$(realpath "$Q_BIN")
times=$( { TIMEFORMAT='%R %U %S'; time (for _ in $(seq "$STARTS"); do
  (cd "$WORK" && "$Q_ABS" empty.q -q </dev/null >/dev/null); done); } 2>&1 )
python3 - "$Q_BIN" "$STARTS" $times <<'PY'
import sys
q, n, wall, user, sys_ = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:6])
print(f"q process start+exit ({q}): {wall / n * 1000:.1f} ms wall, "
      f"{(user + sys_) / n * 1000:.1f} ms CPU per process (mean of {n}, including the shell's fork)")
PY
# Per-problem overhead inside q-verify (temp dir, runner.q, sandboxed q process, report
# and copy): $SYNTH one-test problems with a trivial solution, --jobs 1, no Python.
FIX=tests/fixtures/q_verify
for i in $(seq "$SYNTH"); do
  d="$WORK/synth/p$i"
  mkdir -p "$d"
  cp "$FIX/solutions/right.q" "$d/sol.q"
  cp "$FIX/problems/3285_find-indices-of-stable-mountains/q_test_case_1.q" "$d/"
  cp "$FIX/problems/3285_find-indices-of-stable-mountains/test_case_1_expected.json" "$d/"
done
times=$( { TIMEFORMAT='%R %U %S'; time "$BIN/q-verify" --input "$WORK/synth" \
    --output "$WORK/synth-out" --q-bin "$Q_BIN" --jobs 1 --no-python -q >/dev/null 2>&1 || true; } 2>&1 )
python3 - "$SYNTH" $times <<'PY'
import sys
n, wall, user, sys_ = int(sys.argv[1]), *map(float, sys.argv[2:5])
print(f"q-verify per one-test problem (one q process each, --jobs 1): {wall / n * 1000:.1f} ms wall, "
      f"{(user + sys_) / n * 1000:.1f} ms CPU (mean of {n})")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
