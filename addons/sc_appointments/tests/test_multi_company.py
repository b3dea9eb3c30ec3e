# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.sc_knowledge.tests.common import TwoCompaniesMixin

from .common import AppointmentCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(AppointmentCommon, TwoCompaniesMixin):
    """Appointments and visits of two districts in one database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_two_companies(prefix="sc_appt_mc")
        company_b = cls.company_b.id
        calendar_b = cls.calendar.copy({"company_id": company_b})
        cls.unit_b = cls.env["sc.org.unit"].create(
            {
                "name": "Kfz-Zulassung Nachbarkreis",
                "resource_calendar_id": calendar_b.id,
                "company_id": company_b,
            }
        )
        cls.type_b = cls.env["sc.appointment.type"].create(
            {
                "name": "Zulassung Nachbarkreis",
                "company_id": company_b,
                "org_unit_id": cls.unit_b.id,
                "resource_ids": [
                    Command.create(
                        {
                            "name": "Schalter B",
                            "resource_type": "material",
                            "calendar_id": calendar_b.id,
                            "company_id": company_b,
                        }
                    )
                ],
                "walk_in_share": 0.0,
            }
        )
        cls.citizen_b = cls.env["res.partner"].create(
            {"name": "Max Mustermann", "company_id": company_b}
        )
        with freeze_time("2026-06-15 05:00:00"):
            cls.event_a, cls.event_b = (
                cls.env["calendar.event"].browse(
                    appointment_type.book_slot("2026-06-17 07:00:00", citizen.id)
                )
                for appointment_type, citizen in (
                    (cls.appointment_type, cls.citizen),
                    (cls.type_b, cls.citizen_b),
                )
            )
        cls.visit_a, cls.visit_b = cls.env["sc.visit"].create(
            [
                {"org_unit_id": cls.unit.id, "partner_id": cls.citizen.id},
                {"org_unit_id": cls.unit_b.id, "partner_id": cls.citizen_b.id},
            ]
        )

    def test_bookings_with_citizen_names_are_separated(self):
        self.assertEqual(self.event_b.sc_company_id, self.company_b)
        self.assertIn("Max Mustermann", self.event_b.name)
        self.assertCompaniesSeparated(self.event_a, self.event_b, "name")
        self.assertCompaniesSeparated(
            self.event_a.attendee_ids, self.event_b.attendee_ids, "common_name"
        )

    def test_visits_are_separated(self):
        self.assertEqual(self.visit_a.company_id, self.company_a)
        self.assertEqual(self.visit_b.company_id, self.company_b)
        self.assertCompaniesSeparated(self.visit_a, self.visit_b, "partner_id")

    def test_appointment_types_are_separated(self):
        self.assertCompaniesSeparated(self.appointment_type, self.type_b)
        with freeze_time("2026-06-15 05:00:00"), self.assertRaises(AccessError):
            self.type_b.with_user(self.user_a).book_slot(
                "2026-06-17 08:00:00", self.citizen.id
            )

    def test_ordinary_meetings_stay_visible_across_companies(self):
        meeting = (
            self.env["calendar.event"]
            .with_user(self.user_b)
            .with_context(no_mail_to_attendees=True)
            .create(
                {
                    "name": "Abstimmung der Landkreise",
                    "start": "2026-06-18 08:00:00",
                    "stop": "2026-06-18 09:00:00",
                    "partner_ids": [Command.link(self.user_a.partner_id.id)],
                }
            )
        )
        self.assertFalse(meeting.sc_company_id)
        self.assertEqual(
            self.env["calendar.event"]
            .with_user(self.user_a)
            .search([("id", "=", meeting.id)]),
            meeting,
        )
        meeting.attendee_ids.with_user(self.user_a).read(["state"])

    def test_links_stay_in_one_company(self):
        with self.assertRaises(UserError):
            self.env["sc.appointment.type"].create(
                {"name": "Gemischt", "org_unit_id": self.unit_b.id}
            )
        with self.assertRaises(UserError):
            self.appointment_type.resource_ids = self.type_b.resource_ids
        service_b = self.env["sc.service"].create(
            {"name": "Leistung Nachbarkreis", "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError):
            self.env["sc.visit"].create(
                {"org_unit_id": self.unit.id, "service_id": service_b.id}
            )
