# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class ScAppointmentBooking(models.TransientModel):
    _name = "sc.appointment.booking"
    _description = "Book an Appointment"

    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", readonly=True)
    event_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Appointment to Move",
        readonly=True,
        help="Set when the wizard moves an existing booking to another slot.",
    )
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

    @api.depends("service_id", "event_id")
    def _compute_appointment_type_id(self):
        for wizard in self:
            if wizard.event_id:
                wizard.appointment_type_id = wizard.event_id.sc_appointment_type_id
            elif wizard.service_id and (
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
                if wizard.event_id:  # moving: not to where it already is
                    current = fields.Datetime.to_string(wizard.event_id.start)
                    slots = [slot for slot in slots if slot["start"] != current]
                commands += [
                    Command.create(
                        {
                            "start": slot["start"],
                            "stop": slot["end"],
                            "start_local": slot["start_local"],
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
    def _action_open(self, **defaults):
        """The wizard, already saved with its ranked slots, as a window action."""
        wizard = self.with_context(
            **{f"default_{name}": value for name, value in defaults.items()}
        ).create({})
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sc_appointments.sc_appointment_booking_action"
        )
        action["res_id"] = wizard.id
        return action

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ticket = self.env["helpdesk.ticket"].browse(
            values.get("ticket_id") or self.env.context.get("default_ticket_id")
        )
        event = self.env["calendar.event"].browse(
            values.get("event_id") or self.env.context.get("default_event_id")
        )
        if event:
            if event.sc_state != "booked":
                raise UserError(self.env._("Only booked appointments can be moved."))
            values.update(
                event_id=event.id,
                ticket_id=event.sc_ticket_id.id,
                service_id=event.sc_service_id.id,
                partner_id=event.sc_citizen_partner_id.id,
            )
        elif ticket:
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
        if self.event_id:
            return self._move(slot)
        event = self.env["calendar.event"].browse(
            self.appointment_type_id.book_slot(
                slot.start,
                self.partner_id.id,
                service_id=self.service_id.id,
                ticket_id=self.ticket_id.id,
            )
        )
        event._sc_send_mail("sc_appointments.mail_template_confirmation")
        self._note_on_ticket(
            self.env._(
                "Appointment booked for %(date)s at %(time)s (%(unit)s); "
                "confirmation sent to the citizen.",
                date=event._sc_date_label(),
                time=event._sc_time_label(),
                unit=event.sc_org_unit_id.name,
            )
        )
        return event

    def _move(self, slot):
        old = self.event_id
        event = self.appointment_type_id._reschedule(old, slot.start)
        self._note_on_ticket(
            self.env._(
                "Appointment moved from %(old_date)s %(old_time)s to %(date)s at "
                "%(time)s (%(unit)s); the citizen has been informed.",
                old_date=old._sc_date_label(),
                old_time=old._sc_time_label(),
                date=event._sc_date_label(),
                time=event._sc_time_label(),
                unit=event.sc_org_unit_id.name,
            )
        )
        return event

    def _note_on_ticket(self, body):
        if self.ticket_id:
            self.ticket_id.message_post(
                body=body, message_type="comment", subtype_xmlid="mail.mt_note"
            )
