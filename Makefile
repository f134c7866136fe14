# Two commands matter: `make run` and `make test`. Both build .venv when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= data/example_city
OUT    ?= reports

.PHONY: run test fuzz lock lint lab app bench browser postgres clean help

help:
	@echo "make run    - build .venv if needed, run the default scenarios on the Example City"
	@echo "make test   - build .venv if needed, lint and run the whole test suite"
	@echo "make lab    - JupyterLab on 127.0.0.1 with the notebooks folder"
	@echo "make app    - the workbook as an app (Voila, code hidden) on 127.0.0.1"
	@echo "make bench  - benchmark table (median of repeated runs)"
	@echo "make fuzz   - the long fuzz run: thousands of seeded bad inputs on the whole city"
	@echo "make lock   - re-resolve the dependencies and rewrite constraints.txt (pinned versions)"

# Reinstall only when the dependency list or the pinned versions change. constraints.txt
# pins every package to the version the tests were run with (`make lock` refreshes it).
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,dask]'
	@touch $(STAMP)

# Resolve the dependencies afresh in a throwaway venv and pin what it installed. Review the
# diff and run `make test` before committing it: golden numbers have tight tolerances.
LOCK_VENV := .venv-lock
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e '.[dev,dask]'
	{ sed -n '/^#/p' constraints.txt; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(LOCK_VENV)

# The default scenarios' briefings, then a mid-plan review: the data's county returns (if
# any) go into a ledger in OUT (again: nothing changes), and the baseline is re-forecast
# from them as the city knew them at the end of REVIEW_AS_OF.
REVIEW_AS_OF ?= 2015-06
run: $(STAMP)
	$(BIN)/planning batch --data $(DATA) --out $(OUT)
	@if [ -d $(DATA)/returns ]; then \
	  $(BIN)/planning progress import --data $(DATA) --ledger $(OUT)/ledger.sqlite \
	    --received submitted $(DATA)/returns/*/* >/dev/null && \
	  $(BIN)/planning batch baseline --data $(DATA) --out $(OUT)/review \
	    --ledger $(OUT)/ledger.sqlite --as-of $(REVIEW_AS_OF); fi

# Browser tests need Debian's Chromium, and a Chinese font for the zh screenshots;
# install them when missing (needs root or sudo).
browser:
	@{ test -x /usr/bin/chromium && test -d /usr/share/fonts/truetype/wqy; } || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "installing Debian's chromium and a Chinese font for the browser tests"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

# The ledger's tests run against a throw-away PostgreSQL cluster they start themselves from
# Debian's server binaries; install them when missing (needs root or sudo).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "installing Debian's postgresql for the ledger tests"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq postgresql >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) browser postgres lint
	$(BIN)/python -m pytest

# The suite runs 200 fuzz cases on a one-county cut of the city; this runs many more on the
# whole city. Same seed, same cases: FUZZ_SEED=n explores others.
FUZZ_CASES ?= 3000
FUZZ_SEED  ?= 20140101
fuzz: $(STAMP)
	PLANNING_FUZZ_CASES=$(FUZZ_CASES) PLANNING_FUZZ_SEED=$(FUZZ_SEED) PLANNING_FUZZ_CITY=full \
	  $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

lab: $(STAMP)
	$(BIN)/planning lab

app: $(STAMP)
	$(BIN)/planning app

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(LOCK_VENV) $(OUT) build *.egg-info .pytest_cache .ruff_cache
