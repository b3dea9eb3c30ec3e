from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sc_resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Service Center Hours",
        help="Service hours of the service center. Used wherever an office has no "
        "working hours of its own.",
    )
