# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon
from odoo.addons.sc_knowledge.tests.common import TwoCompaniesMixin

from .common import InquiryCase


@tagged("post_install", "-at_install")
class TestMultiCompany(MailCommon, InquiryCase, TwoCompaniesMixin):
    """Inquiries, forwards and deadline policies of two districts in one database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls._setup_two_companies(prefix="sc_inq_mc")
        cls.forward_a = cls._forward(user=cls.user_a)
        cls.unit_b = cls.env["sc.org.unit"].create(
            {
                "name": "Zulassung Nachbarkreis",
                "forward_email": "zulassung@nachbarkreis.example",
                "company_id": cls.company_b.id,
            }
        )
        cls.ticket_b = (
            cls.env["helpdesk.ticket"]
            .with_user(cls.user_b)
            .create(
                {
                    "name": "Abmeldung",
                    "description": "<p>Wie melde ich mein Auto ab?</p>",
                    "partner_name": "Max Mustermann",
                    "partner_email": "max@citizen.example",
                }
            )
        )
        cls.forward_b = cls._forward(
            ticket=cls.ticket_b, user=cls.user_b, unit=cls.unit_b
        )
        Policy = cls.env["sc.inquiry.sla.policy"]
        cls.policy_a = Policy.create(
            {"name": "Kfz A", "org_unit_id": cls.unit.id, "target_amount": 16}
        )
        cls.policy_b = Policy.create(
            {
                "name": "Kfz B",
                "org_unit_id": cls.unit_b.id,
                "target_amount": 8,
                "company_id": cls.company_b.id,
            }
        )
        cls.closed_stage = cls.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )

    def test_inquiries_and_forwards_are_separated(self):
        self.assertEqual(self.ticket_b.company_id, self.company_b)
        self.assertEqual(self.forward_b.company_id, self.company_b)
        self.assertCompaniesSeparated(self.ticket, self.ticket_b, "partner_name")
        self.assertCompaniesSeparated(self.forward_a, self.forward_b, "email_to")

    def test_forward_statistics_are_separated(self):
        report = self.env["sc.inquiry.forward.report"]
        self.assertCompaniesSeparated(
            report.browse(self.forward_a.id), report.browse(self.forward_b.id), "state"
        )

    def test_policies_are_separated_and_the_default_is_shared(self):
        self.assertCompaniesSeparated(self.policy_a, self.policy_b)
        default = self.env.ref("sc_inquiry_sla.sc_inquiry_sla_policy_default")
        self.assertFalse(default.company_id)
        for user in (self.user_a, self.user_b):
            default.with_user(user).read(["target_amount"])

    def test_forward_goes_to_a_unit_of_the_same_company(self):
        with self.assertRaises(UserError):
            self.env["sc.inquiry.forward"].create(
                {"ticket_id": self.ticket.id, "org_unit_id": self.unit_b.id}
            )
        with self.assertRaises(UserError):
            self.env["sc.inquiry.sla.policy"].create(
                {"name": "Gemischt", "org_unit_id": self.unit_b.id}
            )

    def _closed_days_ago(self, ticket, days):
        ticket.stage_id = self.closed_stage
        ticket.closed_date = fields.Datetime.now() - timedelta(days=days)

    def test_each_company_keeps_inquiries_for_its_own_period(self):
        self.company_a.sc_retention_days = 30
        self.company_b.sc_retention_days = 365
        for ticket in (self.ticket, self.ticket_b):
            self._closed_days_ago(ticket, 100)
        self.env["sc.data.protection"]._cron_anonymize()
        self.assertTrue(self.ticket.sc_anonymized)
        self.assertFalse(self.ticket.partner_email)
        self.assertFalse(self.ticket_b.sc_anonymized)
        self.assertEqual(self.ticket_b.partner_name, "Max Mustermann")
        # 0 keeps the inquiries; a shorter period of B applies to B alone
        self.company_b.sc_retention_days = 0
        self.env["sc.data.protection"]._cron_anonymize()
        self.assertFalse(self.ticket_b.sc_anonymized)
        self.company_b.sc_retention_days = 90
        self.env["sc.data.protection"]._cron_anonymize()
        self.assertTrue(self.ticket_b.sc_anonymized)
        self.assertFalse(self.ticket_b.partner_name)

    def test_one_query_finds_the_due_inquiries_of_all_companies(self):
        self.company_a.sc_retention_days = 30
        self.company_b.sc_retention_days = 30
        for ticket in (self.ticket, self.ticket_b):
            self._closed_days_ago(ticket, 40)
        Ticket = self.env["helpdesk.ticket"]
        domain = self.env["sc.data.protection"]._sc_due_domain(Ticket)
        self.env.flush_all()
        with self.assertQueryCount(1):
            due = Ticket.search(domain)
        self.assertEqual(
            due & (self.ticket | self.ticket_b), self.ticket | self.ticket_b
        )


@tagged("post_install", "-at_install")
class TestAnonymisedFlag(MailCommon, InquiryCase):
    """Nobody but the anonymisation sets the flag that exempts an inquiry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls._forward()

    def _assert_flag_refused(self, user):
        ticket = self.ticket.with_user(user)
        # the user may edit the inquiry itself ...
        ticket.write({"sc_answer_channel": "callback"})
        self.assertEqual(self.ticket.sc_answer_channel, "callback")
        # ... but not the flag, alone or with other values
        for vals in (
            {"sc_anonymized": True},
            {"sc_anonymized": True, "sc_answer_channel": "letter"},
        ):
            with self.assertRaises(AccessError):
                ticket.write(vals)
        self.assertFalse(self.ticket.sc_anonymized)
        self.assertEqual(self.ticket.sc_answer_channel, "callback")

    def test_agent_cannot_set_the_flag(self):
        self._assert_flag_refused(self.agent)
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.agent).create(
                {
                    "name": "Ausgenommen",
                    "description": "<p>x</p>",
                    "sc_anonymized": True,
                }
            )

    def test_department_user_cannot_set_the_flag_on_their_inquiry(self):
        self._assert_flag_refused(self.clerk)

    def test_anonymisation_sets_the_flag(self):
        self.ticket._sc_anonymize()
        self.assertTrue(self.ticket.sc_anonymized)
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.agent).write({"sc_anonymized": False})
        self.assertTrue(self.ticket.sc_anonymized)
