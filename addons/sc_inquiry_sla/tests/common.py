# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command


def make_calendar(env, name, hours_by_weekday, tz="Europe/Berlin", leaves=()):
    """A resource.calendar with {weekday: (from, to)} and global leaves.

    ``leaves`` are (name, start, stop) in naive UTC.
    """
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": tz,
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"{name} {weekday}",
                        "dayofweek": str(weekday),
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "day_period": "morning" if hour_to <= 12 else "afternoon",
                    }
                )
                for weekday, (hour_from, hour_to) in hours_by_weekday.items()
            ],
            "global_leave_ids": [
                Command.create({"name": leave, "date_from": start, "date_to": stop})
                for leave, start, stop in leaves
            ],
        }
    )


SERVICE_HOURS = {weekday: (8.0, 18.0) for weekday in range(5)}
