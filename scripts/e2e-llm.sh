#!/usr/bin/env bash
# End-to-end check of the model path against a real local model server (`make e2e-llm`):
# starts llama.cpp's OpenAI-compatible server with SmolLM2-135M-Instruct through
# scripts/local-llm.sh, runs gen-intents --use-openai --base-url on a small batch,
# checks the result with validate-dataset, then runs gen-intents again and checks that
# every call is replayed from the cache, and runs the client's real-server test
# (tests/cli/llm.rs, ignored otherwise). Stops the server if this script started it.
# Not part of CI: the first install compiles llama.cpp (7 to 15 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release}
OUT=${E2E_OUT:-output/e2e-llm}
rm -rf "$OUT"
mkdir -p "$OUT"

started=0
if ! URL=$(bash scripts/local-llm.sh status 2>/dev/null); then
    URL=$(bash scripts/local-llm.sh start)
    started=1
fi
cleanup() { if [ "$started" = 1 ]; then bash scripts/local-llm.sh stop; fi; }
trap cleanup EXIT
echo "e2e-llm: server at $URL" >&2

run_gen() {
    "$BIN/gen-intents" --test --seed 7 --output "$OUT/training_data.json" \
        --use-openai --base-url "$URL" --model smollm2-135m-instruct \
        --llm-per-intent 3 --batch-size 3 --temperature 0.7 \
        --concurrency 2 --timeout 300 --max-retries 2 --json-attempts 2 \
        --cache-dir "$OUT/cache" --no-progress "$@"
}

t0=$(date +%s)
run_gen 2> "$OUT/first.log" || { cat "$OUT/first.log" >&2; exit 1; }
t1=$(date +%s)
cat "$OUT/first.log" >&2
echo "e2e-llm: first run took $((t1 - t0)) s" >&2

"$BIN/validate-dataset" "$OUT/training_data.json" --report "$OUT/validation_report.json" >&2

cp "$OUT/training_data.json" "$OUT/first.json"
run_gen 2> "$OUT/second.log" || { cat "$OUT/second.log" >&2; exit 1; }
cat "$OUT/second.log" >&2
grep -q "calls 0 " "$OUT/second.log" || grep -q "0 new calls" "$OUT/second.log" \
    || { echo "e2e-llm: error: the second run made new calls" >&2; exit 1; }
# The client alone against the same server: JSON helper, rejects, cache replay.
DSFORGE_E2E_BASE_URL="$URL" cargo test --release --test cli -- --ignored real_ --nocapture >&2
echo "e2e-llm: passed (dataset, report and logs in $OUT)" >&2
