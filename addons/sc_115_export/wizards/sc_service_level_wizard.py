from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import format_date, formatLang

from ..tools.figures import figures_csv


def _previous_month(wizard):
    today = fields.Date.context_today(wizard)
    return today.replace(day=1) - relativedelta(months=1)


class ScServiceLevelWizard(models.TransientModel):
    _name = "sc.service.level.wizard"
    _description = "Monthly 115 Figures Export"

    month = fields.Date(
        required=True,
        default=_previous_month,
        help="Any day of the month to report on.",
    )
    attachment_id = fields.Many2one(comodel_name="ir.attachment", readonly=True)

    def _labels(self, figures):
        _ = self.env._
        return {
            "section": _("Figure"),
            "key": _("Detail"),
            "value": _("Value"),
            "month": _("Month"),
            "month_value": format_date(self.env, self.month, date_format="MMMM y"),
            "total": _("Inquiries"),
            "by_channel": _("Inquiries by channel"),
            "first_contact": _("Resolved at first contact"),
            "first_contact_rate": _(
                "First-contact resolution rate (%%), target %(target)s",
                target=formatLang(self.env, figures["first_contact_target"], digits=1),
            ),
            "forwards": _("Forwarded inquiries"),
            "forwards_answered": _("Forwards answered"),
            "forwards_in_time": _("Forwards answered within the promised time"),
            "forwards_in_time_rate": _(
                "On-time rate (%) of the forwards answered or overdue"
            ),
            "median_response_hours": _("Median response time (working hours)"),
            "calls_offered": _("Calls offered (without short abandons)"),
            "calls_answered": _("Calls answered"),
            "calls_abandoned": _("Calls abandoned"),
            "service_level": _(
                "Service level (%%): answered within %(threshold)s seconds, "
                "target %(target)s",
                threshold=figures["service_level_threshold"],
                target=formatLang(self.env, figures["service_level_target"], digits=1),
            ),
            "average_wait_seconds": _("Average wait (seconds)"),
            "top_topics": _("Top topic"),
        }

    def action_export_csv(self):
        self.ensure_one()
        report = self.env["sc.service.level.report"]
        figures = report._sc_monthly_figures(self.month)
        channels = dict(report._fields["channel"]._description_selection(self.env))
        text = figures_csv(figures, self._labels(figures), channels)
        name = f"115_kennzahlen_{self.month:%Y_%m}.csv"
        self.attachment_id = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": text.encode("utf-8-sig"),
                "mimetype": "text/csv",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }
