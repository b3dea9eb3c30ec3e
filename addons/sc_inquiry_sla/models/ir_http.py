# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.http import request

from odoo.addons.sc_knowledge.controllers.public import use_german

from ..controllers.status import STATUS_PATH, error_page


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        """Citizens get the German page, not Odoo's English one, when a link
        to a status page is not found (an id that is no number, a path that
        is no link) or refused as bad.

        Decided on the exception: for a path no route matches, http_routing
        has already turned it into its own rendered 404 page (after a
        rollback, which in tests would also undo the rate limit's count)."""
        if (
            isinstance(exception, HTTPException)
            and exception.code in (400, 404)
            and STATUS_PATH.match(request.httprequest.path)
        ):
            if not request.env.uid:
                cls._auth_method_public()
            use_german()
            return error_page(exception.code)
        return super()._handle_error(exception)
