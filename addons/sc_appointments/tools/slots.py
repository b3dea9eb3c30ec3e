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

UTC = timezone.utc


@dataclass
class Slot:
    """One bookable time window shared by the counters that work in it."""

    start: datetime  # tz-aware, UTC
    end: datetime  # tz-aware, UTC
    counters: set = field(default_factory=set)
    booked: int = 0
    held_back: int = 0

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


def held_back_counters(capacity, walk_in_share):
    """Counters kept free for walk-ins: the share of the capacity, rounded down."""
    share = min(max(walk_in_share or 0.0, 0.0), 1.0)
    return int(capacity * share + 1e-9)


def _utc(value):
    if value.tzinfo is None:
        raise ValueError("naive datetime: slots need tz-aware datetimes")
    return value.astimezone(UTC)


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
    :param bookings: tz-aware ``(start, end)`` pairs of active bookings; each one
        occupies one counter in every slot it overlaps.
    """
    if duration <= timedelta(0):
        raise ValueError("duration must be positive")
    if buffer < timedelta(0) or lead_time < timedelta(0):
        raise ValueError("buffer and lead time must not be negative")
    step = duration + buffer
    earliest = _utc(now) + lead_time
    if date_from is not None:
        earliest = max(earliest, _utc(date_from))
    latest = _utc(now) + horizon if horizon is not None else None
    if date_to is not None:
        latest = min(latest, _utc(date_to)) if latest is not None else _utc(date_to)

    slots = {}
    for counter, intervals in counter_intervals.items():
        for interval_start, interval_end in intervals:
            start, stop = _utc(interval_start), _utc(interval_end)
            while start + duration <= stop:
                if start >= earliest and (latest is None or start < latest):
                    key = (start, start + duration)
                    slots.setdefault(key, Slot(*key)).counters.add(counter)
                start += step

    ordered = sorted(slots.values(), key=lambda slot: slot.start)
    _count_bookings(ordered, [(_utc(s), _utc(e)) for s, e in bookings])
    for slot in ordered:
        slot.held_back = held_back_counters(slot.capacity, walk_in_share)
    return [slot for slot in ordered if slot.free > 0]


def _count_bookings(ordered_slots, bookings):
    """Count, per slot, the bookings overlapping it (sweep over sorted lists).

    Bookings are sorted by start; for each slot only the bookings starting within
    the longest booking's length before it can overlap, so the sweep stays linear.
    """
    if not bookings or not ordered_slots:
        return
    bookings = sorted(bookings)
    longest = max(end - start for start, end in bookings)
    first = 0
    for slot in ordered_slots:
        while first < len(bookings) and bookings[first][0] < slot.start - longest:
            first += 1
        for index in range(first, len(bookings)):
            booking_start, booking_end = bookings[index]
            if booking_start >= slot.end:
                break
            if booking_end > slot.start:
                slot.booked += 1


def slot_overlaps(start, end, other_start, other_end):
    """True when two half-open intervals ``[start, end)`` overlap."""
    return start < other_end and other_start < end
