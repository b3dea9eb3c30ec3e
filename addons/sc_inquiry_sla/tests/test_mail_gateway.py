# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import Form, freeze_time, tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import InquiryCase

REPLY = """\
Return-Path: <{sender}>
From: {sender_name} <{sender}>
To: {to}
Subject: Re: {subject}
Date: Mon, 30 Mar 2026 11:15:00 +0200
Message-ID: <{msgid}@kfz.example>
In-Reply-To: {in_reply_to}
References: {in_reply_to}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit
{extra}
{body}
"""

BOUNCE = """\
Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.kfz.example>
To: {to}
Subject: Undelivered Mail Returned to Sender
Date: Mon, 30 Mar 2026 09:00:00 +0200
Message-ID: <bounce-1@mx.kfz.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset=us-ascii

The mail system could not deliver your message to <{recipient}>: user unknown.

--BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.kfz.example

Final-Recipient: rfc822; {recipient}
Action: failed
Status: 5.1.1

--BOUNDARY
Content-Type: message/rfc822

From: {original_from}
To: {recipient}
Subject: {subject}
Message-ID: {original_msgid}

Original text.
--BOUNDARY--
"""


@tagged("post_install", "-at_install")
class TestMailGateway(MailCommon, InquiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()

    def setUp(self):
        super().setUp()
        with freeze_time("2026-03-27 15:00:00"), self.mock_mail_gateway():
            self.forward = self._forward()
        self.sent_msgid = self.forward.mail_message_id.message_id
        self.catchall = f"{self.alias_catchall}@{self.alias_domain}"

    def _receive(
        self, sender, body, extra="", sender_name="Sachbearbeitung", msgid="r1"
    ):
        raw = REPLY.format(
            sender=sender,
            sender_name=sender_name,
            to=self.catchall,
            subject=self.forward.mail_message_id.subject,
            msgid=msgid,
            in_reply_to=self.sent_msgid,
            extra=extra,
            body=body,
        )
        with freeze_time("2026-03-30 09:15:00"), self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(False, raw)
        return self.ticket.message_ids.filtered(
            lambda m: m.message_id == f"<{msgid}@kfz.example>"
        )

    def test_reply_from_unit_stops_the_clock_and_notifies_agent(self):
        message = self._receive(
            "zulassung@kfz.example", "Bitte online unter ... reservieren."
        )
        self.assertTrue(message, "the reply must thread into the ticket")
        self.assertEqual(self.forward.state, "answered")
        self.assertEqual(self.forward.answered_at, datetime(2026, 3, 30, 9, 15))
        self.assertEqual(self.forward.answer_message_id, message)
        self.assertTrue(self.forward.on_time)
        activity = self.ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("sc_inquiry_sla.mail_activity_type_answered")
            )
        )
        self.assertEqual(activity.user_id, self.agent)
        # The office's answer is kept internal: it does not go to the citizen.
        self.assertTrue(message.subtype_id.internal)

    def test_relay_answer_to_citizen_in_one_step(self):
        self._receive("zulassung@kfz.example", "Bitte online reservieren.", msgid="ans")
        action = self.forward.with_user(self.agent).action_relay_answer()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(action["context"])
        )
        self.assertEqual(composer.partner_ids[:], self.citizen)
        self.assertIn("Bitte online reservieren.", composer.body)
        with self.mock_mail_gateway():
            composer.save().action_send_mail()
        self.assertSentEmail(
            self.agent.partner_id,
            [self.citizen],
            subject=f"Your inquiry {self.ticket.number}",
        )
        to_citizen = self._new_mails.filtered(lambda m: self.citizen in m.recipient_ids)
        self.assertIn("Bitte online reservieren.", to_citizen.body_html)
        unit_partner = self.forward.mail_message_id.partner_ids
        self.assertFalse(
            self._new_mails.filtered(lambda m: unit_partner & m.recipient_ids),
            "the relay goes to the citizen, not back to the office",
        )

    def test_reply_from_a_member_address_counts(self):
        self._receive("clerk@kfz.example", "Erledigt.", sender_name="Karl Clerk")
        self.assertEqual(self.forward.state, "answered")

    def test_auto_reply_does_not_stop_the_clock(self):
        message = self._receive(
            "zulassung@kfz.example",
            "Ich bin bis 7. April nicht im Büro.",
            extra="Auto-Submitted: auto-replied\nX-Autoreply: yes",
            msgid="ooo",
        )
        self.assertTrue(message, "the auto-reply is still filed with the ticket")
        self.assertEqual(self.forward.state, "waiting")
        self.assertFalse(self.forward.answered_at)

    def test_bounce_does_not_stop_the_clock(self):
        raw = BOUNCE.format(
            to=f"{self.alias_bounce}@{self.alias_domain}",
            recipient="zulassung@kfz.example",
            original_from=self.agent.email,
            subject=self.forward.mail_message_id.subject,
            original_msgid=self.sent_msgid,
        )
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(False, raw)
        self.assertEqual(self.forward.state, "waiting")
        self.assertTrue(self.forward.bounced)
        self.assertTrue(
            self.ticket.activity_ids.filtered(
                lambda a: a.user_id == self.agent and "zulassung@kfz.example" in a.note
            )
        )

    def test_reply_from_stranger_is_flagged(self):
        message = self._receive("someone@elsewhere.example", "Ich bin nicht zuständig.")
        self.assertTrue(message)
        self.assertEqual(self.forward.state, "waiting")
        self.assertEqual(self.forward.stranger_message_id, message)
        self.assertTrue(
            self.ticket.activity_ids.filtered(lambda a: a.user_id == self.agent)
        )

    def test_department_user_answers_inside_odoo(self):
        ticket = self.ticket.with_user(self.clerk)
        message = ticket.message_post(
            body="Das Kennzeichen ist reserviert.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertEqual(self.forward.state, "answered")
        self.assertEqual(self.forward.answer_message_id, message)

    def test_agent_note_does_not_answer(self):
        self.ticket.with_user(self.agent).message_post(
            body="Rückfrage beim Bürger.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertEqual(self.forward.state, "waiting")
