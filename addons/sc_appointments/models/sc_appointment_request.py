# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

RATE_LIMIT_DEFAULTS = {
    "sc_appointments.rate_limit_window": 10,
    "sc_appointments.rate_limit_queries": 60,
    "sc_appointments.rate_limit_bookings": 5,
}


class ScAppointmentRequest(models.Model):
    """Requests to the public booking page per client IP, for the rate limit.

    Kept in the database (not in a worker's memory), so the limit holds across
    all HTTP workers.
    """

    _name = "sc.appointment.request"
    _description = "Public Booking Page Request"
    _order = "id desc"
    _log_access = False

    ip = fields.Char(string="IP Address", required=True, index=True)
    kind = fields.Selection(
        selection=[("query", "Slot query"), ("booking", "Booking")],
        required=True,
    )
    at = fields.Datetime(
        string="Time", required=True, default=fields.Datetime.now, index=True
    )

    @api.model
    def _rate_limit(self, key):
        default = RATE_LIMIT_DEFAULTS[key]
        value = self.env["ir.config_parameter"].sudo().get_param(key, default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    @api.model
    def _allow(self, ip, kind):
        """Record a request of ``kind`` from ``ip`` unless it exceeds the limit.

        :returns: False when the client made too many such requests within the
            window (nothing is recorded then); a limit of 0 disables the check.
        """
        limit = self._rate_limit(
            {
                "query": "sc_appointments.rate_limit_queries",
                "booking": "sc_appointments.rate_limit_bookings",
            }[kind]
        )
        if limit <= 0:
            return True
        window = max(self._rate_limit("sc_appointments.rate_limit_window"), 1)
        since = fields.Datetime.now() - timedelta(minutes=window)
        requests = self.sudo()
        if (
            requests.search_count(
                [("ip", "=", ip), ("kind", "=", kind), ("at", ">=", since)]
            )
            >= limit
        ):
            return False
        requests.create({"ip": ip, "kind": kind})
        return True

    @api.autovacuum
    def _gc_requests(self):
        """Forget requests older than a day (the window is at most that useful)."""
        self.sudo().search(
            [("at", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
