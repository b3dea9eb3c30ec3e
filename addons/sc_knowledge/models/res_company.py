from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.german_states import GERMAN_STATES
from ..tools.public_holidays import state_holidays

DEFAULT_FEDERAL_STATE = "TH"
# The 115 service promise: 65 % of inquiries resolved at first contact.
DEFAULT_FIRST_CONTACT_TARGET = 65.0


class ResCompany(models.Model):
    _inherit = "res.company"

    sc_resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Service Center Hours",
        help="Service hours of the service center. Used wherever an office has no "
        "working hours of its own.",
    )
    sc_federal_state = fields.Selection(
        selection=GERMAN_STATES,
        string="Federal State",
        required=True,
        default=DEFAULT_FEDERAL_STATE,
        help="The federal state the administration belongs to: its public holidays "
        "are closed days for appointments and response deadlines.",
    )
    sc_first_contact_target = fields.Float(
        string="First-contact Resolution Target (%)",
        default=DEFAULT_FIRST_CONTACT_TARGET,
        digits=(5, 1),
        help="Share of all inquiries that the service center aims to resolve at "
        "first contact (the 115 service promise is 65 %). The reports compare the "
        "first-contact resolution rate with it.",
    )
    sc_retention_days = fields.Integer(
        string="Retention Period (days)",
        default=365,
        help="Closed inquiries, past appointments and visits older than this are "
        "anonymised: the citizen's name, phone, e-mail and message texts are "
        "removed, the statistics remain. 0 disables the anonymisation.",
    )

    _sql_constraints = [
        (
            "sc_first_contact_target_range",
            "CHECK(sc_first_contact_target >= 0 AND sc_first_contact_target <= 100)",
            "The first-contact resolution target must be between 0 and 100 %.",
        ),
    ]

    def init(self):
        # Companies created by modules that load before this one (their data and
        # tests) do not know the field: the database fills it in for them.
        self.env.cr.execute(
            SQL(
                "ALTER TABLE res_company ALTER COLUMN sc_federal_state SET DEFAULT %s",
                DEFAULT_FEDERAL_STATE,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        # Before partner_autocomplete's create would ask odoo.com.
        if "iap_enrich_auto_done" in self._fields:
            vals_list = [{"iap_enrich_auto_done": True, **vals} for vals in vals_list]
        return super().create(vals_list)

    def _sc_skip_enrichment(self):
        """No automatic enrichment from odoo.com (partner_autocomplete)."""
        if "iap_enrich_auto_done" in self._fields:
            self.sudo().iap_enrich_auto_done = True

    def _sc_calendars(self, own_calendar=None):
        """The working-time calendars to use, in this order: ``own_calendar`` (a
        unit's or a counter's), the service center's, the company's."""
        self.ensure_one()
        first = own_calendar or self.env["resource.calendar"]
        return first | self.sc_resource_calendar_id | self.resource_calendar_id

    def _sc_public_holidays(self, first_year, last_year):
        """The public holidays (dates) of the company's federal state."""
        self.ensure_one()
        return state_holidays(self.sc_federal_state, first_year, last_year)
