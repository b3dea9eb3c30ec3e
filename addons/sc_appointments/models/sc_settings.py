# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools.public_form import DEFAULT_MAX_MOVES, MAX_MOVES_PARAM, RATE_LIMITS


def _parameter_field(string, help_text):
    return fields.Integer(
        string=string,
        compute="_compute_sc_integer_parameters",
        inverse="_inverse_sc_integer_parameters",
        help=help_text,
    )


class ScSettings(models.TransientModel):
    _inherit = "sc.settings"

    sc_privacy_notice = fields.Text(
        related="company_id.sc_privacy_notice", readonly=False
    )
    sc_privacy_url = fields.Char(related="company_id.sc_privacy_url", readonly=False)
    sc_accessibility_statement = fields.Html(
        related="company_id.sc_accessibility_statement", readonly=False
    )
    sc_rate_limit_appointment_query = _parameter_field(
        "Booking Page Views per Client",
        "Pages of the public booking page (list of services, booking form) one IP "
        "address may open within the window; 0 means no limit.",
    )
    sc_rate_limit_appointment_booking = _parameter_field(
        "Booking Forms per Client",
        "Booking forms one IP address may send within the window, also forms "
        "refused for wrong entries; 0 means no limit.",
    )
    sc_rate_limit_appointment_manage = _parameter_field(
        "Appointment Link Uses per Client",
        "How often one IP address may open, cancel or move appointments through "
        "the link in the confirmation within the window, wrong links included; 0 "
        "means no limit.",
    )
    sc_appointment_max_online_moves = _parameter_field(
        "Online Moves per Appointment",
        "How often a citizen may move one appointment through the link in the "
        "confirmation; every move sends a new confirmation. After that the service "
        "center moves it. 0 means citizens cannot move appointments online.",
    )

    def _sc_integer_parameters(self):
        limits = {
            f"sc_rate_limit_{kind}": (f"sc_knowledge.rate_limit_{kind}", limit)
            for kind, limit in RATE_LIMITS.items()
        }
        return {
            **super()._sc_integer_parameters(),
            **limits,
            "sc_appointment_max_online_moves": (MAX_MOVES_PARAM, DEFAULT_MAX_MOVES),
        }
