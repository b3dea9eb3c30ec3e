# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.sc_knowledge.tests.test_manager_settings import (
    ManagerSettingsCommon,
)

from ..models.sc_settings import PULL_RATE_LIMIT_KIND


@tagged("post_install", "-at_install")
class TestManagerSettings(ManagerSettingsCommon):
    def test_manager_sets_the_xzufi_key_sender_and_token(self):
        self.save_settings(
            self.manager,
            sc_xzufi_region_key="160740000000",
            sc_xzufi_sender="Landratsamt Saale-Holzland-Kreis",
            sc_xzufi_pull_token="geheim-123",
            sc_xzufi_pull_rate_limit=30,
        )
        company = self.env.company
        self.assertEqual(company.sc_xzufi_sender, "Landratsamt Saale-Holzland-Kreis")
        self.assertEqual(company.sc_xzufi_pull_token, "geheim-123")
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(
                f"sc_knowledge.rate_limit_{PULL_RATE_LIMIT_KIND}"
            ),
            "30",
        )
        shown = self.settings_shown(self.manager)
        self.assertTrue(
            shown.sc_xzufi_pull_url.endswith(f"/xzufi/{company.id}/index.txt")
        )
        with self.assertRaises(AccessError):
            self.env["sc.settings"].with_user(self.agent).create(
                {"sc_xzufi_pull_token": "fremd"}
            )
        self.assertEqual(company.sc_xzufi_pull_token, "geheim-123")
