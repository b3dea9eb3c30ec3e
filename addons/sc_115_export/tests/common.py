from datetime import date, timedelta

from odoo import Command
from odoo.tools import SQL

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

from .xzufi_contract import check_document

ARS = "160740000000"
# Tables whose write_date the change detection reads (units, their addresses and
# calendars, services and their documents): aged to simulate a night.
CHANGE_TRACKED_TABLES = (
    "sc_service",
    "sc_org_unit",
    "sc_service_document",
    "res_partner",
    "resource_calendar",
)


class XZuFiExportCommon(BaseCommon):
    """A small catalog in its own company, so demo data never interferes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {
                "name": "Landratsamt Testkreis",
                "sc_xzufi_sender": "Landratsamt SHK",
                "sc_xzufi_region_key": ARS,
            }
        )
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )
        cls.manager = mail_new_test_user(
            cls.env,
            login="xzufi_manager",
            groups="sc_knowledge.group_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.agent = mail_new_test_user(
            cls.env,
            login="xzufi_agent",
            groups="sc_knowledge.group_agent",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "Kfz hours",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": "Mo",
                            "dayofweek": "0",
                            "hour_from": 7.5,
                            "hour_to": 12,
                        }
                    ),
                    Command.create(
                        {"name": "Do", "dayofweek": "3", "hour_from": 13, "hour_to": 18}
                    ),
                ],
            }
        )
        Unit = cls.env["sc.org.unit"].with_company(cls.company)
        cls.office = Unit.create({"name": "Landratsamt", "company_id": cls.company.id})
        cls.unit_kfz = Unit.create(
            {
                "name": "Kfz-Zulassungsbehörde",
                "short_name": "Kfz",
                "parent_id": cls.office.id,
                "company_id": cls.company.id,
                "resource_calendar_id": calendar.id,
                "visiting_hours": "Mo 7:30–12 Uhr, Do 13–18 Uhr",
                "partner_id": cls.env["res.partner"]
                .create(
                    {
                        "name": "Kfz-Zulassungsbehörde",
                        "street": "Im Schloss 2",
                        "zip": "07607",
                        "city": "Eisenberg",
                        "phone": "036691 70-0",
                        "email": "kfz@example.org",
                    }
                )
                .id,
            }
        )
        cls.unit_order = Unit.create(
            {"name": "Ordnungsamt", "company_id": cls.company.id}
        )
        Service = cls.env["sc.service"].with_company(cls.company)
        base = {
            "state": "published",
            "description": "<p>Volltext</p>",
            "main_org_unit_id": cls.unit_kfz.id,
            "org_unit_ids": [Command.set(cls.unit_kfz.ids)],
            "company_id": cls.company.id,
            "last_review_date": date.today(),
        }
        cls.service_trade = Service.create(
            {
                **base,
                "name": "Gewerbe anmelden",
                "leika_key": "99050012104000",
                "summary": "Gewerbe beim Gewerbeamt anzeigen.",
                "fee_amount_from": 20,
                "fee_amount_to": 40,
                "processing_time": "sofort",
                "online_service_url": "https://example.org/gewerbe",
                "org_unit_ids": [Command.set((cls.unit_kfz | cls.unit_order).ids)],
                "document_ids": [
                    Command.create({"name": "Personalausweis", "kind": "original"}),
                    Command.create(
                        {"name": "Vollmacht", "kind": "either", "mandatory": False}
                    ),
                ],
            }
        )
        cls.service_residence = Service.create(
            {**base, "name": "Wohnsitz anmelden", "leika_key": "99115005104000"}
        )
        cls.service_draft = Service.create(
            {**base, "name": "Entwurf", "leika_key": "99008001012000", "state": "draft"}
        )
        cls.service_no_key = Service.create({**base, "name": "Ohne Schlüssel"})
        cls.service_no_text = Service.create(
            {
                **base,
                "name": "Ohne Volltext",
                "leika_key": "99049001001000",
                "description": "<p><br></p>",
            }
        )
        cls.service_no_unit = Service.create(
            {
                **base,
                "name": "Ohne Stelle",
                "leika_key": "99102013104000",
                "main_org_unit_id": False,
                "org_unit_ids": [],
            }
        )
        cls.service_overdue = Service.create(
            {
                **base,
                "name": "Überfällig",
                "leika_key": "99102013105000",
                "last_review_date": date.today() - timedelta(days=400),
            }
        )

    def export_document(self, export):
        """Parse an export's file back through the contract test."""
        self.assertTrue(export.attachment_id)
        return check_document(export.attachment_id.raw)

    def age_catalog(self, export, hours=2):
        """Move the catalog and the export into the past, as if a night had passed."""
        export.sudo().export_date -= timedelta(hours=hours - 1)
        for table in CHANGE_TRACKED_TABLES:
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET write_date = write_date - %s * interval '1 hour'",
                    SQL.identifier(table),
                    hours,
                )
            )
        self.env.invalidate_all()
