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


def post_init_hook(env):
    """An authority decides itself whether Odoo calls out: the company
    enrichment of partner_autocomplete (auto-installed with iap_mail) would
    ask odoo.com about every company at its creation and on the first login
    of an administrator. Mark it done for the existing companies; new ones
    are marked in ``res.company.create``."""
    env["res.company"].search([])._sc_skip_enrichment()
