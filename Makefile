# Gương Sáng — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
# Development and demo run with DEBUG on; production sets DJANGO_DEBUG=0 and a real key.
export DJANGO_DEBUG ?= 1
export PATH := $(HOME)/.local/bin:$(PATH)
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PY := $(UV) run --frozen python
# Production leaves the dev tools out, and the demo's packages unless GS_DEMO=1 (a training
# installation: docs/deploy.md).
PROD_GROUPS := --no-dev $(if $(filter 1 true yes on,$(GS_DEMO)),--group demo)
PROD_PY := $(UV) run --frozen $(PROD_GROUPS) python
SYSTEM_PACKAGES := chromium-headless-shell gettext fonts-liberation2 poppler-utils libpango-1.0-0 libpangoft2-1.0-0 default-jre-headless softhsm2

.PHONY: run serve build-prod test test-fast test-pg test-e2e-prod test-scale mutation check demo demo-with-logins install assets messages makemessages build system-deps uv fmt clean

uv:
	@command -v uv >/dev/null 2>&1 || [ -x "$(HOME)/.local/bin/uv" ] || \
		python3 -m pip install --user --quiet --disable-pip-version-check uv || \
		python3 -m pip install --user --quiet --break-system-packages uv

# System packages the project needs (Debian): installed with apt-get when missing.
system-deps:
	@missing=""; \
	command -v chromium-headless-shell >/dev/null 2>&1 || missing="$$missing chromium-headless-shell"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v softhsm2-util >/dev/null 2>&1 || missing="$$missing softhsm2"; \
	[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing="$$missing fonts-liberation2"; \
	dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
		echo "Cài gói hệ thống:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q $$missing >/dev/null; \
	fi

# The dependencies' bytecode is compiled once, here: every process then loads it, even where
# PYTHONDONTWRITEBYTECODE is set (there, a fresh `seed_demo` spent about 1 s of CPU compiling).
.venv/.synced: pyproject.toml uv.lock | uv
	$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

install: .venv/.synced

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Front-end assets from npm, copied into static/vendor and served by WhiteNoise.
static/vendor/.copied: node_modules/.installed Makefile
	mkdir -p static/vendor/bootstrap static/vendor/htmx static/vendor/bootstrap-icons static/vendor/chartjs static/vendor/tom-select
	cp node_modules/chart.js/dist/chart.umd.min.js* static/vendor/chartjs/
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* static/vendor/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css static/vendor/bootstrap-icons/
	cp -r node_modules/bootstrap-icons/font/fonts static/vendor/bootstrap-icons/
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js* static/vendor/tom-select/
	cp node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css* static/vendor/tom-select/
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

# A second `make run` skips migrate and seed_demo when nothing they depend on changed: the stamp
# holds a fingerprint of the database (its URL, the SQLite file's inode), the migrations and the
# demo code, then the logins printed when it was built. `make demo` always runs both.
VAR_DIR := $(or $(GS_VAR_DIR),var)
DEMO_STAMP := $(VAR_DIR)/demo-ready
DEMO_FINGERPRINT = { echo "$${DATABASE_URL:-sqlite}"; \
	[ -n "$${DATABASE_URL:-}" ] || stat -c %i $(VAR_DIR)/guongsang.sqlite3; \
	cat guongsang/*/migrations/*.py guongsang/demo/*.py guongsang/demo/steps/*.py; } \
	2>/dev/null | sha1sum | cut -c1-40

demo-with-logins: build
	@set -o pipefail; \
	if [ -f $(DEMO_STAMP) ] && [ "$$(head -1 $(DEMO_STAMP))" = "$$($(DEMO_FINGERPRINT))" ]; then \
		echo "Dữ liệu mẫu đã có sẵn: không tạo lại."; tail -n +2 $(DEMO_STAMP); \
	else \
		rm -f $(DEMO_STAMP); \
		$(PY) manage.py migrate --noinput -v 0 && \
		$(PY) manage.py seed_demo --print-logins | tee $(DEMO_STAMP).new && \
		{ $(DEMO_FINGERPRINT); sed -n '/^Tài khoản dùng thử:/,$$p' $(DEMO_STAMP).new; } \
			> $(DEMO_STAMP) && rm -f $(DEMO_STAMP).new; \
	fi

# The server on SQLite with the demo data, and the task worker beside it (restarted when it
# stops: deploy/supervise, tested in tests/test_supervise.py). The worker starts once the server
# answers (or after 10 s), so the two do not share the cores while the server starts. The system
# checks run with migrate (when the database, migrations or demo changed) and in `make check`,
# not at every start.
run: demo-with-logins
	@setsid bash -c 'for i in $$(seq 50); do curl -fso /dev/null http://127.0.0.1:$(PORT)/healthz \
			&& break; sleep 0.2; done; \
		exec deploy/supervise $(PY) manage.py db_worker --interval 1 --no-reload' & worker=$$!; \
	trap "kill -- -$$worker 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver --noreload --skip-checks 127.0.0.1:$(PORT)

# Production: DEBUG off, settings only from the environment (DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, … see docs/deploy.md), no demo data.
# gunicorn with WEB_CONCURRENCY workers on PORT, and the task worker beside it (restarted).
serve: export DJANGO_DEBUG := 0
serve: build-prod
	$(PROD_PY) manage.py migrate --noinput -v 0
	$(PROD_PY) manage.py collectstatic --noinput -v 0
	@setsid deploy/supervise $(PROD_PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap "kill -- -$$worker 2>/dev/null" EXIT INT TERM; \
	$(UV) run --frozen $(PROD_GROUPS) gunicorn --config config/gunicorn.conf.py config.wsgi

# What serving needs, without the test tools (no chromium, no Java, no dev packages).
build-prod: uv assets
	$(UV) sync --frozen $(PROD_GROUPS) --inexact --quiet
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

# Mutation testing (mutmut) of the rules that decide outcomes, each module against its own fast
# tests, one process, SQLite: not part of `make test`. Scores and survivors: docs/testing.md.
mutation: install
	bench/mutation.sh workflow guongsang/nominations/workflow.py '*' \
		guongsang/nominations/tests/test_workflow_table.py
	bench/mutation.sh eligibility guongsang/nominations/eligibility.py \
		'x__missing x__deadline x__submitted_on x__nominee_q' \
		guongsang/nominations/tests/test_eligibility_rules.py
	bench/mutation.sh tally guongsang/council/services/tally.py \
		'x_passes x_rule_text x__not_recommended_reason' guongsang/council/tests/test_tally_rules.py
	bench/mutation.sh reward guongsang/catalogue/selectors.py 'x_round_up x_reward_amount' \
		guongsang/catalogue/tests/test_reward_rounding.py
	bench/mutation.sh stats-result guongsang/stats/services/result.py \
		'x_parse_dimensions x_check_years' guongsang/stats/tests/test_figure_arithmetic.py
	bench/mutation.sh stats-rows guongsang/stats/services/rows.py \
		'x_tally_groups x_stats_rows' guongsang/stats/tests/test_figure_arithmetic.py

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
	rm -rf var/guongsang.sqlite3* var/demo-ready static/vendor
