# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Call events from telephone system files (pure Python).

Each reader turns a file into the events the push endpoint receives (dicts
``call_id``, ``event``, ``time`` and the optional members), each with the
number of the line it comes from, so that importing is pushing: the same
checks, the same merging, and a file imported twice changes nothing.
A line the reader cannot use raises ImportLineError with its number.
"""

import csv
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

# Asterisk writes the CDR times in the server's local time.
LOCAL_TZ = "Europe/Berlin"
CDR_COLUMNS = (
    "accountcode",
    "src",
    "dst",
    "dcontext",
    "clid",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "start",
    "answer",
    "end",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
    "uniqueid",
    "userfield",
)
# "SIP/2001-0000001a", "PJSIP/2001-00000003", "Local/2001@agents-0001;1"
CHANNEL_EXTENSION = re.compile(r"^[^/]+/([^-@;/]+)")


class ImportLineError(ValueError):
    """A line that cannot be read; ``line`` is its number (1-based)."""

    def __init__(self, line, reason):
        super().__init__(line, reason)
        self.line = line
        self.reason = reason


def _extension(agent):
    """The extension in an Asterisk interface ("SIP/2001", "Agent/2001",
    "SIP/2001-0000001a"), else the text as it is (a login); None when empty."""
    if not agent or agent == "NONE":
        return None
    match = CHANNEL_EXTENSION.match(agent)
    return match.group(1) if match else agent


def _number(text, line):
    try:
        return float(text)
    except (TypeError, ValueError):
        raise ImportLineError(line, "number") from None


def queue_log_events(text):
    """[(line, event)] of an Asterisk queue_log
    (``time|callid|queue|agent|event|data1|data2|...``)."""
    events = []
    for line, row in enumerate(text.splitlines(), start=1):
        if not row.strip():
            continue
        fields = row.split("|")
        if len(fields) < 5:
            raise ImportLineError(line, "columns")
        stamp, call_id, queue, agent, kind, *data = fields
        if call_id in ("NONE", ""):
            continue  # queue and agent events, no call
        moment = _number(stamp, line)
        base = {"call_id": call_id, "queue": queue or None}
        for event in _queue_log_event(kind, moment, agent, data, line):
            events.append((line, {**base, **event}))
    return events


def _queue_log_event(kind, moment, agent, data, line):
    """The events of one queue_log line (none for the lines without a call fact)."""

    def data_number(index):
        return _number(data[index] if len(data) > index else None, line)

    if kind == "ENTERQUEUE":
        caller = data[1] if len(data) > 1 else None
        return [{"event": "offered", "time": moment, "number": caller or None}]
    if kind == "CONNECT":
        hold = data_number(0)
        return [
            {"event": "offered", "time": moment - hold},
            {"event": "answered", "time": moment, "agent": _extension(agent)},
        ]
    if kind in ("ABANDON", "EXITWITHTIMEOUT"):
        wait = data_number(2)
        return [
            {"event": "offered", "time": moment - wait},
            {"event": "abandoned", "time": moment},
        ]
    if kind in ("COMPLETEAGENT", "COMPLETECALLER"):
        talk = data_number(1)
        return [
            {"event": "answered", "time": moment - talk, "agent": _extension(agent)},
            {"event": "ended", "time": moment},
        ]
    if kind == "TRANSFER":
        talk = data_number(3)
        return [
            {"event": "answered", "time": moment - talk, "agent": _extension(agent)},
            {"event": "ended", "time": moment, "transferred": True},
        ]
    return []


def _local_time(text, line):
    """ISO text of a naive local time (Europe/Berlin) as ISO with offset."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except (AttributeError, ValueError):
        raise ImportLineError(line, "time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(LOCAL_TZ))
    return moment.isoformat()


def cdr_events(text):
    """[(line, event)] of an Asterisk CDR Master.csv (cdr_csv, no header)."""
    events = []
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row:
            continue
        if len(row) < len(CDR_COLUMNS) - 1:  # userfield may be missing
            raise ImportLineError(line, "columns")
        cdr = dict(zip(CDR_COLUMNS, row, strict=False))
        base = {"call_id": cdr["uniqueid"], "queue": cdr["dst"] or None}
        start = _local_time(cdr["start"], line)
        end = _local_time(cdr["end"], line)
        events.append(
            (
                line,
                {
                    **base,
                    "event": "offered",
                    "time": start,
                    "number": cdr["src"] or None,
                },
            )
        )
        if cdr["disposition"] == "ANSWERED":
            answer = _local_time(cdr["answer"], line)
            events.append(
                (
                    line,
                    {
                        **base,
                        "event": "answered",
                        "time": answer,
                        "agent": _extension(cdr["dstchannel"]),
                    },
                )
            )
            events.append((line, {**base, "event": "ended", "time": end}))
        else:
            events.append((line, {**base, "event": "abandoned", "time": end}))
    return events


def mapped_csv_events(text, mapping, delimiter=","):
    """[(line, event)] of a CSV file with a header row; mapping:
    {"call_id", "offered", "answered", "ended", "number", "queue", "agent":
    column name or None}. A call without an answer time is abandoned at its
    end time."""
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    required = [mapping["call_id"], mapping["offered"], mapping["ended"]]
    if not reader.fieldnames or not set(required) <= set(reader.fieldnames):
        raise ImportLineError(1, "header")

    def column(row, key):
        name = mapping.get(key)
        return (row.get(name) or "").strip() or None if name else None

    events = []
    for line, row in enumerate(reader, start=2):
        base = {"call_id": column(row, "call_id"), "queue": column(row, "queue")}
        offered = _local_time(column(row, "offered"), line)
        ended = _local_time(column(row, "ended"), line)
        events.append(
            (
                line,
                {
                    **base,
                    "event": "offered",
                    "time": offered,
                    "number": column(row, "number"),
                },
            )
        )
        answered = column(row, "answered")
        if answered:
            events.append(
                (
                    line,
                    {
                        **base,
                        "event": "answered",
                        "time": _local_time(answered, line),
                        "agent": column(row, "agent"),
                    },
                )
            )
            events.append((line, {**base, "event": "ended", "time": ended}))
        else:
            events.append((line, {**base, "event": "abandoned", "time": ended}))
    return events
