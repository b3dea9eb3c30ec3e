from odoo.exceptions import UserError
from odoo.tests import Form, tagged, users
from odoo.tools import SQL

from odoo.addons.mail.tests.common import MailCase

from .common import CatalogCommon


@tagged("post_install", "-at_install")
class TestAnswerFromCatalog(CatalogCommon, MailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.services["lost_licence"]
        cls.service.write(
            {
                "fee_text": "etwa 40,00 EUR",
                "document_ids": [(0, 0, {"name": "Biometrisches Passfoto"})],
            }
        )
        cls.citizen = cls.env["res.partner"].create(
            {"name": "Erika Mustermann", "email": "erika@example.com", "lang": "en_US"}
        )

    def _ticket(self, **values):
        return (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Anruf: Führerschein verloren",
                    "description": "<p>Bürgerin hat ihren Führerschein verloren.</p>",
                    **values,
                }
            )
        )

    def _answer(self, ticket, mode, note=None):
        action = ticket.action_sc_answer_from_catalog()
        form = Form(
            self.env["sc.catalog.answer.wizard"]
            .with_user(self.agent)
            .with_context(action["context"])
        )
        form.service_id = self.service
        form.answer_mode = mode
        if note:
            form.note = note
        form.save().action_answer()

    @users("sc_agent")
    def test_answer_by_mail_closes_ticket(self):
        ticket = self._ticket(partner_id=self.citizen.id)
        with self.mock_mail_gateway():
            self._answer(ticket, "email")
        self.assertEqual(ticket.sc_service_id, self.service)
        self.assertTrue(ticket.closed)
        self.assertSentEmail(
            self.env.user.company_id.partner_id.email_formatted
            or self.env.user.email_formatted,
            [self.citizen],
        )
        mail = self._new_mails.filtered(lambda m: self.citizen in m.recipient_ids)
        self.assertIn("Biometrisches Passfoto", mail.body_html)
        self.assertIn("etwa 40,00 EUR", mail.body_html)
        self.assertIn("Führerscheinstelle Test", mail.body_html)

    @users("sc_agent")
    def test_answer_mail_links_only_web_addresses(self):
        self.service.sudo().online_service_url = "https://example.org/online"
        ticket = self._ticket(partner_id=self.citizen.id)
        with self.mock_mail_gateway():
            self._answer(ticket, "email")
        mail = self._new_mails.filtered(lambda m: self.citizen in m.recipient_ids)
        self.assertIn('href="https://example.org/online"', mail.body_html)
        # An address stored before the check (or around it) is left out.
        self.env.cr.execute(
            SQL(
                "UPDATE sc_service SET online_service_url = %s WHERE id = %s",
                "javascript:alert(1)",
                self.service.id,
            )
        )
        self.env.invalidate_all()
        ticket = self._ticket(partner_id=self.citizen.id)
        with self.mock_mail_gateway():
            self._answer(ticket, "email")
        mail = self._new_mails.filtered(lambda m: self.citizen in m.recipient_ids)
        self.assertIn("Biometrisches Passfoto", mail.body_html)
        self.assertNotIn("javascript", mail.body_html)
        self.assertNotIn("apply online", mail.body_html)

    @users("sc_agent")
    def test_phone_answer_is_logged_and_closed(self):
        ticket = self._ticket()
        self._answer(ticket, "note", note="Bürgerin kommt Dienstag vorbei.")
        self.assertTrue(ticket.closed)
        note = ticket.message_ids.filtered(lambda m: "Dienstag" in (m.body or ""))
        self.assertTrue(note.subtype_id.internal)
        self.assertIn(self.service.name, note.body)

    @users("sc_agent")
    def test_mail_answer_needs_an_address(self):
        ticket = self._ticket()
        with self.assertRaises(UserError):
            self._answer(ticket, "email")
        self.assertFalse(ticket.closed)

    @users("sc_agent")
    def test_mail_answer_creates_citizen_from_ticket_address(self):
        ticket = self._ticket(
            partner_email="max@example.com", partner_name="Max Muster"
        )
        with self.mock_mail_gateway():
            self._answer(ticket, "email")
        self.assertEqual(ticket.partner_id.email, "max@example.com")
        self.assertTrue(ticket.closed)

    @users("sc_agent")
    def test_closed_ticket_cannot_be_answered_twice(self):
        ticket = self._ticket()
        self._answer(ticket, "note")
        with self.assertRaises(UserError):
            ticket.action_sc_answer_from_catalog()
