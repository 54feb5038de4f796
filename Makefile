# kommunbudget: `make build` then `make test`. Both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= warehouse.duckdb
DOCS_DIR ?= docs/site

.DEFAULT_GOAL := help
.PHONY: help install build test lint docs bench eval clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the project with its test tools

build: $(STAMP) ## land the bundled corpus, validate, run dbt, publish $(DB)
	$(BIN)/kommunbudget build --db $(DB)

test: $(STAMP) ## run the whole test suite (pytest, including the dbt build and its tests)
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff (Python) and sqlfluff (dbt models)
	$(BIN)/ruff check extract kommunbudget tests bench
	$(BIN)/ruff format --check extract kommunbudget tests bench

docs: $(STAMP) ## the dbt docs site of $(DB) (every model and column): $(DOCS_DIR)/static_index.html
	@test -f $(DB) || { echo "$(DB) does not exist: run make build first" >&2; exit 1; }
	KOMMUNBUDGET_DB=$(DB) $(BIN)/dbt docs generate --static --target docs \
		--project-dir . --profiles-dir . --target-path $(DOCS_DIR) --log-path $(DOCS_DIR)/logs
	@echo "open $(DOCS_DIR)/static_index.html (works offline), or: $(BIN)/dbt docs serve --target-path $(DOCS_DIR)"

bench: $(STAMP) ## measure extraction, parallelism, scale and queries: docs/benchmarks.md (QUICK=1: small sizes)
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)

eval: $(STAMP) ## read the development corpus (12 other municipalities) and score it against its typed tables: docs/benchmarks.md
	$(BIN)/python -m bench.eval

clean: ## remove build products (not the published warehouse)
	rm -rf target logs .build .pytest_cache
