"""Text that strangers send: public forms, telephone systems, incoming mail.

Whatever of it can reach a mail header or an HTML body passes here first:
control characters go (a CR or LF would start a new mail header), white space
is folded, and numbers are checked against what PostgreSQL can hold.
"""

import re

LINE_BREAKS_AND_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
CONTROLS_BUT_NEWLINE_AND_TAB = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]+")
MAX_DB_INTEGER = 2**31 - 1

# Caps of what the public pages accept (RFC 5321 for the e-mail address).
MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
MAX_PHONE_LENGTH = 40
MAX_TEXT_LENGTH = 2000


def single_line(value):
    """One line of plain text: no control characters, white space folded;
    anything but a string (a list from a repeated parameter, None) is empty."""
    if not isinstance(value, str):
        return ""
    return " ".join(LINE_BREAKS_AND_CONTROLS.sub(" ", value).split())


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
