from odoo import api, fields, models

# How a citizen reached the service center; reports and policies count by it.
CONTACT_CHANNELS = [
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("walk_in", "Walk-in"),
    ("web", "Web"),
    ("line115", "115"),
]


class HelpdeskTicketChannel(models.Model):
    _inherit = "helpdesk.ticket.channel"

    sc_code = fields.Selection(
        selection=CONTACT_CHANNELS,
        string="Counts as",
        index=True,
        help="The kind of contact that reports, response-time policies and the "
        "115 figures count this channel as. Left empty, the channel is counted "
        "as “without kind”.",
    )

    @api.model
    def _sc_for_code(self, code):
        """The channel that stands for ``code`` in the current company."""
        return self.search(
            [
                ("sc_code", "=", code),
                ("company_id", "in", [False, self.env.company.id]),
            ],
            limit=1,
        )
