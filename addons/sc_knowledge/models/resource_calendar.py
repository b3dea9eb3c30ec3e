# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import models

from odoo.addons.resource.models.utils import Intervals

from ..tools import SERVICE_TZ


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _sc_work_intervals_batch(self, start_dt, end_dt, resources=None, company=None):
        """Working time as the service center counts it: Odoo's work intervals
        with the calendar's leaves (local closures such as bridge days), less the
        public holidays of the company's federal state, whether or not anybody
        entered them as leaves. Deadlines, service hours and appointment slots
        all read working time here."""
        self.ensure_one()
        company = company or self.company_id or self.env.company
        closed = self._sc_holiday_intervals(start_dt, end_dt, company)
        intervals = self._work_intervals_batch(start_dt, end_dt, resources=resources)
        return {key: value - closed for key, value in intervals.items()}

    def _sc_holiday_intervals(self, start_dt, end_dt, company):
        zone = pytz.timezone(self.tz or SERVICE_TZ)
        last_year = (end_dt + timedelta(days=1)).year  # 31 Dec UTC may be 1 Jan here
        holidays = company._sc_public_holidays(start_dt.year, last_year)
        days = []
        for day in sorted(holidays):
            begin = zone.localize(datetime.combine(day, time()))
            end = zone.localize(datetime.combine(day + timedelta(days=1), time()))
            days.append((begin, end, self.env["resource.calendar.leaves"]))
        return Intervals(days)
