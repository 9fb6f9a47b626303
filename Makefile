# The two entry points the README names; both create or reuse .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck doctest docs bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,docs]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ftrace-sim demo

test: $(STAMP) lint typecheck doctest docs
	$(BIN)/python -m pytest -q -n auto tests

doctest: $(STAMP)
	$(BIN)/python -m pytest -q --doctest-glob='*.md' README.md docs --doctest-modules aarch64insn/__init__.py aarch64insn/build.py

lint: $(STAMP)
	$(BIN)/ruff check aarch64insn ftrace_sim tests bench

typecheck: $(STAMP)
	$(BIN)/mypy --strict aarch64insn ftrace_sim

docs: $(STAMP)
	$(BIN)/python -m sphinx -W --keep-going -n -q -b html docs docs/_build/html

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf docs/_build docs/generated .pytest_cache .mypy_cache .ruff_cache
