# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .res_config_settings import DEFAULT_PULL_RATE_LIMIT, PULL_RATE_LIMIT_KIND


class ScSettings(models.TransientModel):
    _inherit = "sc.settings"

    sc_xzufi_region_key = fields.Char(
        related="company_id.sc_xzufi_region_key", readonly=False
    )
    sc_xzufi_scheme_agency_id = fields.Char(
        related="company_id.sc_xzufi_scheme_agency_id", readonly=False
    )
    sc_xzufi_sender = fields.Char(related="company_id.sc_xzufi_sender", readonly=False)
    sc_xzufi_pull_token = fields.Char(
        related="company_id.sc_xzufi_pull_token",
        readonly=False,
        groups="sc_knowledge.group_manager",
    )
    sc_xzufi_pull_rate_limit = fields.Integer(
        string="Pull Requests per Client",
        compute="_compute_sc_integer_parameters",
        inverse="_inverse_sc_integer_parameters",
        help="Requests one IP address may send to the pull address within the rate "
        "limit window (0: no limit). Further requests, also those with a wrong "
        "token, are answered with 429 until the window has passed.",
    )
    sc_xzufi_pull_url = fields.Char(
        string="Pull Address", compute="_compute_sc_xzufi_pull_url"
    )

    def _sc_integer_parameters(self):
        return {
            **super()._sc_integer_parameters(),
            "sc_xzufi_pull_rate_limit": (
                f"sc_knowledge.rate_limit_{PULL_RATE_LIMIT_KIND}",
                DEFAULT_PULL_RATE_LIMIT,
            ),
        }

    @api.depends("company_id")
    def _compute_sc_xzufi_pull_url(self):
        for settings in self:
            settings.sc_xzufi_pull_url = settings.company_id._sc_xzufi_pull_url()
