# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The citizens' pages over real HTTP, as a citizen and as an attacker would
use them: booking form, the link in the confirmation, the rate limits."""

import re
from datetime import datetime
from email import message_from_string, policy
from html import unescape

from odoo.tests import HttpCase, tagged
from odoo.tests.common import Opener

from odoo.addons.base.tests.common import MockSmtplibCase

from .common import AppointmentCommon

HOSTILE_NAME = "Eve\r\nBcc: spam@example.net\r\nX-Injected: 1"
BAD_STARTS = [
    "garbage",
    "1",
    "",
    "2026-13-45 00:00:00",
    "0000-01-01 00:00:00",
    "9999-12-31 23:59:59",
    "2026-06-16T08:00:00",
    "2026-06-16 08:00:00+02:00",
    "２０２６-06-16 08:00:00",
    "2026-06-16 08:00:00\x00",
    "9" * 400,
]


def hidden(html, name):
    """The value of the first input called ``name`` of a page (or None)."""
    match = re.search(rf'name="{name}"[^>]*? value="([^"]*)"', html)
    return match and unescape(match[1])


def booking_form(html):
    """The booking form (POST) of a page, without the filters above it."""
    start = html.find('id="sc_booking_post"')
    return html[start:] if start >= 0 else html


class PublicPagesCase(HttpCase, MockSmtplibCase, AppointmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appointment_type.is_published = True
        cls.url = f"/sc/appointments/{cls.appointment_type.id}"

    def setUp(self):
        super().setUp()
        # the limits count in the test's transaction: start from none
        self.env["sc.rate.limit"].search([]).unlink()
        self.set_limits(appointment_query=0, appointment_booking=0)
        self.set_limits(appointment_manage=0)

    def set_limits(self, **limits):
        params = self.env["ir.config_parameter"].sudo()
        for kind, limit in limits.items():
            params.set_param(f"sc_knowledge.rate_limit_{kind}", limit)

    def get(self, url, opener=None):
        return (opener or self.opener).get(f"{self.base_url()}{url}", timeout=30)

    def post(self, url, data, opener=None):
        session = opener or self.opener
        return session.post(f"{self.base_url()}{url}", data=data, timeout=30)

    def form_of(self, page, **values):
        """The booking form of ``page`` filled in as a citizen would."""
        html = booking_form(page.text)
        return {
            name: hidden(html, name)
            for name in ("csrf_token", "form_token", "start", "service_id")
            + ("day", "period")
        } | {"name": "Max Mustermann", "email": "max@example.com", **values}

    def bookings(self):
        self.env.invalidate_all()
        return self.env["calendar.event"].search(
            [("sc_appointment_type_id", "=", self.appointment_type.id)]
        )

    def partners(self, email):
        return self.env["res.partner"].search_count([("email", "=", email)])

    def book(self, start=None):
        """A booking made by the service center, with its manage link."""
        start = start or self.appointment_type.suggest_slots(limit=1)[0]["start"]
        event = self.env["calendar.event"].browse(
            self.appointment_type.book_slot(start, self.citizen.id, self.service.id)
        )
        return event, f"/sc/appointment/{event.id}/{event.sudo().sc_access_token}"


@tagged("post_install", "-at_install")
class TestBookingForm(PublicPagesCase):
    def test_public_booking_without_login(self):
        self.appointment_type.is_published = False
        self.assertEqual(self.get(self.url).status_code, 404)
        self.appointment_type.is_published = True
        index = self.get("/sc/appointments")
        self.assertEqual(index.status_code, 200)
        self.assertIn(self.url, index.text)
        self.assertIn('<html lang="de-DE"', index.text)
        page = self.get(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Personalausweis", page.text)
        self.assertIn('<label for="sc_email"', page.text)
        self.assertIn('type="radio"', page.text)
        # bad input: nothing booked, nothing the citizen typed is lost
        bad = self.post(self.url, self.form_of(page, email="kein-mail"))
        self.assertEqual(bad.status_code, 400)
        self.assertIn('id="sc_booking_errors"', bad.text)
        self.assertIn("Bitte geben Sie eine gültige E-Mail-Adresse ein.", bad.text)
        self.assertIn('value="Max Mustermann"', bad.text)
        self.assertIn('value="kein-mail"', bad.text)
        self.assertIn('aria-invalid="true"', bad.text)
        self.assertFalse(self.bookings())
        done = self.post(self.url, self.form_of(bad, start=hidden(page.text, "start")))
        self.assertEqual(done.status_code, 200)
        self.assertIn('id="sc_booking_done"', done.text)
        event = self.bookings()
        self.assertEqual(len(event), 1)
        self.assertEqual(event.sc_citizen_partner_id.email, "max@example.com")
        self.assertEqual(event.sc_citizen_partner_id.lang, "de_DE")
        self.assertEqual(
            event.start.strftime("%Y-%m-%d %H:%M:%S"), hidden(page.text, "start")
        )
        self.assertIn(f"/sc/appointment/{event.id}/", done.text)
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", event.sc_citizen_partner_id.ids)]
        )
        self.assertEqual(len(mail), 1)

    def test_double_submit_books_once(self):
        form = self.form_of(self.get(self.url))
        first = self.post(self.url, form)
        second = self.post(self.url, form)  # double click / reload
        for response in (first, second):
            self.assertEqual(response.status_code, 200)
            self.assertIn('id="sc_booking_done"', response.text)
        events = self.bookings()
        self.assertEqual(len(events), 1)
        self.assertIn(f"/sc/appointment/{events.id}/", second.text)
        # a new form is a new booking
        self.post(self.url, self.form_of(self.get(self.url)))
        self.assertEqual(len(self.bookings()), 2)

    def test_form_token_is_the_servers_and_bound_to_the_session(self):
        """Finding 2: a form token from the address was put into the form, and
        whoever knew it got the booking page (with the manage link) of the
        citizen who booked with it."""
        attacker = Opener(self.cr)
        attackers_page = self.get(self.url, attacker)
        planted = hidden(attackers_page.text, "form_token")
        # the victim follows the attacker's link: the page issues its own token
        victims_page = self.get(f"{self.url}?form_token={planted}")
        self.assertNotIn(planted, victims_page.text)
        victims_form = self.form_of(victims_page, name="Erika Muster")
        # a token issued to another session does not book, here neither
        planted_form = dict(victims_form, form_token=planted)
        self.assertEqual(self.post(self.url, planted_form).status_code, 400)
        self.assertIn('id="sc_booking_done"', self.post(self.url, victims_form).text)
        event = self.bookings()
        self.assertEqual(len(event), 1)
        manage_link = f"/sc/appointment/{event.id}/"

        # the attacker sends the victim's token (with a valid CSRF token of
        # their own session): refused, nothing of the victim's booking shown
        stolen = dict(
            victims_form,
            csrf_token=hidden(attackers_page.text, "csrf_token"),
            name="Mallory",
        )
        refused = self.post(self.url, stolen, attacker)
        self.assertEqual(refused.status_code, 400)
        self.assertNotIn(manage_link, refused.text)
        self.assertNotIn("Erika Muster", refused.text)
        self.assertNotIn('id="sc_booking_done"', refused.text)
        self.assertIn("nicht in Ihrem Browser geöffnet", refused.text)
        self.assertIn('value="Mallory"', refused.text)  # input kept
        self.assertNotEqual(hidden(refused.text, "form_token"), stolen["form_token"])
        self.assertEqual(len(self.bookings()), 1)
        # the victim's own double submit still shows the victim's booking
        again = self.post(self.url, victims_form)
        self.assertIn(manage_link, again.text)
        self.assertEqual(len(self.bookings()), 1)

    def test_wrong_entries_get_german_messages_and_are_kept(self):
        """Finding 8: no length limits, odd starts answered with a traceback."""
        page = self.get(self.url)
        long_name = "Ä" * 10_000
        response = self.post(
            self.url,
            self.form_of(
                page,
                name=long_name,
                email=f"{'x' * 250}@example.com",
                phone="0" * 41,
            ),
        )
        self.assertEqual(response.status_code, 400)
        for message in (
            "Bitte kürzen Sie Ihren Namen auf höchstens 100 Zeichen.",
            "Eine E-Mail-Adresse hat höchstens 254 Zeichen.",
            "Bitte kürzen Sie die Telefonnummer auf höchstens 40 Zeichen.",
        ):
            self.assertIn(message, response.text)
        self.assertIn(f'value="{long_name}"', response.text)
        self.assertIn('maxlength="100"', response.text)
        for start in BAD_STARTS:
            with self.subTest(start=start):
                response = self.post(self.url, self.form_of(page, start=start))
                self.assertEqual(response.status_code, 400)
                self.assertIn(
                    "Bitte wählen Sie einen der angebotenen Termine.", response.text
                )
                self.assertIn('value="Max Mustermann"', response.text)
        self.assertFalse(self.bookings())
        self.assertEqual(self.partners("max@example.com"), 0)

    def test_refused_booking_leaves_nothing_behind(self):
        """Finding 8: a booking refused with a user error left an orphan
        contact behind."""
        page = self.get(self.url)
        start = hidden(page.text, "start")
        for _counter in self.counters:  # somebody takes the slot meanwhile
            self.book(start)
        response = self.post(self.url, self.form_of(page, email="spaet@example.com"))
        self.assertEqual(response.status_code, 409)
        self.assertIn("nicht mehr frei", response.text)
        self.assertIn('value="spaet@example.com"', response.text)
        self.assertEqual(self.partners("spaet@example.com"), 0)
        self.assertEqual(len(self.bookings()), 2)

    def test_hostile_name_reaches_no_mail_header(self):
        """Finding 1: CR/LF in the name became header lines of the
        confirmation (Bcc, X-Injected); a bare LF ended the header block."""
        for number, name in enumerate(
            (HOSTILE_NAME, "Eve\nX-Injected: 1\n\ninjected body")
        ):
            email = f"eve{number}@example.com"
            response = self.post(
                self.url, self.form_of(self.get(self.url), name=name, email=email)
            )
            self.assertIn('id="sc_booking_done"', response.text)
            partner = self.env["res.partner"].search([("email", "=", email)])
            self.assertNotRegex(partner.name, r"[\r\n]")
            mail = self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])
            self.assertEqual(len(mail), 1)
            with self.mock_smtplib_connection():
                mail.send()
            [sent] = self.emails
            self.assertEqual(sent["smtp_to_list"], [email])
            message = message_from_string(sent["message"], policy=policy.default)
            self.assertEqual(len(message.get_all("To")), 1)
            self.assertEqual(message["To"].addresses[0].addr_spec, email)
            self.assertEqual(message["To"].addresses[0].display_name, partner.name)
            self.assertIsNone(message["Bcc"])
            self.assertIsNone(message["X-Injected"])
            self.assertFalse(message.defects)


@tagged("post_install", "-at_install")
class TestManageLink(PublicPagesCase):
    def test_cancel_and_reschedule_by_token_without_login(self):
        event, link = self.book()
        self.assertEqual(
            self.get(f"/sc/appointment/{event.id}/wrong-token").status_code, 404
        )
        page = self.get(link)
        self.assertEqual(page.status_code, 200)
        self.assertIn(event._sc_time_label(), page.text)
        other = hidden(page.text, "start")
        response = self.post(
            f"{link}/reschedule",
            {"start": other, "csrf_token": hidden(page.text, "csrf_token")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(event.sc_state, "cancelled")
        new_event = self.bookings().filtered(lambda e: e.sc_state == "booked")
        self.assertEqual(new_event.start, datetime.fromisoformat(other))
        self.assertEqual(new_event.sc_move_count, 1)
        # cancel the new one: its slot is free again
        new_link = f"/sc/appointment/{new_event.id}/{new_event.sudo().sc_access_token}"
        response = self.post(
            f"{new_link}/cancel", {"csrf_token": hidden(page.text, "csrf_token")}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(new_event.sc_state, "cancelled")
        starts = [s["start"] for s in self.appointment_type.suggest_slots(limit=0)]
        self.assertIn(other, starts)

    def test_moves_per_booking_are_limited(self):
        """Finding 3: moving in a loop sent a confirmation per move."""
        self.env["ir.config_parameter"].sudo().set_param(
            "sc_appointments.max_online_moves", 2
        )
        event, link = self.book()
        moves = 0
        for _attempt in range(4):
            page = self.get(link)
            start = hidden(page.text, "start") or self.book_start_elsewhere(event)
            response = self.post(
                f"{link}/reschedule",
                {"start": start, "csrf_token": hidden(page.text, "csrf_token")},
            )
            if response.status_code != 200:
                break
            moves += 1
            event = self.bookings().filtered(lambda e: e.sc_state == "booked")
            link = f"/sc/appointment/{event.id}/{event.sudo().sc_access_token}"
        self.assertEqual(moves, 2)
        self.assertEqual(response.status_code, 409)
        self.assertIn("kann online nicht mehr verlegt werden", page.text)
        self.assertNotIn("/reschedule", page.text)
        self.assertIn("kann online nicht mehr verlegt werden", response.text)
        self.assertEqual(event.sc_state, "booked")
        self.assertEqual(len(self.bookings()), 3)
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.citizen.ids)]
        )
        self.assertEqual(len(mails), 2)

    def book_start_elsewhere(self, event):
        """A free start other than ``event``'s, as an attacker would send it."""
        own = event.start.strftime("%Y-%m-%d %H:%M:%S")
        return next(
            slot["start"]
            for slot in self.appointment_type.suggest_slots(limit=0)
            if slot["start"] != own
        )

    def test_bad_reschedule_start_is_a_german_field_error(self):
        """Finding 8: a bad start on the reschedule form gave HTTP 500."""
        event, link = self.book()
        csrf = hidden(self.get(link).text, "csrf_token")
        for start in BAD_STARTS:
            with self.subTest(start=start):
                response = self.post(
                    f"{link}/reschedule", {"start": start, "csrf_token": csrf}
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn(
                    "Bitte wählen Sie einen der angebotenen Termine.", response.text
                )
        self.assertEqual(event.sc_state, "booked")
        self.assertEqual(len(self.bookings()), 1)


@tagged("post_install", "-at_install")
class TestRateLimits(PublicPagesCase):
    def assertRefused(self, response):
        self.assertEqual(response.status_code, 429)
        self.assertIn("Zu viele Anfragen", response.text)
        self.assertIn("Bitte versuchen Sie es ab", response.text)
        # the default window is 10 minutes: the first request leaves it then
        self.assertGreater(int(response.headers["Retry-After"]), 9 * 60)
        self.assertLessEqual(int(response.headers["Retry-After"]), 10 * 60)

    def test_rate_limit_per_client(self):
        self.set_limits(appointment_query=3, appointment_booking=1)
        form = self.form_of(self.get(self.url))  # query 1
        self.assertIn('id="sc_booking_done"', self.post(self.url, form).text)
        form = self.form_of(self.get(self.url))  # query 2
        self.assertRefused(self.post(self.url, form))  # a second booking
        self.assertEqual(self.get("/sc/appointments").status_code, 200)  # query 3
        self.assertRefused(self.get(self.url))
        self.assertRefused(self.get("/sc/appointments"))
        self.assertEqual(len(self.bookings()), 1)
        # after the window this client may go on; 0 switches a limit off
        self.env["sc.rate.limit"].search([]).write({"at": "2020-01-01 00:00:00"})
        self.assertEqual(self.get(self.url).status_code, 200)
        self.set_limits(appointment_booking=0)
        self.assertIn('id="sc_booking_done"', self.post(self.url, form).text)

    def test_requests_count_before_any_work(self):
        """Finding 8: requests answered with an error were rolled back, so the
        limit never counted them."""
        self.set_limits(appointment_booking=2)
        page = self.get(self.url)
        self.assertEqual(
            self.post(self.url, self.form_of(page, start="garbage")).status_code, 400
        )
        self.assertEqual(
            self.post("/sc/appointments/99999999999", self.form_of(page)).status_code,
            404,
        )
        self.assertRefused(self.post(self.url, self.form_of(page)))
        self.assertFalse(self.bookings())
        counted = self.env["sc.rate.limit"].search(
            [("kind", "=", "appointment_booking")]
        )
        self.assertEqual(len(counted), 2)
        self.assertEqual(set(counted.mapped("client")), {"127.0.0.1"})

    def test_manage_link_guesses_are_limited(self):
        """Finding 9: manage links accepted unlimited guesses."""
        self.set_limits(appointment_manage=3)
        event, link = self.book()
        for guess in ("0" * 32, "f" * 32, "deadbeef"):
            response = self.get(f"/sc/appointment/{event.id}/{guess}")
            self.assertEqual(response.status_code, 404)
            self.assertIn("Seite nicht gefunden", response.text)
        self.assertRefused(self.get(link))  # even the right link, for now
        csrf = hidden(self.get(self.url).text, "csrf_token")
        self.assertRefused(self.post(f"{link}/cancel", {"csrf_token": csrf}))
        self.assertEqual(event.sc_state, "booked")


@tagged("post_install", "-at_install")
class TestHostileInput(PublicPagesCase):
    def test_no_public_route_answers_500(self):
        """Control characters, NUL bytes, CR/LF, 100,000 characters, repeated
        parameters, huge ids and odd dates on every public route: German
        4xx pages, no 500, no ERROR in the log."""
        event, link = self.book()
        page = self.get(self.url)
        csrf = hidden(page.text, "csrf_token")
        form = self.form_of(page)
        texts = [
            "\x00",
            "a\x00b",
            HOSTILE_NAME,
            "\x1b[31m\x7f\x9b",
            "\u2028\u2029",
            "x" * 100_000,
            "<script>alert(1)</script>",
        ]
        huge = ["2147483648", "99999999999999999999", "0"]
        requests = [("GET", "/sc/appointments?x=%00&name=%0d%0a", None)]
        requests += [("GET", f"/sc/appointments/{number}", None) for number in huge]
        requests += [("POST", f"/sc/appointments/{n}", form) for n in huge]
        for field in ("name", "email", "phone", "start", "form_token"):
            requests += [
                ("POST", self.url, dict(form, **{field: text})) for text in texts
            ]
            requests.append(("POST", self.url, [*form.items(), (field, "zweiter")]))
            requests.append(("POST", self.url, {**form, f"{field}[]": "x"}))
        requests += [("POST", self.url, dict(form, start=s)) for s in BAD_STARTS]
        requests += [("POST", self.url, dict(form, type_id=n)) for n in huge]
        tokens = ["%00", "%C3%A4", "x" * 10_000, "%0D%0ABcc:x"]
        for number in [*huge, str(event.id)]:
            for token in tokens:
                base = f"/sc/appointment/{number}/{token}"
                requests += [
                    ("GET", base, None),
                    ("POST", f"{base}/cancel", {"csrf_token": csrf}),
                    ("POST", f"{base}/reschedule", {"csrf_token": csrf, "start": "1"}),
                ]
        requests += [
            ("POST", f"{link}/reschedule", {"csrf_token": csrf, "start": start})
            for start in [*BAD_STARTS, *texts]
        ]
        requests.append(
            ("POST", f"{link}/reschedule", [("csrf_token", csrf), ("start", "1")] * 2)
        )
        # an expired form (no or a foreign CSRF token): Odoo warns, we answer
        requests += [
            ("POST", self.url, {k: v for k, v in form.items() if k != "csrf_token"}),
            ("POST", f"{link}/cancel", {"csrf_token": "0" * 40 + "o1"}),
        ]
        statuses = []
        with self.assertLogs(level="WARNING") as logs:
            for method, url, data in requests:
                with self.subTest(method=method, url=url[:80]):
                    if method == "GET":
                        response = self.get(url)
                    else:
                        response = self.post(url, data)
                    statuses.append(response.status_code)
                    self.assertIn(response.status_code, (200, 400, 404, 409))
                    self.assertIn('<html lang="de-DE"', response.text)
                    self.assertNotIn("Traceback", response.text)
        self.assertNotIn(500, statuses)
        self.assertEqual(
            [r.getMessage() for r in logs.records if "CSRF" not in r.getMessage()],
            [],
        )
        self.assertEqual(event.sc_state, "booked")
        for partner in self.bookings().sc_citizen_partner_id:
            self.assertRegex(partner.name, r"^[^\x00-\x1f\x7f-\x9f]{1,100}$")

    def test_expired_form_gets_a_german_page(self):
        form = self.form_of(self.get(self.url))
        form["csrf_token"] = "0" * 40 + "o1"
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.post(self.url, form)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Anfrage konnte nicht verarbeitet werden", response.text)
        self.assertIn("Bitte laden Sie die Seite neu", response.text)
        self.assertFalse(self.bookings())
