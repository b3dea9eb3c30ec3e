# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.sc_knowledge.models.sc_rate_limit import limit_param
from odoo.addons.sc_knowledge.models.sc_settings import parameter_field

from ..tools.public_form import DEFAULT_MAX_MOVES, MAX_MOVES_PARAM, RATE_LIMITS


def _rate_limit_field(kind, string, help_text):
    # the window of these limits is sc_knowledge's sc_rate_limit_window
    return parameter_field(
        limit_param(kind), RATE_LIMITS[kind], string=string, help=help_text
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
    sc_rate_limit_appointment_query = _rate_limit_field(
        "appointment_query",
        "Booking Page Views per Client",
        "Pages of the public booking page (list of services, booking form) one IP "
        "address may open within the window; 0 means no limit.",
    )
    sc_rate_limit_appointment_booking = _rate_limit_field(
        "appointment_booking",
        "Booking Forms per Client",
        "Booking forms one IP address may send within the window, also forms "
        "refused for wrong entries; 0 means no limit.",
    )
    sc_rate_limit_appointment_manage = _rate_limit_field(
        "appointment_manage",
        "Appointment Link Uses per Client",
        "How often one IP address may open, cancel or move appointments through "
        "the link in the confirmation within the window, wrong links included; 0 "
        "means no limit.",
    )
    sc_appointment_max_online_moves = parameter_field(
        MAX_MOVES_PARAM,
        DEFAULT_MAX_MOVES,
        string="Online Moves per Appointment",
        help="How often a citizen may move one appointment through the link in the "
        "confirmation; every move sends a new confirmation. After that the service "
        "center moves it. 0 means citizens cannot move appointments online.",
    )
