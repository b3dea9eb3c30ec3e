# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def pre_init_hook(env):
    """The suite speaks German first (demo users, mails to citizens and
    offices): activate German, with the translations of the modules installed
    so far, on a database created without it. Odoo refuses to work in an
    inactive language ("Invalid language code")."""
    if env["res.lang"]._get_code("de_DE"):
        return
    env["res.lang"]._activate_lang("de_DE")
    env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
        "de_DE"
    )
