# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user

from ..tools.deadline import UNIT_HOURS, DeadlineRequest, compute_deadlines


def compute_deadline(start, amount, unit=UNIT_HOURS, calendars=(), reminder_share=0.0):
    """One deadline through the batch function the addon uses."""
    request = DeadlineRequest(
        None, start, amount, unit, tuple(calendars), reminder_share
    )
    return compute_deadlines([request])[None]


def make_calendar(env, name, hours_by_weekday, tz="Europe/Berlin", leaves=()):
    """A resource.calendar with {weekday: (from, to)} and global leaves.

    ``leaves`` are (name, start, stop) in naive UTC.
    """
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": tz,
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"{name} {weekday}",
                        "dayofweek": str(weekday),
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "day_period": "morning" if hour_to <= 12 else "afternoon",
                    }
                )
                for weekday, (hour_from, hour_to) in hours_by_weekday.items()
            ],
            "global_leave_ids": [
                Command.create({"name": leave, "date_from": start, "date_to": stop})
                for leave, start, stop in leaves
            ],
        }
    )


SERVICE_HOURS = {weekday: (8.0, 18.0) for weekday in range(5)}


class InquiryCase:
    """Mixin building a small service center: calendar, two units, users, a ticket."""

    @classmethod
    def _setup_service_center(cls):
        env = cls.env
        cls.calendar = make_calendar(env, "Service center hours", SERVICE_HOURS)
        env.company.sc_resource_calendar_id = cls.calendar
        cls.agent = new_test_user(
            env,
            "sc_inq_agent",
            groups="sc_knowledge.group_agent",
            email="agent@servicecenter.example",
            name="Anna Agent",
            lang="en_US",
        )
        cls.clerk = new_test_user(
            env,
            "sc_inq_clerk",
            groups="sc_knowledge.group_department_user",
            email="clerk@kfz.example",
            name="Karl Clerk",
        )
        cls.other_clerk = new_test_user(
            env,
            "sc_inq_other_clerk",
            groups="sc_knowledge.group_department_user",
            email="clerk@ordnungsamt.example",
            name="Olga Other",
        )
        cls.unit = env["sc.org.unit"].create(
            {
                "name": "Kfz-Zulassungsbehörde",
                "forward_email": "zulassung@kfz.example",
                "member_ids": [Command.link(cls.clerk.id)],
            }
        )
        cls.other_unit = env["sc.org.unit"].create(
            {
                "name": "Ordnungsamt",
                "forward_email": "ordnungsamt@ordnungsamt.example",
                "member_ids": [Command.link(cls.other_clerk.id)],
            }
        )
        cls.service = env["sc.service"].create(
            {
                "name": "Fahrzeug zulassen",
                "state": "published",
                "main_org_unit_id": cls.unit.id,
                "org_unit_ids": [Command.link(cls.unit.id)],
            }
        )
        cls.citizen = env["res.partner"].create(
            {"name": "Clara Citizen", "email": "clara@citizen.example", "lang": "en_US"}
        )
        cls.ticket = (
            env["helpdesk.ticket"]
            .with_user(cls.agent)
            .create(
                {
                    "name": "Wunschkennzeichen reservieren",
                    "description": "<p>Wie reserviere ich ein Wunschkennzeichen?</p>",
                    "partner_id": cls.citizen.id,
                    "partner_email": cls.citizen.email,
                    "sc_service_id": cls.service.id,
                }
            )
        )

    @classmethod
    def _forward(cls, ticket=None, user=None, unit=None):
        """Forward through the wizard as the agent; return the forward."""
        ticket = ticket or cls.ticket
        wizard_model = cls.env["sc.inquiry.forward.wizard"].with_user(user or cls.agent)
        wizard = wizard_model.with_context(default_ticket_id=ticket.id).create(
            {"org_unit_id": unit.id} if unit else {}
        )
        wizard.action_send()
        return ticket.sc_forward_ids.sorted("id")[-1]
