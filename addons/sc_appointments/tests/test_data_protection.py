# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.sc_knowledge.tests.common import PersonalDataMixin

from .test_public_pages import PublicPagesCase

NAME = "Walburga Zwiebelfisch"
EMAIL = "walburga.zwiebelfisch@example.org"
PHONE = "0176 5550142"
ONLINE_NAME = "Quirin Vogelsang"
ONLINE_EMAIL = "quirin.vogelsang@example.org"
ONLINE_PHONE = "0151 55501770"
NEEDLES = (
    "Zwiebelfisch",
    EMAIL,
    "5550142",
    "Vogelsang",
    ONLINE_EMAIL,
    "5550177",
)


@tagged("post_install", "-at_install")
class TestAppointmentDataProtection(PersonalDataMixin, PublicPagesCase):
    """Bookings (wizard and public page, with their .ics files and queued
    confirmations), visits and the contacts the public page creates, after
    the retention period, on request and in the information."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appointment_type.company_id.sc_retention_days = 30
        cls.manager = new_test_user(
            cls.env, "sc_dp_appt_manager", groups="sc_knowledge.group_manager"
        )
        cls.walburga = cls.env["res.partner"].create(
            {"name": NAME, "email": EMAIL, "phone": PHONE}
        )

    def _book_by_wizard(self, partner):
        wizard = (
            self.env["sc.appointment.booking"]
            .with_user(self.agent)
            .create({"service_id": self.service.id, "partner_id": partner.id})
        )
        wizard.slot_ids[0].action_book()
        return self.bookings().filtered(lambda e: e.sc_citizen_partner_id == partner)

    def _book_online(self):
        page = self.get(f"{self.url}?service_id={self.service.id}")
        done = self.post(
            self.url,
            self.form_of(
                page, name=ONLINE_NAME, email=ONLINE_EMAIL, phone=ONLINE_PHONE
            ),
        )
        self.assertIn('id="sc_booking_done"', done.text)
        return self.bookings().filtered(
            lambda e: e.sc_citizen_partner_id.email == ONLINE_EMAIL
        )

    def _history(self):
        """Both kinds of booking, a check-in and a walk-in of Walburga."""
        event = self._book_by_wizard(self.walburga)
        online = self._book_online()
        visit = event.with_user(self.agent).action_sc_check_in()
        walk_in = (
            self.env["sc.visit"]
            .with_user(self.agent)
            .create(
                {
                    "org_unit_id": self.unit.id,
                    "service_id": self.service.id,
                    "partner_id": self.walburga.id,
                }
            )
        )
        return event, online, visit | walk_in

    def _statistics(self):
        Event = self.env["calendar.event"]
        return (
            Event._read_group(
                [("sc_appointment_type_id", "!=", False)],
                ["sc_org_unit_id", "sc_service_id", "sc_state", "start:day"],
                ["__count", "duration:sum"],
            ),
            self.env["sc.visit"]._read_group(
                [], ["org_unit_id", "service_id", "kind"], ["__count"]
            ),
        )

    def _after_retention(self):
        with freeze_time(datetime.now() + timedelta(days=90)):
            self.env["sc.data.protection"]._cron_anonymize()
            self.run_odoo_clean_ups()

    def test_nothing_is_left_after_the_retention_period(self):
        event, online, visits = self._history()
        found = self.personal_data_found(*NEEDLES)
        for place in (
            "calendar_event.name",
            "calendar_attendee.common_name",
            "mail_mail.body_html",
            "res_partner.name",
            "res_partner.phone",
        ):
            self.assertIn(place, found)
        ics = self.env["ir.attachment"].search(
            [("res_model", "=", "calendar.event"), ("res_id", "in", event.ids)]
        )
        self.assertEqual(ics.mapped("mimetype"), ["text/calendar"])
        statistics = self._statistics()
        self._after_retention()
        self.assertEqual(self.personal_data_found(*NEEDLES), [])
        self.assertFalse(ics.exists())
        self.assertEqual(self._statistics(), statistics)
        self.assertEqual(event.name, self.service.name)
        self.assertEqual(event.sc_org_unit_id, self.unit)
        self.assertEqual(visits.mapped("service_id"), self.service)
        self.assertFalse(visits.partner_id)
        self.assertFalse((self.walburga | online.sc_citizen_partner_id).active)
        self.assertFalse(online.attendee_ids or online.sc_citizen_partner_id)
        self.assertEqual(online.sc_state, "booked")

    def test_a_coming_appointment_keeps_the_citizen(self):
        with freeze_time(datetime.now() - timedelta(days=60)):
            old_visit = self.env["sc.visit"].create(
                {"org_unit_id": self.unit.id, "partner_id": self.walburga.id}
            )
        coming = self._book_by_wizard(self.walburga)
        self.env["sc.data.protection"]._cron_anonymize()
        self.assertFalse(old_visit.partner_id)
        self.assertEqual(coming.sc_citizen_partner_id, self.walburga)
        self.assertEqual(self.walburga.name, NAME)
        self.assertIn(NAME, coming.name)

    def test_erasure_and_information_on_request(self):
        event, online, _visits = self._history()
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("sc_knowledge.report_personal_data", self.walburga.ids)
        )
        html = html.decode()
        for data in (NAME, EMAIL, self.service.name, self.unit.name, "Ohne Termin"):
            self.assertIn(data, html)
        self.assertNotIn("Vogelsang", html)
        with self.assertRaises(AccessError):
            self.walburga.with_user(self.agent).action_sc_erase()
        self.walburga.with_user(self.manager).action_sc_erase()
        self.run_odoo_clean_ups()
        self.assertEqual(self.personal_data_found("Zwiebelfisch", EMAIL, "5550142"), [])
        self.assertTrue(event.sc_anonymized)
        # the other citizen's booking is untouched
        self.assertIn(ONLINE_NAME, online.name)
        self.assertEqual(online.sc_citizen_partner_id.email, ONLINE_EMAIL)
