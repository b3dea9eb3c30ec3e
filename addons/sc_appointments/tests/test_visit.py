# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import UTC, AppointmentCommon, berlin_to_utc
from .load_reference import walk_in_profile


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


@tagged("post_install", "-at_install")
class TestWalkInAggregate(AppointmentCommon):
    def _walk_in_rows(self, first_day, today):
        """``(day, hour, visits)`` of the unit from the trigger-kept aggregate."""
        self.env["sc.visit"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT day, hour, visits FROM sc_visit_walk_in_hour"
                " WHERE org_unit_id = %s AND day >= %s AND day < %s AND visits > 0",
                self.unit.id,
                first_day,
                today,
            )
        )
        return self.env.cr.fetchall()

    def _rows(self):
        return {
            (day, hour): visits
            for day, hour, visits in self._walk_in_rows(
                date(2026, 1, 1), date(2027, 1, 1)
            )
        }

    def test_aggregate_follows_create_write_unlink(self):
        """The hourly walk-in aggregate is kept by the database for every change."""
        visits = self.env["sc.visit"].create(
            [
                # 23:30 UTC on 28 March = 00:30 CET on 29 March (local date counts)
                {"arrival": datetime(2026, 3, 28, 23, 30), "org_unit_id": self.unit.id},
                # after the DST switch: 06:15 UTC = 08:15 CEST
                {"arrival": datetime(2026, 3, 30, 6, 15), "org_unit_id": self.unit.id},
                {"arrival": datetime(2026, 3, 30, 6, 45), "org_unit_id": self.unit.id},
                {
                    "arrival": datetime(2026, 3, 30, 6, 50),
                    "org_unit_id": self.unit.id,
                    "kind": "appointment",
                },
                {
                    "arrival": datetime(2026, 3, 30, 6, 5),
                    "org_unit_id": self.other_unit.id,
                },
            ]
        )
        self.assertEqual(
            self._rows(), {(date(2026, 3, 29), 0): 1, (date(2026, 3, 30), 8): 2}
        )
        visits[1].arrival = datetime(2026, 3, 30, 8, 0)  # 10:00 CEST
        visits[3].kind = "walk_in"
        visits[0].unlink()
        self.assertEqual(
            self._rows(),
            {(date(2026, 3, 30), 8): 2, (date(2026, 3, 30), 10): 1},
        )

    @freeze_time("2026-06-15 05:00:00")
    def test_sql_profile_equals_reference(self):
        """PostgreSQL's weighted profile equals the pure-Python reference."""
        visits = []
        for week in range(1, 12):
            for weekday, hours in ((0, (8, 9)), (1, (8, 10, 11)), (3, (9,))):
                day = date(2026, 6, 15) - timedelta(weeks=week) + timedelta(weekday)
                for hour in hours:
                    for minute in range((week * hour + weekday) % 5 + 1):
                        visits.append(
                            {
                                "arrival": berlin_to_utc(
                                    day.year, day.month, day.day, hour, minute * 7
                                ),
                                "org_unit_id": self.unit.id,
                            }
                        )
        self.env["sc.visit"].create(visits)
        today = date(2026, 6, 15)
        first_day = today - timedelta(weeks=10)
        excluded = self.appointment_type._excluded_history_dates(first_day, today)
        self.assertIn(date(2026, 5, 25), excluded)  # Whit Monday, Thuringia
        self.assertIn(date(2026, 5, 15), excluded)  # bridge day after Ascension
        reference = walk_in_profile(
            self._walk_in_rows(first_day, today),
            today,
            half_life_weeks=3.0,
            excluded_dates=excluded,
        ).rates
        rates = self.appointment_type._walk_in_rates(first_day, today, 3.0, excluded)
        self.assertEqual(set(rates), set(reference))
        self.assertEqual(set(rates), {(0, 8), (0, 9), (1, 8), (1, 10), (1, 11), (3, 9)})
        for key, rate in reference.items():
            self.assertAlmostEqual(rates[key], rate, places=9)

    @freeze_time("2026-06-15 05:00:00")
    def test_walk_in_profile_follows_closures_at_once(self):
        """Days closed by a leave or by the federal state's holidays are left
        out of the history: deleting a leave or changing the federal state
        shows in the next suggestion, not on the next day."""

        def walk_in(day, hour):
            return {
                "arrival": berlin_to_utc(2026, 6, day, hour, 5),
                "org_unit_id": self.unit.id,
            }

        self.env["sc.visit"].create(
            [walk_in(4, 10), walk_in(11, 9), walk_in(8, 9)]  # Thu, Thu, Mon
        )
        staff_outing, _assembly = self.env["resource.calendar.leaves"].create(
            [
                {
                    "name": name,
                    "calendar_id": self.calendar.id,
                    "date_from": berlin_to_utc(2026, month, day, 0, 0),
                    "date_to": berlin_to_utc(2026, month, day, 23, 59),
                }
                for name, month, day in (
                    ("Betriebsausflug", 6, 8),
                    ("Personalversammlung", 5, 20),
                )
            ]
        )
        now = datetime(2026, 6, 15, 5, 0, tzinfo=UTC)
        appointment_type = self.appointment_type
        profile = appointment_type._walk_in_profile(now)
        self.assertEqual(profile.rate(0, 9), 0.0)  # Monday 8 June was closed
        self.assertGreater(profile.rate(3, 10), 0.0)  # Thursday 4 June counts
        staff_outing.unlink()
        self.assertGreater(appointment_type._walk_in_profile(now).rate(0, 9), 0.0)
        # Corpus Christi (Thursday 4 June) is a public holiday in Bavaria.
        appointment_type.company_id.sc_federal_state = "BY"
        self.assertEqual(appointment_type._walk_in_profile(now).rate(3, 10), 0.0)
