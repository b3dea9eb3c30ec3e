# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from threading import Event, Thread

from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, new_test_user, tagged

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

    def _popped_form(self, call, user=None):
        """The form the agent's tab opens for a popped call without inquiry."""
        tickets = self.env["helpdesk.ticket"].with_user(user or self.agent)
        return Form(tickets.with_context(sc_call_id=call.id))

    def test_answer_pops_a_prefilled_unsaved_inquiry(self):
        citizen = self.env["res.partner"].create(
            {"name": "Erika Musterfrau", "phone": "+4936691700", "email": "em@ex.de"}
        )
        offered, answered, ended = call_events(
            "c1", wait=8, talk=60, number="036691 70-0"
        )
        self._send([offered])
        self.assertEqual(self._pops(), [])
        tickets = self.env["helpdesk.ticket"].search_count([])
        self._send([answered])
        call = self.env["sc.call"].search([("call_ref", "=", "c1")])
        # the telephone system's request creates nothing
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets)
        self.assertFalse(call.ticket_id)
        self.assertEqual(
            self._pops(),
            [{"call_id": call.id, "ticket_id": False, "number": "+4936691700"}],
        )
        # the repeated answer event pops nothing again
        self._send([answered])
        self.assertEqual(len(self._pops()), 1)
        # the agent's tab: a new phone inquiry prefilled from the call
        form = self._popped_form(call)
        self.assertEqual(form.name, "Call from +4936691700")
        self.assertEqual(form.sc_caller_phone, "+4936691700")
        self.assertEqual(form.channel_id.sc_code, "phone")
        self.assertEqual(form.user_id, self.agent)
        self.assertEqual(form.partner_id, citizen)
        self.assertEqual(form.partner_email, "em@ex.de")
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets)
        ticket = form.save()
        self.assertEqual(call.ticket_id, ticket)
        self.assertEqual(ticket.partner_id, citizen)
        # a second form of the same call (another tab) links nothing more
        other = self._popped_form(call)
        self.assertFalse(other.sc_caller_phone)
        other.name = "Zweiter Tab"
        other.description = "Derselbe Anruf"
        other.save()
        self.assertEqual(call.ticket_id, ticket)
        self._send([ended])
        # the same caller again: the open inquiry, linked at once
        self._send(call_events("c2", wait=3, talk=30, number="+4936691700")[:2])
        self.assertEqual(self._pops()[-1]["ticket_id"], ticket.id)
        self.assertEqual(self._call("c2").ticket_id, ticket)

    def test_call_of_another_agent_is_not_linked(self):
        other_agent = new_test_user(
            self.env,
            "sc_call_agent_2",
            groups="sc_knowledge.group_agent",
            sc_phone_extension="2002",
        )
        self._send(
            call_events("c1", wait=3, talk=30, agent="2002", number="03641 123456")[:2]
        )
        self._send(call_events("c2", wait=9, number="03641 654321"))  # abandoned
        call = self._call("c1")
        self.assertEqual(call.agent_id, other_agent)
        tickets = self.env["helpdesk.ticket"].with_user(self.agent)
        for forged in (call, self._call("c2")):
            with self.assertRaises(AccessError):
                self._popped_form(forged)
            with self.assertRaises(AccessError):
                tickets.with_context(sc_call_id=forged.id).create({"name": "Fremd"})
        self.assertFalse(call.ticket_id)
        # the agent who answered it links it
        ticket = self._popped_form(call, other_agent).save()
        self.assertEqual(call.ticket_id, ticket)

    def test_anonymous_caller_pops_an_empty_inquiry_form(self):
        self._send(call_events("c1", wait=3, talk=30)[:2])
        call = self._call("c1")
        self.assertEqual(
            self._pops(), [{"call_id": call.id, "ticket_id": False, "number": ""}]
        )
        form = self._popped_form(call)
        self.assertFalse(form.name)
        self.assertFalse(form.sc_caller_phone)
        self.assertEqual(form.channel_id.sc_code, "phone")
        form.name = "Anonyme Anfrage"
        form.description = "Anruf mit unterdrückter Nummer"
        ticket = form.save()
        self.assertEqual(call.ticket_id, ticket)

    def _call(self, ref):
        return self.env["sc.call"].search([("call_ref", "=", ref)])

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
        cls.citizen = cls.env["res.partner"].create(
            {
                "name": "Erika Musterfrau",
                "phone": "+493641123456",
                "email": "erika@example.org",
            }
        )

    def _dispatch_until(self, stop):
        """Odoo's bus notifies websockets after a commit, which tests never do:
        wake the connected websockets the way bus' own tests do, every 10 ms."""
        while not stop.wait(0.01):
            for sockets in list(dispatch._channels_to_ws.values()):
                for socket in list(sockets):
                    socket.trigger_notification_dispatching()

    def test_answered_calls_pop_up_in_the_agents_tab(self):
        tickets = self.env["helpdesk.ticket"].search_count([])
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
        known, new = (
            self.env["sc.call"].search([("call_ref", "=", ref)])
            for ref in ("tour-call", "tour-call-2")
        )
        self.assertEqual(known.state, "answered")
        self.assertEqual(known.ticket_id, self.inquiry)
        # the new caller's inquiry is the one the agent saved, none before
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets + 1)
        self.assertEqual(new.ticket_id.sc_caller_phone, "+493641123456")
        self.assertEqual(new.ticket_id.partner_id, self.citizen)
        self.assertEqual(new.ticket_id.user_id, self.agent)
