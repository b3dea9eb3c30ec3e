# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSettingsTour(HttpCase):
    def test_administrator_manager_saves_from_odoo_settings(self):
        new_test_user(
            self.env,
            "sc_tour_admin_manager",
            groups="sc_knowledge.group_manager,base.group_system",
        )
        self.start_tour(
            "/odoo/settings",
            "sc_knowledge_settings_tour",
            login="sc_tour_admin_manager",
        )
        self.assertEqual(self.env.company.sc_first_contact_target, 70)
