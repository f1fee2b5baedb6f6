# Gương Sáng — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
# Development and demo run with DEBUG on; production sets DJANGO_DEBUG=0 and a real key.
export DJANGO_DEBUG ?= 1
export PATH := $(HOME)/.local/bin:$(PATH)
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PY := $(UV) run --frozen python
PROD_PY := $(UV) run --frozen --no-dev python
SYSTEM_PACKAGES := chromium gettext fonts-liberation2 poppler-utils libpango-1.0-0 libpangoft2-1.0-0 default-jre-headless

.PHONY: run serve build-prod test test-fast test-pg test-e2e-prod test-scale check demo demo-with-logins install assets messages makemessages build system-deps uv fmt clean

uv:
	@command -v uv >/dev/null 2>&1 || [ -x "$(HOME)/.local/bin/uv" ] || \
		python3 -m pip install --user --quiet --disable-pip-version-check uv || \
		python3 -m pip install --user --quiet --break-system-packages uv

# System packages the project needs (Debian): installed with apt-get when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing="$$missing fonts-liberation2"; \
	dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
		echo "Cài gói hệ thống:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q $$missing >/dev/null; \
	fi

.venv/.synced: pyproject.toml uv.lock | uv
	$(UV) sync --frozen --quiet
	@touch $@

install: .venv/.synced

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Front-end assets from npm, copied into static/vendor and served by WhiteNoise.
static/vendor/.copied: node_modules/.installed Makefile
	mkdir -p static/vendor/bootstrap static/vendor/htmx static/vendor/bootstrap-icons static/vendor/chartjs
	cp node_modules/chart.js/dist/chart.umd.min.js* static/vendor/chartjs/
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* static/vendor/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css static/vendor/bootstrap-icons/
	cp -r node_modules/bootstrap-icons/font/fonts static/vendor/bootstrap-icons/
	@touch $@

assets: static/vendor/.copied

MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | system-deps install
	$(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules

messages: $(MO_FILES)

makemessages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --no-obsolete --no-location

build: system-deps install assets messages

demo: build
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py seed_demo

demo-with-logins: build
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py seed_demo --print-logins

# The server on SQLite with the demo data, and the task worker beside it (restarted when it
# stops: a small supervisor loop).
run: demo-with-logins
	@setsid bash -c 'while true; do $(PY) manage.py db_worker --interval 1 --no-reload; \
		echo "Trình chạy nền đã dừng; khởi động lại sau 2 giây." >&2; sleep 2; done' & worker=$$!; \
	trap "kill -- -$$worker 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

# Production: DEBUG off, settings only from the environment (DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, … see docs/deploy.md), no demo data.
# gunicorn with WEB_CONCURRENCY workers on PORT, and the task worker beside it.
serve: export DJANGO_DEBUG := 0
serve: build-prod
	$(PROD_PY) manage.py migrate --noinput -v 0
	$(PROD_PY) manage.py collectstatic --noinput -v 0
	@setsid $(PROD_PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap "kill -- -$$worker 2>/dev/null" EXIT INT TERM; \
	$(UV) run --frozen --no-dev gunicorn --config config/gunicorn.conf.py config.wsgi

# What serving needs, without the test tools (no chromium, no Java, no dev packages).
build-prod: uv assets
	$(UV) sync --frozen --no-dev --inexact --quiet
	@command -v msgfmt >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -q gettext >/dev/null; }
	$(PROD_PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules

test: build
	$(UV) run --frozen pytest -n 2 --dist loadfile -m "not scale_out"

test-fast: build
	$(UV) run --frozen pytest -n 2 -m "not e2e and not scale_out"

# The database tests again on PostgreSQL (used by .ci/run).
test-pg: build
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/guongsang} \
		$(UV) run --frozen pytest -n 2 --dist loadfile -m "not e2e and not scale_out"

# The browser journeys marked prod_journey against gunicorn with DJANGO_DEBUG=0, on PostgreSQL,
# the server's cache in Redis as in production.
test-e2e-prod: build
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/guongsang} GS_E2E_PROD=1 \
		REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
		$(UV) run --frozen pytest -m prod_journey tests/e2e

# Two web processes and two task workers on one PostgreSQL, one Redis, one media folder.
test-scale: build
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/guongsang} \
		REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
		$(UV) run --frozen pytest -m scale_out tests/test_scale_out.py

check: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy guongsang
	$(UV) run --frozen lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run -v 0
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=check-$$(python3 -c 'import secrets;print(secrets.token_urlsafe(50))') \
		DJANGO_ALLOWED_HOSTS=guongsang.example.vn \
		$(PY) manage.py check --deploy --fail-level WARNING

fmt: install
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

clean:
	rm -rf var/guongsang.sqlite3* static/vendor
