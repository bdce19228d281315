# Every target creates .venv when it is missing, so a fresh clone needs only python3 and make.
# `make demo` installs the package and its runtime dependencies only (attrs, cattrs);
# every other target adds the dev tools (the `dev` dependency group) on top.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
DIST := dist
# Test processes: one per core (pytest-xdist); `make unit TEST_JOBS=0` runs in one.
TEST_JOBS ?= auto

.PHONY: demo dev test lint typecheck unit docs package benchmark min-health min-versions mutation clean

$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

# Dependency groups need pip 25.1 or newer; the runtime install above does not.
$(DEV): $(RUNTIME)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --group dev
	touch $@

dev: $(DEV)

demo: $(RUNTIME)
	@echo "=== 1. The library: examples/quickstart.py scores an invented assessment in Python ==="
	@$(BIN)/python examples/quickstart.py
	@echo
	@echo "=== 2. The command line: the same assessment, stored as JSON, scored and decided ==="
	@echo "$$ neglect-protocol score examples/invented_assessment.json --catalogue examples/invented_catalogue.toml"
	@$(BIN)/neglect-protocol score examples/invented_assessment.json --catalogue examples/invented_catalogue.toml

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(DEV)
	$(BIN)/mypy

unit: $(DEV)
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-$$( [ -n "$$CI" ] && echo ci || echo dev )} \
	$(BIN)/pytest -n $(TEST_JOBS) --durations=15 --cov --cov-report=term-missing

docs: $(DEV)
	$(BIN)/sphinx-build -q -n -W --keep-going -b html docs docs/_build/html
	$(BIN)/sphinx-build -q -n -W --keep-going -b doctest docs docs/_build/doctest

# Builds the sdist and wheel from the venv (no download: the build backend and its
# readme plugin are in the dev group) and checks what PyPI would show.
package: $(DEV)
	rm -rf $(DIST)
	$(BIN)/python -m build --no-isolation --outdir $(DIST) .
	$(BIN)/twine check --strict $(DIST)/*

test: lint typecheck unit min-health docs package

benchmark: $(DEV)
	$(BIN)/python benchmarks/bench_score.py
	$(BIN)/python benchmarks/bench_metrics.py
	$(BIN)/python benchmarks/bench_disclosure.py
	$(BIN)/python benchmarks/bench_decide.py
	$(BIN)/python benchmarks/bench_serialize.py
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_strategies.py
	$(BIN)/python benchmarks/bench_rows.py

# The strategies' tests in a separate venv holding the lowest versions pyproject.toml
# allows (each ">=" of the dependencies and the hypothesis extra read as "=="). The
# health checks run in `make test` (min-health); all of them with `make min-versions`.
MIN_VENV := .venv-min
MIN_PINS = $$($(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(r.replace(">=", "==") for r in p["dependencies"] + p["optional-dependencies"]["hypothesis"]))')

$(MIN_VENV)/.installed: pyproject.toml
	test -x $(MIN_VENV)/bin/python || $(PYTHON) -m venv $(MIN_VENV)
	$(MIN_VENV)/bin/python -m pip install --quiet $(MIN_PINS) "pytest==9.2.0"
	$(MIN_VENV)/bin/python -m pip install --quiet --no-deps -e .
	$(MIN_VENV)/bin/python -m pip list 2>/dev/null | grep -Ei "^(attrs|cattrs|hypothesis) "
	touch $@

# Part of `make test`: every type's strategy, and the how-to's examples, pass Hypothesis'
# health checks at the lowest versions allowed too (the unit step checks the current ones).
min-health: $(MIN_VENV)/.installed
	HYPOTHESIS_PROFILE=dev $(MIN_VENV)/bin/pytest -q -p no:cacheprovider -p no:randomly \
		tests/test_strategies.py::TestTypeTable tests/test_strategies.py::TestHowToExamples

min-versions: $(MIN_VENV)/.installed
	HYPOTHESIS_PROFILE=dev $(MIN_VENV)/bin/pytest -q -p no:cacheprovider -p no:randomly \
		tests/test_strategies.py tests/test_catalogue_strategies.py

# Mutants of the five logic modules against the tests that call them (mutmut copies
# the tree into mutants/), module by module, with a score per module; fails if one
# scores under 90%. Slow (minutes per module), so not part of `make test`.
MUTATION_CHILDREN ?= 1

mutation: $(DEV)
	$(BIN)/python tools/mutation_score.py --max-children $(MUTATION_CHILDREN)

clean:
	rm -rf $(VENV) $(MIN_VENV) $(DIST) mutants docs/_build .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov
