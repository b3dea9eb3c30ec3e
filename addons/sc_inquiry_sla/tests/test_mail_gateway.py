# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timezone
from email.utils import format_datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import InquiryCase

REPLY = """\
Return-Path: {return_path}
From: {sender_name} <{sender}>
To: {to}
Subject: {subject}
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
        self,
        sender,
        body,
        extra="",
        sender_name="Sachbearbeitung",
        msgid="r1",
        subject="Re: {subject}",
        return_path="<{sender}>",
    ):
        raw = REPLY.format(
            return_path=return_path.format(sender=sender),
            sender=sender,
            sender_name=sender_name,
            to=self.catchall,
            subject=subject.format(subject=self.forward.mail_message_id.subject),
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
            subject=f"Ihre Anfrage {self.ticket.number}",
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
        filed = self.ticket.message_ids.filtered(
            lambda m: m.message_id == "<bounce-1@mx.kfz.example>"
        )
        self.assertTrue(filed, "the bounce is kept with the inquiry")
        self.assertEqual(filed.subtype_id, self.env.ref("mail.mt_note"))
        self.assertIn("user unknown", filed.body)
        self.assertNotIn(
            filed.author_id, self.ticket.message_partner_ids, "nobody new follows"
        )
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

    def _assert_filed_but_waiting(self, message):
        self.assertTrue(message, "the e-mail is filed with the inquiry")
        self.assertEqual(self.forward.state, "waiting")
        self.assertFalse(self.forward.answered_at)
        self.assertFalse(self.forward.answer_message_id)
        self.assertFalse(self.forward.response_hours)
        self.assertFalse(self.forward.stranger_message_id)

    def test_out_of_office_subjects_do_not_stop_the_clock(self):
        """Vacation notices of the unit without any auto-reply header."""
        subjects = [
            "Abwesenheitsnotiz: Re: {subject}",
            "Automatische Antwort: Re: {subject}",
            "Automatic reply: Re: {subject}",
            "AUTO-REPLY: {subject}",
            "Out of Office: Re: {subject}",
            "=?utf-8?q?R=C3=A9ponse_automatique_=3A?= Re: {subject}",
            "Absence : Re: {subject}",
        ]
        for index, subject in enumerate(subjects):
            with self.subTest(subject=subject):
                message = self._receive(
                    "zulassung@kfz.example",
                    "Ich bin bis 7. April nicht im Büro.",
                    subject=subject,
                    msgid=f"ooo-subject-{index}",
                )
                self._assert_filed_but_waiting(message)

    def test_auto_reply_headers_do_not_stop_the_clock(self):
        cases = {
            "null-return-path": {"return_path": "<>"},
            "suppress": {"extra": "X-Auto-Response-Suppress: All"},
            "precedence": {"extra": "Precedence: bulk"},
            "autorespond": {"extra": "X-Autorespond: vacation"},
            "auto-generated": {"extra": "Auto-Submitted: auto-generated"},
        }
        for key, options in cases.items():
            with self.subTest(case=key):
                message = self._receive(
                    "zulassung@kfz.example",
                    "Ich bin bis 7. April nicht im Büro.",
                    msgid=f"ooo-{key}",
                    **options,
                )
                self._assert_filed_but_waiting(message)
        answer = self._receive(
            "zulassung@kfz.example",
            "Das Kennzeichen ist reserviert.",
            extra="Auto-Submitted: no",
            msgid="real-answer",
        )
        self.assertEqual(self.forward.state, "answered")
        self.assertEqual(self.forward.answer_message_id, answer)

    def test_manager_edits_the_auto_reply_subjects(self):
        manager = new_test_user(
            self.env, "sc_inq_gw_manager", groups="sc_knowledge.group_manager"
        )
        Prefix = self.env["sc.auto.reply.prefix"]
        Prefix.with_user(manager).create({"name": "Urlaubsvertretung"})
        with self.assertRaises(AccessError):
            Prefix.with_user(self.agent).create({"name": "Ferien"})
        with self.assertRaises(AccessError):
            Prefix.with_user(self.clerk).search([])
        for bad in ("AW:", "Re", "Abwesend\nBcc: x@example.org", " Abwesend"):
            with self.subTest(prefix=bad), self.assertRaises(ValidationError):
                Prefix.with_user(manager).create({"name": bad})
        message = self._receive(
            "zulassung@kfz.example",
            "Frau Muster ist im Urlaub, Herr Beispiel vertritt sie.",
            subject="Urlaubsvertretung: Re: {subject}",
            msgid="vertretung",
        )
        self._assert_filed_but_waiting(message)

    def test_other_unit_cannot_answer_by_posting(self):
        """A department user of the Ordnungsamt, also forwarded this ticket,
        forges the Kfz office's answer in every way message_post allows."""
        with freeze_time("2026-03-27 15:00:00"), self.mock_mail_gateway():
            other = self._forward(unit=self.other_unit)
        ticket = self.ticket.with_user(self.other_clerk)
        forged = [
            {"message_type": "email", "email_from": "zulassung@kfz.example"},
            {
                "message_type": "email",
                "email_from": "Karl Clerk <clerk@kfz.example>",
                "author_id": self.clerk.partner_id.id,
            },
            {"message_type": "comment", "author_id": self.clerk.partner_id.id},
            {
                "message_type": "comment",
                "email_from": "zulassung@kfz.example",
                "subtype_xmlid": "mail.mt_note",
            },
        ]
        with self.mock_mail_gateway():
            posted = [
                ticket.message_post(body="Erledigt.", **values) for values in forged
            ]
            # A context cannot smuggle in the gateway's marker either.
            ticket.with_context(
                sc_gateway_mail={"message_id": "<forged@kfz.example>"}
            ).message_post(
                body="Erledigt.",
                message_type="email",
                email_from="zulassung@kfz.example",
                message_id="<forged@kfz.example>",
            )
        # Odoo took the forged authors: only the clock ignores them.
        self.assertEqual(posted[1].author_id, self.clerk.partner_id)
        self.assertEqual(posted[2].author_id, self.clerk.partner_id)
        self.assertEqual(self.forward.state, "waiting")
        self.assertEqual(other.state, "waiting", "forged mails answer nothing")
        with self.assertRaises(AccessError):
            self.forward.with_user(self.other_clerk).action_mark_answered()
        with self.mock_mail_gateway():
            ticket.message_post(
                body="Wir sind zuständig.",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.assertEqual(other.state, "answered", "the own unit's note answers")
        self.assertEqual(self.forward.state, "waiting")

    def test_member_mail_answers_only_the_own_unit(self):
        with freeze_time("2026-03-27 15:00:00"), self.mock_mail_gateway():
            other = self._forward(unit=self.other_unit)
        self._receive("clerk@ordnungsamt.example", "Erledigt.", sender_name="Olga")
        self.assertEqual(other.state, "answered")
        self.assertEqual(self.forward.state, "waiting")

    def test_department_user_cannot_feed_the_gateway(self):
        """message_process is callable over RPC: a user's forged e-mail is
        filed like any, but it is not the gateway's and stops no clock."""
        raw = REPLY.format(
            return_path="<zulassung@kfz.example>",
            sender="zulassung@kfz.example",
            sender_name="Kfz",
            to=self.catchall,
            subject=f"Re: {self.forward.mail_message_id.subject}",
            msgid="forged-gateway",
            in_reply_to=self.sent_msgid,
            extra="",
            body="Erledigt.",
        )
        with freeze_time("2026-03-27 15:00:00"), self.mock_mail_gateway():
            other = self._forward(unit=self.other_unit)
        with self.mock_mail_gateway():
            self.env["mail.thread"].with_user(self.other_clerk).message_process(
                False, raw
            )
        filed = self.ticket.message_ids.filtered(
            lambda m: m.message_id == "<forged-gateway@kfz.example>"
        )
        self.assertTrue(filed, "Odoo files the e-mail")
        self.assertEqual(self.forward.state, "waiting")
        self.assertEqual(other.state, "waiting")
        self.assertFalse(self.forward.stranger_message_id)

    def test_stranger_display_name_is_escaped_and_address_shown(self):
        self._receive(
            "someone@elsewhere.example",
            "Bitte hier klicken.",
            sender_name="\"<a href='https://evil.example/'>Ihr Amt</a>\"",
        )
        self.assertTrue(self.forward.stranger_message_id)
        note = self._stranger_note()
        self.assertNotIn("<a", note)
        self.assertIn("&lt;a href=", note)
        self.assertIn("someone@elsewhere.example", note)

    def test_stranger_display_name_loses_control_characters(self):
        self._receive(
            "someone@elsewhere.example",
            "Nicht zuständig.",
            # ESC, BEL and a right-to-left override that would mirror the
            # address; Python's parser itself refuses CR/LF in a display name.
            sender_name="=?utf-8?q?Evil=1B=07=E2=80=AEelpmaxe=2Eliam?= " + "X" * 300,
            msgid="ctrl",
        )
        note = self._stranger_note()
        for char in ("\x1b", "\x07", "\u202e"):
            self.assertNotIn(char, note)
        self.assertIn("Evil elpmaxe.liam", note)
        self.assertNotIn("X" * 100, note, "the display name is cut short")
        self.assertIn("someone@elsewhere.example", note)

    def _stranger_note(self):
        activity = self.ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
                and a.user_id == self.agent
            )
        )
        self.assertEqual(len(activity), 1)
        return str(activity.note)

    def test_subject_from_citizen_stays_one_header_line(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Frage\r\nBcc: victim@evil.example",
                "description": "<p>x</p>",
                "sc_service_id": self.service.id,
            }
        )
        with freeze_time("2026-03-27 15:00:00"), self.mock_mail_gateway():
            forward = self._forward(ticket=ticket)
        subject = forward.mail_message_id.subject
        self.assertNotIn("\n", subject)
        self.assertNotIn("\r", subject)
        self.assertIn("Frage Bcc: victim@evil.example", subject)
        sent = self._new_mails.filtered(
            lambda m: m.mail_message_id == forward.mail_message_id
        )
        self.assertTrue(sent)
        self.assertNotIn("victim@evil.example", sent.email_to or "")
        self.assertEqual(sent.recipient_ids.email_normalized, "zulassung@kfz.example")

    def _office_questions(self):
        return self.ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("sc_inquiry_sla.mail_activity_type_office_question")
            )
        )

    def test_office_question_by_subject_keeps_the_clock(self):
        """The keyword "Rückfrage" at the start of the subject, as the forward
        mail asks, also after the mail program's reply markers."""
        for index, subject in enumerate(
            ["Rückfrage: Re: {subject}", "AW: RÜCKFRAGE {subject}"]
        ):
            message = self._receive(
                "zulassung@kfz.example",
                "Ist das Fahrzeug bereits abgemeldet?",
                msgid=f"q{index}",
                subject=subject,
            )
            self._assert_filed_but_waiting(message)
        questions = self._office_questions()
        self.assertEqual(len(questions), 2)
        self.assertEqual(questions.user_id, self.agent)
        self.assertIn("Kfz", questions[0].note)

    def test_interim_message_by_subject_keeps_the_clock(self):
        message = self._receive(
            "zulassung@kfz.example",
            "Wir prüfen die Unterlagen noch.",
            subject="AW: Zwischennachricht - {subject}",
        )
        self._assert_filed_but_waiting(message)
        self.assertFalse(self._office_questions())

    def test_keyword_later_in_the_subject_is_an_answer(self):
        """The citizen's own subject may contain the word."""
        message = self._receive(
            "zulassung@kfz.example",
            "Erledigt.",
            subject="Re: {subject} (Rückfrage geklärt)",
        )
        self.assertEqual(self.forward.state, "answered")
        self.assertEqual(self.forward.answer_message_id, message)

    def _reply_in_odoo(self, user, kind, body):
        form = Form(
            self.env["sc.inquiry.forward.reply"]
            .with_user(user)
            .with_context(default_forward_id=self.forward.id)
        )
        form.kind = kind
        form.body = body
        return form.save().action_post()

    def test_department_user_chooses_what_the_message_is(self):
        with self.mock_mail_gateway():
            self._reply_in_odoo(self.clerk, "question", "<p>Welches Kennzeichen?</p>")
            self._reply_in_odoo(self.clerk, "interim", "<p>Wir prüfen noch.</p>")
        self.assertEqual(self.forward.state, "waiting")
        self.assertEqual(len(self._office_questions()), 1)
        with self.mock_mail_gateway():
            self._reply_in_odoo(self.clerk, "answer", "<p>Reserviert.</p>")
        self.assertEqual(self.forward.state, "answered")
        self.assertIn("Reserviert", self.forward.answer_message_id.body)

    def test_reply_form_only_for_the_units_people(self):
        with (
            self.assertRaises(AccessError),
            self.mock_mail_gateway(),
        ):
            self._reply_in_odoo(self.other_clerk, "answer", "<p>Erledigt.</p>")
        with (
            self.assertRaises(AccessError),
            self.mock_mail_gateway(),
        ):
            self._reply_in_odoo(self.agent, "answer", "<p>Erledigt.</p>")
        self.assertEqual(self.forward.state, "waiting")

    def test_context_kind_cannot_be_forged_into_an_answer(self):
        """Only the unit's people's own notes count; an unknown kind is an answer
        of those, and nobody else's note answers with any kind."""
        with self.mock_mail_gateway():
            self.ticket.with_user(self.agent).with_context(
                sc_reply_kind="answer"
            ).message_post(body="x", message_type="comment")
        self.assertEqual(self.forward.state, "waiting")
        with self.mock_mail_gateway():
            self.ticket.with_user(self.clerk).with_context(
                sc_reply_kind="bogus"
            ).message_post(body="Erledigt.", message_type="comment")
        self.assertEqual(self.forward.state, "answered")

    def _receive_at(self, when, sender, body, msgid, sender_name="Clara Citizen"):
        """A reply e-mail written at ``when`` (naive UTC), filed by the gateway."""
        raw = REPLY.format(
            return_path=f"<{sender}>",
            sender=sender,
            sender_name=sender_name,
            to=self.catchall,
            subject=f"Re: {self.forward.mail_message_id.subject}",
            msgid=msgid,
            in_reply_to=self.sent_msgid,
            extra="",
            body=body,
        ).replace(
            "Date: Mon, 30 Mar 2026 11:15:00 +0200",
            f"Date: {format_datetime(when.replace(tzinfo=timezone.utc))}",
        )
        with freeze_time(when), self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(False, raw)

    def _pause(self, user, when=datetime(2026, 3, 30, 9, 15)):
        """Monday 11:15 in Berlin (CEST since Sunday)."""
        with freeze_time(when):
            self.forward.with_user(user).action_wait_for_citizen()

    def test_waiting_for_the_citizen_moves_the_deadline(self):
        """Sent Friday 27.3. 16:00 CET, 24 working hours (Mon-Fri 8-18):
        due Wednesday 1.4. 10:00 CEST. Paused Monday 11:15 until the citizen's
        mail on Thursday 2.4. 10:00: 6.75 + 10 + 10 + 2 = 28.75 working hours.
        From Wednesday 10:00 on, with Good Friday and Easter Monday closed,
        the deadline moves to Wednesday 8.4. 08:45 CEST."""
        self.assertEqual(self.forward.deadline, datetime(2026, 4, 1, 8, 0))
        self._pause(self.clerk)
        self.assertEqual(self.forward.state, "paused")
        with freeze_time("2026-04-02 07:00:00"):
            self.env["sc.inquiry.forward"]._cron_process_deadlines()
        self.assertEqual(self.forward.state, "paused", "no overdue while paused")
        self.assertFalse(self.forward.escalated)
        self._receive_at(
            datetime(2026, 4, 2, 8, 0),
            "clara@citizen.example",
            "Anbei der Nachweis.",
            "c1",
        )
        self.assertEqual(self.forward.state, "waiting")
        self.assertFalse(self.forward.paused_at)
        self.assertAlmostEqual(self.forward.paused_hours, 28.75)
        self.assertEqual(self.forward.deadline, datetime(2026, 4, 8, 6, 45))
        self._receive_at(
            datetime(2026, 4, 8, 6, 0),
            "zulassung@kfz.example",
            "Erledigt.",
            "a1",
            sender_name="Sachbearbeitung",
        )
        self.assertEqual(self.forward.state, "answered")
        self.assertTrue(self.forward.on_time)
        # 52 working hours from Friday 16:00 to Wednesday 8.4. 08:00, less the pause
        self.assertAlmostEqual(self.forward.response_hours, 23.25)

    def test_citizen_is_told_the_date_the_pause_moved(self):
        """The citizen's reply through the mail gateway ends the pause of
        test_waiting_for_the_citizen_moves_the_deadline; the citizen, who was
        promised Wednesday 1.4., is told the new date by e-mail."""
        self.assertTrue(self.ticket.sc_promise_message_id)
        self._pause(self.clerk)
        self._receive_at(
            datetime(2026, 4, 2, 8, 0),
            "clara@citizen.example",
            "Anbei der Nachweis.",
            "c1",
        )
        self.assertEqual(self.forward.deadline, datetime(2026, 4, 8, 6, 45))
        [mail] = self._new_mails.filtered(lambda m: self.citizen in m.recipient_ids)
        self.assertIn(f"Ihre Anfrage {self.ticket.number}", mail.subject)
        self.assertIn("Mittwoch, 08.04.2026, 08:45", mail.body_html)
        self.assertNotIn("Anbei der Nachweis", mail.body_html)

    def test_answer_during_the_pause_ends_it(self):
        self._pause(self.clerk)
        with freeze_time("2026-03-31 08:00:00"), self.mock_mail_gateway():
            self.ticket.with_user(self.clerk).message_post(
                body="Erledigt.", message_type="comment", subtype_xmlid="mail.mt_note"
            )
        self.assertFalse(
            self._new_mails.filtered(lambda m: self.citizen in m.recipient_ids),
            "the answer is on its way: no new date for the citizen",
        )
        self.assertEqual(self.forward.state, "answered")
        self.assertFalse(self.forward.paused_at)
        # Fri 2 + Mon 10 + Tue 2 working hours, of which Mon 6.75 + Tue 2 paused
        self.assertAlmostEqual(self.forward.response_hours, 5.25)
        self.assertEqual(self.forward.deadline, datetime(2026, 4, 2, 6, 45))

    def test_only_the_unit_pauses_its_deadline(self):
        for user in (self.agent, self.other_clerk):
            with self.assertRaises(AccessError):
                self._pause(user)
        self.assertEqual(self.forward.state, "waiting")

    def test_agent_resumes_after_the_citizen_called(self):
        self._pause(self.clerk)
        with freeze_time("2026-03-30 14:15:00"):
            self.forward.with_user(self.agent).action_citizen_replied()
        self.assertEqual(self.forward.state, "waiting")
        self.assertAlmostEqual(self.forward.paused_hours, 5.0)
        self.assertEqual(self.forward.deadline, datetime(2026, 4, 1, 13, 0))
        with self.assertRaises(AccessError):
            self.forward.with_user(self.other_clerk).action_citizen_replied()

    def test_office_not_responsible_by_mail(self):
        """The unit says so in the subject; the agent forwards on in one step,
        and the figures count it for the forwarding side only."""
        self._receive(
            "zulassung@kfz.example",
            "Zuständig ist das Ordnungsamt (Sondernutzung).",
            subject="AW: Nicht zuständig: {subject}",
        )
        self.assertEqual(self.forward.state, "rejected")
        self.assertIn("Ordnungsamt", self.forward.rejection_reason)
        self.assertFalse(self.forward.answer_message_id, "nothing to relay")
        todo = self.ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("sc_inquiry_sla.mail_activity_type_not_responsible")
            )
        )
        self.assertEqual(todo.user_id, self.agent)
        self.assertIn("Sondernutzung", todo.note)
        self.assertEqual(
            self.ticket.stage_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
        )
        action = self.forward.with_user(self.agent).action_forward_elsewhere()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(**action["context"])
        )
        self.assertNotEqual(
            wizard.org_unit_id, self.unit, "the unit that declined is not proposed"
        )
        wizard.org_unit_id = self.other_unit
        wizard.save().action_send()
        onward = self.ticket.sc_forward_ids - self.forward
        self.assertEqual(onward.org_unit_id, self.other_unit)
        self.assertEqual(onward.state, "waiting")
        report = self.env["sc.inquiry.forward.report"]
        self.env.flush_all()
        [unit_row] = report.read_group(
            [("forward_id", "=", self.forward.id)],
            ["on_time_rate:avg", "not_responsible_count:sum", "overdue_count:sum"],
            ["org_unit_id"],
        )
        self.assertFalse(unit_row["on_time_rate"], "not in the unit's on-time rate")
        self.assertEqual(unit_row["overdue_count"], 0)
        self.assertEqual(unit_row["not_responsible_count"], 1)

    def test_department_user_declines_in_odoo(self):
        with self.mock_mail_gateway():
            self._reply_in_odoo(
                self.clerk, "not_responsible", "<p>Bitte an das Ordnungsamt.</p>"
            )
        self.assertEqual(self.forward.state, "rejected")
        self.assertEqual(self.forward.rejection_reason, "Bitte an das Ordnungsamt.")
        with self.assertRaises(AccessError):
            self.forward.with_user(self.clerk).write({"state": "waiting"})
