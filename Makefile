# The README's two commands: `make run` and `make test`. Both set everything up from a fresh
# clone: uv (installed from PyPI into .tools/ when missing), the .venv from uv.lock, the
# SQLite database under var/.

SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test lint setup db bench load clean

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
	$(MANAGE) create_demo_users --if-debug --url http://$(HOST):$(PORT)

# The task worker (report builds, bulk imports, the dashboard made again after a save) runs
# beside the web server and stops with it.
run: db
	$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Production settings on this machine: PostgreSQL, DEBUG off, gunicorn with several workers
# (gunicorn.conf.py), static files by WhiteNoise with hashed names, a task worker. Plain HTTP on
# loopback, so HTTPS redirects and HTTPS-only cookies are off; behind a TLS proxy they are on
# (README, "Production settings"). The secret key is made once and kept in var/secret_key.
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/sijeong
serve: export DEBUG = 0
serve: export DATABASE_URL = $(SERVE_DATABASE_URL)
serve: export SECURE_SSL_REDIRECT = 0
serve: export SECURE_COOKIES = 0
serve: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export CONN_MAX_AGE ?= 60
serve: setup
	mkdir -p var
	test -s var/secret_key || (umask 077; $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" >var/secret_key)
	export SECRET_KEY="$$(cat var/secret_key)"; \
	$(MANAGE) migrate --no-input && \
	$(MANAGE) createcachetable && \
	$(MANAGE) collectstatic --no-input --verbosity 0 && \
	$(MANAGE) load_seed && \
	{ $(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	  $(UV) run --frozen gunicorn sijeong.wsgi:application --bind $(HOST):$(PORT); }

test: setup
	$(UV) run --frozen pytest $(PYTEST_ARGS)

bench: setup
	$(UV) run --frozen python bench/reports.py
	$(UV) run --frozen python bench/ingest.py
	$(UV) run --frozen python bench/checking.py
	$(UV) run --frozen python bench/reading.py
	$(UV) run --frozen python bench/planning.py
	$(UV) run --frozen python bench/public.py

# Issue 16's load test on PostgreSQL (bench/load.py: fills LOAD_DATABASE_URL, default
# sijeong_load, with ten years of 26 offices once; then about 3 minutes of load).
load: setup
	$(UV) run --frozen python bench/load.py

lint: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy sijeong

clean:
	rm -rf var .venv .tools
