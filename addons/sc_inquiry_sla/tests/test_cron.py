# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import InquiryCase


@tagged("post_install", "-at_install")
class TestReminderCron(MailCommon, InquiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls.head = new_test_user(
            cls.env,
            "sc_inq_head",
            groups="sc_knowledge.group_department_user",
            email="leitung@kfz.example",
        )
        cls.unit.manager_id = cls.head
        # Fri 27 Mar 2026 16:00 CET: reminder Tue 31 Mar 14:00, deadline Wed 1 Apr
        # 10:00 (CEST).
        with freeze_time("2026-03-27 15:00:00"):
            cls.forward = cls._forward()
        cls.Forward = cls.env["sc.inquiry.forward"]
        cls.reminder_type = cls.env.ref("sc_inquiry_sla.mail_activity_type_reminder")

    @classmethod
    def _ticket(cls):
        return cls.env["helpdesk.ticket"].create(
            {"name": "Abmeldung", "description": "<p>x</p>"}
        )

    def _run_cron(self, when):
        with freeze_time(when), self.mock_mail_gateway():
            self.Forward._cron_process_deadlines()
        return self._new_mails

    def _mails_to(self, mails, address):
        return mails.filtered(lambda m: m.email_to == address)

    def test_reminder_at_75_percent(self):
        self.assertEqual(self.forward.reminder_at, datetime(2026, 3, 31, 12))
        mails = self._run_cron("2026-03-31 11:59:00")
        self.assertFalse(self.forward.reminded)
        self.assertFalse(self._mails_to(mails, "zulassung@kfz.example"))
        mails = self._run_cron("2026-03-31 12:05:00")
        self.assertTrue(self.forward.reminded)
        self.assertEqual(self.forward.state, "waiting")
        reminder = self._mails_to(mails, "zulassung@kfz.example")
        self.assertEqual(len(reminder), 1)
        self.assertIn(self.ticket.number, reminder.body_html)
        self.assertIn("01.04.2026 10:00", reminder.body_html)
        activity = self.forward.activity_ids
        self.assertEqual(activity.user_id, self.head)
        self.assertEqual(activity.activity_type_id, self.reminder_type)
        self.assertEqual(activity.summary, self.reminder_type.summary)
        self.assertEqual(activity.date_deadline, date(2026, 4, 1))
        self.assertEqual(activity.res_name, self.forward.display_name)
        self.assertTrue(activity.automated)
        # As with mail.activity.create, the assignee follows the forward with the
        # model's default subtypes.
        follower = self.forward.message_follower_ids.filtered(
            lambda f: f.partner_id == self.head.partner_id
        )
        self.assertEqual(
            follower.subtype_ids,
            self.env["mail.message.subtype"].default_subtypes(self.Forward._name)[0],
        )
        # The next run does not remind again.
        mails = self._run_cron("2026-03-31 12:20:00")
        self.assertFalse(self._mails_to(mails, "zulassung@kfz.example"))
        self.assertEqual(len(self.forward.activity_ids), 1)
        # The answer closes the reminder.
        self.forward.with_user(self.clerk).action_mark_answered()
        self.assertFalse(self.forward.activity_ids)

    def test_reminders_in_batches_to_the_unit_member(self):
        """Without a head the first member gets the activity; a batch limit
        leaves the rest for the next run, one digest per unit and run."""
        with freeze_time("2026-03-27 15:00:00"):
            first = self._forward(unit=self.other_unit)
            second = self._forward(ticket=self._ticket(), unit=self.other_unit)
        self.assertEqual(first.reminder_at, second.reminder_at)
        with freeze_time("2026-03-31 12:05:00"), self.mock_mail_gateway():
            self.Forward._cron_process_deadlines(batch_size=2)
        # Oldest deadline first, then creation order: the class's forward to the
        # Kfz unit and the first one to the Ordnungsamt.
        for address in ("zulassung@kfz.example", "ordnungsamt@ordnungsamt.example"):
            self.assertEqual(len(self._mails_to(self._new_mails, address)), 1)
        self.assertTrue(self.forward.reminded)
        self.assertEqual((first | second).filtered("reminded"), first)
        self.assertEqual(first.activity_ids.user_id, self.other_clerk)
        self.assertFalse(second.activity_ids)
        with freeze_time("2026-03-31 12:20:00"), self.mock_mail_gateway():
            self.Forward._cron_process_deadlines(batch_size=2)
        self.assertTrue(first.reminded and second.reminded)
        self.assertEqual((first | second).activity_ids.user_id, self.other_clerk)
        self.assertEqual(len((first | second).activity_ids), 2)

    def test_reminder_without_anybody_at_the_unit(self):
        """No head, no member, no forwarding user: the activity still gets an
        assignee (the user running the cron) and the unit its e-mail."""
        lonely = self.env["sc.org.unit"].create(
            {"name": "Bauamt", "forward_email": "bauamt@lra.example"}
        )
        with freeze_time("2026-03-27 15:00:00"):
            forward = self._forward(ticket=self._ticket(), unit=lonely)
        forward.user_id = False
        mails = self._run_cron("2026-03-31 12:05:00")
        self.assertTrue(forward.reminded)
        self.assertEqual(forward.activity_ids.user_id, self.env.user)
        self.assertEqual(len(self._mails_to(mails, "bauamt@lra.example")), 1)

    def test_no_reminder_outside_service_hours(self):
        self.forward.sudo().reminder_at = datetime(2026, 3, 27, 16)
        mails = self._run_cron("2026-03-28 09:00:00")  # Saturday
        self.assertFalse(self.forward.reminded)
        self.assertFalse(mails)
        mails = self._run_cron("2026-03-30 05:00:00")  # Monday 07:00 CEST
        self.assertFalse(self.forward.reminded)
        mails = self._run_cron("2026-03-30 06:01:00")  # Monday 08:01 CEST
        self.assertTrue(self.forward.reminded)
        self.assertTrue(self._mails_to(mails, "zulassung@kfz.example"))

    def test_escalation_at_deadline(self):
        self.forward.company_id.sudo().sc_escalation_email = "servicecenter@lra.example"
        mails = self._run_cron("2026-04-01 07:59:00")
        self.assertNotEqual(self.forward.state, "overdue")
        mails = self._run_cron("2026-04-01 08:00:00")
        self.assertEqual(self.forward.state, "overdue")
        self.assertTrue(self.forward.escalated)
        self.assertEqual(len(self._mails_to(mails, "leitung@kfz.example")), 1)
        self.assertEqual(len(self._mails_to(mails, "agent@servicecenter.example")), 1)
        self.assertEqual(len(self._mails_to(mails, "servicecenter@lra.example")), 1)
        overdue = self.env["helpdesk.ticket"].search(
            [("sc_forward_ids.state", "=", "overdue")]
        )
        self.assertIn(self.ticket, overdue)
        # A late answer is still recorded, but not on time.
        self.forward.with_user(self.clerk).action_mark_answered()
        self.assertEqual(self.forward.state, "answered")
        self.assertFalse(self.forward.on_time)

    def test_escalation_address_must_be_an_e_mail_address(self):
        company = self.forward.company_id.sudo()
        with self.assertRaisesRegex(ValidationError, "not a valid e-mail address"):
            company.sc_escalation_email = "Servicecenter Eisenberg"
        company.sc_escalation_email = "servicecenter@lra.example"
        self.assertEqual(company.sc_escalation_email, "servicecenter@lra.example")

    def test_overdue_marked_at_night_but_escalated_in_service_hours(self):
        self.forward.sudo().deadline = datetime(2026, 3, 31, 16)  # Tue 18:00 CEST
        mails = self._run_cron("2026-03-31 20:00:00")  # 22:00 CEST
        self.assertEqual(self.forward.state, "overdue")
        self.assertFalse(self.forward.escalated)
        self.assertFalse(mails)
        self._run_cron("2026-04-01 06:30:00")
        self.assertTrue(self.forward.escalated)

    def test_answered_and_cancelled_forwards_are_left_alone(self):
        self.forward.with_user(self.clerk).action_mark_answered()
        second = self._forward(unit=self.other_unit)
        second.action_cancel()
        self._run_cron("2026-04-02 10:00:00")
        self.assertEqual(self.forward.state, "answered")
        self.assertEqual(second.state, "cancelled")
        self.assertFalse(self.forward.reminded or second.reminded)
