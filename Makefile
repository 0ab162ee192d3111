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
# Run apt-get as root directly, else through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install install-run translations extract update compile db secret lint \
	browser postgres redis nginx bench clean lock

# gunicorn.conf.py reads HOST, PORT and WEB_CONCURRENCY (workers, timeouts, access log format);
# tools/serve.sh runs gunicorn and the outbox worker (`flask outbox work`) together: Ctrl-C stops both.
run: install-run compile secret db
	@echo "First staff account: $(FLASK) staff create you@makassarkota.go.id --role admin"
	@echo "Sample requests for the review desk (not for production): $(FLASK) seed-demo --with-requests"
	HOST=$(HOST) PORT=$(PORT) WEB_CONCURRENCY=$(WEB_CONCURRENCY) \
		bash tools/serve.sh $(BIN)/gunicorn --config gunicorn.conf.py 'lindungi:create_app()'

test: install compile browser postgres redis nginx lint
	bash tests/run-suite.sh

# Two stamps: `make run` installs what serving needs; `make install` (and `make test`) add the
# test tools (pytest, Playwright, ruff...).
install-run: $(VENV)/.installed-run
install: $(VENV)/.installed-test

$(VENV)/.installed-run: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && \
		$(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[postgres,redis]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run
	$(BIN)/pip install --quiet -e '.[test,postgres,redis]'
	touch $@

# Translations: English msgids in code; Indonesian is the default locale and complete.
extract: install-run
	$(PYBABEL) extract -F babel.cfg -k _l -k N_ --sort-by-file --no-location \
		--project=lindungi -o $(CATALOG) .

update: extract
	$(PYBABEL) update -i $(CATALOG) -d translations --no-fuzzy-matching

compile: install-run
	$(PYBABEL) compile --statistics -d translations

# A random SECRET_KEY and development keys for personal data at rest (DATA_KEYS, INDEX_KEY) in
# instance/config.py, written once (keys added to an older file) and never committed.
secret: instance/config.py
	@grep -q '^DATA_KEYS' $< || { umask 077 && $(BIN)/python -m lindungi.protection.devkeys >> $<; }

instance/config.py:
	mkdir -p instance && chmod 700 instance
	umask 077 && $(BIN)/python -c "import secrets; print('SECRET_KEY = ' + repr(secrets.token_hex(32)))" > $@

db: install-run
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	$(FLASK) content render

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

# redis-server for the tests that share the page cache and rate limits between app servers.
redis:
	@command -v redis-server >/dev/null || test -x /usr/bin/redis-server || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq redis-server; }

# The production dependency tree with exact versions and hashes (docs/security.md).
lock:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra postgres --extra redis \
		--strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# nginx for the test of two app servers behind the configuration docs/deploy.md ships.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx; }

# Load figures against issue 12's targets (bench/run.py): a throwaway database with launch-day
# data, the site as `make run` starts it and a bare Flask reference, wrk at 32 connections.
bench: install compile postgres
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
