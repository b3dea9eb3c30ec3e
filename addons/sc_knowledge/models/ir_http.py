# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.http import request

from ..controllers.public import use_german


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        # Odoo looks an unknown path up among the attachment URLs; PostgreSQL
        # refuses a NUL byte in that query, which made any such path a 500.
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()

    @classmethod
    def _handle_error(cls, exception):
        """Citizens get the suite's German page, not Odoo's English one, when
        a request to a public path of the suite is refused as bad (an expired
        form's CSRF token) or not found (a wrong link, a path that is no
        page): each addon names its paths in ``_sc_public_error_page``.

        Decided on the exception, before Odoo's handlers: for a path no route
        matches, http_routing would render its own 404 page, after a rollback
        that in tests would also undo the rate limit's count (which shares the
        test's connection; in production it has committed on its own)."""
        if isinstance(exception, HTTPException) and exception.code in (400, 404):
            render = cls._sc_public_error_page(request.httprequest.path)
            if render:
                if not request.env.uid:
                    cls._auth_method_public()
                use_german()
                return render(exception.code)
        return super()._handle_error(exception)

    @classmethod
    def _sc_public_error_page(cls, path):
        """The function ``status -> response`` that renders the German error
        page for ``path`` when it belongs to a public page of the suite, else
        None. Addons with public pages add their paths."""
        return None
