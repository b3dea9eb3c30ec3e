# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import email_normalize

from odoo.addons.sc_knowledge.models.helpdesk_ticket import MAIL_LAYOUT
from odoo.addons.sc_knowledge.tools.dates import service_datetime_formatter
from odoo.addons.sc_knowledge.tools.phone import to_e164
from odoo.addons.sc_knowledge.tools.public_input import (
    has_control_characters,
    single_line,
)

# Kept by the system alone (the citizen's notices and the status page link).
NOTICE_FIELDS = frozenset(
    {
        "sc_status_token",
        "sc_promise_message_id",
        "sc_outcome_notice",
        "sc_outcome_message_id",
    }
)
# Context key of a mail that gives the citizen the outcome (the relayed
# answer of the office, an answer from the catalog).
OUTCOME_CONTEXT = "sc_outcome_mail"
STATUS_ROUTE = "/sc/inquiry"

# Longest caller number accepted: E.164 has at most 15 digits, people add
# spaces, dashes, "(0)" and a leading "+49" or "0049".
MAX_NUMBER_LENGTH = 40


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    sc_caller_phone = fields.Char(
        string="Caller Number",
        index="btree_not_null",
        help="Stored in international format (E.164), e.g. +4936691700.",
    )
    sc_previous_ticket_ids = fields.Many2many(
        comodel_name="helpdesk.ticket",
        string="Earlier Inquiries",
        compute="_compute_sc_previous_ticket_ids",
        help="Inquiries of the same caller (same number or e-mail).",
    )
    sc_known_caller = fields.Boolean(
        string="Known Caller", compute="_compute_sc_previous_ticket_ids"
    )
    sc_forward_ids = fields.One2many(
        comodel_name="sc.inquiry.forward", inverse_name="ticket_id", string="Forwards"
    )
    sc_answer_channel = fields.Selection(
        selection=[
            ("email", "E-mail"),
            ("callback", "Callback"),
            ("letter", "Letter or fax"),
        ],
        string="Preferred Answer Channel",
        default="email",
        help="How the citizen wants to receive the answer.",
    )
    sc_first_contact_resolution = fields.Boolean(
        string="Resolved at First Contact",
        compute="_compute_sc_first_contact_resolution",
        store=True,
        help="Closed without a forward to an office, whether the service center "
        "answered from the catalog or otherwise. Every report counts these "
        "inquiries as resolved at first contact.",
    )
    sc_fcr_rate = fields.Float(
        string="First-contact Resolution (%)",
        compute="_compute_sc_first_contact_resolution",
        store=True,
        aggregator="avg",
        help="100 for an inquiry resolved at first contact, else 0: averaged over "
        "inquiries, the first-contact resolution rate (target in the settings).",
    )
    sc_anonymized = fields.Boolean(
        string="Anonymised",
        readonly=True,
        copy=False,
        index=True,
        help="Set by the data protection job only; nobody can set or clear it.",
    )
    sc_forward_count = fields.Integer(
        string="Number of Forwards", compute="_compute_sc_forward_count"
    )
    sc_response_deadline = fields.Datetime(
        string="Answer Promised By",
        compute="_compute_sc_response_deadline",
        store=True,
        help="Latest deadline of the forwards that are still running or answered.",
    )
    sc_response_promise = fields.Char(
        string="Promise", compute="_compute_sc_response_promise"
    )
    sc_status_url = fields.Char(
        string="Status Page Link",
        compute="_compute_sc_status_url",
        help="The citizen's link to the status page of the inquiry (sent with the "
        "deadline confirmation).",
    )
    sc_status_token = fields.Char(
        string="Status Page Token",
        copy=False,
        readonly=True,
        groups="base.group_system",
        help="Secret of the citizen's link to the status page of the inquiry; "
        "removed when the inquiry is anonymised.",
    )
    sc_promise_message_id = fields.Many2one(
        comodel_name="mail.message",
        string="Deadline Confirmation",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The message that confirmed the deadline to the citizen: it is sent "
        "automatically only once.",
    )
    sc_outcome_notice = fields.Selection(
        selection=[("mail", "E-mail"), ("callback", "Call-back task")],
        string="Citizen Told of the Outcome",
        copy=False,
        readonly=True,
        help="How the citizen learnt that the inquiry was answered or closed: "
        "they are told once.",
    )
    sc_outcome_message_id = fields.Many2one(
        comodel_name="mail.message",
        string="Outcome Message",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )

    @api.depends("sc_caller_phone", "partner_email", "partner_id")
    def _compute_sc_previous_ticket_ids(self):
        for ticket in self:
            domain = ticket._sc_same_caller_domain()
            if domain:
                if ticket.id:
                    domain = [("id", "!=", ticket.id), *domain]
                previous = self.search(domain, order="create_date desc", limit=20)
            else:
                previous = self.browse()
            ticket.sc_previous_ticket_ids = previous
            ticket.sc_known_caller = bool(previous)

    @api.depends("stage_id.closed", "sc_forward_ids")
    def _compute_sc_first_contact_resolution(self):
        for ticket in self:
            resolved = bool(ticket.stage_id.closed and not ticket.sc_forward_ids)
            ticket.sc_first_contact_resolution = resolved
            ticket.sc_fcr_rate = 100.0 if resolved else 0.0

    @api.depends("sc_forward_ids")
    def _compute_sc_forward_count(self):
        for ticket in self:
            ticket.sc_forward_count = len(ticket.sc_forward_ids)

    @api.depends("sc_forward_ids.deadline", "sc_forward_ids.state")
    def _compute_sc_response_deadline(self):
        for ticket in self:
            deadlines = ticket.sc_forward_ids.filtered(
                lambda f: f.state not in ("cancelled", "rejected") and f.deadline
            ).mapped("deadline")
            ticket.sc_response_deadline = max(deadlines) if deadlines else False

    @api.depends("sc_response_deadline")
    @api.depends_context("lang")
    def _compute_sc_response_promise(self):
        local_time = service_datetime_formatter(self.env, weekday=True)
        for ticket in self:
            if not ticket.sc_response_deadline:
                ticket.sc_response_promise = False
                continue
            ticket.sc_response_promise = self.env._(
                "Answer promised by %(date)s",
                date=local_time(ticket.sc_response_deadline),
            )

    @api.depends("sc_status_token")
    def _compute_sc_status_url(self):
        for ticket in self:
            token = ticket.sudo().sc_status_token
            ticket.sc_status_url = token and (
                f"{ticket.get_base_url()}{STATUS_ROUTE}/{ticket.id}/{token}"
            )

    @api.model
    def default_get(self, fields):
        """A form opened by the screen pop (context ``sc_call_id``) starts as
        the phone inquiry of the agent's answered call."""
        defaults = super().default_get(fields)
        call = self.env["sc.call"]._sc_popped_call(self.env.context.get("sc_call_id"))
        if call.caller_number:
            values = self._sc_phone_inquiry_values(call.caller_number)
            defaults.update(
                {
                    name: value
                    for name, value in values.items()
                    if name in fields and not defaults.get(name)
                }
            )
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._sc_check_system_fields(vals)
            self._sc_normalize_phone(vals)
        # the popped call, checked before anything is created
        call = self.env["sc.call"]._sc_popped_call(self.env.context.get("sc_call_id"))
        tickets = super().create(vals_list)
        if call:
            call.ticket_id = tickets[:1]
        return tickets

    def write(self, vals):
        self._sc_check_system_fields(vals)
        self._sc_normalize_phone(vals)
        return super().write(vals)

    @api.model
    def _sc_check_system_fields(self, vals):
        """Only the anonymisation (as superuser) sets ``sc_anonymized``: whoever
        could set it would exempt the inquiry from the retention period for good."""
        if "sc_anonymized" in vals and not self.env.su:
            raise AccessError(
                self.env._(
                    "Only the automatic anonymisation may mark an inquiry as "
                    "anonymised."
                )
            )
        if NOTICE_FIELDS.intersection(vals) and not self.env.su:
            raise AccessError(
                self.env._(
                    "The notices to the citizen and the link to the status page "
                    "are kept by the system and cannot be changed by hand."
                )
            )

    @api.model
    def _sc_normalize_phone(self, vals):
        if vals.get("sc_caller_phone"):
            e164 = to_e164(vals["sc_caller_phone"])
            if not e164:
                raise ValidationError(
                    self.env._(
                        "“%(number)s” is not a valid phone number. Please enter it "
                        "with area code, e.g. 036691 70-0 or +49 3641 123456.",
                        number=single_line(vals["sc_caller_phone"], MAX_NUMBER_LENGTH),
                    )
                )
            vals["sc_caller_phone"] = e164

    def _sc_same_caller_domain(self):
        conditions = []
        if self.sc_caller_phone:
            conditions.append([("sc_caller_phone", "=", self.sc_caller_phone)])
        email = email_normalize(self.partner_email or "")
        if email:
            conditions.append([("partner_email", "=ilike", email)])
        if self.partner_id:
            conditions.append([("partner_id", "=", self.partner_id.id)])
        if not conditions:
            return []
        return ["|"] * (len(conditions) - 1) + [c for cond in conditions for c in cond]

    @api.model
    def sc_cti_incoming_call(self, number):
        """CTI: open a phone inquiry for an incoming call.

        Called by a telephony system over authenticated RPC (or the JSON route of
        this addon) with the caller's number. Creates a phone ticket for the
        calling agent, linked to the known contact if the number is known, and
        returns what the telephony client needs to show it.
        """
        e164 = to_e164(self._sc_check_cti_number(number))
        if not e164:
            raise ValidationError(
                self.env._("“%(number)s” is not a valid phone number.", number=number)
            )
        ticket = self._sc_phone_inquiry(e164)
        return {
            "ticket_id": ticket.id,
            "number": e164,
            "partner_id": ticket.partner_id.id,
            "known_caller": ticket.sc_known_caller,
            "previous_ticket_ids": ticket.sc_previous_ticket_ids.ids,
            "url": f"/odoo/helpdesk.ticket/{ticket.id}",
        }

    @api.model
    def _sc_phone_inquiry(self, e164):
        """A new phone inquiry of the calling agent for the caller's number
        (E.164), linked to the contact with that number if there is one."""
        partner = self._sc_partner_of_number(e164)
        return self.create(
            {
                **self._sc_phone_inquiry_values(e164),
                "partner_id": partner.id,
                "partner_email": partner.email,
                "partner_name": partner.name,
            }
        )

    @api.model
    def _sc_phone_inquiry_values(self, e164):
        """What a new phone inquiry of the current agent for the caller's
        number (E.164) starts with."""
        return {
            "name": self.env._("Call from %(number)s", number=e164),
            "description": self.env._("Phone call"),
            "channel_id": self.env["helpdesk.ticket.channel"]._sc_for_code("phone").id,
            "sc_caller_phone": e164,
            "user_id": self.env.uid,
        }

    @api.model
    def _sc_partner_of_number(self, e164):
        """The contact with this phone or mobile number (E.164), if any."""
        return self.env["res.partner"].search(
            ["|", ("phone", "=", e164), ("mobile", "=", e164)], limit=1
        )

    @api.onchange("sc_caller_phone")
    def _onchange_sc_caller_phone(self):
        """The known contact of the number typed in, or popped up with the
        call, when the inquiry has no contact yet."""
        if self.partner_id or not self.sc_caller_phone:
            return
        e164 = to_e164(self.sc_caller_phone)
        partner = self._sc_partner_of_number(e164) if e164 else None
        if partner:
            self.partner_id = partner
            self.partner_name = partner.name
            self.partner_email = partner.email

    @api.model
    def _sc_check_cti_number(self, number):
        """The caller number of a telephony request, refused in clear terms when
        it is no short line of text: it comes from outside."""
        if not isinstance(number, str) or not number.strip():
            raise ValidationError(
                self.env._(
                    "Please send the caller's number as text, e.g. “036691 70-0”."
                )
            )
        if len(number) > MAX_NUMBER_LENGTH:
            raise ValidationError(
                self.env._(
                    "The caller's number is too long: at most %(max)s characters "
                    "are accepted.",
                    max=MAX_NUMBER_LENGTH,
                )
            )
        if has_control_characters(number):
            raise ValidationError(
                self.env._(
                    "The caller's number contains control characters (such as line "
                    "breaks or NUL bytes) and is refused."
                )
            )
        return number

    def action_sc_forward(self):
        self.ensure_one()
        if self.closed:
            raise UserError(self.env._("This inquiry is already closed."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sc_inquiry_sla.sc_inquiry_forward_wizard_action"
        )
        action["context"] = {"default_ticket_id": self.id}
        return action

    def action_sc_view_forwards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sc_inquiry_sla.sc_inquiry_forward_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    def action_sc_send_promise(self):
        """Open the composer with the citizen's confirmation of the deadline."""
        self.ensure_one()
        if not self.sc_response_deadline:
            raise UserError(
                self.env._(
                    "Please forward the inquiry first: there is no deadline yet."
                )
            )
        template = self.env.ref("sc_inquiry_sla.mail_template_citizen_promise")
        self._sc_ensure_status_token()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "sc_knowledge.mail_layout_authority",
            },
        }

    def _message_get_suggested_recipients(self):
        """An office answers the service center: the citizen is suggested but
        not ticked; writing to the citizen is a deliberate choice."""
        recipients = super()._message_get_suggested_recipients()
        if self.env.user._sc_is_office_only():
            for recipient in recipients:
                recipient["checked"] = False
        return recipients

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """A message of an office reaches the service center's people and only
        the outside partners that the office ticked itself (not the citizen
        merely because they follow the inquiry)."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self.env.user._sc_is_office_only():
            return recipients
        chosen = set(
            (msg_vals or {}).get("partner_ids") or message.partner_ids.ids or ()
        )
        return [r for r in recipients if not r["share"] or r["id"] in chosen]

    def _sc_move_to_stage(self, stage_xmlid):
        """Put open inquiries into a stage of the forwarding flow (a stage
        deleted or archived by the manager is skipped)."""
        stage = self.env.ref(stage_xmlid, raise_if_not_found=False)
        if stage and stage.active:
            self.filtered(
                lambda t: not t.closed and t.stage_id != stage
            ).sudo().stage_id = stage

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        if self.sc_forward_ids:
            # The poster is the authenticated user, not the author a caller of
            # message_post may name through author_id or email_from.
            self.env["sc.inquiry.forward"].sudo()._register_ticket_message(
                self, message, self.env.user
            )
        if self.env.context.get(OUTCOME_CONTEXT) and message.partner_ids:
            # The agent sent the answer to the citizen: that is the notice of
            # the outcome, closing the inquiry sends no second one.
            self.sudo().filtered(lambda t: not t.sc_outcome_notice).write(
                {"sc_outcome_notice": "mail", "sc_outcome_message_id": message.id}
            )
        return res

    def _track_template(self, changes):
        res = super()._track_template(changes)
        if "stage_id" in res and self[:1].stage_id.closed:
            # The closing mail is the notice of the outcome, sent once by
            # _sc_tell_outcome (OCA would send it on every closing stage).
            del res["stage_id"]
        return res

    def _message_track_post_template(self, changes):
        if changes and "stage_id" in changes and self.closed:
            self._sc_tell_outcome(self.stage_id.mail_template_id)
        return super()._message_track_post_template(changes)

    # ------------------------------------------------------------------
    # Notices to the citizen
    # ------------------------------------------------------------------

    def _sc_citizen_email(self):
        """The address the citizen's mails go to (the contact's, else the one
        typed on the inquiry, as the templates choose), or False."""
        self.ensure_one()
        address = self.partner_id.email if self.partner_id else self.partner_email
        return email_normalize(address or "")

    def _sc_ensure_status_token(self):
        """Give the inquiries their secret for the citizen's status page."""
        for ticket in self.sudo():
            if not ticket.sc_status_token and not ticket.sc_anonymized:
                ticket.sc_status_token = secrets.token_urlsafe(32)

    def _sc_post_to_citizen(self, template):
        """Send ``template`` to the citizen as an automatic mail: the citizen
        alone is written to, the chatter keeps it."""
        self.ensure_one()
        return self.message_post_with_source(
            template,
            message_type="auto_comment",
            subtype_xmlid="mail.mt_note",
            email_layout_xmlid=MAIL_LAYOUT,
        )

    def _sc_confirm_deadline(self):
        """Confirm the deadline to the citizen by e-mail, by itself and once
        per inquiry (a second forward or a repeated click sends none), unless
        the company switched it off; the agent may send it again by hand."""
        tickets = self.sudo().filtered(
            lambda t: (
                t.company_id.sc_auto_promise
                and not t.sc_promise_message_id
                and t.sc_response_deadline
                and not t.closed
                and not t.sc_anonymized
                and t._sc_citizen_email()
            )
        )
        template = self.env.ref(
            "sc_inquiry_sla.mail_template_citizen_promise", raise_if_not_found=False
        )
        if not tickets or not template:
            return
        tickets._sc_ensure_status_token()
        for ticket in tickets:
            ticket.sc_promise_message_id = ticket._sc_post_to_citizen(template)

    def _sc_tell_outcome(self, template):
        """Tell the citizen once that the inquiry is answered or closed: by
        ``template`` when they have an e-mail address, by a call-back task for
        the responsible agent when they asked to be called back."""
        for ticket in self.sudo():
            if ticket.sc_outcome_notice or ticket.sc_anonymized:
                continue
            if ticket.sc_answer_channel == "callback":
                ticket._sc_schedule_callback()
            elif template and ticket._sc_citizen_email():
                message = ticket._sc_post_to_citizen(template)
                ticket.write(
                    {"sc_outcome_notice": "mail", "sc_outcome_message_id": message.id}
                )

    def _sc_promised_deadlines(self):
        """``{ticket id: promised date}`` before a change of the forwards'
        deadlines, for ``_sc_tell_new_deadline`` afterwards."""
        return {ticket.id: ticket.sc_response_deadline for ticket in self.sudo()}

    def _sc_tell_new_deadline(self, promised):
        """Tell the citizen that the date promised to them moved later (the
        unit's head extended the deadline, or the office waited for the
        citizen): by e-mail when the date was confirmed to them by e-mail,
        else by a task for the responsible agent (who gave the date by phone).
        ``promised`` comes from ``_sc_promised_deadlines`` before the change;
        nothing is said when no date had been promised."""
        template = self.env.ref(
            "sc_inquiry_sla.mail_template_citizen_new_deadline",
            raise_if_not_found=False,
        )
        for ticket in self.sudo():
            before = promised.get(ticket.id)
            after = ticket.sc_response_deadline
            if (
                not before
                or not after
                or after <= before
                or ticket.closed
                or ticket.sc_anonymized
            ):
                continue
            if template and ticket.sc_promise_message_id and ticket._sc_citizen_email():
                ticket._sc_ensure_status_token()
                ticket._sc_post_to_citizen(template)
            else:
                ticket._sc_ask_to_tell_new_deadline()

    def _sc_ask_to_tell_new_deadline(self):
        """No automatic mail: the responsible agent tells the citizen the new
        date (a call-back task when a number is known)."""
        self.ensure_one()
        local_time = service_datetime_formatter(self.env, weekday=True)
        date = local_time(self.sc_response_deadline)
        phone = self.sc_caller_phone or self.partner_id.phone or self.partner_id.mobile
        if phone:
            activity_type = "sc_inquiry_sla.mail_activity_type_callback"
            text = self.env._(
                "The answer to inquiry %(number)s is now promised by %(date)s. "
                "The citizen got no e-mail about it: please call %(phone)s and "
                "tell them the new date.",
                number=self.number,
                date=date,
                phone=phone,
            )
        else:
            activity_type = "mail.mail_activity_data_todo"
            text = self.env._(
                "The answer to inquiry %(number)s is now promised by %(date)s. "
                "The citizen got no e-mail about it and no phone number is "
                "recorded: please tell them the new date the way they contacted "
                "us.",
                number=self.number,
                date=date,
            )
        self.activity_schedule(
            activity_type,
            user_id=self.user_id.id or self.env.uid,
            summary=self.env._("Tell the citizen the new date"),
            note=Markup("<p>%s</p>") % text,
        )

    def _sc_schedule_callback(self):
        """The call-back task of the responsible agent, with the number to
        call in its note."""
        self.ensure_one()
        phone = self.sc_caller_phone or self.partner_id.phone or self.partner_id.mobile
        if phone:
            text = self.env._(
                "The citizen asked to be called back with the answer to inquiry "
                "%(number)s. Please call %(phone)s.",
                number=self.number,
                phone=phone,
            )
        else:
            text = self.env._(
                "The citizen asked to be called back with the answer to inquiry "
                "%(number)s, but no phone number is recorded. Please look it up "
                "in the inquiry.",
                number=self.number,
            )
        self.activity_schedule(
            "sc_inquiry_sla.mail_activity_type_callback",
            user_id=self.user_id.id or self.env.uid,
            note=Markup("<p>%s</p>") % text,
        )
        self.sc_outcome_notice = "callback"

    def _sc_status_steps(self):
        """What the citizen's status page shows: ``[(step, date)]`` with the
        naive UTC date of each step, None while it is to come. Steps an inquiry
        closed without skip are left out. Nothing internal: no text, no unit,
        no names."""
        self.ensure_one()
        forwards = self.sc_forward_ids.filtered(
            lambda f: f.state not in ("cancelled", "rejected")
        )
        forwarded = min(forwards.mapped("sent_at"), default=None)
        answered = None
        if forwards and all(f.state == "answered" for f in forwards):
            answered = max(forwards.mapped("answered_at"))
        elif self.sc_outcome_message_id:
            answered = self.sc_outcome_message_id.date
        closed = (self.closed_date or self.write_date) if self.closed else None
        steps = [
            ("received", self.create_date),
            ("forwarded", forwarded),
            ("answered", answered),
            ("closed", closed),
        ]
        if closed:
            steps = [(step, date) for step, date in steps if date]
        return steps

    def _sc_file_bounce(self, message_dict):
        """Keep a bounce with the inquiry as an internal note: nothing is lost,
        nobody is notified or subscribed, no deadline stops (it is no reply)."""
        for ticket in self.with_context(mail_create_nosubscribe=True):
            ticket.message_post(
                body=message_dict.get("body") or "",
                subject=message_dict.get("subject"),
                email_from=message_dict.get("email_from"),
                message_id=message_dict.get("message_id"),
                date=message_dict.get("date"),
                attachments=message_dict.get("attachments") or [],
                message_type="email",
                subtype_xmlid="mail.mt_note",
            )

    def _message_receive_bounce(self, email, partner):
        res = super()._message_receive_bounce(email, partner)
        self.sudo().sc_forward_ids._register_bounce(email)
        return res

    # ------------------------------------------------------------------
    # Data protection (DSGVO)
    # ------------------------------------------------------------------

    def _sc_retention_domain(self, companies, cutoff):
        """Closed, not yet anonymised inquiries closed before ``cutoff``."""
        return [
            ("company_id", "in", companies.ids),
            ("stage_id.closed", "=", True),
            ("sc_anonymized", "=", False),
            ("closed_date", "<", cutoff),
        ]

    def _sc_partner_domain(self, partners):
        """Not yet anonymised inquiries of these citizens, by contact or
        e-mail address."""
        emails = set(filter(None, partners.mapped("email_normalized")))
        return expression.AND(
            [
                [("sc_anonymized", "=", False)],
                expression.OR(
                    [
                        [("partner_id", "in", partners.ids)],
                        *([("partner_email", "=ilike", email)] for email in emails),
                    ]
                ),
            ]
        )

    def _sc_citizens(self):
        """The contacts these inquiries name, by link or e-mail address."""
        emails = {email_normalize(e) for e in self.mapped("partner_email")} - {False}
        by_email = self.env["res.partner"].sudo().with_context(active_test=False)
        if emails:
            by_email = by_email.search([("email_normalized", "in", list(emails))])
        return (self.partner_id | by_email)._sc_citizens()

    def _sc_personal_documents(self):
        return [self, self.with_context(active_test=False).sc_forward_ids]

    def _sc_anonymize(self):
        """Remove the citizen's data; keep what the statistics need (service,
        channel, unit, dates, stage, forwards with their deadlines)."""
        tickets = self.sudo().with_context(tracking_disable=True)
        tickets.write(
            {
                "description": self.env["sc.data.protection"]._sc_removed_html(),
                "notes": False,
                "partner_id": False,
                "partner_name": False,
                "partner_email": False,
                "sc_caller_phone": False,
                "sc_status_token": False,
                "sc_anonymized": True,
            }
        )
        for ticket in tickets:  # written in one batch when flushed
            ticket.name = self.env._("Inquiry %(number)s", number=ticket.number)
        # an open forward form keeps its own copy of the text
        self.env["sc.inquiry.forward.wizard"].sudo().search(
            [("ticket_id", "in", self.ids)]
        ).unlink()

    def _sc_export_sections(self):
        """Art. 15: the inquiries and their forwards."""
        local_time = service_datetime_formatter(self.env)
        forwards = self.with_context(active_test=False).sc_forward_ids
        return [
            {
                "title": self.env._("Inquiries"),
                "columns": [
                    self.env._("Number"),
                    self.env._("Subject"),
                    self.env._("Received"),
                    self.env._("Status"),
                    self.env._("Service"),
                    self.env._("Caller Number"),
                    self.env._("E-mail"),
                ],
                "rows": [
                    [
                        ticket.number,
                        ticket.name,
                        local_time(ticket.create_date),
                        ticket.stage_id.name or "",
                        ticket.sc_service_id.name or "",
                        ticket.sc_caller_phone or "",
                        ticket.partner_email or "",
                    ]
                    for ticket in self
                ],
            },
            forwards._sc_export_section(),
        ]
