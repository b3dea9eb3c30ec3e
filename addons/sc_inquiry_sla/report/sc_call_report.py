# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.sc_knowledge.tools import SERVICE_TZ

from ..tools.calls import CALL_STATES

WEEKDAYS = [
    ("1", "Monday"),
    ("2", "Tuesday"),
    ("3", "Wednesday"),
    ("4", "Thursday"),
    ("5", "Friday"),
    ("6", "Saturday"),
    ("7", "Sunday"),
]


class ScCallReport(models.Model):
    """Reachability: one read-only row per call, so that every grouping
    (half-hour, weekday, day, month, queue, agent) gets exact figures.

    Offered calls are those answered or abandoned; short abandons (hung up
    within the company's limit) and calls still in the queue are left out.
    Rates and averages are stored per row (100 or 0, NULL where the call does
    not count) and aggregate as averages: the service level of a group is its
    calls answered within the threshold / its offered calls."""

    _name = "sc.call.report"
    _inherit = ["sc.report.percentile.mixin"]
    _description = "Reachability"
    _auto = False
    _order = "offered_at desc, id desc"
    _rec_name = "call_id"
    _depends = {
        "sc.call": [
            "offered_at",
            "answered_at",
            "wait_seconds",
            "talk_seconds",
            "state",
            "queue",
            "agent_id",
            "company_id",
        ],
        "res.company": ["sc_call_threshold_seconds"],
    }

    call_id = fields.Many2one(comodel_name="sc.call", string="Call", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    offered_at = fields.Datetime(string="Offered on", readonly=True)
    half_hour = fields.Char(readonly=True, help="Half-hour (Europe/Berlin).")
    weekday = fields.Selection(selection=WEEKDAYS, readonly=True)
    queue = fields.Char(string="Queue / Line", readonly=True)
    agent_id = fields.Many2one(comodel_name="res.users", string="Agent", readonly=True)
    state = fields.Selection(selection=CALL_STATES, string="Status", readonly=True)
    offered_count = fields.Integer(
        string="Offered",
        readonly=True,
        help="Answered or abandoned; short abandons are not counted.",
    )
    answered_count = fields.Integer(string="Answered", readonly=True)
    in_threshold_count = fields.Integer(
        string="Answered within Threshold", readonly=True
    )
    abandoned_count = fields.Integer(string="Abandoned", readonly=True)
    short_abandon_count = fields.Integer(string="Short Abandons", readonly=True)
    service_level = fields.Float(
        string="Service Level (%)",
        aggregator="avg",
        readonly=True,
        help="Calls answered within the threshold / offered calls.",
    )
    abandon_rate = fields.Float(
        string="Abandonment Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Abandoned calls / offered calls.",
    )
    wait_seconds = fields.Float(
        string="Average Wait (s)",
        aggregator="avg",
        readonly=True,
        help="Wait of the offered calls until answer or hang-up.",
    )
    wait_p90_seconds = fields.Float(
        string="90th Percentile Wait (s)",
        aggregator="p90",
        readonly=True,
        help="Nine in ten offered calls waited at most this long.",
    )
    handling_seconds = fields.Float(
        string="Average Handling Time (s)",
        aggregator="avg",
        readonly=True,
        help="Talk time of the answered calls.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE OR REPLACE VIEW %(view)s AS (
    WITH calls AS (
        SELECT c.*,
               (c.offered_at AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s AS local_at,
               c.state IN ('answered', 'transferred', 'abandoned') AS offered,
               c.state IN ('answered', 'transferred') AS answered,
               c.state IN ('answered', 'transferred')
                   AND c.wait_seconds <= co.sc_call_threshold_seconds
                   AS in_threshold
          FROM sc_call c
          JOIN res_company co ON co.id = c.company_id
         WHERE c.offered_at IS NOT NULL
    )
    SELECT id,
           id AS call_id,
           company_id,
           offered_at,
           to_char(date_trunc('hour', local_at)
                   + floor(extract(minute FROM local_at) / 30) * interval '30 minutes',
                   'HH24:MI') AS half_hour,
           extract(isodow FROM local_at)::int::varchar AS weekday,
           queue,
           agent_id,
           state,
           offered::int AS offered_count,
           answered::int AS answered_count,
           in_threshold::int AS in_threshold_count,
           (state = 'abandoned')::int AS abandoned_count,
           (state = 'short_abandon')::int AS short_abandon_count,
           CASE WHEN offered THEN CASE WHEN in_threshold THEN 100.0 ELSE 0.0 END
           END AS service_level,
           CASE WHEN offered THEN CASE WHEN state = 'abandoned' THEN 100.0 ELSE 0.0 END
           END AS abandon_rate,
           CASE WHEN offered THEN wait_seconds END AS wait_seconds,
           CASE WHEN offered THEN wait_seconds END AS wait_p90_seconds,
           CASE WHEN answered THEN talk_seconds END AS handling_seconds
      FROM calls
)""",
                view=SQL.identifier(self._table),
                tz=SERVICE_TZ,
            )
        )
