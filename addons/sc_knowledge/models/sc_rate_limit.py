# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

WINDOW_PARAM = "sc_knowledge.rate_limit_window"
DEFAULT_WINDOW_MINUTES = 10


def limit_param(kind):
    """The system parameter holding the limit of requests of ``kind``."""
    return f"sc_knowledge.rate_limit_{kind}"


class ScRateLimit(models.Model):
    """Requests of anonymous clients to the public routes, for their rate limits.

    A request is counted in a transaction of its own that commits at once, so a
    request that fails afterwards still counts, and the count is serialised per
    kind and client, so parallel requests cannot slip past the limit.
    """

    _name = "sc.rate.limit"
    _description = "Public Request (Rate Limit)"
    _order = "id desc"
    _log_access = False

    kind = fields.Char(required=True)
    client = fields.Char(required=True, help="IP address of the client.")
    at = fields.Datetime(string="Time", required=True, default=fields.Datetime.now)

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS sc_rate_limit_kind_client_at_idx"
                " ON sc_rate_limit (kind, client, at)"
            )
        )

    @api.model
    def _param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key, default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    @api.model
    def _limit(self, kind, default):
        """Requests of ``kind`` one client may make within the window (0: no
        limit), from the Service Center Settings."""
        return self._param(limit_param(kind), default)

    @api.model
    def _window(self):
        minutes = self._param(WINDOW_PARAM, DEFAULT_WINDOW_MINUTES)
        return timedelta(minutes=max(minutes, 1))

    @api.model
    def _consume(self, kind, client, default_limit):
        """Count one request of ``kind`` from ``client``.

        :returns: 0 when the request is allowed (and counted), else the number
            of seconds until the client may try again (nothing is counted then).
        """
        limit = self._limit(kind, default_limit)
        if limit <= 0:
            return 0
        window = self._window()
        now = fields.Datetime.now()
        with self.env.registry.cursor() as cr:
            if not self.env.registry.in_test_mode():
                # Odoo's REPEATABLE READ would take the snapshot when the lock
                # is asked for, so the count would miss the requests that the
                # holders before us committed while we waited (measured: 21
                # let through of 20). Tests share one connection: no waiting.
                cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
            cr.execute(
                SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", f"{kind}\n{client}")
            )
            requests = self.with_env(self.env(cr=cr, su=True))
            domain = [
                ("kind", "=", kind),
                ("client", "=", client),
                ("at", ">", now - window),
            ]
            [(count, oldest)] = requests._read_group(domain, [], ["__count", "at:min"])
            if count >= limit:
                return max(math.ceil((oldest + window - now).total_seconds()), 1)
            requests.create({"kind": kind, "client": client, "at": now})
        return 0

    @api.autovacuum
    def _gc_requests(self):
        """Forget requests older than a day (longer than any useful window)."""
        self.sudo().search(
            [("at", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
