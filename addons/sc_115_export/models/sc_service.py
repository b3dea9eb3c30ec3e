from odoo import fields, models


class ScService(models.Model):
    _name = "sc.service"
    _inherit = ["sc.service", "sc.xzufi.object.mixin"]

    sc_xzufi_online_id = fields.Char(
        string="XZuFi Online Service ID",
        copy=False,
        help="Id of the online service (onlinedienst) imported for this service.",
    )

    _sql_constraints = [
        (
            "sc_xzufi_id_uniq",
            "unique(sc_xzufi_id, sc_xzufi_scheme, company_id)",
            "Another service already has this XZuFi id.",
        ),
    ]

    def write(self, vals):
        """A unit taken off a service loses that competence (zustaendigkeit):
        it goes out again with the next change export."""
        if "org_unit_ids" in vals:
            self._sc_xzufi_resend_units()
        return super().write(vals)

    def unlink(self):
        """Deleting a service changes the competences of its units: they go out
        again with the next change export. The service itself is withdrawn
        through the register of delivered objects (sc.xzufi.delivered)."""
        self._sc_xzufi_resend_units()
        return super().unlink()

    def _sc_xzufi_resend_units(self):
        self.env["sc.xzufi.delivered"].sudo()._sc_mark_resend(
            "organisationseinheit", self.sudo().org_unit_ids.ids
        )
