from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

from .common import TwoCompaniesMixin


@tagged("post_install", "-at_install")
class TestMultiCompany(TwoCompaniesMixin, BaseCommon):
    """Catalog and inquiries of one district stay out of the other's sight."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_two_companies()
        Unit = cls.env["sc.org.unit"]
        cls.unit_a = Unit.create({"name": "Kfz-Zulassung A"})
        cls.unit_b = Unit.create(
            {"name": "Kfz-Zulassung B", "company_id": cls.company_b.id}
        )
        cls.service_a, cls.service_b = (
            cls.env["sc.service"].create(
                {
                    "name": f"Fahrzeug zulassen {suffix}",
                    "state": "published",
                    "main_org_unit_id": unit.id,
                    "company_id": unit.company_id.id,
                    "document_ids": [Command.create({"name": f"Ausweis {suffix}"})],
                }
            )
            for suffix, unit in (("A", cls.unit_a), ("B", cls.unit_b))
        )
        cls.ticket_a, cls.ticket_b = (
            cls.env["helpdesk.ticket"]
            .with_company(company)
            .create(
                {
                    "name": "Zulassung",
                    "description": "<p>Frage zur Zulassung</p>",
                    "partner_name": name,
                    "company_id": company.id,
                }
            )
            for company, name in (
                (cls.company_a, "Erika Mustermann"),
                (cls.company_b, "Max Mustermann"),
            )
        )

    def test_units_are_separated(self):
        self.assertCompaniesSeparated(self.unit_a, self.unit_b)

    def test_shared_unit_is_seen_by_both(self):
        shared = self.env["sc.org.unit"].create(
            {"name": "Gemeinsame Stelle", "company_id": False}
        )
        for user in (self.user_a, self.user_b):
            self.assertEqual(
                self.env["sc.org.unit"]
                .with_user(user)
                .search([("id", "=", shared.id)]),
                shared,
            )

    def test_services_and_documents_are_separated(self):
        self.assertCompaniesSeparated(self.service_a, self.service_b)
        self.assertEqual(self.service_b.document_ids.company_id, self.company_b)
        self.assertCompaniesSeparated(
            self.service_a.document_ids, self.service_b.document_ids
        )

    def test_catalog_search_stays_in_the_company(self):
        hits = (
            self.env["sc.service"]
            .with_user(self.user_a)
            .search_catalog(
                "fahrzeug zulassen",
                domain=[("id", "in", (self.service_a | self.service_b).ids)],
            )
        )
        self.assertEqual([hit["id"] for hit in hits], self.service_a.ids)

    def test_inquiries_with_citizen_names_are_separated(self):
        self.assertCompaniesSeparated(self.ticket_a, self.ticket_b, "partner_name")

    def test_links_stay_in_one_company(self):
        with self.assertRaises(UserError):
            self.env["sc.service"].create(
                {"name": "Gemischt", "main_org_unit_id": self.unit_b.id}
            )
        with self.assertRaises(UserError):
            self.ticket_a.sc_service_id = self.service_b
        with self.assertRaises(UserError):
            self.unit_a.parent_id = self.unit_b
        self.ticket_a.sc_service_id = self.service_a
        self.unit_a.parent_id = self.env["sc.org.unit"].create(
            {"name": "Gemeinsame Stelle", "company_id": False}
        )
