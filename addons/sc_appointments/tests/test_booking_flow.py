# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged, users
from odoo.tools import html2plaintext

from .common import BERLIN, UTC, AppointmentCommon


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
        self.assertEqual(len(wizard.slot_ids), 8)
        self.assertTrue(wizard.slots_shown)
        # another type in the form: the list empties until the agent shows the
        # slots again (no unsaved rows, whose Book button Odoo refuses)
        with Form(wizard) as wizard_form:
            wizard_form.appointment_type_id = self.env["sc.appointment.type"]
            self.assertEqual(len(wizard_form.slot_ids), 0)
            wizard_form.appointment_type_id = self.appointment_type
            self.assertEqual(len(wizard_form.slot_ids), 0)
        self.assertFalse(wizard.slots_shown)
        shown = wizard.action_show_slots()
        self.assertEqual(
            (shown["res_model"], shown["res_id"]), (wizard._name, wizard.id)
        )
        self.assertEqual(len(wizard.slot_ids), 8)
        self.assertEqual(len(wizard.slot_ids.filtered("earliest")), 1)
        slot = wizard.slot_ids[0]
        result = slot.action_book()
        # the wizard stays open and shows what happened
        self.assertEqual(
            (result["res_model"], result["res_id"]), (wizard._name, wizard.id)
        )
        self.assertEqual(result["target"], "new")
        self.assertEqual(wizard.state, "done")
        self.assertIn(self.citizen.email, wizard.message)
        event = ticket.sc_appointment_ids
        self.assertEqual(wizard.booked_event_id, event)
        self.assertEqual(len(event), 1)
        self.assertEqual(ticket.sc_appointment_count, 1)
        self.assertEqual(event.start, slot.start)
        self.assertEqual(event.sc_ticket_id, ticket)
        self.assertEqual(event.sc_service_id, self.service)
        self.assertIn("Appointment booked", ticket.message_ids[0].body)
        self.assertIn(
            f"confirmation sent to {self.citizen.email}", ticket.message_ids[0].body
        )

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
    @users("sc_agent_appt")
    def test_agent_moves_booking_to_another_quiet_slot(self):
        ticket = self.ticket.with_user(self.env.user)
        old = self.env["calendar.event"].browse(
            self.appointment_type.with_user(self.env.user).book_slot(
                "2026-06-16 06:00:00", self.citizen.id, self.service.id, ticket.id
            )
        )
        action = old.action_sc_reschedule()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.event_id, old)
        self.assertEqual(wizard.appointment_type_id, self.appointment_type)
        self.assertEqual(wizard.partner_id, self.citizen)
        self.assertEqual(wizard.ticket_id, ticket)
        self.assertTrue(wizard.slot_ids)
        self.assertNotIn(old.start, wizard.slot_ids.mapped("start"))
        # somebody else takes both counters of the first suggestion meanwhile:
        # the same capacity check refuses it and the booking stays as it was
        taken, target = wizard.slot_ids[0], wizard.slot_ids[1]
        other = self.env["res.partner"].sudo().create({"name": "Hans Meier"})
        for _counter in self.counters:
            self.appointment_type.sudo().book_slot(taken.start, other.id)
        with self.assertRaisesRegex(UserError, "no longer available"):
            taken.action_book()
        self.assertEqual(old.sc_state, "booked")
        self.assertFalse(self._mails_to_citizen())

        target.action_book()
        self.assertEqual(wizard.state, "done")
        self.assertIn("Appointment moved", wizard.message)
        self.assertEqual(old.sc_state, "cancelled")
        new = ticket.sc_appointment_ids.filtered(lambda e: e.sc_state == "booked")
        self.assertEqual(len(new), 1)
        self.assertEqual(new.start, target.start)
        self.assertEqual(new.sc_service_id, self.service)
        self.assertIn("Appointment moved", ticket.message_ids[0].body)
        self.assertIn(
            f"confirmation sent to {self.citizen.email}", ticket.message_ids[0].body
        )
        mail = self._mails_to_citizen()
        self.assertEqual(len(mail), 1)
        self.assertIn("Termin verlegt", mail.subject)
        self.assertIn(new._sc_time_label(), mail.subject)
        self.assertIn("Ihr neuer Termin", mail.body_html)
        self.assertIn(new._sc_date_label(), mail.body_html)
        ics = mail.attachment_ids.filtered(lambda a: a.name.endswith(".ics"))
        content = base64.b64decode(ics.sudo().datas).decode()
        self.assertIn(new.start.strftime("DTSTART:%Y%m%dT%H%M%SZ"), content)
        # only booked appointments can be moved
        with self.assertRaises(UserError):
            old.action_sc_reschedule()

    @freeze_time("2026-06-15 05:00:00")
    @users("sc_agent_appt")
    def test_wizard_shows_service_center_time_whatever_the_agent_time_zone(self):
        """Decision: the wizard lists the slots in Europe/Berlin (the service
        center's calendar), also for an agent whose preferences say New York,
        written as the agent's language (here German) writes dates."""
        self.agent.tz = "America/New_York"
        action = (
            self.ticket.with_user(self.env.user)
            .with_context(lang="de_DE")
            .action_sc_book_appointment()
        )
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertTrue(wizard.slot_ids)
        for slot in wizard.slot_ids:
            berlin = slot.start.replace(tzinfo=UTC).astimezone(BERLIN)
            self.assertTrue(
                slot.start_local.endswith(berlin.strftime("%d.%m.%Y, %H:%M"))
            )
        earliest = wizard.slot_ids.filtered("earliest")
        self.assertEqual(earliest.start, datetime(2026, 6, 16, 6, 0))  # UTC
        self.assertEqual(earliest.start_local, "Di., 16.06.2026, 08:00")

    @freeze_time("2026-06-15 05:00:00")
    @users("sc_agent_appt")
    def test_agent_chooses_day_and_afternoon(self):
        """The citizen asks for Tuesday afternoon next week: only that day's
        afternoon slots, labelled with their German weekday."""
        self.calendar.sudo().attendance_ids = [
            Command.create(
                {
                    "name": "Tuesday afternoon",
                    "dayofweek": "1",
                    "hour_from": 14.0,
                    "hour_to": 16.0,
                    "day_period": "afternoon",
                }
            )
        ]
        action = (
            self.ticket.with_user(self.env.user)
            .with_context(lang="de_DE")
            .action_sc_book_appointment()
        )
        wizard = self.env[action["res_model"]].with_context(lang="de_DE")
        wizard = wizard.browse(action["res_id"])
        with Form(wizard) as wizard_form:
            wizard_form.date = date(2026, 6, 23)
            wizard_form.day_period = "afternoon"
        wizard.action_show_slots()
        starts = [
            slot.start.replace(tzinfo=UTC).astimezone(BERLIN)
            for slot in wizard.slot_ids
        ]
        self.assertEqual(len(starts), 4)  # 14:00 to 15:30, every 30 minutes
        self.assertEqual({start.date() for start in starts}, {date(2026, 6, 23)})
        self.assertTrue(all(start.hour >= 14 for start in starts))
        self.assertTrue(
            all(
                s.startswith("Di., 23.06.2026, ")
                for s in wizard.slot_ids.mapped("start_local")
            )
        )
        self.assertEqual(len(wizard.slot_ids.filtered("earliest")), 1)
        with Form(wizard) as wizard_form:
            wizard_form.day_period = "morning"
        wizard.action_show_slots()
        self.assertTrue(wizard.slot_ids)
        self.assertTrue(
            all(
                slot.start.replace(tzinfo=UTC).astimezone(BERLIN).hour < 12
                for slot in wizard.slot_ids
            )
        )

    def _book_first_slot(self, ticket):
        """Book the first suggested slot from ``ticket`` as the agent, in
        German; returns the wizard."""
        action = ticket.with_context(lang="de_DE").action_sc_book_appointment()
        wizard = self.env[action["res_model"]].with_context(lang="de_DE")
        wizard = wizard.browse(action["res_id"])
        wizard.slot_ids[0].action_book()
        return wizard

    def _ticket_of_citizen_without_address(self, partner_email=False):
        """A ticket, created by the agent, of a contact without e-mail address;
        ``partner_email`` is the address the caller gives on the phone."""
        citizen = self.env["res.partner"].sudo().create({"name": "Max Ohnemail"})
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Termin",
                "description": "<p>Termin, bitte.</p>",
                "partner_id": citizen.id,
                "partner_email": partner_email,
                "sc_service_id": self.service.id,
            }
        )

    def _mails_of(self, events):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "calendar.event"), ("res_id", "in", events.ids)])
        )

    @freeze_time("2026-06-15 05:00:00")
    @users("sc_agent_appt")
    def test_confirmation_goes_to_the_address_on_the_ticket(self):
        """The caller gives a new address on the ticket: the confirmation goes
        there (not to the contact's old one), and the note says so."""
        ticket = self.ticket.with_user(self.env.user)
        ticket.partner_email = "Erika.Neu@example.org"
        wizard = self._book_first_slot(ticket)
        self.assertEqual(wizard.email, "Erika.Neu@example.org")
        event = ticket.sc_appointment_ids
        self.assertEqual(event.sc_confirmation_email, "erika.neu@example.org")
        mail = self._mails_of(event)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "erika.neu@example.org")
        self.assertFalse(mail.recipient_ids)  # not erika@example.com
        note = ticket.message_ids[0].body
        self.assertIn("Termin gebucht für Dienstag", note)
        self.assertIn("Bestätigung an erika.neu@example.org versandt", note)
        self.assertEqual(wizard.message, html2plaintext(note))
        # the move goes to the same address
        move = self.env["sc.appointment.booking"].browse(
            event.action_sc_reschedule()["res_id"]
        )
        move.slot_ids[0].action_book()
        moved = ticket.sc_appointment_ids.filtered(lambda e: e.sc_state == "booked")
        self.assertEqual(self._mails_of(moved).email_to, "erika.neu@example.org")

    @freeze_time("2026-06-15 05:00:00")
    @users("sc_agent_appt")
    def test_contact_without_address_gets_it_from_the_ticket(self):
        ticket = self._ticket_of_citizen_without_address("max@example.net")
        self.assertEqual(ticket.partner_email, "max@example.net")
        self._book_first_slot(ticket)
        mail = self._mails_of(ticket.sc_appointment_ids)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "max@example.net")
        self.assertIn(
            "Bestätigung an max@example.net versandt", ticket.message_ids[0].body
        )

    @freeze_time("2026-06-15 05:00:00")
    @users("sc_agent_appt")
    def test_no_address_no_mail_and_the_note_says_so(self):
        ticket = self._ticket_of_citizen_without_address()
        action = ticket.with_context(lang="de_DE").action_sc_book_appointment()
        wizard = self.env[action["res_model"]].with_context(lang="de_DE")
        wizard = wizard.browse(action["res_id"])
        self.assertFalse(wizard.email)
        wizard.email = "kein-at-zeichen"
        with self.assertRaisesRegex(UserError, "keine gültige E-Mail-Adresse"):
            wizard.slot_ids[0].action_book()
        self.assertFalse(ticket.sc_appointment_ids)
        wizard.email = False
        wizard.slot_ids[0].action_book()
        self.assertEqual(len(ticket.sc_appointment_ids), 1)
        self.assertFalse(self._mails_of(ticket.sc_appointment_ids))
        note = ticket.message_ids[0].body
        self.assertIn("keine Bestätigung versandt", note)
        self.assertNotIn("Bestätigung an", note)
        self.assertIn("keine Bestätigung versandt", wizard.message)

    @freeze_time("2026-06-15 05:00:00")
    @users("sc_agent_appt")
    def test_the_note_names_no_address_no_mail_was_created_for(self):
        """Decision: the note is written from the mails really created, not
        from the address alone: a known address without a mail for it is
        noted as 'no confirmation'."""
        ticket = self.ticket.with_user(self.env.user)
        event = self.env["calendar.event"].browse(
            self.appointment_type.with_user(self.env.user).book_slot(
                "2026-06-16 06:00:00", self.citizen.id, self.service.id, ticket.id
            )
        )
        event = event.with_context(lang="de_DE")
        no_mail = self.env["mail.mail"]
        self.assertIn("keine Bestätigung versandt", event._sc_booking_note(no_mail))
        mails = event._sc_send_mail("sc_appointments.mail_template_confirmation")
        self.assertIn(
            "Bestätigung an erika@example.com versandt",
            event._sc_booking_note(mails),
        )

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

    @freeze_time("2026-06-15 05:00:00")
    @users("sc_agent_appt")
    def test_answer_card_offers_booking_for_services_with_appointments(self):
        service = self.service.with_user(self.env.user)
        keys = [action["key"] for action in service.get_answer_card()["actions"]]
        self.assertEqual(keys, ["ticket", "booking"])
        action = service.action_answer_card("booking")
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.service_id, self.service)
        self.assertEqual(wizard.appointment_type_id, self.appointment_type)
        self.assertTrue(wizard.slot_ids)
        other = (
            self.env["sc.service"]
            .sudo()
            .create({"name": "Ohne Termin (test)", "state": "published"})
        )
        card = other.with_user(self.env.user).get_answer_card()
        self.assertEqual([action["key"] for action in card["actions"]], ["ticket"])


