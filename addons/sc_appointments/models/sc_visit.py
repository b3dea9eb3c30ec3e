# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, sql

from odoo.addons.sc_knowledge.tools import SERVICE_TZ
from odoo.addons.sc_knowledge.tools.dates import service_datetime_formatter

AGGREGATE = "sc_visit_walk_in_hour"


class ScVisit(models.Model):
    _name = "sc.visit"
    _description = "Visit"
    _order = "arrival desc, id desc"
    _rec_name = "arrival"
    _check_company_auto = True

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
        check_company=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
    )
    service_id = fields.Many2one(
        comodel_name="sc.service", string="Service", check_company=True
    )
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
    waiting_minutes = fields.Float(compute="_compute_minutes", store=True)
    service_minutes = fields.Float(compute="_compute_minutes", store=True)

    def init(self):
        """Hourly walk-in counts per unit and local day, kept by triggers.

        The load model reads two years of history on every slot suggestion; this
        aggregate (one row per unit, Europe/Berlin date and hour) keeps that read
        at a few thousand rows whatever the number of visits. Statement-level
        triggers with transition tables maintain it for every insert, update and
        delete, whether by the ORM, a CSV import or plain SQL.
        """
        cr = self.env.cr
        created = not sql.table_exists(cr, AGGREGATE)
        cr.execute(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS %(table)s (
                    org_unit_id integer NOT NULL,
                    day date NOT NULL,
                    hour smallint NOT NULL,
                    visits integer NOT NULL,
                    PRIMARY KEY (org_unit_id, day, hour)
                )
                """,
                table=SQL.identifier(AGGREGATE),
            )
        )
        cr.execute(
            SQL(
                """
            CREATE OR REPLACE FUNCTION sc_visit_walk_in_hour_add(
                units integer[], arrivals timestamp[], sign integer
            ) RETURNS void LANGUAGE sql AS $$
                INSERT INTO sc_visit_walk_in_hour AS h (org_unit_id, day, hour, visits)
                SELECT unit, local::date, EXTRACT(HOUR FROM local), count(*) * sign
                  FROM (SELECT unit,
                               (arrival AT TIME ZONE 'UTC') AT TIME ZONE %s AS local
                          FROM unnest(units, arrivals) AS visit(unit, arrival)) v
                 GROUP BY 1, 2, 3
                    ON CONFLICT (org_unit_id, day, hour)
                    DO UPDATE SET visits = h.visits + EXCLUDED.visits
            $$
                """,
                SERVICE_TZ,
            )
        )
        cr.execute(
            """
            CREATE OR REPLACE FUNCTION sc_visit_walk_in_hour_sync() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    PERFORM sc_visit_walk_in_hour_add(
                        array_agg(org_unit_id), array_agg(arrival), -1)
                       FROM old_rows WHERE kind = 'walk_in';
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    PERFORM sc_visit_walk_in_hour_add(
                        array_agg(org_unit_id), array_agg(arrival), 1)
                       FROM new_rows WHERE kind = 'walk_in';
                END IF;
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS sc_visit_walk_in_hour_insert ON sc_visit;
            CREATE TRIGGER sc_visit_walk_in_hour_insert AFTER INSERT ON sc_visit
                REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION sc_visit_walk_in_hour_sync();
            DROP TRIGGER IF EXISTS sc_visit_walk_in_hour_update ON sc_visit;
            CREATE TRIGGER sc_visit_walk_in_hour_update AFTER UPDATE ON sc_visit
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION sc_visit_walk_in_hour_sync();
            DROP TRIGGER IF EXISTS sc_visit_walk_in_hour_delete ON sc_visit;
            CREATE TRIGGER sc_visit_walk_in_hour_delete AFTER DELETE ON sc_visit
                REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION sc_visit_walk_in_hour_sync();
            """
        )
        if created:
            cr.execute(
                "SELECT sc_visit_walk_in_hour_add("
                "array_agg(org_unit_id), array_agg(arrival), 1) "
                "FROM sc_visit WHERE kind = 'walk_in'"
            )

    @api.depends("org_unit_id")
    def _compute_company_id(self):
        for visit in self:
            visit.company_id = (
                visit.org_unit_id.company_id or visit.company_id or self.env.company
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

    def action_start_service(self):
        self.filtered(lambda v: not v.service_start).write(
            {"service_start": fields.Datetime.now()}
        )
        return True

    def action_end_service(self):
        now = fields.Datetime.now()
        open_visits = self.filtered(lambda v: not v.service_end)
        # ended without a start: served in no time
        open_visits.filtered(lambda v: not v.service_start).write(
            {"service_start": now}
        )
        open_visits.write({"service_end": now})
        return True

    # ------------------------------------------------------------------
    # Data protection (see sc.data.protection)
    # ------------------------------------------------------------------

    def _sc_retention_domain(self, companies, cutoff):
        """Visits of these companies, with a citizen, that began before
        ``cutoff``."""
        return [
            ("company_id", "in", companies.ids),
            ("partner_id", "!=", False),
            ("arrival", "<", cutoff),
        ]

    def _sc_partner_domain(self, partners):
        return [("partner_id", "in", partners.ids)]

    def _sc_citizens(self):
        return self.partner_id._sc_citizens()

    def _sc_personal_documents(self):
        return [self]

    def _sc_anonymize(self):
        """Only the link to the citizen goes: times, unit and service are the
        statistics."""
        self.sudo().write({"partner_id": False})

    def _sc_export_sections(self):
        """Art. 15: these visits as a section of the information."""
        local_time = service_datetime_formatter(self.env)
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        return [
            {
                "title": self.env._("Visits"),
                "columns": [
                    self.env._("Arrival"),
                    self.env._("Organisational Unit"),
                    self.env._("Service"),
                    self.env._("Kind"),
                ],
                "rows": [
                    [
                        local_time(visit.arrival),
                        visit.org_unit_id.name,
                        visit.service_id.name or "",
                        kinds.get(visit.kind, ""),
                    ]
                    for visit in self
                ],
            }
        ]
