# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged, users

from .common import BERLIN, UTC, AppointmentCommon, berlin_to_utc


def local_starts(slots):
    return [
        datetime.fromisoformat(s["start"]).replace(tzinfo=UTC).astimezone(BERLIN)
        for s in slots
    ]


@tagged("post_install", "-at_install")
class TestSuggestSlots(AppointmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Good Friday 2026 is a public holiday for the whole calendar
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Karfreitag",
                "calendar_id": cls.calendar.id,
                "date_from": berlin_to_utc(2026, 4, 3, 0),
                "date_to": berlin_to_utc(2026, 4, 3, 23, 59),
            }
        )
        # Counter 2 is on leave on Tuesday 31 March
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Schulung",
                "calendar_id": cls.calendar.id,
                "resource_id": cls.counters[1].id,
                "date_from": berlin_to_utc(2026, 3, 31, 0),
                "date_to": berlin_to_utc(2026, 3, 31, 23, 59),
            }
        )

    @freeze_time("2026-03-25 09:00:00")
    @users("sc_agent_appt")
    def test_slots_across_spring_dst_holiday_and_leave(self):
        appointment_type = self.appointment_type.with_user(self.env.user)
        slots = appointment_type.suggest_slots(
            "2026-03-26 00:00:00", "2026-04-07 00:00:00", limit=0
        )
        by_start = {s["start"]: s for s in slots}
        # Friday before the change: 8:00 CET = 07:00 UTC
        self.assertIn("2026-03-27 07:00:00", by_start)
        # Monday after the change: 8:00 CEST = 06:00 UTC
        self.assertIn("2026-03-30 06:00:00", by_start)
        self.assertNotIn("2026-03-30 07:00:00".replace("07", "05", 1), by_start)
        starts = local_starts(slots)
        self.assertTrue(all(8 <= s.hour < 12 for s in starts))
        self.assertEqual({s.minute for s in starts}, {0, 30})
        # lead time of 24 hours: nothing on Thursday 26 March before 10:00 local
        self.assertEqual(min(starts), datetime(2026, 3, 26, 10, tzinfo=BERLIN))
        # Good Friday: no slot
        self.assertFalse([s for s in starts if s.date().isoformat() == "2026-04-03"])
        # Easter Monday: a Thuringian holiday even though no leave was entered
        self.assertFalse([s for s in starts if s.date().isoformat() == "2026-04-06"])
        self.assertTrue([s for s in starts if s.date().isoformat() == "2026-04-02"])
        # Counter 2's leave leaves one counter on 31 March
        tuesday = [s for s in slots if s["start"].startswith("2026-03-31")]
        self.assertEqual(len(tuesday), 8)
        self.assertEqual({s["capacity"] for s in tuesday}, {1})
        self.assertEqual({s["capacity"] for s in slots} - {1}, {2})
        for slot in slots:
            self.assertIn(slot["level"], ("low", "medium", "high"))
            self.assertEqual(
                datetime.fromisoformat(slot["end"])
                - datetime.fromisoformat(slot["start"]),
                timedelta(minutes=30),
            )

    @freeze_time("2026-06-01 09:00:00")
    def test_public_holidays_follow_the_companys_federal_state(self):
        """Corpus Christi (4 June 2026) is a holiday in Bavaria, not in Thuringia."""

        def corpus_christi_slots():
            slots = self.appointment_type.with_user(self.agent).suggest_slots(
                "2026-06-03 00:00:00", "2026-06-06 00:00:00", limit=0
            )
            return [s for s in slots if s["start"].startswith("2026-06-04")]

        self.assertEqual(self.env.company.sc_federal_state, "TH")
        self.assertTrue(corpus_christi_slots())
        self.env.company.sc_federal_state = "BY"
        self.assertFalse(corpus_christi_slots())

    @freeze_time("2026-10-21 09:00:00")
    def test_slots_across_autumn_dst(self):
        slots = self.appointment_type.suggest_slots(
            "2026-10-23 00:00:00", "2026-10-27 00:00:00", limit=0
        )
        starts = {s["start"] for s in slots}
        self.assertIn("2026-10-23 06:00:00", starts)  # CEST
        self.assertIn("2026-10-26 07:00:00", starts)  # CET
        self.assertNotIn("2026-10-26 06:00:00", starts)

    @freeze_time("2026-06-15 05:00:00")
    def test_ranking_on_known_history(self):
        """Tuesdays 8-9 quiet, 10-11 crowded in the history: ranking follows."""
        visits = []
        for week in range(1, 9):
            tuesday = datetime(2026, 6, 16) - timedelta(weeks=week)
            for hour, count in ((8, 1), (9, 3), (10, 12), (11, 6)):
                for minute in range(count):
                    arrival = berlin_to_utc(
                        tuesday.year, tuesday.month, tuesday.day, hour, minute * 4
                    )
                    visits.append(
                        {
                            "arrival": arrival,
                            "org_unit_id": self.unit.id,
                            "kind": "walk_in",
                        }
                    )
        # a crowded day that is a holiday in Thuringia (Whit Monday 2026 = 25 May)
        # must not count; nor must visits of another unit
        visits += [
            {
                "arrival": berlin_to_utc(2026, 5, 25, 8, m),
                "org_unit_id": self.unit.id,
                "kind": "walk_in",
            }
            for m in range(40)
        ]
        visits += [
            {
                "arrival": berlin_to_utc(2026, 6, 9, 8, m),
                "org_unit_id": self.other_unit.id,
                "kind": "walk_in",
            }
            for m in range(40)
        ]
        self.env["sc.visit"].create(visits)
        slots = self.appointment_type.with_context(lang="de_DE").suggest_slots(
            "2026-06-16 00:00:00", "2026-06-17 00:00:00", limit=3
        )
        self.assertEqual(len(slots), 3)
        first = slots[0]
        self.assertEqual(first["start"], "2026-06-16 06:00:00")  # 8:00 local
        self.assertEqual(first["level"], "low")
        self.assertTrue(first["earliest"])
        self.assertEqual(first["reason"], "dienstags 8–9 Uhr wenig Andrang")
        scores = [s["score"] for s in slots]
        self.assertEqual(scores, sorted(scores))
        all_slots = self.appointment_type.suggest_slots(
            "2026-06-16 00:00:00", "2026-06-17 00:00:00", limit=0
        )
        busiest = all_slots[-1]
        self.assertIn(busiest["start"][11:13], ("08",))  # 10:00 local = 08 UTC
        self.assertEqual(busiest["level"], "high")

    @freeze_time("2026-06-15 05:00:00")
    def test_earliest_slot_always_offered(self):
        self.env["sc.visit"].create(
            [
                {
                    "arrival": berlin_to_utc(2026, 6, 9, 8, m),
                    "org_unit_id": self.unit.id,
                }
                for m in range(50)
            ]
        )
        slots = self.appointment_type.suggest_slots(limit=2)
        self.assertEqual(len(slots), 2)
        earliest = [s for s in slots if s["earliest"]]
        self.assertEqual(len(earliest), 1)
        self.assertEqual(earliest[0]["start"], "2026-06-16 06:00:00")  # 8:00 local
        self.assertEqual(earliest[0]["level"], "high")
        self.assertEqual(slots[0]["level"], "low")

    @freeze_time("2026-06-15 09:00:00")
    def test_no_counters_no_slots(self):
        self.appointment_type.resource_ids = False
        self.assertEqual(self.appointment_type.suggest_slots(), [])


