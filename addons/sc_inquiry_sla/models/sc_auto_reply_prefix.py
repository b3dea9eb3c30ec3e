# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sc_knowledge.tools.public_input import single_line

from ..tools.reply_kind import REPLY_MARKERS

MAX_PREFIX_LENGTH = 80


class ScAutoReplyPrefix(models.Model):
    _name = "sc.auto.reply.prefix"
    _description = "Auto-reply Subject Prefix"
    _order = "name"

    name = fields.Char(
        string="Subject Starts With",
        required=True,
        help="An e-mail whose subject starts with this text (upper or lower case "
        "alike) is treated as an automatic reply: it is filed with the inquiry "
        "but does not stop the response deadline.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "This subject prefix exists already."),
    ]

    @api.constrains("name")
    def _check_name(self):
        for prefix in self:
            if prefix.name != single_line(prefix.name, MAX_PREFIX_LENGTH):
                raise ValidationError(
                    self.env._(
                        "Please enter the subject prefix as one line of at most "
                        "%(max)s characters without leading or trailing spaces.",
                        max=MAX_PREFIX_LENGTH,
                    )
                )
            if prefix.name.rstrip(":").strip().casefold() in REPLY_MARKERS:
                raise ValidationError(
                    self.env._(
                        "“%(prefix)s” starts ordinary replies and forwards: every "
                        "answer of an office would count as an automatic reply.",
                        prefix=prefix.name,
                    )
                )

    @api.model
    def _get_prefixes(self):
        """The active prefixes, read by the mail gateway for every e-mail."""
        return self.sudo().search([]).mapped("name")
