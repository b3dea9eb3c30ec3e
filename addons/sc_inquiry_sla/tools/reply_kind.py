# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an office's message to the service center is: its answer, a question
back, an interim message, or that the office is not responsible.

Only the answer stops the response clock. An office marks the others with a
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
KIND_NOT_RESPONSIBLE = "not_responsible"
REPLY_KINDS = [
    (KIND_ANSWER, "Answer"),
    (KIND_QUESTION, "Question to the Service Center"),
    (KIND_INTERIM, "Interim Message"),
    (KIND_NOT_RESPONSIBLE, "Not Responsible"),
]
# The keywords as the forwarding mail names them, folded.
SUBJECT_KEYWORDS = {
    "rückfrage": KIND_QUESTION,
    "zwischennachricht": KIND_INTERIM,
    "nicht zuständig": KIND_NOT_RESPONSIBLE,
}
# What mail programs put before the subject of a reply or forward.
REPLY_MARKERS = frozenset({"re", "aw", "antw", "wg", "fw", "fwd", "tr", "sv", "vs"})
LEADING_WORD = re.compile(r"\s*(\w+)\s*(:?)", re.UNICODE)


def _fold(text):
    return unicodedata.normalize("NFKC", text or "").casefold()


def _keyword_kind(text):
    for keyword, kind in SUBJECT_KEYWORDS.items():
        if (
            text.startswith(keyword)
            and not text[len(keyword) : len(keyword) + 1].isalnum()
        ):
            return kind
    return None


def reply_kind(subject):
    """The kind of an office's e-mail by its subject."""
    rest = _fold(subject).lstrip()
    while not (kind := _keyword_kind(rest)):
        match = LEADING_WORD.match(rest)
        if not (match and match[2] and match[1] in REPLY_MARKERS):
            return KIND_ANSWER
        rest = rest[match.end() :].lstrip()
    return kind
