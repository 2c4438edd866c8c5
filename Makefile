# Set-up, serve, build and test Sourcebook. `make serve` and `make test` do everything.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve build test browser eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,faces]'
	touch $(STAMP)

serve: install
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

test: install browser
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's Chromium; install it when we can (as root with apt).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

eval: install
	$(BIN)/python scripts/evaluate.py

bench: install
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_scale.py

clean:
	rm -rf site .pytest_cache
