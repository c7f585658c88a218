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
.PHONY: gen-intents-test bench-gen
# gen-intents: its integration tests (includes the default-size uniqueness check), and
# the benchmark (examples/s and peak memory at 1M and 3M examples; SIZES=... to change).
gen-intents-test:
	$(CARGO) test --release --test cli gen_intents
bench-gen:
	bash scripts/bench-gen.sh

# ---- llm ----

# ---- qlite ----

# ---- pull-leetcode ----

# ---- q-verify ----

.PHONY: qverify test-qverify bench-qverify

# Verify the q solutions in output/final_dataset; valid problems go to output/verified_dataset.
qverify: build
	$(BIN)/q-verify --input output/final_dataset --output output/verified_dataset

# q-verify's unit and integration tests only.
test-qverify:
	$(CARGO) test --release -- qverify q_verify

# Verified test cases per second on 2 cores over data/q-solutions/, and q start-up cost.
bench-qverify: build
	SHARED=$(SHARED) bash scripts/bench-qverify.sh
