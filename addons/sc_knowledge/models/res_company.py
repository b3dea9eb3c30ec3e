from odoo import fields, models

from ..tools.german_states import GERMAN_STATES


class ResCompany(models.Model):
    _inherit = "res.company"

    sc_resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Service Center Hours",
        help="Service hours of the service center. Used wherever an office has no "
        "working hours of its own.",
    )
    sc_federal_state = fields.Selection(
        selection=GERMAN_STATES,
        string="Federal State",
        required=True,
        default="TH",
        help="The federal state the administration belongs to: its public holidays "
        "are closed days for appointments and response deadlines.",
    )
