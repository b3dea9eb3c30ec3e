# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from ..tools.reply_kind import KIND_ANSWER, REPLY_KINDS


class ScInquiryForwardReply(models.TransientModel):
    """The office writes to the service center from within Odoo and says what
    its message is: the answer stops the clock, a question back or an interim
    message does not."""

    _name = "sc.inquiry.forward.reply"
    _description = "Office's Reply to a Forwarded Inquiry"

    forward_id = fields.Many2one(
        comodel_name="sc.inquiry.forward", required=True, ondelete="cascade"
    )
    kind = fields.Selection(
        selection=REPLY_KINDS,
        string="This Message Is",
        required=True,
        default=KIND_ANSWER,
        help="Only the answer stops the deadline. A question to the service center "
        "or an interim message is filed with the inquiry; the deadline keeps "
        "running. If your unit is not responsible, the service center forwards "
        "the inquiry on.",
    )
    body = fields.Html(string="Message", required=True, sanitize_style=True)

    def action_post(self):
        self.ensure_one()
        forward = self.forward_id
        forward.check_access("read")
        if not forward.user_in_unit:
            raise AccessError(
                self.env._(
                    "Only the members and the head of %(unit)s can reply for it.",
                    unit=forward.org_unit_id.sudo().display_name,
                )
            )
        if is_html_empty(self.body):
            raise UserError(self.env._("Please write your message."))
        forward.ticket_id.with_context(sc_reply_kind=self.kind).message_post(
            body=self.body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
