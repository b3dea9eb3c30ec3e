# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.sc_knowledge.tests.test_manager_settings import (
    ManagerSettingsCommon,
)

from ..tools.public_form import MAX_MOVES_PARAM


@tagged("post_install", "-at_install")
class TestManagerSettings(ManagerSettingsCommon):
    def test_manager_sets_the_public_page_limits(self):
        self.save_settings(
            self.manager,
            sc_rate_limit_appointment_booking=7,
            sc_appointment_max_online_moves=1,
        )
        params = self.env["ir.config_parameter"]
        self.assertEqual(
            params.get_param("sc_knowledge.rate_limit_appointment_booking"), "7"
        )
        self.assertEqual(params.get_param(MAX_MOVES_PARAM), "1")
        with self.assertRaises(AccessError):
            self.env["sc.settings"].with_user(self.agent).create(
                {"sc_appointment_max_online_moves": 9}
            )
        self.assertEqual(params.get_param(MAX_MOVES_PARAM), "1")

    def test_manager_sets_privacy_and_accessibility_texts(self):
        self.save_settings(
            self.manager,
            sc_privacy_notice="Hinweis der Behörde.",
            sc_privacy_url="https://www.example.org/ds",
            sc_accessibility_statement="<p>Erklärung der Behörde.</p>",
        )
        company = self.env.company
        self.assertEqual(company.sc_privacy_notice, "Hinweis der Behörde.")
        self.assertEqual(company.sc_privacy_url, "https://www.example.org/ds")
        self.assertIn("Erklärung der Behörde.", company.sc_accessibility_statement)
        with self.assertRaises(ValidationError):
            self.save_settings(self.manager, sc_privacy_url="javascript:alert(1)")
        self.assertEqual(company.sc_privacy_url, "https://www.example.org/ds")

    def test_manager_keeps_counters_and_appointment_mails(self):
        counter = (
            self.env["resource.resource"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Schalter 3",
                    "calendar_id": self.env.company.resource_calendar_id.id,
                }
            )
        )
        counter.name = "Schalter 3 (Kfz)"
        with self.assertRaises(AccessError):
            counter.with_user(self.agent).name = "Nicht erlaubt"
        template = self.env.ref("sc_appointments.mail_template_confirmation")
        template.with_user(self.manager).subject = "Ihr Termin beim Landratsamt"
        self.assertEqual(template.subject, "Ihr Termin beim Landratsamt")
        with self.assertRaises(AccessError):
            template.with_user(self.agent).subject = "Nicht erlaubt"
