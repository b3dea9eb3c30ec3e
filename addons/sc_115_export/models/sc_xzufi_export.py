import logging
import tempfile
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, split_every

from odoo.addons.sc_knowledge.tools.links import web_url

from ..tools import publishability
from ..tools.xzufi import SERVICE_FIELDS, XZuFiWriter
from .sc_xzufi_delivered import KINDS

_logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# A delta also repeats what changed shortly before the previous export: a
# transaction that started before it may have committed after it read the data.
# Sending an object twice is harmless (schreibe replaces it), losing one is not.
CHANGE_OVERLAP = timedelta(minutes=5)
# First key of the advisory lock serialising exports per company ("XZuF").
LOCK_KEY = 0x585A7546
SERVICE_CHECK_FIELDS = [
    "state",
    "leika_key",
    "description",
    "main_org_unit_id",
    "next_review_date",
]
SERVICE_EXPORT_FIELDS = [
    *SERVICE_FIELDS.values(),
    "online_service_url",
    "main_org_unit_id",
    "write_date",
]
KIND_LETTERS = {"leistung": "L", "organisationseinheit": "O", "onlinedienst": "D"}


def generated_xzufi_id(kind, res_id):
    """The XZuFi id the suite gives a record it did not import: the kind's
    letter and the database id."""
    return f"{KIND_LETTERS[kind]}{res_id}"


def generated_res_id(kind, xzufi_id):
    """The database id behind an id of generated_xzufi_id's form, else None."""
    letter = KIND_LETTERS[kind]
    number = xzufi_id[len(letter) :]
    return int(number) if xzufi_id.startswith(letter) and number.isdigit() else None


PARTNER_FIELDS = ["street", "street2", "zip", "city", "phone", "email", "website"]


def _hours(value):
    minutes = round(value * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class ScXzufiExport(models.Model):
    _name = "sc.xzufi.export"
    _description = "XZuFi Export"
    _order = "export_date desc, id desc"
    _rec_name = "file_name"

    export_date = fields.Datetime(
        string="Exported on", required=True, readonly=True, index=True
    )
    kind = fields.Selection(
        selection=[("full", "Full export"), ("delta", "Changes only")],
        required=True,
        readonly=True,
    )
    trigger = fields.Selection(
        selection=[("manual", "Manual"), ("cron", "Scheduled")],
        required=True,
        readonly=True,
        default="manual",
    )
    changed_since = fields.Datetime(
        readonly=True, help="Only objects changed after this moment are contained."
    )
    file_name = fields.Char(readonly=True, index=True)
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="File", readonly=True, ondelete="set null"
    )
    service_count = fields.Integer(string="Services", readonly=True)
    org_unit_count = fields.Integer(string="Organisational Units", readonly=True)
    online_service_count = fields.Integer(string="Online Services", readonly=True)
    skipped_count = fields.Integer(string="Skipped Services", readonly=True)
    deleted_count = fields.Integer(
        string="Withdrawn",
        readonly=True,
        help="Objects withdrawn from the Portalverbund (loesche): delivered earlier "
        "and no longer exported, because they were unpublished, archived or deleted.",
    )
    skip_ids = fields.One2many(
        comodel_name="sc.xzufi.export.skip",
        inverse_name="export_id",
        string="Skipped",
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Exported by", readonly=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, readonly=True, index=True
    )

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }

    # -- running an export ---------------------------------------------------
    @api.model
    def _sc_last_export(self, company):
        return self.search([("company_id", "=", company.id)], limit=1)

    @api.model
    def _sc_export(self, kind="full", trigger="manual", company=None):
        """Export the catalog of company; returns the log record.

        kind "delta" contains only services and units changed since the last
        export (falls back to a full export when there is none). A delta without
        any change is not stored and returns an empty recordset.
        """
        self.check_access("create")
        company = company or self.env.company
        options = company._sc_xzufi_options()
        # One export per company at a time: the register of delivered objects
        # must follow the files in the order the collector reads them.
        self.env.cr.execute(
            SQL("SELECT pg_advisory_xact_lock(%s, %s)", LOCK_KEY, company.id)
        )
        last = self._sc_last_export(company)
        if kind == "delta" and not last:
            kind = "full"
        since = last.export_date if kind == "delta" else None
        export_date = self.env.cr.now()
        data = _Collector(
            self.sudo().with_company(company),
            company,
            since and since - CHANGE_OVERLAP,
            options["scheme_agency_id"],
        )
        raw, counts = _write_document(data, options)
        if kind == "delta" and not any(counts.values()):
            return self.browse()
        export = self.create(
            {
                "export_date": export_date,
                "kind": kind,
                "trigger": trigger,
                "changed_since": since,
                "service_count": counts["leistung"],
                "org_unit_count": counts["organisationseinheit"],
                "online_service_count": counts["onlinedienst"],
                "deleted_count": counts["loesche"],
                "skipped_count": len({service_id for service_id, _r in data.skipped}),
                "user_id": self.env.uid,
                "company_id": company.id,
                "skip_ids": [
                    fields.Command.create({"service_id": service_id, "reason": reason})
                    for service_id, reason in data.skipped
                ],
            }
        )
        export._sc_attach(raw)
        self.env["sc.xzufi.delivered"].sudo()._sc_record(
            export, data.written, data.withdrawn, full=kind == "full"
        )
        _logger.info(
            "XZuFi %s export %s: %s services, %s units, %s skipped",
            kind,
            export.file_name,
            export.service_count,
            export.org_unit_count,
            export.skipped_count,
        )
        return export

    def _sc_attach(self, raw):
        """Store the export's file as its attachment."""
        self.ensure_one()
        file_name = f"xzufi_{self.kind}_{self.export_date:%Y%m%dT%H%M%S}_{self.id}.xml"
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": file_name,
                    "raw": raw,
                    "mimetype": "application/xml",
                    "res_model": self._name,
                    "res_id": self.id,
                    "company_id": self.company_id.id,
                }
            )
        )
        self.sudo().write({"file_name": file_name, "attachment_id": attachment.id})

    @api.model
    def _cron_export(self):
        """Scheduled delta export of every company that delivers to XZuFi, i.e.
        has its regional key set."""
        companies = self.env["res.company"].search(
            [("sc_xzufi_region_key", "!=", False)]
        )
        for company in companies:
            self.with_company(company)._sc_export("delta", "cron", company)

    @api.model
    def _sc_current_exports(self, company):
        """The files a collector needs: the latest full export and later deltas."""
        full = self.search(
            [("company_id", "=", company.id), ("kind", "=", "full")], limit=1
        )
        if not full:
            return self.browse()
        return self.search(
            [
                ("company_id", "=", company.id),
                ("attachment_id", "!=", False),
                "|",
                ("export_date", ">", full.export_date),
                "&",
                ("export_date", "=", full.export_date),
                ("id", ">=", full.id),
            ],
            order="export_date, id",
        )


