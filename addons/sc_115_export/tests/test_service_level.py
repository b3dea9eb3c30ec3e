import base64
import csv
import io
from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged, users
from odoo.tests.common import BaseCase
from odoo.tools import SQL

from odoo.addons.sc_115_export.tools.figures import monthly_figures

from .common import XZuFiExportCommon


class TestMonthlyFiguresTool(BaseCase):
    def test_figures_from_rows(self):
        tickets = [
            {
                "channel": "phone",
                "first_contact": True,
                "service": "Kfz",
                "leika_key": "1",
            },
            {
                "channel": "phone",
                "first_contact": True,
                "service": "Kfz",
                "leika_key": "1",
            },
            {"channel": "email", "first_contact": False, "service": "Hund", "count": 2},
            {"channel": "line115", "first_contact": True, "service": None},
        ]
        forwards = [
            {
                "sent_at": datetime(2026, 3, 27, 9),
                "deadline": datetime(2026, 3, 30, 9),
                "answered_at": datetime(2026, 3, 27, 15),
            },
            {
                "sent_at": datetime(2026, 3, 27, 10),
                "deadline": datetime(2026, 3, 28, 10),
                "answered_at": datetime(2026, 3, 30, 10),
            },
            {
                "sent_at": datetime(2026, 3, 31, 10),
                "deadline": None,
                "answered_at": None,
            },
        ]
        figures = monthly_figures(tickets, forwards)
        self.assertEqual(figures["total"], 5)
        self.assertEqual(figures["by_channel"], {"email": 2, "phone": 2, "line115": 1})
        self.assertEqual(figures["first_contact_rate"], 60.0)
        self.assertFalse(figures["first_contact_target_met"])
        self.assertEqual(figures["top_topics"], [("Hund", "", 2), ("Kfz", "1", 2)])
        self.assertEqual(
            (
                figures["forwards"],
                figures["forwards_answered"],
                figures["forwards_in_time"],
            ),
            (3, 2, 1),
        )
        self.assertEqual(figures["forwards_in_time_rate"], 33.3)
        self.assertEqual(figures["median_response_hours"], 39.0)
        self.assertEqual(figures["response_hours_basis"], "clock")
        # With the service hours sc_inquiry_sla stores, those make the median.
        forwards[0]["response_hours"] = 6.0
        forwards[1]["response_hours"] = 9.0
        figures = monthly_figures(tickets, forwards)
        self.assertEqual(figures["median_response_hours"], 7.5)
        self.assertEqual(figures["response_hours_basis"], "service")
        # One answer without them: clock hours for all rather than a mixed median.
        del forwards[1]["response_hours"]
        self.assertEqual(
            monthly_figures(tickets, forwards)["median_response_hours"], 39.0
        )
        empty = monthly_figures([], None)
        self.assertIsNone(empty["first_contact_rate"])
        self.assertFalse(empty["forwards_available"])


