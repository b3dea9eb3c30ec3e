from odoo import fields, models

from .sc_rate_limit import DEFAULT_WINDOW_MINUTES, WINDOW_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sc_resource_calendar_id = fields.Many2one(
        related="company_id.sc_resource_calendar_id",
        readonly=False,
    )
    sc_federal_state = fields.Selection(
        related="company_id.sc_federal_state",
        readonly=False,
    )
    sc_first_contact_target = fields.Float(
        related="company_id.sc_first_contact_target",
        readonly=False,
    )
    sc_retention_days = fields.Integer(
        related="company_id.sc_retention_days", readonly=False
    )
    sc_rate_limit_window = fields.Integer(
        string="Rate Limit Window (minutes)",
        config_parameter=WINDOW_PARAM,
        default=DEFAULT_WINDOW_MINUTES,
        help="Period over which the requests of one client to the public pages "
        "are counted.",
    )
