# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := $(VENV)/.stamps
PORT ?= 8000

.PHONY: install run test test-fast lint format check bench lock migrate seed clean-db

$(STAMPS)/python: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check uv
	$(VENV)/bin/uv pip sync -q --python $(PY) requirements.lock
	$(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e .
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/system: scripts/system-deps.sh
	./scripts/system-deps.sh
	@mkdir -p $(STAMPS) && touch $@

install: $(STAMPS)/python $(STAMPS)/system

# The local OpenID Connect provider (npm `oidc-provider`, from its lock file) the identity tests start.
$(STAMPS)/oidc-provider: tests/identity/oidc_provider/package-lock.json $(STAMPS)/system
	./tests/identity/oidc_provider/install.sh
	@mkdir -p $(STAMPS) && touch $@

migrate: install
	$(PY) manage.py migrate_schemas --executor=standard -v 0

seed: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py enable_procedure --all --demo -v 0

run: seed
	@$(PY) manage.py portal_banner --port $(PORT)
	$(PY) manage.py runserver 0.0.0.0:$(PORT)

# CI (CI=true) starts from an empty test database; locally the database is reused between runs.
test: install $(STAMPS)/oidc-provider
	@set +e; $(PY) -m pytest $(if $(CI),--create-db,) $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; rc=0; fi; exit $$rc

test-fast: install $(STAMPS)/oidc-provider
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	PORTAL_ENV=test $(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: lint test

# Every benchmarks/*.py script (report.py is their shared helper); each writes its own section.
bench: install
	@set -e; for script in benchmarks/*.py; do \
	  case $$script in */report.py) continue;; esac; \
	  echo "== $$script"; $(PY) $$script; \
	done

lock:
	$(VENV)/bin/uv pip compile -q pyproject.toml --extra dev -o requirements.lock
