# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    sc_appointment_ids = fields.One2many(
        comodel_name="calendar.event",
        inverse_name="sc_ticket_id",
        string="Appointments",
    )
    sc_appointment_count = fields.Integer(
        string="Number of Appointments", compute="_compute_sc_appointment_count"
    )

    def _compute_sc_appointment_count(self):
        counts = dict(
            self.env["calendar.event"]._read_group(
                [("sc_ticket_id", "in", self.ids)], ["sc_ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.sc_appointment_count = counts.get(ticket, 0)

    def action_sc_book_appointment(self):
        """Open the booking wizard, already saved with the ranked slots."""
        self.ensure_one()
        return self.env["sc.appointment.booking"]._action_open(ticket_id=self.id)

    def action_sc_view_appointments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sc_appointments.calendar_event_action"
        )
        action["domain"] = [("sc_ticket_id", "=", self.id)]
        action["context"] = {}
        return action
