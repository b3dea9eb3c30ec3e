# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

from odoo.addons.sc_knowledge.tools.links import web_url


class ResCompany(models.Model):
    _inherit = "res.company"

    sc_privacy_notice = fields.Text(
        string="Privacy Notice for Bookings",
        help="Shown on the public booking form before the citizen books: who "
        "processes the data, for what and how long. Empty: a short general "
        "notice (processing for a public task, Art. 6 (1) e GDPR).",
    )
    sc_privacy_url = fields.Char(
        string="Privacy Policy Address",
        help="Web address of the authority's privacy policy "
        "(Datenschutzerklärung), linked below the notice and on every public page.",
    )
    sc_accessibility_statement = fields.Html(
        string="Accessibility Statement",
        sanitize=True,
        help="Statement on accessibility (Erklärung zur Barrierefreiheit) of the "
        "public booking pages. Empty: a general statement with the company's "
        "contact data for feedback.",
    )

    @api.constrains("sc_privacy_url")
    def _check_sc_privacy_url(self):
        for company in self.filtered("sc_privacy_url"):
            if not web_url(company.sc_privacy_url):
                raise ValidationError(
                    self.env._(
                        "The address of the privacy policy “%(url)s” is not valid: "
                        "please enter a complete web address beginning with "
                        "https:// (or http://), for example "
                        "https://www.example.org/datenschutz.",
                        url=company.sc_privacy_url,
                    )
                )

    def _sc_privacy_url(self):
        """The privacy policy's address, when it is one that may be a link."""
        self.ensure_one()
        return web_url(self.sc_privacy_url)

    def _sc_own_accessibility_statement(self):
        """The statement the authority wrote, or None for the default one."""
        self.ensure_one()
        statement = self.sc_accessibility_statement
        return None if is_html_empty(statement) else statement
