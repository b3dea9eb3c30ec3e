# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import Form, HttpCase, tagged, users

from .common import AppointmentCommon


def csrf_token_of(html):
    """The CSRF token of the first form of a page."""
    marker = 'name="csrf_token" value="'
    return html[html.index(marker) + len(marker) :].split('"', 1)[0]


@tagged("post_install", "-at_install")
class TestBookingFromTicket(AppointmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Auto zulassen",
                "description": "<p>Bürgerin möchte ihr Auto zulassen.</p>",
                "partner_id": cls.citizen.id,
                "sc_service_id": cls.service.id,
            }
        )

    def _mails_to_citizen(self):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("recipient_ids", "in", self.citizen.ids)], order="id")
        )

    @freeze_time("2026-06-15 05:00:00")
    @users("sc_agent_appt")
    def test_wizard_books_quiet_slot_and_mails_confirmation(self):
        ticket = self.ticket.with_user(self.env.user)
        action = ticket.action_sc_book_appointment()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.ticket_id, ticket)
        self.assertEqual(wizard.service_id, self.service)
        self.assertEqual(wizard.appointment_type_id, self.appointment_type)
        self.assertEqual(wizard.partner_id, self.citizen)
        # the agent may switch to another type in the form: slots follow
        with Form(wizard) as wizard_form:
            wizard_form.appointment_type_id = self.env["sc.appointment.type"]
            self.assertEqual(len(wizard_form.slot_ids), 0)
            wizard_form.appointment_type_id = self.appointment_type
        self.assertEqual(len(wizard.slot_ids), 8)
        self.assertEqual(len(wizard.slot_ids.filtered("earliest")), 1)
        slot = wizard.slot_ids[0]
        result = slot.action_book()
        self.assertEqual(result["res_id"], ticket.id)
        event = ticket.sc_appointment_ids
        self.assertEqual(len(event), 1)
        self.assertEqual(ticket.sc_appointment_count, 1)
        self.assertEqual(event.start, slot.start)
        self.assertEqual(event.sc_ticket_id, ticket)
        self.assertEqual(event.sc_service_id, self.service)
        self.assertIn("Appointment booked", ticket.message_ids[0].body)

        mail = self._mails_to_citizen()
        self.assertEqual(len(mail), 1)
        body = mail.body_html
        local_time = event._sc_time_label()
        self.assertIn(local_time, mail.subject)
        self.assertIn(event._sc_date_label(), body)
        self.assertIn("Dienstag", event._sc_date_label())  # citizen speaks German
        self.assertIn("Im Schloss 2", body)
        self.assertIn("Personalausweis", body)
        self.assertIn("Zulassungsbescheinigung Teil II", body)
        self.assertIn(
            f"/sc/appointment/{event.id}/{event.sudo().sc_access_token}", body
        )
        ics = mail.attachment_ids.filtered(lambda a: a.name.endswith(".ics"))
        self.assertEqual(len(ics), 1)
        content = base64.b64decode(ics.sudo().datas).decode()
        self.assertIn("BEGIN:VCALENDAR", content)
        self.assertIn(event.start.strftime("DTSTART:%Y%m%dT%H%M%SZ"), content)

    @freeze_time("2026-06-15 05:00:00")
    def test_reminder_cron_the_day_before(self):
        tomorrow = self.appointment_type.book_slot(
            "2026-06-16 09:00:00", self.citizen.id
        )
        later = self.appointment_type.book_slot("2026-06-17 09:00:00", self.citizen.id)
        with freeze_time("2026-06-15 16:00:00"):
            sent = self.env["calendar.event"]._cron_sc_send_reminders()
            self.assertEqual(sent.ids, [tomorrow])
            self.assertEqual(len(self._mails_to_citizen()), 1)
            self.assertFalse(self.env["calendar.event"]._cron_sc_send_reminders())
        self.assertFalse(self.env["calendar.event"].browse(later).sc_reminder_sent)


