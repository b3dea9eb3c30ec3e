# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import defaultdict
from datetime import datetime, timedelta, timezone

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from odoo.addons.sc_knowledge.tools import SERVICE_TZ
from odoo.addons.sc_knowledge.tools.dates import service_datetime_formatter
from odoo.addons.sc_knowledge.tools.phone import to_e164
from odoo.addons.sc_knowledge.tools.public_input import has_control_characters

from ..tools.call_history import insert_call_history
from ..tools.calls import (
    CALL_STATES,
    EVENTS,
    call_state,
    event_changes,
    seconds_between,
)
from ..tools.erlang import agents_needed, average_wait, service_level, traffic_erlangs
from ..tools.staffing import (
    SLOTS_PER_DAY,
    History,
    add_presence,
    date_range,
    slot_start_utc,
)

# Longest call id, queue name or agent extension accepted from a telephone system.
MAX_REF_LENGTH = 64
# Latest event time accepted: 1 January 3000 (UNIX seconds).
MAX_TIMESTAMP = 32503680000
# Weeks of call history the forecast learns from, and the longest plan.
HISTORY_WEEKS = 8
MAX_FORECAST_DAYS = 62
# Demo data: weeks of call history and calls on an average weekday.
DEMO_WEEKS = 8
DEMO_CALLS_PER_DAY = 300
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
        # one query for the whole batch (imports map thousands of calls)
        extensions = list(set(filter(None, self.mapped("agent_extension"))))
        users = self.env["res.users"].sudo()
        if extensions:
            users = users.search_fetch(
                [
                    "|",
                    ("sc_phone_extension", "in", extensions),
                    ("login", "in", extensions),
                ],
                ["sc_phone_extension", "login", "company_ids"],
            )
        for call in self:
            call.agent_id = next(
                (
                    user
                    for user in users
                    if call.agent_extension
                    and call.agent_extension in (user.sc_phone_extension, user.login)
                    and call.company_id in user.company_ids
                ),
                False,
            )

    # -- events from telephone systems --------------------------------------

    @api.model
    def _sc_apply_events(self, system, raw_events, lines=None):
        """Record raw_events (dicts as the telephone system sent them) for
        system: all of them, or none when one is malformed (ValidationError
        naming the event, or its line in ``lines`` when the events come from
        a file). Returns the calls, in the order of the events.

        Live events (not a file) pop the caller's inquiry up for the agent
        who answers a call."""
        events = []
        for index, raw in enumerate(raw_events):
            try:
                events.append(self._sc_parse_event(raw))
            except ValidationError as error:
                where = (
                    self.env._("Line %(line)s", line=lines[index])
                    if lines
                    else self.env._("Event %(position)s", position=index + 1)
                )
                raise ValidationError(
                    self.env._(
                        "%(where)s: %(message)s", where=where, message=error.args[0]
                    )
                ) from None
        calls = answered = self.browse()
        for event in events:
            call = self._sc_call_for(system, event["call_ref"])
            changes = event_changes(call, event)
            if changes:
                if not call.answered_at and "answered_at" in changes:
                    answered |= call
                call.write(changes)
            calls |= call
        if lines is None:
            answered._sc_screen_pop()
        return calls

    @api.model
    def _sc_call_for(self, system, call_ref):
        """The call of system with call_ref, created when new, and locked
        until the transaction ends.

        INSERT ... ON CONFLICT DO NOTHING: two requests reporting the same new
        call never create it twice. An existing call is locked (FOR UPDATE)
        before the events change it, so that two requests about one call
        follow each other. The event endpoint runs in READ COMMITTED: both
        statements wait for the other request and go on with its result.
        Under Odoo's repeatable-read transactions (imports) a call inserted or
        changed by a request committed meanwhile makes either statement fail
        with a serialization failure, which Odoo answers by retrying the whole
        request: that failure is expected, and logging it as "bad query" would
        raise a false alarm, so it is not logged. The ORM's own UPDATE of the
        call can no longer meet it."""
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
            ),
            log_exceptions=False,
        )
        row = self.env.cr.fetchone()
        if not row:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM sc_call WHERE system_id = %s AND call_ref = %s"
                    " FOR UPDATE",
                    system.id,
                    call_ref,
                ),
                log_exceptions=False,
            )
            row = self.env.cr.fetchone()
        return self.browse(row[0])

    @api.model
    def _sc_parse_event(self, raw):
        """The event as event_changes() reads it, or a ValidationError."""
        if not isinstance(raw, dict):
            raise ValidationError(self.env._("Each event must be a JSON object."))
        kind = raw.get("event")
        if kind not in EVENTS:
            raise ValidationError(
                self.env._(
                    "“event” must be one of: %(events)s.", events=", ".join(EVENTS)
                ),
            )
        event = {
            "kind": kind,
            "call_ref": self._sc_event_text(raw, "call_id", required=True),
            "time": self._sc_event_time(raw.get("time")),
            "queue": self._sc_event_text(raw, "queue"),
            "agent": self._sc_event_text(raw, "agent"),
            "number": self._sc_event_number(raw.get("number")),
            "transferred": raw.get("transferred") is True,
        }
        direction = raw.get("direction", "inbound")
        if direction not in ("inbound", "outbound"):
            raise ValidationError(
                self.env._("“direction” must be “inbound” or “outbound”."),
            )
        event["direction"] = direction
        return event

    @api.model
    def _sc_event_text(self, raw, key, required=False):
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
            raise ValidationError(
                self.env._(
                    "“%(key)s” must be a text of 1 to %(max)s characters without "
                    "control characters.",
                    key=key,
                    max=MAX_REF_LENGTH,
                ),
            )
        return value.strip()

    @api.model
    def _sc_event_time(self, value):
        """Naive UTC datetime of a UNIX timestamp or an ISO 8601 text with
        offset, between 1970 and 3000."""
        if isinstance(value, str) and len(value) <= MAX_REF_LENGTH:
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                moment = None
            # timestamp() of an aware moment never overflows, unlike astimezone()
            value = moment.timestamp() if moment and moment.tzinfo else None
        if (
            not isinstance(value, (int, float))
            or isinstance(value, bool)
            or not 0 < value < MAX_TIMESTAMP
        ):
            raise ValidationError(
                self.env._(
                    "“time” must be a UNIX timestamp or a date and time with time "
                    "zone, e.g. “2026-03-02T08:00:05+01:00”."
                ),
            )
        moment = datetime.fromtimestamp(value, timezone.utc)
        return moment.replace(tzinfo=None, microsecond=0)

    @api.model
    def _sc_event_number(self, value):
        """E.164 of the caller's number; None when withheld."""
        if value is None or (
            isinstance(value, str) and value.strip().lower() in ANONYMOUS_NUMBERS
        ):
            return None
        e164 = to_e164(self.env["helpdesk.ticket"]._sc_check_cti_number(value))
        if not e164:
            raise ValidationError(
                self.env._("“%(number)s” is not a valid phone number.", number=value),
            )
        return e164

    def _sc_screen_pop(self):
        """Show each call in the open Odoo tabs of the agent who answered it
        (bus): the open inquiry of a known number, linked to the call; else
        the tab opens a new, unsaved phone inquiry form prefilled from the
        call (helpdesk.ticket.default_get), which the call is linked to when
        the agent saves it. Nothing is created here: the telephone system
        waits for this request."""
        for call in self.filtered(
            lambda call: (
                call.agent_id
                and not call.ended_at
                and call.agent_id.has_group("sc_knowledge.group_agent")
            )
        ):
            call.ticket_id = call._sc_caller_ticket()
            call.agent_id._bus_send(
                "sc_call_screen_pop",
                {
                    "call_id": call.id,
                    "ticket_id": call.ticket_id.id,
                    "number": call.caller_number or "",
                },
            )

    def _sc_caller_ticket(self):
        """The open inquiry of the caller's number (the latest) the answering
        agent may see; none for a withheld or new number."""
        self.ensure_one()
        tickets = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent_id)
            .with_company(self.company_id)
        )
        if not self.caller_number:
            return tickets
        return tickets.search(
            [("sc_caller_phone", "=", self.caller_number), ("closed", "=", False)],
            order="create_date desc, id desc",
            limit=1,
        )

    @api.model
    def _sc_popped_call(self, call_id):
        """The call ``call_id`` (context key ``sc_call_id`` of a popped form)
        if the current user answered it and it has no inquiry yet, else an
        empty recordset; AccessError for a call answered by someone else or
        by nobody: the id came from the browser."""
        if not isinstance(call_id, int) or isinstance(call_id, bool):
            return self.browse()
        call = self.sudo().browse(call_id).exists()
        if not call or call.agent_id != self.env.user:
            raise AccessError(
                self.env._(
                    "Only the agent who answered the call can link it to an inquiry."
                )
            )
        return self.browse() if call.ticket_id else call

    # -- demo data ------------------------------------------------------------

    @api.model
    def _sc_demo_call_history(self, system_ids):
        """Demo data only: DEMO_WEEKS weeks of calls before today for the
        telephone system, answered by the users with a phone extension (one
        set-based INSERT, deterministic profile; see tools/call_history)."""
        system = self.env["sc.telephone.system"].browse(system_ids)
        agents = self.env["res.users"].search(
            [("sc_phone_extension", "!=", False)], order="id"
        )
        today = fields.Date.context_today(self)
        self.env.flush_all()
        insert_call_history(
            self.env.cr,
            system,
            today - timedelta(weeks=DEMO_WEEKS),
            today - timedelta(days=1),
            DEMO_CALLS_PER_DAY,
            agents=[(agent.id, agent.sc_phone_extension) for agent in agents],
            ref_prefix="demo-",
            uid=self.env.uid,
        )
        self.env.invalidate_all()

    # -- data protection (sc.data.protection) --------------------------------

    def _sc_retention_domain(self, companies, cutoff):
        """Calls of these companies offered before ``cutoff`` that still carry
        the caller's number."""
        return [
            ("company_id", "in", companies.ids),
            ("offered_at", "<", cutoff),
            ("caller_number", "!=", False),
        ]

    def _sc_partner_domain(self, partners):
        numbers = {
            to_e164(n) for n in partners.mapped("phone") + partners.mapped("mobile")
        }
        return [("caller_number", "in", list(numbers - {None}))]

    def _sc_citizens(self):
        """The contacts of the inquiries the calls led to."""
        return self.ticket_id._sc_citizens()

    def _sc_personal_documents(self):
        return [self]

    def _sc_anonymize(self):
        """Only the number is personal; times, queue, agent and state stay for
        the reachability figures."""
        self.sudo().write({"caller_number": False})

    def _sc_export_sections(self):
        """Art. 15: the calls from the person's numbers."""
        local_time = service_datetime_formatter(self.env)
        states = dict(self._fields["state"]._description_selection(self.env))
        return [
            {
                "title": self.env._("Calls"),
                "columns": [
                    self.env._("Offered on"),
                    self.env._("Caller Number"),
                    self.env._("Queue / Line"),
                    self.env._("State"),
                ],
                "rows": [
                    [
                        local_time(call.offered_at),
                        call.caller_number or "",
                        call.queue or "",
                        states.get(call.state, ""),
                    ]
                    for call in self
                ],
            }
        ]

    # -- staffing plan (Erlang C) -------------------------------------------

    @api.model
    def staffing_forecast(self, date_from, date_to):
        """Per half-hour of the days date_from..date_to (Berlin): the calls and
        handling time expected from the history, the agents needed for the
        company's service-level target (Erlang C) and the agents planned.

        Returns a list of dicts ``start`` (UTC, "YYYY-MM-DD HH:MM:SS"),
        ``calls``, ``aht_seconds``, ``agents_needed``, ``service_level_needed``,
        ``wait_needed``, ``agents_planned``, ``service_level_planned`` and
        ``wait_planned`` (levels in %, waits in seconds, None when the queue
        grows without end), for the half-hours with calls or agents."""
        self.check_access("read")
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_to < date_from:
            raise ValidationError(self.env._("Please give a valid period."))
        if (date_to - date_from).days > MAX_FORECAST_DAYS:
            raise ValidationError(
                self.env._(
                    "The staffing plan covers at most %(days)s days.",
                    days=MAX_FORECAST_DAYS,
                )
            )
        company = self.env.company
        history = self._sc_history(company, date_from)
        starts = {
            (day, slot): slot_start_utc(day, slot)
            for day in date_range(date_from, date_to)
            for slot in range(SLOTS_PER_DAY)
        }
        planned = self._sc_planned_agents(company, date_from, date_to)
        rows = []
        for (day, slot), start in sorted(starts.items()):
            calls, aht = history.forecast(day, slot)
            agents = planned.get(start, 0)
            if calls or agents:
                rows.append(self._sc_staffing_row(company, start, calls, aht, agents))
        return rows

    @api.model
    def _sc_staffing_row(self, company, start, calls, aht, agents_planned):
        threshold = company.sc_call_threshold_seconds
        traffic = traffic_erlangs(calls, aht)
        needed = agents_needed(traffic, aht, threshold, company.sc_call_target / 100)

        def level(agents):
            return round(100 * service_level(traffic, agents, aht, threshold), 1)

        def wait(agents):
            seconds = average_wait(traffic, agents, aht)
            return None if seconds is None else round(seconds, 1)

        return {
            "start": fields.Datetime.to_string(start),
            "calls": round(calls, 1),
            "aht_seconds": round(aht),
            "agents_needed": needed,
            "service_level_needed": level(needed),
            "wait_needed": wait(needed),
            "agents_planned": agents_planned,
            "service_level_planned": level(agents_planned),
            "wait_planned": wait(agents_planned),
        }

    @api.model
    def _sc_history(self, company, date_from):
        """The call history of the HISTORY_WEEKS weeks before date_from (or
        before today, for a plan of days already past)."""
        last_day = min(date_from, fields.Date.context_today(self)) - timedelta(days=1)
        first_day = last_day - timedelta(weeks=HISTORY_WEEKS) + timedelta(days=1)
        start, end = (
            slot_start_utc(first_day, 0),
            slot_start_utc(last_day, SLOTS_PER_DAY),
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT (offered_at AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                       (extract(hour FROM offered_at AT TIME ZONE 'UTC'
                                AT TIME ZONE %(tz)s) * 2
                        + floor(extract(minute FROM offered_at AT TIME ZONE 'UTC'
                                        AT TIME ZONE %(tz)s) / 30))::int,
                       count(*),
                       count(*) FILTER (WHERE state IN ('answered', 'transferred')),
                       coalesce(sum(talk_seconds) FILTER (
                           WHERE state IN ('answered', 'transferred')), 0)
                  FROM sc_call
                 WHERE company_id = %(company)s
                   AND offered_at >= %(start)s AND offered_at < %(end)s
                   AND state IN ('answered', 'transferred', 'abandoned')
              GROUP BY 1, 2
                """,
                tz=SERVICE_TZ,
                company=company.id,
                start=start,
                end=end,
            )
        )
        counts = {(day, slot): rest for day, slot, *rest in self.env.cr.fetchall()}
        holidays = set(company._sc_public_holidays(first_day.year, last_day.year + 1))
        return History(counts, list(date_range(first_day, last_day)), holidays)

    @api.model
    def _sc_planned_agents(self, company, date_from, date_to):
        """{UTC start of a half-hour: agents present the whole half-hour}.

        Agents are the active members of the agent group in the company; each
        works by the calendar of his or her resource (with its leaves) or else
        by the service center's calendar."""
        agents = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref("sc_knowledge.group_agent").ids),
                    ("share", "=", False),
                    ("company_ids", "in", company.ids),
                ]
            )
        )
        start = slot_start_utc(date_from, 0).replace(tzinfo=timezone.utc)
        end = slot_start_utc(date_to, SLOTS_PER_DAY).replace(tzinfo=timezone.utc)
        fallback = company._sc_calendars()[:1]
        presence = defaultdict(float)
        by_calendar = defaultdict(list)
        for agent in agents:
            resource = agent.resource_ids.filtered(
                lambda r, company=company: r.company_id in (company, False)
            )[:1]
            by_calendar[resource.calendar_id or fallback].append(resource)
        for calendar, resources in by_calendar.items():
            if not calendar:
                continue
            staff = self.env["resource.resource"].concat(*resources)
            intervals = calendar._work_intervals_batch(start, end, resources=staff)
            for resource in resources:
                for begin, stop, _meta in intervals[resource.id]:
                    add_presence(presence, begin, stop)
        return {slot: math.floor(count + 1e-6) for slot, count in presence.items()}
