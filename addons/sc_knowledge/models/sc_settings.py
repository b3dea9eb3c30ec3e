# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .sc_rate_limit import DEFAULT_WINDOW_MINUTES, WINDOW_PARAM


def parameter_field(key, default, **kwargs):
    """An integer setting of ``sc.settings`` kept as the system parameter
    ``key`` (``default`` while it is not set)."""
    return fields.Integer(
        sc_parameter=(key, default),
        # the form opens with the value in force, not 0 (saved unchanged)
        default=lambda self: self.env["sc.rate.limit"]._param(key, default),
        compute="_compute_sc_parameters",
        inverse="_inverse_sc_parameters",
        **kwargs,
    )


class ScSettings(models.TransientModel):
    """The settings the suite owns (Servicecenter › Configuration › Service
    Center Settings), for Servicecenter managers whether or not they are Odoo
    administrators; Odoo's Settings only link here.

    Saving writes the company's sc_* fields and the suite's system parameters
    as superuser: only managers may create these records (access rights), only
    for a company they work in, and the model has no other fields to write.
    Each addon adds its settings: fields related to the company, or integer
    system parameters declared with ``parameter_field``.
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
    sc_first_contact_target = fields.Float(
        related="company_id.sc_first_contact_target", readonly=False
    )
    sc_retention_days = fields.Integer(
        related="company_id.sc_retention_days", readonly=False
    )
    sc_rate_limit_window = parameter_field(
        WINDOW_PARAM,
        DEFAULT_WINDOW_MINUTES,
        string="Rate Limit Window (minutes)",
        help="Period over which the requests of one client to the public pages "
        "are counted.",
    )

    def _valid_field_parameter(self, field, name):
        return name == "sc_parameter" or super()._valid_field_parameter(field, name)

    def _sc_parameter_fields(self):
        return [
            field
            for field in self._fields.values()
            if getattr(field, "sc_parameter", None)
        ]

    def _compute_sc_parameters(self):
        rate_limits = self.env["sc.rate.limit"]
        for field in self._sc_parameter_fields():
            self[field.name] = rate_limits._param(*field.sc_parameter)

    def _inverse_sc_parameters(self):
        params = self.env["ir.config_parameter"].sudo()
        for settings in self:
            for field in settings._sc_parameter_fields():
                params.set_param(field.sc_parameter[0], str(settings[field.name]))

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
