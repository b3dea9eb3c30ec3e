import logging
import re
import tempfile

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sc_knowledge.tools.links import web_url

from .sc_xzufi_import import MAX_UPLOAD_BYTES

_logger = logging.getLogger(__name__)

INDEX = "index.txt"
# What a collector accepts as a file name in index.txt: no paths, no hosts.
FILE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")
TIMEOUT = 60
CHUNK = 64 * 1024
MAX_INDEX_BYTES = 1024 * 1024


class ScXzufiImportSource(models.Model):
    """An editorial system whose XZuFi files are pulled as a PVOG collector pulls
    ours: ``<base URL>/index.txt`` lists the current files (the latest full
    export and the changes after it), each read under the same base URL."""

    _name = "sc.xzufi.import.source"
    _description = "XZuFi Import Source"
    _order = "name"

    name = fields.Char(required=True)
    base_url = fields.Char(
        string="Base URL",
        required=True,
        help="Address of the directory that holds index.txt, for example "
        "https://redaktion.example.org/xzufi/1/",
    )
    token = fields.Char(
        groups="sc_knowledge.group_manager",
        copy=False,
        help="Sent as 'Authorization: Bearer <token>' when set.",
    )
    active = fields.Boolean(default=True)
    imported_files = fields.Text(
        readonly=True,
        copy=False,
        help="Files of the current index.txt already imported (one per line).",
    )
    last_pull_date = fields.Datetime(string="Last Pull", readonly=True, copy=False)
    last_error = fields.Char(readonly=True, copy=False)
    import_ids = fields.One2many(
        comodel_name="sc.xzufi.import", inverse_name="source_id", string="Imports"
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.constrains("base_url")
    def _check_base_url(self):
        for source in self:
            if not web_url(source.base_url):
                raise ValidationError(
                    self.env._(
                        "The base URL “%(url)s” is not valid: please enter a complete "
                        "web address beginning with https:// (or http://).",
                        url=source.base_url,
                    )
                )

    def action_pull(self):
        """Pull now; raises the German reason when the source cannot be read."""
        for source in self:
            error = source._sc_pull()
            if error:
                raise UserError(error)
        return True

    @api.model
    def _cron_pull(self):
        for source in self.search([]):
            source.with_company(source.company_id)._sc_pull()

    def _url(self, file_name):
        return f"{self.base_url.rstrip('/')}/{file_name}"

    def _headers(self):
        token = self.sudo().token
        return {"Authorization": f"Bearer {token}"} if token else {}

    def _sc_pull(self):
        """Import the files of index.txt not imported yet, in its order; returns
        an error message ('' when the source was read)."""
        self.ensure_one()
        self.env["sc.xzufi.import"].check_access("create")
        try:
            names = self._sc_index()
        except (requests.RequestException, UnicodeDecodeError) as error:
            return self._sc_failed(error)
        done = set((self.imported_files or "").split())
        for name in names:
            if name in done:
                continue
            try:
                run = self._sc_import_file(name)
            except requests.RequestException as error:
                return self._sc_failed(error)
            if run.state == "done":
                done.add(name)
        self.sudo().write(
            {
                # Only the names still listed: the register stays as small as
                # the index.
                "imported_files": "\n".join(name for name in names if name in done),
                "last_pull_date": fields.Datetime.now(),
                "last_error": False,
            }
        )
        return ""

    def _sc_failed(self, error):
        if isinstance(error, requests.HTTPError) and error.response is not None:
            message = self.env._(
                "The source “%(name)s” could not be read: the server answered with "
                "HTTP status %(status)s (401 or 403: please check the token).",
                name=self.name,
                status=error.response.status_code,
            )
        else:
            message = self.env._(
                "The source “%(name)s” could not be read: %(error)s",
                name=self.name,
                error=error,
            )
        _logger.info("XZuFi source %s: %s", self.name, error)
        self.sudo().write({"last_error": message[:500]})
        return message

    def _sc_index(self):
        response = requests.get(
            self._url(INDEX), headers=self._headers(), timeout=TIMEOUT
        )
        response.raise_for_status()
        body = response.content[:MAX_INDEX_BYTES].decode("utf-8")
        return [
            line.strip() for line in body.splitlines() if FILE_NAME.match(line.strip())
        ]

    def _sc_import_file(self, name):
        with tempfile.TemporaryFile() as stream:
            with requests.get(
                self._url(name), headers=self._headers(), timeout=TIMEOUT, stream=True
            ) as response:
                response.raise_for_status()
                size = 0
                for chunk in response.iter_content(CHUNK):
                    size += len(chunk)
                    if size > MAX_UPLOAD_BYTES:
                        raise requests.RequestException(
                            self.env._(
                                "The file %(file)s is larger than %(size)s MB.",
                                file=name,
                                size=MAX_UPLOAD_BYTES // (1024 * 1024),
                            )
                        )
                    stream.write(chunk)
            stream.seek(0)
            run = self.env["sc.xzufi.import"]._sc_import_file(
                name, stream, source="pull", company=self.company_id
            )
            run.sudo().source_id = self
            return run
