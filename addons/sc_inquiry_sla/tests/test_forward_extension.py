# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fristverlängerung: the head of the unit extends a forward's deadline with
a reason; the reminder follows, an overdue forward waits again, the first
deadline is kept, and the citizen is told the new date (not the reason)."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from odoo.addons.mail.tests.common import MailCommon
from odoo.addons.sc_knowledge.tests.common import AuthorityMailMixin

from .common import InquiryCase

REASON = "Gutachten des TÜV steht noch aus."


@tagged("post_install", "-at_install")
class TestForwardExtension(MailCommon, InquiryCase, AuthorityMailMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls._setup_authority_company()
        cls.ticket.user_id = cls.agent
        # the head of the unit is a department user like its members
        cls.head = new_test_user(
            cls.env,
            "sc_inq_ext_head",
            groups="sc_knowledge.group_department_user",
            email="leitung@kfz.example",
            name="Hanna Head",
            lang="de_DE",
            tz="Europe/Berlin",
        )
        cls.unit.manager_id = cls.head
        cls.other_head = new_test_user(
            cls.env,
            "sc_inq_ext_other_head",
            groups="sc_knowledge.group_department_user",
            email="leitung@ordnungsamt.example",
        )
        cls.other_unit.manager_id = cls.other_head
        cls.manager = new_test_user(
            cls.env,
            "sc_inq_ext_manager",
            groups="sc_knowledge.group_manager",
            email="manager@servicecenter.example",
        )
        cls.callback_type = cls.env.ref("sc_inquiry_sla.mail_activity_type_callback")

    def setUp(self):
        super().setUp()
        # Fri 27.3. 16:00 CET: due Wed 1.4. 10:00 CEST, reminder Tue 31.3. 14:00
        with freeze_time("2026-03-27 15:00:00"), self.mock_mail_gateway():
            self.forward = self._forward()
        self.assertEqual(self.forward.deadline, datetime(2026, 4, 1, 8, 0))

    def extend(self, user, new_deadline, reason=REASON):
        """The wizard as the web client opens it for ``user`` (German)."""
        wizard = Form(
            self.env["sc.inquiry.forward.extend"]
            .with_user(user)
            .with_context(lang="de_DE", default_forward_id=self.forward.id)
        )
        wizard.new_deadline = new_deadline
        wizard.reason = reason
        return wizard.save().action_extend()

    def citizen_mails(self):
        return self._new_mails.filtered(
            lambda m: (
                "clara@citizen.example" in m.recipient_ids.mapped("email")
                or "clara@citizen.example" in (m.email_to or "")
            )
        )

    def test_head_extends_and_the_citizen_is_told_the_date(self):
        """Extended on Monday after the change to summer time, to Tuesday
        7.4. 10:00 CEST (Good Friday and Easter Monday closed)."""
        with freeze_time("2026-03-30 08:00:00"), self.mock_mail_gateway():
            self.extend(self.head, datetime(2026, 4, 7, 8, 0))
        forward = self.forward
        self.assertEqual(forward.deadline, datetime(2026, 4, 7, 8, 0))
        self.assertEqual(forward.original_deadline, datetime(2026, 4, 1, 8, 0))
        self.assertEqual(forward.extension_reason, REASON)
        self.assertEqual(forward.state, "waiting")
        # 40 working hours from Mon 10:00 to Tue 7.4. 10:00; 3/4 of them
        # have passed on Thursday 2.4. at 10:00 CEST
        self.assertEqual(forward.reminder_at, datetime(2026, 4, 2, 8, 0))
        self.assertEqual(self.ticket.sc_response_deadline, forward.deadline)
        # the reason is in both chatters, as an internal note by the head
        for record in (forward, self.ticket):
            [log] = record.message_ids.filtered(lambda m: REASON in (m.body or ""))
            self.assertEqual(log.author_id, self.head.partner_id)
            self.assertTrue(log.subtype_id.internal)
            self.assertIn("07.04.2026", log.body)
        # the citizen's mail: the new date in Berlin time, not the reason
        [mail] = self.citizen_mails()
        self.assertEqual(mail.recipient_ids, self.citizen)
        self.assertIn(f"Ihre Anfrage {self.ticket.number}", mail.subject)
        self.assertIn("Dienstag, 07.04.2026, 10:00", mail.body_html)
        self.assertNotIn("TÜV", mail.body_html)
        self.assertIn(self.ticket.sudo().sc_status_token, mail.body_html)
        self.assertAuthorityMailLayout(mail)
        self.assertEqual(
            self._new_mails - mail,
            self.env["mail.mail"],
            "nobody else is written to",
        )
        # the report tells extended forwards apart
        report = self.env["sc.inquiry.forward.report"].search(
            [("forward_id", "=", forward.id)]
        )
        self.assertEqual(report.extended_count, 1)
        # an answer by the extended deadline is on time
        with freeze_time("2026-04-07 07:00:00"):
            forward.with_user(self.head).action_mark_answered()
        self.assertTrue(forward.on_time)

    def test_overdue_forward_waits_again_and_the_cron_follows(self):
        Forward = self.env["sc.inquiry.forward"]
        with freeze_time("2026-04-01 09:00:00"), self.mock_mail_gateway():
            Forward._cron_process_deadlines()
        self.assertEqual(self.forward.state, "overdue")
        self.assertTrue(self.forward.escalated)
        # Wed 11:00 CEST: until Thu 16:00 CEST are 15 working hours
        with freeze_time("2026-04-01 09:00:00"), self.mock_mail_gateway():
            self.extend(self.head, datetime(2026, 4, 2, 14, 0))
        self.assertEqual(self.forward.state, "waiting")
        self.assertFalse(self.forward.reminded)
        self.assertFalse(self.forward.escalated)
        self.assertFalse(
            self.forward.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id.xml_id
                    == "sc_inquiry_sla.mail_activity_type_reminder"
                )
            ),
            "the reminder about the old deadline is gone",
        )
        # reminder after 11.25 of them: Thu 12:15 CEST
        self.assertEqual(self.forward.reminder_at, datetime(2026, 4, 2, 10, 15))
        with freeze_time("2026-04-02 10:00:00"), self.mock_mail_gateway():
            Forward._cron_process_deadlines()
        self.assertEqual(self.forward.state, "waiting")
        self.assertFalse(self.forward.reminded)
        with freeze_time("2026-04-02 10:30:00"), self.mock_mail_gateway():
            Forward._cron_process_deadlines()
        self.assertTrue(self.forward.reminded)
        self.assertEqual(self.forward.state, "waiting")
        with freeze_time("2026-04-02 14:30:00"), self.mock_mail_gateway():
            Forward._cron_process_deadlines()
        self.assertEqual(self.forward.state, "overdue")
        self.assertTrue(self.forward.escalated)

    def test_only_the_head_extends(self):
        new = datetime(2026, 4, 7, 8, 0)
        for user in (self.clerk, self.other_head, self.agent, self.manager):
            with (
                self.subTest(user=user.login),
                freeze_time("2026-03-30 08:00:00"),
                self.assertRaises(AccessError),
            ):
                self.extend(user, new)
        self.assertEqual(self.forward.deadline, datetime(2026, 4, 1, 8, 0))
        self.assertFalse(self.forward.original_deadline)
        # the button is the head's alone
        self.assertTrue(self.forward.with_user(self.head).user_is_head)
        self.assertFalse(self.forward.with_user(self.clerk).user_is_head)
        # nobody writes the fields by hand
        with self.assertRaises(AccessError):
            self.forward.with_user(self.manager).write(
                {"deadline": new, "original_deadline": new}
            )

    def test_bad_dates_are_refused_in_german(self):
        cases = (
            (datetime(2026, 3, 31, 8, 0), "muss nach der bisherigen Frist"),
            (datetime(2026, 4, 1, 8, 0), "muss nach der bisherigen Frist"),
        )
        for new, message in cases:
            with (
                self.subTest(new=new),
                freeze_time("2026-03-30 08:00:00"),
                self.assertRaisesRegex(UserError, message),
            ):
                self.extend(self.head, new)
        with (
            freeze_time("2026-04-02 08:00:00"),
            self.assertRaisesRegex(UserError, "muss in der Zukunft liegen"),
        ):
            self.extend(self.head, datetime(2026, 4, 1, 9, 0))
        with (
            freeze_time("2026-03-30 08:00:00"),
            self.assertRaisesRegex(UserError, "Bitte geben Sie den Grund"),
        ):
            self.extend(self.head, datetime(2026, 4, 7, 8, 0), reason="   ")
        self.forward.with_user(self.head).action_mark_answered()
        with freeze_time("2026-03-30 08:00:00"), self.assertRaises(UserError):
            self.extend(self.head, datetime(2026, 4, 7, 8, 0))
        self.assertFalse(self.forward.original_deadline)

    def test_without_email_the_agent_calls_back(self):
        self.ticket.write(
            {
                "partner_id": False,
                "partner_email": False,
                "sc_caller_phone": "036691 70-123",
            }
        )
        sent = self.ticket.message_ids.filtered(
            lambda m: m.message_type == "auto_comment"
        )
        with freeze_time("2026-03-30 08:00:00"), self.mock_mail_gateway():
            self.extend(self.head, datetime(2026, 4, 7, 8, 0))
        self.assertFalse(self.citizen_mails())
        self.assertEqual(
            self.ticket.message_ids.filtered(
                lambda m: m.message_type == "auto_comment"
            ),
            sent,
            "nothing was sent to the citizen",
        )
        callback = self.ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == self.callback_type
        )
        self.assertEqual(callback.user_id, self.agent)
        self.assertIn("+493669170123", callback.note)
        self.assertIn("07.04.2026", callback.note)

    def agent_task_after_extension(self):
        """Extend to 7 April: no mail to the citizen; the agent's task about
        the new date."""
        with freeze_time("2026-03-30 08:00:00"), self.mock_mail_gateway():
            self.extend(self.head, datetime(2026, 4, 7, 8, 0))
        self.assertFalse(self.citizen_mails())
        [task] = self.ticket.activity_ids.filtered(
            lambda a: "07.04.2026" in (a.note or "")
        )
        self.assertEqual(task.user_id, self.agent)
        return task

    def test_date_never_mailed_is_not_mailed_as_changed(self):
        """With the automatic confirmation off the citizen got no date by
        e-mail: a mail saying it changed would not be true, the agent tells
        them instead."""
        self.ticket.sudo().sc_promise_message_id = False
        self.agent_task_after_extension()

    def test_without_email_or_phone_a_task_says_so(self):
        self.ticket.write({"partner_id": False, "partner_email": False})
        task = self.agent_task_after_extension()
        self.assertIn("keine Telefonnummer", task.note)

    def test_no_mail_when_another_forward_keeps_the_promise(self):
        """The promise is the latest deadline of the inquiry: extending an
        earlier one does not move it, the citizen hears nothing."""
        with freeze_time("2026-03-27 15:00:00"), self.mock_mail_gateway():
            later = self._forward(unit=self.other_unit)
        with freeze_time("2026-03-30 07:00:00"):
            later.sudo()._extend_deadline(datetime(2026, 4, 20, 8, 0), "Urlaub")
        with freeze_time("2026-03-30 08:00:00"), self.mock_mail_gateway():
            self.extend(self.head, datetime(2026, 4, 7, 8, 0))
        self.assertFalse(self.citizen_mails())
        self.assertEqual(self.ticket.sc_response_deadline, later.deadline)
