# dsforge: build, test, demo, benchmarks. `make demo` and `make test` are the two
# set-up commands in README; .ci/run runs `make test`.

CARGO ?= cargo
BIN := target/release
SHARED ?= ../shared

.PHONY: build test demo bench clean

build:
	$(CARGO) build --release --bins

# Every test: unit tests, integration tests, q tests. One release build serves all.
test:
	$(CARGO) test --release

# The main job on shipped defaults: generate the intent dataset, validate it, show the summary.
demo: build
	mkdir -p output
	$(BIN)/gen-intents --output output/training_data.json --seed 42
	$(BIN)/validate-dataset output/training_data.json --report output/validation_report.json

bench: build
	bash scripts/bench-intents.sh

clean:
	$(CARGO) clean
	rm -rf output

# ---- intents (gen-intents, validate-dataset) ----

# ---- llm ----

# ---- qlite ----
.PHONY: conformance bench-qlite test-q
# Conformance with the KX reference console examples: core pages, then all pages.
conformance: build
	@python3 $(SHARED)/q-conformance/run.py $(BIN)/qlite --core | tail -1 | sed 's/^/core: /'
	@python3 $(SHARED)/q-conformance/run.py $(BIN)/qlite | tail -1 | sed 's/^/all:  /'

# The q-file suite (tests/q/*.q) and the qlite command-line tests.
test-q:
	$(CARGO) test --release --test cli qlite

bench-qlite: build
	bash scripts/bench-qlite.sh

# ---- pull-leetcode ----

# ---- q-verify ----
