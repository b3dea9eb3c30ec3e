# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an office's message to the service center is: its answer, a question
back, or an interim message.

Only the answer stops the response clock. An office marks the other two with a
keyword at the start of the subject, as the forwarding mail explains; the
markers that mail programs put before a reply's subject ("AW:", "Re:", ...) may
stand before it. A keyword further on does not count: the citizen's own
subject may contain the word.
"""

import re
import unicodedata

KIND_ANSWER = "answer"
KIND_QUESTION = "question"
KIND_INTERIM = "interim"
REPLY_KINDS = [
    (KIND_ANSWER, "Answer"),
    (KIND_QUESTION, "Question to the Service Center"),
    (KIND_INTERIM, "Interim Message"),
]
# The keywords as the forwarding mail names them, folded.
SUBJECT_KEYWORDS = {"rückfrage": KIND_QUESTION, "zwischennachricht": KIND_INTERIM}
# What mail programs put before the subject of a reply or forward.
REPLY_MARKERS = frozenset({"re", "aw", "antw", "wg", "fw", "fwd", "tr", "sv", "vs"})
LEADING_WORD = re.compile(r"\s*(\w+)\s*(:?)", re.UNICODE)


def _fold(text):
    return unicodedata.normalize("NFKC", text or "").casefold()


def reply_kind(subject):
    """The kind of an office's e-mail by its subject."""
    rest = _fold(subject)
    while match := LEADING_WORD.match(rest):
        word, colon = match.groups()
        if word in SUBJECT_KEYWORDS:
            return SUBJECT_KEYWORDS[word]
        if not (colon and word in REPLY_MARKERS):
            break
        rest = rest[match.end() :]
    return KIND_ANSWER
