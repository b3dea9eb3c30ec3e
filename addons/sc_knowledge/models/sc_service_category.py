from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ScServiceCategory(models.Model):
    _name = "sc.service.category"
    _description = "Service Topic"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    parent_id = fields.Many2one(
        comodel_name="sc.service.category",
        string="Parent Topic",
        index=True,
        ondelete="restrict",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        comodel_name="sc.service.category",
        inverse_name="parent_id",
        string="Sub-topics",
    )
    life_event = fields.Boolean(
        help="A life situation (Lebenslage) such as moving house or buying a car.",
    )
    service_ids = fields.One2many(
        comodel_name="sc.service", inverse_name="category_id", string="Services"
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = (
                    f"{category.parent_id.complete_name} / {category.name}"
                )
            else:
                category.complete_name = category.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A topic cannot be its own parent topic."))