@tagged("post_install", "-at_install")
class TestTokenRoutes(HttpCase, AppointmentCommon):
    def test_cancel_and_reschedule_by_token_without_login(self):
        event = self.env["calendar.event"].browse(
            self.appointment_type.book_slot(
                self._next_slot_start(), self.citizen.id, self.service.id
            )
        )
        token = event.sudo().sc_access_token
        base = f"/sc/appointment/{event.id}"
        self.assertEqual(self.url_open(f"{base}/wrong-token").status_code, 404)
        page = self.url_open(f"{base}/{token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(event._sc_time_label(), page.text)
        # reschedule to another free slot
        other = [
            s
            for s in self.appointment_type.suggest_slots(limit=0)
            if s["start"] != event.start.strftime("%Y-%m-%d %H:%M:%S")
        ][0]
        response = self.url_open(
            f"{base}/{token}/reschedule",
            data={"start": other["start"], "csrf_token": self._csrf(f"{base}/{token}")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(event.sc_state, "cancelled")
        new_event = self.env["calendar.event"].search(
            [
                ("sc_citizen_partner_id", "=", self.citizen.id),
                ("sc_state", "=", "booked"),
            ]
        )
        self.assertEqual(new_event.start, datetime.fromisoformat(other["start"]))
        # cancel the new one: its slot is free again
        new_token = new_event.sudo().sc_access_token
        new_base = f"/sc/appointment/{new_event.id}/{new_token}"
        response = self.url_open(
            f"{new_base}/cancel", data={"csrf_token": self._csrf(new_base)}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(new_event.sc_state, "cancelled")
        starts = [s["start"] for s in self.appointment_type.suggest_slots(limit=0)]
        self.assertIn(other["start"], starts)

    def _next_slot_start(self):
        return self.appointment_type.suggest_slots(limit=0)[0]["start"]

    def _csrf(self, path):
        return csrf_token_of(self.url_open(path).text)


@tagged("post_install", "-at_install")
class TestPublicBookingPage(HttpCase, AppointmentCommon):
    def test_public_booking_without_login(self):
        url = f"/sc/appointments/{self.appointment_type.id}"
        self.assertEqual(self.url_open(url).status_code, 404)  # not published
        self.appointment_type.is_published = True
        index = self.url_open("/sc/appointments")
        self.assertEqual(index.status_code, 200)
        self.assertIn(url, index.text)
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Personalausweis", page.text)
        self.assertIn('<label for="sc_email"', page.text)
        self.assertIn('type="radio"', page.text)
        start = self.appointment_type.suggest_slots(limit=1)[0]["start"]
        # bad input: nothing booked, nothing the citizen typed is lost
        bad = self.url_open(
            url,
            data={
                "csrf_token": csrf_token_of(page.text),
                "start": start,
                "name": "Max Mustermann",
                "email": "kein-mail",
            },
        )
        self.assertEqual(bad.status_code, 200)
        self.assertIn('id="sc_booking_errors"', bad.text)
        self.assertIn('value="Max Mustermann"', bad.text)
        self.assertIn('aria-invalid="true"', bad.text)
        self.assertFalse(
            self.env["calendar.event"].search(
                [("sc_appointment_type_id", "=", self.appointment_type.id)]
            )
        )
        done = self.url_open(
            url,
            data={
                "csrf_token": csrf_token_of(bad.text),
                "start": start,
                "name": "Max Mustermann",
                "email": "max@example.com",
            },
        )
        self.assertEqual(done.status_code, 200)
        self.assertIn('id="sc_booking_done"', done.text)
        event = self.env["calendar.event"].search(
            [("sc_appointment_type_id", "=", self.appointment_type.id)]
        )
        self.assertEqual(len(event), 1)
        self.assertEqual(event.sc_citizen_partner_id.email, "max@example.com")
        self.assertEqual(event.start.strftime("%Y-%m-%d %H:%M:%S"), start)
        self.assertIn(f"/sc/appointment/{event.id}/", done.text)
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", event.sc_citizen_partner_id.ids)]
        )
        self.assertEqual(len(mail), 1)
