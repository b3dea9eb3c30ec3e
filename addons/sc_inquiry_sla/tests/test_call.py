# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from itertools import permutations

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import BaseCase, tagged

from odoo.addons.base.tests.common import BaseCommon

from ..tools.calls import call_state, event_changes
from .common_calls import CallCase, at, call_events

EMPTY_CALL = dict.fromkeys(
    (
        "offered_at",
        "answered_at",
        "ended_at",
        "abandoned",
        "transferred",
        "caller_number",
        "queue",
        "direction",
        "agent_extension",
    ),
    False,
)


@tagged("post_install", "-at_install")
class TestCallTools(BaseCase):
    def _replay(self, events):
        call = dict(EMPTY_CALL)
        for event in events:
            call.update(event_changes(call, event))
        return call

    def test_any_order_and_repetition_gives_the_same_call(self):
        events = [
            {"kind": "offered", "time": at(0), "number": "+4936691700", "queue": "115"},
            {"kind": "answered", "time": at(12), "agent": "2001"},
            {"kind": "ended", "time": at(200), "transferred": True},
        ]
        expected = self._replay(events)
        self.assertEqual(expected["offered_at"], at(0))
        self.assertEqual(expected["answered_at"], at(12))
        self.assertEqual(expected["ended_at"], at(200))
        self.assertTrue(expected["transferred"])
        for order in permutations(events + events[:2]):
            self.assertEqual(self._replay(order), expected)

    def test_repeated_event_changes_nothing(self):
        event = {"kind": "answered", "time": at(5), "agent": "2001"}
        call = self._replay([event])
        self.assertEqual(event_changes(call, event), {})

    def test_state(self):
        self.assertEqual(call_state(False, False, False, False, None, 5), "queued")
        self.assertEqual(call_state(at(3), at(9), False, False, 9, 5), "answered")
        self.assertEqual(call_state(at(3), at(9), True, True, 9, 5), "transferred")
        self.assertEqual(call_state(False, at(4), True, False, 4, 5), "short_abandon")
        self.assertEqual(call_state(False, at(5), True, False, 5, 5), "abandoned")
        self.assertEqual(call_state(False, at(4), False, False, 4, 0), "abandoned")


@tagged("post_install", "-at_install")
class TestCall(CallCase, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_calls()

    def test_answered_call(self):
        call = self._record(call_events("c1", wait=12, talk=180, number="036691 70-0"))
        self.assertEqual(len(call), 1)
        self.assertEqual(call.caller_number, "+4936691700")
        self.assertEqual(call.queue, "115")
        self.assertEqual(call.offered_at, at(0))
        self.assertEqual(call.answered_at, at(12))
        self.assertEqual(call.wait_seconds, 12)
        self.assertEqual(call.talk_seconds, 180)
        self.assertEqual(call.state, "answered")
        self.assertEqual(call.agent_id, self.agent)
        self.assertEqual(call.company_id, self.system.company_id)

    def test_agent_by_login(self):
        events = call_events("c1", wait=3, talk=30, agent="sc_call_agent")
        self.assertEqual(self._record(events).agent_id, self.agent)

    def test_duplicates_and_disorder_give_one_call(self):
        events = call_events("c1", wait=40, talk=100)
        self._record(events[::-1])
        self._record(events + events)
        calls = self.env["sc.call"].search([("call_ref", "=", "c1")])
        self.assertEqual(len(calls), 1)
        self.assertEqual((calls.wait_seconds, calls.talk_seconds), (40, 100))
        self.assertEqual(calls.state, "answered")

    def test_same_call_id_on_two_systems_are_two_calls(self):
        other = self.env["sc.telephone.system"].create(
            {"name": "Zweigstelle", "code": "branch", "token": "x"}
        )
        first = self._record(call_events("c1", wait=3, talk=30))
        second = self._record(call_events("c1", wait=3, talk=30), system=other)
        self.assertNotEqual(first, second)

    def test_anonymous_caller_and_short_abandon(self):
        call = self._record(call_events("c1", wait=3, number="anonymous"))
        self.assertFalse(call.caller_number)
        self.assertEqual(call.state, "short_abandon")
        self.env.company.sc_call_short_abandon_seconds = 2
        self.assertEqual(call.state, "abandoned")

    def test_malformed_event_stores_nothing(self):
        good = call_events("c1", wait=3, talk=30)
        bad = [
            {"call_id": "c2", "event": "rang", "time": 1772434800},
            {"call_id": "c2", "event": "offered", "time": "2026-03-02T08:00:00"},
            {"call_id": "c2", "event": "offered", "time": "0001-01-01T00:00:00+10:00"},
            {"call_id": "c2", "event": "offered", "time": "9999-12-31T23:59:59-10:00"},
            {"call_id": "c2", "event": "offered", "time": float("nan")},
            {"call_id": "c2", "event": "offered", "time": 2**70},
            {"call_id": "", "event": "offered", "time": 1772434800},
            {"call_id": "c2", "event": "offered", "time": 1772434800, "number": "12"},
            {"call_id": "c2", "event": "offered", "time": 1772434800, "queue": ["x"]},
            {"call_id": "c2" * 100, "event": "ended", "time": 1772434800},
            "offered",
        ]
        for event in bad:
            with self.subTest(event=event), self.assertRaises(ValidationError):
                self._record([*good, event])
        self.assertFalse(self.env["sc.call"].search([]))

    def test_unix_time(self):
        call = self._record([{"call_id": "c1", "event": "offered", "time": 1772434800}])
        self.assertEqual(call.offered_at, at(0))
        self.assertEqual(call.state, "queued")


@tagged("post_install", "-at_install")
class TestCallAccess(CallCase, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_calls()
        cls.call = cls._record(call_events("c1", wait=3, talk=30))

    def test_agents_and_managers_read_calls(self):
        for user in (self.agent, self.manager):
            call = self.call.with_user(user)
            self.assertEqual(call.state, "answered")
            self.assertEqual(call.system_id.name, "Asterisk Eisenberg")

    def test_agents_cannot_change_calls_or_read_tokens(self):
        with self.assertRaises(AccessError):
            self.call.with_user(self.agent).write({"queue": "X"})
        with self.assertRaises(AccessError):
            self.system.with_user(self.agent).read(["token"])
        self.assertEqual(self.system.with_user(self.manager).token, "s3cret-token")

    def test_department_users_see_no_calls(self):
        with self.assertRaises(AccessError):
            self.call.with_user(self.clerk).read(["caller_number"])
        with self.assertRaises(AccessError):
            self.env["sc.call"].with_user(self.clerk).search([])
        with self.assertRaises(AccessError):
            self.system.with_user(self.clerk).read(["name"])

    def test_constant_time_token_check(self):
        self.assertTrue(self.system._sc_check_token("s3cret-token"))
        for token in ("s3cret-toke", "", None, "ß" * 12, 12):
            self.assertFalse(self.system._sc_check_token(token))
