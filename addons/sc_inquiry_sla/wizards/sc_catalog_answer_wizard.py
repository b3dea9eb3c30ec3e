# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..models.helpdesk_ticket import OUTCOME_CONTEXT


class ScCatalogAnswerWizard(models.TransientModel):
    _inherit = "sc.catalog.answer.wizard"

    def _send_answer_mail(self):
        # The answer from the catalog tells the citizen the outcome: closing
        # the inquiry right after it sends no second mail.
        return super(
            ScCatalogAnswerWizard, self.with_context(**{OUTCOME_CONTEXT: True})
        )._send_answer_mail()
