from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.xzufi import region_key_problem


class ScOrgUnit(models.Model):
    _name = "sc.org.unit"
    _inherit = ["sc.org.unit", "sc.xzufi.object.mixin"]

    sc_region_key = fields.Char(
        string="Responsible Area (ARS)",
        size=12,
        index=True,
        help="Amtlicher Regionalschlüssel (12 digits) of the area the unit is "
        "responsible for, sent as gebietID of its responsibilities. Left empty, "
        "the company's regional key is used. The XZuFi import fills it.",
    )

    _sql_constraints = [
        (
            "sc_xzufi_id_uniq",
            "unique(sc_xzufi_id, sc_xzufi_scheme, company_id)",
            "Another unit already has this XZuFi id.",
        ),
    ]

    @api.constrains("sc_region_key")
    def _check_sc_region_key(self):
        for unit in self.filtered("sc_region_key"):
            # A state-wide area (160000000000) is fine for a unit.
            if region_key_problem(unit.sc_region_key) in ("format", "land"):
                raise ValidationError(
                    self.env._(
                        "The regional key “%(key)s” of the unit %(unit)s is not "
                        "valid: it consists of exactly 12 digits and starts with the "
                        "federal state (01 to 16).",
                        key=unit.sc_region_key,
                        unit=unit.name,
                    )
                )
