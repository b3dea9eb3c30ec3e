# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta, timezone

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

SLOTS_SHOWN = 8


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
    email = fields.Char(
        string="Confirmation to",
        compute="_compute_email",
        store=True,
        readonly=False,
        help="E-mail address that receives the confirmation with the calendar "
        "file: the one given on the ticket, else the citizen's. Leave empty when "
        "the citizen has none; the ticket then says that nothing was sent.",
    )
    date = fields.Date(
        string="Day",
        help="Only slots of this day. Leave empty for the quietest slots of the "
        "coming weeks.",
    )
    day_period = fields.Selection(
        selection=[
            ("morning", "Morning (before 12:00)"),
            ("afternoon", "Afternoon (from 12:00)"),
        ],
        string="Time of Day",
        help="Leave empty for the whole day.",
    )
    slot_ids = fields.One2many(
        comodel_name="sc.appointment.booking.slot",
        inverse_name="booking_id",
        string="Quiet Slots",
    )
    slots_shown = fields.Boolean(
        help="Technical: the listed slots are those of the current choice of "
        "appointment type, day and time of day.",
    )
    document_ids = fields.One2many(related="service_id.document_ids")
    state = fields.Selection(
        selection=[("choose", "Choose a Slot"), ("done", "Booked")],
        default="choose",
        required=True,
    )
    booked_event_id = fields.Many2one(
        comodel_name="calendar.event", string="Booked Appointment", readonly=True
    )
    message = fields.Text(string="Confirmation", readonly=True)

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

    @api.depends("partner_id", "ticket_id")
    def _compute_email(self):
        for wizard in self:
            wizard.email = wizard.ticket_id.partner_email or wizard.partner_id.email

    @api.onchange("service_id", "appointment_type_id", "date", "day_period")
    def _onchange_choice(self):
        """Another choice: the listed slots no longer apply until shown again
        (slots made in the browser would be unsaved rows, whose Book buttons
        Odoo refuses)."""
        self.slot_ids = [Command.clear()]
        self.slots_shown = False

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

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._show_slots()
        return wizards

    def action_show_slots(self):
        """The free slots of the chosen day and time of day."""
        self.ensure_one()
        self._show_slots()
        return self._action_reopen()

    @api.model
    def _action_open(self, **defaults):
        """The wizard, already saved with its ranked slots, as a window action."""
        wizard = self.with_context(
            **{f"default_{name}": value for name, value in defaults.items()}
        ).create({})
        return wizard._action_reopen()

    def _action_reopen(self):
        """This wizard again, as a window action (it shows its state)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sc_appointments.sc_appointment_booking_action"
        )
        action["res_id"] = self.id
        if self.event_id:
            action["name"] = self.env._("Move Appointment")
        return action

    def _slot_window(self):
        """UTC bounds of the chosen day in the appointment type's time zone."""
        if not self.date:
            return None, None
        tz = self.appointment_type_id._tz()
        start = datetime.combine(self.date, time.min, tzinfo=tz)
        end = datetime.combine(self.date + timedelta(days=1), time.min, tzinfo=tz)
        return start.astimezone(timezone.utc), end.astimezone(timezone.utc)

    def _show_slots(self):
        """List the quietest free slots of the current choice (saved records,
        so that their Book buttons work in the browser)."""
        for wizard in self:
            commands = [Command.clear()]
            if wizard.appointment_type_id:
                date_from, date_to = wizard._slot_window()
                slots = wizard.appointment_type_id.suggest_slots(
                    date_from, date_to, limit=SLOTS_SHOWN, day_period=wizard.day_period
                )
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
            wizard.write({"slot_ids": commands, "slots_shown": True})

    def _book(self, slot):
        """Book (or move to) ``slot``, note it on the ticket and keep the
        confirmation to show in the wizard."""
        self.ensure_one()
        if not self.appointment_type_id:
            raise UserError(self.env._("Please choose an appointment type."))
        if not self.partner_id:
            raise UserError(self.env._("Please choose the citizen to book for."))
        if self.event_id:
            event, mails = self.appointment_type_id._reschedule(
                self.event_id, slot.start
            )
            message = event._sc_booking_note(mails, moved_from=self.event_id)
            event._sc_post_booking_note(message)
        else:
            event = self.env["calendar.event"].browse(
                self.appointment_type_id.book_slot(
                    slot.start,
                    self.partner_id.id,
                    service_id=self.service_id.id,
                    ticket_id=self.ticket_id.id,
                    email=self._confirmation_address(),
                )
            )
            message = event._sc_confirm_booking()[event.id]
        self.write({"state": "done", "booked_event_id": event.id, "message": message})
        return event

    def _confirmation_address(self):
        """The address to confirm to, checked; '' when there is none."""
        if not (self.email or "").strip():
            return ""
        email = email_normalize(self.email)
        if not email:
            raise UserError(
                self.env._(
                    "“%(email)s” is not a valid e-mail address. Please correct it "
                    "or leave the field empty.",
                    email=self.email,
                )
            )
        return email
