# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Expected load of appointment slots and their ranking (pure Python, no ORM).

The walk-in profile comes from the database (``sc.appointment.type._walk_in_rates``):
each day of the history weighs ``0.5 ** (weeks_ago / half_life)`` so recent weeks
count more; holidays and bridge days are left out. The expected number of walk-ins
arriving in an hour of a weekday is the weighted mean over all open days of that
weekday (a day with no walk-in in that hour counts as zero).

Expected load of a slot (Little's law): counters busy with bookings plus walk-in
arrivals per hour x average service time, relative to the slot's capacity.
"""

from dataclasses import dataclass
from datetime import timedelta

LEVEL_LOW = "low"
LEVEL_MEDIUM = "medium"
LEVEL_HIGH = "high"
LOW_BELOW = 0.5
HIGH_FROM = 0.8


@dataclass(frozen=True)
class WalkInProfile:
    """Expected walk-in arrivals per hour, keyed by (weekday 0=Monday, local hour)."""

    rates: dict

    def rate(self, weekday, hour):
        return self.rates.get((weekday, hour), 0.0)


def expected_walk_ins(profile, local_start, local_end):
    """Walk-ins expected to arrive in ``[local_start, local_end)`` (local times)."""
    total = 0.0
    cursor = local_start
    while cursor < local_end:
        hour_end = cursor.replace(minute=0, second=0, microsecond=0) + timedelta(
            hours=1
        )
        piece_end = min(hour_end, local_end)
        fraction = (piece_end - cursor).total_seconds() / 3600.0
        total += profile.rate(cursor.weekday(), cursor.hour) * fraction
        cursor = piece_end
    return total


def load_level(score):
    if score < LOW_BELOW:
        return LEVEL_LOW
    if score < HIGH_FROM:
        return LEVEL_MEDIUM
    return LEVEL_HIGH


@dataclass
class RankedSlot:
    slot: object
    score: float
    level: str
    walk_ins: float
    earliest: bool = False


def rank_slots(slots, profile, tz, *, service_minutes):
    """Rank free slots quietest first (ties: earliest first).

    :param slots: objects with ``start``, ``end`` (tz-aware), ``booked`` and
        ``capacity`` (see ``tools.slots.Slot``).
    :param tz: the local time zone (``zoneinfo.ZoneInfo``/pytz) of the profile.
    :param service_minutes: average minutes one walk-in keeps a counter busy.
    The earliest slot is flagged ``earliest`` so the UI can offer it as the
    alternative.
    """
    ranked = []
    for slot in slots:
        local_start = slot.start.astimezone(tz).replace(tzinfo=None)
        local_end = slot.end.astimezone(tz).replace(tzinfo=None)
        hours = (slot.end - slot.start).total_seconds() / 3600.0
        arrivals = expected_walk_ins(profile, local_start, local_end)
        busy_walk_ins = (arrivals / hours) * (service_minutes / 60.0) if hours else 0.0
        capacity = max(slot.capacity, 1)
        score = (slot.booked + busy_walk_ins) / capacity
        ranked.append(RankedSlot(slot, round(score, 4), load_level(score), arrivals))
    if ranked:
        min(ranked, key=lambda item: item.slot.start).earliest = True
    ranked.sort(key=lambda item: (item.score, item.slot.start))
    return ranked


WEEKDAY_ADVERBS_DE = (
    "montags",
    "dienstags",
    "mittwochs",
    "donnerstags",
    "freitags",
    "samstags",
    "sonntags",
)
CROWD_DE = {
    LEVEL_LOW: "wenig Andrang",
    LEVEL_MEDIUM: "mäßiger Andrang",
    LEVEL_HIGH: "viel Andrang",
}


def reason(
    ranked_slot,
    tz,
    *,
    weekdays=WEEKDAY_ADVERBS_DE,
    crowd=None,
    template="{weekday} {start}–{end} Uhr {crowd}",
):
    """Short reason such as ``dienstags 8–9 Uhr wenig Andrang``.

    ``weekdays``, ``crowd`` and ``template`` hold the words; the model passes the
    translated ones.
    """
    crowd = crowd or CROWD_DE
    local_start = ranked_slot.slot.start.astimezone(tz)
    hour = local_start.hour
    return template.format(
        weekday=weekdays[local_start.weekday()],
        start=hour,
        end=hour + 1,
        crowd=crowd[ranked_slot.level],
    )


def bridge_days(holiday_dates):
    """Working days squeezed between a holiday and a weekend (Brückentage).

    A Monday before a Tuesday holiday, or a Friday after a Thursday holiday, is
    one: many citizens and staff take it off, so it is no typical day.
    """
    holiday_dates = set(holiday_dates)
    bridges = set()
    for holiday in holiday_dates:
        if holiday.weekday() == 1:  # Tuesday -> Monday before
            bridges.add(holiday - timedelta(days=1))
        elif holiday.weekday() == 3:  # Thursday -> Friday after
            bridges.add(holiday + timedelta(days=1))
    return bridges - holiday_dates
