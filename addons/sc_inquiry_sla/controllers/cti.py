# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request


class CtiController(http.Controller):
    @http.route("/sc_inquiry_sla/cti/call", type="json", auth="user", methods=["POST"])
    def incoming_call(self, number):
        """Open a phone inquiry for the logged-in agent (JSON, session auth)."""
        return request.env["helpdesk.ticket"].sc_cti_incoming_call(number)
