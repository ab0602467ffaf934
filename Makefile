# Limber — everything runs inside .venv, which make creates from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test run run-slack lint bench install clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Limber needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install Limber with its test tools

demo: $(STAMP) ## chat with Limber in the terminal (SQLite, no account)
	$(BIN)/limber demo $(ARGS)

run: $(STAMP) ## run the Discord bot (needs DISCORD_TOKEN in .env)
	$(BIN)/limber run

run-slack: $(STAMP) ## run the Slack app (needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env)
	$(BIN)/limber slack

lint: $(STAMP) ## ruff (lint + format check), mypy, and the import contracts (pyproject.toml)
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench
	$(BIN)/mypy bot
	$(BIN)/lint-imports

test: lint ## lint, type checks, then the whole test suite (starts its own PostgreSQL)
	scripts/ensure-postgres
	$(BIN)/limber routines check
	$(BIN)/pytest

bench: $(STAMP) ## benchmarks that print tables for the README
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/triage.py
	scripts/ensure-postgres
	$(BIN)/python bench/storage_backends.py
	$(BIN)/python bench/schedules.py 1000000
	$(BIN)/python bench/fanout.py 1000 10000

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
