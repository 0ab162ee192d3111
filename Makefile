# Two commands do all set-up on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
WEB_CONCURRENCY ?= 2
FLASK := $(BIN)/flask --app lindungi
PYBABEL := $(BIN)/pybabel
CATALOG := translations/messages.pot
# The access log names the path only: no query string (answers to the eligibility questions),
# no referrer and no user agent.
ACCESS_LOG_FORMAT := '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# Run apt-get as root directly, else through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install translations extract update compile db secret lint browser postgres clean

run: install compile secret db
	@echo "First staff account: $(FLASK) staff create you@makassarkota.go.id --role admin"
	@echo "Sample requests for the review desk (not for production): $(FLASK) seed-demo --with-requests"
	$(BIN)/gunicorn --workers $(WEB_CONCURRENCY) --bind $(HOST):$(PORT) --access-logfile - \
		--access-logformat $(ACCESS_LOG_FORMAT) 'lindungi:create_app()'

test: install compile browser postgres lint
	bash tests/run-suite.sh

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && \
		$(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,postgres,redis]'
	touch $@

# Translations: English msgids in code; Indonesian is the default locale and complete.
extract: install
	$(PYBABEL) extract -F babel.cfg -k _l -k N_ --sort-by-file --no-location \
		--project=lindungi -o $(CATALOG) .

update: extract
	$(PYBABEL) update -i $(CATALOG) -d translations --no-fuzzy-matching

compile: install
	$(PYBABEL) compile --statistics -d translations

# A random SECRET_KEY in instance/config.py, written once and never committed.
secret: instance/config.py

instance/config.py:
	mkdir -p instance
	umask 077 && $(BIN)/python -c "import secrets; print('SECRET_KEY = ' + repr(secrets.token_hex(32)))" > $@

db: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty

lint: install
	$(BIN)/ruff check site tests bench tools setup.py

# Debian's Chromium for the Playwright tests (pip's Playwright cannot download a browser here).
browser:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core; }

# PostgreSQL server binaries for the tests that run the migrations and search on PostgreSQL.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
