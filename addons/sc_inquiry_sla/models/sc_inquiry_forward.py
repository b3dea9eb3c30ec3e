# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import (
    SQL,
    email_normalize,
    email_split,
    formataddr,
    html2plaintext,
    parse_contact_from_email,
)
from odoo.tools.sql import create_index

from odoo.addons.sc_knowledge.tools.dates import service_datetime_formatter
from odoo.addons.sc_knowledge.tools.public_input import (
    MAX_DISPLAY_NAME_LENGTH,
    single_line,
)

from ..tools.deadline import (
    UNIT_HOURS,
    DeadlineRequest,
    compute_deadlines,
    is_working_time,
    to_local,
    working_hours_between,
)
from ..tools.reply_kind import (
    KIND_ANSWER,
    KIND_NOT_RESPONSIBLE,
    KIND_QUESTION,
    REPLY_KINDS,
)
from .helpdesk_ticket import OUTCOME_CONTEXT
from .mail_thread import GatewayMail
from .sc_inquiry_sla_policy import DEFAULT_REMINDER_SHARE, DEFAULT_TARGET

FORWARD_STATES = [
    ("waiting", "Waiting for answer"),
    ("paused", "Waiting for the citizen"),
    ("answered", "Answered"),
    ("rejected", "Not responsible"),
    ("overdue", "Overdue"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("waiting", "overdue", "paused")
# The clock of a forward: written by the system alone (forward wizard, mail
# gateway, unit's answer, cron), never through create/write by a user.
CLOCK_FIELDS = frozenset(
    {
        "sent_at",
        "deadline",
        "reminder_at",
        "policy_id",
        "state",
        "answered_at",
        "response_hours",
        "answer_message_id",
        "paused_at",
        "paused_hours",
        "rejection_reason",
        "original_deadline",
        "extension_reason",
        "mail_message_id",
        "stranger_message_id",
        "bounced",
        "reminded",
        "escalated",
    }
)
# Chosen when forwarding; the deadline was planned for them and the unit's
# addresses decide which replies answer.
SENT_FIELDS = frozenset({"ticket_id", "org_unit_id", "email_to"})


def as_paragraph(text):
    """Plain text as an HTML paragraph, every character escaped (unlike
    ``plaintext2html``, no URL in it becomes a link)."""
    return Markup("<p>%s</p>") % text


class ScInquiryForward(models.Model):
    _name = "sc.inquiry.forward"
    _description = "Forwarded Inquiry"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sent_at desc, id desc"
    _rec_name = "ticket_id"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Inquiry",
        required=True,
        ondelete="cascade",
        index=True,
    )
    org_unit_id = fields.Many2one(
        comodel_name="sc.org.unit",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Forwarded by",
        default=lambda self: self.env.user,
        index=True,
    )
    email_to = fields.Char(string="Sent to")
    policy_id = fields.Many2one(
        comodel_name="sc.inquiry.sla.policy", ondelete="set null"
    )
    sent_at = fields.Datetime(
        string="Sent on",
        required=True,
        readonly=True,
        default=fields.Datetime.now,
        index=True,
    )
    deadline = fields.Datetime(readonly=True, index=True)
    reminder_at = fields.Datetime(string="Reminder on", readonly=True, index=True)
    answered_at = fields.Datetime(string="Answered on", readonly=True, copy=False)
    state = fields.Selection(
        selection=FORWARD_STATES,
        required=True,
        readonly=True,
        default="waiting",
        index=True,
    )
    paused_at = fields.Datetime(
        string="Waiting for the Citizen Since", readonly=True, copy=False
    )
    paused_hours = fields.Float(
        string="Paused (working hours)",
        readonly=True,
        copy=False,
        help="Working hours in which the office waited for the citizen. The "
        "deadline moved by them, and they do not count as response time.",
    )
    rejection_reason = fields.Text(
        string="Why Not Responsible",
        readonly=True,
        copy=False,
        help="The unit's reason for not being responsible for the inquiry.",
    )
    original_deadline = fields.Datetime(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The deadline first planned, kept when the unit's head extended it "
        "(empty when it was never extended).",
    )
    extension_reason = fields.Text(
        string="Why Extended",
        readonly=True,
        copy=False,
        help="The head of the unit's reason for the last extension (internal, "
        "not told to the citizen).",
    )
    reminded = fields.Boolean(readonly=True, copy=False)
    escalated = fields.Boolean(
        readonly=True,
        copy=False,
        help="The unit's head and the service center were told.",
    )
    on_time = fields.Boolean(
        compute="_compute_on_time",
        store=True,
        help="Answered by the promised deadline.",
    )
    response_hours = fields.Float(
        string="Response Time (working hours)",
        aggregator="avg",
        readonly=True,
        copy=False,
        help="Working hours of the unit between sending and the answer.",
    )
    mail_message_id = fields.Many2one(
        comodel_name="mail.message", string="Forwarding Message", copy=False
    )
    answer_message_id = fields.Many2one(
        comodel_name="mail.message", string="Answer", copy=False
    )
    stranger_message_id = fields.Many2one(
        comodel_name="mail.message",
        string="Reply From Unknown Sender",
        copy=False,
        help="A reply to this forward came from an address that does not belong "
        "to the unit. It did not stop the clock.",
    )
    bounced = fields.Boolean(
        readonly=True,
        copy=False,
        help="The forwarding e-mail could not be delivered.",
    )
    user_in_unit = fields.Boolean(
        string="Own Unit",
        compute="_compute_user_in_unit",
        help="The current user is a member or the head of the forward's unit.",
    )
    user_is_head = fields.Boolean(
        string="Head of the Unit",
        compute="_compute_user_in_unit",
        help="The current user is the head of the forward's unit.",
    )

    def init(self):
        # The cron's two questions, answered from small partial indexes instead
        # of scanning every open forward.
        create_index(
            self.env.cr,
            "sc_inquiry_forward_reminder_due_index",
            self._table,
            ["reminder_at"],
            where="state = 'waiting' AND reminded IS NOT TRUE",
        )
        create_index(
            self.env.cr,
            "sc_inquiry_forward_escalation_due_index",
            self._table,
            ["deadline"],
            where="state = 'overdue' AND escalated IS NOT TRUE",
        )

    # An extension granted by the unit's head is the deadline from then on: an
    # answer by the extended date is on time (the report counts extensions).
    @api.depends("answered_at", "deadline")
    def _compute_on_time(self):
        for forward in self:
            forward.on_time = bool(
                forward.answered_at
                and forward.deadline
                and forward.answered_at <= forward.deadline
            )

    @api.depends("org_unit_id.member_ids", "org_unit_id.manager_id")
    @api.depends_context("uid")
    def _compute_user_in_unit(self):
        for forward in self:
            forward.user_in_unit = self.env.user in forward._unit_people()
            forward.user_is_head = (
                self.env.user == forward.org_unit_id.sudo().manager_id
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_system_fields(vals, CLOCK_FIELDS)
        todo = [vals for vals in vals_list if not vals.get("deadline")]
        if todo:
            now = fields.Datetime.now()
            for vals in todo:
                vals.setdefault("sent_at", now)
            # Records browsed together share one prefetch: one query per model
            # for the whole batch instead of one per forward.
            tickets = self.env["helpdesk.ticket"].browse(v["ticket_id"] for v in todo)
            units = self.env["sc.org.unit"].browse(v["org_unit_id"] for v in todo)
            planned = self._plan_deadlines(
                [
                    (ticket, unit, fields.Datetime.to_datetime(vals["sent_at"]))
                    for ticket, unit, vals in zip(tickets, units, todo, strict=True)
                ]
            )
            for vals, (policy, result) in zip(todo, planned, strict=True):
                vals.update(
                    policy_id=policy.id,
                    deadline=result.deadline,
                    reminder_at=result.reminder_at,
                )
        forwards = super().create(vals_list)
        forwards.ticket_id._sc_confirm_deadline()
        return forwards

    def write(self, vals):
        self._check_system_fields(vals, CLOCK_FIELDS | SENT_FIELDS)
        return super().write(vals)

    @api.model
    def _check_system_fields(self, vals, protected):
        """Refuse values of the clock from anyone but the system itself."""
        refused = protected.intersection(vals)
        if refused and not self.env.su:
            labels = sorted(
                self._fields[fname]._description_string(self.env) for fname in refused
            )
            raise AccessError(
                self.env._(
                    "The deadline, status and answer of a forward are kept by the "
                    "system and cannot be changed by hand (%(fields)s).",
                    fields=", ".join(labels),
                )
            )

    def action_mark_answered(self):
        """Close the forward by hand (answer given by phone, letter, ...).

        Only the unit's own people (members and head) may do so, as their
        answer: the record rule check lets them reach their units' forwards
        only, the membership check keeps everyone else (agents included) from
        stopping a clock.
        """
        self._check_unit_people(
            self.env._(
                "Only the members and the head of %(unit)s can mark its forward as "
                "answered. If the inquiry no longer needs an answer, please cancel "
                "the forward."
            )
        )
        self.sudo()._set_answered(self.env["mail.message"])

    def _check_unit_people(self, message):
        """Refuse anyone but the unit's members and head; ``message`` names the
        unit as %(unit)s. The record rules let them reach their units' forwards
        only."""
        self.check_access("read")
        if self.env.su:
            return
        foreign = self.filtered(lambda f: not f.user_in_unit)
        if foreign:
            raise AccessError(
                message % {"unit": foreign[0].org_unit_id.sudo().display_name}
            )

    def action_wait_for_citizen(self):
        """The office needs something from the citizen first: the clock stops
        until the citizen replies (see ``_resume``)."""
        self._check_unit_people(
            self.env._(
                "Only the members and the head of %(unit)s can pause its deadline."
            )
        )
        self.sudo().filtered(lambda f: f.state in ("waiting", "overdue")).write(
            {"state": "paused", "paused_at": fields.Datetime.now()}
        )

    def action_citizen_replied(self):
        """The citizen answered by phone or letter: the clock runs again."""
        if not self.env.user.has_group("sc_knowledge.group_agent"):
            self._check_unit_people(
                self.env._(
                    "Only the service center and the members and the head of "
                    "%(unit)s can resume its deadline."
                )
            )
        self.check_access("read")
        self.sudo()._resume(fields.Datetime.now())

    def action_relay_answer(self):
        """Open the composer that sends the office's answer to the citizen."""
        self.ensure_one()
        ticket = self.ticket_id
        if not self.answer_message_id:
            raise UserError(
                self.env._("There is no answer of the office to relay yet.")
            )
        if ticket.sc_answer_channel == "callback":
            return self._relay_by_callback()
        citizen = ticket.partner_id
        email = email_normalize(ticket.partner_email or "")
        if not citizen and email:
            name = single_line(ticket.partner_name, MAX_DISPLAY_NAME_LENGTH)
            citizen = (
                self.env["res.partner"].sudo().find_or_create(formataddr((name, email)))
            )
        if not citizen:
            raise UserError(
                self.env._("Please enter the citizen's e-mail address on the inquiry.")
            )
        # The citizen reads German, whatever the agent's language.
        german = self.with_context(
            lang=self.env["res.lang"]._get_code("de_DE") or self.env.lang
        ).env
        body = Markup("<p>%s</p><blockquote>%s</blockquote>") % (
            german._(
                "Dear Sir or Madam, the responsible office has answered your inquiry:"
            ),
            self.answer_message_id.sudo().body,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": ticket._name,
                "default_res_ids": ticket.ids,
                "default_composition_mode": "comment",
                "default_partner_ids": citizen.ids,
                "default_subject": german._(
                    "Your inquiry %(number)s", number=ticket.number
                ),
                "default_body": body,
                "default_subtype_xmlid": "mail.mt_comment",
                "default_email_layout_xmlid": "sc_knowledge.mail_layout_authority",
                # what this composer sends tells the citizen the outcome
                OUTCOME_CONTEXT: True,
            },
        }

    def _relay_by_callback(self):
        """The citizen asked to be called back: no mail, a call-back task with
        the number for the responsible agent (once)."""
        ticket = self.ticket_id
        known = bool(ticket.sc_outcome_notice)
        ticket._sc_tell_outcome(False)
        if known:
            message = self.env._(
                "The citizen has already been told of the outcome, or a call-back "
                "task exists."
            )
        else:
            message = self.env._(
                "The citizen asked to be called back: a call-back task with the "
                "phone number has been created."
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": "info", "sticky": False},
        }

    def action_cancel(self):
        self.check_access("write")
        self.filtered(lambda f: f.state in OPEN_STATES).sudo().write(
            {"state": "cancelled"}
        )

    @api.model
    def _sc_export_section(self):
        """Art. 15: these forwards as a section of the information to the
        citizen (see sc.data.protection)."""
        local_time = service_datetime_formatter(self.env)
        states = dict(self._fields["state"]._description_selection(self.env))
        return {
            "title": self.env._("Forwards to Offices"),
            "columns": [
                self.env._("Inquiry"),
                self.env._("Office"),
                self.env._("Sent"),
                self.env._("Answer Promised By"),
                self.env._("Answered"),
                self.env._("Status"),
            ],
            "rows": [
                [
                    forward.ticket_id.number,
                    forward.org_unit_id.display_name,
                    local_time(forward.sent_at),
                    local_time(forward.deadline) if forward.deadline else "",
                    local_time(forward.answered_at) if forward.answered_at else "",
                    states.get(forward.state, ""),
                ]
                for forward in self
            ],
        }

    def _plan_deadlines(self, entries):
        """Policy and deadline for each ``(ticket, unit, start)`` of a batch.

        Used by the wizard (preview), forward creation and the benchmark alike;
        the deadline itself comes from ``tools.deadline.compute_deadlines``.
        """
        policies = self.env["sc.inquiry.sla.policy"]._find_for(
            [
                (unit, ticket.sc_service_id, ticket.sc_channel)
                for ticket, unit, _s in entries
            ]
        )
        requests = []
        for index, ((ticket, unit, start), policy) in enumerate(
            zip(entries, policies, strict=True)
        ):
            company = unit.company_id or ticket.company_id or self.env.company
            requests.append(
                DeadlineRequest(
                    index,
                    start,
                    policy.target_amount if policy else DEFAULT_TARGET,
                    policy.target_unit if policy else UNIT_HOURS,
                    tuple(company._sc_calendars(unit.resource_calendar_id)),
                    policy.reminder_share if policy else DEFAULT_REMINDER_SHARE,
                )
            )
        results = compute_deadlines(requests)
        return [(policy, results[index]) for index, policy in enumerate(policies)]

    def _resume(self, moment, tell_citizen=True):
        """Run the clocks of paused forwards again at ``moment``: each deadline
        and reminder moves by the working hours that the pause took. If that
        moves the date promised to the citizen, they are told (not when the
        pause ends with the office's answer: ``tell_citizen=False``)."""
        paused = self.filtered(lambda f: f.state == "paused")
        if not paused:
            return
        promised = paused.ticket_id._sc_promised_deadlines()
        requests = []
        for forward in paused:
            calendars = forward._calendars()
            hours = working_hours_between([(forward.paused_at, moment)], calendars)[0]
            forward.paused_hours += hours
            if not hours:
                continue
            requests.append(
                DeadlineRequest(
                    forward.id, forward.deadline, hours, UNIT_HOURS, calendars
                )
            )
            if forward.reminder_at and not forward.reminded:
                requests.append(
                    DeadlineRequest(
                        (forward.id, "reminder"),
                        forward.reminder_at,
                        hours,
                        UNIT_HOURS,
                        calendars,
                    )
                )
        moved = compute_deadlines(requests)
        for forward in paused:
            deadline = moved.get(forward.id)
            reminder = moved.get((forward.id, "reminder"))
            forward.write(
                {
                    "state": "waiting",
                    "paused_at": False,
                    "deadline": deadline.deadline if deadline else forward.deadline,
                    "reminder_at": reminder.deadline
                    if reminder
                    else forward.reminder_at,
                }
            )
        if tell_citizen:
            paused.ticket_id._sc_tell_new_deadline(promised)

    # ------------------------------------------------------------------
    # Extension of the deadline (Fristverlängerung)
    # ------------------------------------------------------------------

    def _check_unit_head(self):
        """Only the head of the forward's unit extends its deadline: the
        extension is the office's own decision, neither its members' nor the
        service center's (managers included), who promised the date."""
        self.check_access("read")
        if self.env.su:
            return
        for forward in self:
            unit = forward.org_unit_id.sudo()
            if unit.manager_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the head of %(unit)s can extend the deadline of its "
                        "forwards.",
                        unit=unit.display_name,
                    )
                )

    def _check_new_deadline(self, new_deadline):
        """A new deadline must be later than the current one and to come."""
        self.ensure_one()
        local_time = service_datetime_formatter(self.env, weekday=True)
        if self.state not in OPEN_STATES:
            raise UserError(
                self.env._(
                    "Only the deadline of a forward that still waits for the "
                    "office's answer can be extended."
                )
            )
        if not new_deadline:
            raise UserError(self.env._("Please enter the new deadline."))
        if new_deadline <= self.deadline:
            raise UserError(
                self.env._(
                    "The new deadline must be later than the current one "
                    "(%(deadline)s).",
                    deadline=local_time(self.deadline),
                )
            )
        if new_deadline <= fields.Datetime.now():
            raise UserError(self.env._("The new deadline must lie in the future."))

    def _extend_deadline(self, new_deadline, reason):
        """Move the deadline to ``new_deadline`` for ``reason`` (checked by
        the caller): the reminder is planned anew, an overdue forward waits
        again, the first deadline is kept and the citizen is told the new
        date."""
        self.ensure_one()
        promised = self.ticket_id._sc_promised_deadlines()
        previous = self.deadline
        now = fields.Datetime.now()
        vals = {
            "deadline": new_deadline,
            "original_deadline": self.original_deadline or previous,
            "extension_reason": reason,
            "reminder_at": self._plan_reminder(now, new_deadline),
            "reminded": False,
            "escalated": False,
        }
        if self.state == "overdue":
            vals["state"] = "waiting"
        self.write(vals)
        # The reminder about the old deadline is done with.
        self.activity_unlink(["sc_inquiry_sla.mail_activity_type_reminder"])
        self._log_extension(previous, reason)
        self.ticket_id._sc_tell_new_deadline(promised)

    def _plan_reminder(self, start, deadline):
        """When to remind the unit of a deadline set by hand: after the
        policy's share of the working time from ``start`` to ``deadline``."""
        self.ensure_one()
        calendars = self._calendars()
        hours = working_hours_between([(start, deadline)], calendars)[0]
        policy = self.policy_id
        share = policy.reminder_share if policy else DEFAULT_REMINDER_SHARE
        result = compute_deadlines(
            [DeadlineRequest(self.id, start, hours, UNIT_HOURS, calendars, share)]
        )[self.id]
        return result.reminder_at or False

    def _log_extension(self, previous, reason):
        """The extension with its reason in the chatter of the forward and
        of the inquiry (internal notes: the citizen never sees the reason)."""
        local_time = service_datetime_formatter(self.env, weekday=True)
        body = Markup("<p>%s</p><p>%s</p>") % (
            self.env._(
                "%(user)s extended the deadline from %(old)s to %(new)s.",
                user=self.env.user.name,
                old=local_time(previous),
                new=local_time(self.deadline),
            ),
            self.env._("Reason: %(reason)s", reason=reason),
        )
        for record in (self, self.ticket_id):
            record.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _calendars(self):
        """The working-time calendars of the forward's unit, with fallback."""
        self.ensure_one()
        company = self.org_unit_id.company_id or self.company_id
        return tuple(company._sc_calendars(self.org_unit_id.resource_calendar_id))

    def _unit_people(self):
        """The users who speak for the forward's unit: its members and head."""
        unit = self.org_unit_id.sudo()
        return unit.member_ids | unit.manager_id

    def _unit_addresses(self):
        """Normalised e-mail addresses that speak for the forward's unit."""
        self.ensure_one()
        unit = self.org_unit_id.sudo()
        raw = [self.email_to, unit.forward_email, unit.partner_id.email]
        raw += self._unit_people().mapped("email")
        return {
            email_normalize(addr) for item in raw if item for addr in email_split(item)
        } - {False}

    def _set_answered(self, message):
        open_forwards = self.filtered(lambda f: f.state in OPEN_STATES)
        if not open_forwards:
            return
        answered_at = message.date or fields.Datetime.now()
        # An answer during a pause ends the pause first: the deadline it is
        # measured against moves as if the citizen had replied.
        open_forwards._resume(answered_at, tell_citizen=False)
        open_forwards.write(
            {
                "state": "answered",
                "answered_at": answered_at,
                "answer_message_id": message.id,
            }
        )
        for forward in open_forwards:
            worked = working_hours_between(
                [(forward.sent_at, answered_at)], forward._calendars()
            )[0]
            forward.response_hours = max(0.0, worked - forward.paused_hours)
        open_forwards._close_clock()
        for forward in open_forwards:
            forward.ticket_id.activity_schedule(
                "sc_inquiry_sla.mail_activity_type_answered",
                user_id=forward.user_id.id or self.env.uid,
                note=as_paragraph(
                    self.env._(
                        "%(unit)s has answered. Please relay the answer to the "
                        "citizen.",
                        unit=forward.org_unit_id.display_name,
                    )
                ),
            )

    @api.model
    def _sender_label(self, email_from):
        """An untrusted From header as '"Name" <address>' on one line: the real
        address always, the display name without control characters and cut
        short. The caller escapes it for HTML."""
        name, email = parse_contact_from_email(email_from or "")
        email = email_normalize(email)
        if not email:
            return single_line(email_from, 2 * MAX_DISPLAY_NAME_LENGTH)
        return formataddr((single_line(name, MAX_DISPLAY_NAME_LENGTH), email))

    def _register_office_message(self, message, kind):
        """The office's answer stops the clock; its question back or interim
        message is filed and the clock keeps running."""
        if kind == KIND_ANSWER:
            self._set_answered(message)
        elif kind == KIND_NOT_RESPONSIBLE:
            self._set_not_responsible(message)
        elif kind == KIND_QUESTION:
            for forward in self:
                forward.ticket_id.activity_schedule(
                    "sc_inquiry_sla.mail_activity_type_office_question",
                    user_id=forward.user_id.id or self.env.uid,
                    note=as_paragraph(
                        self.env._(
                            "%(unit)s has a question about this inquiry. Please "
                            "answer the office; its deadline keeps running.",
                            unit=forward.org_unit_id.display_name,
                        )
                    ),
                )

    def _set_not_responsible(self, message):
        """The unit is not responsible: its forward ends without an answer (and
        out of its on-time figures), and the forwarding agent is asked to send
        the inquiry on."""
        open_forwards = self.filtered(lambda f: f.state in OPEN_STATES)
        if not open_forwards:
            return
        reason = html2plaintext(message.body or "").strip()
        open_forwards.write(
            {"state": "rejected", "rejection_reason": reason, "paused_at": False}
        )
        open_forwards._close_clock()
        for forward in open_forwards:
            forward.ticket_id.activity_schedule(
                "sc_inquiry_sla.mail_activity_type_not_responsible",
                user_id=forward.user_id.id or self.env.uid,
                note=as_paragraph(
                    self.env._(
                        "%(unit)s is not responsible for this inquiry: %(reason)s "
                        "Please forward it to the responsible unit.",
                        unit=forward.org_unit_id.display_name,
                        reason=reason,
                    )
                ),
            )

    def _close_clock(self):
        """No reminder any more; the inquiry is back with the service center
        once no office owes an answer."""
        self.activity_unlink(["sc_inquiry_sla.mail_activity_type_reminder"])
        self.ticket_id.filtered(
            lambda t: not t.sc_forward_ids.filtered(lambda f: f.state in OPEN_STATES)
        )._sc_move_to_stage("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")

    def action_forward_elsewhere(self):
        """Forward the inquiry to another unit (the forward wizard does not
        propose the units that were not responsible)."""
        self.ensure_one()
        return self.ticket_id.action_sc_forward()

    def _flag_stranger(self, message):
        sender = self._sender_label(message.email_from)
        for forward in self:
            forward.stranger_message_id = message
            forward.ticket_id.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=forward.user_id.id or self.env.uid,
                summary=self.env._("Reply from an unknown sender"),
                note=as_paragraph(
                    self.env._(
                        "%(sender)s replied to the inquiry forwarded to %(unit)s but "
                        "does not belong to that unit. Please check the reply; the "
                        "deadline keeps running.",
                        sender=sender,
                        unit=forward.org_unit_id.display_name,
                    )
                ),
            )

    def _register_bounce(self, email):
        bounced = self.filtered(
            lambda f: (
                f.state in OPEN_STATES
                and email_normalize(f.email_to or "") == email_normalize(email or "")
            )
        )
        bounced.bounced = True
        for forward in bounced:
            forward.ticket_id.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=forward.user_id.id or self.env.uid,
                summary=self.env._("Forward could not be delivered"),
                note=as_paragraph(
                    self.env._(
                        "The e-mail to %(unit)s (%(email)s) bounced. Please check the "
                        "forwarding address; the deadline keeps running.",
                        unit=forward.org_unit_id.display_name,
                        email=forward.email_to,
                    )
                ),
            )

    @api.model
    def _register_ticket_message(self, ticket, message, poster):
        """Decide whether a message posted on a ticket answers its forwards.

        Two things answer a forward: an e-mail that the mail gateway received
        from the unit's addresses, or a note that one of the unit's people
        (``poster``, the authenticated user) wrote as themselves in Odoo.
        Nothing a caller of ``message_post`` can choose (``email_from``,
        ``author_id``, ``message_type``, context values) counts otherwise.
        """
        gateway = self.env.context.get("sc_gateway_mail")
        if (
            isinstance(gateway, GatewayMail)
            and gateway.message_id
            and gateway.message_id == message.message_id
        ):
            self._register_gateway_mail(ticket, message, gateway)
        elif (
            message.message_type == "comment" and message.author_id == poster.partner_id
        ):
            # The office's own choice in the reply form (sc.inquiry.forward.reply)
            # can only keep the clock running, never stop it.
            kind = self.env.context.get("sc_reply_kind")
            ticket.sudo().sc_forward_ids.filtered(
                lambda f: f.state in OPEN_STATES and poster in f._unit_people()
            )._register_office_message(
                message, kind if kind in dict(REPLY_KINDS) else KIND_ANSWER
            )

    @api.model
    def _register_gateway_mail(self, ticket, message, gateway):
        """An e-mail filed on the ticket by the mail gateway: the unit's reply
        stops its clock; an auto-reply stops none; a reply to the forward from
        anyone else is flagged for the agent."""
        all_forwards = ticket.sudo().sc_forward_ids
        sender = email_normalize(message.email_from or "")
        from_unit = all_forwards.filtered(
            lambda f: sender and sender in f._unit_addresses()
        )
        author = message.author_id
        if from_unit and author and not author.user_ids:
            # The office is not a follower of the citizen's inquiry: it
            # gets forwards, not the conversation with the citizen.
            ticket.sudo().message_unsubscribe(partner_ids=author.ids)
        forwards = all_forwards.filtered(lambda f: f.state in OPEN_STATES)
        if gateway.auto_reply or not forwards:
            return
        if sender and sender == email_normalize(
            ticket.partner_email or ticket.partner_id.email or ""
        ):
            forwards._resume(message.date or fields.Datetime.now())
            return
        from_unit_open = forwards & from_unit
        if from_unit_open:
            from_unit_open._register_office_message(message, gateway.reply_kind)
        else:
            forwards.filtered(
                lambda f: f.mail_message_id.message_id in gateway.references
            )._flag_stranger(message)

    # ------------------------------------------------------------------
    # Reminders and escalation (cron)
    # ------------------------------------------------------------------

    @api.model
    def _cron_process_deadlines(self, batch_size=1000):
        """Mark forwards overdue, then remind and escalate in batches, never
        outside the service center's hours. The cron keeps the clock, so it
        writes as the system."""
        self = self.sudo()
        now = fields.Datetime.now()
        overdue_count = self._mark_overdue(now)
        company = self.env.company
        if not is_working_time(now, tuple(company._sc_calendars())):
            self.env["ir.cron"]._notify_progress(done=overdue_count, remaining=0)
            return
        reminders = self.browse(self._due_ids("reminder", now, batch_size))
        escalations = self.browse(self._due_ids("escalation", now, batch_size))
        reminders._send_reminders()
        escalations._send_escalations()
        self.env["ir.cron"]._notify_progress(
            done=len(reminders) + len(escalations), remaining=self._due_count(now)
        )

    @api.model
    def _mark_overdue(self, now):
        overdue = self.search([("state", "=", "waiting"), ("deadline", "<=", now)])
        overdue.write({"state": "overdue"})
        return len(overdue)

    @api.model
    def _due_condition(self, kind, now):
        """What the cron still has to do; matches the partial indexes of init()
        (the ORM would write the boolean tests differently), so the fields it
        reads are flushed first."""
        self.flush_model(["state", "reminded", "escalated", "reminder_at", "deadline"])
        if kind == "reminder":
            return SQL(
                "state = 'waiting' AND reminded IS NOT TRUE AND reminder_at <= %s", now
            )
        return SQL("state = 'overdue' AND escalated IS NOT TRUE")

    @api.model
    def _due_ids(self, kind, now, limit):
        return [
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "SELECT id FROM sc_inquiry_forward WHERE %s "
                    "ORDER BY deadline, id LIMIT %s",
                    self._due_condition(kind, now),
                    limit,
                )
            )
        ]

    @api.model
    def _due_count(self, now):
        [(count,)] = self.env.execute_query(
            SQL(
                "SELECT count(*) FROM sc_inquiry_forward WHERE (%s) OR (%s)",
                self._due_condition("reminder", now),
                self._due_condition("escalation", now),
            )
        )
        return count

    def _unit_responsible(self):
        """Who gets the reminder activity: the unit's head, else its first
        member, else the forwarding agent, else the user running the cron."""
        unit = self.org_unit_id
        return unit.manager_id or unit.member_ids[:1] or self.user_id or self.env.user

    def _send_reminders(self):
        """Remind the units of a batch: one activity per forward for the unit's
        responsible person and one digest e-mail per unit address."""
        if not self:
            return
        self._create_reminder_activities()
        self._send_digests(
            "reminder", lambda f: [f.org_unit_id.forward_email or f.email_to]
        )
        self.write({"reminded": True})

    def _create_reminder_activities(self):
        """The reminder activity of every forward of the batch, created in one
        call: ``mail.activity`` subscribes each responsible user to all of
        their forwards at once. Assigned by the system, the activity sends no
        notification mail: the unit gets the digest instead."""
        activity_type = self.env.ref("sc_inquiry_sla.mail_activity_type_reminder")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": forward.id,
                    "activity_type_id": activity_type.id,
                    "summary": activity_type.summary,
                    "note": activity_type.default_note,
                    "automated": True,
                    "user_id": forward._unit_responsible().id,
                    "date_deadline": to_local(forward.deadline).date(),
                }
                for forward in self
            ]
        )

    def _send_escalations(self):
        """Tell the unit's head, the forwarding agent and the service center's
        mailbox about overdue forwards."""
        if not self:
            return
        self._send_digests(
            "escalation",
            lambda f: [
                f.org_unit_id.manager_id.email,
                f.user_id.email,
                f.company_id.sc_escalation_email,
            ],
        )
        self.write({"escalated": True})

    def _send_digests(self, kind, recipients):
        """One e-mail per recipient address listing its forwards."""
        by_address = defaultdict(dict)
        local_time = service_datetime_formatter(self.env)
        # A batch names the same few unit and agent addresses again and again.
        normalized = {}
        for forward in self:
            line = {
                "number": forward.ticket_id.number,
                "name": forward.ticket_id.name,
                "unit": forward.org_unit_id.name,
                "deadline": local_time(forward.deadline),
            }
            for address in recipients(forward):
                if address not in normalized:
                    normalized[address] = {
                        email_normalize(email) for email in email_split(address or "")
                    } - {False}
                for email in normalized[address]:
                    by_address[email][forward.id] = line
        if kind == "reminder":
            subject = self.env._("Reminder: forwarded inquiries due soon")
        else:
            subject = self.env._("Overdue: forwarded inquiries not answered in time")
        email_from = self.env.company.email_formatted or self.env.user.email_formatted
        vals_list = [
            {
                "subject": subject,
                "email_from": email_from,
                "email_to": address,
                "body_html": self.env["ir.qweb"]._render(
                    "sc_inquiry_sla.forward_digest",
                    {"lines": list(lines.values()), "kind": kind},
                ),
                "auto_delete": True,
            }
            for address, lines in by_address.items()
        ]
        self.env["mail.mail"].sudo().create(vals_list)
