# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from odoo.tests import BaseCase, tagged

from ..tools.load import (
    LEVEL_HIGH,
    LEVEL_LOW,
    LEVEL_MEDIUM,
    bridge_days,
    expected_walk_ins,
    load_level,
    rank_slots,
    reason,
)
from ..tools.slots import Slot
from .load_reference import walk_in_profile

BERLIN = ZoneInfo("Europe/Berlin")


def history(weeks, today, pattern, weekdays=(0, 1, 2, 3, 4)):
    """Rows (date, hour, visits) for the given weeks before ``today``."""
    rows = []
    for offset in range(1, weeks * 7 + 1):
        day = today - timedelta(days=offset)
        if day.weekday() in weekdays:
            for hour, visits in pattern(day).items():
                rows.append((day, hour, visits))
    return rows


@tagged("post_install", "-at_install")
class TestLoadModel(BaseCase):
    today = date(2026, 6, 15)  # a Monday

    def test_weighted_mean_zero_fill_and_holidays(self):
        # Tuesdays: 8 o'clock always 2 walk-ins, 9 o'clock 10 walk-ins only on
        # one (holiday) Tuesday, which is left out.
        holiday = date(2026, 6, 2)

        def pattern(day):
            return {8: 2, 9: 10} if day == holiday else {8: 2}

        rows = history(4, self.today, pattern, weekdays=(1,))
        profile = walk_in_profile(rows, self.today, excluded_dates=[holiday])
        self.assertAlmostEqual(profile.rate(1, 8), 2.0)
        self.assertEqual(profile.rate(1, 9), 0.0)
        with_holiday = walk_in_profile(rows, self.today)
        self.assertGreater(with_holiday.rate(1, 9), 0.0)
        # a day present without visits in an hour counts as zero: 10 on 1 of 4 days
        self.assertLess(with_holiday.rate(1, 9), 10.0)

    def test_recent_weeks_weigh_more(self):
        # Wednesday 10 o'clock: busy (20) in the last 2 weeks, quiet (0) before
        def pattern(day):
            return {10: 20 if (self.today - day).days <= 14 else 0, 11: 1}

        rows = history(12, self.today, pattern, weekdays=(2,))
        plain = walk_in_profile(rows, self.today, half_life_weeks=1e9)
        recent = walk_in_profile(rows, self.today, half_life_weeks=2)
        self.assertAlmostEqual(plain.rate(2, 10), 20 * 2 / 12, places=3)
        self.assertGreater(recent.rate(2, 10), plain.rate(2, 10) * 1.5)

    def test_expected_walk_ins_across_hours(self):
        profile = walk_in_profile(
            [(date(2026, 6, 9), 8, 6), (date(2026, 6, 9), 9, 12)], self.today
        )
        start = datetime(2026, 6, 16, 8, 40)
        self.assertAlmostEqual(
            expected_walk_ins(profile, start, start + timedelta(minutes=40)),
            6 * 20 / 60 + 12 * 20 / 60,
        )

    def test_levels(self):
        self.assertEqual(load_level(0.0), LEVEL_LOW)
        self.assertEqual(load_level(0.5), LEVEL_MEDIUM)
        self.assertEqual(load_level(0.8), LEVEL_HIGH)

    def test_ranking_on_known_history(self):
        # Tuesdays: 8-9 quiet (1 walk-in/hour), 10-11 busy (12/hour)
        rows = history(8, self.today, lambda day: {8: 1, 9: 4, 10: 12}, (1,))
        profile = walk_in_profile(rows, self.today)

        def slot(hour):
            start = datetime(2026, 6, 16, hour, tzinfo=BERLIN).astimezone(timezone.utc)
            result = Slot(start, start + timedelta(minutes=30), {1, 2})
            return result

        slots = [slot(10), slot(9), slot(8)]
        ranked = rank_slots(slots, profile, BERLIN, service_minutes=20)
        hours = [r.slot.start.astimezone(BERLIN).hour for r in ranked]
        self.assertEqual(hours, [8, 9, 10])
        quiet, middle, busy = ranked
        # 1 arrival/h x 20 min = 1/3 busy counter of 2 -> 1/6
        self.assertAlmostEqual(quiet.score, round(1 / 3 / 2, 4))
        self.assertEqual(quiet.level, LEVEL_LOW)
        self.assertEqual(middle.level, LEVEL_MEDIUM)  # (4/3) / 2
        self.assertEqual(busy.level, LEVEL_HIGH)  # (12/3) / 2
        self.assertTrue(quiet.earliest)
        self.assertEqual(reason(quiet, BERLIN), "dienstags 8–9 Uhr wenig Andrang")
        self.assertEqual(reason(busy, BERLIN), "dienstags 10–11 Uhr viel Andrang")
        # a booking in the quiet slot occupies one of its two counters
        booked = slot(8)
        booked.booked = 1
        (ranked_booked,) = rank_slots([booked], profile, BERLIN, service_minutes=20)
        self.assertAlmostEqual(ranked_booked.score, round((1 + 1 / 3) / 2, 4))
        self.assertEqual(ranked_booked.level, LEVEL_MEDIUM)

    def test_earliest_flag_when_quietest_is_later(self):
        rows = history(4, self.today, lambda day: {8: 30, 9: 0}, (1,))
        profile = walk_in_profile(rows, self.today)
        start = datetime(2026, 6, 16, 6, tzinfo=timezone.utc)
        slots = [
            Slot(start, start + timedelta(minutes=30), {1}),
            Slot(start + timedelta(hours=1), start + timedelta(hours=1.5), {1}),
        ]
        ranked = rank_slots(slots, profile, BERLIN, service_minutes=15)
        self.assertEqual(ranked[0].slot.start.astimezone(BERLIN).hour, 9)
        self.assertFalse(ranked[0].earliest)
        self.assertTrue(ranked[1].earliest)

    def test_bridge_days(self):
        ascension = date(2026, 5, 14)  # Thursday
        reformation = date(2025, 10, 31)  # Friday: no bridge day
        unity = date(2023, 10, 3)  # Tuesday
        self.assertEqual(
            bridge_days([ascension, reformation, unity]),
            {date(2026, 5, 15), date(2023, 10, 2)},
        )
