# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Call forecast per half-hour from the call history (pure Python).

The forecast of a weekday's half-hour is the weighted mean of the calls in
that half-hour on the same weekday of the past weeks; the more recent a week,
the more it weighs. Public holidays and the days after them are kept apart:
on a holiday the service center is closed (no calls), and the day after one
gets the normal forecast scaled by what such days brought in the history.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

# Weight of a day one week further back than another.
WEEK_DECAY = 0.75
# Handling time assumed when the history has no answered call.
DEFAULT_AHT_SECONDS = 180.0
SLOTS_PER_DAY = 48
SLOT = timedelta(minutes=30)


def is_after_holiday(day, holidays):
    return day not in holidays and day - timedelta(days=1) in holidays


class History:
    """Calls per day and half-hour of the past weeks.

    counts: {(date, slot): (calls, answered, talk_seconds)}, slot 0–47 is the
    half-hour of the day in local time; days: every day of the history window
    (days without a call count as 0 calls); holidays: set of dates.
    """

    def __init__(self, counts, days, holidays, decay=WEEK_DECAY):
        self.counts = counts
        self.holidays = holidays
        self.last_day = max(days) if days else None
        self.normal_days = [
            day
            for day in days
            if day not in holidays and not is_after_holiday(day, holidays)
        ]
        self.after_holidays = [day for day in days if is_after_holiday(day, holidays)]
        self.decay = decay
        self._calls, self._aht = self._weekday_profile()
        self.after_holiday_factor = self._after_holiday_factor()

    def _weight(self, day):
        return self.decay ** ((self.last_day - day).days // 7)

    def _weekday_profile(self):
        """({(weekday, slot): calls}, {(weekday, slot): aht}) over the normal days."""
        weights = defaultdict(float)
        calls = defaultdict(float)
        talk = defaultdict(float)
        answered = defaultdict(float)
        for day in self.normal_days:
            weight = self._weight(day)
            weekday = day.weekday()
            weights[weekday] += weight
            for slot in range(SLOTS_PER_DAY):
                count, done, seconds = self.counts.get((day, slot), (0, 0, 0))
                calls[weekday, slot] += weight * count
                answered[weekday, slot] += weight * done
                talk[weekday, slot] += weight * seconds
        overall = (
            sum(talk.values()) / sum(answered.values())
            if any(answered.values())
            else DEFAULT_AHT_SECONDS
        )
        mean_calls = {key: value / weights[key[0]] for key, value in calls.items()}
        aht = {
            key: talk[key] / answered[key] if answered[key] else overall
            for key in calls
        }
        return mean_calls, aht

    def _after_holiday_factor(self):
        """Calls on the days after a holiday / the normal forecast of those days."""
        actual = expected = 0.0
        for day in self.after_holidays:
            for slot in range(SLOTS_PER_DAY):
                actual += self.counts.get((day, slot), (0, 0, 0))[0]
                expected += self._calls.get((day.weekday(), slot), 0.0)
        return actual / expected if expected else 1.0

    def forecast(self, day, slot):
        """(calls, aht_seconds) expected on day in the half-hour slot."""
        aht = self._aht.get((day.weekday(), slot), DEFAULT_AHT_SECONDS)
        if day in self.holidays:
            return 0.0, aht
        calls = self._calls.get((day.weekday(), slot), 0.0)
        if is_after_holiday(day, self.holidays):
            calls *= self.after_holiday_factor
        return calls, aht


def date_range(first, last):
    """The dates first..last, both included."""
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def slot_start_utc(day, slot, tz="Europe/Berlin"):
    """Naive UTC start of half-hour slot (0–48) of day in local time tz."""
    # Aware arithmetic is wall-clock time: slot 16 is 08:00 on any day.
    local = datetime.combine(day, time.min, ZoneInfo(tz)) + slot * SLOT
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def add_presence(presence, begin, end):
    """Add to presence ({naive UTC half-hour start: share}) the share of each
    half-hour that the aware interval [begin, end) covers."""
    begin = begin.astimezone(timezone.utc).replace(tzinfo=None)
    end = end.astimezone(timezone.utc).replace(tzinfo=None)
    slot = begin.replace(
        minute=begin.minute - begin.minute % 30, second=0, microsecond=0
    )
    while slot < end:
        covered = min(end, slot + SLOT) - max(begin, slot)
        presence[slot] += covered / SLOT
        slot += SLOT
