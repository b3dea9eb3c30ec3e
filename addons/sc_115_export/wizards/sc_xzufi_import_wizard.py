import base64
import binascii
import io

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.sc_xzufi_import import MAX_UPLOAD_BYTES


class ScXzufiImportWizard(models.TransientModel):
    _name = "sc.xzufi.import.wizard"
    _description = "XZuFi Import Wizard"

    data_file = fields.Binary(string="File", required=True, attachment=False)
    file_name = fields.Char()

    def action_import(self):
        self.ensure_one()
        try:
            raw = base64.b64decode(self.data_file or b"", validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The file could not be read.")) from error
        if len(raw) > MAX_UPLOAD_BYTES:
            raise UserError(
                self.env._(
                    "The file is larger than %(size)s MB. Please split the catalog "
                    "into several files and upload them as a ZIP archive or one by "
                    "one.",
                    size=MAX_UPLOAD_BYTES // (1024 * 1024),
                )
            )
        run = self.env["sc.xzufi.import"]._sc_import_file(
            self.file_name or "xzufi.xml", io.BytesIO(raw)
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sc.xzufi.import",
            "res_id": run.id,
            "view_mode": "form",
            "target": "current",
        }
