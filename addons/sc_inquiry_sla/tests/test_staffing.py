# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import BaseCase, freeze_time, tagged

from odoo.addons.base.tests.common import BaseCommon

from ..tools.erlang import agents_needed, traffic_erlangs
from ..tools.staffing import History, add_presence, date_range, slot_start_utc
from .common import SERVICE_HOURS, make_calendar
from .common_calls import CallCase

EIGHT = 16  # the half-hour 08:00–08:30
DECAY_SUM = sum(0.75**k for k in range(8))


@tagged("post_install", "-at_install")
class TestStaffingTools(BaseCase):
    def _history(self, counts, first, last, holidays=()):
        return History(counts, list(date_range(first, last)), set(holidays))

    def test_recent_weeks_weigh_more(self):
        # Mondays 2 and 9 March; the history ends on Sunday 15 March.
        history = self._history(
            {
                (date(2026, 3, 2), EIGHT): (10, 10, 1000),
                (date(2026, 3, 9), EIGHT): (20, 20, 4000),
            },
            date(2026, 3, 2),
            date(2026, 3, 15),
        )
        calls, aht = history.forecast(date(2026, 3, 16), EIGHT)
        # (0.75 × 10 + 1 × 20) / (0.75 + 1)
        self.assertAlmostEqual(calls, 27.5 / 1.75)
        # (0.75 × 1000 + 4000) / (0.75 × 10 + 20)
        self.assertAlmostEqual(aht, 4750 / 27.5)
        self.assertEqual(history.forecast(date(2026, 3, 16), EIGHT + 1)[0], 0.0)
        self.assertEqual(history.forecast(date(2026, 3, 17), EIGHT)[0], 0.0)

    def test_holidays_and_the_days_after_apart(self):
        # Wednesday 4 March taken as a holiday: Thursday 5 March is a day
        # after a holiday with three times the calls of a normal Thursday.
        history = self._history(
            {
                (date(2026, 3, 4), EIGHT): (99, 99, 0),
                (date(2026, 3, 5), EIGHT): (30, 30, 3000),
                (date(2026, 3, 12), EIGHT): (10, 10, 1000),
            },
            date(2026, 3, 2),
            date(2026, 3, 15),
            holidays=[date(2026, 3, 4)],
        )
        self.assertAlmostEqual(history.forecast(date(2026, 3, 19), EIGHT)[0], 10.0)
        self.assertEqual(history.after_holiday_factor, 3.0)
        # the holiday's own calls stay out of the Wednesday profile
        self.assertEqual(history.forecast(date(2026, 3, 18), EIGHT)[0], 0.0)
        future = History(history.counts, [date(2026, 3, 12)], {date(2026, 3, 25)})
        future.after_holiday_factor = 3.0
        self.assertEqual(future.forecast(date(2026, 3, 25), EIGHT)[0], 0.0)
        self.assertAlmostEqual(future.forecast(date(2026, 3, 26), EIGHT)[0], 30.0)

    def test_half_hours_in_berlin(self):
        self.assertEqual(
            slot_start_utc(date(2026, 3, 2), EIGHT), datetime(2026, 3, 2, 7)
        )
        self.assertEqual(
            slot_start_utc(date(2026, 7, 6), EIGHT), datetime(2026, 7, 6, 6)
        )
        presence = defaultdict(float)
        berlin = slot_start_utc(date(2026, 3, 2), EIGHT)
        begin = berlin.replace(tzinfo=timezone.utc) + timedelta(minutes=15)
        add_presence(presence, begin, begin + timedelta(minutes=60))
        self.assertEqual(
            dict(presence),
            {
                berlin: 0.5,
                berlin + timedelta(minutes=30): 1.0,
                berlin + timedelta(minutes=60): 0.5,
            },
        )


