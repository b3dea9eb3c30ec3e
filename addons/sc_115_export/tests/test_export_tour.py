from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestXZuFiExportTour(HttpCase):
    def test_manager_exports_and_sees_skipped_services(self):
        new_test_user(self.env, "sc_tour_xzufi", groups="sc_knowledge.group_manager")
        unit = self.env["sc.org.unit"].create({"name": "Tour-Steueramt"})
        common = {
            "description": "<p>Volltext</p>",
            "main_org_unit_id": unit.id,
            "org_unit_ids": [Command.set(unit.ids)],
        }
        self.env["sc.service"].create(
            [
                {**common, "name": "Tour-Leistung", "state": "published"},
                {**common, "name": "Tour-Entwurf Hundesteuer", "state": "draft"},
            ]
        )
        self.start_tour("/odoo", "sc_115_export_tour", login="sc_tour_xzufi")
