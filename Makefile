PYTHON ?= python3

.PHONY: run test lint i18n readme bench

run:
	$(PYTHON) -m tests.harness.run_server

test:
	$(PYTHON) -m tests.harness.run_suite

lint:
	$(PYTHON) -m tests.harness.lint

i18n:
	$(PYTHON) -m tests.harness.i18n_export

readme:
	$(PYTHON) -m tests.harness.addon_readme

bench:
	$(PYTHON) -m bench
