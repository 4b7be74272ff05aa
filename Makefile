# Two commands for a fresh machine with Python 3.11+ and make:
#   make run    set everything up and serve the demo site at http://127.0.0.1:8000
#   make test   run the whole test suite
# Both are safe to run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Where readers reach the site: links in emails start from it (the demo Site's hostname and
# port), and so do the admin's emails. Set it if the server is reached by another name.
SITE_URL ?= http://$(HOST):$(PORT)
WAGTAILADMIN_BASE_URL ?= $(SITE_URL)

.PHONY: run setup install test lint format migrations-check deploy-check prod-local screenshots clean

run: setup
	@echo "Serving the demo site at http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --site-url $(SITE_URL)

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed" or 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The README's screenshots, from the demo site that `make run` serves (run it first).
screenshots: install
	$(BIN)/python bin/screenshots --site-url $(SITE_URL)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

deploy-check: install
	DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=campaigns.example.org WAGTAILADMIN_BASE_URL=https://campaigns.example.org \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Production shape on this machine: gunicorn, db_worker, PostgreSQL, Redis (see README).
prod-local: install
	bin/prod-local

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected .pytest_cache .ruff_cache .demo-admin-password .prod-local-secret-key
