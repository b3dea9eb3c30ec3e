# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class ScInquiryForwardExtend(models.TransientModel):
    """Fristverlängerung: the head of the unit moves the deadline of a
    forward to a later date and says why; the citizen is told the new date
    (not the reason)."""

    _name = "sc.inquiry.forward.extend"
    _description = "Extend the Deadline of a Forward"

    forward_id = fields.Many2one(
        comodel_name="sc.inquiry.forward", required=True, ondelete="cascade"
    )
    current_deadline = fields.Datetime(
        related="forward_id.deadline", string="Current Deadline"
    )
    new_deadline = fields.Datetime(
        required=True,
        help="In your time zone; it must be later than the current deadline and "
        "lie in the future.",
    )
    reason = fields.Text(
        required=True,
        help="Kept with the forward and the inquiry for the service center; the "
        "citizen is told the new date only.",
    )

    def action_extend(self):
        self.ensure_one()
        forward = self.forward_id
        forward._check_unit_head()
        forward._check_new_deadline(self.new_deadline)
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give the reason for the extension."))
        forward.sudo()._extend_deadline(self.new_deadline, reason)
        return {"type": "ir.actions.act_window_close"}
