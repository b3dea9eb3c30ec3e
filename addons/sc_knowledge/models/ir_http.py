# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        # Odoo looks an unknown path up among the attachment URLs; PostgreSQL
        # refuses a NUL byte in that query, which made any such path a 500.
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()
