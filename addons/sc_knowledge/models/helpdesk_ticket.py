from odoo import api, fields, models
from odoo.exceptions import UserError

# The authority's layout of every mail to a citizen or an office.
MAIL_LAYOUT = "sc_knowledge.mail_layout_authority"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"
    _check_company_auto = True

    sc_service_id = fields.Many2one(
        comodel_name="sc.service",
        string="Service",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    channel_id = fields.Many2one(
        default=lambda self: self._sc_default_channel(), tracking=True
    )
    sc_channel = fields.Selection(
        related="channel_id.sc_code",
        store=True,
        index=True,
        string="Contact Channel Kind",
    )

    @api.model
    def _sc_default_channel(self):
        # Most inquiries reach the service center by phone.
        return self.env["helpdesk.ticket.channel"]._sc_for_code("phone")

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        custom_values = dict(custom_values or {})
        custom_values.setdefault(
            "channel_id", self.env["helpdesk.ticket.channel"]._sc_for_code("email").id
        )
        return super().message_new(msg_dict, custom_values)

    @api.depends("number", "name")
    def _compute_display_name(self):
        # OCA writes "number - name" even before the ticket has either
        # ("/ - False" in the breadcrumb of a new ticket).
        for ticket in self:
            number = ticket.number if ticket.number != "/" else False
            ticket.display_name = " - ".join(filter(None, (number, ticket.name)))

    def _track_template(self, changes):
        res = super()._track_template(changes)
        if "stage_id" in res:
            # The stage mail reaches the citizen: in the authority's layout.
            res["stage_id"][1]["email_layout_xmlid"] = MAIL_LAYOUT
        return res

    def action_sc_answer_from_catalog(self):
        self.ensure_one()
        if self.closed:
            raise UserError(self.env._("This inquiry is already closed."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sc_knowledge.sc_catalog_answer_wizard_action"
        )
        action["context"] = {
            "default_ticket_id": self.id,
            "default_service_id": self.sc_service_id.id,
        }
        return action

    def _sc_resolved_stage(self):
        """The first closing stage of the ticket's team (or any team)."""
        self.ensure_one()
        return self.env["helpdesk.ticket.stage"].search(
            [
                ("closed", "=", True),
                "|",
                ("team_ids", "=", False),
                ("team_ids", "in", self.team_id.ids),
            ],
            order="sequence, id",
            limit=1,
        )
