# sitroom — the two commands a fresh machine needs: `make demo` and `make test`.
# Each creates .venv and installs what is missing (pinned by hash in requirements/*.lock).

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.sitroom-installed
DEMO_DB ?= .sitroom/demo.db
PYTEST_ARGS ?=

.PHONY: demo test install lock clean help web serve node-check

help:
	@echo "make demo   - install, run sitroom on the bundled reports, show the result"
	@echo "make test   - install, run the whole test suite"
	@echo "make web    - build the dashboard bundle (needs Node.js >= 18 and npm; fetches pinned npm packages)"
	@echo "make serve  - build the dashboard if needed and serve API + dashboard on http://127.0.0.1:8000"
	@echo "make lock   - recompile requirements/*.lock from requirements/*.in (needs the network)"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; sitroom needs Python 3.11 (set PYTHON=...)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall when a lock file or the package metadata changes.
$(STAMP): $(BIN)/python requirements/dev.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The main job on the bundled reports, offline: two watch cycles over feeds built from them (the
# second raises the escape spike in Al-Hasakah), then every report ingested from its file (those
# already seen through the feeds are duplicates), extraction + fusion, events, alerts, and the
# dashboard on http://127.0.0.1:8000 (Ctrl-C to stop).
SITROOM_DEMO := $(BIN)/sitroom --db sqlite:///$(DEMO_DB)
FEEDS := examples/watch/feeds

demo: install web
	@mkdir -p $(dir $(DEMO_DB))
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@rm -rf $(FEEDS)
	@echo "== watch cycle 1: feeds up to 28 February"
	$(BIN)/python examples/watch/build_feeds.py --until 2026-02-28
	$(SITROOM_DEMO) watch --config examples/watch/sources.toml --once
	@echo "== watch cycle 2: feeds up to 4 March"
	$(BIN)/python examples/watch/build_feeds.py --until 2026-03-04
	$(SITROOM_DEMO) watch --config examples/watch/sources.toml --once
	@echo "== alerts (CLI and Atom feed)"
	$(SITROOM_DEMO) alerts --evidence 3
	$(SITROOM_DEMO) alerts atom -o .sitroom/alerts.atom
	@echo "wrote .sitroom/alerts.atom"
	@echo "== every bundled report, from its file"
	$(SITROOM_DEMO) ingest examples/reports
	$(SITROOM_DEMO) process
	$(SITROOM_DEMO) search "escaped camp" --limit 3
	$(SITROOM_DEMO) events --limit 15
	@echo "== the dashboard"
	$(SITROOM_DEMO) serve

# The dashboard bundle: npm packages pinned in web/package-lock.json, bundled by esbuild into
# src/sitroom/web/static/dist (git-ignored). Rebuilt when a source or the lock file changes.
WEB_DIST := src/sitroom/web/static/dist/app.js
WEB_DEPS := web/node_modules/.sitroom-installed
WEB_SRC  := $(wildcard web/src/*) web/build.mjs

web: $(WEB_DIST)

node-check:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  echo "error: the dashboard needs Node.js (>= 18) and npm to build; install them (Debian: apt-get install nodejs npm)" >&2; \
	  echo "       the REST API works without it: sitroom serve" >&2; exit 1; }

# npm packages: reinstalled (exact versions from the lock file) only when the lock file changes.
$(WEB_DEPS): web/package.json web/package-lock.json | node-check
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $(WEB_DEPS)

$(WEB_DIST): $(WEB_DEPS) $(WEB_SRC) | node-check
	cd web && node build.mjs
	@touch $(WEB_DIST)

serve: install web
	$(BIN)/sitroom --db sqlite:///$(DEMO_DB) serve

lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url -o requirements/main.lock requirements/main.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url -o requirements/dev.lock requirements/dev.in

clean:
	rm -rf $(VENV) .sitroom .pytest_cache .hypothesis build dist src/*.egg-info
