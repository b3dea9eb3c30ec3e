# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .sc_rate_limit import DEFAULT_WINDOW_MINUTES, WINDOW_PARAM


class ScSettings(models.TransientModel):
    """The settings the suite owns, for Servicecenter managers who are no Odoo
    administrators (Servicecenter › Configuration › Service Center Settings).

    Administrators may still use the Servicecenter block of Odoo's Settings.
    Saving writes the company's sc_* fields and the suite's system parameters
    as superuser: only managers may create these records (access rights), only
    for a company they work in, and the model has no other fields to write.
    Each addon adds its settings (fields related to the company, or integer
    system parameters listed in ``_sc_integer_parameters``).
    """

    _name = "sc.settings"
    _description = "Service Center Settings"

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    sc_resource_calendar_id = fields.Many2one(
        related="company_id.sc_resource_calendar_id", readonly=False
    )
    sc_federal_state = fields.Selection(
        related="company_id.sc_federal_state", readonly=False
    )
    sc_retention_days = fields.Integer(
        related="company_id.sc_retention_days", readonly=False
    )
    sc_rate_limit_window = fields.Integer(
        string="Rate Limit Window (minutes)",
        compute="_compute_sc_integer_parameters",
        inverse="_inverse_sc_integer_parameters",
        help="Period over which the requests of one client to the public pages "
        "are counted.",
    )

    def _sc_integer_parameters(self):
        """{field name: (system parameter, default)} of the settings kept as
        ``ir.config_parameter`` (the same keys as in Odoo's Settings)."""
        return {"sc_rate_limit_window": (WINDOW_PARAM, DEFAULT_WINDOW_MINUTES)}

    def _compute_sc_integer_parameters(self):
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, default) in self._sc_integer_parameters().items():
            try:
                value = int(params.get_param(key, default))
            except ValueError:
                value = default
            self[name] = value

    def _inverse_sc_integer_parameters(self):
        params = self.env["ir.config_parameter"].sudo()
        for settings in self:
            for name, (key, _default) in settings._sc_integer_parameters().items():
                params.set_param(key, str(settings[name]))

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        allowed = self.env.user.company_ids
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id"))
            if company and company not in allowed:
                raise AccessError(
                    self.env._(
                        "You can only change the settings of your own companies."
                    )
                )
        return super(ScSettings, self.sudo()).create(vals_list).sudo(self.env.su)
