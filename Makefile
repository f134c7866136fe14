# Two commands matter: `make run` and `make test`. Both build .venv when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= data/example_city
OUT    ?= reports

.PHONY: run test lint lab app bench browser clean help

help:
	@echo "make run    - build .venv if needed, run the default scenarios on the Example City"
	@echo "make test   - build .venv if needed, lint and run the whole test suite"
	@echo "make lab    - JupyterLab on 127.0.0.1 with the notebooks folder"
	@echo "make app    - the workbook as an app (Voila, code hidden) on 127.0.0.1"
	@echo "make bench  - benchmark table (median of repeated runs)"

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/planning batch --data $(DATA) --out $(OUT)

# Browser tests need Debian's Chromium, and a Chinese font for the zh screenshots;
# install them when missing (needs root or sudo).
browser:
	@{ test -x /usr/bin/chromium && test -d /usr/share/fonts/truetype/wqy; } || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "installing Debian's chromium and a Chinese font for the browser tests"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) browser lint
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/planning lab

app: $(STAMP)
	$(BIN)/planning app

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info .pytest_cache .ruff_cache
