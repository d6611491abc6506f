# One command each: `make serve` (set up and preview), `make build`, `make test`, `make check`.
# Everything installs into .venv, so nothing touches the system Python.
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check offline clean

$(VENV)/.site: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

serve: $(VENV)/.site
	$(PY) -m mkdocs serve

# The online site, with the offline copy's zip in site/downloads/ for the "Use it offline" page.
build: $(VENV)/.site
	$(PY) -m mkdocs build --strict
	$(PY) -m caretech.site.offline --publish site/downloads

# The offline copy alone: folder site-offline/ and dist/care-tech-guide-offline.zip.
offline: $(VENV)/.site
	$(PY) -m caretech.site.offline

# Three test processes (pytest-xdist) on a 2-core machine: browser tests spend part of their time
# waiting for the browser, and a third process keeps both cores busy (about 250 s for 830 tests
# here, most of it Chromium: the accessibility walk and the pathway tests; the same run varies by
# a tenth from one time to the next). They build the site once between them. TEST_WORKERS=0
# runs everything in one process.
TEST_WORKERS ?= 3
test: $(VENV)/.test
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal

# House style and safety checks on docs/ and pathways/ (no build needed). Errors fail CI.
check: $(VENV)/.site
	$(PY) -m caretech.stages.check

clean:
	rm -rf site site-offline dist .cache $(VENV)
