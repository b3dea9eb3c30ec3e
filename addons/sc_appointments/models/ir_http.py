# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..controllers.main import PUBLIC_PATH, error_page


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _sc_public_error_page(cls, path):
        """The booking pages: an expired form, an unknown appointment type, a
        wrong link or a path that is no page get the German page (see
        sc_knowledge)."""
        if PUBLIC_PATH.match(path):
            return error_page
        return super()._sc_public_error_page(path)
