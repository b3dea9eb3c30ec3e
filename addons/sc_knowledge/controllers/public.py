# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every public route of the suite shares: the client's address and the
rate limit counted before any work that could fail."""

from odoo.http import request


def client_address():
    """The client's IP address. Behind a reverse proxy, start Odoo with
    ``--proxy-mode`` and let the proxy set ``X-Forwarded-For`` and
    ``X-Forwarded-Host``: Odoo then puts the forwarded address here, so that
    citizens do not share the proxy's address (and its limit)."""
    return request.httprequest.remote_addr or "unknown"


def retry_after(kind, default_limit):
    """Count this request against the limit of ``kind`` for its client.

    :returns: 0 when allowed, else the seconds for a ``Retry-After`` header.
    """
    return (
        request.env["sc.rate.limit"]
        .sudo()
        ._consume(kind, client_address(), default_limit)
    )
