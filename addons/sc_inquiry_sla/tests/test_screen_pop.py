# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from threading import Event, Thread

from odoo.tests import HttpCase, tagged

from odoo.addons.bus.models.bus import dispatch
from odoo.addons.bus.tests.common import WebsocketCase

from .common_calls import CallCase, call_events


@tagged("post_install", "-at_install")
class TestScreenPop(CallCase, HttpCase):
    """An answered call shows the caller's inquiry in the agent's tabs: the
    server sends it on the agent's bus channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_calls()

    def _send(self, events):
        response = self.url_open(
            "/sc_inquiry_sla/cti/event",
            data=json.dumps({"system": "eisenberg", "events": events}).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": "Bearer s3cret-token",
            },
        )
        self.assertEqual(response.status_code, 200, response.text)

    def _pops(self):
        """Payloads of the screen pops sent to the agent, oldest first."""
        channel = [self.env.cr.dbname, "res.partner", self.agent.partner_id.id]
        messages = [
            json.loads(note.message)
            for note in self.env["bus.bus"].sudo().search([], order="id")
            if json.loads(note.channel) == channel
        ]
        return [
            message["payload"]
            for message in messages
            if message["type"] == "sc_call_screen_pop"
        ]

    def test_answer_pops_the_callers_inquiry(self):
        offered, answered, ended = call_events(
            "c1", wait=8, talk=60, number="036691 70-0"
        )
        self._send([offered])
        self.assertEqual(self._pops(), [])
        self._send([answered])
        call = self.env["sc.call"].search([("call_ref", "=", "c1")])
        ticket = call.ticket_id
        self.assertEqual(ticket.sc_caller_phone, "+4936691700")
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(
            self._pops(),
            [{"call_id": call.id, "ticket_id": ticket.id, "number": "+4936691700"}],
        )
        # the repeated answer event pops nothing again
        self._send([answered, ended])
        self.assertEqual(len(self._pops()), 1)
        # the same caller again: the open inquiry, no new one
        self._send(call_events("c2", wait=3, talk=30, number="+4936691700")[:2])
        self.assertEqual(self._pops()[-1]["ticket_id"], ticket.id)

    def test_anonymous_caller_pops_a_new_inquiry_form(self):
        self._send(call_events("c1", wait=3, talk=30)[:2])
        self.assertEqual(
            self._pops(),
            [{"call_id": self._call_id("c1"), "ticket_id": False, "number": ""}],
        )

    def _call_id(self, ref):
        return self.env["sc.call"].search([("call_ref", "=", ref)]).id

    def test_imports_pop_nothing(self):
        self.env["sc.call"]._sc_apply_events(
            self.system,
            call_events("c1", wait=3, talk=30, number="036691 70-0"),
            lines=[1, 2, 3],
        )
        self.assertEqual(self._pops(), [])


@tagged("post_install", "-at_install")
class TestScreenPopTour(CallCase, WebsocketCase):
    """The screen pop end to end: a real Chromium tab of the agent, connected
    through Odoo's websocket, opens the caller's inquiry within a second of the
    telephone system's event."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_calls()
        cls.inquiry = cls.env["helpdesk.ticket"].create(
            {
                "name": "Rückfrage zur Abmeldung",
                "description": "Bürgerin ruft wegen der Abmeldung zurück.",
                "sc_caller_phone": "+4936691700",
            }
        )

    def _dispatch_until(self, stop):
        """Odoo's bus notifies websockets after a commit, which tests never do:
        wake the connected websockets the way bus' own tests do, every 10 ms."""
        while not stop.wait(0.01):
            for sockets in list(dispatch._channels_to_ws.values()):
                for socket in list(sockets):
                    socket.trigger_notification_dispatching()

    def test_answered_call_opens_the_inquiry_in_the_agents_tab(self):
        stop = Event()
        dispatcher = Thread(target=self._dispatch_until, args=(stop,), daemon=True)
        dispatcher.start()
        try:
            self.start_tour(
                "/odoo", "sc_inquiry_sla_screen_pop_tour", login=self.agent.login
            )
        finally:
            stop.set()
            dispatcher.join()
        call = self.env["sc.call"].search([("call_ref", "=", "tour-call")])
        self.assertEqual(call.state, "answered")
        self.assertEqual(call.ticket_id, self.inquiry)
