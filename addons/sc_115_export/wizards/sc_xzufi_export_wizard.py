from odoo import fields, models
from odoo.exceptions import UserError


class ScXzufiExportWizard(models.TransientModel):
    _name = "sc.xzufi.export.wizard"
    _description = "XZuFi Export Wizard"

    mode = fields.Selection(
        selection=[
            ("full", "All publishable services"),
            ("delta", "Changed since the last export"),
        ],
        default="full",
        required=True,
    )
    last_export_date = fields.Datetime(
        string="Last Export", compute="_compute_last_export_date"
    )

    def _compute_last_export_date(self):
        last = self.env["sc.xzufi.export"]._sc_last_export(self.env.company)
        for wizard in self:
            wizard.last_export_date = last.export_date

    def action_export(self):
        self.ensure_one()
        export = self.env["sc.xzufi.export"]._sc_export(
            self.mode, "manual", self.env.company
        )
        if not export:
            raise UserError(
                self.env._(
                    "Nothing has changed since the last export, so no file was "
                    "created. Choose “All publishable services” for a full export."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sc.xzufi.export",
            "res_id": export.id,
            "view_mode": "form",
            "target": "current",
        }
