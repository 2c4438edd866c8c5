# Set-up, serve, build and test Sourcebook. `make serve` and `make test` do everything.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve build test eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/python scripts/evaluate.py

bench: install
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf site .pytest_cache
