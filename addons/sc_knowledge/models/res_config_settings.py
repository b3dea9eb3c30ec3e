from odoo import fields, models


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
