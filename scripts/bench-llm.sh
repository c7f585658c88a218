#!/usr/bin/env bash
# Benchmark of the model client: sustained request rate against the test server on
# 127.0.0.1 with a 600 requests/minute limit and 50 ms replies (examples/bench_llm.rs).
# Pass: at least 95% of the limit, zero lost requests. Extra arguments go to the bench
# (--requests N --rpm R --delay-ms MS --concurrency C). Exit 0 pass, 1 fail.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --example bench_llm >&2
exec target/release/examples/bench_llm --requests 600 --rpm 600 --delay-ms 50 --concurrency 8 "$@"
