# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

from .common_calls import CallCase, at, call_events

MEASURES = [
    "offered_count:sum",
    "answered_count:sum",
    "in_threshold_count:sum",
    "abandoned_count:sum",
    "short_abandon_count:sum",
    "service_level:avg",
    "abandon_rate:avg",
    "wait_seconds:avg",
    "wait_p90_seconds:p90",
    "handling_seconds:avg",
]


@tagged("post_install", "-at_install")
class TestCallReport(CallCase, BaseCommon):
    """Figures checked against values computed by hand (threshold 30 s, short
    abandons below 5 s)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_calls()
        cls.env.company.write(
            {"sc_call_threshold_seconds": 30, "sc_call_short_abandon_seconds": 5}
        )
        events = (
            call_events("c1", wait=10, talk=100)
            + call_events("c2", wait=30, talk=200)  # exactly at the threshold
            + call_events("c3", wait=31, talk=300)
            + call_events("c4", wait=60)  # abandoned
            + call_events("c5", wait=3)  # short abandon
            # 08:35 on the same Monday
            + call_events("c6", wait=20, talk=120, start=at(35 * 60))
        )
        cls._record(events)
        cls.Report = cls.env["sc.call.report"]

    def _figures(self, groupby=(), user=None):
        report = self.Report.with_user(user) if user else self.Report
        return [
            dict(zip([*groupby, *MEASURES], row, strict=True))
            for row in report._read_group([], list(groupby), MEASURES)
        ]

    def test_totals_by_hand(self):
        [total] = self._figures()
        self.assertEqual(total["offered_count:sum"], 5)
        self.assertEqual(total["answered_count:sum"], 4)
        self.assertEqual(total["in_threshold_count:sum"], 3)
        self.assertEqual(total["abandoned_count:sum"], 1)
        self.assertEqual(total["short_abandon_count:sum"], 1)
        # 3 of 5 offered calls answered within 30 s
        self.assertAlmostEqual(total["service_level:avg"], 60.0)
        self.assertAlmostEqual(total["abandon_rate:avg"], 20.0)
        # waits 10, 20, 30, 31, 60: mean 30.2; p90 = 31 + 0.6 × (60 − 31)
        self.assertAlmostEqual(total["wait_seconds:avg"], 30.2)
        self.assertAlmostEqual(total["wait_p90_seconds:p90"], 48.4)
        # talk 100, 200, 300, 120
        self.assertAlmostEqual(total["handling_seconds:avg"], 180.0)

    def test_by_half_hour_and_weekday(self):
        rows = self._figures(("weekday", "half_hour"))
        by_slot = {(row["weekday"], row["half_hour"]): row for row in rows}
        self.assertEqual(set(by_slot), {("1", "08:00"), ("1", "08:30")})
        self.assertEqual(by_slot["1", "08:00"]["offered_count:sum"], 4)
        self.assertAlmostEqual(by_slot["1", "08:00"]["service_level:avg"], 50.0)
        self.assertAlmostEqual(by_slot["1", "08:30"]["service_level:avg"], 100.0)

    def test_by_agent_day_and_queue(self):
        rows = self._figures(("agent_id", "offered_at:day", "queue"))
        by_agent = {row["agent_id"]: row for row in rows}
        self.assertEqual(set(by_agent), {self.agent, self.env["res.users"]})
        self.assertEqual(by_agent[self.agent]["answered_count:sum"], 4)
        self.assertEqual(by_agent[self.agent]["queue"], "115")
        unanswered = by_agent[self.env["res.users"]]
        self.assertEqual(unanswered["abandoned_count:sum"], 1)
        self.assertEqual(unanswered["short_abandon_count:sum"], 1)

    def test_settings_apply_at_once(self):
        self.env.company.sc_call_threshold_seconds = 20
        [total] = self._figures()
        self.assertAlmostEqual(total["service_level:avg"], 40.0)
        self.env.company.sc_call_short_abandon_seconds = 2
        [total] = self._figures()
        self.assertEqual(total["offered_count:sum"], 6)
        self.assertEqual(total["short_abandon_count:sum"], 0)

    def test_access(self):
        [total] = self._figures(user=self.agent)
        self.assertEqual(total["offered_count:sum"], 5)
        with self.assertRaises(AccessError):
            self._figures(user=self.clerk)
