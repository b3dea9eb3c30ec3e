import base64
import csv
import io
from datetime import date, datetime, timedelta

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
        forwards = {
            "count": 3,
            "answered": 2,
            "on_time": 1,
            "on_time_rate": 100.0 / 3,
            "median_response_hours": 7.25,
        }
        calls = {
            "offered": 5,
            "answered": 4,
            "abandoned": 1,
            "service_level": 60.0,
            "threshold": 30,
            "target": 75.0,
            "average_wait": 30.24,
        }
        figures = monthly_figures(tickets, forwards, calls, 65.0)
        self.assertEqual(figures["total"], 5)
        self.assertEqual(figures["by_channel"], {"email": 2, "phone": 2, "line115": 1})
        self.assertEqual(figures["first_contact_rate"], 60.0)
        self.assertFalse(figures["first_contact_target_met"])
        self.assertTrue(
            monthly_figures(tickets, forwards, calls, 60.0)["first_contact_target_met"]
        )
        self.assertEqual(figures["top_topics"], [("Hund", "", 2), ("Kfz", "1", 2)])
        self.assertEqual(
            (
                figures["forwards"],
                figures["forwards_answered"],
                figures["forwards_in_time"],
                figures["forwards_in_time_rate"],
                figures["median_response_hours"],
            ),
            (3, 2, 1, 33.3, 7.2),
        )
        self.assertEqual(
            (
                figures["calls_offered"],
                figures["calls_answered"],
                figures["calls_abandoned"],
                figures["service_level"],
                figures["service_level_target_met"],
                figures["average_wait_seconds"],
            ),
            (5, 4, 1, 60.0, False, 30.2),
        )
        no_forwards = {
            "count": 0,
            "answered": 0,
            "on_time": 0,
            "on_time_rate": None,
            "median_response_hours": None,
        }
        no_calls = dict(calls, offered=0, answered=0, abandoned=0, service_level=None)
        no_calls["average_wait"] = None
        empty = monthly_figures([], no_forwards, no_calls, 65.0)
        self.assertIsNone(empty["first_contact_rate"])
        self.assertIsNone(empty["first_contact_target_met"])
        self.assertIsNone(empty["forwards_in_time_rate"])
        self.assertIsNone(empty["service_level"])
        self.assertIsNone(empty["service_level_target_met"])
        self.assertIsNone(empty["average_wait_seconds"])


