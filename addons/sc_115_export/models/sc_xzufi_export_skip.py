from odoo import fields, models

from ..tools import publishability


class ScXzufiExportSkip(models.Model):
    _name = "sc.xzufi.export.skip"
    _description = "Service Skipped by an XZuFi Export"
    _order = "export_id desc, service_id, id"

    export_id = fields.Many2one(
        comodel_name="sc.xzufi.export",
        string="Export",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="export_id.company_id", store=True, index=True)
    service_id = fields.Many2one(
        comodel_name="sc.service", required=True, ondelete="cascade", index=True
    )
    leika_key = fields.Char(related="service_id.leika_key")
    org_unit_id = fields.Many2one(related="service_id.main_org_unit_id")
    reason = fields.Selection(
        selection=[
            (publishability.NOT_PUBLISHED, "Not published"),
            (publishability.NO_LEIKA_KEY, "No valid LeiKa key"),
            (publishability.NO_DESCRIPTION, "Full text (Volltext) is empty"),
            (publishability.NO_RESPONSIBLE_UNIT, "No responsible unit"),
            (publishability.REVIEW_OVERDUE, "Review overdue"),
        ],
        required=True,
    )
    export_date = fields.Datetime(related="export_id.export_date")
