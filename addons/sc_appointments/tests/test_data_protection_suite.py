# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The whole suite at once: a citizen with an inquiry (sc_inquiry_sla) and
an appointment (this addon). Runs where both addons are installed (the full
run); sc_appointments does not depend on sc_inquiry_sla."""

from datetime import datetime, timedelta
from unittest import SkipTest

from odoo import fields
from odoo.tests import freeze_time, tagged

from odoo.addons.sc_knowledge.tests.common import PersonalDataMixin

from .common import AppointmentCommon

NAME = "Ottilie Rübenacker"
EMAIL = "ottilie.ruebenacker@example.org"
PHONE = "03691 5550163"
NEEDLES = ("Rübenacker", EMAIL, "5550163")


@tagged("post_install", "-at_install")
class TestDataProtectionAcrossAddons(PersonalDataMixin, AppointmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "sc.inquiry.forward" not in cls.env:
            raise SkipTest("needs sc_inquiry_sla installed as well")
        cls.env.company.sc_retention_days = 30
        cls.unit.forward_email = "zulassung@kfz.example"
        cls.ottilie = cls.env["res.partner"].create(
            {"name": NAME, "email": EMAIL, "phone": PHONE}
        )

    def test_inquiry_and_appointment_of_one_citizen(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": f"Termin für {NAME}",
                    "description": f"<p>{NAME} möchte ihr Auto zulassen.</p>",
                    "partner_id": self.ottilie.id,
                    "sc_caller_phone": PHONE,
                    "sc_service_id": self.service.id,
                }
            )
        )
        self.env["sc.inquiry.forward.wizard"].with_user(self.agent).with_context(
            default_ticket_id=ticket.id
        ).create({"org_unit_id": self.unit.id}).action_send()
        action = ticket.with_user(self.agent).action_sc_book_appointment()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard.with_user(self.agent).slot_ids[0].action_book()
        event = ticket.sc_appointment_ids
        self.assertIn(NAME, event.name)
        ticket.stage_id = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        ticket.closed_date = fields.Datetime.now() - timedelta(days=60)
        # the inquiry is due, the appointment still to come: she stays
        self.env["sc.data.protection"]._cron_anonymize()
        self.assertTrue(ticket.sc_anonymized)
        self.assertNotIn(NAME, ticket.name)
        self.assertEqual(event.sc_citizen_partner_id, self.ottilie)
        self.assertEqual(self.ottilie.name, NAME)
        # once the appointment is past the period as well, nothing is left
        with freeze_time(datetime.now() + timedelta(days=90)):
            self.env["sc.data.protection"]._cron_anonymize()
            self.run_odoo_clean_ups()
        self.assertEqual(self.personal_data_found(*NEEDLES), [])
        self.assertFalse(self.ottilie.active)
        self.assertEqual(event.sc_ticket_id, ticket)
        self.assertEqual(ticket.sc_forward_count, 1)
