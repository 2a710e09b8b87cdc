# The two README commands: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
PORT ?= 8000
WORKERS ?= 3
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export FLASK_APP := wsgi
PYTEST_ARGS ?=

.PHONY: run test test-pg test-e2e test-all gates bench lint assets translations messages migrate demo install clean

$(VENV_STAMP): pyproject.toml
	test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/pip install -q --upgrade pip
	.venv/bin/pip install -q -e '.[test]'
	touch $@

install: $(VENV_STAMP)

static/vendor/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor/designsystemet
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css static/vendor/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-theme/brand/digdir.css static/vendor/designsystemet/digdir.css
	touch $@

assets: static/vendor/.stamp

translations: $(VENV_STAMP)
	.venv/bin/pybabel compile --use-fuzzy -d portal/translations 2>&1 | grep -v "^compiling" || true

messages: $(VENV_STAMP)
	.venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o portal/translations/messages.pot .
	.venv/bin/pybabel update -i portal/translations/messages.pot -d portal/translations --no-fuzzy-matching

migrate: $(VENV_STAMP)
	.venv/bin/flask db upgrade

demo: migrate
	.venv/bin/flask demo load
	.venv/bin/flask search reindex --if-outdated

# Links in mail, .ics, feeds and OCDS point to the port the portal really serves (make run PORT=8123).
run demo migrate: export PORTAL_BASE_URL ?= http://127.0.0.1:$(PORT)

run: install assets translations demo
	@echo "Møteplassen on http://127.0.0.1:$(PORT)"
	.venv/bin/gunicorn --config python:portal.gunicorn_conf --workers $(WORKERS) --bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

test: install assets translations
	rm -rf out/html && mkdir -p out/html
	PORTAL_TEST_HTML_DIR=out/html $(PY) -m pytest -n 2 -q $(PYTEST_ARGS)
	$(PY) -m tests.htmlcheck out/html

test-pg: install assets translations
	PORTAL_TEST_DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest -n 2 -q $(PYTEST_ARGS)

test-e2e: install assets translations
	$(PY) -m pytest -q -p no:xdist tests/e2e --override-ini addopts="-p no:cacheprovider" \
		--output out/e2e --screenshot only-on-failure --tracing retain-on-failure $(PYTEST_ARGS)

gates: install
	.venv/bin/pip install -q -e '.[gates]'
	$(PY) -m pytest -q -s -p no:xdist tests/gates --override-ini addopts="-p no:cacheprovider" $(PYTEST_ARGS)

bench: install
	$(PY) -m pytest -q -s tests/bench --override-ini addopts="-p no:cacheprovider"

lint: install
	.venv/bin/ruff check portal tests
	.venv/bin/bandit -q -r portal -ll -ii

clean:
	rm -rf .venv node_modules static/vendor out
