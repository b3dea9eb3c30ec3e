from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CatalogCommon


@tagged("post_install", "-at_install")
class TestCatalogAccess(CatalogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls.env["sc.service"].create(
            {"name": "Entwurf Anwohnerparken", "main_org_unit_id": cls.unit_vehicles.id}
        )
        cls.services["registration"].agent_note = "Nur nach Terminvereinbarung."

    def test_agent_reads_published_services_only(self):
        services = self.env["sc.service"].with_user(self.agent)
        self.assertIn(self.services["registration"], services.search([]))
        self.assertNotIn(self.draft, services.search([]))
        with self.assertRaises(AccessError):
            self.draft.with_user(self.agent).read(["name"])
        self.assertEqual(
            self.services["registration"].with_user(self.agent).agent_note,
            "Nur nach Terminvereinbarung.",
        )

    def test_agent_cannot_edit_the_catalog(self):
        service = self.services["registration"].with_user(self.agent)
        with self.assertRaises(AccessError):
            service.write({"name": "Geändert"})
        with self.assertRaises(AccessError):
            self.env["sc.service"].with_user(self.agent).create({"name": "Neu"})
        with self.assertRaises(AccessError):
            self.unit_vehicles.with_user(self.agent).write({"name": "Geändert"})

    def test_department_user_reads_services_of_own_units(self):
        services = self.env["sc.service"].with_user(self.department_user)
        visible = services.search([])
        self.assertIn(self.services["registration"], visible)
        self.assertIn(self.draft, visible)
        self.assertNotIn(self.services["lost_licence"], visible)
        with self.assertRaises(AccessError):
            self.services["lost_licence"].with_user(self.department_user).read(["name"])

    def test_internal_note_hidden_from_department_users(self):
        service = self.services["registration"].with_user(self.department_user)
        with self.assertRaises(AccessError):
            service.read(["agent_note"])
        card = service.get_answer_card()
        self.assertEqual(card["agent_note"], "")

    def test_department_user_cannot_use_catalog_search_on_other_units(self):
        hits = (
            self.env["sc.service"]
            .with_user(self.department_user)
            .search_catalog("führerschein verloren")
        )
        self.assertNotIn(self.services["lost_licence"].id, [hit["id"] for hit in hits])

    def test_manager_edits_the_catalog(self):
        service = (
            self.env["sc.service"]
            .with_user(self.manager)
            .create(
                {"name": "Neue Leistung", "main_org_unit_id": self.unit_licences.id}
            )
        )
        service.action_publish()
        self.assertEqual(service.state, "published")
        self.assertIn(
            self.draft, self.env["sc.service"].with_user(self.manager).search([])
        )
