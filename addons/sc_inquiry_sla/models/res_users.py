# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    sc_phone_extension = fields.Char(
        string="Phone Extension",
        index="btree_not_null",
        help="Extension of this user in the telephone system: calls the system "
        "reports as answered at this extension count for this user.",
    )
