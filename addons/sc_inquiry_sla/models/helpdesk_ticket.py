# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import email_normalize

from odoo.addons.sc_knowledge.tools.dates import service_datetime_formatter
from odoo.addons.sc_knowledge.tools.phone import to_e164
from odoo.addons.sc_knowledge.tools.public_input import (
    has_control_characters,
    single_line,
)

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
                lambda f: f.state != "cancelled" and f.deadline
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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._sc_check_system_fields(vals)
            self._sc_normalize_phone(vals)
        return super().create(vals_list)

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
        partner = self.env["res.partner"].search(
            ["|", ("phone", "=", e164), ("mobile", "=", e164)], limit=1
        )
        ticket = self.create(
            {
                "name": self.env._("Call from %(number)s", number=e164),
                "description": self.env._("Phone call"),
                "channel_id": self.env["helpdesk.ticket.channel"]
                ._sc_for_code("phone")
                .id,
                "sc_caller_phone": e164,
                "partner_id": partner.id,
                "partner_email": partner.email,
                "partner_name": partner.name,
                "user_id": self.env.uid,
            }
        )
        return {
            "ticket_id": ticket.id,
            "number": e164,
            "partner_id": partner.id,
            "known_caller": ticket.sc_known_caller,
            "previous_ticket_ids": ticket.sc_previous_ticket_ids.ids,
            "url": f"/odoo/helpdesk.ticket/{ticket.id}",
        }

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
        return res

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
