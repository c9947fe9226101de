# The two commands a newcomer needs: `make run` and `make test`. Both set everything up on a fresh
# clone (virtualenv, dependencies, local .env), so they can be run first thing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000
export PORT

.DEFAULT_GOAL := help
.PHONY: help install run serve demo test test-fast lint format check lock audit load bench bench-alerts lighthouse

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# requirements.lock pins every package: CI and every developer get the same versions.
$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]" -c requirements.lock
	@touch $@

# The HTML checker (Nu Html Checker) and Lighthouse come from npm; without npm the HTML checks skip
# locally.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: HTML validity checks will be skipped"; fi

install: $(VENV)/.installed ## Create .venv and install the dependencies
	@$(MAKE) --no-print-directory node_modules/.installed || true

# A local .env with a generated secret key, written once and never overwritten.
.env:
	@$(PYTHON) -c "import secrets; print('# Written by make on first run; see .env.example.\nDJANGO_SECRET_KEY=' + secrets.token_urlsafe(50))" > $@
	@echo "Wrote .env with a new DJANGO_SECRET_KEY"

demo: install .env ## Migrate and load the demo content (safe to re-run)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --resize-images

# collectstatic compresses some 2,000 files (Brotli and gzip): only redo it when they changed.
staticfiles/.collected: $(VENV)/.installed $(shell find static -type f 2>/dev/null)
	$(MANAGE) collectstatic --noinput --verbosity 0
	@touch $@

# The worker (Huey: e-mail alerts) runs beside gunicorn; Ctrl-C stops both. E-mails are written to
# var/mail/ unless EMAIL_URL says otherwise (README, « Alertes par e-mail »).
run: demo staticfiles/.collected ## Set up, load the demo, serve on http://127.0.0.1:$PORT with gunicorn, plus the worker
	@echo "Worker started (manage.py run_huey); e-mails are written to var/mail/ unless EMAIL_URL is set"
	@$(MANAGE) run_huey --quiet & worker=$$!; \
	trap 'kill -INT $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn ofpra_careers.wsgi -c gunicorn.conf.py

test: install .env ## Run the whole test suite (browser tests skip without Chromium, except in CI)
	$(VENV)/bin/pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status

load: install ## Load test: 64 connections for 60 s on a local gunicorn, fails on any error (needs wrk)
	scripts/load_test.sh

# Not part of `make test`: it takes minutes and its figures are read by people, not asserted.
bench: install ## Benchmark pages on PostgreSQL + Redis with gunicorn and wrk (BENCH_OFFERS=10000)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y --no-install-recommends wrk; } \
	|| { echo "make bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(PY) bench/run.py

# The alerts' digests at scale, to a local SMTP sink: BENCH_OFFERS (default 100000) offers,
# BENCH_SUBSCRIPTIONS (10000) over BENCH_SEARCHES (300) searches, on BENCH_DATABASE (PostgreSQL).
bench-alerts: install ## Benchmark the digests (10,000 alerts, 300 searches) to a local SMTP sink
	$(PY) bench/alerts.py

# Not part of `make test` either: about 90 s, and it needs Chromium (CHROME_PATH, /usr/bin/chromium).
lighthouse: install ## Lighthouse (desktop) on home, list and an offer; fails under its goals
	$(PY) bench/lighthouse.py

lock: ## Re-pin requirements.lock to what .venv has (after changing pyproject.toml and installing)
	@{ echo "# Exact versions of every package in the project's virtualenv (dependencies and the dev group),"; \
	echo "# installed as constraints by \`make install\`. Regenerate with \`make lock\` after changing pyproject.toml."; \
	$(PY) -m pip freeze --exclude-editable; } > requirements.lock

audit: install ## Known vulnerabilities in requirements.lock (pip-audit; says so if it cannot check)
	$(PY) .ci/audit_dependencies.py

lint: install ## ruff, djlint on the templates and the layers' import contract (lint-imports)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/djlint templates --check
	$(VENV)/bin/lint-imports

format: install ## Fix what ruff can fix, format the templates (djlint)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat

check: install .env ## Django system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
