from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.sc_knowledge.models.helpdesk_ticket_channel import CONTACT_CHANNELS
from odoo.addons.sc_knowledge.tools import SERVICE_TZ

from ..tools.figures import monthly_figures


class ScServiceLevelReport(models.Model):
    """One row per inquiry, for the 115 figures pivot (SQL view)."""

    _name = "sc.service.level.report"
    _description = "115 Service Level"
    _auto = False
    _order = "create_date desc"
    _depends = {
        "helpdesk.ticket": [
            "create_date",
            "sc_channel",
            "sc_first_contact_resolution",
            "sc_fcr_rate",
            "sc_service_id",
            "team_id",
            "company_id",
        ],
        "sc.service": ["leika_key"],
    }

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Inquiry", readonly=True
    )
    create_date = fields.Datetime(string="Received on", readonly=True)
    channel = fields.Selection(
        selection=CONTACT_CHANNELS, string="Contact Channel", readonly=True
    )
    first_contact = fields.Boolean(string="Resolved at First Contact", readonly=True)
    first_contact_rate = fields.Float(
        string="First-Contact Resolution (%)", aggregator="avg", readonly=True
    )
    service_id = fields.Many2one(
        comodel_name="sc.service", string="Service", readonly=True
    )
    leika_key = fields.Char(string="LeiKa Key", readonly=True)
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team", string="Team", readonly=True
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT t.id,
                           t.id AS ticket_id,
                           t.create_date,
                           t.sc_channel AS channel,
                           COALESCE(t.sc_first_contact_resolution, FALSE)
                               AS first_contact,
                           t.sc_fcr_rate AS first_contact_rate,
                           t.sc_service_id AS service_id,
                           s.leika_key,
                           t.team_id,
                           t.company_id
                      FROM helpdesk_ticket t
                 LEFT JOIN sc_service s ON s.id = t.sc_service_id
                )
                """,
                SQL.identifier(self._table),
            )
        )

    @api.model
    def _sc_month_range(self, month):
        """UTC bounds [start, end) of the calendar month of `month` in Berlin."""
        tz = pytz.timezone(SERVICE_TZ)
        first = month.replace(day=1)
        bounds = []
        for day in (first, first + relativedelta(months=1)):
            local = tz.localize(datetime.combine(day, time.min))
            bounds.append(local.astimezone(pytz.utc).replace(tzinfo=None))
        return tuple(bounds)

    @api.model
    def _sc_monthly_figures(self, month, company=None):
        """The 115 figures of one month (see tools.figures.monthly_figures)."""
        self.check_access("read")
        company = company or self.env.company
        start, end = self._sc_month_range(month)
        groups = self._read_group(
            [
                ("create_date", ">=", start),
                ("create_date", "<", end),
                ("company_id", "=", company.id),
            ],
            ["channel", "first_contact", "service_id", "leika_key"],
            ["__count"],
        )
        tickets = [
            {
                "channel": channel,
                "first_contact": first_contact,
                "service": service.name,
                "leika_key": leika_key,
                "count": count,
            }
            for channel, first_contact, service, leika_key, count in groups
        ]
        return monthly_figures(
            tickets,
            self._sc_forward_figures(start, end, company),
            self._sc_call_figures(start, end, company),
            company.sc_first_contact_target,
        )

    @api.model
    def _sc_forward_figures(self, start, end, company):
        """The forwards of company sent in [start, end), counted by the forward
        statistics: on-time rate and median response time have one definition.
        A rate or median over no forward is None, not 0."""
        [(count, answered, on_time, rate, rated, median, timed)] = (
            self.env["sc.inquiry.forward.report"]
            .sudo()
            ._read_group(
                [
                    ("sent_at", ">=", start),
                    ("sent_at", "<", end),
                    ("company_id", "=", company.id),
                ],
                [],
                [
                    "__count",
                    "answered_count:sum",
                    "on_time_count:sum",
                    "on_time_rate:avg",
                    "on_time_rate:count",
                    "response_hours:median",
                    "response_hours:count",
                ],
            )
        )
        return {
            "count": count,
            "answered": answered,
            "on_time": on_time,
            "on_time_rate": rate if rated else None,
            "median_response_hours": median if timed else None,
        }

    @api.model
    def _sc_call_figures(self, start, end, company):
        """The calls of company offered in [start, end), counted by the
        reachability report: the service level has one definition. A service
        level or wait over no offered call is None, not 0."""
        [(offered, answered, abandoned, level, wait)] = (
            self.env["sc.call.report"]
            .sudo()
            ._read_group(
                [
                    ("offered_at", ">=", start),
                    ("offered_at", "<", end),
                    ("company_id", "=", company.id),
                ],
                [],
                [
                    "offered_count:sum",
                    "answered_count:sum",
                    "abandoned_count:sum",
                    "service_level:avg",
                    "wait_seconds:avg",
                ],
            )
        )
        return {
            "offered": offered,
            "answered": answered,
            "abandoned": abandoned,
            "service_level": level if offered else None,
            "average_wait": wait if offered else None,
            "threshold": company.sc_call_threshold_seconds,
            "target": company.sc_call_target,
        }
