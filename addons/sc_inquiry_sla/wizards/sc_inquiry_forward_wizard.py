# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, formataddr

from odoo.addons.sc_knowledge.tools.public_input import (
    MAX_DISPLAY_NAME_LENGTH,
    single_line,
)

# Subjects longer than this are cut; RFC 5322 recommends 78 characters a line.
MAX_SUBJECT_LENGTH = 200


class ScInquiryForwardWizard(models.TransientModel):
    _name = "sc.inquiry.forward.wizard"
    _inherit = ["mail.composer.mixin"]
    _description = "Forward an Inquiry to an Org Unit"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Inquiry", required=True
    )
    org_unit_id = fields.Many2one(
        comodel_name="sc.org.unit",
        string="Org Unit",
        compute="_compute_org_unit_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    email_to = fields.Char(
        string="Send to",
        compute="_compute_email_to",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    policy_id = fields.Many2one(
        comodel_name="sc.inquiry.sla.policy", compute="_compute_deadline"
    )
    deadline = fields.Datetime(
        string="Answer due by",
        compute="_compute_deadline",
        help="Deadline if the inquiry is sent now, counted in the unit's working time.",
    )
    template_id = fields.Many2one(
        default=lambda self: self.env.ref(
            "sc_inquiry_sla.mail_template_forward", raise_if_not_found=False
        )
    )

    @api.depends("ticket_id")
    def _compute_org_unit_id(self):
        for wizard in self:
            service = wizard.ticket_id.sc_service_id
            not_responsible = wizard.ticket_id.sc_forward_ids.filtered(
                lambda f: f.state == "rejected"
            ).org_unit_id
            candidates = service.main_org_unit_id | service.org_unit_ids
            wizard.org_unit_id = (candidates - not_responsible)[:1]

    @api.depends("org_unit_id")
    def _compute_email_to(self):
        for wizard in self:
            unit = wizard.org_unit_id
            wizard.email_to = unit.forward_email or unit.partner_id.email

    @api.depends("org_unit_id", "ticket_id")
    def _compute_deadline(self):
        now = fields.Datetime.now()
        todo = self.filtered("org_unit_id")
        (self - todo).update({"deadline": False, "policy_id": False})
        planned = self.env["sc.inquiry.forward"]._plan_deadlines(
            [(wizard.ticket_id, wizard.org_unit_id, now) for wizard in todo]
        )
        for wizard, (policy, result) in zip(todo, planned, strict=True):
            wizard.policy_id = policy
            wizard.deadline = result.deadline

    def _compute_render_model(self):
        self.render_model = "sc.inquiry.forward"

    @api.depends("template_id", "ticket_id", "org_unit_id", "email_to")
    def _compute_subject(self):
        for wizard in self:
            subject = wizard._render_preview("subject")
            wizard.subject = subject and single_line(subject, MAX_SUBJECT_LENGTH)

    @api.depends("template_id", "ticket_id", "org_unit_id", "email_to")
    def _compute_body(self):
        for wizard in self:
            wizard.body = wizard._render_preview("body_html")

    def _compute_can_edit_body(self):
        # The body holds the rendered mail, no template code: the agent may
        # edit it like any text, and it is sent as it is.
        self.can_edit_body = True

    def _render_preview(self, template_field):
        """The template rendered for the forward this wizard would send now,
        as the office will read it. The template is validated master data and
        is rendered as such (like the mail composer does), on an unsaved
        forward."""
        self.ensure_one()
        template = self.template_id
        if not (template and self.ticket_id and self.org_unit_id):
            return False
        preview = self.env["sc.inquiry.forward"].new(
            {
                "ticket_id": self.ticket_id.id,
                "org_unit_id": self.org_unit_id.id,
                "email_to": self.email_to,
                "user_id": self.env.uid,
                "deadline": self.deadline,
            }
        )
        rendered = template.sudo()._render_field(
            template_field, [preview.id], compute_lang=True
        )
        return rendered[preview.id]

    def action_send(self):
        self.ensure_one()
        ticket = self.ticket_id
        if ticket.closed:
            raise UserError(self.env._("This inquiry is already closed."))
        email = email_normalize(self.email_to or "")
        if not email:
            raise UserError(
                self.env._(
                    "“%(email)s” is not a valid e-mail address. Please enter the "
                    "forwarding address of the unit.",
                    email=self.email_to or "",
                )
            )
        forward = self.env["sc.inquiry.forward"].create(
            {
                "ticket_id": ticket.id,
                "org_unit_id": self.org_unit_id.id,
                "email_to": email,
            }
        )
        # What the agent saw (and perhaps edited) is sent; the subject carries
        # the citizen's words into a mail header: one line.
        subject = single_line(self.subject or "", MAX_SUBJECT_LENGTH)
        body = self.body
        unit_partner = self.org_unit_id.partner_id
        if email_normalize(unit_partner.email or "") != email:
            name = single_line(self.org_unit_id.name, MAX_DISPLAY_NAME_LENGTH)
            unit_partner = (
                self.env["res.partner"].sudo().find_or_create(formataddr((name, email)))
            )
        message = ticket.message_post(
            body=body,
            subject=subject,
            partner_ids=unit_partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            email_layout_xmlid="sc_knowledge.mail_layout_authority",
        )
        forward.sudo().mail_message_id = message
        ticket._sc_move_to_stage("sc_inquiry_sla.helpdesk_ticket_stage_forwarded")
        return {"type": "ir.actions.act_window_close"}
