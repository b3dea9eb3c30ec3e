# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.sc_knowledge.tools import SERVICE_TZ


class ScStaffingPlanLine(models.TransientModel):
    """One half-hour of a staffing plan."""

    _name = "sc.staffing.plan.line"
    _description = "Staffing Plan Half-hour"
    _order = "start"

    plan_id = fields.Many2one(
        comodel_name="sc.staffing.plan", required=True, ondelete="cascade"
    )
    start = fields.Datetime(required=True)
    half_hour = fields.Char(compute="_compute_half_hour", store=True)
    calls = fields.Float(string="Calls Expected", digits=(16, 1))
    aht_seconds = fields.Integer(string="Handling Time (s)", aggregator="avg")
    agents_needed = fields.Integer(
        help="Fewest agents that reach the service-level target (Erlang C)."
    )
    service_level_needed = fields.Float(
        string="Service Level with Agents Needed (%)", aggregator="avg"
    )
    agents_planned = fields.Integer(
        help="Agents present by their working-time calendars and leaves."
    )
    service_level_planned = fields.Float(
        string="Service Level Planned (%)", aggregator="min"
    )
    wait_planned = fields.Float(string="Average Wait Planned (s)", aggregator="max")
    missing = fields.Integer(
        string="Agents Missing",
        compute="_compute_missing",
        store=True,
        help="Agents needed beyond those planned.",
    )
    missed = fields.Boolean(
        string="Promise Missed",
        compute="_compute_missing",
        store=True,
        help="Too few agents planned for the service-level target.",
    )

    @api.depends("start")
    def _compute_half_hour(self):
        for line in self:
            local = fields.Datetime.context_timestamp(
                line.with_context(tz=SERVICE_TZ), line.start
            )
            line.half_hour = f"{local:%H:%M}"

    @api.depends("agents_needed", "agents_planned")
    def _compute_missing(self):
        for line in self:
            line.missing = max(0, line.agents_needed - line.agents_planned)
            line.missed = line.agents_planned < line.agents_needed
