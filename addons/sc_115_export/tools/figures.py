"""Monthly 115 service-level figures (pure Python).

Fed with plain rows read set-based by the models; returns numbers and CSV text.
"""

import csv
import io
import statistics
from collections import Counter

FIRST_CONTACT_TARGET = 65.0


def _rate(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


def monthly_figures(tickets, forwards=None, top=10):
    """Figures of one month.

    tickets: iterable of dicts ``channel``, ``first_contact`` (bool), ``service``
    (name or None), ``leika_key`` (or None) and optionally ``count`` (how many
    tickets the row stands for, default 1: rows may come from a GROUP BY).
    forwards: iterable of dicts ``sent_at``, ``deadline``, ``answered_at`` (naive
    UTC datetimes or None) and optionally ``response_hours`` (service hours
    between sending and the answer), or None when forwarding is not recorded.
    The median response time is in service hours when every answered forward
    has them (``response_hours_basis`` "service"), else in clock hours ("clock").
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
    figures = {
        "total": total,
        "by_channel": dict(
            sorted(by_channel.items(), key=lambda item: (-item[1], item[0]))
        ),
        "first_contact": first_contact,
        "first_contact_rate": _rate(first_contact, total),
        "first_contact_target_met": None,
        "top_topics": [
            (service, leika_key, count)
            for (service, leika_key), count in sorted(
                topics.items(), key=lambda item: (-item[1], item[0])
            )[:top]
        ],
        "forwards_available": forwards is not None,
        "forwards": 0,
        "forwards_answered": 0,
        "forwards_in_time": 0,
        "forwards_in_time_rate": None,
        "median_response_hours": None,
        "response_hours_basis": None,
    }
    if figures["first_contact_rate"] is not None:
        figures["first_contact_target_met"] = (
            figures["first_contact_rate"] >= FIRST_CONTACT_TARGET
        )
    if forwards is not None:
        _forward_figures(figures, forwards)
    return figures


def _forward_figures(figures, forwards):
    service_hours, clock_hours = [], []
    for forward in forwards:
        figures["forwards"] += 1
        sent, answered, deadline = (
            forward.get("sent_at"),
            forward.get("answered_at"),
            forward.get("deadline"),
        )
        if not (sent and answered):
            continue
        figures["forwards_answered"] += 1
        clock_hours.append((answered - sent).total_seconds() / 3600.0)
        if forward.get("response_hours") is not None:
            service_hours.append(forward["response_hours"])
        if deadline and answered <= deadline:
            figures["forwards_in_time"] += 1
    figures["forwards_in_time_rate"] = _rate(
        figures["forwards_in_time"], figures["forwards"]
    )
    # Service hours when every answer has them (sc_inquiry_sla stores the
    # working hours of the unit); a median over mixed units would mean nothing.
    if clock_hours and len(service_hours) == len(clock_hours):
        figures["response_hours_basis"] = "service"
        figures["median_response_hours"] = round(statistics.median(service_hours), 1)
    elif clock_hours:
        figures["response_hours_basis"] = "clock"
        figures["median_response_hours"] = round(statistics.median(clock_hours), 1)


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
    writer.writerow([labels["first_contact"], "", figures["first_contact"]])
    writer.writerow(
        [labels["first_contact_rate"], "", _number(figures["first_contact_rate"])]
    )
    if figures["forwards_available"]:
        for key in ("forwards", "forwards_answered", "forwards_in_time"):
            writer.writerow([labels[key], "", figures[key]])
        writer.writerow(
            [
                labels["forwards_in_time_rate"],
                "",
                _number(figures["forwards_in_time_rate"]),
            ]
        )
        writer.writerow(
            [
                labels["median_response_hours"],
                "",
                _number(figures["median_response_hours"]),
            ]
        )
    else:
        writer.writerow([labels["forwards"], "", labels["not_recorded"]])
    for service, leika_key, count in figures["top_topics"]:
        writer.writerow(
            [
                labels["top_topics"],
                f"{service} ({leika_key})" if leika_key else service,
                count,
            ]
        )
    return out.getvalue()
