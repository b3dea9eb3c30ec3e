from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sc_xzufi_region_key = fields.Char(
        related="company_id.sc_xzufi_region_key", readonly=False
    )
    sc_xzufi_scheme_agency_id = fields.Char(
        related="company_id.sc_xzufi_scheme_agency_id", readonly=False
    )
    sc_xzufi_sender = fields.Char(related="company_id.sc_xzufi_sender", readonly=False)
    sc_xzufi_pull_token = fields.Char(
        related="company_id.sc_xzufi_pull_token", readonly=False
    )
    sc_xzufi_pull_url = fields.Char(
        string="Pull Address", compute="_compute_sc_xzufi_pull_url"
    )

    @api.depends("company_id")
    def _compute_sc_xzufi_pull_url(self):
        for settings in self:
            settings.sc_xzufi_pull_url = (
                f"{settings.get_base_url()}/xzufi/{settings.company_id.id}/index.txt"
            )
