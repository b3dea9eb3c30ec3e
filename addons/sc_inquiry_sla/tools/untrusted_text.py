# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Text from outside (mail headers, telephony, RPC) made fit for one line.

Escaping for HTML and formatting of e-mail addresses stay with Odoo
(``plaintext2html``, ``formataddr``); this only removes what no display name,
subject or phone number may carry.
"""

import unicodedata

ELLIPSIS = "…"
# Display names (of a sender, a citizen, a unit) in notes and address headers.
MAX_NAME_LENGTH = 64


def has_control_characters(text):
    """True when ``text`` holds a control character (NUL, CR, LF, ESC, ...)."""
    return any(unicodedata.category(char) == "Cc" for char in text)


def one_line(value, max_length):
    """``value`` as one line of at most ``max_length`` characters.

    Control characters (NUL, CR/LF, tabs, ...) become spaces, invisible format
    and private-use characters (bidi overrides, zero-width joiners, ...) are
    dropped, runs of whitespace collapse; longer text is cut and ends in "…".
    Anything but a string gives "". Only the first few times ``max_length``
    characters are looked at, so a huge value costs no more than a short one.
    """
    if not isinstance(value, str):
        return ""
    kept = []
    for char in value[: 4 * max_length + 64]:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif not category.startswith("C"):
            kept.append(char)
    text = " ".join("".join(kept).split())
    if len(text) > max_length:
        text = text[: max_length - 1].rstrip() + ELLIPSIS
    return text
