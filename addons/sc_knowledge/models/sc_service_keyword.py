from odoo import fields, models


class ScServiceKeyword(models.Model):
    _name = "sc.service.keyword"
    _description = "Service Keyword"
    _order = "name"

    name = fields.Char(
        required=True,
        index="trigram",
        help="A word citizens use for the service, e.g. “Nummernschild”.",
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This keyword already exists."),
    ]
