# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ScDataProtection(models.AbstractModel):
    _inherit = "sc.data.protection"

    @api.model
    def _sc_personal_models(self):
        return [*super()._sc_personal_models(), "helpdesk.ticket", "sc.call"]
