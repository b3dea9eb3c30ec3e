# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.call_import import (
    ImportLineError,
    cdr_events,
    mapped_csv_events,
    queue_log_events,
)


class ScCallImportWizard(models.TransientModel):
    """Import the call log of a telephone system without push events."""

    _name = "sc.call.import.wizard"
    _description = "Import Calls"

    system_id = fields.Many2one(
        comodel_name="sc.telephone.system",
        string="Telephone System",
        required=True,
        default=lambda wizard: wizard.env["sc.telephone.system"].search([], limit=1),
    )
    file_format = fields.Selection(
        selection=[
            ("queue_log", "Asterisk queue_log"),
            ("cdr", "Asterisk CDR (Master.csv)"),
            ("csv", "CSV with the columns of the telephone system"),
        ],
        required=True,
        default="queue_log",
    )
    data_file = fields.Binary(string="File", required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        try:
            lines = self._read_events()
        except ImportLineError as error:
            raise UserError(self._line_message(error)) from None
        events = [event for _line, event in lines]
        calls = (
            self.env["sc.call"]
            .sudo()
            ._sc_apply_events(
                self.system_id, events, lines=[line for line, _event in lines]
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s calls imported or updated.", count=len(calls)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _read_events(self):
        text = self._text()
        if self.file_format == "queue_log":
            return queue_log_events(text)
        if self.file_format == "cdr":
            return cdr_events(text)
        system = self.system_id
        return mapped_csv_events(text, system._sc_csv_mapping(), system.csv_delimiter)

    def _text(self):
        raw = base64.b64decode(self.data_file or b"")
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")

    def _line_message(self, error):
        reasons = {
            "columns": self.env._("too few columns for this format"),
            "number": self.env._("a number of seconds is missing or no number"),
            "time": self.env._(
                "a date and time is missing or not in the form 2026-03-02 08:00:05"
            ),
            "header": self.env._(
                "the header row lacks the columns set on the telephone system"
            ),
        }
        return self.env._(
            "Line %(line)s of the file cannot be read: %(reason)s. Nothing was "
            "imported.",
            line=error.line,
            reason=reasons[error.reason],
        )
