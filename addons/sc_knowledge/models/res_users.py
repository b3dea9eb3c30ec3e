# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Where the Servicecenter's people land after login (instead of Discuss):
# the agents at the information desk, the offices in their inquiries.
HOME_ACTIONS = (
    ("sc_knowledge.group_agent", "sc_knowledge.information_desk_action"),
    ("sc_knowledge.group_department_user", "sc_knowledge.inquiries_action"),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.filtered(lambda u: not u.action_id)._sc_set_home_action()
        return users

    def _sc_set_home_action(self):
        """The Servicecenter as home action of its users."""
        for group_xmlid, action_xmlid in HOME_ACTIONS:
            action = self.env.ref(action_xmlid, raise_if_not_found=False)
            members = self.filtered(
                lambda u, group=group_xmlid: not u.action_id and u.has_group(group)
            )
            if action and members:
                members.sudo().action_id = action.id

    def _sc_is_office_only(self):
        """A department user (office) who does not work in the service center."""
        self.ensure_one()
        return self.has_group("sc_knowledge.group_department_user") and not (
            self.has_group("sc_knowledge.group_agent")
        )
