#!/usr/bin/env bash
# Benchmark qlite: start-up time, `sum til 10000000`, a vector-heavy and a loop-heavy
# program. Prints wall-clock milliseconds for each (best of 3). Usage: scripts/bench-qlite.sh [QBIN]
set -euo pipefail
Q=${1:-target/release/qlite}
[ -x "$Q" ] || { echo "bench-qlite: error: $Q not built (run make build)" >&2; exit 2; }
ms() { date +%s%N; }
best() { # best of 3 runs of: $Q -q with stdin $1
  local b=999999999
  for _ in 1 2 3; do
    local t0; t0=$(ms); printf '%s\n' "$1" | "$Q" -q >/dev/null; local t1; t1=$(ms)
    local d=$(( (t1 - t0) / 1000 )); [ "$d" -lt "$b" ] && b=$d
  done
  echo "$b"
}
t0=$(ms); for _ in $(seq 1 50); do "$Q" -q </dev/null >/dev/null; done; t1=$(ms)
echo "start-up (mean of 50):        $(( (t1 - t0) / 50000 )) us"
echo "sum til 10000000:             $(best 'sum til 10000000') us"
echo "vector-heavy (1e6 floats):    $(best 'x:1000000?100f;y:x*x+1;z:sums y;r:avg z where z>50;s:asc x;d:distinct 1000000?1000;count d') us"
echo "loop-heavy (1e6 iterations):  $(best 'i:0;s:0;while[i<1000000;s+:i;i+:1];s') us"
echo "recursion (fib 22):           $(best 'fib:{$[x<2;x;fib[x-1]+fib x-2]};fib 22') us"
