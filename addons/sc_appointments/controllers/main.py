# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import uuid

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq

email_re = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _use_german():
    """Citizens' pages speak German (the authority's language) when installed."""
    if request.env["res.lang"]._get_code("de_DE"):  # active (cached, no query)
        request.update_context(lang="de_DE")


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
        _use_german()
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


class PublicBookingController(http.Controller):
    """Public, accessible booking page: service -> quiet slots -> book."""

    def _published_types(self, domain=()):
        return (
            request.env["sc.appointment.type"]
            .sudo()
            .search([("is_published", "=", True), *domain])
        )

    def _rate_limited(self, kind):
        """The 429 page when this client asked too often (limit per IP, in the DB)."""
        allowed = request.env["sc.appointment.request"]._allow(
            request.httprequest.remote_addr or "unknown", kind
        )
        if allowed:
            return None
        return request.render(
            "sc_appointments.rate_limited_page",
            {},
            status=429,
            headers=[("Retry-After", "60")],
        )

    @http.route("/sc/appointments", type="http", auth="public", website=True)
    def booking_index(self, **kwargs):
        _use_german()
        limited = self._rate_limited("query")
        if limited:
            return limited
        return request.render(
            "sc_appointments.booking_index_page",
            {"appointment_types": self._published_types()},
        )

    @http.route(
        "/sc/appointments/<int:type_id>",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
    )
    def booking_form(self, type_id, **post):
        _use_german()
        appointment_type = self._published_types([("id", "=", type_id)])
        if not appointment_type:
            raise request.not_found()
        posted = request.httprequest.method == "POST"
        limited = self._rate_limited("booking" if posted else "query")
        if limited:
            return limited
        values = {
            "appointment_type": appointment_type,
            "slots": appointment_type.suggest_slots(limit=12),
            "post": post,
            "errors": {},
            # one token per filled-in form: submitting it twice books once
            "form_token": post.get("form_token") or uuid.uuid4().hex,
        }
        if posted:
            event, values["errors"] = self._book(appointment_type, post)
            if event:
                return request.render(
                    "sc_appointments.booking_done_page",
                    {"event": event, "manage_url": event._sc_manage_url()},
                )
        return request.render("sc_appointments.booking_form_page", values)

    def _book(self, appointment_type, post):
        env = request.env
        errors = {}
        name = (post.get("name") or "").strip()
        email = (post.get("email") or "").strip()
        if not post.get("start"):
            errors["start"] = env._("Please choose a time slot.")
        if not name:
            errors["name"] = env._("Please enter your name.")
        if not email_re.fullmatch(email):
            errors["email"] = env._("Please enter a valid e-mail address.")
        if errors:
            return None, errors
        token = (post.get("form_token") or "")[:64]
        if token:
            done = (
                env["calendar.event"]
                .sudo()
                .search([("sc_form_token", "=", token)], limit=1)
            )
            if done:  # the same form again (double click, reload): no new booking
                return done, {}
        partner = (
            env["res.partner"]
            .sudo()
            .create(
                {
                    "name": name,
                    "email": email,
                    "phone": (post.get("phone") or "").strip(),
                    "lang": env.lang,
                }
            )
        )
        try:
            event_id = appointment_type.book_slot(post["start"], partner.id)
        except UserError as error:
            return None, {"start": str(error)}
        event = env["calendar.event"].sudo().browse(event_id)
        if token:
            event.sc_form_token = token
        event._sc_send_mail("sc_appointments.mail_template_confirmation")
        return event, {}
