# hemed: `make run` starts the site with demo content; `make test` runs every test.
# Both set up what they need: a virtualenv in .venv and, unless DATABASE_URL is
# set, a project-local PostgreSQL in .pgdata (scripts/db.sh).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Local development runs with DEBUG on unless told otherwise.
export DEBUG ?= 1

.PHONY: run test serve db db-stop redis redis-stop proxy proxy-stop nginx migrate content admin-password check assets clean browser backup restore

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

db:
	@if [ -z "$$DATABASE_URL" ]; then scripts/db.sh start; else echo "Using DATABASE_URL."; fi

db-stop:
	@scripts/db.sh stop

# A project-local Redis (Debian's redis-server) for the shared cache; REDIS_URL=$$(scripts/redis.sh url).
redis:
	@scripts/redis.sh start

redis-stop:
	@scripts/redis.sh stop

# deploy/nginx.conf in front of gunicorn on http://127.0.0.1:$(PROXY_PORT) (needs SECRET_KEY, ALLOWED_HOSTS).
PROXY_PORT ?= 8080
proxy: DEBUG = 0
proxy: migrate
	PROXY_PORT=$(PROXY_PORT) BEHIND_PROXY=1 scripts/proxy.sh start

proxy-stop:
	@scripts/proxy.sh stop

# nginx for the proxy test (tests/deploy), like the browser target for Chromium.
nginx:
	@[ -x /usr/sbin/nginx ] && exit 0; \
	if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing nginx (Debian package nginx) for the proxy test..."; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }; \
	else \
		echo "The proxy test needs nginx. Install it, for example: sudo apt-get install nginx" >&2; exit 1; \
	fi

migrate: $(VENV)/.installed db
	$(PY) manage.py migrate --noinput

# Import content/ into the database: never overwrites what was changed in the admin (it lists
# those), and changes to live pages arrive as new draft versions. FORCE=1 overwrites.
content: migrate
	$(PY) manage.py load_content $(if $(FORCE),--force)

# Write the database back to content/ (review the result with git diff).
.PHONY: export
export: migrate
	$(PY) manage.py export_content

# Loads the example content only into an empty site; an existing database is left as it is.
run: migrate
	@$(PY) manage.py load_content --if-empty
	@$(PY) manage.py create_local_admin
	@echo ""
	@echo "hemed is at http://$(HOST):$(PORT)/  (the admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Stop it with Ctrl+C; stop the database with: make db-stop"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

admin-password: migrate
	$(PY) manage.py create_local_admin --reset

# Production-like: DEBUG off, static files collected, served by gunicorn.
# Needs SECRET_KEY and ALLOWED_HOSTS (and HTTPS=0 if not behind HTTPS).
serve: DEBUG = 0
serve: migrate
	$(PY) manage.py collectstatic --noinput
	BIND=$(HOST):$(PORT) $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py hemed.wsgi

check: $(VENV)/.installed-dev db
	$(VENV)/bin/ruff check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Two processes (pytest-xdist), one per core: the browser tests stay together in one of
# them (they share a Chromium and a screenshots folder), and so do the server tests.
test: check browser nginx redis
	$(PY) -m pytest -n 2 --dist loadgroup

# Browser tests drive Debian's Chromium (/usr/bin/chromium, as tests/browser expects);
# install it if it is missing (as root, with apt-get), or say what to install.
browser:
	@[ -x /usr/bin/chromium ] && exit 0; \
	if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium (Debian package chromium) for the browser tests..."; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		{ echo "Could not install chromium with apt-get." >&2; exit 1; }; \
	else \
		echo "The browser tests need Chromium at /usr/bin/chromium. Install it, for example:" >&2; \
		echo "  sudo apt-get install chromium" >&2; \
		exit 1; \
	fi

# Refresh the vendored nhsuk-frontend build in static/vendor/ (needs Node.js and npm).
assets:
	bash assets/build.sh

# The database and the uploads: see "Your data" in README.md.
backup: $(VENV)/.installed db
	$(PY) manage.py backup

# make restore FILE=backups/hemed-....dump [FORCE=1]; then migrate, in case the backup is older than the code.
restore: $(VENV)/.installed db
	@[ -n "$(FILE)" ] || { echo "Usage: make restore FILE=backups/hemed-YYYYMMDD-HHMMSS.dump [FORCE=1]" >&2; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(filter 1,$(FORCE)),--force)
	$(PY) manage.py migrate --noinput

# Keeps backups/ and media/; asks before deleting the local database in .pgdata/ (FORCE=1 does not ask).
clean: db-stop
	rm -rf $(VENV) staticfiles .pytest_cache
	@FORCE="$(FORCE)" scripts/clean-db.sh

# Search benchmark (run by hand, not in CI): 100,000 synthetic questions in a separate
# database, hemed_bench, dropped afterwards; see bench/README.md. Options: BENCH_ARGS="--keep".
.PHONY: bench
bench: $(VENV)/.installed db
	$(PY) bench/search.py $(BENCH_ARGS)
