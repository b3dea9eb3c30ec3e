from odoo import models


class ScService(models.Model):
    _inherit = "sc.service"

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
