# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import BaseCommon

from ..tools.phone import to_e164


@tagged("post_install", "-at_install")
class TestE164(BaseCase):
    def test_german_formats(self):
        self.assertEqual(to_e164("036691 70-0"), "+4936691700")
        self.assertEqual(to_e164("0176 1234567"), "+491761234567")
        self.assertEqual(to_e164("+49 (0)3641 123456"), "+493641123456")
        self.assertEqual(to_e164("0049 3641 123456"), "+493641123456")
        self.assertEqual(to_e164("03641/123456"), "+493641123456")
        self.assertEqual(to_e164("+1 202 555 0100"), "+12025550100")

    def test_invalid(self):
        for raw in ("", "12", "abc", None, "   "):
            self.assertIsNone(to_e164(raw))


@tagged("post_install", "-at_install")
class TestPhoneIntake(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, "sc_phone_agent", groups="sc_knowledge.group_agent", lang="en_US"
        )
        cls.Ticket = cls.env["helpdesk.ticket"].with_user(cls.agent)

    def _ticket(self, **vals):
        return self.Ticket.create(
            {
                "name": "Anruf",
                "description": "<p>Frage</p>",
                "sc_channel": "phone",
                **vals,
            }
        )

    def test_number_stored_in_e164(self):
        ticket = self._ticket(sc_caller_phone="036691 70-0")
        self.assertEqual(ticket.sc_caller_phone, "+4936691700")
        ticket.sc_caller_phone = "+49 (0)3641 123456"
        self.assertEqual(ticket.sc_caller_phone, "+493641123456")

    def test_invalid_number_is_refused_and_nothing_is_lost(self):
        ticket = self._ticket(sc_caller_phone="0176 1234567")
        with self.assertRaisesRegex(ValidationError, "not a valid phone number"):
            ticket.write({"sc_caller_phone": "12", "name": "Geändert"})
        self.assertEqual(ticket.sc_caller_phone, "+491761234567")
        self.assertEqual(ticket.name, "Anruf")
        with self.assertRaises(ValidationError):
            self._ticket(sc_caller_phone="abc")

    def test_known_caller_by_number_or_email(self):
        first = self._ticket(sc_caller_phone="036691 70-0")
        other = self._ticket(partner_email="max@example.org")
        second = self._ticket(sc_caller_phone="+4936691700")
        self.assertTrue(second.sc_known_caller)
        self.assertEqual(second.sc_previous_ticket_ids, first)
        third = self._ticket(partner_email="MAX@example.org")
        self.assertEqual(third.sc_previous_ticket_ids, other)
        stranger = self._ticket(sc_caller_phone="0176 1234567")
        self.assertFalse(stranger.sc_known_caller)


@tagged("post_install", "-at_install")
class TestCtiHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "sc_cti_agent",
            password="sc_cti_agent_pw",
            lang="en_US",
            groups="sc_knowledge.group_agent",
        )
        cls.caller = cls.env["res.partner"].create(
            {
                "name": "Bernd Bürger",
                "phone": "+4936691700",
                "email": "bernd@example.org",
            }
        )

    def _post(self, number):
        payload = {"jsonrpc": "2.0", "method": "call", "params": {"number": number}}
        response = self.url_open(
            "/sc_inquiry_sla/cti/call",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_cti_opens_ticket_for_known_caller(self):
        self.authenticate("sc_cti_agent", "sc_cti_agent_pw")
        result = self._post("036691 70-0")["result"]
        ticket = self.env["helpdesk.ticket"].browse(result["ticket_id"])
        self.assertEqual(ticket.sc_caller_phone, "+4936691700")
        self.assertEqual(ticket.partner_id, self.caller)
        self.assertEqual(ticket.sc_channel, "phone")
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(result["url"], f"/odoo/helpdesk.ticket/{ticket.id}")
        second = self._post("+49 36691 700")["result"]
        self.assertTrue(second["known_caller"])
        self.assertIn(ticket.id, second["previous_ticket_ids"])

    def test_cti_refuses_invalid_number_and_anonymous(self):
        self.authenticate("sc_cti_agent", "sc_cti_agent_pw")
        with mute_logger("odoo.http"):
            error = self._post("12")["error"]
        self.assertEqual(error["data"]["name"], "odoo.exceptions.ValidationError")
        self.assertIn("12", error["data"]["message"])
        self.authenticate(None, None)
        count = self.env["helpdesk.ticket"].search_count([])
        error = self._post("036691 70-0")["error"]
        self.assertEqual(error["data"]["name"], "odoo.http.SessionExpiredException")
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)

    def test_cti_over_external_json_rpc(self):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.agent.id,
                    "sc_cti_agent_pw",
                    "helpdesk.ticket",
                    "sc_cti_incoming_call",
                    ["0176 1234567"],
                ],
            },
        }
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        result = response.json()["result"]
        ticket = self.env["helpdesk.ticket"].browse(result["ticket_id"])
        self.assertEqual(ticket.sc_caller_phone, "+491761234567")
        self.assertFalse(result["known_caller"])
