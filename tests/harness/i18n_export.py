"""`make i18n`: regenerate every addon's .pot and merge new terms into de.po.

Terms are exported by Odoo itself from a database with the addons installed
(the `make run` database, created when missing). New German entries are added
empty: translate them before committing; `make test` fails on any left empty.
"""

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import polib

from . import env
from .run_server import ensure_database


def export_templates(db_settings, database):
    """Return {addon: pot text} as Odoo exports them from `database`."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "terms.tgz"
        subprocess.run(
            env.odoo_command(
                db_settings,
                "-d",
                database,
                f"--i18n-export={target}",
                f"--modules={','.join(env.SC_ADDONS)}",
                "--stop-after-init",
                "--log-level=warn",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        templates = {}
        with tarfile.open(target) as archive:
            for member in archive.getmembers():
                if member.isfile() and member.name.endswith(".pot"):
                    addon = Path(member.name).parts[0]
                    templates[addon] = archive.extractfile(member).read().decode()
        return templates


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


def merge(addon, template_text):
    i18n = env.ADDONS_DIR / addon / "i18n"
    i18n.mkdir(exist_ok=True)
    (i18n / f"{addon}.pot").write_text(template_text)
    po_path = i18n / "de.po"
    template = polib.pofile(template_text)
    if po_path.exists():
        german = polib.pofile(str(po_path))
        german.merge(template)
        for entry in german.obsolete_entries():
            german.remove(entry)
    else:
        german = template
    german.metadata.update(
        {"Language": "de", "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    )
    german.save(str(po_path))
    return untranslated(template_text, po_path)


def main():
    env.require_odoo()
    db_settings = env.database_settings()
    database = ensure_database(db_settings)
    templates = export_templates(db_settings, database)
    missing = {
        addon: merge(addon, templates.get(addon) or empty_template(addon))
        for addon in env.SC_ADDONS
    }
    for addon, msgids in missing.items():
        print(f"{addon}: {len(msgids)} terms without German translation")
        for msgid in msgids:
            print(f"    {msgid!r}")
    sys.exit(1 if any(missing.values()) else 0)


if __name__ == "__main__":
    main()
