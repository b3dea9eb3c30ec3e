from odoo import fields, models


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
        string="Pull Token",
        config_parameter="sc_115_export.pull_token",
        help="When set, the Portalverbund must send this token (header "
        "'Authorization: Bearer <token>' or parameter 'token') to read /xzufi/.",
    )
