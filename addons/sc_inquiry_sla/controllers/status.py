# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The citizen's status page of an inquiry, reached through the link in the
deadline confirmation.

Every request is counted against the rate limit before anything that could
fail; an unknown inquiry and a wrong link get the same German 404 page, so the
page tells nobody which inquiries exist. It shows the steps and their dates
only: no text of the inquiry, no answer, no names.
"""

import re
from datetime import timedelta

from odoo import fields, http
from odoo.http import request
from odoo.tools import format_datetime

from odoo.addons.sc_knowledge.controllers.public import retry_after, use_german
from odoo.addons.sc_knowledge.tools import SERVICE_TZ
from odoo.addons.sc_knowledge.tools.public_input import record_id

from ..tools.status_page import RATE_LIMITS, token_matches

STATUS_PATH = re.compile(r"/sc/inquiry(/|$)")
DATE_FORMAT = "EEEE, dd.MM.yyyy, HH:mm"
# The link is a secret: not cached, not passed on to other sites, not indexed.
PRIVATE_HEADERS = [
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Robots-Tag", "noindex, nofollow"),
]


def message_page(title, message, status, headers=()):
    """A German page with one message, rendered at once (error handlers run it
    inside the request's transaction)."""
    response = request.render(
        "sc_inquiry_sla.inquiry_status_message_page",
        {"title": title, "message": message},
        status=status,
        headers=[*PRIVATE_HEADERS, *headers],
    )
    response.flatten()
    return response


def error_page(status):
    """The German page for a 400 or 404 answer on the status pages."""
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
        env._("We could not process your request. Please check the link."),
        status,
    )


def too_many_requests(seconds):
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


class InquiryStatusController(http.Controller):
    @http.route(
        "/sc/inquiry/<int:ticket_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
    )
    def inquiry_status(self, ticket_id, token, **kwargs):
        use_german()
        seconds = retry_after("inquiry_status", RATE_LIMITS["inquiry_status"])
        if seconds:
            return too_many_requests(seconds)
        ticket = self._ticket_from_token(ticket_id, token)
        if not ticket:
            return error_page(404)
        env = request.env
        steps = [
            {
                "key": key,
                "date": date and format_datetime(env, date, SERVICE_TZ, DATE_FORMAT),
            }
            for key, date in ticket._sc_status_steps()
        ]
        return request.render(
            "sc_inquiry_sla.inquiry_status_page",
            {
                "number": ticket.number,
                "steps": steps,
                "company": ticket.company_id,
            },
            headers=PRIVATE_HEADERS,
        )

    @staticmethod
    def _ticket_from_token(ticket_id, token):
        """The inquiry the link points to, or an empty recordset."""
        tickets = request.env["helpdesk.ticket"].sudo()
        ticket_id = record_id(ticket_id)
        ticket = tickets.browse(ticket_id).exists() if ticket_id else tickets
        if not ticket or not token_matches(ticket.sc_status_token, token):
            return tickets
        return ticket
