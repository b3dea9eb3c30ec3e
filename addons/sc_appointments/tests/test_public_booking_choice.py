# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public booking page over real HTTP: the citizen chooses the service and
gets exactly its documents (page, mail, calendar file), picks a day and half
of the day, may book with a phone number instead of an e-mail address, and
reads the privacy notice and the accessibility statement."""

import base64
import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .test_public_pages import PublicPagesCase, booking_form, hidden

BERLIN = ZoneInfo("Europe/Berlin")


def slot_starts(html):
    """The UTC starts of the slot radio buttons of a page."""
    return re.findall(r'name="start" id="[^"]+" value="([^"]+)"', html)


def local(start):
    return datetime.fromisoformat(start).replace(tzinfo=timezone.utc).astimezone(BERLIN)


@tagged("post_install", "-at_install")
class TestServiceChoice(PublicPagesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.abmeldung = cls.env["sc.service"].create(
            {
                "name": "Fahrzeug abmelden (test)",
                "state": "published",
                "document_ids": [
                    Command.create({"name": "Kennzeichenschilder"}),
                    Command.create({"name": "Zulassungsbescheinigung Teil I"}),
                ],
            }
        )
        cls.service.document_ids = [Command.create({"name": "eVB-Nummer"})]
        cls.appointment_type.service_ids = [Command.link(cls.abmeldung.id)]
        cls.other_service = cls.env["sc.service"].create(
            {"name": "Hund anmelden (test)", "state": "published"}
        )

    def mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    def test_citizen_gets_the_documents_of_the_chosen_service(self):
        index = self.get("/sc/appointments")
        self.assertIn(f"{self.url}?service_id={self.abmeldung.id}", index.text)
        self.assertIn(f"{self.url}?service_id={self.service.id}", index.text)
        # without a choice: no guess, no booking form
        unchosen = self.get(self.url)
        self.assertIn('id="sc_choose_service_first"', unchosen.text)
        self.assertNotIn('id="sc_booking_post"', unchosen.text)
        self.assertNotIn("Kennzeichenschilder", unchosen.text)
        page = self.get(f"{self.url}?service_id={self.abmeldung.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Kennzeichenschilder", page.text)
        self.assertNotIn("eVB-Nummer", page.text)
        self.assertEqual(
            hidden(booking_form(page.text), "service_id"), str(self.abmeldung.id)
        )

        done = self.post(self.url, self.form_of(page, email="abmelden@example.com"))
        self.assertEqual(done.status_code, 200)
        event = self.bookings()
        self.assertEqual(event.sc_service_id, self.abmeldung)
        self.assertIn("Kennzeichenschilder", done.text)
        self.assertNotIn("eVB-Nummer", done.text)
        self.assertIn("per E-Mail an", done.text)
        mail = self.mails_to(event.sc_citizen_partner_id)
        self.assertEqual(len(mail), 1)
        self.assertIn("Kennzeichenschilder", mail.body_html)
        self.assertIn("Zulassungsbescheinigung Teil I", mail.body_html)
        self.assertNotIn("eVB-Nummer", mail.body_html)
        self.assertNotIn("Personalausweis", mail.body_html)
        [ics] = mail.attachment_ids.filtered(lambda a: a.name.endswith(".ics"))
        calendar_file = base64.b64decode(ics.datas).decode()
        self.assertIn("BEGIN:VCALENDAR", calendar_file)
        unfolded = calendar_file.replace("\r\n ", "")
        self.assertIn("Bitte bringen Sie mit:", unfolded)
        self.assertIn("Kennzeichenschilder", unfolded)
        self.assertNotIn("eVB-Nummer", unfolded)
        # the note on the booking says where the confirmation went
        note = event.message_ids.filtered(lambda m: "abmelden@example.com" in m.body)
        self.assertEqual(len(note), 1)
        self.assertTrue(note.subtype_id.internal)

    def test_a_service_of_another_type_is_refused(self):
        page = self.get(f"{self.url}?service_id={self.abmeldung.id}")
        for service_id in (self.other_service.id, "x", 2**31, ""):
            with self.subTest(service_id=service_id):
                response = self.post(
                    self.url, self.form_of(page, service_id=service_id)
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn(
                    "Bitte wählen Sie die Leistung, die Sie benötigen.", response.text
                )
        self.assertFalse(self.bookings())
        # the back office cannot book it either
        with self.assertRaises(UserError):
            self.appointment_type.book_slot(
                hidden(page.text, "start"), self.citizen.id, self.other_service.id
            )

    def test_day_picker_and_half_of_the_day(self):
        page = self.get(f"{self.url}?service_id={self.abmeldung.id}")
        days = re.findall(r'<option value="(\d{4}-\d\d-\d\d)"', page.text)
        self.assertGreater(len(days), 3)
        day = days[1]
        picked = self.get(
            f"{self.url}?service_id={self.abmeldung.id}&day={day}&period=morning"
        )
        starts = slot_starts(picked.text)
        # the test calendar opens 8-12: 30-minute slots, all of that morning
        self.assertEqual(len(starts), 8)
        self.assertEqual(starts, sorted(starts))
        for start in starts:
            self.assertEqual(local(start).date().isoformat(), day)
            self.assertLess(local(start).hour, 12)
        self.assertIn(f'<option value="{day}" selected="selected"', picked.text)
        self.assertIn("Auslastung:", picked.text)
        # the same levels as the agents see
        ranked = {
            slot["start"]: slot["level_label"]
            for slot in self.appointment_type.with_context(lang="de_DE").suggest_slots(
                limit=0
            )
        }
        labels = re.findall(r"\(Auslastung: ([^)]+)\)", picked.text)
        self.assertEqual(labels, [ranked[start] for start in starts])
        afternoon = self.get(
            f"{self.url}?service_id={self.abmeldung.id}&day={day}&period=afternoon"
        )
        self.assertEqual(slot_starts(afternoon.text), [])
        self.assertIn('id="sc_no_slots"', afternoon.text)
        # an unknown day shows the quietest times of all days
        for bad in ("2026-13-45", "1999-01-01", "x", day + "x"):
            response = self.get(
                f"{self.url}?service_id={self.abmeldung.id}&day={bad}&period=evening"
            )
            self.assertEqual(response.status_code, 200)
            self.assertTrue(slot_starts(response.text))
        # the booking form keeps the choice when an entry is wrong
        wrong = self.post(
            f"{self.url}",
            self.form_of(picked, name="", start=starts[0]),
        )
        self.assertEqual(wrong.status_code, 400)
        self.assertEqual(slot_starts(wrong.text), starts)
        name_field = re.search(r'<input[^>]*id="sc_name"[^>]*>', wrong.text)[0]
        self.assertIn('autofocus="autofocus"', name_field)


@tagged("post_install", "-at_install")
class TestPhoneInsteadOfEmail(PublicPagesCase):
    def test_booking_with_phone_only_sends_no_mail_and_says_so(self):
        page = self.get(self.url)
        done = self.post(self.url, self.form_of(page, email="", phone="036691 70-0"))
        self.assertEqual(done.status_code, 200)
        self.assertIn('id="sc_no_confirmation"', done.text)
        self.assertNotIn('id="sc_confirmation_sent"', done.text)
        self.assertIn("Personalausweis", done.text)
        event = self.bookings()
        citizen = event.sc_citizen_partner_id
        self.assertEqual(citizen.phone, "+4936691700")
        self.assertFalse(citizen.email)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "calendar.event"), ("res_id", "=", event.id)]
            )
        )
        [note] = event.message_ids.filtered(lambda m: "+4936691700" in m.body)
        self.assertIn("keine Bestätigung versandt", note.body)
        self.assertTrue(note.subtype_id.internal)

    def test_contact_entries_get_german_messages(self):
        page = self.get(self.url)
        either = "Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an"
        phone_wrong = "Bitte geben Sie eine gültige Telefonnummer an"
        cases = [
            ("", "", either, "sc_email"),
            ("", "12ab", phone_wrong, "sc_phone"),
            ("", "0123", phone_wrong, "sc_phone"),
            ("kein-mail", "036691 70-0", "gültige E-Mail-Adresse", "sc_email"),
        ]
        for email, phone, message, field in cases:
            with self.subTest(email=email, phone=phone):
                response = self.post(
                    self.url, self.form_of(page, email=email, phone=phone)
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertIn(f'value="{phone}"', response.text)
                tag = re.search(rf'<input[^>]*id="{field}"[^>]*>', response.text)[0]
                self.assertIn('aria-invalid="true"', tag)
                self.assertIn("autofocus", tag)
        self.assertFalse(self.bookings())


@tagged("post_install", "-at_install")
class TestPrivacyAndAccessibility(PublicPagesCase):
    def test_privacy_notice_before_booking(self):
        company = self.appointment_type.company_id
        page = self.get(self.url)
        self.assertIn('id="sc_privacy_notice"', page.text)
        self.assertIn("Art. 6 Abs. 1 lit. e DSGVO", page.text)
        self.assertNotIn('type="checkbox"', page.text)  # a notice, no consent
        self.assertNotIn('id="sc_privacy_link"', page.text)
        company.write(
            {
                "sc_privacy_notice": "Wir verarbeiten Ihre Daten für den Termin.",
                "sc_privacy_url": "https://www.example.org/datenschutz",
            }
        )
        page = self.get(self.url)
        notice = page.text.index('id="sc_privacy_notice"')
        self.assertLess(notice, page.text.index('id="sc_book_submit"'))
        self.assertIn("Wir verarbeiten Ihre Daten für den Termin.", page.text)
        self.assertIn('href="https://www.example.org/datenschutz"', page.text)
        with self.assertRaises(ValidationError):
            company.sc_privacy_url = "javascript:alert(1)"

    def test_accessibility_statement_linked_from_every_page(self):
        company = self.appointment_type.company_id
        company.email = "servicecenter@example.org"
        event, link = self.book()
        pages = [
            "/sc/appointments",
            self.url,
            link,
            "/sc/appointments/2147483647",
            "/sc/appointments/accessibility",
        ]
        for url in pages:
            with self.subTest(url=url):
                response = self.get(url)
                self.assertIn('href="/sc/appointments/accessibility"', response.text)
                self.assertIn('href="#sc_main"', response.text)
                self.assertIn('<main id="sc_main"', response.text)
        statement = self.get("/sc/appointments/accessibility")
        self.assertEqual(statement.status_code, 200)
        self.assertIn("Erklärung zur Barrierefreiheit", statement.text)
        self.assertIn("BITV 2.0", statement.text)
        self.assertIn("mailto:servicecenter@example.org", statement.text)
        company.sc_accessibility_statement = "<p>Unsere eigene Erklärung.</p>"
        statement = self.get("/sc/appointments/accessibility")
        self.assertIn("Unsere eigene Erklärung.", statement.text)
        self.assertNotIn("BITV 2.0", statement.text)
