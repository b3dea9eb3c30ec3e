# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public holidays of a German federal state (pure Python, ``holidays``)."""

import functools
from datetime import date, datetime, time, timedelta

import pytz

from . import SERVICE_TZ

HALF_DAYS = ((12, 24, "Heiligabend"), (12, 31, "Silvester"))


@functools.lru_cache(maxsize=64)
def state_holidays(subdivision, first_year, last_year):
    """The public holidays (dates) of a federal state, e.g. Weltkindertag on
    20 September in Thuringia ("TH")."""
    import holidays  # on first use: keeps the server start fast

    return frozenset(
        holidays.Germany(subdiv=subdivision, years=range(first_year, last_year + 1))
    )


def closures(subdivision, years, half_day_from=None, tz=SERVICE_TZ):
    """Closures as ``(name, start, stop)`` in naive UTC, sorted by start.

    Public holidays close the whole day (00:00-24:00 local time). With
    ``half_day_from`` (an hour such as 12.0), 24 and 31 December close from that
    hour on unless they are public holidays anyway.
    """
    import holidays  # on first use: keeps the server start fast

    zone = pytz.timezone(tz)
    calendar = holidays.Germany(subdiv=subdivision, years=list(years), language="de")
    result = []

    def add(name, day, from_hour):
        start = datetime.combine(day, time()) + timedelta(hours=from_hour)
        stop = datetime.combine(day + timedelta(days=1), time())
        result.append(
            (
                name,
                zone.localize(start).astimezone(pytz.utc).replace(tzinfo=None),
                zone.localize(stop).astimezone(pytz.utc).replace(tzinfo=None),
            )
        )

    for day, name in calendar.items():
        add(name, day, 0.0)
    if half_day_from is not None:
        for year in years:
            for month, mday, name in HALF_DAYS:
                day = date(year, month, mday)
                if day not in calendar:
                    add(name, day, half_day_from)
    return sorted(result, key=lambda item: item[1])
