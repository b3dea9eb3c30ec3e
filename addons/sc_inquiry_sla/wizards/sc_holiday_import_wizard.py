# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sc_knowledge.tools.german_states import GERMAN_STATES
from odoo.addons.sc_knowledge.tools.public_holidays import closures

MAX_YEARS = 10


class ScHolidayImportWizard(models.TransientModel):
    _name = "sc.holiday.import.wizard"
    _description = "Load Public Holidays into Working-Time Calendars"

    subdivision = fields.Selection(
        selection=GERMAN_STATES,
        string="Federal State",
        required=True,
        default=lambda self: self.env.company.sc_federal_state,
    )
    year_from = fields.Integer(
        string="From Year", required=True, default=lambda self: fields.Date.today().year
    )
    year_to = fields.Integer(
        string="To Year",
        required=True,
        default=lambda self: fields.Date.today().year + 1,
    )
    calendar_ids = fields.Many2many(
        comodel_name="resource.calendar",
        string="Calendars",
        required=True,
        default=lambda self: self._default_calendar_ids(),
    )
    half_days = fields.Boolean(
        string="Half-day Closures on 24 and 31 December", default=True
    )
    half_day_from = fields.Float(string="Closed From", default=12.0)

    @api.model
    def _default_calendar_ids(self):
        company = self.env.company
        units = self.env["sc.org.unit"].search([])
        return (
            company.sc_resource_calendar_id
            | company.resource_calendar_id
            | units.resource_calendar_id
        )

    def action_import(self):
        self.ensure_one()
        if self.year_to < self.year_from or self.year_to - self.year_from >= MAX_YEARS:
            raise UserError(
                self.env._(
                    "Please choose a range of at most %(max)s years, the first year "
                    "not after the last one.",
                    max=MAX_YEARS,
                )
            )
        created = self._import_closures(
            closures(
                self.subdivision,
                range(self.year_from, self.year_to + 1),
                self.half_day_from if self.half_days else None,
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s closure days were added to the calendars.", count=created
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _import_closures(self, items):
        """Create the global leaves that do not exist yet; return how many.

        Calendars are company master data; the wizard itself is for managers.
        """
        Leave = self.env["resource.calendar.leaves"].sudo()
        existing = {
            (leave.calendar_id.id, leave.date_from, leave.date_to)
            for leave in Leave.search(
                [
                    ("calendar_id", "in", self.calendar_ids.ids),
                    ("resource_id", "=", False),
                ]
            )
        }
        vals_list = [
            {
                "name": name,
                "calendar_id": calendar.id,
                "date_from": start,
                "date_to": stop,
                "time_type": "leave",
            }
            for calendar in self.calendar_ids
            for name, start, stop in items
            if (calendar.id, start, stop) not in existing
        ]
        Leave.create(vals_list)
        return len(vals_list)
