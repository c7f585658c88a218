#!/usr/bin/env bash
# Benchmark gen-intents: examples/s and peak memory when streaming JSONL.
#
#   scripts/bench-gen.sh                 # 1M and 3M examples (100000 and 300000 per intent)
#   SIZES="100000 1000000" JOBS=2 scripts/bench-gen.sh
#
# Each size runs `gen-intents --format jsonl --examples-per-intent N --edge-cases 0`
# into a temp folder under /usr/bin/time -v and reports wall-clock examples/s,
# examples per CPU-second (user+sys; meaningful when the machine is shared) and the
# peak resident set size. Peak RSS that stays flat as N grows shows streaming works.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 300000"}
JOBS=${JOBS:-2}
cargo build --release --quiet --bin gen-intents
BIN=target/release/gen-intents
TIMER=/usr/bin/time
[ -x "$TIMER" ] || { echo "bench-gen: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
printf '%-12s %-10s %-10s %-10s %-14s %-16s %-10s\n' examples wall_s user_s sys_s examples/s examples/cpu_s peak_MiB
for per in $SIZES; do
  n=$((per * 10))
  "$TIMER" -v "$BIN" --format jsonl --examples-per-intent "$per" --edge-cases 0 \
      --jobs "$JOBS" -q -o "$TMP/bench.jsonl" 2> "$TMP/time.txt"
  lines=$(wc -l < "$TMP/bench.jsonl")
  [ "$lines" -eq "$n" ] || { echo "bench-gen: expected $n lines, got $lines" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$TMP/time.txt")
  user=$(awk -F': ' '/User time/ {print $2}' "$TMP/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$TMP/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$TMP/time.txt")
  awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
    printf "%-12d %-10.2f %-10.2f %-10.2f %-14.0f %-16.0f %-10s\n", n, w, u, s, n / w, n / (u + s), r }'
  rm -f "$TMP/bench.jsonl" "$TMP/bench.jsonl.meta.json"
done
echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
