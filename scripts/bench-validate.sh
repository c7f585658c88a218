#!/usr/bin/env bash
# Benchmark validate-dataset: records/s and peak memory (RSS) on a generated intent
# dataset in JSONL, at several sizes (default 100k and 1M records; "1000000 3000000"
# shows memory is flat in N), with the
# near-duplicate search on. Memory is measured by /usr/bin/time -v when present, else
# from /proc (VmHWM). The dataset comes from target/release/gen-intents when it exists
# (and BENCH_GENERATOR is not "python"), else from the small python3 generator below,
# which writes template-like examples with the fields of an intent dataset.
#
#   scripts/bench-validate.sh [SIZES...]     e.g. scripts/bench-validate.sh 1000000
#   BENCH_DIR=/tmp/x BENCH_JOBS=2 scripts/bench-validate.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(100000 1000000)
DIR=${BENCH_DIR:-$(mktemp -d)}
JOBS=${BENCH_JOBS:-2}
mkdir -p "$DIR"

cargo build --release --bin validate-dataset >&2
BIN=target/release/validate-dataset

generate() { # N FILE
  local n=$1 out=$2
  if [ -x target/release/gen-intents ] && [ "${BENCH_GENERATOR:-}" != python ]; then
    target/release/gen-intents --format jsonl --examples-per-intent $((n / 10)) \
      --edge-cases 0 --output "$out" --seed 7 -q
    return
  fi
  python3 - "$n" "$out" <<'PY'
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
intents = ["question_answering", "creative_writing", "code_generation", "data_analysis",
           "reasoning", "summarization", "translation", "conversation", "task_planning",
           "problem_solving"]
lead = {
    "question_answering": ["what is", "who discovered", "when did", "where can i learn about"],
    "creative_writing": ["write a poem about", "write a short story about", "compose a song about"],
    "code_generation": ["write a python function for", "implement in rust", "write a script that handles"],
    "data_analysis": ["analyze the data on", "find trends in the numbers for", "compare the statistics of"],
    "reasoning": ["explain why", "what follows logically from", "reason step by step about"],
    "summarization": ["summarize the article on", "give me the key points of", "tl;dr of the report on"],
    "translation": ["translate into french the note on", "translate into spanish", "how do you say in german"],
    "conversation": ["let's chat about", "what do you think of", "tell me how you feel about"],
    "task_planning": ["plan my week around", "make a schedule for", "break into steps"],
    "problem_solving": ["help me fix", "how can i solve", "troubleshoot"],
}
nouns = ("photosynthesis volcanoes tax returns binary trees the roman empire jazz music "
         "compound interest black holes climate change sourdough bread marathon training "
         "neural networks the water cycle chess openings quantum computing coral reefs "
         "medieval castles solar panels sleep science urban gardening supply chains "
         "vaccines bird migration ancient egypt ocean tides electric cars poetry meters").split()
adjs = "simple detailed quick thorough friendly formal casual technical short long clear".split()
auds = ["child", "beginner", "intermediate", "expert", "general"]
cx = ["simple", "moderate", "complex"]
styles = ["formal", "casual", "technical", "polite", "urgent", "terse"]
tails = ["please", "for my class", "in plain words", "with examples", "as soon as possible",
         "for a presentation", "step by step", "in under 100 words", "for my team", ""]
with open(out, "w") as f:
    for i in range(n):
        it = intents[i % 10]
        a, b = rng.sample(nouns, 2)
        text = " ".join(x for x in [rng.choice(lead[it]), a, "and", b, "in a", rng.choice(adjs),
                                    "way for a", auds[i % 5], rng.choice(tails), f"#{i}"] if x)
        f.write(json.dumps({"text": text, "intent": it, "audience": auds[i % 5],
                            "complexity": cx[i % 3], "confidence": round(0.3 + rng.random() * 0.69, 2),
                            "metadata": {"generation_method": "template", "style": rng.choice(styles),
                                         "technical_level": 1 + i % 5, "topic": a},
                            "generated_at": "2026-01-01T00:00:00Z"}) + "\n")
PY
}

measure() { # FILE -> prints "seconds peak_kib exit"
  local f=$1 log=$DIR/time.log
  local start end code=0
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$BIN" "$f" --jobs "$JOBS" -q --report "$DIR/report.json" 2>"$log" || code=$?
    end=$(date +%s.%N)
    local kib cpu
    kib=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log")
    cpu=$(awk -F: '/User time|System time/ {s += $2} END {print s}' "$log")
    echo "$(echo "$end - $start" | bc -l) $kib $code $cpu"
  else
    "$BIN" "$f" --jobs "$JOBS" -q --report "$DIR/report.json" &
    local pid=$! peak=0 v
    while kill -0 $pid 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
      [ -n "$v" ] && [ "$v" -gt "$peak" ] && peak=$v
      sleep 0.05
    done
    wait $pid || code=$?
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc -l) $peak $code 0"
  fi
}

# cpu_s is user+system CPU time: on a busy machine (other builds running) wall time
# overstates what an idle 2-core machine needs; load is printed for that reason.
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc), jobs: $JOBS"
printf '%-10s %-8s %-10s %-12s %-8s %-16s %-12s %s\n' records MiB wall_s records/s cpu_s records/cpu_s peak_RSS_MiB exit
for n in "${SIZES[@]}"; do
  f=$DIR/bench-$n.jsonl
  [ -s "$f" ] || generate "$n" "$f"
  read -r secs kib code cpu < <(measure "$f")
  mib=$(du -m "$f" | cut -f1)
  rate=$(echo "$n / $secs" | bc -l)
  cpurate=$(echo "if ($cpu > 0) $n / $cpu else 0" | bc -l)
  printf '%-10s %-8s %-10.2f %-12.0f %-8.2f %-16.0f %-12.1f %s\n' "$n" "$mib" "$secs" "$rate" \
    "$cpu" "$cpurate" "$(echo "$kib / 1024" | bc -l)" "$code"
  python3 - "$DIR/report.json" <<'PY' || true
import json, sys
r = json.load(open(sys.argv[1]))
m, nd = r["metrics"], r["metrics"]["near_duplicates"] or {}
print(f"           distinct-3 {m['distinct_3']:.3f}, exact dups {m['exact_duplicates']['records']}, "
      f"near-dup records {nd.get('records')}, candidate pairs {nd.get('candidate_pairs')}, "
      f"lsh {nd.get('lsh')}, errors {r['records_with_errors']}")
PY
done
echo "data and reports in $DIR" >&2
