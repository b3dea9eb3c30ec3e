import logging
import zipfile

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import xzufi_reader
from .sc_xzufi_importer import XZuFiImporter

_logger = logging.getLogger(__name__)

# Largest file accepted for upload (XML or ZIP), and the most a ZIP may unpack to.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
COUNTERS = ("created", "updated", "archived", "skipped", "refused")


class ScXzufiImport(models.Model):
    _name = "sc.xzufi.import"
    _description = "XZuFi Import"
    _order = "import_date desc, id desc"
    _rec_name = "file_name"

    import_date = fields.Datetime(
        string="Imported on",
        required=True,
        readonly=True,
        index=True,
        default=fields.Datetime.now,
    )
    source = fields.Selection(
        selection=[("upload", "Upload"), ("pull", "Pulled from a source")],
        required=True,
        readonly=True,
        default="upload",
    )
    file_name = fields.Char(readonly=True)
    source_id = fields.Many2one(
        comodel_name="sc.xzufi.import.source",
        string="Pulled from",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    state = fields.Selection(
        selection=[
            ("done", "Imported"),
            ("partial", "Partly refused"),
            ("refused", "Refused"),
        ],
        readonly=True,
    )
    created_count = fields.Integer(string="Created", readonly=True)
    updated_count = fields.Integer(string="Updated", readonly=True)
    archived_count = fields.Integer(
        string="Archived",
        readonly=True,
        help="Objects the source withdrew (loesche): archived, never deleted.",
    )
    skipped_count = fields.Integer(
        string="Unchanged or Skipped",
        readonly=True,
        help="Objects that were not written: the same content or an older version "
        "than the one imported before, or data that could not be used.",
    )
    refused_count = fields.Integer(string="Refused Documents", readonly=True)
    line_ids = fields.One2many(
        comodel_name="sc.xzufi.import.line",
        inverse_name="import_id",
        string="Report",
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Imported by", readonly=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, readonly=True, index=True
    )

    @api.model
    def _sc_import(self, documents, file_name, source="upload", company=None):
        """Import documents, an iterable of (name, binary file object), each one
        on its own: a refused document leaves nothing behind, the others are
        imported. Returns the import run with its report."""
        self.check_access("create")
        company = company or self.env.company
        run = self.create(
            {
                "file_name": file_name,
                "source": source,
                "user_id": self.env.uid,
                "company_id": company.id,
            }
        )
        importer = XZuFiImporter(self.sudo().with_company(company), company)
        documents_seen = 0
        for name, stream in documents:
            documents_seen += 1
            try:
                importer.import_document(name, stream)
            except xzufi_reader.XZuFiReadError as error:
                importer.refuse(name, self._sc_refusal_message(error))
            run._sc_store_lines(importer)
        counts = importer.counts
        run.sudo().write(
            {
                **{f"{key}_count": counts[key] for key in COUNTERS},
                "state": (
                    "done"
                    if not counts["refused"]
                    else "refused"
                    if counts["refused"] >= documents_seen
                    else "partial"
                ),
            }
        )
        _logger.info(
            "XZuFi import %s: %s created, %s updated, %s archived, %s skipped, "
            "%s documents refused",
            file_name,
            *(counts[key] for key in COUNTERS),
        )
        return run

    def _sc_store_lines(self, importer):
        """Store the report lines of the documents imported so far and let go of
        them: memory stays bounded by one document's report."""
        self.ensure_one()
        if importer.lines:
            self.env["sc.xzufi.import.line"].sudo().create(
                [{**vals, "import_id": self.id} for vals in importer.lines]
            )
            importer.lines = []
            self.env.invalidate_all()

    @api.model
    def _sc_import_file(self, file_name, stream, source="upload", company=None):
        """Import one uploaded file: an XZuFi document or a ZIP of them."""
        head = stream.read(4)
        stream.seek(0)
        if head == b"PK\x03\x04":
            with zipfile.ZipFile(stream) as archive:
                return self._sc_import(
                    self._sc_zip_documents(archive), file_name, source, company
                )
        return self._sc_import([(file_name, stream)], file_name, source, company)

    def _sc_zip_documents(self, archive):
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.lower().endswith(".xml")
        ]
        if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
            raise UserError(
                self.env._(
                    "The ZIP archive unpacks to more than %(size)s MB. Please split "
                    "it into smaller archives.",
                    size=MAX_UNPACKED_BYTES // (1024 * 1024),
                )
            )
        if not members:
            raise UserError(
                self.env._("The ZIP archive contains no XML file (*.xml) to import.")
            )
        for info in sorted(members, key=lambda info: info.filename):
            with archive.open(info) as stream:
                yield info.filename, stream

    def _sc_refusal_message(self, error):
        """The German sentence for a refused document."""
        reason = error.reason
        if reason == xzufi_reader.DOCTYPE:
            return self.env._(
                "The file contains a DOCTYPE or ENTITY declaration. For security "
                "reasons such files are not imported; nothing of it was imported."
            )
        if reason == xzufi_reader.NAMESPACE:
            return self.env._(
                "The file is no XZuFi 2.2 document: its namespace is “%(namespace)s” "
                "instead of %(expected)s. Nothing of it was imported.",
                namespace=error.detail,
                expected=xzufi_reader.NS,
            )
        if reason == xzufi_reader.ROOT:
            return self.env._(
                "The file is no XZuFi transfer: its root element is “%(root)s” "
                "instead of transfer.operation.060101. Nothing of it was imported.",
                root=error.detail,
            )
        if reason == xzufi_reader.TRUNCATED:
            return self.env._(
                "The file is incomplete or damaged (%(detail)s). Nothing of it was "
                "imported; please load the complete file again.",
                detail=error.detail,
            )
        return self.env._("The file is no XML document. Nothing of it was imported.")
