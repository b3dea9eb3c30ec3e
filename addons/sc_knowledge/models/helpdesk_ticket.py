from odoo import fields, models
from odoo.exceptions import UserError

# How a citizen reached the service center; reports and policies use this list.
CONTACT_CHANNELS = [
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("walk_in", "Walk-in"),
    ("web", "Web"),
    ("line115", "115"),
]


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
    sc_channel = fields.Selection(
        selection=CONTACT_CHANNELS,
        string="Contact Channel",
        default="phone",
        index=True,
        tracking=True,
    )

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
