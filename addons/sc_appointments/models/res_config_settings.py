# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools.public_form import DEFAULT_MAX_MOVES, MAX_MOVES_PARAM, RATE_LIMITS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # the window of these limits is sc_knowledge's sc_rate_limit_window
    sc_rate_limit_appointment_query = fields.Integer(
        string="Booking Page Views per Client",
        config_parameter="sc_knowledge.rate_limit_appointment_query",
        default=RATE_LIMITS["appointment_query"],
        help="Pages of the public booking page (list of services, booking form) "
        "one IP address may open within the window; 0 means no limit.",
    )
    sc_rate_limit_appointment_booking = fields.Integer(
        string="Booking Forms per Client",
        config_parameter="sc_knowledge.rate_limit_appointment_booking",
        default=RATE_LIMITS["appointment_booking"],
        help="Booking forms one IP address may send within the window, also "
        "forms refused for wrong entries; 0 means no limit.",
    )
    sc_rate_limit_appointment_manage = fields.Integer(
        string="Appointment Link Uses per Client",
        config_parameter="sc_knowledge.rate_limit_appointment_manage",
        default=RATE_LIMITS["appointment_manage"],
        help="How often one IP address may open, cancel or move appointments "
        "through the link in the confirmation within the window, wrong links "
        "included; 0 means no limit.",
    )
    sc_appointment_max_online_moves = fields.Integer(
        string="Online Moves per Appointment",
        config_parameter=MAX_MOVES_PARAM,
        default=DEFAULT_MAX_MOVES,
        help="How often a citizen may move one appointment through the link in "
        "the confirmation; every move sends a new confirmation. After that the "
        "service center moves it. 0 means citizens cannot move appointments "
        "online.",
    )
