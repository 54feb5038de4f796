# kommunbudget: `make build` then `make test`. Both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= warehouse.duckdb
DOCS_DIR ?= docs/site
BENCH_VENV := .venv-bench
# Installs come from uv.lock through uv: the uv on PATH if there is one, else this pinned
# version, installed by pip into its own venv (.uv-bootstrap/); the system Python is untouched.
UV_VERSION := 0.13.9
UV_BOOTSTRAP := .uv-bootstrap
UV ?= $(or $(shell command -v uv 2>/dev/null),$(UV_BOOTSTRAP)/bin/uv)
# uv uses $(PYTHON) (never a Python of its own download) and installs into $(VENV). It is named by
# its real path: through a shim (pyenv) uv would take the .venv for another Python and recreate it.
UV_ENV := UV_PROJECT_ENVIRONMENT="$(CURDIR)/$(VENV)" UV_PYTHON_DOWNLOADS=never
UV_PYTHON := --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"

.DEFAULT_GOAL := help
.PHONY: help install lock browser build test lint docs bench bench-env eval clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(UV_BOOTSTRAP)/bin/uv:
	$(PYTHON) -m venv $(UV_BOOTSTRAP)
	$(UV_BOOTSTRAP)/bin/pip install --quiet uv==$(UV_VERSION)

# --frozen: exactly what uv.lock says, no resolving (after changing pyproject.toml: make lock).
# The project itself is installed editable: .venv/bin/kommunbudget runs this working tree.
$(STAMP): pyproject.toml uv.lock | $(filter $(UV_BOOTSTRAP)/bin/uv,$(UV))
	$(UV_ENV) $(UV) sync --frozen --extra dev $(UV_PYTHON)
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the project with its test tools, as locked in uv.lock

lock: | $(filter $(UV_BOOTSTRAP)/bin/uv,$(UV)) ## re-resolve uv.lock after changing the dependencies in pyproject.toml
	$(UV_ENV) $(UV) lock $(UV_PYTHON)

# The report's browser test drives Debian's Chromium (playwright's own browser download does
# not work on these machines). Where it cannot be installed, that one test is skipped and says why.
browser: ## Chromium for the report's browser test: installed with apt-get if missing (as root)
	@found=; for b in /usr/bin/chromium chromium chromium-browser google-chrome; do \
		command -v $$b >/dev/null 2>&1 && { found=$$(command -v $$b); break; }; done; \
	if [ -n "$${KOMMUNBUDGET_BROWSER+set}" ]; then echo "browser: KOMMUNBUDGET_BROWSER='$$KOMMUNBUDGET_BROWSER'"; \
	elif [ -n "$$found" ]; then echo "browser: $$found"; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "browser: no Chromium found and not root, so not installing it: the report's browser test will be skipped (install it: sudo apt-get install -y chromium)" >&2; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "browser: no Chromium found and no apt-get here: the report's browser test will be skipped (install chromium, or chromium-browser / google-chrome on PATH)" >&2; \
	else \
		echo "browser: installing Debian's chromium for the report's browser test"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "browser: apt-get install chromium failed: the report's browser test will be skipped" >&2; \
	fi

build: $(STAMP) ## land the bundled corpus, validate, run dbt, publish $(DB)
	$(BIN)/kommunbudget build --db $(DB)

test: $(STAMP) browser ## run the whole test suite (pytest, including the dbt build, its tests and a browser)
	$(BIN)/python -m pytest -n auto --dist worksteal

lint: $(STAMP) ## ruff and mypy (Python) and sqlfluff (dbt models)
	$(BIN)/ruff check extract kommunbudget tests bench
	$(BIN)/ruff format --check extract kommunbudget tests bench
	$(BIN)/sqlfluff lint models macros
	$(BIN)/mypy

docs: $(STAMP) ## the dbt docs site of $(DB) (every model and column): $(DOCS_DIR)/static_index.html
	@test -f $(DB) || { echo "$(DB) does not exist: run make build first" >&2; exit 1; }
	KOMMUNBUDGET_DB=$(DB) $(BIN)/dbt docs generate --static --target docs \
		--project-dir . --profiles-dir . --target-path $(DOCS_DIR) --log-path $(DOCS_DIR)/logs
	@echo "open $(DOCS_DIR)/static_index.html (works offline), or: $(BIN)/dbt docs serve --target-path $(DOCS_DIR)"

bench: $(STAMP) ## measure extraction (also office PDFs against peers: make bench-env), parallelism, scale and queries: docs/benchmarks.md (QUICK=1: small sizes)
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)

# The peers of the office-PDF benchmark (camelot, PyMuPDF) get their own venv: measured there, never
# dependencies of the project (PyMuPDF is AGPL). The project is installed beside them, its own
# dependencies held to uv.lock's versions, so the peers cannot change what the project runs on.
bench-env: | $(filter $(UV_BOOTSTRAP)/bin/uv,$(UV)) ## the office-PDF benchmark's peers (camelot-py, PyMuPDF) in .venv-bench, never in .venv
	$(UV) venv --allow-existing --quiet $(BENCH_VENV) $(UV_PYTHON)
	$(UV) export --frozen --no-hashes --no-emit-project --quiet -o $(BENCH_VENV)/locked.txt
	$(UV) pip install --quiet --python $(BENCH_VENV)/bin/python -c $(BENCH_VENV)/locked.txt camelot-py pymupdf -e .

eval: $(STAMP) ## read the development corpus (12 other municipalities) and score it against its typed tables: docs/benchmarks.md
	$(BIN)/python -m bench.eval

clean: ## remove build products: dbt folders, working copies, the bench cache (not the published warehouse)
	rm -rf target logs .build .pytest_cache $(dir $(DB)).$(notdir $(DB)).dbt .bench-cache
