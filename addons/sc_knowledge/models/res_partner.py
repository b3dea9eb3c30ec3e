from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.constrains("website")
    def _check_sc_org_unit_website(self):
        """A partner that is the address of an organisational unit keeps a web
        address as website (checked by the unit, see _check_partner_website)."""
        with_website = self.filtered("website")
        if with_website:
            self.env["sc.org.unit"].sudo().with_context(active_test=False).search(
                [("partner_id", "in", with_website.ids)]
            )._check_partner_website()
