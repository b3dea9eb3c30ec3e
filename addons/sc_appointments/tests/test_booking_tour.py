# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


@tagged("post_install", "-at_install")
class TestBookingTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # open around the clock, so the tour finds slots whenever it runs
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "Tour calendar",
                "tz": "Europe/Berlin",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 0.0,
                            "hour_to": 24.0,
                            "day_period": "morning",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        unit = cls.env["sc.org.unit"].create(
            {"name": "Tour-Amt", "resource_calendar_id": calendar.id}
        )
        cls.service = cls.env["sc.service"].create(
            {
                "name": "Tour-Leistung",
                "state": "published",
                "document_ids": [Command.create({"name": "Personalausweis"})],
            }
        )
        counter = cls.env["resource.resource"].create(
            {"name": "Tour-Schalter", "calendar_id": calendar.id}
        )
        cls.env["sc.appointment.type"].create(
            {
                "name": "Tour-Termin",
                "org_unit_id": unit.id,
                "service_ids": [Command.set(cls.service.ids)],
                "resource_ids": [Command.set(counter.ids)],
                "lead_time_hours": 1,
                "walk_in_share": 0.0,
            }
        )
        # the caller gives a new address on the phone: the ticket's, not the
        # contact's old one, receives the confirmation
        cls.citizen = cls.env["res.partner"].create(
            {"name": "Tour Bürgerin", "email": "tour.alt@example.com"}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Termin gewünscht",
                "description": "<p>Bitte einen Termin.</p>",
                "partner_id": cls.citizen.id,
                "partner_email": "tour.neu@example.com",
                "sc_service_id": cls.service.id,
            }
        )
        new_test_user(
            cls.env,
            "sc_tour_booker",
            groups="sc_knowledge.group_agent",
            lang="de_DE",
            tz="Europe/Berlin",
        )

    def test_agent_books_and_moves_from_ticket(self):
        self.start_tour(
            f"/odoo/helpdesk.ticket/{self.ticket.id}",
            "sc_appointments_book_from_ticket",
            login="sc_tour_booker",
        )
        # booked, then moved in the same tour: one cancelled, one booked
        events = self.ticket.with_context(active_test=False).sc_appointment_ids
        self.assertEqual(sorted(events.mapped("sc_state")), ["booked", "cancelled"])
        event = events.filtered(lambda e: e.sc_state == "booked")
        self.assertEqual(event.sc_citizen_partner_id, self.citizen)
        self.assertEqual(event.sc_service_id, self.service)
        mails = self.env["mail.mail"].search(
            [("model", "=", "calendar.event"), ("res_id", "in", events.ids)],
            order="id",
        )
        self.assertEqual(len(mails), 2)  # confirmation, then the moved appointment
        for mail in mails:
            self.assertEqual(mail.email_to, "tour.neu@example.com")
            self.assertFalse(mail.recipient_ids)
            self.assertTrue(
                mail.attachment_ids.filtered(lambda a: a.name.endswith(".ics"))
            )
        self.assertIn(event._sc_time_label(), mails[1].subject)
        self.assertIn(event._sc_time_label(), self.ticket.message_ids[0].body)
        # the first booking was on the chosen day, in the afternoon, and its note
        # names the address the confirmation went to
        first = events - event
        local = first.start.replace(tzinfo=UTC).astimezone(BERLIN)
        self.assertEqual(local.date(), datetime.now(BERLIN).date() + timedelta(days=2))
        self.assertGreaterEqual(local.hour, 12)
        booked_note = self.ticket.message_ids.filtered(
            lambda m: "Termin gebucht" in (m.body or "")
        )
        self.assertEqual(len(booked_note), 1)
        self.assertIn("Bestätigung an tour.neu@example.com versandt", booked_note.body)
