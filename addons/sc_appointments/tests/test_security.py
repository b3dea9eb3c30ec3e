# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import AppointmentCommon


@tagged("post_install", "-at_install")
class TestAccess(AppointmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_type = cls.env["sc.appointment.type"].create(
            {
                "name": "Ordnungsamt (test)",
                "org_unit_id": cls.other_unit.id,
                "resource_ids": [Command.set(cls.counters.ids)],
                "walk_in_share": 0.0,
            }
        )
        with freeze_time("2026-06-15 05:00:00"):
            cls.own_event = cls.env["calendar.event"].browse(
                cls.appointment_type.book_slot("2026-06-17 07:00:00", cls.citizen.id)
            )
            cls.other_event = cls.env["calendar.event"].browse(
                cls.other_type.book_slot("2026-06-17 07:00:00", cls.citizen.id)
            )
        cls.own_visit, cls.other_visit = cls.env["sc.visit"].create(
            [
                {"org_unit_id": cls.unit.id},
                {"org_unit_id": cls.other_unit.id},
            ]
        )
        cls.private_event = cls.env["calendar.event"].create(
            {
                "name": "Teambesprechung",
                "start": "2026-06-18 08:00:00",
                "stop": "2026-06-18 09:00:00",
            }
        )

    @users("sc_dept_appt")
    def test_department_user_sees_own_unit_bookings_only(self):
        events = self.env["calendar.event"].search(
            [("sc_appointment_type_id", "!=", False)]
        )
        self.assertIn(self.own_event, events)
        self.assertNotIn(self.other_event, events)
        self.assertEqual(events.sc_org_unit_id, self.unit)
        self.env["calendar.event"].browse(self.own_event.id).read(["sc_state"])
        with self.assertRaises(AccessError):
            self.env["calendar.event"].browse(self.other_event.id).read(["name"])
        # ordinary calendar events stay visible
        self.env["calendar.event"].browse(self.private_event.id).read(["name"])

    @users("sc_dept_appt")
    def test_department_user_sees_own_unit_visits_only(self):
        visits = self.env["sc.visit"].search([])
        self.assertIn(self.own_visit, visits)
        self.assertNotIn(self.other_visit, visits)
        with self.assertRaises(AccessError):
            self.env["sc.visit"].browse(self.other_visit.id).read(["arrival"])

    @users("sc_dept_appt")
    def test_department_user_cannot_configure_types(self):
        appointment_type = self.env["sc.appointment.type"].browse(
            self.appointment_type.id
        )
        self.assertEqual(appointment_type.name, "Zulassung (test)")
        with self.assertRaises(AccessError):
            appointment_type.write({"duration_minutes": 5})
        with self.assertRaises(AccessError):
            self.env["sc.appointment.booking"].create({"partner_id": self.citizen.id})

    @users("sc_agent_appt")
    def test_agent_sees_all_bookings_but_cannot_configure(self):
        events = self.env["calendar.event"].search(
            [("sc_appointment_type_id", "!=", False)]
        )
        self.assertIn(self.own_event, events)
        self.assertIn(self.other_event, events)
        with self.assertRaises(AccessError):
            self.env["sc.appointment.type"].create(
                {"name": "Neu", "org_unit_id": self.unit.id}
            )
        with self.assertRaises(AccessError):
            self.env["calendar.event"].browse(self.own_event.id).sc_access_token  # noqa: B018
