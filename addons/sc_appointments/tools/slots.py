# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Candidate appointment slots from work intervals (pure Python, no ORM).

The caller hands in, per counter (a ``resource.resource`` with its own calendar), the
effective work intervals as tz-aware ``(start, end)`` pairs, already cut by public
holidays and the counter's leaves (``resource.calendar._work_intervals_batch`` does
exactly that). All arithmetic happens in UTC, so a slot lasts its real duration even
on the days when Europe/Berlin switches between CET and CEST.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from operator import itemgetter

UTC = timezone.utc


@dataclass
class Slot:
    """One bookable time window shared by the counters that work in it."""

    start: datetime  # tz-aware, UTC
    end: datetime  # tz-aware, UTC
    counters: set = field(default_factory=set)
    booked: int = 0
    held_back: int = 0
    occupied: set = field(default_factory=set)

    @property
    def capacity(self):
        return len(self.counters)

    @property
    def bookable(self):
        """Counters that may be booked in advance (walk-in share held back)."""
        return max(self.capacity - self.held_back, 0)

    @property
    def free(self):
        return max(self.bookable - self.booked, 0)

    @property
    def free_counters(self):
        """Working counters no booking holds in this slot, in a fixed order."""
        return sorted(self.counters - self.occupied)


def held_back_counters(capacity, walk_in_share):
    """Counters kept free for walk-ins: the share of the capacity, rounded down."""
    share = min(max(walk_in_share or 0.0, 0.0), 1.0)
    return int(capacity * share + 1e-9)


def _utc(value):
    if value.tzinfo is None:
        raise ValueError("naive datetime: slots need tz-aware datetimes")
    return value.astimezone(UTC)


def _seconds(value):
    """POSIX seconds of a tz-aware datetime (numbers pass through)."""
    if isinstance(value, int | float):
        return value
    return _utc(value).timestamp()


def generate_slots(
    counter_intervals,
    duration,
    *,
    now,
    buffer=timedelta(0),
    lead_time=timedelta(0),
    horizon=None,
    date_from=None,
    date_to=None,
    walk_in_share=0.0,
    bookings=(),
):
    """Return the slots that still have a free, bookable counter, earliest first.

    :param counter_intervals: ``{counter_key: [(start, end), ...]}`` tz-aware work
        intervals of each counter.
    :param duration: length of one appointment (``timedelta``).
    :param now: tz-aware current time; slots start no earlier than ``now + lead_time``.
    :param buffer: gap kept after each appointment; slots follow each other every
        ``duration + buffer`` from the start of each work interval.
    :param horizon: slots start before ``now + horizon`` (``None``: unlimited).
    :param date_from, date_to: optional tz-aware window the slots must start in.
    :param walk_in_share: share of the counters held back for walk-ins (0..1).
    :param bookings: active bookings as ``(start, end)`` or ``(start, end, counter)``
        (tz-aware datetimes or POSIX seconds), or bookings of the same time grouped
        as ``(start, end, counters, number_without_counter)``. A booking with a
        counter holds that counter in every slot it overlaps (whatever appointment
        type booked it, so counters shared by several types are counted once); one
        without a counter holds some counter of the slot.
    """
    if duration <= timedelta(0):
        raise ValueError("duration must be positive")
    if buffer < timedelta(0) or lead_time < timedelta(0):
        raise ValueError("buffer and lead time must not be negative")
    length = duration.total_seconds()
    step = length + buffer.total_seconds()
    earliest = _seconds(now) + lead_time.total_seconds()
    if date_from is not None:
        earliest = max(earliest, _seconds(date_from))
    latest = _seconds(now) + horizon.total_seconds() if horizon is not None else None
    if date_to is not None:
        latest = (
            min(latest, _seconds(date_to)) if latest is not None else _seconds(date_to)
        )

    # counters with the same work intervals share one grid (computed once)
    by_intervals = {}
    for counter, intervals in counter_intervals.items():
        key = tuple((_seconds(s), _seconds(e)) for s, e in intervals)
        by_intervals.setdefault(key, set()).add(counter)
    grid = {}
    for intervals, counters in by_intervals.items():
        for interval_start, interval_end in intervals:
            start = interval_start
            while start + length <= interval_end:
                if start >= earliest and (latest is None or start < latest):
                    grid.setdefault(start, set()).update(counters)
                start += step

    ordered = []
    for start in sorted(grid):
        ordered.append(
            Slot(
                datetime.fromtimestamp(start, UTC),
                datetime.fromtimestamp(start + length, UTC),
                grid[start],
            )
        )
    _count_bookings(ordered, length, bookings)
    for slot in ordered:
        slot.held_back = held_back_counters(slot.capacity, walk_in_share)
    return [slot for slot in ordered if slot.free > 0]


def _booking_row(booking):
    """``(start, end, counters, without_counter)`` of one ``bookings`` entry."""
    start, end = _seconds(booking[0]), _seconds(booking[1])
    if len(booking) == 4:
        return start, end, tuple(booking[2] or ()), booking[3]
    counter = booking[2] if len(booking) == 3 else None
    return (start, end, (), 1) if counter is None else (start, end, (counter,), 0)


def _count_bookings(ordered_slots, length, bookings):
    """Count, per slot, the bookings overlapping it (sweep over sorted lists).

    Bookings are sorted by start; for each slot only the bookings starting within
    the longest booking's length before it can overlap, so the sweep stays linear.
    """
    if not bookings or not ordered_slots:
        return
    rows = sorted(map(_booking_row, bookings), key=itemgetter(0))
    longest = max(row[1] - row[0] for row in rows)
    first = 0
    for slot in ordered_slots:
        slot_start = slot.start.timestamp()
        slot_end = slot_start + length
        while first < len(rows) and rows[first][0] < slot_start - longest:
            first += 1
        generic = 0
        for index in range(first, len(rows)):
            booking_start, booking_end, counters, without_counter = rows[index]
            if booking_start >= slot_end:
                break
            if booking_end > slot_start:
                generic += without_counter
                slot.occupied.update(slot.counters.intersection(counters))
        slot.booked = len(slot.occupied) + generic
