# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.sc_knowledge.tools.public_holidays import closures

from .common import SERVICE_HOURS, compute_deadline, make_calendar


@tagged("post_install", "-at_install")
class TestHolidayImport(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = make_calendar(cls.env, "Landratsamt", SERVICE_HOURS)
        cls.manager = new_test_user(
            cls.env, "sc_hol_manager", groups="sc_knowledge.group_manager"
        )
        cls.agent = new_test_user(
            cls.env, "sc_hol_agent", groups="sc_knowledge.group_agent"
        )

    def test_thuringia_closures(self):
        items = closures("TH", [2026], half_day_from=12.0)
        names = {name for name, _start, _stop in items}
        self.assertIn("Weltkindertag", names)
        self.assertIn("Reformationstag", names)
        self.assertEqual(len(items), 11 + 2)
        # Reformation Day 2026: Saturday 31 Oct 00:00 CET .. 1 Nov 00:00 CET (UTC+1).
        self.assertIn(
            ("Reformationstag", datetime(2026, 10, 30, 23), datetime(2026, 10, 31, 23)),
            items,
        )
        # Christmas Eve from noon, Berlin time.
        self.assertIn(
            ("Heiligabend", datetime(2026, 12, 24, 11), datetime(2026, 12, 24, 23)),
            items,
        )
        self.assertNotIn("Heiligabend", {n for n, *_r in closures("TH", [2026])})
        self.assertNotIn("Reformationstag", {n for n, *_r in closures("BY", [2026])})

    def test_state_defaults_to_the_administrations_state(self):
        Wizard = self.env["sc.holiday.import.wizard"].with_user(self.manager)
        self.assertEqual(Wizard.create({}).subdivision, "TH")
        self.env.company.sc_federal_state = "BY"
        self.assertEqual(Wizard.create({}).subdivision, "BY")

    def test_import_into_calendar_is_idempotent_and_moves_deadlines(self):
        wizard = (
            self.env["sc.holiday.import.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "year_from": 2026,
                    "year_to": 2027,
                    "calendar_ids": [(6, 0, self.calendar.ids)],
                }
            )
        )
        self.assertEqual(wizard.subdivision, "TH")
        wizard.action_import()
        leaves = self.calendar.global_leave_ids
        self.assertEqual(len(leaves), 2 * 13)
        wizard.action_import()
        self.assertEqual(len(self.calendar.global_leave_ids), 2 * 13)
        # Fri 17 Sep 2027 17:00 + 2 service hours: Mon 20 Sep is Weltkindertag,
        # so Tue 21 Sep 09:00 CEST.
        result = compute_deadline(
            datetime(2027, 9, 17, 15), 2, calendars=[self.calendar]
        )
        self.assertEqual(result.deadline, datetime(2027, 9, 21, 7))
        # Christmas Eve (Thu) 11:00 + 2 h: closed from noon and on 25/26 Dec,
        # so Mon 28 Dec 09:00 CET.
        result = compute_deadline(
            datetime(2026, 12, 24, 10), 2, calendars=[self.calendar]
        )
        self.assertEqual(result.deadline, datetime(2026, 12, 28, 8))

    def test_bad_year_range_and_rights(self):
        wizard = (
            self.env["sc.holiday.import.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "year_from": 2027,
                    "year_to": 2026,
                    "calendar_ids": [(6, 0, self.calendar.ids)],
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertFalse(self.calendar.global_leave_ids)
        with self.assertRaises(AccessError):
            self.env["sc.holiday.import.wizard"].with_user(self.agent).create({})
