# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The citizens' pages: book an appointment without login, and open, cancel or
move it through the link in the confirmation.

Every request is counted against the rate limit of its kind before anything
that could fail; what a stranger sends is cleaned and checked, and bad input
gets a German page with status 400, 404, 409 or 429, never a traceback.
"""

import re
import secrets
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq, format_date, format_datetime
from odoo.tools.misc import hmac

from odoo.addons.sc_knowledge.controllers.public import retry_after, use_german
from odoo.addons.sc_knowledge.tools import SERVICE_TZ
from odoo.addons.sc_knowledge.tools.phone import to_e164
from odoo.addons.sc_knowledge.tools.public_input import (
    MAX_EMAIL_LENGTH,
    MAX_NAME_LENGTH,
    MAX_PHONE_LENGTH,
    record_id,
    single_line,
)

from ..tools.public_form import (
    DAY,
    PERIODS,
    RATE_LIMITS,
    normalize_email,
    parse_slot_start,
)

PUBLIC_PATH = re.compile(r"/sc/appointments?(/|$)")
FORM_TOKEN_SCOPE = "sc_appointments.booking_form"
FORM_TOKEN = re.compile(r"([0-9a-f]{32})\.[0-9a-f]{64}")


def message_page(title, message, status, headers=None):
    """A German page with one message, rendered at once (error handlers run it
    inside the request's transaction)."""
    response = request.render(
        "sc_appointments.public_message_page",
        {"title": title, "message": message},
        status=status,
        headers=headers,
    )
    response.flatten()
    return response


def error_page(status):
    """The German page for a 400 or 404 answer on the citizens' pages."""
    env = request.env
    if status == 404:
        return message_page(
            env._("Page not found"),
            env._(
                "This page does not exist or the link is no longer valid. "
                "Please check the link in your e-mail."
            ),
            404,
        )
    return message_page(
        env._("Request not understood"),
        env._(
            "We could not process your request. Please reload the page and try again."
        ),
        status,
    )


def refused(kind):
    """The German 429 page when this client sent too many requests of ``kind``
    within the window (counted once per HTTP request, see ``retry_after``),
    else None.
    """
    seconds = retry_after(kind, RATE_LIMITS[kind])
    if not seconds:
        return None
    env = request.env
    again = fields.Datetime.now() + timedelta(seconds=seconds + 59)
    return message_page(
        env._("Too many requests"),
        env._(
            "Too many requests from your connection. Please try again from "
            "%(time)s o'clock.",
            time=format_datetime(env, again, SERVICE_TZ, "HH:mm"),
        ),
        429,
        headers=[("Retry-After", str(seconds))],
    )


def day_label(day):
    """A day of the day picker (ISO date) as people read it, e.g. ``Dienstag,
    16. Juni 2026``."""
    return format_date(request.env, day, date_format="EEEE, d. MMMM y")


class AppointmentController(http.Controller):
    """The link in the confirmation: see, cancel or move the appointment."""

    def _event_from_token(self, event_id, token):
        """The booking the link points to, or an empty recordset."""
        event = request.env["calendar.event"].sudo().browse(record_id(event_id))
        event = event.exists()
        if (
            not event.sc_appointment_type_id
            or not event.sc_access_token
            or not token.isascii()
            or not consteq(event.sc_access_token, token)
        ):
            return event.browse()
        return event

    def _open(self, event_id, token):
        """(booking, None) for a valid link, else (None, the German answer);
        every use counts, also with a wrong link."""
        use_german()
        refusal = refused("appointment_manage")
        if refusal:
            return None, refusal
        event = self._event_from_token(event_id, token)
        return (event, None) if event else (None, error_page(404))

    def _render_manage(self, event, status=200, **values):
        slots = []
        if event.sc_state == "booked" and event._sc_online_moves_left():
            slots = event.sc_appointment_type_id.sudo().suggest_slots(limit=6)
        return request.render(
            "sc_appointments.appointment_manage_page",
            {"event": event, "slots": slots, "token": event.sc_access_token, **values},
            status=status,
        )

    @http.route(
        "/sc/appointment/<int:event_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
    )
    def appointment_manage(self, event_id, token, **kwargs):
        event, answer = self._open(event_id, token)
        return answer or self._render_manage(event)

    @http.route(
        "/sc/appointment/<int:event_id>/<string:token>/cancel",
        type="http",
        auth="public",
        methods=["POST"],
    )
    def appointment_cancel(self, event_id, token, **kwargs):
        event, answer = self._open(event_id, token)
        if answer:
            return answer
        event.action_sc_cancel()
        return self._render_manage(event, message="cancelled")

    @http.route(
        "/sc/appointment/<int:event_id>/<string:token>/reschedule",
        type="http",
        auth="public",
        methods=["POST"],
    )
    def appointment_reschedule(self, event_id, token, start=None, **kwargs):
        event, answer = self._open(event_id, token)
        if answer:
            return answer
        env = request.env
        if event.sc_state != "booked":
            return self._render_manage(
                event, 409, error=env._("Only booked appointments can be moved.")
            )
        if not event._sc_online_moves_left():
            return self._render_manage(event, 409)
        start = parse_slot_start(start, fields.Datetime.now())
        if not start:
            return self._render_manage(
                event, 400, error=env._("Please choose one of the offered times.")
            )
        try:
            new_event, _mails = event.sc_appointment_type_id.sudo()._reschedule(
                event, start
            )
        except UserError as error:
            return self._render_manage(event, 409, error=str(error))
        return self._render_manage(new_event, message="rescheduled")


class PublicBookingController(http.Controller):
    """Public, accessible booking page: service -> quiet slots -> book."""

    def _published_types(self, domain=()):
        return (
            request.env["sc.appointment.type"]
            .sudo()
            .search([("is_published", "=", True), *domain])
        )

    @http.route("/sc/appointments", type="http", auth="public", methods=["GET"])
    def booking_index(self, **kwargs):
        use_german()
        refusal = refused("appointment_query")
        if refusal:
            return refusal
        return request.render(
            "sc_appointments.booking_index_page",
            {"appointment_types": self._published_types()},
        )

    @http.route(
        "/sc/appointments/accessibility",
        type="http",
        auth="public",
        methods=["GET"],
    )
    def accessibility_statement(self, **kwargs):
        """The statement on accessibility public bodies publish (BITV 2.0)."""
        use_german()
        refusal = refused("appointment_query")
        if refusal:
            return refusal
        return request.render(
            "sc_appointments.accessibility_page",
            {"company": request.env.company.sudo()},
        )

    @http.route(
        "/sc/appointments/<int:type_id>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
    )
    def booking_form(self, type_id, **post):
        use_german()
        posted = request.httprequest.method == "POST"
        refusal = refused("appointment_booking" if posted else "appointment_query")
        if refusal:
            return refusal
        type_id = record_id(type_id)
        appointment_type = type_id and self._published_types([("id", "=", type_id)])
        if not appointment_type:
            return error_page(404)
        choice = self._choice(appointment_type, post)
        if not posted:  # a new form token, whatever the address says
            token = self._form_token(type_id)
            return self._render_form(appointment_type, choice, {}, {}, token)
        form, errors = self._clean(post)
        if not choice["service"] and len(appointment_type.service_ids) > 1:
            errors["service"] = request.env._("Please choose the service you need.")
        token = post.get("form_token")
        if not self._issued_here(type_id, token):
            errors["form"] = request.env._(
                "This form was not opened in your browser or has expired. Please "
                "check your entries and send the form again."
            )
            token = self._form_token(type_id)
        if errors:
            return self._render_form(appointment_type, choice, form, errors, token, 400)
        event = self._booked_with(token)
        if not event:
            event, error = self._book(appointment_type, choice["service"], form, token)
            if error:
                return self._render_form(
                    appointment_type, choice, form, {"start": error}, token, 409
                )
        return request.render(
            "sc_appointments.booking_done_page",
            {"event": event, "manage_url": event._sc_manage_url()},
        )

    @staticmethod
    def _choice(appointment_type, params):
        """Service, day and half of the day the citizen chose; what is not one
        of the offered values counts as not chosen."""
        service_id = record_id(params.get("service_id"))
        service = appointment_type.service_ids.filtered(lambda s: s.id == service_id)
        if not service and len(appointment_type.service_ids) == 1:
            service = appointment_type.service_ids
        day = params.get("day")
        period = params.get("period")
        return {
            "service": service,
            "day": day if isinstance(day, str) and DAY.fullmatch(day) else None,
            "period": period if period in PERIODS else None,
        }

    def _render_form(self, appointment_type, choice, form, errors, token, status=200):
        offer = appointment_type._public_offer(choice["day"], choice["period"])
        return request.render(
            "sc_appointments.booking_form_page",
            {
                "appointment_type": appointment_type,
                "choice": dict(choice, day=offer["day"]),
                "days": offer["days"],
                "day_label": day_label,
                "slots": offer["slots"],
                "form": form,
                "errors": errors,
                "first_error": next(iter(errors), None),
                "form_token": token,
                "privacy_url": appointment_type.company_id._sc_privacy_url(),
                "max_name": MAX_NAME_LENGTH,
                "max_email": MAX_EMAIL_LENGTH,
                "max_phone": MAX_PHONE_LENGTH,
            },
            status=status,
        )

    # ------------------------------------------------------------------
    # Form token: one per opened form, valid only in the session it was
    # opened in; the same form sent twice books once.
    # ------------------------------------------------------------------
    def _form_token(self, type_id, nonce=None):
        nonce = nonce or secrets.token_hex(16)
        signature = hmac(
            request.env(su=True),
            FORM_TOKEN_SCOPE,
            (request.session.sid, type_id, nonce),
        )
        return f"{nonce}.{signature}"

    def _issued_here(self, type_id, token):
        match = isinstance(token, str) and FORM_TOKEN.fullmatch(token)
        return bool(match) and consteq(token, self._form_token(type_id, match[1]))

    def _booked_with(self, token):
        """The booking this session already made with this form, if any."""
        return (
            request.env["calendar.event"]
            .sudo()
            .search([("sc_form_token", "=", token)], limit=1)
        )

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------
    def _clean(self, post):
        """The citizen's entries, cleaned, and a German message per field that
        is wrong. Entries are kept as typed (only control characters go), so
        the form shows them again."""
        env = request.env
        form = {
            "start": post.get("start") if isinstance(post.get("start"), str) else "",
            "name": single_line(post.get("name")),
            "email": single_line(post.get("email")),
            "phone": single_line(post.get("phone")),
        }
        errors = {}
        form["start_utc"] = parse_slot_start(form["start"], fields.Datetime.now())
        if not form["start_utc"]:
            errors["start"] = env._("Please choose one of the offered times.")
        if not form["name"]:
            errors["name"] = env._("Please enter your name.")
        elif len(form["name"]) > MAX_NAME_LENGTH:
            errors["name"] = env._(
                "Please shorten your name to at most %(max)s characters.",
                max=MAX_NAME_LENGTH,
            )
        if len(form["email"]) > MAX_EMAIL_LENGTH:
            errors["email"] = env._(
                "An e-mail address has at most %(max)s characters.",
                max=MAX_EMAIL_LENGTH,
            )
        elif form["email"] and not normalize_email(form["email"]):
            errors["email"] = env._("Please enter a valid e-mail address.")
        if len(form["phone"]) > MAX_PHONE_LENGTH:
            errors["phone"] = env._(
                "Please shorten the phone number to at most %(max)s characters.",
                max=MAX_PHONE_LENGTH,
            )
        elif form["phone"] and not to_e164(form["phone"]):
            errors["phone"] = env._(
                "Please enter a valid phone number, for example 036691 70-0."
            )
        if not form["email"] and not form["phone"]:
            errors["email"] = env._(
                "Please enter an e-mail address or a phone number, so that we can "
                "reach you about your appointment."
            )
        return form, errors

    def _book(self, appointment_type, service, form, token):
        """Book the chosen slot for the chosen service and confirm it (by
        e-mail when the citizen gave an address).

        The citizen's contact is created in the same savepoint as the booking:
        a refused booking leaves nothing behind.
        :returns: (event, None), or (None, German message) when refused.
        """
        env = request.env
        try:
            with env.cr.savepoint():
                partner = (
                    env["res.partner"]
                    .sudo()
                    .create(
                        {
                            "name": form["name"],
                            "email": normalize_email(form["email"]) or False,
                            "phone": to_e164(form["phone"]) or False,
                            "lang": env.lang,
                        }
                    )
                )
                event = (
                    env["calendar.event"]
                    .sudo()
                    .browse(
                        appointment_type.book_slot(
                            form["start_utc"], partner.id, service_id=service.id
                        )
                    )
                )
                event.sc_form_token = token
        except UserError as error:
            return None, str(error)
        event._sc_confirm_booking()
        return event, None
