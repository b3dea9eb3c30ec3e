from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, file_open, mute_logger

from .common import CatalogCommon


@tagged("post_install", "-at_install")
class TestService(CatalogCommon):
    def test_leika_key_is_validated(self):
        service = self.services["registration"]
        for wrong in ("123", "9905001210400A", "990500121040001"):
            with self.assertRaises(ValidationError):
                service.leika_key = wrong
        service.leika_key = "9900 8001 0120 00"
        self.assertEqual(service.leika_key, "99008001012000")

    def test_leika_key_is_unique_when_set(self):
        self.services["registration"].leika_key = "99115005104000"
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.services["transfer"].leika_key = "99115005104000"
            self.services["transfer"].flush_recordset()

    def test_main_unit_is_a_responsible_unit(self):
        service = self.services["registration"]
        service.main_org_unit_id = self.unit_licences
        self.assertIn(self.unit_licences, service.org_unit_ids)
        with self.assertRaises(ValidationError):
            service.org_unit_ids = [(3, self.unit_licences.id)]

    def test_org_unit_hierarchy_without_cycles(self):
        self.unit_licences.parent_id = self.unit_vehicles
        self.assertEqual(
            self.unit_licences.complete_name,
            "Zulassungsstelle Test / Führerscheinstelle Test",
        )
        with self.assertRaises(UserError):
            self.unit_vehicles.parent_id = self.unit_licences

    def test_forward_email_is_validated(self):
        with self.assertRaises(ValidationError):
            self.unit_vehicles.forward_email = "kfz at example"

    def test_calendar_falls_back_to_service_center_then_company(self):
        unit = self.unit_licences
        company = self.env.company
        company.sc_resource_calendar_id = False
        self.assertEqual(unit._get_service_calendar(), company.resource_calendar_id)
        service_center = self.env["resource.calendar"].create({"name": "Servicecenter"})
        company.sc_resource_calendar_id = service_center
        self.assertEqual(unit._get_service_calendar(), service_center)
        own = self.env["resource.calendar"].create({"name": "Eigene Zeiten"})
        unit.resource_calendar_id = own
        self.assertEqual(unit._get_service_calendar(), own)

    def test_review_due_filter_and_activity(self):
        service = self.services["custom_plate"]
        service.write({"last_review_date": "2025-01-10", "review_interval_months": 12})
        self.assertEqual(str(service.next_review_date), "2026-01-10")
        with freeze_time("2026-01-09"):
            self.assertFalse(service.review_due)
            self.assertNotIn(
                service, self.env["sc.service"].search([("review_due", "=", True)])
            )
        with freeze_time("2026-01-10"):
            self.assertIn(
                service, self.env["sc.service"].search([("review_due", "=", True)])
            )
            due = self.env["sc.service"]._cron_schedule_reviews()
            self.assertIn(service, due)
            self.assertEqual(len(service.activity_ids), 1)
            self.assertFalse(self.env["sc.service"]._cron_schedule_reviews() & service)
            service.with_user(self.manager).action_mark_reviewed()
            self.assertEqual(str(service.last_review_date), "2026-01-10")
            self.assertEqual(service.reviewer_id, self.manager)
            self.assertFalse(service.activity_ids)
            self.assertFalse(service.review_due)

    def test_answer_card(self):
        service = self.services["lost_licence"]
        service.write(
            {
                "main_org_unit_id": self.unit_vehicles.id,
                "fee_text": "etwa 40 EUR",
                "document_ids": [
                    (0, 0, {"name": "Passfoto", "kind": "original"}),
                    (0, 0, {"name": "Anzeige", "kind": "copy", "mandatory": False}),
                ],
                "agent_note": "Nach Polizeianzeige fragen.",
            }
        )
        card = service.with_user(self.agent).get_answer_card()
        self.assertEqual(
            [d["name"] for d in card["documents"]], ["Passfoto", "Anzeige"]
        )
        self.assertFalse(card["documents"][1]["mandatory"])
        self.assertEqual(card["office"]["name"], "Zulassungsstelle Test")
        self.assertIn("Eisenberg", card["office"]["address"])
        # no blank line where an address field is empty
        self.assertNotIn("\n\n", card["office"]["address"])
        self.assertTrue(all(card["office"]["address"].splitlines()))
        self.assertEqual(card["agent_note"], "Nach Polizeianzeige fragen.")
        self.assertEqual([action["key"] for action in card["actions"]][:1], ["ticket"])

    def test_answer_card_starts_a_phone_ticket(self):
        service = self.services["lost_licence"].with_user(self.agent)
        action = service.action_answer_card("ticket")
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"description": "<p>Anruf</p>"})
        )
        self.assertEqual(ticket.sc_service_id, self.services["lost_licence"])
        self.assertEqual(ticket.sc_channel, "phone")
        with self.assertRaises(UserError):
            service.action_answer_card("unlink")
        outsider = new_test_user(self.env, "sc_outsider", groups="base.group_user")
        with self.assertRaises(AccessError):
            service.with_user(outsider).action_answer_card("ticket")

    def test_opening_hours_come_from_the_calendar(self):
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Fahrerlaubnis (test)",
                "tz": "Europe/Berlin",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {hour_from}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": "morning" if hour_from < 12 else "afternoon",
                        }
                    )
                    for day, hour_from, hour_to in (
                        (0, 7.5, 12),
                        (1, 7.5, 12),
                        (1, 13, 18),
                        (2, 7.5, 12),
                        (3, 7.5, 12),
                        (3, 13, 18),
                        (4, 7.5, 12),
                    )
                ],
            }
        )
        unit = self.unit_licences.with_context(lang="de_DE")
        unit.resource_calendar_id = calendar
        unit.visiting_hours = "Termine nach Vereinbarung."
        self.assertEqual(
            unit.opening_hours.splitlines(),
            [
                "Mo, Mi, Fr 07:30–12:00 Uhr",
                "Di, Do 07:30–12:00 und 13:00–18:00 Uhr",
                "An gesetzlichen Feiertagen geschlossen.",
                "Termine nach Vereinbarung.",
            ],
        )
        # the calendar changes, the hours follow; the answer card shows the same
        calendar.attendance_ids.filtered(lambda a: a.dayofweek == "3").unlink()
        card = self.services["lost_licence"].with_context(lang="de_DE")
        card = card.with_user(self.agent).get_answer_card()
        self.assertEqual(
            card["office"]["visiting_hours"].splitlines()[:2],
            ["Mo, Mi, Fr 07:30–12:00 Uhr", "Di 07:30–12:00 und 13:00–18:00 Uhr"],
        )

    def test_links_are_web_addresses(self):
        service = self.services["lost_licence"].with_user(self.manager)
        for bad in ("javascript:alert(1)", "vbscript:x", "www.example.org"):
            with self.subTest(url=bad), self.assertRaises(ValidationError):
                service.online_service_url = bad
        service.form_links = (
            '<p><a href="javascript:alert(1)">Formular</a> '
            '<a href="https://example.org/antrag.pdf">Antrag</a></p>'
        )
        self.assertNotIn("javascript", service.form_links)
        self.assertIn('href="https://example.org/antrag.pdf"', service.form_links)
        # The website of a unit's address: checked on the partner and on the unit.
        with self.assertRaises(ValidationError):
            self.unit_vehicles.partner_id.website = "javascript:alert(1)"
        self.unit_vehicles.partner_id.website = "www.kfz.example"
        self.assertEqual(
            self.unit_vehicles.partner_id.website, "http://www.kfz.example"
        )
        elsewhere = self.env["res.partner"].create(
            {"name": "Kein Amt", "website": "javascript:alert(1)"}
        )
        with self.assertRaises(ValidationError):
            self.unit_licences.partner_id = elsewhere

    def test_stored_script_address_is_never_a_link(self):
        """An address stored before the check (or around it) is not shown."""
        service = self.services["lost_licence"]
        self.env.cr.execute(
            SQL(
                "UPDATE sc_service SET online_service_url = %s WHERE id = %s",
                "javascript:alert(1)",
                service.id,
            )
        )
        self.env.invalidate_all()
        card = service.with_user(self.agent).get_answer_card()
        self.assertEqual(card["online_service_url"], "")
        service.online_service_url = "https://example.org/online"
        card = service.with_user(self.agent).get_answer_card()
        self.assertEqual(card["online_service_url"], "https://example.org/online")

    def test_csv_import_with_documents_and_keywords(self):
        """Odoo's standard CSV import (base_import) creates services with their
        documents and keywords, as a manager does it in the UI."""
        with file_open(
            "sc_knowledge/tests/data/sc_service_import.csv", "rb"
        ) as csv_file:
            content = csv_file.read()
        header = content.decode().splitlines()[0].split(",")
        importer = (
            self.env["base_import.import"]
            .with_user(self.manager)
            .create(
                {
                    "res_model": "sc.service",
                    "file": content,
                    "file_name": "leistungen.csv",
                    "file_type": "text/csv",
                }
            )
        )
        result = importer.execute_import(
            header,
            header,
            {
                "quoting": '"',
                "separator": ",",
                "has_headers": True,
                "name_create_enabled_fields": {"keyword_ids": True},
            },
        )
        self.assertFalse(result["messages"], result["messages"])
        parking, trade = self.env["sc.service"].browse(result["ids"])
        self.assertEqual(
            parking.document_ids.mapped("name"),
            ["Personalausweis", "Zulassungsbescheinigung Teil I", "Mietvertrag"],
        )
        self.assertEqual(
            parking.document_ids.mapped("kind"), ["original", "copy", "copy"]
        )
        self.assertEqual(parking.document_ids.mapped("mandatory"), [True, True, False])
        self.assertEqual(
            set(parking.keyword_ids.mapped("name")), {"Parken", "Anwohnerparken"}
        )
        self.assertEqual(trade.leika_key, "99115005104000")
        self.assertEqual(trade.state, "draft")
        self.assertEqual(
            self.env["sc.service"].search_catalog("anwohner parken")[0]["id"],
            parking.id,
        )
