# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sc_retention_days = fields.Integer(
        string="Retention Period (days)",
        default=365,
        help="Closed inquiries older than this are anonymised: citizen name, "
        "phone, e-mail and message texts are removed, the statistics remain. "
        "0 disables the anonymisation.",
    )
