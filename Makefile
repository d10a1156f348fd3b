# Styring: two commands for a fresh machine — `make demo` and `make test`.
# Both bootstrap their own environment (.venv, node_modules, Chromium for the browser tests).

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
export STYRING_HOME := $(CURDIR)

.PHONY: demo test test-oidc bench env frontend browser lint clean haproxy cluster cluster-check

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Nynorsk: the .po file is the source; its compiled .mo is made here, never committed.
MO := src/styring/locale/nn/LC_MESSAGES/django.mo
$(MO): src/styring/locale/nn/LC_MESSAGES/django.po $(VENV)/.installed
	STYRING_INSECURE_DEV_KEY=1 $(BIN)/styring compilemessages --ignore=.venv --ignore=node_modules --ignore=var -v0

env: $(VENV)/.installed frontend $(MO)
frontend: node_modules/.installed

# Debian's Chromium drives the browser tests (Playwright with executable_path; no browser download);
# Debian's LibreOffice Writer (headless) prints the genre corpus's Word files to PDF.
browser:
	@{ command -v chromium >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1; } || { \
	  echo "Installing Debian's chromium (browser tests) and libreoffice-writer-nogui (the genre corpus's PDFs)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libreoffice-writer-nogui >/dev/null) || \
	  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libreoffice-writer-nogui >/dev/null); }

# Debian's HAProxy, the balancer in front of the cluster's web nodes (deploy/haproxy.cfg)
haproxy:
	@command -v haproxy >/dev/null 2>&1 || test -x /usr/sbin/haproxy || { \
	  echo "Installing Debian's haproxy (the cluster's balancer)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null) || \
	  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null); }

# Two web nodes (own empty var/ each), a worker on Redis and HAProxy on 127.0.0.1:8080, one PostgreSQL
# database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/styring_cluster, made afresh).
# In the foreground until Ctrl-C. `make cluster-check` runs the cycle and a node loss through it.
cluster: env haproxy
	PATH="/usr/sbin:$$PATH" $(BIN)/python -m styring.cluster run

cluster-check: env haproxy
	PATH="/usr/sbin:$$PATH" $(BIN)/python -m pytest -m cluster tests/cluster -s -q -p no:cacheprovider

demo: env
	DEBUG=1 $(BIN)/styring migrate --noinput
	DEBUG=1 $(BIN)/styring load_demo
	@echo ""
	@echo "Styring kjører på http://$(HOST)/ med bakgrunnsarbeideren (logg inn med en av demobrukerne over; Ctrl-C stopper begge)"
	DEBUG=1 $(BIN)/styring serve $(HOST) --workers 2

# The checks first (seconds), then the suite: ruff, the layer contracts, the type checker.
lint: env
	$(BIN)/ruff check src tests benchmarks conftest.py
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: lint browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Sign-in through OpenID Connect against a real provider started by the tests (left out of `make test`).
test-oidc: env
	$(BIN)/python -m pytest -m oidc -q tests/accounts/test_oidc.py

$(VENV)/.bench: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

bench: env haproxy $(VENV)/.bench
	PATH="/usr/sbin:$$PATH" $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) node_modules var
