# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Recognise e-mails that no person wrote: vacation notices, auto-replies.

Pure Python on an ``email.message.Message`` (anything with ``get(header)``), so
the mail gateway and the tests share one rule:

* RFC 3834 ``Auto-Submitted`` with any value but ``no``;
* ``X-Autoreply`` / ``X-Autorespond`` (vacation programs), Microsoft's
  ``X-Auto-Response-Suppress`` (set by Exchange on automatic messages);
* ``Precedence: bulk | junk | list | auto_reply``;
* a null reverse path (``Return-Path: <>``), which RFC 5321 reserves for
  notifications that must not be answered;
* a subject starting with one of the configured prefixes (Abwesenheitsnotiz,
  Automatic reply, Réponse automatique, ...), for responders that set none of
  the headers.
"""

import re
import unicodedata

PRESENCE_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")
AUTO_PRECEDENCE = frozenset({"auto_reply", "bulk", "junk", "list"})
NULL_PATH = re.compile(r"\s*<\s*>\s*")


def _fold(text):
    """Compare text case-insensitively and independent of Unicode composition."""
    return unicodedata.normalize("NFKC", text).casefold()


def _header(message, name):
    return str(message.get(name) or "").strip()


def has_auto_headers(message):
    """True when the headers say that a program sent the e-mail."""
    auto_submitted = _header(message, "Auto-Submitted").split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if any(message.get(name) is not None for name in PRESENCE_HEADERS):
        return True
    if _header(message, "Precedence").lower() in AUTO_PRECEDENCE:
        return True
    return_path = message.get("Return-Path")
    return return_path is not None and bool(NULL_PATH.fullmatch(str(return_path)))


def has_auto_subject(subject, prefixes):
    """True when the subject starts with one of ``prefixes`` as a whole word
    ("Abwesenheitsnotiz: Re: ...", "Automatic reply: ..."), case-insensitive."""
    folded = _fold(subject or "").lstrip()
    for prefix in prefixes:
        wanted = _fold(prefix or "").strip()
        if wanted and folded.startswith(wanted):
            rest = folded[len(wanted) :]
            if not rest or not rest[0].isalnum():
                return True
    return False


def is_auto_reply(message, subject, prefixes):
    """True for an e-mail sent automatically (out-of-office, auto-reply)."""
    return has_auto_headers(message) or has_auto_subject(subject, prefixes)
