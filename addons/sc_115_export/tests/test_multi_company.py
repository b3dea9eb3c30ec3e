from datetime import date

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.sc_knowledge.tests.common import TwoCompaniesMixin


@tagged("post_install", "-at_install")
class TestMultiCompany(TwoCompaniesMixin, BaseCommon):
    """Exports, their register and the 115 figures of two districts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        first = cls.env["res.company"].create({"name": "Landratsamt Testkreis"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=first.ids))
        cls._setup_two_companies(
            groups="sc_knowledge.group_manager", prefix="sc_115_mc"
        )
        # Each district exports under its own Amtlicher Regionalschlüssel.
        cls.company_a.sc_xzufi_region_key = "160740000000"
        cls.company_b.sc_xzufi_region_key = "160530000000"
        cls.districts = {
            company: cls._district(company)
            for company in (cls.company_a, cls.company_b)
        }

    @classmethod
    def _district(cls, company):
        """A unit, a publishable and a draft service, an inquiry, a full export."""
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        unit = env["sc.org.unit"].create({"name": "Gewerbeamt"})
        published, draft = env["sc.service"].create(
            [
                {
                    "name": "Gewerbe anmelden",
                    "leika_key": "99050012104000",
                    "description": "<p>Volltext</p>",
                    "state": "published",
                    "main_org_unit_id": unit.id,
                    "last_review_date": date.today(),
                },
                {"name": "Gewerbe abmelden", "main_org_unit_id": unit.id},
            ]
        )
        ticket = env["helpdesk.ticket"].create(
            {"name": "Anfrage", "description": "<p>Frage</p>"}
        )
        export = env["sc.xzufi.export"]._sc_export("full", "manual", company)
        register = (
            env["sc.xzufi.delivered"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    "|",
                    "&",
                    ("kind", "=", "leistung"),
                    ("res_id", "=", published.id),
                    "&",
                    ("kind", "=", "organisationseinheit"),
                    ("res_id", "=", unit.id),
                ]
            )
        )
        return {
            "export": export,
            "skip": export.skip_ids.filtered(lambda skip: skip.service_id == draft),
            "register": register,
            "ticket": ticket,
        }

    def _pair(self, key):
        return (
            self.districts[self.company_a][key],
            self.districts[self.company_b][key],
        )

    def test_exports_and_skipped_services_are_separated(self):
        export_a, export_b = self._pair("export")
        self.assertEqual(export_b.company_id, self.company_b)
        self.assertCompaniesSeparated(export_a, export_b, "file_name")
        skip_a, skip_b = self._pair("skip")
        self.assertTrue(skip_b)  # not published, no LeiKa key, no full text
        self.assertEqual(skip_b.company_id, self.company_b)
        self.assertCompaniesSeparated(skip_a, skip_b, "reason")

    def test_delivery_registers_are_separated(self):
        register_a, register_b = self._pair("register")
        self.assertEqual(len(register_b), 2)  # the service and its unit
        self.assertCompaniesSeparated(register_a, register_b, "xzufi_id")

    def test_115_figures_are_separated(self):
        ticket_a, ticket_b = self._pair("ticket")
        report = self.env["sc.service.level.report"]
        self.assertCompaniesSeparated(
            report.browse(ticket_a.id), report.browse(ticket_b.id), "channel"
        )
