# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := $(VENV)/.stamps
PORT ?= 8000
# `make run` shows the pages citizens see (Vietnamese error pages); `make dev` Django's debug pages.
RUN_DEBUG ?= 0
# Links in receipts and e-mails carry the port the portal is served on: `make run PORT=8010`
# gives :8010 links. A PORTAL_PORT set in the environment (a front server's port) wins.
export PORTAL_PORT ?= $(PORT)

.PHONY: install run dev test test-fast test-plugin lint format check bench bench-quick lock migrate seed messages

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

# Bytecode: this machine (and many CI images) set PYTHONDONTWRITEBYTECODE, so without this every
# process would compile the ~600 MB of dependencies' source again (seconds of each start-up).
# The project's own files are compiled at each install (only those changed since).
$(STAMPS)/bytecode: $(STAMPS)/python
	@$(PY) -m compileall -q -j 0 $(VENV)/lib >/dev/null || true
	@mkdir -p $(STAMPS) && touch $@

install: $(STAMPS)/python $(STAMPS)/system $(STAMPS)/bytecode
	@$(PY) -m compileall -q -j 0 platform tenants procedure_plugins workflows cms manage.py >/dev/null || true

# The local OpenID Connect provider (npm `oidc-provider`, from its lock file) the identity tests start.
$(STAMPS)/oidc-provider: tests/identity/oidc_provider/package-lock.json $(STAMPS)/system
	./tests/identity/oidc_provider/install.sh
	@mkdir -p $(STAMPS) && touch $@

# axe-core (npm, from its lock file), injected into every page the browser journeys visit.
$(STAMPS)/axe-core: tests/browser/axe/package-lock.json $(STAMPS)/system
	./tests/browser/axe/install.sh
	@mkdir -p $(STAMPS) && touch $@

# Only what is behind: the public schema if needed, the localities whose migration-state marker
# differs from the migrations on disk (one query), in parallel; then the template schema.
migrate: install
	$(PY) manage.py migrate_localities

# Demo localities, logins and data, created once per locality (never undoes a user's change).
seed: migrate
	$(PY) manage.py seed_demo

# One process migrates what is behind, seeds (skipping what exists), prints the URLs and serves.
run: install
	DEBUG=$(RUN_DEBUG) $(PY) manage.py portal_run --port $(PORT)

# For developers: `make run` with DEBUG on (tracebacks, URL lists). Never on a public address.
dev: RUN_DEBUG := 1
dev: run

# CI (CI=true) starts from an empty test database; locally the database is reused between runs.
# Tests run in random order (pytest-randomly prints its seed in the header; repeat an order with
# PYTEST_ARGS="--randomly-seed=N", keep file order with PYTEST_ARGS="-p no:randomly").
# Pytest's exit code 5 ("no tests collected") stays a failure: a run that tested nothing is red.
PYTEST := $(PY) -m pytest $(if $(CI),--create-db,)
NO_TESTS_MESSAGE := echo "pytest collected no tests: that is a failure" >&2

test: install $(STAMPS)/oidc-provider $(STAMPS)/axe-core
	@$(PYTEST) $(PYTEST_ARGS) || { rc=$$?; [ $$rc -ne 5 ] || $(NO_TESTS_MESSAGE); exit $$rc; }

test-fast: install $(STAMPS)/oidc-provider
	@$(PYTEST) -m "not slow" $(PYTEST_ARGS) || { rc=$$?; [ $$rc -ne 5 ] || $(NO_TESTS_MESSAGE); exit $$rc; }

# An installed procedure plugin's own tests, with the portal's settings, test database and
# fixtures (conftest.py): `make test-plugin PLUGIN=~/plugins/tu-ky-xac-nhan`. No tests is a failure.
test-plugin: install
	@test -n "$(PLUGIN)" || { echo "Cần PLUGIN=<thư mục plugin>, ví dụ: make test-plugin PLUGIN=~/plugins/tu-ky-xac-nhan" >&2; exit 2; }
	$(PY) -m pytest -c pyproject.toml --rootdir=. -p conftest $(PYTEST_ARGS) $(PLUGIN)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	PORTAL_ENV=test $(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: lint test

# The message catalogues (locale/vi, locale/en) brought up to date with the source, compiled, and
# the English messages still to translate listed (README, "Languages"). `--check` fails on any.
messages: install
	$(PY) manage.py messages $(if $(CHECK),--check,)

# Every benchmark, each figure beside its limit, written into docs/performance.md (a throw-away
# database on DATABASE_URL's server, dropped at the end). bench-quick: 200 localities, every day.
bench: install
	$(PY) benchmarks/run_all.py

bench-quick: install
	$(PY) benchmarks/run_all.py --quick

lock:
	$(VENV)/bin/uv pip compile -q pyproject.toml --extra dev -o requirements.lock
