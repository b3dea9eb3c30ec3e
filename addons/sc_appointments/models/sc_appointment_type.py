# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, email_normalize

from odoo.addons.sc_knowledge.tools import SERVICE_TZ
from odoo.addons.sc_knowledge.tools.dates import service_datetime_formatter

from ..tools.load import WalkInProfile, bridge_days, rank_slots, reason
from ..tools.slots import generate_slots

UTC = timezone.utc
# Slots starting from this local hour on are in the afternoon.
NOON = 12


def _day_period(local_start):
    """ "morning" or "afternoon": the half of the day a slot starts in."""
    return "morning" if local_start.hour < NOON else "afternoon"


def _in_day_period(local_start, day_period):
    """Whether a slot starting at ``local_start`` lies in the day period
    (any, without one)."""
    return not day_period or _day_period(local_start) == day_period


class ScAppointmentType(models.Model):
    _name = "sc.appointment.type"
    _description = "Appointment Type"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    service_ids = fields.Many2many(
        comodel_name="sc.service",
        string="Services",
        check_company=True,
        help="Services citizens book this kind of appointment for.",
    )
    org_unit_id = fields.Many2one(
        comodel_name="sc.org.unit",
        string="Organisational Unit",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    is_published = fields.Boolean(
        string="Bookable Online",
        help="Citizens can book this type on the public booking page without login.",
    )
    location = fields.Char(
        help="Where the citizen goes, e.g. building and room. The address is the "
        "organisational unit's address.",
    )
    resource_ids = fields.Many2many(
        comodel_name="resource.resource",
        string="Counters",
        check_company=True,
        help="Parallel counters; each one works by its own calendar and leaves "
        "(falling back to the unit's calendar).",
    )
    capacity = fields.Integer(compute="_compute_capacity")
    duration_minutes = fields.Integer(string="Duration (minutes)", default=20)
    buffer_minutes = fields.Integer(
        string="Buffer (minutes)",
        default=0,
        help="Gap kept after each appointment.",
    )
    lead_time_hours = fields.Integer(
        string="Lead Time (hours)",
        default=24,
        help="Minimum time between booking and appointment.",
    )
    horizon_weeks = fields.Integer(
        string="Booking Horizon (weeks)",
        default=6,
        help="How far ahead citizens may book.",
    )
    walk_in_share = fields.Float(
        string="Walk-in Share (%)",
        default=20.0,
        help="Share of the counters held back for citizens without appointment.",
    )
    walk_in_service_minutes = fields.Integer(
        string="Walk-in Service Time (minutes)",
        default=15,
        help="Average time a walk-in citizen keeps a counter busy.",
    )
    history_weeks = fields.Integer(
        string="History (weeks)",
        default=26,
        help="Weeks of visit history used to expect walk-ins.",
    )
    half_life_weeks = fields.Float(
        string="Half-life (weeks)",
        default=8.0,
        help="A week that many weeks ago counts half as much as the last one.",
    )
    _sql_constraints = [
        (
            "duration_positive",
            "CHECK(duration_minutes > 0)",
            "The duration must be positive.",
        ),
        (
            "durations_not_negative",
            "CHECK(buffer_minutes >= 0 AND lead_time_hours >= 0)",
            "Buffer and lead time must not be negative.",
        ),
        (
            "horizon_positive",
            "CHECK(horizon_weeks > 0)",
            "The booking horizon must be at least one week.",
        ),
        (
            "walk_in_share_range",
            "CHECK(walk_in_share >= 0 AND walk_in_share <= 100)",
            "The walk-in share must be between 0 and 100 %.",
        ),
    ]

    @api.depends("resource_ids")
    def _compute_capacity(self):
        for appointment_type in self:
            appointment_type.capacity = len(appointment_type.resource_ids)

    # ------------------------------------------------------------------
    # Slot computation
    # ------------------------------------------------------------------
    def _tz(self):
        return ZoneInfo(self._calendar_for().tz or SERVICE_TZ)

    def _calendar_for(self, resource=None):
        """Calendar of a counter, else of the unit, service center or company."""
        self.ensure_one()
        own = resource.calendar_id if resource else self.env["resource.calendar"]
        unit = self.org_unit_id.resource_calendar_id
        return self.company_id._sc_calendars(own or unit)[:1]

    def _counter_intervals(self, start, end):
        """Work intervals per counter (public holidays and leaves removed),
        tz-aware."""
        self.ensure_one()
        by_calendar = {}
        for resource in self.resource_ids:
            calendar = self._calendar_for(resource)
            if calendar:
                by_calendar.setdefault(calendar, self.env["resource.resource"])
                by_calendar[calendar] |= resource
        result = {}
        for calendar, resources in by_calendar.items():
            intervals = calendar._sc_work_intervals_batch(
                start, end, resources=resources, company=self.company_id
            )
            for resource in resources:
                result[resource.id] = [(s, e) for s, e, _r in intervals[resource.id]]
        return result

    def _booked_intervals(self, start, end):
        """Active bookings that hold this type's counters in ``[start, end)``.

        Counters may serve several appointment types: the bookings of every type
        on the same counters count. Returns, per booked time, ``(start, stop,
        counter_ids, number_without_counter)`` (POSIX seconds; bookings of this
        type made before counters were assigned have no counter).
        """
        self.ensure_one()
        self.env["calendar.event"].flush_model(
            [
                "start",
                "stop",
                "sc_state",
                "sc_appointment_type_id",
                "sc_resource_id",
                "active",
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT EXTRACT(EPOCH FROM start)::float8,
                       EXTRACT(EPOCH FROM stop)::float8,
                       array_agg(sc_resource_id)
                           FILTER (WHERE sc_resource_id IS NOT NULL),
                       count(*) FILTER (WHERE sc_resource_id IS NULL)
                  FROM calendar_event
                 WHERE sc_state = 'booked' AND active
                   AND start < %(end)s AND stop > %(start)s
                   AND (sc_resource_id = ANY(%(counters)s)
                        OR (sc_resource_id IS NULL
                            AND sc_appointment_type_id = %(type)s))
                 GROUP BY start, stop
                """,
                end=end.astimezone(UTC).replace(tzinfo=None),
                start=start.astimezone(UTC).replace(tzinfo=None),
                counters=self.resource_ids.ids,
                type=self.id,
            )
        )
        return self.env.cr.fetchall()

    def _free_slots(self, date_from=None, date_to=None, now=None):
        """Free bookable slots (``tools.slots.Slot``), earliest first."""
        self.ensure_one()
        now = (now or fields.Datetime.now()).replace(tzinfo=UTC)
        start = now + timedelta(hours=self.lead_time_hours)
        if date_from:
            start = max(start, date_from)
        end = now + timedelta(weeks=self.horizon_weeks)
        if date_to:
            end = min(end, date_to)
        if start >= end or not self.resource_ids:
            return []
        # whole local days, so the slot grid starts where the work intervals start,
        # whatever window was asked for
        tz = self._tz()
        day_start = datetime.combine(
            start.astimezone(tz).date(), datetime.min.time(), tzinfo=tz
        )
        day_end = datetime.combine(
            end.astimezone(tz).date() + timedelta(days=1),
            datetime.min.time(),
            tzinfo=tz,
        )
        return generate_slots(
            self._counter_intervals(day_start, day_end),
            timedelta(minutes=self.duration_minutes),
            now=now,
            buffer=timedelta(minutes=self.buffer_minutes),
            lead_time=timedelta(hours=self.lead_time_hours),
            horizon=timedelta(weeks=self.horizon_weeks),
            date_from=date_from,
            date_to=date_to,
            walk_in_share=self.walk_in_share / 100.0,
            # a slot starting just before ``end`` reaches past it
            bookings=self._booked_intervals(
                start, end + timedelta(minutes=self.duration_minutes)
            ),
        )

    def _excluded_history_dates(self, first_day, last_day):
        """Holidays (the federal state's, the calendar's global leaves) and bridge
        days."""
        self.ensure_one()
        years = range(first_day.year, last_day.year + 1)
        excluded = set(self.company_id._sc_public_holidays(years.start, years.stop - 1))
        calendar = self._calendar_for()
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search_fetch(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [False, calendar.id]),
                    ("date_to", ">=", first_day),
                    ("date_from", "<=", last_day + timedelta(days=1)),
                ],
                ["date_from", "date_to"],
            )
        )
        tz = self._tz()
        for leave in leaves:
            day = leave.date_from.replace(tzinfo=UTC).astimezone(tz).date()
            last = leave.date_to.replace(tzinfo=UTC).astimezone(tz).date()
            while day <= last:
                excluded.add(day)
                day += timedelta(days=1)
        return excluded | bridge_days(excluded)

    def _walk_in_rates(self, first_day, today, half_life, excluded):
        """The walk-in profile (see ``tools.load``) computed by PostgreSQL on the
        aggregate.

        Each open day weighs ``0.5 ** (weeks_ago / half_life)``; the rate of a
        weekday and hour is the weighted walk-ins divided by the weighted number
        of open days of that weekday. Returns ``{(weekday, hour): rate}``.
        """
        self.ensure_one()
        self.env["sc.visit"].flush_model(["arrival", "org_unit_id", "kind"])
        self.env.cr.execute(
            SQL(
                """
                WITH days AS (
                    SELECT day, hour, visits,
                           mod(day - DATE '2000-01-03', 7) AS weekday,  -- Monday 0
                           power(0.5::float8,
                                 (%(today)s::date - day) / 7.0::float8 / %(half)s)
                               AS weight
                      FROM sc_visit_walk_in_hour
                     WHERE org_unit_id = %(unit)s
                       AND day >= %(first)s AND day < %(today)s AND visits > 0
                       AND NOT (day = ANY(%(excluded)s::date[]))
                ), rates AS (
                    SELECT weekday, hour, sum(weight * visits) AS total
                      FROM days GROUP BY weekday, hour
                ), weekdays AS (
                    SELECT weekday, sum(weight) AS weight
                      FROM (SELECT DISTINCT day, weekday, weight FROM days) open_days
                     GROUP BY weekday
                )
                SELECT r.weekday, r.hour, r.total / w.weight
                  FROM rates r JOIN weekdays w ON w.weekday = r.weekday
                """,
                today=today,
                half=SQL("%s::float8", float(half_life)),
                unit=self.org_unit_id.id,
                first=first_day,
                excluded=sorted(excluded),
            )
        )
        return {
            (weekday, hour): float(rate)
            for weekday, hour, rate in self.env.cr.fetchall()
        }

    def _walk_in_profile(self, now):
        """Walk-in profile from the history up to yesterday.

        Read from the trigger-kept hourly aggregate on every call: a cache
        would have to follow visits, leaves and the federal state's holidays.
        """
        self.ensure_one()
        today = now.astimezone(self._tz()).date()
        first_day = today - timedelta(weeks=self.history_weeks)
        return WalkInProfile(
            self._walk_in_rates(
                first_day,
                today,
                self.half_life_weeks or 8.0,
                self._excluded_history_dates(first_day, today),
            )
        )

    def _reason_words(self):
        _ = self.env._
        weekdays = (
            _("on Mondays"),
            _("on Tuesdays"),
            _("on Wednesdays"),
            _("on Thursdays"),
            _("on Fridays"),
            _("on Saturdays"),
            _("on Sundays"),
        )
        crowd = {
            "low": _("few visitors"),
            "medium": _("moderately busy"),
            "high": _("busy"),
        }
        levels = {"low": _("low"), "medium": _("medium"), "high": _("high")}
        template = _("{weekday} {start}–{end} o'clock: {crowd}")
        return weekdays, crowd, levels, template

    def _ranked_slots(
        self, date_from=None, date_to=None, limit=None, now=None, day_period=None
    ):
        """Free slots ranked quietest first; ``day_period`` ("morning" or
        "afternoon") keeps the slots starting before or from noon, local time."""
        self.ensure_one()
        now = (now or fields.Datetime.now()).replace(tzinfo=UTC)
        tz = self._tz()
        slots = [
            slot
            for slot in self._free_slots(date_from, date_to, now=now)
            if _in_day_period(slot.start.astimezone(tz), day_period)
        ]
        if not slots:
            return []
        ranked = rank_slots(
            slots,
            self._walk_in_profile(now),
            tz,
            service_minutes=self.walk_in_service_minutes or self.duration_minutes,
        )
        if limit:
            earliest = next(item for item in ranked if item.earliest)
            head = ranked[:limit]
            if earliest not in head:
                head = head[:-1] + [earliest] if limit > 1 else [earliest]
            ranked = head
        weekdays, crowd, levels, template = self._reason_words()
        local_time = service_datetime_formatter(self.env, weekday=True)
        return [
            {
                "start": fields.Datetime.to_string(
                    item.slot.start.replace(tzinfo=None)
                ),
                "end": fields.Datetime.to_string(item.slot.end.replace(tzinfo=None)),
                # the service center's wall clock, whatever the user's time zone,
                # with the weekday ("Di., 16.06.2026, 14:00")
                "start_local": local_time(
                    item.slot.start.astimezone(UTC).replace(tzinfo=None)
                ),
                "level": item.level,
                "level_label": levels[item.level],
                "score": item.score,
                "free": item.slot.free,
                "capacity": item.slot.capacity,
                "earliest": item.earliest,
                # the local day and half of the day, for the public day picker
                "day": item.slot.start.astimezone(tz).date().isoformat(),
                "period": _day_period(item.slot.start.astimezone(tz)),
                "reason": reason(
                    item, tz, weekdays=weekdays, crowd=crowd, template=template
                ),
            }
            for item in ranked
        ]

    def _public_offer(self, day=None, period=None, limit=12):
        """What the public booking page offers, as a dict.

        ``days``: the local days with free slots (ISO date, number of free
        slots, quietest level) for the day picker; ``day``: ``day`` if it is
        one of them, else None; ``slots``: the ranked slots of
        ``_ranked_slots`` (the levels the agents see) of ``period``
        (``morning``/``afternoon``, else all), of that day in time order, else
        the ``limit`` quietest with the earliest among them.
        """
        self.ensure_one()
        ranked = self._ranked_slots()
        by_day = {}
        for slot in ranked:
            by_day.setdefault(slot["day"], []).append(slot)
        days = [
            (key, len(slots), min(slots, key=lambda s: s["score"])["level"])
            for key, slots in sorted(by_day.items())
        ]
        day = day if day in by_day else None
        shown = [slot for slot in ranked if period in (None, slot["period"])]
        if day:
            slots = sorted(
                (slot for slot in shown if slot["day"] == day),
                key=lambda slot: slot["start"],
            )
        else:
            slots = shown[:limit]
            earliest = min(shown, key=lambda slot: slot["start"], default=None)
            if earliest and earliest not in slots:
                slots = [*slots[:-1], earliest]
        return {"days": days, "day": day, "slots": slots}

    @api.readonly
    def suggest_slots(self, date_from=None, date_to=None, limit=10, day_period=None):
        """Free slots ranked quietest first (RPC).

        :param date_from, date_to: UTC datetimes or strings (``YYYY-MM-DD HH:MM:SS``);
            both optional, the type's lead time and horizon always apply.
        :param day_period: optional "morning" or "afternoon" (local time).
        :returns: list of dicts with ``start``/``end`` (UTC strings), ``level``
            (low/medium/high), ``score`` (expected load / capacity), ``reason``, and
            ``earliest`` set on the earliest free slot (always included).
        """
        self.ensure_one()
        self.check_access("read")
        return self._ranked_slots(
            self._to_utc(date_from),
            self._to_utc(date_to),
            limit=limit or None,
            day_period=day_period,
        )

    @staticmethod
    def _to_utc(value):
        if not value:
            return None
        if isinstance(value, str):
            value = fields.Datetime.to_datetime(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------
    def _lock_for_booking(self):
        """Serialise bookings on this type's counters inside the transaction.

        Row locks on the counters (``resource.resource``), taken in id order so that
        bookings of types sharing counters never deadlock. A concurrent booking on
        the same counters that committed after our snapshot makes PostgreSQL raise
        a serialisation failure, so Odoo retries the request on a fresh snapshot
        that sees that booking: capacity is never checked against stale data.
        """
        self.ensure_one()
        self.env["resource.resource"].flush_model(["sc_booking_serial"])
        # the serialisation failure is expected and retried: no "bad query" ERROR
        self.env.cr.execute(
            SQL(
                """
                UPDATE resource_resource
                   SET sc_booking_serial = COALESCE(sc_booking_serial, 0) + 1
                 WHERE id IN (SELECT id FROM resource_resource
                               WHERE id = ANY(%s) ORDER BY id FOR UPDATE)
                """,
                sorted(self.resource_ids.ids),
            ),
            log_exceptions=False,
        )
        self.resource_ids.invalidate_recordset(["sc_booking_serial"])

    def book_slot(self, start, partner_id, service_id=None, ticket_id=None, email=None):
        """Book the slot starting at ``start`` (UTC) for a citizen (RPC).

        ``email``: the address the booking's mails go to when it is not the
        citizen's own (for instance the one given on the ticket).
        Fails with a clear message when the slot is no longer free.
        :returns: id of the new ``calendar.event``.
        """
        self.ensure_one()
        self.check_access("read")
        start = self._to_utc(start)
        if not start:
            raise UserError(self.env._("Please choose a time slot."))
        partner = self.env["res.partner"].browse(int(partner_id)).exists()
        if not partner:
            raise UserError(self.env._("Please choose the citizen to book for."))
        self.sudo()._lock_for_booking()
        end = start + timedelta(minutes=self.duration_minutes)
        free = [
            slot
            for slot in self._free_slots(start, start + timedelta(seconds=1))
            if slot.start == start
        ]
        if not free or not free[0].free_counters:
            raise UserError(
                self.env._(
                    "This time slot is no longer available. Please choose another one."
                )
            )
        service = self._bookable_service(service_id)
        values = self._prepare_event_values(
            start,
            end,
            partner,
            service,
            ticket_id and int(ticket_id),
            counter_id=free[0].free_counters[0],
        )
        values["sc_confirmation_email"] = email_normalize(email or "") or False
        event = (
            self.env["calendar.event"]
            .with_context(no_mail_to_attendees=True, dont_notify=True)
            .create(values)
        )
        return event.id

    def _bookable_service(self, service_id):
        """The service (Leistung) booked: the one the citizen or agent chose,
        which must be one of this type's; without a choice only the type's
        single service, never a guess among several (its documents would be
        the wrong ones)."""
        self.ensure_one()
        if not service_id:
            return self.service_ids if len(self.service_ids) == 1 else None
        service = self.env["sc.service"].browse(int(service_id))
        if service not in self.service_ids:
            raise UserError(
                self.env._("Please choose one of the services of this appointment.")
            )
        return service

    def _address_line(self):
        self.ensure_one()
        partner = self.org_unit_id.partner_id
        address = ", ".join(
            filter(None, [partner.street, f"{partner.zip or ''} {partner.city or ''}"])
        ).strip(", ")
        return ", ".join(filter(None, [self.location, address]))

    def _prepare_event_values(
        self, start, end, partner, service, ticket_id, counter_id=False
    ):
        self.ensure_one()
        title = service.name if service else self.name
        return {
            "name": f"{title} – {partner.name}",
            "start": start.replace(tzinfo=None),
            "stop": end.replace(tzinfo=None),
            "location": self._address_line(),
            "sc_appointment_type_id": self.id,
            "sc_service_id": service.id if service else False,
            "sc_org_unit_id": self.org_unit_id.id,
            "sc_citizen_partner_id": partner.id,
            "sc_ticket_id": ticket_id or False,
            "sc_resource_id": counter_id,
            "sc_state": "booked",
            "partner_ids": [fields.Command.set(partner.ids)],
            "privacy": "public",
        }

    def _reschedule(self, event, start):
        """Move ``event`` to the slot starting at ``start`` (UTC).

        The old booking is cancelled first, so its counter counts as free for the
        new slot (moving by a few minutes works); the new one passes the same lock
        and capacity check as any booking. If the new slot is taken, nothing
        changes. The citizen gets a mail with the new date and an .ics file.
        :returns: the new event and the ``mail.mail`` records created for it.
        """
        self.ensure_one()
        if event.sc_appointment_type_id != self or event.sc_state != "booked":
            raise UserError(self.env._("Only booked appointments can be moved."))
        with self.env.cr.savepoint():
            event.action_sc_cancel()
            new_event = self.env["calendar.event"].browse(
                self.book_slot(
                    start,
                    event.sc_citizen_partner_id.id,
                    service_id=event.sc_service_id.id,
                    ticket_id=event.sc_ticket_id.id,
                    email=event.sc_confirmation_email,
                )
            )
            new_event.sc_move_count = event.sc_move_count + 1
        mails = new_event.with_context(sc_rescheduled=True)._sc_send_mail(
            "sc_appointments.mail_template_confirmation"
        )
        return new_event, mails
