# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize


class ResCompany(models.Model):
    _inherit = "res.company"

    sc_escalation_email = fields.Char(
        string="Service Center Escalation Address",
        help="Mailbox of the service center that is told about every overdue "
        "forward, in addition to the unit's head and the forwarding agent.",
    )

    @api.constrains("sc_escalation_email")
    def _check_sc_escalation_email(self):
        for company in self.filtered("sc_escalation_email"):
            if not email_normalize(company.sc_escalation_email):
                raise ValidationError(
                    self.env._(
                        "“%(address)s” is not a valid e-mail address. Please enter "
                        "one address such as servicecenter@example.org.",
                        address=company.sc_escalation_email,
                    )
                )
