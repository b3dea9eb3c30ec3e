"""Text that strangers send: public forms, telephone systems, incoming mail,
RPC.

Whatever of it can reach a mail header or an HTML body passes here first:
control characters go (a CR or LF would start a new mail header), white space
is folded, and numbers are checked against what PostgreSQL can hold. Escaping
for HTML and formatting of e-mail addresses stay with Odoo
(``plaintext2html``, ``formataddr``).
"""

import re
import unicodedata

CONTROLS_BUT_NEWLINE_AND_TAB = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]+")
MAX_DB_INTEGER = 2**31 - 1

# Caps of what the public pages accept (RFC 5321 for the e-mail address).
MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
MAX_PHONE_LENGTH = 40
MAX_TEXT_LENGTH = 2000
# Display names (of a sender, a citizen, a unit) in notes and address headers.
MAX_DISPLAY_NAME_LENGTH = 64
ELLIPSIS = "…"


def has_control_characters(text):
    """True when ``text`` holds a control character (NUL, CR, LF, ESC, ...)."""
    return any(unicodedata.category(char) == "Cc" for char in text)


def single_line(value, max_length=None):
    """One line of plain text; anything but a string (a list from a repeated
    parameter, None) is empty.

    Control characters (NUL, CR/LF, tabs, ...) become spaces, invisible format
    and private-use characters (bidi overrides, zero-width joiners, ...) are
    dropped, runs of white space (line and paragraph separators included)
    collapse. With ``max_length``, longer text is cut and ends in "…", and only
    the first few times ``max_length`` characters are looked at, so a huge
    value costs no more than a short one.
    """
    if not isinstance(value, str):
        return ""
    if max_length:
        value = value[: 4 * max_length + 64]
    kept = []
    for char in value:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif not category.startswith("C"):
            kept.append(char)
    text = " ".join("".join(kept).split())
    if max_length and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + ELLIPSIS
    return text


def multi_line(value):
    """Plain text with line breaks kept (as LF) and other control characters
    removed."""
    if not isinstance(value, str):
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROLS_BUT_NEWLINE_AND_TAB.sub("", text).strip()


def record_id(value):
    """A database id from an untrusted value, or None when it cannot be one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.isascii() or not value.isdigit():
            return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number <= MAX_DB_INTEGER else None
