# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.dates import service_datetime_formatter


class ReportPersonalData(models.AbstractModel):
    """Information to a person on the data the suite holds (Art. 15 DSGVO),
    in German, the authority's language, while it is active."""

    _name = "report.sc_knowledge.report_personal_data"
    _description = "Information on Personal Data"

    @api.model
    def _get_report_values(self, docids, data=None):
        self.env["res.partner"]._sc_check_data_protection_officer()
        lang = self.env["res.lang"]._get_code("de_DE") or self.env.lang
        report = self.with_context(lang=lang)
        partners = report.env["res.partner"].with_context(active_test=False)
        partners = partners.browse(docids)
        partners.check_access("read")
        protection = report.env["sc.data.protection"]
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "report_lang": lang,
            "sections": {p.id: protection._sc_information(p) for p in partners},
            "issued": service_datetime_formatter(report.env)(fields.Datetime.now()),
        }
