# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

import pytz

from odoo import fields
from odoo.tests import BaseCase, freeze_time, tagged

from odoo.addons.base.tests.common import BaseCommon

from ..tools.deadline import (
    UNIT_DAYS,
    DeadlineRequest,
    WorkTimeline,
    compute_deadlines,
    is_working_time,
)
from .common import SERVICE_HOURS, compute_deadline, make_calendar

BERLIN = pytz.timezone("Europe/Berlin")


def berlin(*args):
    """Naive UTC datetime of a wall-clock time in Berlin."""
    return BERLIN.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestWorkTimeline(BaseCase):
    """The pure-Python timeline, without a database."""

    def setUp(self):
        super().setUp()
        # Mon 2 Mar 2026 and Tue 3 Mar 2026, 08:00-12:00 and 13:00-17:00.
        self.timeline = WorkTimeline.from_intervals(
            [
                (
                    BERLIN.localize(datetime(2026, 3, day, a)),
                    BERLIN.localize(datetime(2026, 3, day, b)),
                )
                for day in (2, 3)
                for a, b in ((8, 12), (13, 17))
            ]
        )

    def ts(self, *args):
        return BERLIN.localize(datetime(*args)).timestamp()

    def test_hours_skip_lunch_and_night(self):
        self.assertEqual(
            self.timeline.add_hours(self.ts(2026, 3, 2, 11), 2), self.ts(2026, 3, 2, 14)
        )
        self.assertEqual(
            self.timeline.add_hours(self.ts(2026, 3, 2, 16), 2), self.ts(2026, 3, 3, 9)
        )

    def test_start_outside_work_begins_next_morning(self):
        self.assertEqual(
            self.timeline.add_hours(self.ts(2026, 3, 2, 20), 1), self.ts(2026, 3, 3, 9)
        )

    def test_exact_end_of_interval_is_not_pushed_forward(self):
        self.assertEqual(
            self.timeline.add_hours(self.ts(2026, 3, 2, 8), 4), self.ts(2026, 3, 2, 12)
        )

    def test_out_of_range_returns_none(self):
        self.assertIsNone(self.timeline.add_hours(self.ts(2026, 3, 2, 8), 17))
        self.assertIsNone(self.timeline.add_working_days(self.ts(2026, 3, 2, 8), 2))

    def test_working_day_counts_from_next_day(self):
        self.assertEqual(
            self.timeline.add_working_days(self.ts(2026, 3, 2, 9), 1),
            self.ts(2026, 3, 3, 17),
        )

    def test_reminder_share(self):
        deadline, reminder = self.timeline.plan(
            self.ts(2026, 3, 2, 8), 8, "hours", 0.75
        )
        self.assertEqual(deadline, self.ts(2026, 3, 2, 17))
        self.assertEqual(reminder, self.ts(2026, 3, 2, 15))

    def test_negative_amount_is_the_start(self):
        deadline, _reminder = self.timeline.plan(self.ts(2026, 3, 2, 9), -3, "hours")
        self.assertEqual(deadline, self.ts(2026, 3, 2, 9))


