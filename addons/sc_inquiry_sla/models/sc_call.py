# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timezone

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.sc_knowledge.tools.public_input import has_control_characters

from ..tools.calls import (
    CALL_STATES,
    EVENTS,
    call_state,
    event_changes,
    seconds_between,
)
from ..tools.phone import to_e164

# Longest call id, queue name or agent extension accepted from a telephone system.
MAX_REF_LENGTH = 64
# What telephone systems send for a caller who withholds the number.
ANONYMOUS_NUMBERS = {"", "anonymous", "unknown", "restricted", "private", "unavailable"}


class ScCall(models.Model):
    """One call as the telephone system reported it (push events or import)."""

    _name = "sc.call"
    _description = "Call"
    _order = "offered_at desc, id desc"
    _rec_name = "call_ref"

    system_id = fields.Many2one(
        comodel_name="sc.telephone.system",
        string="Telephone System",
        required=True,
        ondelete="restrict",
        index=True,
    )
    call_ref = fields.Char(
        string="Call ID",
        required=True,
        help="The telephone system's own id of the call.",
    )
    company_id = fields.Many2one(
        related="system_id.company_id", store=True, index=True, precompute=True
    )
    caller_number = fields.Char(
        index="btree_not_null",
        help="International format (E.164); empty when the caller withheld it.",
    )
    queue = fields.Char(string="Queue / Line")
    direction = fields.Selection(
        selection=[("inbound", "Inbound"), ("outbound", "Outbound")],
        default="inbound",
        required=True,
    )
    offered_at = fields.Datetime(string="Offered on", index=True)
    answered_at = fields.Datetime(string="Answered on")
    ended_at = fields.Datetime(string="Ended on")
    abandoned = fields.Boolean(help="The caller hung up before an agent answered.")
    transferred = fields.Boolean()
    wait_seconds = fields.Integer(
        string="Wait (s)",
        compute="_compute_durations",
        store=True,
        help="From the offer until the answer, or until the caller hung up.",
    )
    talk_seconds = fields.Integer(
        string="Talk Time (s)", compute="_compute_durations", store=True
    )
    state = fields.Selection(
        selection=CALL_STATES,
        string="Status",
        compute="_compute_state",
        store=True,
        index=True,
    )
    agent_extension = fields.Char(
        help="Extension or login of the answering agent as the telephone "
        "system reported it."
    )
    agent_id = fields.Many2one(
        comodel_name="res.users",
        string="Agent",
        compute="_compute_agent_id",
        store=True,
        index="btree_not_null",
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Inquiry",
        index="btree_not_null",
        ondelete="set null",
    )

    _sql_constraints = [
        (
            "system_call_unique",
            "UNIQUE(system_id, call_ref)",
            "A telephone system reports each call id only once.",
        ),
    ]

    @api.depends("offered_at", "answered_at", "ended_at")
    def _compute_durations(self):
        for call in self:
            end = call.answered_at or call.ended_at
            call.wait_seconds = seconds_between(call.offered_at, end) or 0
            call.talk_seconds = seconds_between(call.answered_at, call.ended_at) or 0

    @api.depends(
        "offered_at",
        "answered_at",
        "ended_at",
        "abandoned",
        "transferred",
        "company_id.sc_call_short_abandon_seconds",
    )
    def _compute_state(self):
        for call in self:
            call.state = call_state(
                call.answered_at,
                call.ended_at,
                call.abandoned,
                call.transferred,
                seconds_between(call.offered_at, call.ended_at),
                call.company_id.sc_call_short_abandon_seconds,
            )

    @api.depends("agent_extension", "company_id")
    def _compute_agent_id(self):
        users = self.env["res.users"].sudo()
        for call in self:
            extension = call.agent_extension
            call.agent_id = extension and users.search(
                [
                    "|",
                    ("sc_phone_extension", "=", extension),
                    ("login", "=", extension),
                    ("company_ids", "in", call.company_id.ids),
                ],
                limit=1,
            )

    # -- events from telephone systems --------------------------------------

    @api.model
    def _sc_apply_events(self, system, raw_events):
        """Record raw_events (dicts as the telephone system sent them) for
        system: all of them, or none when one is malformed (ValidationError
        naming the event). Returns the calls, in the order of the events."""
        events = [
            self._sc_parse_event(raw, position)
            for position, raw in enumerate(raw_events, start=1)
        ]
        calls = self.browse()
        for event in events:
            call = self._sc_call_for(system, event["call_ref"])
            changes = event_changes(call, event)
            if changes:
                call.write(changes)
            calls |= call
        return calls

    @api.model
    def _sc_call_for(self, system, call_ref):
        """The call of system with call_ref, created when new.

        INSERT ... ON CONFLICT DO NOTHING: two requests reporting the same new
        call never create it twice. Under Odoo's repeatable-read transactions
        a conflict with a call committed meanwhile is a serialization failure,
        which Odoo answers by retrying the whole request."""
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO sc_call (system_id, call_ref, company_id, direction,
                                     state, create_uid, create_date, write_uid,
                                     write_date)
                     VALUES (%(system)s, %(ref)s, %(company)s, 'inbound',
                             'queued', %(uid)s, %(now)s, %(uid)s, %(now)s)
                ON CONFLICT (system_id, call_ref) DO NOTHING
                  RETURNING id
                """,
                system=system.id,
                ref=call_ref,
                company=system.company_id.id,
                uid=self.env.uid,
                now=now,
            )
        )
        row = self.env.cr.fetchone()
        if row:
            return self.browse(row[0])
        return self.search(
            [("system_id", "=", system.id), ("call_ref", "=", call_ref)], limit=1
        )

    @api.model
    def _sc_parse_event(self, raw, position):
        """The event as event_changes() reads it, or a ValidationError."""
        if not isinstance(raw, dict):
            raise self._sc_event_error(
                position, self.env._("Each event must be a JSON object.")
            )
        kind = raw.get("event")
        if kind not in EVENTS:
            raise self._sc_event_error(
                position,
                self.env._(
                    "“event” must be one of: %(events)s.", events=", ".join(EVENTS)
                ),
            )
        event = {
            "kind": kind,
            "call_ref": self._sc_event_text(raw, "call_id", position, required=True),
            "time": self._sc_event_time(raw.get("time"), position),
            "queue": self._sc_event_text(raw, "queue", position),
            "agent": self._sc_event_text(raw, "agent", position),
            "number": self._sc_event_number(raw.get("number"), position),
            "transferred": raw.get("transferred") is True,
        }
        direction = raw.get("direction", "inbound")
        if direction not in ("inbound", "outbound"):
            raise self._sc_event_error(
                position,
                self.env._("“direction” must be “inbound” or “outbound”."),
            )
        event["direction"] = direction
        return event

    @api.model
    def _sc_event_text(self, raw, key, position, required=False):
        value = raw.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is None and not required:
            return None
        if (
            not isinstance(value, str)
            or not value.strip()
            or len(value) > MAX_REF_LENGTH
            or has_control_characters(value)
        ):
            raise self._sc_event_error(
                position,
                self.env._(
                    "“%(key)s” must be a text of 1 to %(max)s characters without "
                    "control characters.",
                    key=key,
                    max=MAX_REF_LENGTH,
                ),
            )
        return value.strip()

    @api.model
    def _sc_event_time(self, value, position):
        """Naive UTC datetime of a UNIX timestamp or an ISO 8601 text with offset."""
        moment = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if 0 < value < 32503680000:  # before the year 3000
                moment = datetime.fromtimestamp(value, timezone.utc)
        elif isinstance(value, str) and len(value) <= MAX_REF_LENGTH:
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                moment = None
            if moment and moment.tzinfo is None:
                moment = None
        if moment is None:
            raise self._sc_event_error(
                position,
                self.env._(
                    "“time” must be a UNIX timestamp or a date and time with time "
                    "zone, e.g. “2026-03-02T08:00:05+01:00”."
                ),
            )
        return moment.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)

    @api.model
    def _sc_event_number(self, value, position):
        """E.164 of the caller's number; None when withheld."""
        if value is None or (
            isinstance(value, str) and value.strip().lower() in ANONYMOUS_NUMBERS
        ):
            return None
        try:
            checked = self.env["helpdesk.ticket"]._sc_check_cti_number(value)
        except ValidationError as error:
            raise self._sc_event_error(position, error.args[0]) from None
        e164 = to_e164(checked)
        if not e164:
            raise self._sc_event_error(
                position,
                self.env._("“%(number)s” is not a valid phone number.", number=value),
            )
        return e164

    @api.model
    def _sc_event_error(self, position, message):
        return ValidationError(
            self.env._(
                "Event %(position)s: %(message)s", position=position, message=message
            )
        )
