"""The mandatory OCA checks hold for our code (`make lint`)."""

from tests.harness import lint


def test_ruff_is_clean():
    assert lint.ruff() == 0


def test_pylint_odoo_mandatory_checks_are_clean():
    assert lint.pylint_mandatory() == 0
