# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.sc_knowledge.models.sc_rate_limit import limit_param
from odoo.addons.sc_knowledge.models.sc_settings import parameter_field

# Requests one client may send to the pull address within the rate limit window
# of sc_knowledge: the collector reads index.txt and each file listed (the
# latest full export and the daily deltas after it); guessing tokens stops here.
PULL_RATE_LIMIT_KIND = "xzufi_pull"
DEFAULT_PULL_RATE_LIMIT = 200


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
    sc_xzufi_pull_rate_limit = parameter_field(
        limit_param(PULL_RATE_LIMIT_KIND),
        DEFAULT_PULL_RATE_LIMIT,
        string="Pull Requests per Client",
        help="Requests one IP address may send to the pull address within the rate "
        "limit window (0: no limit). Further requests, also those with a wrong "
        "token, are answered with 429 until the window has passed.",
    )
    sc_xzufi_pull_url = fields.Char(
        string="Pull Address", compute="_compute_sc_xzufi_pull_url"
    )

    @api.depends("company_id")
    def _compute_sc_xzufi_pull_url(self):
        for settings in self:
            settings.sc_xzufi_pull_url = settings.company_id._sc_xzufi_pull_url()
