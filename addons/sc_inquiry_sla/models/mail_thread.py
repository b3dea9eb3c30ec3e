# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import dataclass

from odoo import models
from odoo.tools.mail import unfold_references

from ..tools.auto_reply import is_auto_reply
from ..tools.reply_kind import reply_kind


@dataclass(frozen=True)
class GatewayMail:
    """What the mail gateway knows about the e-mail it is filing.

    Handed to the receiving thread in the context. RPC callers can put any JSON
    value into a context, never an instance of this class, so a message posted
    by a user (with whatever ``email_from`` or context) is never taken for an
    e-mail received by the gateway.
    """

    message_id: str
    references: tuple
    auto_reply: bool
    reply_kind: str


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _sc_trusted_gateway(self):
        """Only the gateway run by the system (fetchmail, the mailgate script
        of an administrator) is trusted: ``message_process`` is callable over
        RPC by every user, who can write any header into the e-mail."""
        return self.env.su or self.env.user._is_system()

    def _message_route_process(self, message, message_dict, routes):
        """Tell the receiving thread about the e-mail: its Message-Id, the
        Message-Ids it answers (the stored parent is the thread root) and
        whether a program sent it or the subject marks a question back or an
        interim message."""
        if self._sc_trusted_gateway():
            references = " ".join(
                filter(
                    None,
                    [message_dict.get("references"), message_dict.get("in_reply_to")],
                )
            )
            prefixes = self.env["sc.auto.reply.prefix"]._get_prefixes()
            self = self.with_context(
                sc_gateway_mail=GatewayMail(
                    message_id=message_dict.get("message_id") or "",
                    references=tuple(unfold_references(references)),
                    auto_reply=is_auto_reply(
                        message, message_dict.get("subject"), prefixes
                    ),
                    reply_kind=reply_kind(message_dict.get("subject")),
                )
            )
        return super()._message_route_process(message, message_dict, routes)

    def _routing_handle_bounce(self, email_message, message_dict):
        """Bounces are not routed to a thread: file those of inquiries anyway."""
        super()._routing_handle_bounce(email_message, message_dict)
        bounced = message_dict.get("bounced_message")
        if (
            self._sc_trusted_gateway()
            and bounced
            and bounced.model == "helpdesk.ticket"
            and bounced.res_id
        ):
            ticket = self.env["helpdesk.ticket"].sudo().browse(bounced.res_id).exists()
            ticket._sc_file_bounce(message_dict)
