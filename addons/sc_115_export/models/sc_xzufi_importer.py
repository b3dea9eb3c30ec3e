"""Writes what tools/xzufi_reader.py reads into the catalog, in batches.

Each document is imported inside a savepoint: a refusal late in the file (a
truncated document) rolls back everything written for it. Objects are matched by
XZuFi id and schemeAgencyID per company (services without an XZuFi id also by
their LeiKa key, so a catalog kept by hand is taken over, not duplicated; and
ids the company's own export generated lead back to its own records). An
object whose content fingerprint equals the one imported before, or whose
version is older, is skipped: importing the same file twice writes nothing.
Only the fields the writer exports are written; keywords, topic, internal notes
and the other local fields stay as the agents keep them.
"""

from collections import Counter, defaultdict

from odoo import Command

from odoo.addons.sc_knowledge.tools import LEIKA_KEY
from odoo.addons.sc_knowledge.tools.links import web_url

from ..tools import xzufi_reader
from ..tools.xzufi import SERVICE_FIELDS
from .sc_xzufi_export import _hours, generated_res_id

BATCH_SIZE = 500
MODEL_KINDS = {"sc.service": "leistung", "sc.org.unit": "organisationseinheit"}
IMPORT_CONTEXT = {
    "active_test": False,
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
}
DAY_NAMES = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
IDENTITY_FIELDS = [
    "sc_xzufi_id",
    "sc_xzufi_scheme",
    "sc_xzufi_digest",
    "sc_xzufi_version",
]


def _hour_float(value):
    hours, minutes = value.split(":")[:2]
    return int(hours) + int(minutes) / 60


