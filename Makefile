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
# validate-dataset: benchmark (1M records; records/s and peak RSS), CLINC150 from ../shared
.PHONY: bench-validate validate-clinc150
bench-validate:
	bash scripts/bench-validate.sh 100000 1000000

validate-clinc150: build
	$(BIN)/validate-dataset $(SHARED)/data/intents/clinc150_data_full.json \
		--records train --text-field 0 --label-field 1 --min-chars 2

# ---- llm ----

# ---- qlite ----

# ---- pull-leetcode ----

# ---- q-verify ----
