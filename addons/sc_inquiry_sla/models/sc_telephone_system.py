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

    def action_regenerate_token(self):
        for system in self:
            system.token = secrets.token_urlsafe(32)
