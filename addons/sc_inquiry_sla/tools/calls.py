# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Calls from telephone system events (pure Python).

A call is built from its events in any order and any number of repetitions:
every event only moves a call's facts forward in one direction (the earliest
offer and answer, the latest end, flags only set), so the same events always
give the same call.
"""

EVENTS = ("offered", "answered", "ended", "abandoned")

CALL_STATES = [
    ("queued", "In Queue"),
    ("answered", "Answered"),
    ("transferred", "Transferred"),
    ("abandoned", "Abandoned"),
    ("short_abandon", "Short Abandon"),
]


def _earliest(current, new):
    return min(current, new) if current else new


def _latest(current, new):
    return max(current, new) if current else new


def event_changes(call, event):
    """The values to write on call (a mapping of its current values) for event.

    event: ``kind`` (one of EVENTS), ``time`` (naive UTC datetime) and, when
    sent, ``number``, ``queue``, ``direction``, ``agent`` and ``transferred``.
    Only values that change are returned: a repeated event gives {}.
    """
    kind, time = event["kind"], event["time"]
    values = {}
    if kind == "offered":
        values["offered_at"] = _earliest(call["offered_at"], time)
        for field, key in (
            ("caller_number", "number"),
            ("queue", "queue"),
            ("direction", "direction"),
        ):
            if event.get(key) and not call[field]:
                values[field] = event[key]
    elif kind == "answered":
        values["answered_at"] = _earliest(call["answered_at"], time)
        if event.get("agent") and not call["agent_extension"]:
            values["agent_extension"] = event["agent"]
    else:
        values["ended_at"] = _latest(call["ended_at"], time)
        if kind == "abandoned":
            values["abandoned"] = True
        if event.get("transferred"):
            values["transferred"] = True
    return {field: value for field, value in values.items() if call[field] != value}


def call_state(answered_at, ended_at, abandoned, transferred, wait, short_abandon):
    """The state of a call from its facts; wait in seconds (or None)."""
    if answered_at:
        return "transferred" if transferred else "answered"
    if abandoned or ended_at:
        if wait is not None and wait < short_abandon:
            return "short_abandon"
        return "abandoned"
    return "queued"


def seconds_between(start, end):
    """Whole seconds from start to end, None when one is missing."""
    if not start or not end:
        return None
    return max(0, round((end - start).total_seconds()))
