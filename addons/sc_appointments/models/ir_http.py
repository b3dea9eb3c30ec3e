# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.http import request

from ..controllers.main import PUBLIC_PATH, error_page, use_german


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        """Citizens get a German page, not Odoo's English one, when a request
        to the booking pages is refused as bad (an expired form's CSRF token)
        or not found (an unknown appointment type, a wrong link).

        No rollback first: neither leaves the transaction broken, and in tests
        the rollback would also undo the rate limit's count, which shares the
        test's connection (in production it has committed on its own)."""
        response = super()._handle_error(exception)
        if (
            isinstance(response, HTTPException)
            and response.code in (400, 404)
            and PUBLIC_PATH.match(request.httprequest.path)
        ):
            if not request.env.uid:
                cls._auth_method_public()
            use_german()
            return error_page(response.code)
        return response
