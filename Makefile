# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: mutate-sample run test bench screenshot mutate clean

run: $(STAMP)
	$(BIN)/diptych open corpus --db annotations.db

test: $(STAMP)
	$(BIN)/python -m pytest

# Each script prints its figures beside references measured in the same run; one that
# misses a target exits 1, and the others still run.
BENCHES := run suggest agreement report story corpus teams

bench: $(STAMP)
	@failed=""; for b in $(BENCHES); do echo "== benchmarks/$$b.py"; \
	  $(BIN)/python benchmarks/$$b.py || failed="$$failed $$b"; echo; done; \
	  if [ -n "$$failed" ]; then echo "missed a target:$$failed"; exit 1; fi

screenshot: $(STAMP)
	$(BIN)/python scripts/screenshot.py

# Mutation testing of tui/store, tui/model and tui/formats with mutmut (its settings are in
# pyproject.toml), then the score per module. Slow, so not part of `make test`; results are
# kept in mutants/ and a second run re-tests only what changed. MUTANTS narrows the run to
# some modules, e.g. make mutate MUTANTS='tui.store.connection.* tui.model.anchoring.*'
MUTATE_CHILDREN ?= 2
MUTANTS ?=
mutate: $(VENV)/.mutmut
	$(BIN)/mutmut run --max-children $(MUTATE_CHILDREN) $(MUTANTS)
	$(BIN)/python scripts/mutation_score.py

# A fixed pseudo-random SAMPLE percent of the mutants (the full run takes hours on two cores).
# The first time, one small module is run whole so that mutmut writes the list of mutants.
SAMPLE ?= 20
mutate-sample: $(VENV)/.mutmut
	test -d mutants || $(BIN)/mutmut run --max-children $(MUTATE_CHILDREN) 'tui.model.merge.*'
	names="$$($(BIN)/python scripts/mutation_score.py --sample $(SAMPLE) --list 'not checked')"; \
	  [ -z "$$names" ] || $(BIN)/mutmut run --max-children $(MUTATE_CHILDREN) $$names
	$(BIN)/python scripts/mutation_score.py --sample $(SAMPLE)

$(VENV)/.mutmut: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutate]'
	touch $(VENV)/.mutmut

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the project's metadata changes.
$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info mutants
