# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.sc_knowledge.models.helpdesk_ticket_channel import CONTACT_CHANNELS
from odoo.addons.sc_knowledge.tools import SERVICE_TZ

from ..models.sc_inquiry_forward import FORWARD_STATES


class ScInquiryForwardReport(models.Model):
    """Forward statistics: one read-only row per forward (cancelled ones left
    out), so that every grouping (unit, month, service, channel, ...) gets
    exact figures; the median is computed over the group's forwards, never as
    a median of medians."""

    _name = "sc.inquiry.forward.report"
    _inherit = ["sc.report.percentile.mixin"]
    _description = "Forward Statistics"
    _auto = False
    _order = "sent_at desc, id desc"
    _rec_name = "ticket_id"
    # Pending writes on these fields are flushed before the view is queried.
    _depends = {
        "sc.inquiry.forward": [
            "ticket_id",
            "org_unit_id",
            "company_id",
            "user_id",
            "sent_at",
            "deadline",
            "original_deadline",
            "answered_at",
            "state",
            "response_hours",
            "on_time",
        ],
        "helpdesk.ticket": ["sc_service_id", "sc_channel"],
    }

    forward_id = fields.Many2one(
        comodel_name="sc.inquiry.forward", string="Forward", readonly=True
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Inquiry", readonly=True
    )
    org_unit_id = fields.Many2one(comodel_name="sc.org.unit", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    user_id = fields.Many2one(
        comodel_name="res.users", string="Forwarded by", readonly=True
    )
    service_id = fields.Many2one(
        comodel_name="sc.service", string="Service", readonly=True
    )
    channel = fields.Selection(
        selection=CONTACT_CHANNELS,
        readonly=True,
    )
    sent_at = fields.Datetime(string="Sent on", readonly=True)
    month = fields.Date(
        readonly=True, help="First day of the month (Europe/Berlin) of sending."
    )
    deadline = fields.Datetime(readonly=True)
    answered_at = fields.Datetime(string="Answered on", readonly=True)
    state = fields.Selection(
        selection=FORWARD_STATES,
        string="Status",
        readonly=True,
    )
    response_hours = fields.Float(
        string="Median Response Time (working hours)",
        aggregator="median",
        readonly=True,
        help="Working hours of the unit between sending and the answer; the "
        "median of the answered forwards of each group.",
    )
    response_hours_avg = fields.Float(
        string="Average Response Time (working hours)",
        aggregator="avg",
        readonly=True,
    )
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the forwards with a known outcome (answered or overdue) "
        "that were answered by the deadline.",
    )
    answered_count = fields.Integer(string="Answered", readonly=True)
    on_time_count = fields.Integer(
        string="Answered on Time",
        readonly=True,
        help="Answered by the promised deadline.",
    )
    overdue_count = fields.Integer(
        string="Overdue", readonly=True, help="Not answered by the deadline."
    )
    not_responsible_count = fields.Integer(
        string="Not Responsible",
        readonly=True,
        help="Forwarded to a unit that was not responsible. Counted for the "
        "forwarding side (agent, month, service), never in the unit's on-time rate.",
    )

    extended_count = fields.Integer(
        string="Deadline Extended",
        readonly=True,
        help="Forwards whose deadline the unit's head extended. Their on-time "
        "figures are measured against the extended deadline.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE OR REPLACE VIEW %(view)s AS (
    SELECT f.id,
           f.id AS forward_id,
           f.ticket_id,
           f.org_unit_id,
           f.company_id,
           f.user_id,
           t.sc_service_id AS service_id,
           t.sc_channel AS channel,
           f.sent_at,
           date_trunc('month', (f.sent_at AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s
           )::date AS month,
           f.deadline,
           f.answered_at,
           f.state,
           CASE WHEN f.state = 'answered' THEN f.response_hours END
               AS response_hours,
           CASE WHEN f.state = 'answered' THEN f.response_hours END
               AS response_hours_avg,
           CASE WHEN f.state IN ('answered', 'overdue')
                THEN CASE WHEN f.on_time THEN 100.0 ELSE 0.0 END
           END AS on_time_rate,
           (f.state = 'answered')::int AS answered_count,
           COALESCE(f.on_time, FALSE)::int AS on_time_count,
           (f.state IN ('answered', 'overdue') AND f.on_time IS NOT TRUE)::int
               AS overdue_count,
           (f.state = 'rejected')::int AS not_responsible_count,
           (f.original_deadline IS NOT NULL)::int AS extended_count
      FROM sc_inquiry_forward f
      JOIN helpdesk_ticket t ON t.id = f.ticket_id
     WHERE f.state != 'cancelled'
)""",
                view=SQL.identifier(self._table),
                tz=SERVICE_TZ,
            )
        )
