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
    sc_auto_promise = fields.Boolean(
        string="Send Deadline Confirmation Automatically",
        default=True,
        help="When an inquiry is forwarded, the citizen gets the confirmation of "
        "the deadline with the link to the status page by e-mail at once (if "
        "an e-mail address is known). Otherwise the agent sends it by hand.",
    )
    sc_call_threshold_seconds = fields.Integer(
        string="Service Level Threshold (seconds)",
        default=30,
        help="A call counts towards the service level when an agent answers it "
        "within this many seconds (115: 30 seconds).",
    )
    sc_call_target = fields.Float(
        string="Service Level Target (%)",
        default=75.0,
        help="Share of the offered calls to be answered within the threshold "
        "(115: 75 %). The staffing plan computes the agents needed for it.",
    )
    sc_call_short_abandon_seconds = fields.Integer(
        string="Short Abandons below (seconds)",
        default=5,
        help="Callers who hang up within this many seconds (misdials, hang-ups "
        "during the greeting) are left out of the offered calls and of the "
        "service level. 0 counts every call.",
    )

    _sql_constraints = [
        (
            "sc_call_threshold_seconds_positive",
            "CHECK(sc_call_threshold_seconds > 0)",
            "The service level threshold must be at least one second.",
        ),
        (
            "sc_call_target_range",
            "CHECK(sc_call_target > 0 AND sc_call_target < 100)",
            "The service level target must lie between 0 and 100 %.",
        ),
        (
            "sc_call_short_abandon_seconds_positive",
            "CHECK(sc_call_short_abandon_seconds >= 0)",
            "The short abandon limit cannot be negative.",
        ),
    ]

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
