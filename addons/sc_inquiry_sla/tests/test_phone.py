# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.sc_knowledge.tools.phone import to_e164


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
    URL = "/sc_inquiry_sla/cti/call"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "sc_cti_agent",
            password="sc_cti_agent_pw",
            lang="de_DE",
            groups="sc_knowledge.group_agent",
        )
        cls.clerk = new_test_user(
            cls.env,
            "sc_cti_clerk",
            password="sc_cti_clerk_pw",
            groups="sc_knowledge.group_department_user",
        )
        cls.caller = cls.env["res.partner"].create(
            {
                "name": "Bernd Bürger",
                "phone": "+4936691700",
                "email": "bernd@example.org",
            }
        )

    def _call(self, body, content_type="application/json"):
        """POST the raw body; no 500 and no WARNING or ERROR log line, ever."""
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        with self.assertNoLogs(level="WARNING"):
            response = self.url_open(
                self.URL, data=body, headers={"Content-Type": content_type}
            )
        self.assertLess(response.status_code, 500)
        self.assertEqual(
            response.headers["Content-Type"].split(";")[0], "application/json"
        )
        return response

    def _refused(self, body, status=400, content_type="application/json"):
        count = self.env["helpdesk.ticket"].search_count([])
        response = self._call(body, content_type)
        self.assertEqual(response.status_code, status)
        error = response.json()["error"]
        self.assertEqual(error["code"], status)
        self.assertNotIn("Traceback", response.text)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        return error["message"]

    def test_cti_opens_ticket_for_known_caller(self):
        self.authenticate("sc_cti_agent", "sc_cti_agent_pw")
        response = self._call({"params": {"number": "036691 70-0"}})
        self.assertEqual(response.status_code, 200)
        result = response.json()["result"]
        ticket = self.env["helpdesk.ticket"].browse(result["ticket_id"])
        self.assertEqual(ticket.sc_caller_phone, "+4936691700")
        self.assertEqual(ticket.partner_id, self.caller)
        self.assertEqual(ticket.sc_channel, "phone")
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(result["url"], f"/odoo/helpdesk.ticket/{ticket.id}")
        second = self._call({"number": "+49 36691 700"}).json()["result"]
        self.assertTrue(second["known_caller"])
        self.assertIn(ticket.id, second["previous_ticket_ids"])

    def test_cti_without_session_is_401_in_german(self):
        message = self._refused({"params": {"number": "036691 70-0"}}, status=401)
        self.assertIn("Bitte melden Sie sich", message)
        self._refused(b"\x00\xff{", status=401, content_type="text/plain")

    def test_cti_refuses_department_users(self):
        self.authenticate("sc_cti_clerk", "sc_cti_clerk_pw")
        self._refused({"number": "036691 70-0"}, status=403)

    def test_cti_refuses_hostile_parameters_in_german(self):
        self.authenticate("sc_cti_agent", "sc_cti_agent_pw")
        hostile = {
            "invalid number": {"number": "12"},
            "integer": {"number": 3669170},
            "list": {"number": ["036691 70-0"]},
            "object": {"params": {"number": {"$ne": ""}}},
            "null": {"number": None},
            "boolean": {"number": True},
            "huge": {"number": "0" * 100_000},
            "NUL": {"number": "036691\x0070-0"},
            "CR/LF": {"number": "036691 70-0\r\nX-Injected: 1"},
            "no number": {"params": {"nummer": "036691 70-0"}},
            "array": ["036691 70-0"],
            "string": "036691 70-0",
        }
        for case, body in hostile.items():
            with self.subTest(case=case):
                message = self._refused(body)
                self.assertTrue(message)
                self.assertLess(len(message), 300)
        self.assertIn("keine gültige Telefonnummer", self._refused({"number": "12"}))
        self.assertIn("zu lang", self._refused({"number": "0" * 100_000}))
        self.assertIn("Steuerzeichen", self._refused({"number": "036691 70-0\r\n"}))
        self.assertIn("als Text", self._refused({"number": 3669170}))
        raw = {
            "invalid JSON": b'{"number": "036691',
            "raw NUL": b'{"number": "036691\x0070-0"}',
            "not UTF-8": b'{"number": "\xff\xfe"}',
            "deep nesting": b"[" * 100_000 + b"]" * 100_000,
            "huge integer": b'{"number": ' + b"9" * 100_000 + b"}",
        }
        for case, body in raw.items():
            with self.subTest(case=case):
                self._refused(body)
        self._refused(
            b"number=036691700", content_type="application/x-www-form-urlencoded"
        )

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
