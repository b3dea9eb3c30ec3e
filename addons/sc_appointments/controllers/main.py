# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq


class AppointmentController(http.Controller):
    def _event_from_token(self, event_id, token):
        event = request.env["calendar.event"].sudo().browse(event_id).exists()
        if (
            not event
            or not event.sc_appointment_type_id
            or not event.sc_access_token
            or not consteq(event.sc_access_token, token or "")
        ):
            raise request.not_found()
        return event

    def _render_manage(self, event, **values):
        slots = []
        if event.sc_state == "booked":
            slots = event.sc_appointment_type_id.sudo().suggest_slots(limit=6)
        return request.render(
            "sc_appointments.appointment_manage_page",
            {"event": event, "slots": slots, "token": event.sc_access_token, **values},
        )

    @http.route(
        "/sc/appointment/<int:event_id>/<string:token>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
    )
    def appointment_manage(self, event_id, token, **kwargs):
        return self._render_manage(self._event_from_token(event_id, token))

    @http.route(
        "/sc/appointment/<int:event_id>/<string:token>/cancel",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def appointment_cancel(self, event_id, token, **kwargs):
        event = self._event_from_token(event_id, token)
        event.action_sc_cancel()
        return self._render_manage(event, message="cancelled")

    @http.route(
        "/sc/appointment/<int:event_id>/<string:token>/reschedule",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def appointment_reschedule(self, event_id, token, start=None, **kwargs):
        event = self._event_from_token(event_id, token)
        if event.sc_state != "booked":
            return self._render_manage(event)
        try:
            new_event = event.sc_appointment_type_id.sudo()._reschedule(event, start)
        except UserError as error:
            return self._render_manage(event, error=str(error))
        return self._render_manage(new_event, message="rescheduled")
