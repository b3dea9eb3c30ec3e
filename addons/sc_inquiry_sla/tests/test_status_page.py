# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The citizen's status page over real HTTP, as the citizen and as an
attacker would use it."""

from datetime import datetime

from odoo.tests import HttpCase, tagged

from .common import InquiryCase

NOT_FOUND = "Seite nicht gefunden"


@tagged("post_install", "-at_install")
class TestStatusPage(HttpCase, InquiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls.forward = cls._forward()
        # Fri 27 Mar 2026 15:00 UTC = 16:00 in Berlin
        cls.forward.sudo().sent_at = datetime(2026, 3, 27, 15, 0)
        cls.token = cls.ticket.sudo().sc_status_token
        cls.link = f"/sc/inquiry/{cls.ticket.id}/{cls.token}"

    def setUp(self):
        super().setUp()
        # the limits count in the test's transaction: start from none
        self.env["sc.rate.limit"].search([]).unlink()
        self.set_limit(0)

    def set_limit(self, limit):
        self.env["ir.config_parameter"].sudo().set_param(
            "sc_knowledge.rate_limit_inquiry_status", limit
        )

    def get(self, url):
        return self.opener.get(f"{self.base_url()}{url}", timeout=30)

    def assertNotFound(self, response):
        self.assertEqual(response.status_code, 404, response.url)
        self.assertIn(NOT_FOUND, response.text)
        self.assertIn('<meta name="robots" content="noindex"', response.text)

    def test_citizen_sees_the_steps_and_nothing_internal(self):
        self.assertEqual(self.ticket.sc_status_url, f"{self.base_url()}{self.link}")
        page = self.get(self.link)
        self.assertEqual(page.status_code, 200)
        html = page.text
        self.assertIn('<html lang="de-DE"', html)
        self.assertIn('<meta name="robots" content="noindex"', html)
        self.assertEqual(page.headers["Cache-Control"], "no-store")
        self.assertEqual(page.headers["Referrer-Policy"], "no-referrer")
        self.assertIn(self.ticket.number, html)
        self.assertIn("Eingegangen", html)
        self.assertIn("Weitergeleitet an die zuständige Stelle", html)
        self.assertIn("Freitag, 27.03.2026, 16:00", html)
        self.assertIn("Noch nicht", html)
        for internal in (
            self.ticket.name,
            "Wunschkennzeichen",
            "Kfz-Zulassungsbehörde",
            "zulassung@kfz.example",
            "Anna Agent",
            "Karl Clerk",
            "Clara Citizen",
            "clara@citizen.example",
            "Fahrzeug zulassen",
        ):
            self.assertNotIn(internal, html)

    def test_answered_and_closed_are_shown(self):
        self.ticket.with_user(self.clerk).message_post(
            body="Intern: Kennzeichen XY reserviert.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.forward.sudo().answered_at = datetime(2026, 3, 30, 8, 30)
        self.ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.ticket.closed_date = datetime(2026, 3, 31, 12, 0)
        html = self.get(self.link).text
        self.assertIn("Beantwortet", html)
        self.assertIn("Montag, 30.03.2026, 10:30", html)
        self.assertIn("Abgeschlossen", html)
        self.assertIn("Dienstag, 31.03.2026, 14:00", html)
        self.assertNotIn("Kennzeichen XY", html)
        self.assertNotIn("Noch nicht", html)

    def test_wrong_links_get_the_same_german_404(self):
        other = self.env["helpdesk.ticket"].create(
            {
                "name": "Andere Anfrage",
                "description": "<p>Andere Frage</p>",
                "partner_email": "other@citizen.example",
            }
        )
        self._forward(ticket=other, unit=self.unit)
        other_token = other.sudo().sc_status_token
        self.assertTrue(other_token)
        wrong = [
            f"/sc/inquiry/{self.ticket.id}/{'A' * 43}",
            f"/sc/inquiry/{self.ticket.id}/{self.token[:-1]}",
            f"/sc/inquiry/{self.ticket.id}/{self.token}x",
            f"/sc/inquiry/{self.ticket.id}/{other_token}",
            f"/sc/inquiry/{self.ticket.id}/{'x' * 5000}",
            f"/sc/inquiry/{self.ticket.id}/%C3%A4{self.token[1:]}",
            f"/sc/inquiry/{self.ticket.id}/%00{self.token[1:]}",
            f"/sc/inquiry/{other.id + 1000}/{self.token}",
            f"/sc/inquiry/99999999999999999999/{self.token}",
            f"/sc/inquiry/abc/{self.token}",
            f"/sc/inquiry/-1/{self.token}",
            f"/sc/inquiry/{self.ticket.id}",
            f"/sc/inquiry/{self.ticket.id}/{self.token}/more",
            "/sc/inquiry",
        ]
        bodies = set()
        for url in wrong:
            with self.subTest(url=url[:80]):
                response = self.get(url)
                self.assertNotFound(response)
                main = response.text
                bodies.add(main[main.index("<main") : main.index("</main>")])
        self.assertEqual(len(bodies), 1, "no page tells which inquiries exist")
        self.assertEqual(self.get(self.link).status_code, 200)

    def test_status_links_are_rate_limited(self):
        self.set_limit(3)
        self.assertEqual(self.get(self.link).status_code, 200)
        self.assertNotFound(self.get(f"/sc/inquiry/{self.ticket.id}/{'B' * 43}"))
        self.assertNotFound(self.get(f"/sc/inquiry/{self.ticket.id}/{'x' * 900}"))
        refused = self.get(self.link)  # even the right link, for now
        self.assertEqual(refused.status_code, 429)
        self.assertIn("Zu viele Anfragen", refused.text)
        self.assertGreater(int(refused.headers["Retry-After"]), 9 * 60)
        counted = self.env["sc.rate.limit"].search([("kind", "=", "inquiry_status")])
        self.assertEqual(len(counted), 3)
        # after the window the client may go on
        counted.write({"at": "2020-01-01 00:00:00"})
        self.assertEqual(self.get(self.link).status_code, 200)

    def test_anonymised_inquiry_has_no_status_page(self):
        self.ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.ticket._sc_anonymize()
        self.assertNotFound(self.get(self.link))
