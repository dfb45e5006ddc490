# Two commands: `make run` (everything, on a fresh machine) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint bench clean-var engine clean-engine messages

$(BIN)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# The rules engine compiled in place with mypyc: a draw outcome in about half the time, same
# results (eligibility/compile_engine.py). Rebuilt when a rule changes; an edited rule with a
# stale build refuses to import. Without a C compiler the site runs the Python source.
ENGINE_SOURCES := $(filter-out eligibility/rules/__init__.py,$(wildcard eligibility/rules/*.py))
ENGINE := eligibility/rules/.compiled

engine: $(ENGINE)

$(ENGINE): $(ENGINE_SOURCES) eligibility/compile_engine.py $(BIN)/.installed
	@echo "Compiling the rules engine with mypyc (about 20 s, once per change of a rule)"
	@mkdir -p var
	@touch $@  # before building: a rule saved during the build is newer, and rebuilt next time
	@$(BIN)/python -m eligibility.compile_engine >var/compile-engine.log 2>&1 \
		|| { rm -f eligibility/rules/*.so; \
		     echo "Could not compile the engine (see var/compile-engine.log): running its Python source"; }

clean-engine:
	rm -f eligibility/rules/*.so $(ENGINE)
	rm -rf build/engine

# The French catalogue, compiled (the .mo files are built, never committed). Only the
# project's own locale/: compilemessages would otherwise walk into .venv and node_modules.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

$(CATALOGUES): %.mo: %.po $(BIN)/.installed
	$(BIN)/python -m config.i18n --compile

# After marking new strings: extract them into the catalogue, then translate every empty msgstr
# (tests/test_translations.py fails while one is empty, fuzzy or missing).
messages: $(BIN)/.installed
	$(BIN)/python -m config.i18n

# Development settings: DEBUG on and a random secret key, kept in a git-ignored .env.
.env:
	@printf 'DEBUG=true\nSECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "Wrote .env (DEBUG=true, a random SECRET_KEY)"

# Browser tests drive Debian's chromium (Playwright's own browser download does not work here);
# npm installs the pinned axe-core they run. Both from Debian's packages when missing.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

/usr/bin/chromium:
	@$(APT_INSTALL) chromium >/dev/null

/usr/bin/npm:
	@$(APT_INSTALL) npm >/dev/null

# Links printed by the demo accounts and sent in the worker's emails point at this server
# (an explicit SITE_URL in the environment wins).
setup run: export SITE_URL ?= http://$(HOST):$(PORT)

setup: $(BIN)/.installed .env $(ENGINE) $(CATALOGUES)
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable  # the cache web server and worker share
	$(BIN)/python manage.py load_categories
	$(BIN)/python manage.py load_noc
	$(BIN)/python manage.py import_ircc_draws
	@IRCC_FEED_TIMEOUT_SECONDS=10 $(BIN)/python manage.py sync_ircc_feed \
		|| echo "IRCC's feed is not reachable now: the site starts with the rounds shipped in draws/data, and the worker tries again every 30 minutes."
	$(BIN)/python manage.py create_demo_accounts

run: setup
	@echo "Web: http://$(HOST):$(PORT)/  (Ctrl-C stops the web server and the worker)"
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(BIN)/celery -A config worker --beat --schedule var/celerybeat-schedule \
		--queues default,evaluation,email --concurrency 2 --loglevel INFO & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# axe-core for the accessibility tests, pinned in tests/e2e/package-lock.json, from the npm
# registry; installed again only when the lock file changes.
AXE := tests/e2e/node_modules/axe-core/axe.min.js

$(AXE): tests/e2e/package.json tests/e2e/package-lock.json /usr/bin/npm
	npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
	touch $@

test: $(BIN)/.installed .env /usr/bin/chromium $(ENGINE) $(AXE) $(CATALOGUES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	CELERY_FILESYSTEM_DIR=var/celery-test $(BIN)/pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

bench: $(BIN)/.installed .env $(ENGINE)
	$(BIN)/python manage.py bench_engine

clean-var:
	rm -rf var
