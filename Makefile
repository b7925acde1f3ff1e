# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_READ_ONLY := 1

.PHONY: demo test install install-test bench public-benchmark clean

$(BIN)/prescreen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/prescreen

demo: install
	@mkdir -p build
	$(BIN)/prescreen score examples/batch_small.csv --out build/scored.csv --id-column work_id \
		--review-queue build/review_queue.csv
	@$(BIN)/python -c "import csv; [print(r['work_id'], r['level'] or '-', r['category'] or '-', 'review' if r['needs_review']=='true' else 'ok', r['error'], sep=' | ') for r in csv.DictReader(open('build/scored.csv', encoding='utf-8-sig'))]"
	$(BIN)/prescreen check examples/draft_community_water.txt --applied-category effective_change

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python scripts/bench.py

public-benchmark: install
	$(BIN)/python scripts/public_benchmark.py

clean:
	rm -rf build $(VENV)
