# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from odoo import fields, models
from odoo.tools import consteq


class ScTelephoneSystem(models.Model):
    """A telephone system that reports its calls (push events or imports)."""

    _name = "sc.telephone.system"
    _description = "Telephone System"
    _order = "name, id"

    name = fields.Char(required=True)
    code = fields.Char(
        required=True,
        copy=False,
        help="Short name the telephone system sends as “system” with every event, "
        "e.g. eisenberg-asterisk.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    token = fields.Char(
        copy=False,
        groups="sc_knowledge.group_manager",
        default=lambda self: secrets.token_urlsafe(32),
        help="Secret the telephone system sends as “Authorization: Bearer …” "
        "header. Without a token no event is accepted.",
    )
    csv_delimiter = fields.Selection(
        selection=[(",", "Comma"), (";", "Semicolon"), ("\t", "Tab")],
        string="CSV Delimiter",
        default=";",
        required=True,
    )
    csv_call_id_column = fields.Char(
        string="Column: Call ID", default="call_id", required=True
    )
    csv_offered_column = fields.Char(
        string="Column: Offered on",
        default="offered",
        required=True,
        help="Date and time the call entered the queue.",
    )
    csv_answered_column = fields.Char(
        string="Column: Answered on",
        default="answered",
        help="Empty in a row: the caller hung up before an answer.",
    )
    csv_ended_column = fields.Char(
        string="Column: Ended on", default="ended", required=True
    )
    csv_number_column = fields.Char(string="Column: Caller Number", default="number")
    csv_queue_column = fields.Char(string="Column: Queue", default="queue")
    csv_agent_column = fields.Char(string="Column: Agent Extension", default="agent")
    call_ids = fields.One2many(
        comodel_name="sc.call", inverse_name="system_id", string="Calls"
    )

    _sql_constraints = [
        (
            "code_unique",
            "UNIQUE(code)",
            "Another telephone system already uses this code.",
        ),
    ]

    def _sc_check_token(self, token):
        """True when token is this system's token (constant-time compare)."""
        self.ensure_one()
        secret = self.sudo().token
        if not secret or not isinstance(token, str):
            return False
        # bytes: compare_digest refuses str with characters beyond ASCII.
        return consteq(secret.encode(), token.encode())

    def _sc_csv_mapping(self):
        """{event member: CSV column} for tools.call_import.mapped_csv_events."""
        self.ensure_one()
        return {
            "call_id": self.csv_call_id_column,
            "offered": self.csv_offered_column,
            "answered": self.csv_answered_column,
            "ended": self.csv_ended_column,
            "number": self.csv_number_column,
            "queue": self.csv_queue_column,
            "agent": self.csv_agent_column,
        }

    def action_regenerate_token(self):
        for system in self:
            system.token = secrets.token_urlsafe(32)
