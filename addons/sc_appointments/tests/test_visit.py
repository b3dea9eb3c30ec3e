# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AppointmentCommon


@tagged("post_install", "-at_install")
class TestVisit(AppointmentCommon):
    def test_csv_import_from_queue_system(self):
        csv = (
            "arrival,service_start,service_end,org_unit_id,kind\n"
            "2026-06-09 06:02:00,2026-06-09 06:10:00,2026-06-09 06:25:00,"
            "Kfz-Zulassung (test),walk_in\n"
            "2026-06-09 06:30:00,2026-06-09 06:31:00,2026-06-09 06:50:00,"
            "Kfz-Zulassung (test),appointment\n"
        )
        importer = self.env["base_import.import"].create(
            {
                "res_model": "sc.visit",
                "file": csv.encode(),
                "file_type": "text/csv",
                "file_name": "warteschlange.csv",
            }
        )
        result = importer.execute_import(
            ["arrival", "service_start", "service_end", "org_unit_id", "kind"],
            ["arrival", "service_start", "service_end", "org_unit_id", "kind"],
            {"quoting": '"', "separator": ",", "has_headers": True},
        )
        self.assertFalse(result["messages"], result["messages"])
        visits = self.env["sc.visit"].browse(result["ids"])
        self.assertEqual(visits.mapped("kind"), ["walk_in", "appointment"])
        self.assertEqual(visits.org_unit_id, self.unit)
        self.assertEqual(visits[0].waiting_minutes, 8.0)
        self.assertEqual(visits[0].service_minutes, 15.0)

    def test_bad_times_are_refused(self):
        with self.assertRaises(ValidationError):
            self.env["sc.visit"].create(
                {
                    "org_unit_id": self.unit.id,
                    "arrival": "2026-06-09 08:00:00",
                    "service_start": "2026-06-09 07:00:00",
                }
            )
        with self.assertRaises(ValidationError):
            self.env["sc.visit"].create(
                {
                    "org_unit_id": self.unit.id,
                    "arrival": "2026-06-09 08:00:00",
                    "service_end": "2026-06-09 09:00:00",
                }
            )

    def test_walk_in_check_in_and_service(self):
        visit = self.env["sc.visit"].create({"org_unit_id": self.unit.id})
        self.assertEqual(visit.kind, "walk_in")
        self.assertTrue(visit.arrival)
        visit.action_end_service()
        self.assertEqual(visit.service_start, visit.service_end)
