# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the public booking pages accept from strangers (no ORM).

The general cleaning of strangers' text (control characters, ids, length caps)
is ``sc_knowledge.tools.public_input``; this module adds what only the booking
pages need: the slot start and the day in the one format the pages emit and
the e-mail address a confirmation may be sent to.
"""

import re
from datetime import datetime, timedelta

from odoo.tools import email_normalize

# Requests one client may send within the window of sc_knowledge's rate limit,
# per kind (Service Center Settings; 0 switches it off).
RATE_LIMITS = {
    "appointment_query": 60,  # opening the list or a booking form
    "appointment_booking": 5,  # sending the booking form
    "appointment_manage": 20,  # opening, cancelling or moving through the link
}
MAX_MOVES_PARAM = "sc_appointments.max_online_moves"
DEFAULT_MAX_MOVES = 3

# A slot start as the pages write it (UTC, ``fields.Datetime.to_string``).
SLOT_START = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", re.ASCII)
SLOT_START_FORMAT = "%Y-%m-%d %H:%M:%S"
# Further from now than this, no form of ours offered the slot.
SLOT_RANGE = timedelta(days=2 * 366)
# A day of the public day picker (local ISO date) and the halves of a day.
DAY = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII)
PERIODS = ("morning", "afternoon")
# One plain address: local part, @, a domain with a dot; no quotes or lists.
EMAIL_SHAPE = re.compile(r"[^@\s\"'<>,;]+@[^@\s\"'<>,;]+\.[^@\s\"'<>,;]+")


def parse_slot_start(value, now):
    """The naive UTC start of a slot sent by a public form, or None unless the
    value is in the pages' own format and within ``SLOT_RANGE`` of ``now``."""
    if not isinstance(value, str) or not SLOT_START.fullmatch(value):
        return None
    try:
        start = datetime.strptime(value, SLOT_START_FORMAT)
    except ValueError:  # month 13, day 45, year 0
        return None
    return start if abs(start - now) <= SLOT_RANGE else None


def normalize_email(value):
    """The one e-mail address in ``value`` (normalised by Odoo), or None."""
    address = email_normalize(value, strict=True)
    return address if address and EMAIL_SHAPE.fullmatch(address) else None
