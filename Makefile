# Sotong: `make run` serves the portal with the demo data; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Compiled translations (.mo): built here in pure Python, never committed (decision 0011).
MO     := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

%.mo: %.po | $(STAMP)
	$(BIN)/python -m sotong.core.translations

run: $(STAMP) $(MO)
	$(BIN)/sotong run

test: $(STAMP) $(MO)
	$(BIN)/python -m tests.run_suites

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/list_import.py

clean:
	rm -rf var
