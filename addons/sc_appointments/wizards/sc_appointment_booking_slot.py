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
        string="Expected Crowd",
        help="How busy the office is expected to be at this time, from the walk-in "
        "visitors of past weeks and the bookings: low = few visitors, short "
        "waiting; high = busy.",
    )
    score = fields.Float(digits=(3, 2))
    reason = fields.Char()
    earliest = fields.Boolean(
        string="Earliest Free Slot",
        help="The earliest free slot of the selection, listed even when it is not "
        "among the quietest.",
    )

    def action_book(self):
        """Book the slot; the wizard then shows what happened."""
        self.ensure_one()
        wizard = self.booking_id
        wizard._book(self)
        return wizard._action_reopen()
