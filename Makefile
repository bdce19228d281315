# Every target creates .venv when it is missing, so a fresh clone needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit docs benchmark min-versions clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/quickstart.py
	$(BIN)/neglect-protocol score examples/invented_assessment.json --catalogue examples/invented_catalogue.toml

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-$$( [ -n "$$CI" ] && echo ci || echo dev )} \
	$(BIN)/pytest --cov --cov-report=term-missing

docs: $(STAMP)
	$(BIN)/sphinx-build -q -n -W --keep-going -b html docs docs/_build/html
	$(BIN)/sphinx-build -q -n -W --keep-going -b doctest docs docs/_build/doctest

test: lint typecheck unit docs

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_score.py
	$(BIN)/python benchmarks/bench_metrics.py
	$(BIN)/python benchmarks/bench_decide.py
	$(BIN)/python benchmarks/bench_serialize.py
	$(BIN)/python benchmarks/bench_strategies.py

# The strategies' tests in a separate venv holding the lowest versions pyproject.toml
# allows (each ">=" of the dependencies and the hypothesis extra read as "=="). Slow
# (it builds the venv), so not part of `make test`.
MIN_VENV := .venv-min
MIN_PINS = $$($(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(r.replace(">=", "==") for r in p["dependencies"] + p["optional-dependencies"]["hypothesis"]))')

min-versions:
	test -x $(MIN_VENV)/bin/python || $(PYTHON) -m venv $(MIN_VENV)
	$(MIN_VENV)/bin/python -m pip install --quiet $(MIN_PINS) "pytest==9.2.0"
	$(MIN_VENV)/bin/python -m pip install --quiet --no-deps -e .
	$(MIN_VENV)/bin/python -m pip list 2>/dev/null | grep -Ei "^(attrs|cattrs|hypothesis) "
	HYPOTHESIS_PROFILE=dev $(MIN_VENV)/bin/pytest -q -p no:cacheprovider -p no:randomly \
		tests/test_strategies.py tests/test_catalogue_strategies.py

clean:
	rm -rf $(VENV) $(MIN_VENV) docs/_build .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov
