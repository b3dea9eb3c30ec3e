# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import InquiryCase


@tagged("post_install", "-at_install")
class TestVisibility(MailCommon, InquiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls.forward = cls._forward()
        cls.manager = new_test_user(
            cls.env, "sc_inq_manager", groups="sc_knowledge.group_manager"
        )

    def test_member_sees_and_answers_own_unit(self):
        ticket = self.ticket.with_user(self.clerk)
        ticket.check_access("read")
        self.assertEqual(ticket.name, "Wunschkennzeichen reservieren")
        forwards = self.env["sc.inquiry.forward"].with_user(self.clerk).search([])
        self.assertEqual(forwards, self.forward)
        with self.assertRaises(AccessError):
            forwards.write({"deadline": "2030-01-01 00:00:00"})
        forwards.action_mark_answered()
        self.assertEqual(self.forward.state, "answered")
        self.assertTrue(self.forward.answered_at)

    def test_unit_head_sees_and_answers_own_unit(self):
        """The head gets the reminders and escalations: they must be able to
        open the forward and the inquiry even when not a member of the unit."""
        head = new_test_user(
            self.env, "sc_inq_sec_head", groups="sc_knowledge.group_department_user"
        )
        self.unit.manager_id = head
        self.assertEqual(
            self.env["sc.inquiry.forward"].with_user(head).search([]), self.forward
        )
        self.ticket.with_user(head).check_access("read")
        self.assertFalse(
            self.env["sc.inquiry.forward"]
            .with_user(head)
            .search([("org_unit_id", "=", self.other_unit.id)])
        )
        self.ticket.with_user(head).message_post(
            body="Erledigt, Kennzeichen ist reserviert.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertEqual(self.forward.state, "answered")

    def test_other_unit_cannot_see_ticket_or_forward(self):
        other = self.other_clerk
        self.assertFalse(
            self.env["helpdesk.ticket"]
            .with_user(other)
            .search([("id", "=", self.ticket.id)])
        )
        self.assertFalse(self.env["sc.inquiry.forward"].with_user(other).search([]))
        with self.assertRaises(AccessError):
            self.ticket.with_user(other).check_access("read")
        with self.assertRaises(AccessError):
            self.forward.with_user(other).read(["deadline"])
        with self.assertRaises(AccessError):
            self.forward.with_user(other).action_mark_answered()

    def test_department_user_cannot_create_forward_or_configure(self):
        with self.assertRaises(AccessError):
            self.env["sc.inquiry.forward"].with_user(self.clerk).create(
                {"ticket_id": self.ticket.id, "org_unit_id": self.unit.id}
            )
        policy = self.env.ref("sc_inquiry_sla.sc_inquiry_sla_policy_default")
        with self.assertRaises(AccessError):
            policy.with_user(self.clerk).write({"target_amount": 48})
        with self.assertRaises(AccessError):
            policy.with_user(self.agent).write({"target_amount": 48})

    def test_agent_sees_all_and_manager_configures(self):
        second = self._forward(unit=self.other_unit)
        self.assertEqual(
            self.env["sc.inquiry.forward"]
            .with_user(self.agent)
            .search([("ticket_id", "=", self.ticket.id)]),
            self.forward | second,
        )
        policy = (
            self.env["sc.inquiry.sla.policy"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Ordnungsamt",
                    "org_unit_id": self.other_unit.id,
                    "target_amount": 8,
                }
            )
        )
        self.assertEqual(policy.target_unit, "hours")

    def test_clock_is_written_by_the_system_only(self):
        clock = ["deadline", "reminder_at", "state", "answered_at", "response_hours"]
        before = self.forward.read(clock)
        attempts = [
            {"deadline": "2030-01-01 00:00:00"},
            {"state": "answered"},
            {"answered_at": "2026-01-01 00:00:00"},
            {"response_hours": 1.0},
            {"org_unit_id": self.other_unit.id},
            {"email_to": "agent@servicecenter.example"},
        ]
        for user in (self.agent, self.manager):
            forward = self.forward.with_user(user)
            for vals in attempts:
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaisesRegex(AccessError, "kept by the system"):
                        forward.write(vals)
        ticket = self.ticket.with_user(self.agent)
        with self.assertRaises(AccessError):
            ticket.write(
                {
                    "sc_forward_ids": [
                        Command.update(self.forward.id, {"state": "answered"})
                    ]
                }
            )
        with self.assertRaises(AccessError):
            self.env["sc.inquiry.forward"].with_user(self.agent).create(
                {
                    "ticket_id": self.ticket.id,
                    "org_unit_id": self.unit.id,
                    "state": "answered",
                    "deadline": "2030-01-01 00:00:00",
                }
            )
        self.env.invalidate_all()
        self.assertEqual(self.forward.read(clock), before)
        fields = self.env["sc.inquiry.forward"].fields_get(clock)
        self.assertTrue(all(fields[name]["readonly"] for name in clock))

    def test_clock_refusal_in_german(self):
        forward = self.forward.with_user(self.agent).with_context(lang="de_DE")
        with self.assertRaisesRegex(AccessError, "vom System"):
            forward.write({"deadline": "2030-01-01 00:00:00"})

    def test_agent_cannot_mark_answered_but_can_cancel(self):
        with self.assertRaisesRegex(AccessError, "Only the members and the head"):
            self.forward.with_user(self.agent).action_mark_answered()
        self.assertEqual(self.forward.state, "waiting")
        self.assertFalse(self.forward.with_user(self.agent).user_in_unit)
        self.assertTrue(self.forward.with_user(self.clerk).user_in_unit)
        self.forward.with_user(self.agent).action_cancel()
        self.assertEqual(self.forward.state, "cancelled")
        self.assertFalse(self.forward.answered_at)
