# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResourceResource(models.Model):
    _inherit = "resource.resource"

    sc_booking_serial = fields.Integer(
        string="Booking Serial",
        readonly=True,
        copy=False,
        help="Technical: raised with every appointment booked on this counter, to "
        "serialise concurrent bookings of all appointment types sharing it.",
    )
