# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScErasureLog(models.Model):
    """Who erased personal data on request (Art. 17 DSGVO) and when; not whose
    data: the log must not keep what was erased."""

    _name = "sc.erasure.log"
    _description = "Erasure Log"
    _order = "date desc, id desc"
    _rec_name = "date"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Erased by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    record_count = fields.Integer(
        string="Records Anonymised",
        readonly=True,
        help="Contacts, inquiries, appointments, visits and other records whose "
        "personal data was removed.",
    )
