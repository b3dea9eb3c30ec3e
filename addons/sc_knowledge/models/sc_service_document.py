from odoo import fields, models


class ScServiceDocument(models.Model):
    _name = "sc.service.document"
    _description = "Required Document"
    _order = "service_id, sequence, id"

    service_id = fields.Many2one(
        comodel_name="sc.service", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Document", required=True)
    kind = fields.Selection(
        selection=[
            ("original", "Original"),
            ("copy", "Copy"),
            ("either", "Original or copy"),
        ],
        default="original",
        required=True,
    )
    mandatory = fields.Boolean(default=True)
    note = fields.Char()
    company_id = fields.Many2one(
        related="service_id.company_id", store=True, index=True
    )
