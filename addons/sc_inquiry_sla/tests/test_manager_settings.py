# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.sc_knowledge.tests.test_manager_settings import (
    ManagerSettingsCommon,
)


@tagged("post_install", "-at_install")
class TestManagerSettings(ManagerSettingsCommon):
    def test_manager_sets_escalation_address_and_retention(self):
        self.save_settings(
            self.manager,
            sc_escalation_email="servicecenter@example.org",
            sc_retention_days=90,
        )
        self.assertEqual(
            self.env.company.sc_escalation_email, "servicecenter@example.org"
        )
        self.assertEqual(self.env.company.sc_retention_days, 90)
        with self.assertRaises(AccessError):
            self.env["sc.settings"].with_user(self.agent).create(
                {"sc_retention_days": 1}
            )
        self.assertEqual(self.env.company.sc_retention_days, 90)

    def test_manager_edits_the_forward_mail_templates(self):
        template = self.env.ref("sc_inquiry_sla.mail_template_forward")
        template.with_user(self.manager).subject = "Weiterleitung vom Servicecenter"
        self.assertEqual(template.subject, "Weiterleitung vom Servicecenter")
        with self.assertRaises(AccessError):
            template.with_user(self.agent).subject = "Nicht erlaubt"
