# The README's two commands: `make run` and `make test`. Both set everything up from a fresh
# clone: uv (installed from PyPI into .tools/ when missing), the .venv from uv.lock, the
# SQLite database under var/.

SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint setup db bench clean

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen
	touch $@

FONTS := .tools/fonts/.installed

$(FONTS): requirements/fonts.txt | $(UV)
	$(UV) pip install --quiet --no-deps --require-hashes --target .tools/fonts -r $<
	touch $@

setup: .venv/.synced $(FONTS)

db: setup
	mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) load_seed
	$(MANAGE) create_demo_users --if-debug

run: db
	$(MANAGE) runserver $(HOST):$(PORT)

test: setup
	$(UV) run --frozen pytest $(PYTEST_ARGS)

bench: setup
	$(UV) run --frozen python bench/reports.py
	$(UV) run --frozen python bench/ingest.py
	$(UV) run --frozen python bench/checking.py
	$(UV) run --frozen python bench/planning.py
	$(UV) run --frozen python bench/public.py

lint: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy sijeong

clean:
	rm -rf var .venv .tools
