"""Every translatable term of our addons has a German translation."""

import polib
import pytest

from tests.harness import env
from tests.harness.i18n_export import empty_template, export_templates, untranslated


@pytest.fixture(scope="module")
def templates(db_settings, database):
    return export_templates(db_settings, database)


@pytest.mark.parametrize("addon", env.SC_ADDONS)
def test_every_term_is_translated_to_german(templates, addon):
    template = templates.get(addon) or empty_template(addon)
    po_path = env.ADDONS_DIR / addon / "i18n" / "de.po"
    assert po_path.exists(), f"{addon} ships no i18n/de.po"
    assert untranslated(template, po_path) == []


@pytest.mark.parametrize("addon", env.SC_ADDONS)
def test_committed_template_is_current(templates, addon):
    exported = polib.pofile(templates.get(addon) or empty_template(addon))
    committed = polib.pofile(str(env.ADDONS_DIR / addon / "i18n" / f"{addon}.pot"))
    # Terms of optional companions (e.g. calendar's activity fields) may be extra.
    missing = {e.msgid for e in exported} - {e.msgid for e in committed}
    assert not missing, f"{addon}.pot is outdated: run `make i18n`"