def _write_document(data, options):
    """The XZuFi document fed by ``data`` (a _Collector) as bytes, and the
    writer's counts of written objects."""
    with tempfile.TemporaryFile() as stream:
        with XZuFiWriter(stream, **options) as writer:
            data.feed(writer)
        stream.seek(0)
        return stream.read(), writer.counts


class _Collector:
    """Reads the catalog set-based and in batches and feeds an XZuFiWriter."""

    def __init__(self, export_model, company, since, scheme=None):
        self.env = export_model.env
        self.company = company
        self.since = since
        self.today = fields.Date.context_today(export_model)
        self.skipped = []
        self.publishable = set()
        self.written = {kind: {} for kind in KINDS}
        self.withdrawn = {kind: set() for kind in KINDS}
        self._units = None
        self._services = self.env["sc.service"].with_context(
            active_test=True, prefetch_fields=False
        )
        self._check_all()
        self.xzufi_ids = self._xzufi_ids(scheme)

    def _xzufi_ids(self, scheme):
        """Ids an import gave records of the company under this schemeAgencyID:
        the export sends them again under those ids ({kind: {res id: id}})."""
        ids = {kind: {} for kind in KINDS}
        domain = [*self._company_domain(), ("sc_xzufi_id", "!=", False)]
        for model, kind in (
            ("sc.service", "leistung"),
            ("sc.org.unit", "organisationseinheit"),
        ):
            fields_ = ["sc_xzufi_id", "sc_xzufi_scheme"]
            if kind == "leistung":
                fields_.append("sc_xzufi_online_id")
            rows = (
                self.env[model]
                .with_context(active_test=False)
                .search_read(domain, fields_)
            )
            for row in rows:
                if row["sc_xzufi_scheme"] == scheme:
                    ids[kind][row["id"]] = row["sc_xzufi_id"]
                    if row.get("sc_xzufi_online_id"):
                        ids["onlinedienst"][row["id"]] = row["sc_xzufi_online_id"]
        return ids

    def xzufi_id(self, kind, res_id):
        """The XZuFi id of a record: imported, else the database id with the
        kind's letter (L, O, D)."""
        return self.xzufi_ids[kind].get(res_id) or generated_xzufi_id(kind, res_id)

    def _company_domain(self):
        return [("company_id", "in", [self.company.id, False])]

    def _check_all(self):
        ids = self._services.search(self._company_domain(), order="id").ids
        # The responsible unit must go out too: active and of this company.
        unit_ids = set(
            self.env["sc.org.unit"]
            .with_context(active_test=True)
            .search(self._company_domain())
            .ids
        )
        for batch in split_every(BATCH_SIZE, ids):
            services = self._services.browse(batch)
            for row in services.read(SERVICE_CHECK_FIELDS, load=None):
                row["has_responsible_unit"] = row["main_org_unit_id"] in unit_ids
                reasons = publishability.skip_reasons(row, self.today)
                if reasons:
                    self.skipped += [(row["id"], reason) for reason in reasons]
                else:
                    self.publishable.add(row["id"])
            self.env.invalidate_all()

    def _changed_unit_ids(self, units):
        if not self.since:
            return set(units)
        return {
            unit_id for unit_id, unit in units.items() if unit["modified"] > self.since
        }

    def _changed_service_ids(self, changed_units):
        """Services changed themselves (or their documents) or whose responsible
        unit changed: modules 22 and 23 carry that unit's address and contact."""
        domain = self._company_domain()
        if self.since:
            domain += [
                "|",
                "|",
                ("write_date", ">", self.since),
                ("document_ids.write_date", ">", self.since),
                ("main_org_unit_id", "in", list(changed_units)),
            ]
        return set(self._services.search(domain).ids)

    def feed(self, writer):
        units = self._load_units()
        online_ids = self._online_service_ids()
        delivered, resend = self.env["sc.xzufi.delivered"]._sc_delivered(self.company)
        going_out = {
            "leistung": self.publishable,
            "onlinedienst": online_ids,
            "organisationseinheit": set(units),
        }
        for kind in KINDS:
            for res_id, xzufi_id in sorted(delivered[kind].items()):
                if res_id not in going_out[kind]:
                    writer.write_delete(kind, xzufi_id)
                    self.withdrawn[kind].add(res_id)
        changed_units = self._changed_unit_ids(units)
        changed = self._changed_service_ids(changed_units)
        if self.since:
            # Publishable but not at the Portalverbund (yet, or anymore): send too.
            changed |= self.publishable - set(delivered["leistung"])
            changed |= online_ids - set(delivered["onlinedienst"])
            changed_units |= set(units) - set(delivered["organisationseinheit"])
            changed_units |= resend["organisationseinheit"]
        to_write = sorted(changed & self.publishable)
        online = []
        for batch in split_every(BATCH_SIZE, to_write):
            for service in self._read_services(batch, units):
                writer.write_service(service)
                self.written["leistung"][service["db_id"]] = service["id"]
                if service["online_service_url"]:
                    online.append(
                        {
                            "id": self.xzufi_id("onlinedienst", service["db_id"]),
                            "db_id": service["db_id"],
                            "name": service["name"],
                            "url": service["online_service_url"],
                            "service_id": service["id"],
                            "modified": service["modified"],
                        }
                    )
            self.env.invalidate_all()
        competences = self._competences()
        # Units of changed or withdrawn services: their competences changed.
        touched = changed | self.withdrawn["leistung"]
        for unit_id in self._unit_ids_to_write(touched, changed_units, units):
            unit = dict(units[unit_id])
            unit["service_ids"] = [
                self.xzufi_id("leistung", sid) for sid in competences.get(unit_id, ())
            ]
            writer.write_org_unit(unit)
            self.written["organisationseinheit"][unit_id] = unit["id"]
        for online_service in online:
            writer.write_online_service(online_service)
            self.written["onlinedienst"][online_service["db_id"]] = online_service["id"]

    def _online_service_ids(self):
        """Publishable services with an online service (onlinedienst): only a
        web address is one, whatever else an old record may hold."""
        rows = self._services.search_read(
            [("id", "in", list(self.publishable)), ("online_service_url", "!=", False)],
            ["online_service_url"],
        )
        return {row["id"] for row in rows if web_url(row["online_service_url"])}

    def _read_services(self, ids, units):
        documents = defaultdict(list)
        for row in self.env["sc.service.document"].search_read(
            [("service_id", "in", ids)],
            ["service_id", "name", "kind", "mandatory", "note"],
            order="service_id, sequence, id",
            load=None,
        ):
            documents[row["service_id"]].append(row)
        for row in self._services.browse(ids).read(SERVICE_EXPORT_FIELDS, load=None):
            unit_id = row["main_org_unit_id"]
            yield {
                "id": self.xzufi_id("leistung", row["id"]),
                "db_id": row["id"],
                **{key: row[field] for key, field in SERVICE_FIELDS.items()},
                "documents": documents[row["id"]],
                # Publishable implies an exported responsible unit (_check_all).
                "responsible_unit": units[unit_id],
                "online_service_url": web_url(row["online_service_url"]),
                "modified": row["write_date"],
            }

    def _load_units(self):
        """All active units of the company as writer dicts, keyed by database id.

        A unit counts as modified when it, its address (partner) or its opening
        hours (calendar) changed: the writer sends all three with the unit.
        """
        rows = (
            self.env["sc.org.unit"]
            .with_context(active_test=True)
            .search_read(
                self._company_domain(),
                [
                    "name",
                    "short_name",
                    "parent_id",
                    "partner_id",
                    "resource_calendar_id",
                    "visiting_hours",
                    "sc_region_key",
                    "write_date",
                ],
                load=None,
            )
        )
        partners = self._unit_partners(rows)
        calendar_of, hours, calendar_dates = self._unit_calendars(rows)
        units = {}
        for row in rows:
            partner = partners.get(row["partner_id"], {})
            calendar_id = calendar_of[row["id"]]
            units[row["id"]] = {
                "id": self.xzufi_id("organisationseinheit", row["id"]),
                "name": row["name"],
                "short_name": row["short_name"],
                "parent_id": row["parent_id"]
                and self.xzufi_id("organisationseinheit", row["parent_id"]),
                **{key: partner.get(key) for key in PARTNER_FIELDS},
                "opening_hours": hours.get(calendar_id, []),
                "visiting_hours": row["visiting_hours"],
                "region_key": row["sc_region_key"],
                "modified": max(
                    filter(
                        None,
                        (
                            row["write_date"],
                            partner.get("write_date"),
                            calendar_dates.get(calendar_id),
                        ),
                    )
                ),
            }
        return units

    def _unit_partners(self, rows):
        """Address and contact of the units' partners, keyed by partner id."""
        return {
            row["id"]: row
            for row in self.env["res.partner"]
            .with_context(active_test=False)
            .search_read(
                [
                    (
                        "id",
                        "in",
                        [row["partner_id"] for row in rows if row["partner_id"]],
                    )
                ],
                [*PARTNER_FIELDS, "write_date"],
            )
        }

    def _unit_calendars(self, rows):
        """Working-time calendar per unit (the company's when it has none), the
        opening hours and the last change of each of those calendars."""
        fallback = self.company._sc_calendars()[:1]
        calendar_of = {
            row["id"]: row["resource_calendar_id"] or fallback.id for row in rows
        }
        calendar_ids = list(set(calendar_of.values()) - {False})
        calendar_dates = {
            row["id"]: row["write_date"]
            for row in self.env["resource.calendar"].search_read(
                [("id", "in", calendar_ids)], ["write_date"]
            )
        }
        return calendar_of, self._opening_hours(calendar_ids), calendar_dates

    def _opening_hours(self, calendar_ids):
        hours = defaultdict(set)
        for row in self.env["resource.calendar.attendance"].search_read(
            [
                ("calendar_id", "in", calendar_ids),
                ("display_type", "=", False),
                ("resource_id", "=", False),
            ],
            ["calendar_id", "dayofweek", "hour_from", "hour_to"],
        ):
            hours[row["calendar_id"][0]].add(
                (
                    int(row["dayofweek"]) + 1,
                    _hours(row["hour_from"]),
                    _hours(row["hour_to"]),
                )
            )
        return {calendar_id: sorted(slots) for calendar_id, slots in hours.items()}

    def _competences(self):
        """Publishable services per unit: {unit id: [service ids]}."""
        return {
            unit.id: sorted(service_ids)
            for unit, service_ids in self._services._read_group(
                [("id", "in", list(self.publishable))],
                ["org_unit_ids"],
                ["id:array_agg"],
            )
            if unit
        }

    def _unit_ids_to_write(self, changed_services, changed_units, units):
        if not self.since:
            return sorted(units)
        changed = set(changed_units)
        if changed_services:
            changed |= set(
                self.env["sc.org.unit"]
                .with_context(active_test=False)
                .search([("service_ids", "in", list(changed_services))])
                .ids
            )
        return sorted(changed & set(units))
