# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Response deadlines on working time: the one place where a deadline is computed.

The wizard, the reminder cron, the reports and the benchmark all call
:func:`compute_deadlines`. It takes a batch of :class:`DeadlineRequest` and asks
``resource.calendar._sc_work_intervals_batch`` once per calendar for the whole
batch (the federal state's public holidays and the calendar's leaves are closed
time), then answers every
request with a binary search on a :class:`WorkTimeline`:

* ``hours``: the moment at which the given number of working hours has elapsed
  after the start. Work intervals are real instants, so a deadline across a
  daylight-saving change is exact.
* ``days``: real working days, not an ``hours_per_day`` average. As in § 187 (1)
  BGB the day of receipt does not count; the deadline is the end of work on the
  n-th following working day of the calendar (a short Friday ends early, a
  holiday is skipped).

Calendar fallback (``res.company._sc_calendars``): the unit's calendar, then the
service center's, then the company's working hours, and when none of them yields
working time at all, plain calendar time. It never raises for a missing or empty
calendar.

Datetimes going in and out are naive UTC, as Odoo stores them.
"""

import bisect
import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import pytz

from odoo.addons.sc_knowledge.tools import SERVICE_TZ as DEFAULT_TZ

_logger = logging.getLogger(__name__)

UNIT_HOURS = "hours"
UNIT_DAYS = "days"
# Horizon of the first interval query, in days after the latest start; grown by
# HORIZON_GROWTH until MAX_HORIZON_DAYS when a calendar has too little work time.
MIN_HORIZON_DAYS = 21
HORIZON_GROWTH = 4
MAX_HORIZON_DAYS = 3 * 366


@dataclass(frozen=True)
class DeadlineRequest:
    """One deadline to compute.

    ``calendars`` is the fallback chain of ``resource.calendar`` records, see
    ``res.company._sc_calendars``. ``reminder_share`` (0..1) also asks for
    the moment at which that share of the working time has elapsed.
    """

    key: object
    start: datetime
    amount: float
    unit: str = UNIT_HOURS
    calendars: tuple = ()
    reminder_share: float = 0.0


@dataclass(frozen=True)
class DeadlineResult:
    deadline: datetime
    reminder_at: datetime | None
    calendar_id: int | bool = False


def _timestamp(moment):
    """Seconds since the epoch of a naive UTC or an aware datetime."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _naive_utc(seconds):
    return datetime.fromtimestamp(seconds, tz=timezone.utc).replace(tzinfo=None)


@dataclass
class WorkTimeline:
    """Sorted, non-overlapping work intervals with cumulative working seconds.

    Pure Python: build it from ``(start, stop)`` pairs of aware datetimes.
    """

    starts: list = field(default_factory=list)
    ends: list = field(default_factory=list)
    cum_ends: list = field(default_factory=list)
    day_dates: list = field(default_factory=list)
    day_ends: list = field(default_factory=list)

    @classmethod
    def from_intervals(cls, intervals, tz=DEFAULT_TZ):
        zone = pytz.timezone(tz or DEFAULT_TZ)
        timeline = cls()
        total = 0.0
        for start, stop in sorted(intervals):
            begin, end = _timestamp(start), _timestamp(stop)
            if timeline.ends and begin < timeline.ends[-1]:
                begin = timeline.ends[-1]
            if end <= begin:
                continue
            total += end - begin
            timeline.starts.append(begin)
            timeline.ends.append(end)
            timeline.cum_ends.append(total)
            local_day = start.astimezone(zone).date()
            if timeline.day_dates and timeline.day_dates[-1] == local_day:
                timeline.day_ends[-1] = end
            else:
                timeline.day_dates.append(local_day)
                timeline.day_ends.append(end)
        return timeline

    @classmethod
    def continuous(cls, start, stop, tz=DEFAULT_TZ):
        """Plain calendar time: every day is a working day from 00:00 to 24:00."""
        zone = pytz.timezone(tz or DEFAULT_TZ)
        days = (stop - start).days + 2
        intervals = []
        for offset in range(days):
            day = start.date() + timedelta(days=offset)
            begin = zone.localize(datetime.combine(day, datetime.min.time()))
            end = zone.localize(
                datetime.combine(day + timedelta(days=1), datetime.min.time())
            )
            intervals.append((begin, end))
        return cls.from_intervals(intervals, tz)

    def __bool__(self):
        return bool(self.starts)

    def seconds_before(self, moment):
        """Working seconds of the timeline before ``moment`` (epoch seconds)."""
        index = bisect.bisect_right(self.starts, moment) - 1
        if index < 0:
            return 0.0
        return self.cum_ends[index] - max(0.0, self.ends[index] - moment)

    def moment_after(self, seconds):
        """The instant at which ``seconds`` working seconds are reached, or None."""
        index = bisect.bisect_left(self.cum_ends, seconds)
        if index >= len(self.cum_ends):
            return None
        return self.ends[index] - (self.cum_ends[index] - seconds)

    def add_hours(self, start, hours):
        return self.moment_after(self.seconds_before(start) + hours * 3600.0)

    def add_working_days(self, start, days, tz=DEFAULT_TZ):
        """End of work on the ``days``-th working day after the day of ``start``."""
        local_day = datetime.fromtimestamp(start, tz=pytz.timezone(tz)).date()
        index = bisect.bisect_right(self.day_dates, local_day) + max(1, days) - 1
        if index >= len(self.day_ends):
            return None
        return self.day_ends[index]

    def plan(self, start, amount, unit, reminder_share=0.0, tz=DEFAULT_TZ):
        """(deadline, reminder_at) in epoch seconds, or None when out of range."""
        amount = max(0.0, amount or 0.0)
        if unit == UNIT_DAYS:
            deadline = self.add_working_days(start, math.ceil(amount), tz)
        else:
            deadline = self.add_hours(start, amount)
        if deadline is None:
            return None
        deadline = max(deadline, start)
        reminder = None
        if 0 < reminder_share < 1:
            begin = self.seconds_before(start)
            spent = self.seconds_before(deadline) - begin
            reminder = max(start, self.moment_after(begin + spent * reminder_share))
        return deadline, reminder


