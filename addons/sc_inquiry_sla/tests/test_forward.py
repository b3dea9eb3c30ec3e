# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import InquiryCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-27 15:00:00")  # Fri 16:00 CET, DST starts on Sunday
class TestForward(MailCommon, InquiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()

    def test_wizard_proposes_unit_and_shows_deadline(self):
        wizard = Form(
            self.env["sc.inquiry.forward.wizard"]
            .with_user(self.agent)
            .with_context(default_ticket_id=self.ticket.id)
        )
        self.assertEqual(wizard.org_unit_id, self.unit)
        self.assertEqual(wizard.email_to, "zulassung@kfz.example")
        # 24 service hours: Fri 2 h, Mon 10 h, Tue 10 h, Wed 2 h -> Wed 10:00 CEST.
        self.assertEqual(wizard.deadline, datetime(2026, 4, 1, 8))
        self.assertEqual(
            wizard.subject,
            f"Anfrage {self.ticket.number}: Wunschkennzeichen reservieren",
        )

    def test_send_creates_forward_and_mails_the_unit(self):
        self.ticket.sc_caller_phone = "036691 70-0"
        with self.mock_mail_gateway():
            forward = self._forward()
        self.assertEqual(forward.state, "waiting")
        self.assertEqual(forward.org_unit_id, self.unit)
        self.assertEqual(forward.sent_at, datetime(2026, 3, 27, 15))
        self.assertEqual(forward.deadline, datetime(2026, 4, 1, 8))
        # Reminder at 75 %: 18 working hours -> Tue 31 Mar 14:00 CEST.
        self.assertEqual(forward.reminder_at, datetime(2026, 3, 31, 12))
        self.assertEqual(
            forward.policy_id,
            self.env.ref("sc_inquiry_sla.sc_inquiry_sla_policy_default"),
        )
        self.assertEqual(forward.user_id, self.agent)
        unit_partner = self.env["res.partner"].search(
            [("email_normalized", "=", "zulassung@kfz.example")]
        )
        self.assertEqual(unit_partner.name, "Kfz-Zulassungsbehörde")
        self.assertSentEmail(
            self.agent.partner_id,
            unit_partner,
            subject=f"Anfrage {self.ticket.number}: Wunschkennzeichen reservieren",
        )
        sent = self._new_mails.filtered(lambda m: unit_partner in m.recipient_ids)
        self.assertTrue(sent)
        self.assertIn("Wie reserviere ich", sent.body_html)
        self.assertIn("Clara Citizen", sent.body_html)
        self.assertIn("+4936691700", sent.body_html)  # the caller's number
        self.assertNotIn(
            self.citizen,
            sent.recipient_ids,
            "the citizen must not get the internal forward",
        )
        self.assertEqual(forward.mail_message_id.model, "helpdesk.ticket")
        self.assertEqual(forward.mail_message_id.res_id, self.ticket.id)
        self.assertEqual(self.ticket.sc_response_deadline, datetime(2026, 4, 1, 8))
        self.assertEqual(
            self.ticket.with_context(lang="de_DE").sc_response_promise,
            "Rückmeldung zugesagt bis Mi., 01.04.2026, 10:00 Uhr",
        )

    def test_more_specific_policy_in_working_days(self):
        policy = self.env["sc.inquiry.sla.policy"].create(
            {
                "name": "Kfz: 2 working days",
                "org_unit_id": self.unit.id,
                "target_amount": 2,
                "target_unit": "days",
            }
        )
        forward = self._forward()
        self.assertEqual(forward.policy_id, policy)
        # Day of receipt (Fri) not counted: Mon and Tue, end of Tue 18:00 CEST.
        self.assertEqual(forward.deadline, datetime(2026, 3, 31, 16))

    def test_several_units_each_with_own_deadline(self):
        self.env["sc.inquiry.sla.policy"].create(
            {
                "name": "Ordnungsamt 8 h",
                "org_unit_id": self.other_unit.id,
                "target_amount": 8,
            }
        )
        first = self._forward()
        second = self._forward(unit=self.other_unit)
        self.assertEqual(first.deadline, datetime(2026, 4, 1, 8))
        self.assertEqual(second.deadline, datetime(2026, 3, 30, 12))  # Mon 14:00 CEST
        self.assertEqual(self.ticket.sc_forward_count, 2)
        self.assertEqual(self.ticket.sc_response_deadline, first.deadline)

    def test_invalid_address_is_refused_in_german_terms(self):
        wizard = (
            self.env["sc.inquiry.forward.wizard"]
            .with_user(self.agent)
            .with_context(default_ticket_id=self.ticket.id)
            .create({"email_to": "kein-mail"})
        )
        with self.assertRaisesRegex(UserError, "not a valid e-mail address"):
            wizard.action_send()
        self.assertFalse(self.ticket.sc_forward_ids)

    def test_citizen_confirmation_mail(self):
        forward = self._forward()
        action = self.ticket.with_user(self.agent).action_sc_send_promise()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(action["context"])
        )
        self.assertIn(self.citizen, composer.partner_ids[:])
        self.assertIn("01.04.2026, 10:00", composer.body)
        with self.mock_mail_gateway():
            composer.save().action_send_mail()
        self.assertSentEmail(
            self.agent.partner_id,
            [self.citizen],
            subject=f"Ihre Anfrage {self.ticket.number}: Wir melden uns bei Ihnen",
        )
        self.assertEqual(forward.state, "waiting")

    def test_department_user_cannot_forward(self):
        with self.assertRaises(AccessError):
            self.env["sc.inquiry.forward.wizard"].with_user(self.clerk).create(
                {"ticket_id": self.ticket.id}
            )
