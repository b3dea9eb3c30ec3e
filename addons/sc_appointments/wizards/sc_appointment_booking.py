# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class ScAppointmentBooking(models.TransientModel):
    _name = "sc.appointment.booking"
    _description = "Book an Appointment"

    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", readonly=True)
    service_id = fields.Many2one(comodel_name="sc.service", string="Service")
    partner_id = fields.Many2one(comodel_name="res.partner", string="Citizen")
    appointment_type_id = fields.Many2one(
        comodel_name="sc.appointment.type",
        string="Appointment Type",
        compute="_compute_appointment_type_id",
        store=True,
        readonly=False,
        domain="[('service_ids', 'in', service_id)] if service_id else []",
    )
    slot_ids = fields.One2many(
        comodel_name="sc.appointment.booking.slot",
        inverse_name="booking_id",
        string="Quiet Slots",
        compute="_compute_slot_ids",
        store=True,
        readonly=False,
    )
    document_ids = fields.One2many(related="service_id.document_ids")

    @api.depends("service_id")
    def _compute_appointment_type_id(self):
        for wizard in self:
            if wizard.service_id and (
                wizard.service_id not in wizard.appointment_type_id.service_ids
            ):
                wizard.appointment_type_id = self.env["sc.appointment.type"].search(
                    [("service_ids", "in", wizard.service_id.ids)], limit=1
                )

    @api.depends("appointment_type_id")
    def _compute_slot_ids(self):
        for wizard in self:
            commands = [Command.clear()]
            if wizard.appointment_type_id:
                slots = wizard.appointment_type_id.suggest_slots(limit=8)
                commands += [
                    Command.create(
                        {
                            "start": slot["start"],
                            "stop": slot["end"],
                            "level": slot["level"],
                            "score": slot["score"],
                            "reason": slot["reason"],
                            "earliest": slot["earliest"],
                        }
                    )
                    for slot in slots
                ]
            wizard.slot_ids = commands

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ticket = self.env["helpdesk.ticket"].browse(
            values.get("ticket_id") or self.env.context.get("default_ticket_id")
        )
        if ticket:
            values["ticket_id"] = ticket.id
            values.setdefault("service_id", ticket.sc_service_id.id)
            values.setdefault("partner_id", ticket.partner_id.id)
        return values

    def _book(self, slot):
        self.ensure_one()
        if not self.appointment_type_id:
            raise UserError(self.env._("Please choose an appointment type."))
        if not self.partner_id:
            raise UserError(self.env._("Please choose the citizen to book for."))
        event = self.env["calendar.event"].browse(
            self.appointment_type_id.book_slot(
                slot.start,
                self.partner_id.id,
                service_id=self.service_id.id,
                ticket_id=self.ticket_id.id,
            )
        )
        event._sc_send_mail("sc_appointments.mail_template_confirmation")
        if self.ticket_id:
            self.ticket_id.message_post(
                body=self.env._(
                    "Appointment booked for %(date)s at %(time)s (%(unit)s); "
                    "confirmation sent to the citizen.",
                    date=event._sc_date_label(),
                    time=event._sc_time_label(),
                    unit=event.sc_org_unit_id.name,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return event
