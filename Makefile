# The MenEngage Alliance platform. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PYTHON_VERSION := $(shell cat .python-version)
# pyenv (as on the team's machines) picks the version .python-version names; else python3.13.
PYTHON ?= $(shell pyenv which python 2>/dev/null || command -v python$(basename $(PYTHON_VERSION)) || command -v python3.13)
MENENGAGE := $(BIN)/menengage
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: help install run serve test lint fmt bench messages demo clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python $(PYTHON_VERSION) not found: install it (pyenv install $(PYTHON_VERSION))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(BIN)/.installed ## Create .venv and install the project

var/.ready: $(BIN)/.installed $(shell find menengage -path '*/migrations/*.py' -o -path '*/static/*' 2>/dev/null) static/css/site.css
	@mkdir -p var
	$(MENENGAGE) migrate --no-input -v0
	$(MENENGAGE) collectstatic --no-input -v0
	$(MENENGAGE) demo --if-empty
	@touch $@

run: var/.ready ## Install, migrate, load the demo alliance; serve it and run a worker (Ctrl-C stops both)
	@echo "Serving the MenEngage Alliance on http://$(HOST):$(PORT)/ with one background worker"
	@echo "Demo staff sign-in: staff@menengage.example / menengage-demo (admin at /admin/)"
	$(MENENGAGE) run

test: $(BIN)/.installed ## Lint, migrations, catalogues, suite on SQLite, API fuzzing, PostgreSQL, browsers (timed)
	$(BIN)/python scripts/test_all.py

lint: $(BIN)/.installed ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(BIN)/.installed ## Format and fix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(BIN)/.installed ## Every page against the floor, search and directory against their peers (--scale 10)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/mail.py

messages: $(BIN)/.installed ## Update every language's catalogue (settings.LANGUAGES) from the code, then compile them
	$(MENENGAGE) catalogues_update

demo: $(BIN)/.installed ## Load the demo alliance into an empty database
	$(MENENGAGE) migrate --no-input -v0
	$(MENENGAGE) demo

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var