class XZuFiImporter:
    def __init__(self, env_model, company):
        self.env = env_model.env(context=dict(env_model.env.context, **IMPORT_CONTEXT))
        self._ = env_model.env._
        self.company = company
        self.counts = Counter()
        self.lines = []
        self.services = self.env["sc.service"]
        self.units = self.env["sc.org.unit"]
        self.own_scheme = company._sc_xzufi_scheme()
        self._default_slots = None
        self._reset_document("")

    def _reset_document(self, name):
        self.document = name
        self.doc_counts = Counter()
        self.doc_lines = []
        self.unit_hints = {}
        self.pending_parents = []
        self.seen_leika = {}

    # -- report --------------------------------------------------------------
    def _line(self, kind, xzufi_id, action, message=""):
        self.doc_lines.append(
            {
                "document": self.document,
                "kind": kind,
                "xzufi_id": xzufi_id,
                "action": action,
                "message": message,
            }
        )

    def _count(self, action, kind, xzufi_id, message="", line=True):
        self.doc_counts[action] += 1
        if line:
            self._line(kind, xzufi_id, action, message)

    def refuse(self, name, message):
        """Report a refused document (nothing of it was written)."""
        self._reset_document(name)
        self.counts["refused"] += 1
        self.lines.append(
            {
                "document": name,
                "kind": "document",
                "xzufi_id": "",
                "action": "refused",
                "message": message,
            }
        )

    # -- documents -------------------------------------------------------------
    def import_document(self, name, stream):
        """Import one document; raises XZuFiReadError (nothing written) when it is
        refused."""
        self._reset_document(name)
        with self.env.cr.savepoint():
            batch = []
            for obj in xzufi_reader.read_document(stream):
                if obj["kind"] == "nachrichtenkopf":
                    continue
                if batch and (
                    batch[0]["kind"] != obj["kind"] or len(batch) >= BATCH_SIZE
                ):
                    self._flush(batch)
                    batch = []
                batch.append(obj)
            self._flush(batch)
            self._resolve_parents()
        self.counts.update(self.doc_counts)
        self.lines += self.doc_lines

    def _flush(self, batch):
        if not batch:
            return
        # The same object twice in one batch: the later block wins.
        batch = list(
            {(obj["kind"], obj.get("target"), _key(obj)): obj for obj in batch}.values()
        )
        handler = {
            "leistung": self._import_services,
            "organisationseinheit": self._import_units,
            "onlinedienst": self._import_online_services,
            "loesche": self._import_deletions,
        }[batch[0]["kind"]]
        handler(batch)
        self.env.flush_all()
        # Bounded memory: the batch's records (texts, raw XML) leave the cache.
        self.env.invalidate_all()

    def _existing(self, model, keys):
        """{(scheme, id): record} of the company's records with those XZuFi ids."""
        keys = set(keys)
        if not keys:
            return {}
        # Only the identity: the records' texts and raw XML stay in the database.
        records = model.search_fetch(
            [
                ("company_id", "=", self.company.id),
                ("sc_xzufi_id", "in", list({obj_id for _scheme, obj_id in keys})),
            ],
            IDENTITY_FIELDS,
        )
        found = {
            (record.sc_xzufi_scheme or "", record.sc_xzufi_id): record
            for record in records
            if (record.sc_xzufi_scheme or "", record.sc_xzufi_id) in keys
        }
        return found | self._own_records(model, keys - found.keys())

    def _own_records(self, model, keys):
        """The company's own records behind ids its export generated: a
        re-import of the own catalog finds them instead of making copies."""
        kind = MODEL_KINDS[model._name]
        res_ids = {
            key: generated_res_id(kind, key[1])
            for key in keys
            if self.own_scheme and key[0] == self.own_scheme
        }
        res_ids = {key: res_id for key, res_id in res_ids.items() if res_id}
        if not res_ids:
            return {}
        records = model.search_fetch(
            [
                ("id", "in", list(res_ids.values())),
                ("company_id", "in", [self.company.id, False]),
                ("sc_xzufi_id", "=", False),
            ],
            IDENTITY_FIELDS,
        )
        own = set(records.ids)
        return {
            key: records.browse(res_id)
            for key, res_id in res_ids.items()
            if res_id in own
        }

    def _unchanged(self, record, obj):
        """'same' or 'older' when obj must not be written over record."""
        if record.sc_xzufi_digest == obj["digest"]:
            return "same"
        if (
            record.sc_xzufi_version
            and obj["modified"]
            and obj["modified"] < record.sc_xzufi_version
        ):
            return "older"
        return None

    def _skip(self, kind, obj, why):
        if why == "same":
            self._count("skipped", kind, obj["id"], line=False)
        else:
            self._count(
                "skipped",
                kind,
                obj["id"],
                self._("An older version than the one imported before."),
            )

    @staticmethod
    def _identity_vals(obj):
        return {
            "sc_xzufi_id": obj["id"],
            "sc_xzufi_scheme": obj["scheme"],
            "sc_xzufi_version": obj["modified"],
            "sc_xzufi_digest": obj["digest"],
            "sc_xzufi_raw": obj["raw"],
            # Sent again after a loesche: the source publishes it again.
            "active": True,
        }

    # -- leistung ----------------------------------------------------------------
    def _import_services(self, batch):
        existing = self._existing(self.services, map(_key, batch))
        leika_keys = [obj["leika_key"] for obj in batch if obj.get("leika_key")]
        by_leika = {
            service.leika_key: service
            for service in self.services.search_fetch(
                [
                    ("company_id", "=", self.company.id),
                    ("leika_key", "in", leika_keys),
                ],
                ["leika_key", "sc_xzufi_id"],
            )
        }
        to_create = []
        for obj in batch:
            record = existing.get(_key(obj))
            if record and (why := self._unchanged(record, obj)):
                # Unchanged: not even read beyond its identity and fingerprint.
                self.seen_leika.setdefault(obj["leika_key"], _key(obj))
                self._skip("leistung", obj, why)
                continue
            obj = xzufi_reader.complete(obj)
            if problem := self._service_problem(obj):
                self._count("skipped", "leistung", obj["id"], problem)
                continue
            holder = by_leika.get(obj["leika_key"])
            if not record and holder and not holder.sc_xzufi_id:
                record = holder  # taken over from the catalog kept by hand
            elif (holder and holder != record) or (
                self.seen_leika.get(obj["leika_key"], _key(obj)) != _key(obj)
            ):
                self._count(
                    "skipped",
                    "leistung",
                    obj["id"],
                    self._(
                        "Another service already has the LeiKa key %(key)s.",
                        key=obj["leika_key"],
                    ),
                )
                continue
            self.seen_leika[obj["leika_key"]] = _key(obj)
            if obj.get("unit_name"):
                self.unit_hints[_key(obj)] = obj["unit_name"]
            vals = self._service_vals(obj)
            if record:
                record.write(vals)
                self._count("updated", "leistung", obj["id"], self._unknown_note(obj))
            else:
                to_create.append((obj, vals))
        self.services.create(
            [
                {**vals, "state": "published", "company_id": self.company.id}
                for _obj, vals in to_create
            ]
        )
        for obj, _vals in to_create:
            self._count("created", "leistung", obj["id"], self._unknown_note(obj))

    def _service_problem(self, obj):
        if not obj["id"]:
            return self._("The service has no id.")
        if not obj.get("name"):
            return self._("The service has no name (text module 02).")
        if not LEIKA_KEY.match(obj.get("leika_key") or ""):
            return self._("The service has no valid LeiKa key.")
        return ""

    def _unknown_note(self, obj):
        if not obj.get("unknown"):
            return ""
        return self._(
            "Text modules without a field (%(codes)s) are kept with the imported "
            "XZuFi data.",
            codes=", ".join(sorted(set(obj["unknown"]))),
        )

    def _service_vals(self, obj):
        vals = {field: obj.get(key) or False for key, field in SERVICE_FIELDS.items()}
        vals["fee_amount_from"] = obj.get("fee_from") or 0.0
        vals["fee_amount_to"] = obj.get("fee_to") or 0.0
        vals["document_ids"] = [Command.clear()] + [
            Command.create(
                {
                    "sequence": sequence,
                    "name": document["name"],
                    "kind": document["kind"],
                    "mandatory": document["mandatory"],
                    "note": document["note"] or False,
                }
            )
            for sequence, document in enumerate(obj.get("documents") or (), 1)
        ]
        vals.update(self._identity_vals(obj))
        return vals

    # -- organisationseinheit ------------------------------------------------------
    def _import_units(self, batch):
        existing = self._existing(self.units, map(_key, batch))
        changed = []
        for obj in batch:
            record = existing.get(_key(obj))
            if record and (why := self._unchanged(record, obj)):
                self._skip("organisationseinheit", obj, why)
            else:
                changed.append(xzufi_reader.complete(obj))
        services = self._existing(
            self.services,
            {(obj["scheme"], sid) for obj in changed for sid in obj["service_ids"]},
        )
        written = []
        new = []
        for obj in changed:
            if not (obj["id"] and obj.get("name")):
                self._count(
                    "skipped",
                    "organisationseinheit",
                    obj["id"],
                    self._("The unit has no id or no name."),
                )
                continue
            record = existing.get(_key(obj))
            vals = self._unit_vals(obj, record)
            if record:
                if record.partner_id:
                    record.partner_id.write(self._partner_vals(obj))
                else:
                    partner = self.env["res.partner"].create(self._partner_vals(obj))
                    vals["partner_id"] = partner.id
                record.write(vals)
                self._count("updated", "organisationseinheit", obj["id"])
                written.append((record, obj))
            else:
                new.append((obj, vals))
        partners = self.env["res.partner"].create(
            [self._partner_vals(obj) for obj, _vals in new]
        )
        created = self.units.create(
            [
                {**vals, "partner_id": partner.id, "company_id": self.company.id}
                for (_obj, vals), partner in zip(new, partners, strict=True)
            ]
        )
        for (obj, _vals), record in zip(new, created, strict=True):
            self._count("created", "organisationseinheit", obj["id"])
            written.append((record, obj))
        for record, obj in written:
            if obj.get("parent_id"):
                self.pending_parents.append((record, (obj["scheme"], obj["parent_id"])))
            self._set_competences(record, obj, services)

    def _unit_vals(self, obj, record):
        return {
            "name": obj["name"],
            "short_name": obj.get("short_name") or False,
            "visiting_hours": obj.get("visiting_hours") or False,
            "sc_region_key": obj.get("region_key") or False,
            "resource_calendar_id": self._calendar(obj, record),
            "parent_id": False,
            **self._identity_vals(obj),
        }

    def _partner_vals(self, obj):
        vals = {
            key: obj.get(key) or False
            for key in ("street", "street2", "zip", "city", "phone", "email")
        }
        vals["website"] = web_url(obj.get("website")) or False
        vals.update(name=obj["name"], is_company=True, company_id=self.company.id)
        return vals

    def _set_competences(self, unit, obj, services):
        """The unit's responsibilities (zustaendigkeit) become those of the
        document, for services with an XZuFi id; links to local services stay."""
        resolved = self.services.browse()
        for service_id in obj["service_ids"]:
            service = services.get((obj["scheme"], service_id))
            if service is None:
                self._line(
                    "organisationseinheit",
                    obj["id"],
                    "note",
                    self._(
                        "Responsibility for the unknown service %(service)s skipped.",
                        service=service_id,
                    ),
                )
            else:
                resolved |= service
        current = unit.service_ids
        target = current.filtered(lambda s: not s.sc_xzufi_id) | resolved
        removed = current - target
        removed.filtered(lambda s: s.main_org_unit_id == unit).write(
            {"main_org_unit_id": False}
        )
        if target != current:
            unit.write({"service_ids": [Command.set(target.ids)]})
        # Module 22 names the responsible unit; without it the first unit leads.
        main = resolved.filtered(
            lambda s: (
                not s.main_org_unit_id
                or self.unit_hints.get((s.sc_xzufi_scheme or "", s.sc_xzufi_id))
                == obj["name"]
            )
        )
        main.filtered(lambda s: s.main_org_unit_id != unit).write(
            {"main_org_unit_id": unit.id}
        )

    def _resolve_parents(self):
        if not self.pending_parents:
            return
        parents = self._existing(self.units, [key for _r, key in self.pending_parents])
        for record, key in self.pending_parents:
            if parent := parents.get(key):
                record.parent_id = parent
            else:
                self._line(
                    "organisationseinheit",
                    record.sc_xzufi_id,
                    "note",
                    self._("The parent unit %(unit)s is unknown.", unit=key[1]),
                )

    def _calendar_slots(self, calendar):
        return sorted(
            {
                (
                    int(attendance.dayofweek) + 1,
                    _hours(attendance.hour_from),
                    _hours(attendance.hour_to),
                )
                for attendance in calendar.attendance_ids
                if not attendance.display_type and not attendance.resource_id
            }
        )

    def _calendar(self, obj, record):
        """The unit's opening hours as its service hours calendar: none when they
        are the service center's (the export's fallback), the unit's own when
        unchanged, else a new calendar."""
        slots = sorted(set(obj["opening_hours"]))
        if not slots:
            return False
        if self._default_slots is None:
            self._default_slots = self._calendar_slots(self.company._sc_calendars()[:1])
        if slots == self._default_slots:
            return False
        if record and record.resource_calendar_id:
            if self._calendar_slots(record.resource_calendar_id) == slots:
                return record.resource_calendar_id.id
        return (
            self.env["resource.calendar"]
            .create(
                {
                    "name": obj["name"],
                    "company_id": self.company.id,
                    "attendance_ids": [
                        Command.create(
                            {
                                "name": DAY_NAMES[weekday - 1],
                                "dayofweek": str(weekday - 1),
                                "hour_from": _hour_float(start),
                                "hour_to": _hour_float(end),
                                "day_period": "morning"
                                if _hour_float(start) < 12
                                else "afternoon",
                            }
                        )
                        for weekday, start, end in slots
                    ],
                }
            )
            .id
        )

    # -- onlinedienst ---------------------------------------------------------------
    def _import_online_services(self, batch):
        services = self._existing(
            self.services, {(obj["scheme"], obj["service_id"]) for obj in batch}
        )
        for obj in batch:
            service = services.get((obj["scheme"], obj["service_id"]))
            url = web_url(obj.get("url"))
            if service is None or not url:
                self._count(
                    "skipped",
                    "onlinedienst",
                    obj["id"],
                    self._(
                        "The online service names no known service or no web address."
                    ),
                )
                continue
            if (
                service.online_service_url == url
                and service.sc_xzufi_online_id == obj["id"]
            ):
                self._count("skipped", "onlinedienst", obj["id"], line=False)
                continue
            action = "updated" if service.sc_xzufi_online_id else "created"
            service.write({"online_service_url": url, "sc_xzufi_online_id": obj["id"]})
            self._count(action, "onlinedienst", obj["id"])

    # -- loesche ----------------------------------------------------------------------
    def _import_deletions(self, batch):
        by_target = defaultdict(list)
        for obj in batch:
            by_target[obj["target"]].append(obj)
        for target, objs in by_target.items():
            if target == "onlinedienst":
                self._delete_online_services(objs)
                continue
            model = self.services if target == "leistung" else self.units
            existing = self._existing(model, map(_key, objs))
            for obj in objs:
                record = existing.get(_key(obj))
                if record is None or not record.active:
                    self._count(
                        "skipped",
                        target,
                        obj["id"],
                        self._("Withdrawn, but not in the catalog (or archived)."),
                    )
                    continue
                # Forget the fingerprint: the same object sent again later
                # restores the record instead of being skipped as unchanged.
                record.write({"active": False, "sc_xzufi_digest": False})
                self._count(
                    "archived",
                    target,
                    obj["id"],
                    self._("Withdrawn by the source: archived, not deleted."),
                )

    def _delete_online_services(self, objs):
        services = self.services.search(
            [
                ("company_id", "=", self.company.id),
                ("sc_xzufi_online_id", "in", [obj["id"] for obj in objs]),
            ]
        )
        by_id = {service.sc_xzufi_online_id: service for service in services}
        for obj in objs:
            service = by_id.get(obj["id"])
            if service is None or not service.online_service_url:
                self._count("skipped", "onlinedienst", obj["id"], line=False)
                continue
            service.write({"online_service_url": False})
            self._count(
                "archived",
                "onlinedienst",
                obj["id"],
                self._("Withdrawn by the source: the link was removed."),
            )


def _key(obj):
    return (obj.get("scheme") or "", obj.get("id") or "")