def _calendar_timeline(calendar, start, stop):
    """Timeline of a ``resource.calendar`` between two naive UTC datetimes."""
    tz = calendar.tz or DEFAULT_TZ
    begin = pytz.utc.localize(start)
    end = pytz.utc.localize(stop)
    intervals = calendar._sc_work_intervals_batch(begin, end)[False]
    return WorkTimeline.from_intervals(
        [(item[0], item[1]) for item in intervals], tz
    ), tz


def _horizon_days(requests):
    longest = max(
        req.amount * 2 if req.unit == UNIT_DAYS else req.amount / 3 for req in requests
    )
    return MIN_HORIZON_DAYS + int(longest)


def _solve(timeline, tz, requests, calendar_id, results):
    """Fill ``results`` for what the timeline can answer; return the rest."""
    unsolved = []
    for req in requests:
        planned = timeline.plan(
            _timestamp(req.start), req.amount, req.unit, req.reminder_share, tz
        )
        if planned is None:
            unsolved.append(req)
            continue
        deadline, reminder = planned
        results[req.key] = DeadlineResult(
            _naive_utc(deadline),
            _naive_utc(reminder) if reminder is not None else None,
            calendar_id,
        )
    return unsolved


def _solve_on_calendar(calendar, requests, results):
    """Answer ``requests`` on one calendar, growing the horizon if needed."""
    lowest = min(req.start for req in requests)
    highest = max(req.start for req in requests)
    horizon = _horizon_days(requests)
    pending = requests
    while pending and horizon <= MAX_HORIZON_DAYS:
        timeline, tz = _calendar_timeline(
            calendar, lowest, highest + timedelta(days=horizon)
        )
        if not timeline:
            break
        pending = _solve(timeline, tz, pending, calendar.id, results)
        horizon *= HORIZON_GROWTH
    return pending


def compute_deadlines(requests):
    """Compute the deadlines of a batch; returns ``{request.key: DeadlineResult}``.

    One interval query per calendar (and per horizon growth); never raises for a
    missing or empty calendar.
    """
    results = {}
    pending = list(requests)
    level = 0
    while pending:
        by_calendar = {}
        exhausted = []
        for req in pending:
            if level < len(req.calendars):
                by_calendar.setdefault(req.calendars[level], []).append(req)
            else:
                exhausted.append(req)
        pending = []
        for calendar, group in by_calendar.items():
            pending += _solve_on_calendar(calendar, group, results)
        if exhausted:
            _logger.info(
                "%d deadline(s) without usable working time: using calendar time",
                len(exhausted),
            )
            lowest = min(req.start for req in exhausted)
            highest = max(req.start for req in exhausted)
            span = timedelta(days=_horizon_days(exhausted) * 2)
            timeline = WorkTimeline.continuous(lowest, highest + span)
            _solve(timeline, DEFAULT_TZ, exhausted, False, results)
        level += 1
    return results


def is_working_time(moment, calendars=()):
    """Whether ``moment`` (naive UTC) lies in working time.

    The first calendar of the chain that has attendances decides (public holidays
    and global leaves count as closed); without any such calendar, every moment
    is working time.
    """
    begin = pytz.utc.localize(moment)
    for calendar in calendars:
        if not calendar.attendance_ids:
            continue
        intervals = calendar._sc_work_intervals_batch(
            begin, begin + timedelta(seconds=1)
        )[False]
        return bool(intervals)
    return True


def working_hours_between(pairs, calendars=()):
    """Working hours between (start, stop) naive UTC pairs on one calendar chain.

    The first calendar of the chain with attendances is used; without one the
    plain elapsed hours are returned.
    """
    if not pairs:
        return []
    calendar = next((c for c in calendars if c.attendance_ids), None)
    if calendar is None:
        return [(stop - start).total_seconds() / 3600.0 for start, stop in pairs]
    lowest = min(start for start, _stop in pairs)
    highest = max(stop for _start, stop in pairs)
    timeline, _tz = _calendar_timeline(calendar, lowest, highest + timedelta(days=1))
    return [
        max(
            0.0,
            timeline.seconds_before(_timestamp(stop))
            - timeline.seconds_before(_timestamp(start)),
        )
        / 3600.0
        for start, stop in pairs
    ]


def to_local(moment, tz=DEFAULT_TZ):
    """A naive UTC datetime (as Odoo stores it) as an aware local datetime."""
    return moment.replace(tzinfo=timezone.utc).astimezone(pytz.timezone(tz))
