# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time
from zoneinfo import ZoneInfo

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError


class ScVisit(models.Model):
    _name = "sc.visit"
    _description = "Visit"
    _order = "arrival desc, id desc"
    _rec_name = "arrival"

    arrival = fields.Datetime(
        required=True, index=True, default=fields.Datetime.now, copy=False
    )
    service_start = fields.Datetime()
    service_end = fields.Datetime()
    org_unit_id = fields.Many2one(
        comodel_name="sc.org.unit",
        string="Organisational Unit",
        required=True,
        index=True,
        ondelete="restrict",
    )
    service_id = fields.Many2one(comodel_name="sc.service", string="Service")
    appointment_id = fields.Many2one(
        comodel_name="calendar.event", string="Appointment", index="btree_not_null"
    )
    partner_id = fields.Many2one(comodel_name="res.partner", string="Citizen")
    kind = fields.Selection(
        selection=[("appointment", "Appointment"), ("walk_in", "Walk-in")],
        compute="_compute_kind",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        index=True,
    )
    arrival_hour = fields.Datetime(
        compute="_compute_arrival_hour",
        store=True,
        help="Technical: the arrival truncated to the hour (UTC), for the load model.",
    )
    waiting_minutes = fields.Float(compute="_compute_minutes", store=True)
    service_minutes = fields.Float(compute="_compute_minutes", store=True)

    def init(self):
        tools.create_index(
            self.env.cr,
            "sc_visit_load_model_index",
            self._table,
            ["org_unit_id", "kind", "arrival_hour"],
        )

    @api.depends("arrival")
    def _compute_arrival_hour(self):
        for visit in self:
            visit.arrival_hour = (
                visit.arrival.replace(minute=0, second=0, microsecond=0)
                if visit.arrival
                else False
            )

    @api.depends("appointment_id")
    def _compute_kind(self):
        for visit in self:
            if visit.appointment_id:
                visit.kind = "appointment"
            elif not visit.kind:
                visit.kind = "walk_in"

    @api.depends("arrival", "service_start", "service_end")
    def _compute_minutes(self):
        for visit in self:
            visit.waiting_minutes = (
                (visit.service_start - visit.arrival).total_seconds() / 60.0
                if visit.service_start and visit.arrival
                else 0.0
            )
            visit.service_minutes = (
                (visit.service_end - visit.service_start).total_seconds() / 60.0
                if visit.service_end and visit.service_start
                else 0.0
            )

    @api.constrains("arrival", "service_start", "service_end")
    def _check_times(self):
        for visit in self:
            if visit.service_start and visit.service_start < visit.arrival:
                raise ValidationError(
                    self.env._("The service cannot start before the arrival.")
                )
            if visit.service_end and (
                not visit.service_start or visit.service_end < visit.service_start
            ):
                raise ValidationError(
                    self.env._("The service must start before it ends.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits._invalidate_history_cache()
        return visits

    def write(self, vals):
        if {"arrival", "org_unit_id", "kind"} & set(vals):
            self._invalidate_history_cache()
            result = super().write(vals)
            self._invalidate_history_cache()
            return result
        return super().write(vals)

    def unlink(self):
        self._invalidate_history_cache()
        return super().unlink()

    def _invalidate_history_cache(self):
        """Walk-in profiles are cached per day from the history before today:
        a check-in today changes nothing, an import of older visits does."""
        berlin = ZoneInfo("Europe/Berlin")
        start_of_today = (
            datetime.combine(datetime.now(berlin).date(), time.min, tzinfo=berlin)
            .astimezone(ZoneInfo("UTC"))
            .replace(tzinfo=None)
        )
        if any(visit.arrival and visit.arrival < start_of_today for visit in self):
            self.env.registry.clear_cache()

    def action_start_service(self):
        self.filtered(lambda v: not v.service_start).write(
            {"service_start": fields.Datetime.now()}
        )
        return True

    def action_end_service(self):
        now = fields.Datetime.now()
        for visit in self.filtered(lambda v: not v.service_end):
            visit.write(
                {"service_start": visit.service_start or now, "service_end": now}
            )
        return True
