# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScSettings(models.TransientModel):
    _inherit = "sc.settings"

    sc_escalation_email = fields.Char(
        related="company_id.sc_escalation_email", readonly=False
    )
    sc_call_threshold_seconds = fields.Integer(
        related="company_id.sc_call_threshold_seconds", readonly=False
    )
    sc_call_target = fields.Float(related="company_id.sc_call_target", readonly=False)
    sc_call_short_abandon_seconds = fields.Integer(
        related="company_id.sc_call_short_abandon_seconds", readonly=False
    )
