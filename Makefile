# One command each: `make serve` (set up and preview), `make build`, `make test`.
# Everything installs into .venv, so nothing touches the system Python.
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test offline clean

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

build: $(VENV)/.site
	$(PY) -m mkdocs build --strict

test: $(VENV)/.test
	$(PY) -m pytest

clean:
	rm -rf site $(VENV)
