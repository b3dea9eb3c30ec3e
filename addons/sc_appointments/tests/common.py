# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

BERLIN = ZoneInfo("Europe/Berlin")
UTC = timezone.utc


def berlin_to_utc(*args):
    """Naive UTC datetime (as Odoo stores it) of a Europe/Berlin wall-clock time."""
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC).replace(tzinfo=None)


class AppointmentCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Kfz opening hours (test)",
                "tz": "Europe/Berlin",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8.0,
                            "hour_to": 12.0,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        cls.unit_partner = cls.env["res.partner"].create(
            {
                "name": "Kfz-Zulassung (test)",
                "street": "Im Schloss 2",
                "zip": "07607",
                "city": "Eisenberg",
            }
        )
        cls.unit = cls.env["sc.org.unit"].create(
            {
                "name": "Kfz-Zulassung (test)",
                "partner_id": cls.unit_partner.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.other_unit = cls.env["sc.org.unit"].create({"name": "Ordnungsamt (test)"})
        cls.service = cls.env["sc.service"].create(
            {
                "name": "Fahrzeug zulassen (test)",
                "state": "published",
                "document_ids": [
                    Command.create({"name": "Personalausweis", "sequence": 1}),
                    Command.create({"name": "Zulassungsbescheinigung Teil II"}),
                ],
            }
        )
        cls.counters = cls.env["resource.resource"].create(
            [
                {
                    "name": f"Schalter {n}",
                    "resource_type": "material",
                    "calendar_id": cls.calendar.id,
                    "tz": "Europe/Berlin",
                }
                for n in (1, 2)
            ]
        )
        cls.appointment_type = cls.env["sc.appointment.type"].create(
            {
                "name": "Zulassung (test)",
                "org_unit_id": cls.unit.id,
                "service_ids": [Command.set(cls.service.ids)],
                "resource_ids": [Command.set(cls.counters.ids)],
                "location": "Raum 0.12",
                "duration_minutes": 30,
                "lead_time_hours": 24,
                "horizon_weeks": 3,
                "walk_in_share": 0.0,
            }
        )
        cls.citizen = cls.env["res.partner"].create(
            {"name": "Erika Mustermann", "email": "erika@example.com", "lang": "de_DE"}
        )
        cls.agent = new_test_user(
            cls.env, login="sc_agent_appt", groups="sc_knowledge.group_agent"
        )
        cls.department_user = new_test_user(
            cls.env,
            login="sc_dept_appt",
            groups="sc_knowledge.group_department_user",
        )
        cls.unit.member_ids = [Command.link(cls.department_user.id)]
