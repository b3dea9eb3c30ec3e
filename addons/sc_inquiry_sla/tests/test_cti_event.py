# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, tagged

from .common_calls import CallCase, call_events


@tagged("post_install", "-at_install")
class TestCtiEventHttp(CallCase, HttpCase):
    """The event endpoint over real HTTP, as a telephone system calls it."""

    URL = "/sc_inquiry_sla/cti/event"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_calls()

    def _post(self, body, token="s3cret-token", content_type="application/json"):
        """POST body; no 500 and no WARNING or ERROR log line, ever."""
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        headers = {"Content-Type": content_type}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        with self.assertNoLogs(level="WARNING"):
            response = self.url_open(self.URL, data=body, headers=headers)
        self.assertLess(response.status_code, 500)
        self.assertEqual(
            response.headers["Content-Type"].split(";")[0], "application/json"
        )
        return response

    def _send(self, events):
        response = self._post({"system": "eisenberg", "events": events})
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()["result"]

    def _refused(self, body, status=400, **kwargs):
        count = self.env["sc.call"].search_count([])
        response = self._post(body, **kwargs)
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(response.json()["error"]["code"], status)
        self.assertEqual(self.env["sc.call"].search_count([]), count)
        return response.json()["error"]["message"]

    def _calls(self):
        return self.env["sc.call"].search([("system_id", "=", self.system.id)])

    def test_one_event_per_request(self):
        tickets = self.env["helpdesk.ticket"].search_count([])
        for event in call_events(
            "1772434800.1", wait=20, talk=90, number="03641 123456"
        ):
            result = self._send([event])
        # the agent's tab opens the new caller's inquiry unsaved (screen pop):
        # the telephone system's requests create none
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets)
        self.assertEqual(result[0]["call_id"], "1772434800.1")
        self.assertEqual(result[0]["state"], "answered")
        call = self._calls()
        self.assertEqual(len(call), 1)
        self.assertEqual(call.caller_number, "+493641123456")
        self.assertEqual((call.wait_seconds, call.talk_seconds), (20, 90))
        self.assertEqual(call.agent_id, self.agent)
        # a single event without the "events" list
        single = {"system": "eisenberg", **call_events("c2", wait=50)[0]}
        self.assertEqual(self._post(single).json()["result"][0]["state"], "queued")

    def test_duplicates_and_out_of_order_give_one_call(self):
        events = call_events("c1", wait=45, talk=120)
        for event in reversed(events):
            self._send([event])
        self._send(events)
        self._send(events[1:2] * 3)
        call = self._calls()
        self.assertEqual(len(call), 1)
        self.assertEqual(call.state, "answered")
        self.assertEqual((call.wait_seconds, call.talk_seconds), (45, 120))

    def test_abandoned_call(self):
        self._send(call_events("c1", wait=70))
        self.assertEqual(self._calls().state, "abandoned")
        self.assertEqual(self._calls().wait_seconds, 70)

    def test_wrong_token_is_401(self):
        body = {"system": "eisenberg", "events": call_events("c1", wait=3, talk=9)}
        for token in (None, "", "wrong", "s3cret-token ", "ß" * 12):
            with self.subTest(token=token):
                message = self._refused(body, status=401, token=token)
                self.assertIn("falsches Token", message)
        self._refused({**body, "system": "other"}, status=401)
        self._refused({**body, "system": ["eisenberg"]}, status=401)
        self._refused({**body, "system": "eis\x00enberg"}, status=401)
        self.system.active = False
        self._refused(body, status=401)

    def test_malformed_is_400_in_german_and_stores_nothing(self):
        good = call_events("c1", wait=3, talk=30)
        cases = {
            "unknown event": {"call_id": "c2", "event": "klingelt", "time": 1},
            "no time zone": {
                "call_id": "c2",
                "event": "offered",
                "time": "2026-03-02T08:00:00",
            },
            "invalid number": {
                "call_id": "c2",
                "event": "offered",
                "time": 1772434800,
                "number": "12",
            },
            "no call id": {"event": "ended", "time": 1772434800},
            "not an object": ["ended"],
        }
        for case, bad in cases.items():
            with self.subTest(case=case):
                message = self._refused({"system": "eisenberg", "events": [*good, bad]})
                self.assertTrue(message.startswith("Ereignis 4:"), message)
        message = self._refused(
            {"system": "eisenberg", "events": [*good, cases["no time zone"]]}
        )
        self.assertIn("Zeitzone", message)
        for body in (
            b" ",
            b"{",
            b"[]",
            b"\x00\xff",
            b"[" * 100_000 + b"]" * 100_000,
            b'{"system": "eisenberg", "events": []}',
            b'{"system": "eisenberg", "events": {"a": 1}}',
            b'{"system": "eisenberg", "events": [' + b"9" * 50_000 + b"]}",
        ):
            with self.subTest(body=body[:20]):
                self._refused(body)
        self._refused(
            {"system": "eisenberg", "events": good}, content_type="text/plain"
        )
        self.assertFalse(self._calls())
