from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.xzufi import region_key_problem


class ResCompany(models.Model):
    _inherit = "res.company"

    sc_xzufi_region_key = fields.Char(
        string="Regional Key (ARS)",
        size=12,
        help="Amtlicher Regionalschlüssel (12 digits) of the area the district is "
        "responsible for; sent as gebietID of every responsibility.",
    )
    sc_xzufi_scheme_agency_id = fields.Char(
        string="XZuFi Scheme Agency ID",
        help="schemeAgencyID of all exported ids (the editorial system's key at the "
        "Portalverbund). Left empty, the regional key is used.",
    )
    sc_xzufi_sender = fields.Char(
        string="XZuFi Sender",
        help="Sender named in the message header. Left empty, the company name is "
        "used.",
    )

    sc_xzufi_pull_token = fields.Char(
        string="XZuFi Pull Token",
        groups="base.group_system",
        copy=False,
        help="When set, the Portalverbund must send this token (header "
        "'Authorization: Bearer <token>' or parameter 'token') to read this "
        "company's files under /xzufi/.",
    )

    def _sc_xzufi_pull_url(self):
        """Where the Portalverbund reads this company's file list."""
        self.ensure_one()
        return f"{self.get_base_url()}/xzufi/{self.id}/index.txt"

    @api.constrains("sc_xzufi_region_key")
    def _check_sc_xzufi_region_key(self):
        for company in self.filtered("sc_xzufi_region_key"):
            key = company.sc_xzufi_region_key
            problem = region_key_problem(key)
            if problem == "format":
                raise ValidationError(
                    self.env._(
                        "The regional key “%(key)s” is not valid: it consists of "
                        "exactly 12 digits, for example 160740000000 for the "
                        "Saale-Holzland-Kreis.",
                        key=key,
                    )
                )
            if problem == "land":
                raise ValidationError(
                    self.env._(
                        "The regional key “%(key)s” is not valid: its first two digits "
                        "name the federal state (01 to 16, Thuringia is 16).",
                        key=key,
                    )
                )
            if problem:
                raise ValidationError(
                    self.env._(
                        "The regional key “%(key)s” is not valid: digits 4 and 5 name "
                        "the district and must not be 00.",
                        key=key,
                    )
                )

    def _sc_xzufi_scheme(self):
        """schemeAgencyID under which this company's own ids go out ("" before
        the regional key is set)."""
        self.ensure_one()
        return self.sc_xzufi_scheme_agency_id or self.sc_xzufi_region_key or ""

    def _sc_xzufi_options(self):
        """Writer options (scheme agency, region key, sender) of this company."""
        self.ensure_one()
        region_key = self.sc_xzufi_region_key
        if not region_key:
            raise UserError(
                self.env._(
                    "Please enter the regional key (Amtlicher Regionalschlüssel) of "
                    "%(company)s in the Servicecenter settings before the XZuFi "
                    "export: every responsibility is reported for that area.",
                    company=self.name,
                )
            )
        return {
            "scheme_agency_id": self._sc_xzufi_scheme(),
            "region_key": region_key,
            "sender": self.sc_xzufi_sender or self.name,
        }
