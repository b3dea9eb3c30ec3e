# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ScService(models.Model):
    _inherit = "sc.service"

    def _answer_card_actions(self):
        actions = super()._answer_card_actions()
        if self.env["sc.appointment.type"].search_count(
            [("service_ids", "in", self.ids)], limit=1
        ):
            actions.append(("booking", self.env._("Book appointment")))
        return actions

    def _answer_card_action_booking(self):
        """The booking wizard for this service, with its ranked slots."""
        return self.env["sc.appointment.booking"]._action_open(service_id=self.id)
