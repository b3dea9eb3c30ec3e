# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL

# Aggregates the pivot, graph and grouped list may ask for beyond Odoo's own
# (sum, avg, min, max, ...): percentiles of the group's values.
EXTRA_AGGREGATES = {
    "median": lambda expr: SQL("percentile_cont(0.5) WITHIN GROUP (ORDER BY %s)", expr),
    "p90": lambda expr: SQL("percentile_cont(0.9) WITHIN GROUP (ORDER BY %s)", expr),
}


class ScReportPercentileMixin(models.AbstractModel):
    """Reports whose fields may aggregate as ``median`` or ``p90``: computed
    over the rows of each group, never as a percentile of percentiles."""

    _name = "sc.report.percentile.mixin"
    _description = "Report with Percentile Aggregates"

    def _read_group_select(self, aggregate_spec, query):
        fname, _sep, func = aggregate_spec.partition(":")
        if func in EXTRA_AGGREGATES and fname in self._fields:
            # _field_to_sql checks that the field may be read.
            return EXTRA_AGGREGATES[func](self._field_to_sql(self._table, fname, query))
        return super()._read_group_select(aggregate_spec, query)
