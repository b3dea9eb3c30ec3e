from odoo import models


class ScOrgUnit(models.Model):
    _name = "sc.org.unit"
    _inherit = ["sc.org.unit", "sc.xzufi.object.mixin"]

    _sql_constraints = [
        (
            "sc_xzufi_id_uniq",
            "unique(sc_xzufi_id, sc_xzufi_scheme, company_id)",
            "Another unit already has this XZuFi id.",
        ),
    ]
