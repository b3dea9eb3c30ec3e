# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup

from odoo import Command, api, fields, models, tools
from odoo.tools import email_normalize, email_normalize_all, format_datetime
from odoo.tools.misc import clean_context

from odoo.addons.sc_knowledge.tools import SERVICE_TZ
from odoo.addons.sc_knowledge.tools.dates import service_datetime_formatter

from ..tools.public_form import DEFAULT_MAX_MOVES, MAX_MOVES_PARAM

BOOKING_STATES = [
    ("booked", "Booked"),
    ("cancelled", "Cancelled"),
    ("no_show", "No-show"),
    ("done", "Done"),
]


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    sc_appointment_type_id = fields.Many2one(
        comodel_name="sc.appointment.type",
        string="Appointment Type",
        index="btree_not_null",
        ondelete="restrict",
    )
    sc_company_id = fields.Many2one(
        related="sc_appointment_type_id.company_id",
        store=True,
        index="btree_not_null",
    )
    sc_service_id = fields.Many2one(comodel_name="sc.service", string="Service")
    sc_org_unit_id = fields.Many2one(
        comodel_name="sc.org.unit",
        string="Organisational Unit",
        index="btree_not_null",
    )
    sc_citizen_partner_id = fields.Many2one(
        comodel_name="res.partner", string="Citizen", index="btree_not_null"
    )
    sc_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Ticket", index="btree_not_null"
    )
    sc_confirmation_email = fields.Char(
        string="Confirmation Address",
        help="E-mail address that receives the confirmation, the reminder and "
        "the news of a move, when it is not the citizen's own (for instance the "
        "one given on the ticket).",
    )
    sc_resource_id = fields.Many2one(
        comodel_name="resource.resource",
        string="Counter",
        index="btree_not_null",
        ondelete="restrict",
        help="Counter the appointment holds; counters may serve several "
        "appointment types.",
    )
    sc_state = fields.Selection(
        selection=BOOKING_STATES, string="Booking Status", index="btree_not_null"
    )
    sc_access_token = fields.Char(
        string="Access Token", copy=False, groups="base.group_system"
    )
    sc_form_token = fields.Char(
        string="Booking Form Token",
        copy=False,
        index="btree_not_null",
        groups="base.group_system",
        help="Technical: the public booking form this booking came from; the same "
        "form submitted again does not book twice.",
    )
    sc_reminder_sent = fields.Boolean(string="Reminder Sent", copy=False)
    sc_move_count = fields.Integer(
        string="Times Moved",
        copy=False,
        readonly=True,
        help="How often this appointment has been moved before; citizens may "
        "move it online only a few times (Service Center Settings).",
    )
    sc_visit_ids = fields.One2many(
        comodel_name="sc.visit", inverse_name="appointment_id", string="Visits"
    )
    sc_anonymized = fields.Boolean(
        string="Anonymised",
        readonly=True,
        copy=False,
        help="Set by the data protection job only: the citizen's data of this "
        "booking has been removed.",
    )

    _sql_constraints = [
        (
            "sc_form_token_unique",
            "UNIQUE(sc_form_token)",
            "This booking form has already been submitted.",
        ),
    ]

    def init(self):
        # the free-slot query: active bookings by time
        tools.create_index(
            self.env.cr,
            "calendar_event_sc_booked_start_index",
            self._table,
            ["start", "stop"],
            where="sc_state = 'booked'",
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("sc_appointment_type_id") and not vals.get("sc_access_token"):
                vals["sc_access_token"] = uuid.uuid4().hex
        return super().create(vals_list)

    def _sc_token(self):
        self.ensure_one()
        return self.sudo().sc_access_token

    def _sc_tz(self):
        self.ensure_one()
        return self.sc_appointment_type_id._calendar_for().tz or SERVICE_TZ

    def _sc_lang(self):
        """German, the authority's language, while it is active (never an
        inactive language: Odoo refuses to render in one); else the
        citizen's."""
        self.ensure_one()
        return (
            self.env["res.lang"]._get_code("de_DE")
            or self.sc_citizen_partner_id.lang
            or self.env.lang
            or "en_US"
        )

    def _sc_date_label(self):
        """Local date of the appointment, e.g. ``Dienstag, 16. Juni 2026``."""
        self.ensure_one()
        return format_datetime(
            self.env, self.start, self._sc_tz(), "EEEE, d. MMMM y", self._sc_lang()
        )

    def _sc_time_label(self):
        self.ensure_one()
        return format_datetime(self.env, self.start, self._sc_tz(), "HH:mm")

    def _sc_manage_url(self):
        """Public link to cancel or reschedule (token, no login)."""
        self.ensure_one()
        base = self.get_base_url()
        return f"{base}/sc/appointment/{self.id}/{self._sc_token()}"

    def _sc_online_moves_left(self):
        """How often the citizen may still move this appointment through the
        link in the confirmation (Service Center Settings: Online Moves per
        Appointment)."""
        self.ensure_one()
        allowed = self.env["sc.rate.limit"]._param(MAX_MOVES_PARAM, DEFAULT_MAX_MOVES)
        return max(allowed - self.sc_move_count, 0)

    def _sc_email(self):
        """The address this booking's mails go to: the one given for it, else
        the citizen's own; '' when there is none."""
        self.ensure_one()
        return (
            email_normalize(
                self.sc_confirmation_email or self.sc_citizen_partner_id.email or ""
            )
            or ""
        )

    def _sc_send_mail(self, template_xmlid):
        """Send a booking mail to each event's address (``_sc_email``), with the
        .ics file attached. Returns the ``mail.mail`` records created."""
        template = self.env.ref(template_xmlid)
        ics_files = self._get_ics_file()
        mails = self.env["mail.mail"].sudo()
        for event in self:
            email = event._sc_email()
            if not email:
                continue
            attachment_ids = []
            if ics_files.get(event.id):
                attachment_ids = (
                    self.env["ir.attachment"]
                    .sudo()
                    .with_context(**clean_context(self.env.context), no_document=True)
                    .create(
                        {
                            "name": "termin.ics",
                            "datas": base64.b64encode(ics_files[event.id]),
                            "mimetype": "text/calendar",
                            "res_model": "calendar.event",
                            "res_id": event.id,
                        }
                    )
                    .ids
                )
            email_values = {"attachment_ids": [(6, 0, attachment_ids)]}
            partner_email = email_normalize(event.sc_citizen_partner_id.email or "")
            if email != partner_email:  # not the citizen's own: to that address only
                email_values.update(email_to=email, recipient_ids=[])
            mails |= mails.browse(
                template.sudo().send_mail(
                    event.id,
                    email_layout_xmlid="sc_knowledge.mail_layout_authority",
                    email_values=email_values,
                )
            )
        return mails

    @api.model
    def _sc_mail_addresses(self, mails):
        """The normalized addresses ``mails`` are addressed to."""
        return set(email_normalize_all(",".join(mails.mapped("email_to")))) | set(
            mails.recipient_ids.mapped("email_normalized")
        )

    def _sc_confirm_booking(self):
        """Confirm new bookings to their citizens and say truthfully in a note
        on the booking (and its ticket) whether, and where, a confirmation was
        sent. Returns {event id: note}."""
        mails = self._sc_send_mail("sc_appointments.mail_template_confirmation")
        notes = {event.id: event._sc_booking_note(mails) for event in self}
        for event in self:
            event._sc_post_booking_note(notes[event.id])
        return notes

    def _sc_post_booking_note(self, note):
        self.ensure_one()
        author = self.env.user.partner_id
        if self.env.user._is_public():  # booked by the citizen: the system notes
            author = self.env.ref("base.partner_root")
        for record in filter(None, (self, self.sc_ticket_id)):
            record.sudo().message_post(
                body=note,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                author_id=author.id,
            )

    def _sc_booking_note(self, mails, moved_from=None):
        """What happened, in one sentence for the ticket and the agent: the
        confirmation is named as sent only to an address one of ``mails`` went
        to. ``moved_from``: the booking before it was moved."""
        self.ensure_one()
        email = self._sc_email()
        sent = email and email in self._sc_mail_addresses(mails)
        values = {
            "old_date": moved_from and moved_from._sc_date_label(),
            "old_time": moved_from and moved_from._sc_time_label(),
            "date": self._sc_date_label(),
            "time": self._sc_time_label(),
            "unit": self.sc_org_unit_id.name,
            "email": email,
            "phone": self.sc_citizen_partner_id.phone or self.env._("none"),
        }
        _ = self.env._
        if moved_from and sent:
            return _(
                "Appointment moved from %(old_date)s %(old_time)s to %(date)s at "
                "%(time)s (%(unit)s); confirmation sent to %(email)s.",
                **values,
            )
        if moved_from:
            return _(
                "Appointment moved from %(old_date)s %(old_time)s to %(date)s at "
                "%(time)s (%(unit)s); no confirmation was sent, as no e-mail "
                "address is known: please tell the citizen the new date.",
                **values,
            )
        if sent:
            return _(
                "Appointment booked for %(date)s at %(time)s (%(unit)s); "
                "confirmation sent to %(email)s.",
                **values,
            )
        return _(
            "Appointment booked for %(date)s at %(time)s (%(unit)s); no "
            "confirmation was sent, as no e-mail address is known: please tell "
            "the citizen the date and the documents to bring (phone: %(phone)s).",
            **values,
        )

    def _sc_documents(self):
        """What the citizen brings: the booked service's documents."""
        self.ensure_one()
        return self.sc_service_id.document_ids

    def _get_customer_description(self):
        """The calendar file lists the documents of the booked service."""
        description = super()._get_customer_description()
        documents = self._sc_documents()
        if not documents:
            return description
        env = self.with_context(lang=self._sc_lang()).env
        items = Markup().join(
            Markup("<li>%s</li>") % document.name for document in documents
        )
        return Markup("%s<p>%s</p><ul>%s</ul>") % (
            Markup(description or ""),
            env._("Please bring:"),
            items,
        )

    def action_sc_cancel(self):
        self.filtered(lambda e: e.sc_state == "booked").write({"sc_state": "cancelled"})
        return True

    def action_sc_reschedule(self):
        """Open the booking wizard to move this appointment to another slot."""
        self.ensure_one()
        return self.env["sc.appointment.booking"]._action_open(event_id=self.id)

    def action_sc_no_show(self):
        self.filtered(lambda e: e.sc_state == "booked").write({"sc_state": "no_show"})
        return True

    def action_sc_check_in(self):
        """Front desk: the citizen with this appointment has arrived."""
        booked = self.filtered(lambda e: e.sc_state == "booked")
        now = fields.Datetime.now()
        visits = self.env["sc.visit"].create(
            [
                {
                    "arrival": now,
                    "org_unit_id": event.sc_org_unit_id.id,
                    "service_id": event.sc_service_id.id,
                    "appointment_id": event.id,
                    "partner_id": event.sc_citizen_partner_id.id,
                }
                for event in booked
            ]
        )
        booked.sc_state = "done"
        return visits

    # ------------------------------------------------------------------
    # Data protection (see sc.data.protection)
    # ------------------------------------------------------------------

    def _sc_retention_domain(self, companies, cutoff):
        """Bookings of these companies that ended before ``cutoff``."""
        return [
            ("sc_company_id", "in", companies.ids),
            ("sc_anonymized", "=", False),
            ("stop", "<", cutoff),
        ]

    def _sc_partner_domain(self, partners):
        return [
            ("sc_appointment_type_id", "!=", False),
            ("sc_anonymized", "=", False),
            "|",
            ("sc_citizen_partner_id", "in", partners.ids),
            ("partner_ids", "in", partners.ids),
        ]

    def _sc_citizens(self):
        return (self.sc_citizen_partner_id | self.partner_ids)._sc_citizens()

    def _sc_personal_documents(self):
        return [self]

    def _sc_anonymize(self):
        """Remove the citizen from these bookings (title, description,
        attendees, confirmation address); keep date, duration, service, unit,
        counter and status."""
        citizens = self._sc_citizens()
        events = self.sudo().with_context(
            no_mail_to_attendees=True, dont_notify=True, tracking_disable=True
        )
        events.write(
            {
                "description": False,
                "partner_ids": [Command.unlink(p.id) for p in citizens],
                "sc_citizen_partner_id": False,
                "sc_confirmation_email": False,
                "sc_access_token": False,
                "sc_anonymized": True,
            }
        )
        for event in events:  # written in one batch when flushed
            event.name = (
                event.sc_service_id.name or event.sc_appointment_type_id.name or "-"
            )

    def _sc_export_sections(self):
        """Art. 15: these appointments as a section of the information."""
        local_time = service_datetime_formatter(self.env)
        states = dict(self._fields["sc_state"]._description_selection(self.env))
        return [
            {
                "title": self.env._("Appointments"),
                "columns": [
                    self.env._("Date"),
                    self.env._("Service"),
                    self.env._("Organisational Unit"),
                    self.env._("Location"),
                    self.env._("Status"),
                ],
                "rows": [
                    [
                        local_time(event.start),
                        event.sc_service_id.name or event.name,
                        event.sc_org_unit_id.name or "",
                        event.location or "",
                        states.get(event.sc_state, ""),
                    ]
                    for event in self
                ],
            }
        ]

    @api.model
    def _cron_sc_send_reminders(self):
        """Remind citizens of tomorrow's appointments (local calendar day)."""
        tz = ZoneInfo(SERVICE_TZ)
        tomorrow = datetime.now(tz).date() + timedelta(days=1)
        start = datetime.combine(tomorrow, time.min, tzinfo=tz)
        end = start + timedelta(days=1)
        utc = ZoneInfo("UTC")
        events = self.search(
            [
                ("sc_state", "=", "booked"),
                ("sc_reminder_sent", "=", False),
                ("start", ">=", start.astimezone(utc).replace(tzinfo=None)),
                ("start", "<", end.astimezone(utc).replace(tzinfo=None)),
            ]
        )
        events._sc_send_mail("sc_appointments.mail_template_reminder")
        events.sc_reminder_sent = True
        return events
