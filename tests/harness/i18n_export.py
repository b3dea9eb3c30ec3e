"""`make i18n`: regenerate every addon's .pot and merge new terms into de.po.

Terms are exported by OCA's click-odoo-makepot from a database with the addons
installed (the `make run` database, created when missing); it merges them into
the .po files with gettext's msgmerge. New German entries are added empty:
translate them before committing; `make test` fails on any left empty.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

from . import env
from .run_server import ensure_database


def makepot(db_settings, database, addons_dir, *options):
    """Run click-odoo-makepot for our addons in `addons_dir` on `database`."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "odoo.conf"
        settings = {"addons_path": env.odoo_addons_path(), **db_settings}
        config.write_text(
            "[options]\n" + "".join(f"{k} = {v}\n" for k, v in settings.items())
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "click_odoo_contrib.makepot",
                f"--config={config}",
                f"--database={database}",
                f"--addons-dir={addons_dir}",
                f"--modules={','.join(env.SC_ADDONS)}",
                *options,
            ],
            check=True,
            # msgmerge -U keeps no de.po~ backup
            env=dict(os.environ, VERSION_CONTROL="none"),
        )


def export_templates(db_settings, database):
    """Return {addon: pot text} as click-odoo-makepot exports them from `database`,
    written into a scratch copy of each addon's manifest and i18n/ (makepot also
    checks there that every .po file is valid against the new template)."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for addon in env.SC_ADDONS:
            (scratch / addon).mkdir()
            shutil.copy(env.ADDONS_DIR / addon / "__manifest__.py", scratch / addon)
            if (env.ADDONS_DIR / addon / "i18n").is_dir():
                shutil.copytree(
                    env.ADDONS_DIR / addon / "i18n", scratch / addon / "i18n"
                )
        makepot(db_settings, database, scratch, "--no-msgmerge")
        return {
            addon: pot.read_text()
            for addon in env.SC_ADDONS
            if (pot := scratch / addon / "i18n" / f"{addon}.pot").is_file()
        }


def empty_template(addon):
    template = polib.POFile()
    template.metadata = {
        "Project-Id-Version": "Odoo Server 18.0",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
    }
    template.header = (
        "Translation of Odoo Server.\n"
        f"This file contains the translation of the following modules:\n\t* {addon}"
    )
    return str(template)


def untranslated(template_text, po_path):
    """msgids of the template that de.po leaves empty, fuzzy or lacks."""
    translations = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    done = {
        (entry.msgctxt, entry.msgid)
        for entry in translations
        if entry.msgstr.strip() and "fuzzy" not in entry.flags and not entry.obsolete
    }
    template = polib.pofile(template_text)
    return [
        entry.msgid for entry in template if (entry.msgctxt, entry.msgid) not in done
    ]


def start_german(addon):
    """An addon without de.po gets one from its template, for msgmerge to fill."""
    po_path = env.ADDONS_DIR / addon / "i18n" / "de.po"
    pot_path = po_path.with_name(f"{addon}.pot")
    if po_path.exists() or not pot_path.exists():
        return
    german = polib.pofile(str(pot_path))
    german.metadata.update(
        {"Language": "de", "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    )
    german.save(str(po_path))


def main():
    env.require_odoo()
    env.install_debian_packages()
    env.install_python_requirements()
    db_settings = env.database_settings()
    database = ensure_database(db_settings)
    options = ["--msgmerge", "--no-fuzzy-matching", "--purge-old-translations"]
    makepot(db_settings, database, env.ADDONS_DIR, *options)
    for addon in env.SC_ADDONS:
        start_german(addon)
    missing = {}
    for addon in env.SC_ADDONS:
        pot_path = env.ADDONS_DIR / addon / "i18n" / f"{addon}.pot"
        template = pot_path.read_text() if pot_path.exists() else empty_template(addon)
        missing[addon] = untranslated(template, pot_path.with_name("de.po"))
    for addon, msgids in missing.items():
        print(f"{addon}: {len(msgids)} terms without German translation")
        for msgid in msgids:
            print(f"    {msgid!r}")
    sys.exit(1 if any(missing.values()) else 0)


if __name__ == "__main__":
    main()
