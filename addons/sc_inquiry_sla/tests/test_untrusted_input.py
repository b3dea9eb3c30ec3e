# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from email import message_from_string, policy

from odoo.tests import BaseCase, tagged

from ..tools.auto_reply import has_auto_headers, has_auto_subject, is_auto_reply

PREFIXES = ["Abwesenheitsnotiz", "Automatic reply", "Réponse automatique", "Absence"]


def headers(text):
    return message_from_string(f"{text}\n\nbody\n", policy=policy.SMTP)


@tagged("post_install", "-at_install")
class TestAutoReply(BaseCase):
    def test_headers_of_programs(self):
        for text in (
            "Auto-Submitted: auto-replied",
            "Auto-Submitted: auto-generated; owner-email=x@example.org",
            "X-Autoreply: yes",
            "X-Autorespond: Urlaub",
            "X-Auto-Response-Suppress: All",
            "Precedence: bulk",
            "Precedence: JUNK",
            "Precedence: list",
            "Precedence: auto_reply",
            "Return-Path: <>",
            "Return-Path: < >",
        ):
            with self.subTest(text):
                self.assertTrue(has_auto_headers(headers(text)))

    def test_headers_of_people(self):
        for text in (
            "Auto-Submitted: no",
            "Auto-Submitted: No",
            "Precedence: first-class",
            "Return-Path: <zulassung@kfz.example>",
            "From: Karl <karl@kfz.example>",
        ):
            with self.subTest(text):
                self.assertFalse(has_auto_headers(headers(text)))

    def test_subject_prefixes(self):
        for subject in (
            "Abwesenheitsnotiz: Re: Anfrage 42",
            "ABWESENHEITSNOTIZ Re: Anfrage 42",
            "  Automatic reply: Inquiry 42",
            "RÉPONSE AUTOMATIQUE : Demande 42",
            "Re\u0301ponse automatique: Demande 42",  # decomposed é
            "Absence",
        ):
            with self.subTest(subject):
                self.assertTrue(has_auto_subject(subject, PREFIXES))
        for subject in (
            "Re: Abwesenheitsnotiz",
            "Re: Anfrage 42",
            "Absences im Amt: Re: Anfrage 42",  # not the whole word
            "",
            None,
        ):
            with self.subTest(subject):
                self.assertFalse(has_auto_subject(subject, PREFIXES))
        self.assertFalse(has_auto_subject("Abwesenheitsnotiz", ["", None]))

    def test_either_marks_an_auto_reply(self):
        person = headers("Auto-Submitted: no")
        self.assertTrue(is_auto_reply(person, "Automatic reply: x", PREFIXES))
        self.assertTrue(is_auto_reply(headers("Return-Path: <>"), "Re: x", PREFIXES))
        self.assertFalse(is_auto_reply(person, "Re: x", PREFIXES))
