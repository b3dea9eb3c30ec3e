# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the citizen's status page of an inquiry accepts from strangers and
shows them (no ORM)."""

import hmac
import re

# Requests one client may send within the window of sc_knowledge's rate limit
# (Service Center Settings; 0 switches it off).
RATE_LIMITS = {"inquiry_status": 20}
# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}", re.ASCII)


def token_matches(stored, given):
    """True when the token of a link is the inquiry's own: the shape is checked
    first (an overlong or non-ASCII value costs nothing), the comparison takes
    the same time wherever the two differ."""
    if not stored or not isinstance(given, str) or not TOKEN_SHAPE.fullmatch(given):
        return False
    return hmac.compare_digest(stored.encode(), given.encode())
