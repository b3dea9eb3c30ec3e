# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.sc_knowledge.models.sc_rate_limit import limit_param
from odoo.addons.sc_knowledge.models.sc_settings import parameter_field

from ..tools.status_page import RATE_LIMITS


class ScSettings(models.TransientModel):
    _inherit = "sc.settings"

    sc_escalation_email = fields.Char(
        related="company_id.sc_escalation_email", readonly=False
    )
    sc_auto_promise = fields.Boolean(
        related="company_id.sc_auto_promise", readonly=False
    )
    # the window of this limit is sc_knowledge's sc_rate_limit_window
    sc_rate_limit_inquiry_status = parameter_field(
        limit_param("inquiry_status"),
        RATE_LIMITS["inquiry_status"],
        string="Status Page Views per Client",
        help="How often one IP address may open status pages of inquiries through "
        "the link in the deadline confirmation within the window, wrong links "
        "included; 0 means no limit.",
    )
    sc_call_threshold_seconds = fields.Integer(
        related="company_id.sc_call_threshold_seconds", readonly=False
    )
    sc_call_target = fields.Float(related="company_id.sc_call_target", readonly=False)
    sc_call_short_abandon_seconds = fields.Integer(
        related="company_id.sc_call_short_abandon_seconds", readonly=False
    )