@tagged("post_install", "-at_install")
class TestBooking(AppointmentCommon):
    @freeze_time("2026-06-15 09:00:00")
    @users("sc_agent_appt")
    def test_book_until_full_then_cancel_frees(self):
        appointment_type = self.appointment_type.with_user(self.env.user)
        start = "2026-06-17 07:00:00"
        first = appointment_type.book_slot(start, self.citizen.id, self.service.id)
        second = appointment_type.book_slot(start, self.citizen.id)
        events = self.env["calendar.event"].browse([first, second])
        self.assertEqual(events.mapped("sc_state"), ["booked", "booked"])
        self.assertEqual(events[0].sc_org_unit_id, self.unit)
        self.assertEqual(events[0].sc_citizen_partner_id, self.citizen)
        self.assertEqual(events[1].sc_service_id, self.service)
        self.assertEqual(events[0].stop, datetime(2026, 6, 17, 7, 30))
        self.assertIn("Im Schloss 2", events[0].location)
        self.assertTrue(events.sudo().mapped("sc_access_token")[0])
        slots = appointment_type.suggest_slots(start, "2026-06-17 08:00:00", limit=0)
        self.assertNotIn(start, [s["start"] for s in slots])
        with self.assertRaisesRegex(UserError, "no longer available"):
            appointment_type.book_slot(start, self.citizen.id)
        events[0].action_sc_cancel()
        self.assertEqual(events[0].sc_state, "cancelled")
        third = appointment_type.book_slot(start, self.citizen.id)
        self.assertTrue(third)

    @freeze_time("2026-06-15 09:00:00")
    def test_walk_in_share_and_bad_slots_are_refused(self):
        self.appointment_type.walk_in_share = 50.0
        start = "2026-06-17 07:00:00"
        self.appointment_type.book_slot(start, self.citizen.id)
        with self.assertRaises(UserError):
            self.appointment_type.book_slot(start, self.citizen.id)
        for bad in (
            "2026-06-17 07:10:00",
            "2026-06-15 10:00:00",
            "2026-06-20 07:00:00",
        ):
            with self.assertRaises(UserError):
                self.appointment_type.book_slot(bad, self.citizen.id)
        with self.assertRaises(UserError):
            self.appointment_type.book_slot(False, self.citizen.id)
        self.assertEqual(
            self.env["calendar.event"].search_count(
                [("sc_appointment_type_id", "=", self.appointment_type.id)]
            ),
            1,
        )

    @freeze_time("2026-06-15 09:00:00")
    def test_check_in_records_visit(self):
        event = self.env["calendar.event"].browse(
            self.appointment_type.book_slot("2026-06-17 07:00:00", self.citizen.id)
        )
        visit = event.action_sc_check_in()
        self.assertEqual(event.sc_state, "done")
        self.assertEqual(visit.kind, "appointment")
        self.assertEqual(visit.org_unit_id, self.unit)
        visit.action_start_service()
        visit.action_end_service()
        self.assertTrue(visit.service_start and visit.service_end)


