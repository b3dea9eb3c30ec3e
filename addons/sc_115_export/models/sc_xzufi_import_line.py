from odoo import fields, models

OBJECT_KINDS = [
    ("document", "Document"),
    ("leistung", "Service"),
    ("organisationseinheit", "Organisational Unit"),
    ("onlinedienst", "Online Service"),
]


class ScXzufiImportLine(models.Model):
    _name = "sc.xzufi.import.line"
    _description = "XZuFi Import Report Line"
    _order = "import_id, id"

    import_id = fields.Many2one(
        comodel_name="sc.xzufi.import", required=True, ondelete="cascade", index=True
    )
    document = fields.Char(help="File (in a ZIP archive: the file inside it).")
    kind = fields.Selection(selection=OBJECT_KINDS, required=True)
    xzufi_id = fields.Char(string="XZuFi ID")
    action = fields.Selection(
        selection=[
            ("created", "Created"),
            ("updated", "Updated"),
            ("archived", "Archived"),
            ("skipped", "Skipped"),
            ("refused", "Refused"),
            ("note", "Note"),
        ],
        required=True,
    )
    message = fields.Char(string="Reason")
    company_id = fields.Many2one(related="import_id.company_id", store=True)