@tagged("post_install", "-at_install")
class TestTruthfulConfirmationNote(AppointmentCommon):
    """The note on a booking and its ticket says whether, and where, the
    confirmation went: citizens without an e-mail address get none."""

    @freeze_time("2026-06-15 05:00:00")
    @users("sc_agent_appt")
    def test_note_says_where_the_confirmation_went(self):
        by_phone = self.env["res.partner"].create(
            {"name": "Otto Telefon", "phone": "+4936691700"}
        )
        citizen = self.citizen.with_env(self.env)
        for partner, expected in (
            (by_phone, "no confirmation was sent, as no e-mail address is known"),
            (citizen, "confirmation sent to erika@example.com"),
        ):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": f"Termin für {partner.name}",
                    "description": "<p>Termin gewünscht.</p>",
                    "partner_id": partner.id,
                }
            )
            slot = self.appointment_type.suggest_slots(limit=1)[0]["start"]
            event = self.env["calendar.event"].browse(
                self.appointment_type.book_slot(
                    slot, partner.id, self.service.id, ticket.id
                )
            )
            event.with_context(lang="en_US")._sc_confirm_booking()
            for record in (event, ticket):
                note = record.message_ids[0]
                self.assertIn(expected, note.body)
                self.assertIn(event._sc_time_label(), note.body)
                self.assertEqual(note.author_id, self.env.user.partner_id)
                self.assertTrue(note.subtype_id.internal)
            mails = (
                self.env["mail.mail"]
                .sudo()
                .search([("model", "=", "calendar.event"), ("res_id", "=", event.id)])
            )
            self.assertEqual(len(mails), 1 if partner.email else 0)
            self.assertEqual(
                "+4936691700" in ticket.message_ids[0].body, partner == by_phone
            )