@tagged("post_install", "-at_install")
class TestDeadline(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April (Thuringia).
        cls.calendar = make_calendar(
            cls.env,
            "Service hours",
            SERVICE_HOURS,
            leaves=[
                ("Karfreitag", berlin(2026, 4, 3, 0), berlin(2026, 4, 3, 23, 59, 59)),
                ("Ostermontag", berlin(2026, 4, 6, 0), berlin(2026, 4, 6, 23, 59, 59)),
                (
                    "Heiligabend",
                    berlin(2026, 12, 24, 12),
                    berlin(2026, 12, 24, 23, 59, 59),
                ),
            ],
        )
        short_friday = dict(SERVICE_HOURS)
        short_friday[4] = (8.0, 12.0)
        cls.short_friday = make_calendar(cls.env, "Short Friday", short_friday)
        cls.empty = make_calendar(cls.env, "No attendance", {})

    def test_spring_forward(self):
        # Fri 27 Mar 2026 16:00 CET; clocks go forward on Sun 29 Mar.
        # 2 h Friday + 10 h Monday + 10 h Tuesday + 2 h Wednesday.
        result = compute_deadline(
            berlin(2026, 3, 27, 16), 24, calendars=[self.calendar]
        )
        self.assertEqual(result.deadline, berlin(2026, 4, 1, 10))
        self.assertEqual(result.deadline, datetime(2026, 4, 1, 8))  # CEST = UTC+2
        self.assertEqual(result.calendar_id, self.calendar.id)

    def test_fall_back(self):
        # Fri 23 Oct 2026 10:00 CEST; clocks go back on Sun 25 Oct.
        result = compute_deadline(
            berlin(2026, 10, 23, 10), 24, calendars=[self.calendar]
        )
        self.assertEqual(result.deadline, datetime(2026, 10, 27, 13))  # 14:00 CET

    def test_public_holidays_are_skipped(self):
        # Maundy Thursday 2 Apr 2026 14:00: 4 h, then Good Friday and Easter Monday off.
        result = compute_deadline(berlin(2026, 4, 2, 14), 24, calendars=[self.calendar])
        self.assertEqual(result.deadline, berlin(2026, 4, 8, 18))

    def test_half_day_closure(self):
        # Christmas Eve 2026 (Thu) closes at noon (a leave of the calendar); the
        # two Christmas holidays of the federal state close although they are no
        # leaves here, so the third hour is on Monday 28 December.
        result = compute_deadline(
            berlin(2026, 12, 24, 10), 3, calendars=[self.calendar]
        )
        self.assertEqual(result.deadline, berlin(2026, 12, 28, 9))

    def test_same_as_core_plan_hours(self):
        start = berlin(2026, 3, 27, 16)
        core = self.calendar.plan_hours(24, start, compute_leaves=True)
        ours = compute_deadline(start, 24, calendars=[self.calendar]).deadline
        self.assertEqual(ours, core)

    def test_working_days_follow_the_real_calendar(self):
        # Thu 5 Mar 2026 15:00, two working days: Fri (short, ends 12:00) and Mon.
        start = berlin(2026, 3, 5, 15)
        result = compute_deadline(start, 1, UNIT_DAYS, [self.short_friday])
        self.assertEqual(result.deadline, berlin(2026, 3, 6, 12))
        result = compute_deadline(start, 2, UNIT_DAYS, [self.short_friday])
        self.assertEqual(result.deadline, berlin(2026, 3, 9, 18))
        # Over Easter: Thu 2 Apr -> Tue 7 Apr is the first working day.
        result = compute_deadline(berlin(2026, 4, 2, 9), 1, UNIT_DAYS, [self.calendar])
        self.assertEqual(result.deadline, berlin(2026, 4, 7, 18))

    def test_reminder_at_share_of_working_time(self):
        result = compute_deadline(
            berlin(2026, 3, 27, 16), 24, calendars=[self.calendar], reminder_share=0.75
        )
        # 18 working hours after Fri 16:00: Tue 31 Mar 14:00 CEST.
        self.assertEqual(result.reminder_at, berlin(2026, 3, 31, 14))

    def test_fallback_chain_never_fails(self):
        start = berlin(2026, 3, 2, 8)
        result = compute_deadline(start, 10, calendars=[self.empty, self.short_friday])
        self.assertEqual(result.calendar_id, self.short_friday.id)
        self.assertEqual(result.deadline, berlin(2026, 3, 2, 18))
        result = compute_deadline(start, 10, calendars=[self.empty])
        self.assertFalse(result.calendar_id)
        self.assertEqual(result.deadline, berlin(2026, 3, 2, 18))
        result = compute_deadline(start, 2, UNIT_DAYS, calendars=[])
        self.assertEqual(result.deadline, berlin(2026, 3, 5, 0))

    def test_calendar_closed_for_years_falls_back(self):
        closed = make_calendar(
            self.env,
            "Closed",
            SERVICE_HOURS,
            leaves=[("Closed", datetime(2026, 1, 1), datetime(2030, 1, 1))],
        )
        self.assertFalse(
            closed.plan_hours(24, datetime(2026, 3, 2, 8), compute_leaves=True)
        )
        result = compute_deadline(
            datetime(2026, 3, 2, 8), 24, calendars=[closed, self.calendar]
        )
        self.assertEqual(result.calendar_id, self.calendar.id)

    def test_calendar_chain_of_company(self):
        company = self.env.company
        company.sc_resource_calendar_id = self.short_friday
        company.resource_calendar_id = self.calendar
        self.assertEqual(
            tuple(company._sc_calendars(self.env["resource.calendar"])),
            (self.short_friday, self.calendar),
        )
        self.assertEqual(
            tuple(company._sc_calendars(self.calendar)),
            (self.calendar, self.short_friday),
        )
        company.sc_resource_calendar_id = False
        self.assertEqual(tuple(company._sc_calendars()), (self.calendar,))

    def test_federal_state_holidays_close_without_leaves(self):
        """Corpus Christi (Thu 4 June 2026) is a holiday in Bavaria, not in
        Thuringia; nobody entered it as a leave of the calendar."""
        calendar = make_calendar(self.env, "Without leaves", SERVICE_HOURS)
        start = berlin(2026, 6, 3, 16)
        self.assertEqual(self.env.company.sc_federal_state, "TH")
        self.assertEqual(
            compute_deadline(start, 4, calendars=[calendar]).deadline,
            berlin(2026, 6, 4, 10),
        )
        self.assertTrue(is_working_time(berlin(2026, 6, 4, 10), (calendar,)))
        self.env.company.sc_federal_state = "BY"
        self.assertEqual(
            compute_deadline(start, 4, calendars=[calendar]).deadline,
            berlin(2026, 6, 5, 10),
        )
        self.assertFalse(is_working_time(berlin(2026, 6, 4, 10), (calendar,)))

    def test_batch_queries_each_calendar_once(self):
        starts = [berlin(2026, 3, 2, 8 + i % 10, i % 60) for i in range(300)]
        requests = [
            DeadlineRequest(
                i, start, 24, calendars=(self.calendar if i % 2 else self.short_friday,)
            )
            for i, start in enumerate(starts)
        ]
        calls = []
        original = type(self.calendar)._work_intervals_batch

        def counting(calendar, *args, **kwargs):
            calls.append(calendar.id)
            return original(calendar, *args, **kwargs)

        self.patch(type(self.calendar), "_work_intervals_batch", counting)
        results = compute_deadlines(requests)
        self.assertEqual(
            sorted(calls), sorted([self.calendar.id, self.short_friday.id])
        )
        self.assertEqual(len(results), 300)
        for request in requests[:20]:
            single = request.calendars[0].plan_hours(
                24, request.start, compute_leaves=True
            )
            self.assertEqual(results[request.key].deadline, single)

    @freeze_time("2026-10-23 08:00:00")
    def test_now_before_fall_back(self):
        # Sent now (Fri 10:00 CEST), 24 service hours on the calendar: Tue 14:00 CET.
        result = compute_deadline(fields.Datetime.now(), 24, calendars=[self.calendar])
        self.assertEqual(result.deadline, datetime(2026, 10, 27, 13))
