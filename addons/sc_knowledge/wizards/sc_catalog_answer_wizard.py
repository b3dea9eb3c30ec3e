from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class ScCatalogAnswerWizard(models.TransientModel):
    _name = "sc.catalog.answer.wizard"
    _description = "Answer from Catalog"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, ondelete="cascade"
    )
    service_id = fields.Many2one(
        comodel_name="sc.service",
        required=True,
        domain=[("state", "=", "published")],
    )
    answer_mode = fields.Selection(
        selection=[
            ("email", "Send the answer by e-mail"),
            ("note", "Log the answer given on the phone"),
        ],
        compute="_compute_answer_mode",
        store=True,
        readonly=False,
        required=True,
    )
    template_id = fields.Many2one(
        comodel_name="mail.template",
        string="E-mail Template",
        domain=[("model", "=", "helpdesk.ticket")],
        default=lambda self: self.env.ref(
            "sc_knowledge.mail_template_catalog_answer", raise_if_not_found=False
        ),
    )
    note = fields.Text(string="Call Note")
    recipient_email = fields.Char(related="ticket_id.partner_email")

    @api.depends("ticket_id")
    def _compute_answer_mode(self):
        for wizard in self:
            wizard.answer_mode = (
                "email" if wizard.ticket_id.sc_channel in ("email", "web") else "note"
            )

    def action_answer(self):
        """Answer the citizen from the catalog and close the inquiry in one step."""
        self.ensure_one()
        ticket = self.ticket_id
        if ticket.closed:
            raise UserError(self.env._("This inquiry is already closed."))
        ticket.sc_service_id = self.service_id
        if self.answer_mode == "email":
            self._send_answer_mail()
        else:
            self._log_call_note()
        ticket.stage_id = ticket._sc_resolved_stage()
        return {"type": "ir.actions.act_window_close"}

    def _send_answer_mail(self):
        ticket = self.ticket_id
        partner = ticket.partner_id
        if not partner and ticket.partner_email:
            partner = self.env["res.partner"].find_or_create(
                ticket.partner_email, assert_valid_email=True
            )
            ticket.partner_id = partner
        if not partner.email:
            raise UserError(
                self.env._(
                    "Please enter the citizen's e-mail address on the inquiry before "
                    "sending the answer, or log the answer given on the phone instead."
                )
            )
        if not self.template_id:
            raise UserError(self.env._("Please choose an e-mail template."))
        ticket.message_post_with_source(
            self.template_id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=partner.ids,
        )

    def _log_call_note(self):
        body = Markup("<p>%s</p>") % self.env._(
            "Answered on the phone from the catalog: %(service)s",
            service=self.service_id.name,
        )
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        self.ticket_id.message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_note"
        )