@tagged("post_install", "-at_install")
class TestServiceLevel(XZuFiExportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Ticket = cls.env["helpdesk.ticket"].with_company(cls.company)
        rows = [
            # (created UTC, channel, first contact, service)
            (
                datetime(2026, 2, 28, 23, 30),
                "phone",
                True,
                cls.service_trade,
            ),  # 1 March
            (
                datetime(2026, 3, 29, 0, 30),
                "phone",
                True,
                cls.service_trade,
            ),  # DST night
            (datetime(2026, 3, 29, 1, 30), "line115", False, cls.service_residence),
            (datetime(2026, 3, 15, 9, 0), "email", True, cls.service_trade),
            (datetime(2026, 3, 31, 21, 30), "walk_in", False, False),  # 31 March 23:30
            (
                datetime(2026, 3, 31, 22, 30),
                "phone",
                True,
                cls.service_trade,
            ),  # 1 April
        ]
        cls.tickets = Ticket.create(
            [
                {
                    "name": f"Anfrage {index}",
                    "description": "<p>Frage</p>",
                    "sc_channel": channel,
                    "sc_first_contact_resolution": first_contact,
                    "sc_service_id": service.id if service else False,
                    "company_id": cls.company.id,
                }
                for index, (_created, channel, first_contact, service) in enumerate(
                    rows
                )
            ]
        )
        for ticket, (created, *_rest) in zip(cls.tickets, rows, strict=True):
            cls.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
                    created,
                    ticket.id,
                )
            )
        cls.env.invalidate_all()

    @users("xzufi_manager")
    def test_march_in_berlin_time(self):
        report = self.env["sc.service.level.report"].with_company(self.company)
        figures = report._sc_monthly_figures(date(2026, 3, 10), self.company)
        self.assertEqual(figures["total"], 5)
        self.assertEqual(
            figures["by_channel"], {"phone": 2, "email": 1, "line115": 1, "walk_in": 1}
        )
        self.assertEqual(figures["first_contact_rate"], 60.0)
        self.assertEqual(
            figures["top_topics"],
            [
                ("Gewerbe anmelden", "99050012104000", 3),
                ("Wohnsitz anmelden", "99115005104000", 1),
            ],
        )
        # sc_inquiry_sla is not a dependency: without it forwards are not recorded.
        self.assertEqual(
            figures["forwards_available"], "sc.inquiry.forward" in self.env
        )
        april = report._sc_monthly_figures(date(2026, 4, 1), self.company)
        self.assertEqual(april["total"], 1)

    @users("xzufi_manager")
    def test_pivot_groups_by_month_and_channel(self):
        report = self.env["sc.service.level.report"].with_context(tz="Europe/Berlin")
        groups = report._read_group(
            [("company_id", "=", self.company.id)],
            ["create_date:month", "channel"],
            ["__count", "first_contact_rate:avg"],
        )
        march_phone = [
            (count, rate)
            for month, channel, count, rate in groups
            if (month.year, month.month, channel) == (2026, 3, "phone")
        ]
        # Grouped in Berlin time like the CSV: 28 Feb 23:30 UTC is 1 March.
        self.assertEqual(march_phone, [(2, 100.0)])

    @users("xzufi_manager")
    def test_csv_download(self):
        wizard = (
            self.env["sc.service.level.wizard"]
            .with_company(self.company)
            .create({"month": date(2026, 3, 1)})
        )
        action = (
            wizard.with_company(self.company)
            .with_context(lang="de_DE")
            .action_export_csv()
        )
        self.assertIn(f"/web/content/{wizard.attachment_id.id}", action["url"])
        self.assertEqual(wizard.attachment_id.name, "115_kennzahlen_2026_03.csv")
        text = base64.b64decode(wizard.attachment_id.datas).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(rows[1][2], "03/2026")
        self.assertIn(["Anfragen", "", "5"], rows)
        self.assertIn(["Anfragen nach Kanal", "Telefon", "2"], rows)
        self.assertIn(["Erstlösungsquote (%), Ziel 65", "", "60,0"], rows)
        self.assertIn(
            ["Häufigstes Thema", "Gewerbe anmelden (99050012104000)", "3"], rows
        )

    def _csv_rows(self, month):
        wizard = (
            self.env["sc.service.level.wizard"]
            .with_user(self.manager)
            .with_company(self.company)
            .with_context(lang="de_DE")
            .create({"month": month})
        )
        wizard.action_export_csv()
        text = base64.b64decode(wizard.attachment_id.datas).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text), delimiter=";"))

    def test_median_response_time_in_service_hours(self):
        """Soft bridge: with sc_inquiry_sla the forwards and their stored working
        hours (response_hours) make the figures; without it they are "not
        recorded". The full suite installs it, a narrowed run may not."""
        report = (
            self.env["sc.service.level.report"]
            .with_user(self.manager)
            .with_company(self.company)
        )
        if "sc.inquiry.forward" not in self.env:
            figures = report._sc_monthly_figures(date(2026, 3, 1), self.company)
            self.assertFalse(figures["forwards_available"])
            self.assertIn(
                [
                    "Weitergeleitete Anfragen",
                    "",
                    "nicht erfasst (die Fristenverfolgung ist nicht installiert)",
                ],
                self._csv_rows(date(2026, 3, 1)),
            )
            return
        Forward = self.env["sc.inquiry.forward"].with_company(self.company)
        with freeze_time("2026-03-02 08:00:00"):  # Monday 09:00 in Berlin
            forward = Forward.create(
                {"ticket_id": self.tickets[3].id, "org_unit_id": self.unit_kfz.id}
            )
        with freeze_time("2026-03-05 13:00:00"):  # Thursday 14:00 in Berlin
            forward.action_mark_answered()
        # Kfz works Mon 07:30-12 and Thu 13-18: 3 + 1 service hours, 77 clock hours.
        self.assertEqual(forward.response_hours, 4.0)
        figures = report._sc_monthly_figures(date(2026, 3, 1), self.company)
        self.assertEqual((figures["forwards"], figures["forwards_answered"]), (1, 1))
        self.assertEqual(figures["median_response_hours"], 4.0)
        self.assertEqual(figures["response_hours_basis"], "service")
        self.assertIn(
            ["Median-Antwortzeit (Service-Stunden)", "", "4,0"],
            self._csv_rows(date(2026, 3, 1)),
        )

    @users("xzufi_agent")
    def test_agent_cannot_read_figures(self):
        with self.assertRaises(AccessError):
            self.env["sc.service.level.report"]._sc_monthly_figures(date(2026, 3, 1))
