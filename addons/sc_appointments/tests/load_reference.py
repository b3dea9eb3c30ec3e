# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The walk-in profile in plain Python: the reference the PostgreSQL
computation of ``sc.appointment.type._walk_in_rates`` is checked against."""

from collections import defaultdict

from ..tools.load import WalkInProfile


def walk_in_profile(rows, today, *, half_life_weeks=8.0, excluded_dates=()):
    """Build the walk-in profile from aggregated history rows.

    :param rows: iterable of ``(date, hour, visits)``; local dates and hours.
    :param today: the local date the weights are relative to.
    :param half_life_weeks: a day that many weeks old weighs half of today.
    :param excluded_dates: holidays and bridge days to leave out.
    """
    excluded = set(excluded_dates)
    weighted = defaultdict(float)
    day_weight = {}
    for day, hour, visits in rows:
        if day in excluded or day > today:
            continue
        weight = 0.5 ** (((today - day).days / 7.0) / half_life_weeks)
        day_weight[day] = weight
        weighted[(day.weekday(), int(hour))] += weight * visits
    weekday_weight = defaultdict(float)
    for day, weight in day_weight.items():
        weekday_weight[day.weekday()] += weight
    return WalkInProfile(
        {
            key: total / weekday_weight[key[0]]
            for key, total in weighted.items()
            if weekday_weight[key[0]]
        }
    )
