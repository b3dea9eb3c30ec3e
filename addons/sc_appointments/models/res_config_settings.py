# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .sc_appointment_request import RATE_LIMIT_DEFAULTS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sc_appointment_rate_window = fields.Integer(
        string="Rate Limit Window (minutes)",
        config_parameter="sc_appointments.rate_limit_window",
        default=RATE_LIMIT_DEFAULTS["sc_appointments.rate_limit_window"],
    )
    sc_appointment_rate_queries = fields.Integer(
        string="Slot Queries per IP Address",
        config_parameter="sc_appointments.rate_limit_queries",
        default=RATE_LIMIT_DEFAULTS["sc_appointments.rate_limit_queries"],
        help="Pages of the public booking page one client may open within the "
        "window; 0 means no limit.",
    )
    sc_appointment_rate_bookings = fields.Integer(
        string="Bookings per IP Address",
        config_parameter="sc_appointments.rate_limit_bookings",
        default=RATE_LIMIT_DEFAULTS["sc_appointments.rate_limit_bookings"],
        help="Bookings one client may submit within the window; 0 means no limit.",
    )
