# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import InquiryCase


@tagged("post_install", "-at_install")
class TestForwardReport(MailCommon, InquiryCase):
    """Median response time and on-time rate per unit and month.

    Service hours Mon-Fri 08:00-18:00 (Europe/Berlin); the default policy
    promises 24 service hours, so a forward sent on Mon 2 Mar 2026 08:00 is due
    on Wed 4 Mar 12:00.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls.head = new_test_user(
            cls.env, "sc_inq_report_head", groups="sc_knowledge.group_department_user"
        )
        cls.unit.manager_id = cls.head
        monday = "2026-03-02 07:00:00"  # 08:00 CET
        cls.kfz_march = (
            cls._answered(cls.unit, monday, "2026-03-02 09:00:00")  # 2 h
            | cls._answered(cls.unit, monday, "2026-03-02 11:00:00")  # 4 h
            | cls._answered(cls.unit, monday, "2026-03-04 17:00:00")  # 30 h, late
        )
        # Tue 31 Mar 22:30 UTC is already 1 April in Berlin; answered Wed 1 Apr
        # 09:00 CEST after one working hour.
        cls.kfz_april = cls._answered(
            cls.unit, "2026-03-31 22:30:00", "2026-04-01 07:00:00"
        )
        cls.ordnungsamt_answered = cls._answered(
            cls.other_unit, monday, "2026-03-03 07:00:00"
        )  # 10 h
        with freeze_time("2026-03-03 09:00:00"):
            cls.ordnungsamt_open = cls._forward(
                ticket=cls._ticket(), unit=cls.other_unit
            )
            cls.cancelled = cls._forward(ticket=cls._ticket(), unit=cls.other_unit)
        cls.cancelled.action_cancel()
        cls.Report = cls.env["sc.inquiry.forward.report"]

    @classmethod
    def _ticket(cls):
        return cls.env["helpdesk.ticket"].create(
            {"name": "Anfrage", "description": "<p>x</p>"}
        )

    @classmethod
    def _answered(cls, unit, sent, answered):
        with freeze_time(sent):
            forward = cls._forward(ticket=cls._ticket(), unit=unit)
        with freeze_time(answered):
            forward.with_user(unit.member_ids[:1]).action_mark_answered()
        return forward

    def _figures(self, report, groupby, domain=None):
        if domain is None:  # the test's units only (the database may hold demo data)
            domain = [("org_unit_id", "in", (self.unit | self.other_unit).ids)]
        return {
            tuple(group): (median, round(rate, 2), count)
            for *group, median, rate, count in report._read_group(
                domain,
                groupby,
                ["response_hours:median", "on_time_rate:avg", "__count"],
            )
        }

    def test_response_hours_are_working_hours(self):
        self.assertEqual(
            sorted(self.kfz_march.mapped("response_hours")), [2.0, 4.0, 30.0]
        )
        self.assertEqual(self.kfz_april.response_hours, 1.0)
        self.assertEqual(self.ordnungsamt_answered.response_hours, 10.0)

    def test_median_and_on_time_rate_per_unit_and_month(self):
        figures = self._figures(
            self.Report.with_user(self.agent), ["org_unit_id", "month:month"]
        )
        self.assertEqual(
            figures,
            {
                # 2, 4, 30 h -> median 4; two of three answered by the deadline.
                (self.unit, date(2026, 3, 1)): (4.0, 66.67, 3),
                (self.unit, date(2026, 4, 1)): (1.0, 100.0, 1),
                # The open forward counts but has neither a time nor an outcome.
                (self.other_unit, date(2026, 3, 1)): (10.0, 100.0, 2),
            },
        )

    def test_median_over_months_is_not_a_median_of_medians(self):
        figures = self._figures(self.Report.with_user(self.agent), ["org_unit_id"])
        # 1, 2, 4, 30 h -> 3.0 (the medians per month, 4 and 1, would give 2.5).
        self.assertEqual(figures[(self.unit,)], (3.0, 75.0, 4))
        # The web client asks with the field's own aggregator.
        self.assertEqual(
            self.Report.fields_get(["response_hours"])["response_hours"]["aggregator"],
            "median",
        )
        [group] = self.Report.with_user(self.agent).read_group(
            [("org_unit_id", "=", self.unit.id)],
            ["response_hours", "response_hours_avg"],
            ["org_unit_id"],
        )
        self.assertEqual(group["response_hours"], 3.0)
        self.assertEqual(group["response_hours_avg"], 9.25)

    def test_rows_follow_the_forwards(self):
        rows = self.Report.search(
            [("org_unit_id", "in", (self.unit | self.other_unit).ids)]
        )
        self.assertEqual(len(rows), 6)
        self.assertNotIn(self.cancelled, rows.forward_id)
        late = rows.filtered(lambda r: r.response_hours == 30.0)
        self.assertEqual(late.overdue_count, 1)
        self.assertEqual(late.on_time_rate, 0.0)
        open_row = rows.filtered(lambda r: r.forward_id == self.ordnungsamt_open)
        self.assertEqual(open_row.state, "waiting")
        self.assertFalse(open_row.response_hours)
        self.assertEqual(open_row.channel, "phone")

    def test_department_user_sees_only_own_units(self):
        report = self.Report.with_user(self.clerk)
        rows = report.search([])
        self.assertEqual(rows.org_unit_id, self.unit)
        self.assertEqual(len(rows), 4)
        figures = self._figures(report, ["org_unit_id"], domain=[])
        self.assertEqual(list(figures), [(self.unit,)])
        other_row = self.Report.search(
            [("forward_id", "=", self.ordnungsamt_answered.id)]
        )
        with self.assertRaises(AccessError):
            other_row.with_user(self.clerk).read(["response_hours"])
        # The unit's head (not a member) sees the same as its members.
        self.assertEqual(self.Report.with_user(self.head).search([]), rows)
        # The other unit's clerk sees only the Ordnungsamt.
        self.assertEqual(
            self.Report.with_user(self.other_clerk).search([]).org_unit_id,
            self.other_unit,
        )

    def test_plain_internal_user_has_no_access(self):
        user = new_test_user(self.env, "sc_inq_report_plain", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.Report.with_user(user).search([])
