# podd — the two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PY ?= /usr/bin/python3
VENV ?= .venv
BIN := $(VENV)/bin
PAUSE := native/pause/podd-pause

.PHONY: run test check lint openapi sdk host venv pause clean

# Installs what is missing, builds pause, serves on $XDG_RUNTIME_DIR/podd/podd.sock.
run: host venv pause
	$(BIN)/podd serve

# Installs what is missing and runs every test, rootless.
test:
	bash scripts/test.sh

# The suite itself (what scripts/test.sh runs as the unprivileged user);
# PYTEST_ARGS picks a subset: `bash scripts/test.sh tests/unit -k plan`.
PYTEST_ARGS ?=
check: venv pause
	PYTHONDONTWRITEBYTECODE=1 $(BIN)/pytest -q -ra $(or $(PYTEST_ARGS),tests)

lint: venv
	$(BIN)/ruff check podd tests bench
	$(BIN)/ruff format --check podd tests bench
	$(BIN)/mypy

openapi: venv
	$(BIN)/podd openapi -o api/openapi.yaml

# The Python SDK (sdk/podd_client/_generated) from the contract, with the
# pinned openapi-python-client (sdk/generator.txt).
sdk: openapi
	$(BIN)/python sdk/generate.py

host:
	bash scripts/ensure-host.sh

$(BIN)/python:
	$(PY) -m venv $(VENV)

venv: $(BIN)/python $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml sdk/pyproject.toml sdk/generator.txt | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check -r sdk/generator.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e ./sdk
	touch $@

pause:
	@if [ -f native/pause/Makefile ]; then $(MAKE) -s -C native/pause; fi

clean:
	rm -rf $(VENV) build *.egg-info
	@if [ -f native/pause/Makefile ]; then $(MAKE) -s -C native/pause clean; fi
