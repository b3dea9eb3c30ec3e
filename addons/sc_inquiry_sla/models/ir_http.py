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
        to a status page is not found (an id that is no number) or refused as
        bad. No rollback first: see sc_appointments' ir.http."""
        response = super()._handle_error(exception)
        if (
            isinstance(response, HTTPException)
            and response.code in (400, 404)
            and STATUS_PATH.match(request.httprequest.path)
        ):
            if not request.env.uid:
                cls._auth_method_public()
            use_german()
            return error_page(response.code)
        return response
