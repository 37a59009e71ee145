# Two commands: `make run` (set up, then serve on 127.0.0.1:8000) and `make test` (set up, then test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint openapi evaluate fit load benchmark fuzz clean

$(STAMP): pyproject.toml
	rm -f $(VENV)/.installed-*
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	$(BIN)/gunicorn -c docker/gunicorn.conf.py

test: $(STAMP) lint
	$(BIN)/python -m pytest

LINTED := service skill_taxonomy tests scripts bench docker

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy service skill_taxonomy

openapi: $(STAMP)
	$(BIN)/python scripts/write_openapi.py openapi.yaml

evaluate: $(STAMP)
	$(BIN)/python scripts/evaluate.py

# Fit the scoring's numbers to the labelled CVs of ../shared/eval, print them cross-validated,
# and write them to skill_taxonomy/data/fitted.yaml.
fit: $(STAMP)
	$(BIN)/python scripts/fit_scoring.py --write

benchmark: $(STAMP)
	$(BIN)/python bench/benchmark.py --json benchmark.json
	$(BIN)/python bench/ocr.py --json benchmark-ocr.json
	$(BIN)/python bench/scans.py --json benchmark-scans.json
	$(BIN)/python bench/large_image.py --json benchmark-large-image.json
	$(BIN)/python bench/rank.py --json benchmark-rank.json

load: $(STAMP)
	$(BIN)/python bench/load.py

fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --count 1000 --clients 4

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
