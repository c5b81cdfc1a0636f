# One task file: CI calls these targets verbatim.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_TOOLS := tests/tooling/node_modules/axe-core/axe.min.js

.PHONY: setup system test lint demo bench clean

setup: $(STAMP) system $(NODE_TOOLS)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# Debian packages the renderers and browser tests need (chromium, poppler, fonts, pango).
system:
	@bash scripts/system-deps.sh

$(NODE_TOOLS): tests/tooling/package.json
	cd tests/tooling && npm install --silent --no-audit --no-fund
	touch $(NODE_TOOLS)

test: setup
	$(PY) -m pytest -n 2 --dist loadfile

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

demo: setup
	$(PY) -m ligestat synth kk-2025 --out build/demo-data
	$(PY) -m ligestat report build/demo-data --year 2025 --out build/demo
	rm -f build/demo/kk-2025.duckdb build/demo/register.sqlite build/demo/register.sqlite-*
	$(PY) -m ligestat import build/demo-data --workspace build/demo/kk-2025.duckdb
	$(PY) -m ligestat register demo build/demo-data --year 2025 --db build/demo/register.sqlite \
	  --workspace build/demo/kk-2025.duckdb
	@echo "start the register: $(PY) -m ligestat serve --workspace build/demo/kk-2025.duckdb --db build/demo/register.sqlite --year 2025"

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
