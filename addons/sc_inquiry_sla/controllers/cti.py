# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import JSON_MIMETYPES, request

from odoo.addons.sc_knowledge.controllers.public import use_german
from odoo.addons.sc_knowledge.tools.public_input import has_control_characters

# Most events one request may carry.
MAX_EVENTS = 500


class CtiController(http.Controller):
    """Telephony: call events from telephone systems (``call_event``), and a
    phone inquiry opened for the logged-in agent (``incoming_call``).

    ``incoming_call``: ``POST`` a JSON object ``{"number": "036691 70-0"}`` (or
    the JSON-RPC form ``{"params": {"number": ...}}``) with the agent's session
    cookie; the answer is ``{"result": {...}}``, or
    ``{"error": {"code": ..., "message": ...}}`` with HTTP 400, 401 or 403 and a
    message in the user's language (German for callers without a session).
    Everything in the request comes from outside: nothing in it leads to a
    server error or an error log line.
    """

    @http.route(
        "/sc_inquiry_sla/cti/call",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def incoming_call(self, **_query):
        # No CSRF token: a cross-site form cannot send application/json, and
        # the session cookie (SameSite=Lax) does not travel with a cross-site POST.
        env = request.env
        if env.user._is_public():
            use_german()
            return self._error(
                401,
                request.env._(
                    "Please log in to Odoo first: the telephony connection needs "
                    "the session of a service center agent."
                ),
            )
        if not env.user.has_group("sc_knowledge.group_agent"):
            return self._error(
                403, env._("Only service center agents can open phone inquiries.")
            )
        number = self._number_from_request()
        if number is None:
            return self._error(
                400,
                env._(
                    "Please send a JSON object with the caller's number, e.g. "
                    '{"number": "036691 70-0"}.'
                ),
            )
        try:
            result = env["helpdesk.ticket"].sc_cti_incoming_call(number)
        except ValidationError as error:
            return self._error(400, error.args[0])
        return request.make_json_response({"result": result})

    @http.route(
        "/sc_inquiry_sla/cti/event",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def call_event(self, **_query):
        """Call events pushed by a telephone system (see readme/USAGE.md).

        No session: the telephone system names itself by its code ("system")
        and proves it with its token (header ``Authorization: Bearer …``).
        All events of a request are stored, or none (400)."""
        use_german()
        payload = self._json_object()
        if payload is None:
            return self._error(
                400,
                request.env._(
                    "Please send a JSON object with “system” and one event "
                    "(“call_id”, “event”, “time”) or a list “events”."
                ),
            )
        with self._read_committed_env() as env:
            system = self._authenticated_system(env, payload.get("system"))
            if not system:
                return self._error(
                    401,
                    request.env._(
                        "Unknown telephone system or wrong token: please send the "
                        "system's code as “system” and its token in the header "
                        "“Authorization: Bearer …”."
                    ),
                )
            events = payload["events"] if "events" in payload else [payload]
            if not isinstance(events, list) or not events or len(events) > MAX_EVENTS:
                return self._error(
                    400,
                    request.env._(
                        "“events” must be a list of 1 to %(max)s events.",
                        max=MAX_EVENTS,
                    ),
                )
            calls = env["sc.call"].sudo().with_company(system.company_id)
            try:
                with env.cr.savepoint():
                    calls = calls._sc_apply_events(system, events)
                    env.flush_all()
            except ValidationError as error:
                return self._error(400, error.args[0])
            result = [
                {"call_id": call.call_ref, "id": call.id, "state": call.state}
                for call in calls
            ]
        return request.make_json_response({"result": result})

    @contextmanager
    def _read_committed_env(self):
        """An environment on a cursor of its own in READ COMMITTED, committed
        at the end: the events of one call arrive in parallel requests, and
        in Odoo's repeatable-read transaction the later request could only
        fail and be retried (with back-off delays of up to seconds). In read
        committed it waits for the lock on the call (sc.call._sc_call_for)
        and then sees the other request's result. Tests share one
        transaction and keep it."""
        if request.env.registry.in_test_mode():
            yield request.env
            return
        with request.env.registry.cursor() as cr:
            # before the cursor's first query, i.e. its transaction's start
            cr.connection.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
            yield request.env(cr=cr)

    def _authenticated_system(self, env, code):
        """The active telephone system with this code whose token the request
        carries (superuser, read with its token and company in one query),
        else an empty recordset."""
        systems = env["sc.telephone.system"].sudo()
        if (
            not isinstance(code, str)
            or not code
            or len(code) > 64
            or has_control_characters(code)  # PostgreSQL refuses NUL bytes
        ):
            return systems
        system = systems.search_fetch(
            [("code", "=", code)], ["token", "company_id"], limit=1
        )
        scheme, _sep, token = request.httprequest.headers.get(
            "Authorization", ""
        ).partition(" ")
        if system and scheme.lower() == "bearer" and system._sc_check_token(token):
            return system
        return systems

    def _json_object(self):
        """The JSON object of the request body, or None."""
        if request.httprequest.mimetype not in JSON_MIMETYPES:
            return None
        try:
            payload = request.get_json_data()
        except (ValueError, RecursionError):  # no JSON, or nested too deep
            return None
        return payload if isinstance(payload, dict) else None

    def _number_from_request(self):
        """The "number" member of the JSON body (also inside "params"), or None
        when the body is no JSON object holding one."""
        payload = self._json_object()
        if payload is not None and isinstance(payload.get("params"), dict):
            payload = payload["params"]
        if payload is None or "number" not in payload:
            return None
        return payload["number"]

    def _error(self, status, message):
        return request.make_json_response(
            {"error": {"code": status, "message": message}}, status=status
        )