@tagged("post_install", "-at_install")
class TestSharedCounters(AppointmentCommon):
    """Counter 2 serves two appointment types: their bookings share its capacity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_b = cls.env["sc.appointment.type"].create(
            {
                "name": "Abmeldung (test)",
                "org_unit_id": cls.unit.id,
                "resource_ids": [Command.set(cls.counters[1].ids)],
                "duration_minutes": 20,
                "lead_time_hours": 24,
                "horizon_weeks": 3,
                "walk_in_share": 0.0,
            }
        )

    def _starts(self, appointment_type):
        return {
            s["start"]
            for s in appointment_type.suggest_slots(
                "2026-06-17 00:00:00", "2026-06-18 00:00:00", limit=0
            )
        }

    @freeze_time("2026-06-15 09:00:00")
    @users("sc_agent_appt")
    def test_booking_type_a_takes_the_shared_counter_from_type_b(self):
        type_a = self.appointment_type.with_user(self.env.user)
        type_b = self.type_b.with_user(self.env.user)
        nine = "2026-06-17 07:00:00"  # 9:00 local
        self.assertIn(nine, self._starts(type_b))
        first = self.env["calendar.event"].browse(
            type_a.book_slot(nine, self.citizen.id)
        )
        # the first booking holds counter 1, so counter 2 stays free for type B
        self.assertEqual(first.sc_resource_id, self.counters[0])
        self.assertIn(nine, self._starts(type_b))
        second = self.env["calendar.event"].browse(
            type_a.book_slot(nine, self.citizen.id)
        )
        self.assertEqual(second.sc_resource_id, self.counters[1])
        # 9:00-9:30 on counter 2 blocks type B's 9:00 and 9:20 slots, not 9:40
        starts_b = self._starts(type_b)
        self.assertNotIn(nine, starts_b)
        self.assertNotIn("2026-06-17 07:20:00", starts_b)
        self.assertIn("2026-06-17 07:40:00", starts_b)
        with self.assertRaisesRegex(UserError, "no longer available"):
            type_b.book_slot(nine, self.citizen.id)
        # cancelling frees counter 2 for type B, which then blocks type A
        second.action_sc_cancel()
        third = self.env["calendar.event"].browse(
            type_b.book_slot("2026-06-17 07:20:00", self.citizen.id)
        )
        self.assertEqual(third.sc_resource_id, self.counters[1])
        self.assertNotIn(nine, self._starts(type_a))
        with self.assertRaisesRegex(UserError, "no longer available"):
            type_a.book_slot(nine, self.citizen.id)
        self.assertEqual(
            self.env["calendar.event"].search_count(
                [
                    ("sc_state", "=", "booked"),
                    ("sc_resource_id", "=", self.counters[1].id),
                ]
            ),
            1,
        )
