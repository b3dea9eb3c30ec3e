PYTHON ?= python3

.PHONY: run test lint i18n bench

run:
	$(PYTHON) -m tests.harness.run_server

test:
	$(PYTHON) -m tests.harness.run_suite

lint:
	$(PYTHON) -m tests.harness.lint

i18n:
	$(PYTHON) -m tests.harness.i18n_export

bench:
	$(PYTHON) -m bench
