"""Opening hours as citizens read them, written from a working-time calendar.

``format_opening_hours`` turns a calendar's weekly attendances into German-style
lines ("Mo–Do 08:00–12:00 und 13:00–15:30 Uhr", "Fr 08:00–12:00 Uhr"): days with
the same hours are joined, a run of consecutive days is written as a range. The
words come from the caller, so the text follows the user's language.
"""

from itertools import groupby


def _clock(hours):
    minutes = round(hours * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _merged(intervals):
    """Sorted intervals with touching or overlapping ones joined."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _day_label(days, day_names):
    """Label such as "Mo", "Mo–Do" or "Mo, Mi" for the weekdays ``days``."""
    runs = []
    for _key, run in groupby(enumerate(days), key=lambda item: item[1] - item[0]):
        run = [day for _index, day in run]
        if len(run) > 2:
            runs.append(f"{day_names[run[0]]}–{day_names[run[-1]]}")
        else:
            runs.extend(day_names[day] for day in run)
    return ", ".join(runs)


def format_opening_hours(attendances, day_names, joiner, suffix):
    """Lines of opening hours.

    :param attendances: iterable of ``(weekday, hour_from, hour_to)``, weekday
        0 = Monday, hours as floats (8.5 = 08:30).
    :param day_names: seven short day names, Monday first ("Mo" … "So").
    :param joiner: word between two intervals of a day ("und").
    :param suffix: word after the times ("Uhr"), may be empty.
    :returns: list of lines, in weekday order; [] without attendances.
    """
    by_day = {}
    for weekday, hour_from, hour_to in attendances:
        if hour_to > hour_from:
            by_day.setdefault(int(weekday), []).append((hour_from, hour_to))
    hours_of_day = {day: _merged(intervals) for day, intervals in by_day.items()}
    lines = []
    seen = set()
    for day in sorted(hours_of_day):
        if day in seen:
            continue
        same = [d for d in sorted(hours_of_day) if hours_of_day[d] == hours_of_day[day]]
        seen.update(same)
        times = f" {joiner} ".join(
            f"{_clock(start)}–{_clock(end)}" for start, end in hours_of_day[day]
        )
        lines.append(
            f"{_day_label(same, day_names)} {times}{' ' + suffix if suffix else ''}"
        )
    return lines
