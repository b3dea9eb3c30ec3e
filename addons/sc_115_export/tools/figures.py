"""Monthly 115 service-level figures (pure Python).

Fed with plain rows read set-based by the models; returns numbers and CSV text.
"""

import csv
import io
from collections import Counter


def _rate(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


def _rounded(value):
    return None if value is None else round(value, 1)


def monthly_figures(tickets, forwards, calls, first_contact_target, top=10):
    """Figures of one month.

    tickets: iterable of dicts ``channel``, ``first_contact`` (bool), ``service``
    (name or None), ``leika_key`` (or None) and optionally ``count`` (how many
    tickets the row stands for, default 1: rows may come from a GROUP BY).
    forwards: the month's forward figures as the forward statistics count them,
    a dict ``count``, ``answered``, ``on_time``, ``on_time_rate`` (% of the
    forwards answered or overdue, None without any) and ``median_response_hours``
    (working hours of the unit, None without an answer).
    calls: the month's call figures as the reachability report counts them, a
    dict ``offered`` (short abandons left out), ``answered``, ``abandoned``,
    ``service_level`` (% answered within ``threshold`` seconds, None without
    an offered call), ``target`` (%) and ``average_wait`` (seconds or None).
    first_contact_target: the company's target rate in %.
    """
    by_channel = Counter()
    topics = Counter()
    total = first_contact = 0
    for ticket in tickets:
        count = ticket.get("count", 1)
        total += count
        by_channel[ticket.get("channel") or ""] += count
        if ticket.get("first_contact"):
            first_contact += count
        if ticket.get("service"):
            topics[(ticket["service"], ticket.get("leika_key") or "")] += count
    rate = _rate(first_contact, total)
    return {
        "total": total,
        "by_channel": dict(
            sorted(by_channel.items(), key=lambda item: (-item[1], item[0]))
        ),
        "first_contact": first_contact,
        "first_contact_rate": rate,
        "first_contact_target": first_contact_target,
        "first_contact_target_met": None
        if rate is None
        else rate >= first_contact_target,
        "top_topics": [
            (service, leika_key, count)
            for (service, leika_key), count in sorted(
                topics.items(), key=lambda item: (-item[1], item[0])
            )[:top]
        ],
        "forwards": forwards["count"],
        "forwards_answered": forwards["answered"],
        "forwards_in_time": forwards["on_time"],
        "forwards_in_time_rate": _rounded(forwards["on_time_rate"]),
        "median_response_hours": _rounded(forwards["median_response_hours"]),
        "calls_offered": calls["offered"],
        "calls_answered": calls["answered"],
        "calls_abandoned": calls["abandoned"],
        "service_level": _rounded(calls["service_level"]),
        "service_level_threshold": calls["threshold"],
        "service_level_target": calls["target"],
        "service_level_target_met": None
        if calls["service_level"] is None
        else calls["service_level"] >= calls["target"],
        "average_wait_seconds": _rounded(calls["average_wait"]),
    }


def _number(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def figures_csv(figures, labels, channel_labels):
    """CSV (semicolon separated, German number format) of monthly_figures().

    labels: translated row labels keyed like the figures; channel_labels:
    {channel code: label}.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([labels["section"], labels["key"], labels["value"]])
    writer.writerow([labels["month"], "", labels["month_value"]])
    writer.writerow([labels["total"], "", figures["total"]])
    for channel, count in figures["by_channel"].items():
        writer.writerow(
            [labels["by_channel"], channel_labels.get(channel, channel), count]
        )
    for key in (
        "first_contact",
        "first_contact_rate",
        "forwards",
        "forwards_answered",
        "forwards_in_time",
        "forwards_in_time_rate",
        "median_response_hours",
        "calls_offered",
        "calls_answered",
        "calls_abandoned",
        "service_level",
        "average_wait_seconds",
    ):
        writer.writerow([labels[key], "", _number(figures[key])])
    for service, leika_key, count in figures["top_topics"]:
        writer.writerow(
            [
                labels["top_topics"],
                f"{service} ({leika_key})" if leika_key else service,
                count,
            ]
        )
    return out.getvalue()
