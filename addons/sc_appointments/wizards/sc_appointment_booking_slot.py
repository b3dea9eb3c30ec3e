# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScAppointmentBookingSlot(models.TransientModel):
    _name = "sc.appointment.booking.slot"
    _description = "Suggested Appointment Slot"
    _order = "score, start"

    booking_id = fields.Many2one(
        comodel_name="sc.appointment.booking", required=True, ondelete="cascade"
    )
    start = fields.Datetime(required=True)
    stop = fields.Datetime(string="End", required=True)
    start_local = fields.Char(
        string="Time",
        help="Date and time at the service center (Europe/Berlin), whatever time "
        "zone the agent's browser or preferences use: what the agent tells the "
        "citizen is what the citizen finds in the confirmation.",
    )
    level = fields.Selection(
        selection=[("low", "Low"), ("medium", "Medium"), ("high", "High")],
        string="Load",
    )
    score = fields.Float(digits=(3, 2))
    reason = fields.Char()
    earliest = fields.Boolean(string="Earliest")

    def action_book(self):
        self.ensure_one()
        event = self.booking_id._book(self)
        if self.booking_id.ticket_id:
            return {
                "type": "ir.actions.act_window",
                "res_model": "helpdesk.ticket",
                "res_id": self.booking_id.ticket_id.id,
                "view_mode": "form",
                "target": "current",
            }
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": event.id,
            "view_mode": "form",
            "target": "current",
        }
