# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.mail import unfold_references

# Headers set by vacation responders and other automatic senders (RFC 3834 and
# the common non-standard ones).
AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond")
AUTO_PRECEDENCE = ("auto_reply", "bulk", "junk", "list")


def is_auto_submitted(message):
    """True for an e-mail sent automatically (out-of-office, auto-reply)."""
    auto_submitted = (message.get("Auto-Submitted") or "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if any(message.get(header) for header in AUTO_REPLY_HEADERS):
        return True
    return (message.get("Precedence") or "").strip().lower() in AUTO_PRECEDENCE


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_route_process(self, message, message_dict, routes):
        """Tell the receiving thread whether the e-mail was sent automatically
        and which Message-Ids it answers (the stored parent is the thread root)."""
        references = " ".join(
            filter(
                None, [message_dict.get("references"), message_dict.get("in_reply_to")]
            )
        )
        self = self.with_context(
            sc_auto_submitted=is_auto_submitted(message),
            sc_mail_references=tuple(unfold_references(references)),
        )
        return super()._message_route_process(message, message_dict, routes)
