# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Resolution at first contact is computed from the stage and the forwards
    now; before, only the catalog wizard set it. Existing inquiries follow the
    rule too, so that old and new months are comparable."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    tickets = env["helpdesk.ticket"].with_context(active_test=False).search([])
    env.add_to_compute(tickets._fields["sc_first_contact_resolution"], tickets)
    env.flush_all()
