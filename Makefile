# The two commands of the README: `make run` and `make test`. Everything else is a helper.
# `make run` serves on http://127.0.0.1:8000.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
INDEX ?= $(or $(REFORM_SEARCH_INDEX),var/index)

.PHONY: run test install install-test index lint format clean bench-relevance bench-perf \
	bench-reliability bench-metadata bench-ingest bench-analytics

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(STAMP) $(TEST_STAMP)

install: $(STAMP)
install-test: $(TEST_STAMP)

# Incremental: unchanged files are skipped, so this is quick when the index is current.
index: $(STAMP)
	$(BIN)/reform-search index corpus --index $(INDEX)

run: index
	$(BIN)/reform-search serve --index $(INDEX)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/python -m pytest

# Benchmarks on the 20,000-article corpus (../shared/corpora, unpacked outside the repo):
# run them with nothing else busy. Relevance: ~2 min (~9 with a rebuild); speed: ~15 min.
bench-relevance: $(BENCH_STAMP)
	$(BIN)/python -m bench.relevance.run

bench-perf: $(BENCH_STAMP)
	$(BIN)/python -m bench.perf.run

bench-analytics: $(BENCH_STAMP)
	$(BIN)/python -m bench.perf.analytics

# pyvi's own segmentation path against the faster one: every line of the 20,000 articles
# must get the same labels; then both are timed on 2,000 articles. About 10 min.
.PHONY: bench-segmentation
bench-segmentation: $(BENCH_STAMP)
	$(BIN)/python -m bench.segmentation.run

# Reliability on a 2,000-article subset: live updates, kill -9, expensive queries, a hostile
# corpus. About 20 min on 2 cores (most of it builds killed at random moments).
bench-reliability: $(BENCH_STAMP)
	$(BIN)/python -m bench.reliability.run

bench-metadata: $(BENCH_STAMP)
	$(BIN)/python -m bench.metadata.run

# Real-document ingestion: 300 articles as web pages, PDF (Chromium prints them: ~6 min the
# first time), Word and legacy-encoded text, read as the indexer reads them. ~2 min after.
bench-ingest: $(BENCH_STAMP)
	$(BIN)/python -m bench.ingest.run

clean:
	rm -rf $(VENV) var build *.egg-info
