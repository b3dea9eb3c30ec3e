# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Web addresses that the suite shows or sends as links.

Only absolute http(s) addresses with a host are links: ``javascript:``,
``data:`` and the like would run in the reader's browser or mail client. The
same rule checks what editors type in and guards every place that renders a
stored address (answer card, mails, XZuFi export), so that an address stored
before the check, or written around it, is never emitted as a link.
"""

import re
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2000
WEB_SCHEMES = ("http", "https")
# White space, control characters and lone surrogates: what would break a line,
# an attribute or an XML document. Quotes and angle brackets are escaped by
# whoever writes the link (QWeb, OWL, lxml), as for any other attribute value.
_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def web_url(value):
    """``value`` without surrounding blanks when it is an absolute http(s) URL
    with a host, else an empty string (also for anything but a string)."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if not url or len(url) > MAX_URL_LENGTH or _NOT_IN_URL.search(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return ""
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return ""
    return url
