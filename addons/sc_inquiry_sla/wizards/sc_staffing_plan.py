# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models


def _next_monday(plan):
    today = fields.Date.context_today(plan)
    return today + timedelta(days=7 - today.weekday())


class ScStaffingPlan(models.TransientModel):
    """The staffing plan of a period for managers: per half-hour the agents
    needed for the service-level target next to the agents planned."""

    _name = "sc.staffing.plan"
    _description = "Staffing Plan"

    date_from = fields.Date(string="From", required=True, default=_next_monday)
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda plan: _next_monday(plan) + timedelta(days=4),
    )
    line_ids = fields.One2many(
        comodel_name="sc.staffing.plan.line", inverse_name="plan_id"
    )

    def action_compute(self):
        self.ensure_one()
        rows = self.env["sc.call"].staffing_forecast(self.date_from, self.date_to)
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(self._line_values(row)) for row in rows
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Staffing Plan"),
            "res_model": "sc.staffing.plan.line",
            "views": [(False, "pivot"), (False, "list"), (False, "graph")],
            "domain": [("plan_id", "=", self.id)],
        }

    @api.model
    def _line_values(self, row):
        return {
            "start": row["start"],
            "calls": row["calls"],
            "aht_seconds": row["aht_seconds"],
            "agents_needed": row["agents_needed"],
            "service_level_needed": row["service_level_needed"],
            "agents_planned": row["agents_planned"],
            "service_level_planned": row["service_level_planned"],
            "wait_planned": row["wait_planned"],
        }