@tagged("post_install", "-at_install")
class TestServiceLevel(XZuFiExportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rows = [
            # (created UTC, channel, outcome, service)
            (datetime(2026, 2, 28, 23, 30), "phone", "closed", cls.service_trade),
            (datetime(2026, 3, 29, 0, 30), "phone", "closed", cls.service_trade),
            (
                datetime(2026, 3, 29, 1, 30),
                "line115",
                "forwarded",
                cls.service_residence,
            ),
            (datetime(2026, 3, 15, 9, 0), "email", "closed", cls.service_trade),
            (datetime(2026, 3, 31, 21, 30), "walk_in", "open", False),  # 23:30 local
            (datetime(2026, 3, 31, 22, 30), "phone", "closed", cls.service_trade),
        ]
        cls.tickets = cls._tickets(rows)

    @classmethod
    def _tickets(cls, rows):
        """Inquiries received at the given moments (UTC) and then closed,
        forwarded to the Kfz office and closed, or left open."""
        channels = cls.env["helpdesk.ticket.channel"].with_company(cls.company)
        tickets = (
            cls.env["helpdesk.ticket"]
            .with_company(cls.company)
            .create(
                [
                    {
                        "name": f"Anfrage {index}",
                        "description": "<p>Frage</p>",
                        "channel_id": channels._sc_for_code(channel).id,
                        "sc_service_id": service.id if service else False,
                        "company_id": cls.company.id,
                    }
                    for index, (_created, channel, _outcome, service) in enumerate(rows)
                ]
            )
        )
        for ticket, (created, _channel, outcome, _service) in zip(
            tickets, rows, strict=True
        ):
            if outcome == "forwarded":
                cls._forward(ticket)
            if outcome in ("closed", "forwarded"):
                ticket.stage_id = ticket._sc_resolved_stage()
            cls.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
                    created,
                    ticket.id,
                )
            )
        cls.env.invalidate_all()
        return tickets

    @classmethod
    def _forward(cls, ticket):
        return (
            cls.env["sc.inquiry.forward"]
            .with_company(cls.company)
            .create({"ticket_id": ticket.id, "org_unit_id": cls.unit_kfz.id})
        )

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
        self.assertEqual(rows[1][2], "März 2026")
        self.assertIn(["Anfragen", "", "5"], rows)
        self.assertIn(["Anfragen nach Kanal", "Telefon", "2"], rows)
        self.assertIn(["Erstlösungsquote (%), Ziel 65,0", "", "60,0"], rows)
        # The target is the company's setting.
        self.company.sc_first_contact_target = 55.5
        self.assertIn(
            ["Erstlösungsquote (%), Ziel 55,5", "", "60,0"],
            self._csv_rows(date(2026, 3, 1)),
        )
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

    def test_figures_are_the_same_after_the_anonymisation(self):
        """The retention period removes the citizens, not the 115 figures."""
        citizen = self.env["res.partner"].create(
            {"name": "Gerlinde Zaunkönig", "email": "gerlinde@example.org"}
        )
        self.tickets.partner_id = citizen
        self.company.sc_retention_days = 30
        report = self.env["sc.service.level.report"].with_company(self.company)
        months = (date(2026, 3, 1), date(2026, 4, 1))
        before = [report._sc_monthly_figures(m, self.company) for m in months]
        with freeze_time(datetime.now() + timedelta(days=60)):
            self.env["sc.data.protection"]._cron_anonymize()
        closed = self.tickets.filtered("stage_id.closed")
        self.assertTrue(closed)
        self.assertTrue(all(closed.mapped("sc_anonymized")))
        self.assertFalse(closed.partner_id)
        after = [report._sc_monthly_figures(m, self.company) for m in months]
        self.assertEqual(after, before)

    def test_median_response_time_in_service_hours(self):
        """The forwards' stored working hours (response_hours) make the median."""
        report = (
            self.env["sc.service.level.report"]
            .with_user(self.manager)
            .with_company(self.company)
        )
        with freeze_time("2026-03-02 08:00:00"):  # Monday 09:00 in Berlin
            forward = self._forward(self.tickets[3])
        with freeze_time("2026-03-05 13:00:00"):  # Thursday 14:00 in Berlin
            forward.action_mark_answered()
        # Kfz works Mon 07:30-12 and Thu 13-18: 3 + 1 service hours, 77 clock hours.
        self.assertEqual(forward.response_hours, 4.0)
        figures = report._sc_monthly_figures(date(2026, 3, 1), self.company)
        self.assertEqual((figures["forwards"], figures["forwards_answered"]), (1, 1))
        self.assertEqual(figures["median_response_hours"], 4.0)
        self.assertIn(
            ["Median-Antwortzeit (Arbeitsstunden)", "", "4,0"],
            self._csv_rows(date(2026, 3, 1)),
        )

    def test_forward_figures_are_those_of_the_forward_statistics(self):
        """On-time rate and median response time have one definition: the 115
        figures show what the forward statistics show for the same month. A
        forward still waiting has no outcome yet and counts in neither rate."""
        unit = self.unit_kfz
        tickets = self.tickets[:3]
        with freeze_time("2026-03-02 08:00:00"):  # Monday 09:00 in Berlin
            forwards = [self._forward(ticket) for ticket in tickets]
        on_time, late, _waiting = forwards
        with freeze_time("2026-03-02 10:00:00"):
            on_time.action_mark_answered()
        with freeze_time("2026-03-30 10:00:00"):  # after the deadline of 19 March
            late.action_mark_answered()
        self.assertTrue(on_time.on_time)
        self.assertFalse(late.on_time)
        figures = self.env["sc.service.level.report"]._sc_monthly_figures(
            date(2026, 3, 1), self.company
        )
        [(count, rate, median)] = self.env["sc.inquiry.forward.report"]._read_group(
            [("org_unit_id", "=", unit.id), ("month", "=", date(2026, 3, 1))],
            [],
            ["__count", "on_time_rate:avg", "response_hours:median"],
        )
        self.assertEqual(figures["forwards"], count)
        self.assertEqual(figures["forwards_in_time_rate"], round(rate, 1))
        self.assertEqual(figures["median_response_hours"], round(median, 1))
        self.assertEqual((figures["forwards"], figures["forwards_in_time"]), (3, 1))
        self.assertEqual(figures["forwards_in_time_rate"], 50.0)

    def test_first_contact_resolution_is_one_rule(self):
        """An inquiry closed without a forward is resolved at first contact,
        answered from the catalog or otherwise; a forwarded one is not, closed
        or not. The ticket analysis and the 115 figures give the same rate."""
        created = datetime(2026, 5, 12, 9, 0)
        closed, forwarded, still_open = self._tickets(
            [
                (created, "phone", "closed", self.service_trade),
                (created, "email", "forwarded", self.service_trade),
                (created, "phone", "open", self.service_trade),
            ]
        )
        from_catalog = self._tickets([(created, "phone", "open", False)])
        wizard = self.env["sc.catalog.answer.wizard"].create(
            {
                "ticket_id": from_catalog.id,
                "service_id": self.service_trade.id,
                "answer_mode": "note",
            }
        )
        wizard.action_answer()
        tickets = closed | forwarded | still_open | from_catalog
        self.assertEqual(
            tickets.mapped("sc_first_contact_resolution"), [True, False, False, True]
        )
        figures = self.env["sc.service.level.report"]._sc_monthly_figures(
            date(2026, 5, 1), self.company
        )
        [(analysis_rate,)] = self.env["helpdesk.ticket"]._read_group(
            [("id", "in", tickets.ids)], [], ["sc_fcr_rate:avg"]
        )
        [(pivot_rate,)] = self.env["sc.service.level.report"]._read_group(
            [("ticket_id", "in", tickets.ids)], [], ["first_contact_rate:avg"]
        )
        self.assertEqual(figures["total"], 4)
        self.assertEqual(figures["first_contact_rate"], 50.0)
        self.assertEqual(analysis_rate, 50.0)
        self.assertEqual(pivot_rate, 50.0)

    def test_service_level_is_that_of_the_reachability_report(self):
        """Calls of March (Berlin time) with the company's threshold: 2 of 3
        offered calls answered within 30 s, a short abandon left out."""
        system = self.env["sc.telephone.system"].create(
            {"name": "Anlage", "code": "sl-test", "company_id": self.company.id}
        )
        events = []
        for call_id, wait, answered, start in (
            ("a", 12, True, 1772434800),  # 2 March 2026 08:00 Berlin
            ("b", 30, True, 1772434800),
            ("c", 50, False, 1772434800),
            ("d", 2, False, 1772434800),  # short abandon
            ("e", 5, True, 1772319600),  # 1 March 00:00 Berlin, 28 Feb in UTC
            ("f", 5, True, 1775001600),  # 1 April 02:00 Berlin
        ):
            events += [
                {"call_id": call_id, "event": "offered", "time": start},
                {
                    "call_id": call_id,
                    "event": "answered" if answered else "abandoned",
                    "time": start + wait,
                },
            ]
        self.env["sc.call"]._sc_apply_events(system, events)
        self.company.write(
            {
                "sc_call_threshold_seconds": 20,
                "sc_call_target": 50.0,
                "sc_call_short_abandon_seconds": 5,
            }
        )
        figures = self.env["sc.service.level.report"]._sc_monthly_figures(
            date(2026, 3, 1), self.company
        )
        # offered a, b, c, e; within 20 s: a, e
        self.assertEqual(
            (
                figures["calls_offered"],
                figures["calls_answered"],
                figures["calls_abandoned"],
                figures["service_level"],
                figures["service_level_target_met"],
                figures["average_wait_seconds"],
            ),
            (4, 3, 1, 50.0, True, 24.2),
        )
        rows = self._csv_rows(date(2026, 3, 1))
        self.assertIn(
            [
                "Servicelevel (%): innerhalb von 20 Sekunden angenommen, Ziel 50,0",
                "",
                "50,0",
            ],
            rows,
        )
        self.assertIn(["Angebotene Anrufe (ohne Kurzaufleger)", "", "4"], rows)

    @users("xzufi_agent")
    def test_agent_cannot_read_figures(self):
        with self.assertRaises(AccessError):
            self.env["sc.service.level.report"]._sc_monthly_figures(date(2026, 3, 1))
