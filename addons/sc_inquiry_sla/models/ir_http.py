# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..controllers.status import STATUS_PATH, error_page


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _sc_public_error_page(cls, path):
        """The citizen's status pages: an id that is no number, a path that is
        no link or a refused request get the German page (see sc_knowledge)."""
        if STATUS_PATH.match(path):
            return error_page
        return super()._sc_public_error_page(path)
