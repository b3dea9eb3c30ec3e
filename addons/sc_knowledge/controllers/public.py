# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every public route of the suite shares: the client's address, the
rate limit counted before any work that could fail, and German for callers
without a language of their own."""

from odoo.http import request

# Per HTTP request: the verdict of each rate-limit kind already counted.
RATE_LIMIT_VERDICTS = "sc_knowledge.rate_limit_verdicts"


def use_german():
    """Public routes speak German (the authority's language) when it is active."""
    if request.env["res.lang"]._get_code("de_DE"):  # cached, no query
        request.update_context(lang="de_DE")


def client_address():
    """The client's IP address. Behind a reverse proxy, start Odoo with
    ``--proxy-mode`` and let the proxy set ``X-Forwarded-For`` and
    ``X-Forwarded-Host``: Odoo then puts the forwarded address here, so that
    citizens do not share the proxy's address (and its limit)."""
    return request.httprequest.remote_addr or "unknown"


def retry_after(kind, default_limit):
    """Count this request against the limit of ``kind`` for its client.

    Counted once per HTTP request: Odoo replays a request after a serialisation
    failure (two bookings of the same counters at once), and the replay of a
    request that was let through must not be counted, or refused, again.

    :returns: 0 when allowed, else the seconds for a ``Retry-After`` header.
    """
    verdicts = request.httprequest.environ.setdefault(RATE_LIMIT_VERDICTS, {})
    if kind not in verdicts:
        verdicts[kind] = (
            request.env["sc.rate.limit"]
            .sudo()
            ._consume(kind, client_address(), default_limit)
        )
    return verdicts[kind]
