# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import JSON_MIMETYPES, request

from odoo.addons.sc_knowledge.controllers.public import use_german


class CtiController(http.Controller):
    """Telephony: open a phone inquiry for the logged-in agent.

    ``POST`` a JSON object ``{"number": "036691 70-0"}`` (or the JSON-RPC form
    ``{"params": {"number": ...}}``) with the agent's session cookie; the answer
    is ``{"result": {...}}``, or ``{"error": {"code": ..., "message": ...}}``
    with HTTP 400, 401 or 403 and a message in the user's language (German for
    callers without a session). Everything in the request comes from outside:
    nothing in it leads to a server error or an error log line.
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

    def _number_from_request(self):
        """The "number" member of the JSON body (also inside "params"), or None
        when the body is no JSON object holding one."""
        if request.httprequest.mimetype not in JSON_MIMETYPES:
            return None
        try:
            payload = request.get_json_data()
        except (ValueError, RecursionError):  # no JSON, or nested too deep
            return None
        if isinstance(payload, dict) and isinstance(payload.get("params"), dict):
            payload = payload["params"]
        if not isinstance(payload, dict) or "number" not in payload:
            return None
        return payload["number"]

    def _error(self, status, message):
        return request.make_json_response(
            {"error": {"code": status, "message": message}}, status=status
        )
