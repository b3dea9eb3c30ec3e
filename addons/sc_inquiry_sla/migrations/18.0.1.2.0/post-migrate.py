# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The anonymisation runs from one job of sc_knowledge now, for inquiries,
    appointments and visits alike: the old job of this addon (kept by
    noupdate) goes."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("sc_inquiry_sla.ir_cron_anonymize", raise_if_not_found=False)
    if cron:
        cron.unlink()