@tagged("post_install", "-at_install")
class TestStaffingForecast(CallCase, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_calls()
        cls.calendar = make_calendar(cls.env, "Servicecenter", SERVICE_HOURS)
        cls.env.company.write(
            {
                "sc_resource_calendar_id": cls.calendar.id,
                "sc_call_threshold_seconds": 30,
                "sc_call_target": 75.0,
            }
        )
        cls.resource = cls.env["resource.resource"].create(
            {
                "name": "Anna Agent",
                "user_id": cls.agent.id,
                "calendar_id": cls.calendar.id,
            }
        )
        # Mondays 2 March (10 calls) and 9 March (20 calls), 08:00–08:30 Berlin,
        # each answered after 5 s with 180 s talk.
        events = []
        for day, count in ((date(2026, 3, 2), 10), (date(2026, 3, 9), 20)):
            start = slot_start_utc(day, EIGHT)
            for index in range(count):
                offered = int((start - datetime(1970, 1, 1)).total_seconds()) + index
                ref = f"{day}-{index}"
                events += [
                    {"call_id": ref, "event": "offered", "time": offered},
                    {"call_id": ref, "event": "answered", "time": offered + 5},
                    {"call_id": ref, "event": "ended", "time": offered + 185},
                ]
        cls._record(events)

    @freeze_time("2026-03-16 05:00:00")
    def _forecast(self, day, user=None):
        calls = self.env["sc.call"].with_user(user) if user else self.env["sc.call"]
        return {row["start"]: row for row in calls.staffing_forecast(day, day)}

    def test_monday_eight_by_hand(self):
        rows = self._forecast(date(2026, 3, 16))
        row = rows["2026-03-16 07:00:00"]
        self.assertEqual(
            set(row),
            {
                "start",
                "calls",
                "aht_seconds",
                "agents_needed",
                "service_level_needed",
                "wait_needed",
                "agents_planned",
                "service_level_planned",
                "wait_planned",
            },
        )
        # Eight Mondays of history, only the last two with calls.
        calls = (0.75 * 10 + 20) / DECAY_SUM
        self.assertEqual(row["calls"], round(calls, 1))
        self.assertEqual(row["aht_seconds"], 180)
        # A = 0.76 Erlang: one agent reaches 27 %, two reach 83 % in 30 s.
        self.assertEqual(row["agents_needed"], 2)
        self.assertEqual(agents_needed(traffic_erlangs(calls, 180), 180, 30, 0.75), 2)
        self.assertAlmostEqual(row["service_level_needed"], 82.8, delta=0.1)
        self.assertGreaterEqual(row["agents_planned"], 1)
        # no calls in the evening, and nobody planned
        self.assertNotIn("2026-03-16 19:00:00", rows)

    def test_leave_lowers_the_agents_planned(self):
        before = self._forecast(date(2026, 3, 16))["2026-03-16 07:00:00"]
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Urlaub",
                "resource_id": self.resource.id,
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 15, 23),
                "date_to": datetime(2026, 3, 16, 22),
            }
        )
        after = self._forecast(date(2026, 3, 16))["2026-03-16 07:00:00"]
        self.assertEqual(after["agents_planned"], before["agents_planned"] - 1)

    def test_public_holiday_has_no_calls(self):
        rows = self._forecast(date(2026, 4, 6))  # Easter Monday
        self.assertFalse([row for row in rows.values() if row["calls"]])

    def test_manager_plan_marks_missed_half_hours(self):
        plan = (
            self.env["sc.staffing.plan"]
            .with_user(self.manager)
            .create({"date_from": date(2026, 3, 16), "date_to": date(2026, 3, 16)})
        )
        with freeze_time("2026-03-16 05:00:00"):
            action = plan.action_compute()
        self.assertEqual(action["res_model"], "sc.staffing.plan.line")
        line = plan.line_ids.filtered(lambda line: line.half_hour == "08:00")
        self.assertEqual(line.agents_needed, 2)
        self.assertEqual(line.missed, line.agents_planned < 2)

    def test_access_and_bad_periods(self):
        self.assertTrue(self._forecast(date(2026, 3, 16), user=self.agent))
        with self.assertRaises(AccessError):
            self._forecast(date(2026, 3, 16), user=self.clerk)
        with self.assertRaises(ValidationError):
            self.env["sc.call"].staffing_forecast("2026-03-20", "2026-03-16")
        with self.assertRaises(ValidationError):
            self.env["sc.call"].staffing_forecast("2026-03-01", "2026-12-31")
        with self.assertRaises(AccessError):
            self.env["sc.staffing.plan"].with_user(self.agent).create({})
