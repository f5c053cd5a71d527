# medrepro — `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock requirements-app.txt pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install repro test test-fast lint thesis-pdf lock browser serve

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock requirements-app.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.lock
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -r requirements-app.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP) ## create .venv and install the pinned stack (requirements.lock)

repro: install ## run the whole DVC graph (dvc repro) on the bundled sample
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/dvc repro

test: install ## run the whole test suite (unit + integration on the sample graph)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install ## unit tests only (skips the slow DVC-graph and multi-process tests)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

lint: install ## ruff over the library, stages and tests
	$(BIN)/ruff check src stages tests benchmarks

browser: ## install Debian's Chromium for the browser test of the demo app (root; the test skips without it)
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

serve: install ## start the demo app on http://127.0.0.1:7860 (after make repro)
	$(BIN)/medrepro serve

thesis-pdf: ## build thesis/main.pdf with latexmk (after dvc repro)
	@command -v latexmk >/dev/null || { echo "latexmk not found: apt-get install latexmk texlive-latex-extra"; exit 1; }
	cd thesis && latexmk -pdf -interaction=nonstopmode main.tex

# One universal lock (Linux x86_64 + aarch64, macOS arm64; Python 3.11) compiled by uv from pyproject.toml;
# `make install` still installs it with pip. pylock*.toml (PEP 751) keep every pin's wheel files, so
# tests/test_lock.py checks offline that each platform gets a wheel for each package it selects.
UV_VERSION := 0.13.8
UV_COMPILE = $(BIN)/uv pip compile --universal --python-version 3.11 --no-emit-index-url --custom-compile-command "make lock"
lock: ## re-resolve requirements.lock + pylock*.toml from pyproject.toml (needs PyPI; UPGRADE=1 re-pins all)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/uv --version 2>/dev/null | grep -qx "uv $(UV_VERSION)" || $(BIN)/python -m pip install -q uv==$(UV_VERSION)
	$(UV_COMPILE) $(if $(UPGRADE),--upgrade) -q pyproject.toml --extra dev -o requirements.lock
	$(UV_COMPILE) -q pyproject.toml --extra dev -c requirements.lock --format pylock.toml -o pylock.toml
	$(UV_COMPILE) -q --no-deps requirements-app.txt --format pylock.toml -o pylock.app.toml
