"""XZuFi full export: streaming set-based writer against a naive in-memory build.

5,000 published services (two documents each), 500 org units with addresses and
20,000 Zuständigkeiten (each service belongs to four units). Both variants run
in a fresh child process each, on the same data in one run, and report wall
time and the peak RSS of that process (its own VmHWM), beside the RSS the process
had with the registry loaded and before exporting:

* streaming: ``sc.xzufi.export._sc_export("full")`` (batched reads, lxml
  ``xmlfile`` incremental writing, stored as attachment);
* change export (extra figure, not compared): after a full export, 50 services
  and 5 units are deleted; the change export withdraws them (and the services
  of the deleted units) through the register of delivered objects;
* naive baseline: an ORM record loop (``service.document_ids``,
  ``unit.service_ids`` ...) appending every element to one lxml tree in memory,
  serialized at the end with ``etree.tostring``.

Run: ``python3 -m bench bench_115_export`` (database and data take 3-7 minutes on
a busy 2-core machine); ``python3 -m bench.bench_115_export --reuse`` measures
again on the database of an earlier run.
"""

import sys
import time

from bench.common import fresh_database, odoo_env, report_result, rss_mb, run_child

DATABASE = "bench_sc_115_export"
SERVICES = 5_000
UNITS = 500
UNITS_PER_SERVICE = 4  # 20,000 Zuständigkeiten
TARGET_SECONDS = 15
TARGET_MB = 300
PREREQUISITES = "<ul><li>Wohnsitz im Landkreis</li><li>volljährig</li></ul>"
PARAGRAPH = (
    "<p>Sie können die Leistung persönlich, schriftlich oder online beantragen. "
    "Bitte bringen Sie die <strong>erforderlichen Unterlagen</strong> mit und "
    "beachten Sie die <em>Hinweise</em> zu Fristen und Gebühren.</p>"
)


def populate(env):
    from odoo import Command

    env = env(context={"tracking_disable": True, "mail_create_nolog": True})
    env.company.sc_xzufi_region_key = "160740000000"  # Saale-Holzland-Kreis
    partners = env["res.partner"].create(
        [
            {
                "name": f"Fachdienst {n}",
                "street": f"Schloßgasse {n}",
                "zip": "07607",
                "city": "Eisenberg",
                "phone": f"036691 {n:04d}",
                "email": f"fachdienst{n}@example.org",
            }
            for n in range(UNITS)
        ]
    )
    units = env["sc.org.unit"].create(
        [
            {
                "name": f"Fachdienst {n}",
                "partner_id": partner.id,
                "visiting_hours": "Mo-Fr 8-12",
            }
            for n, partner in enumerate(partners)
        ]
    )
    env.cr.commit()
    started = time.monotonic()
    for first in range(0, SERVICES, 500):
        values = []
        for n in range(first, min(first + 500, SERVICES)):
            unit_ids = [
                units[(n + k * 125) % UNITS].id for k in range(UNITS_PER_SERVICE)
            ]
            values.append(
                {
                    "name": f"Leistung {n}",
                    "leika_key": f"99{n:012d}",
                    "summary": f"Kurztext der Leistung {n}.",
                    "description": PARAGRAPH * 6,
                    "prerequisites": PREREQUISITES,
                    "procedure": PARAGRAPH,
                    "legal_basis": "§ 1 Beispielgesetz",
                    "fee_amount_from": 10.0,
                    "fee_amount_to": 30.0,
                    "fee_text": "Gebühr nach Aufwand.",
                    "processing_time": "etwa zwei Wochen",
                    "online_service_url": f"https://example.org/leistung/{n}"
                    if n % 5 == 0
                    else False,
                    "state": "published",
                    "main_org_unit_id": unit_ids[0],
                    "org_unit_ids": [Command.set(unit_ids)],
                    "document_ids": [
                        Command.create({"name": "Personalausweis", "kind": "original"}),
                        Command.create(
                            {"name": "Nachweis", "kind": "copy", "mandatory": False}
                        ),
                    ],
                }
            )
        env["sc.service"].create(values)
        env.cr.commit()
    print(
        f"{SERVICES} services created in {time.monotonic() - started:.0f} s", flush=True
    )


def streaming_export(env):
    export = env["sc.xzufi.export"]._sc_export("full", "manual", env.company)
    return {
        "services": export.service_count,
        "units": export.org_unit_count,
        "bytes": export.attachment_id.file_size,
    }


def prepare_delta(env):
    """Untimed: a full export fills the register of delivered objects; then, in a
    later transaction (as if a night had passed), 50 services and 5 units are
    deleted."""
    env["sc.xzufi.export"]._sc_export("full", "manual", env.company)
    env.cr.commit()
    services = env["sc.service"].search([], order="id")
    services.filtered(lambda s: s.id % 100 == 0).unlink()
    env["sc.org.unit"].search([], order="id", limit=5).unlink()


def delta_export(env):
    """Change export after the deletions: withdrawals plus the units to resend."""
    export = env["sc.xzufi.export"]._sc_export("delta", "manual", env.company)
    return {
        "services": export.service_count,
        "units": export.org_unit_count,
        "withdrawn": export.deleted_count,
        "bytes": export.attachment_id.file_size,
    }


def naive_export(env):
    """Baseline: ORM record loop, whole document as one in-memory lxml tree."""
    from lxml import etree

    from odoo import fields

    from odoo.addons.sc_115_export.tools import publishability, xzufi

    company = env.company
    writer = xzufi.XZuFiWriter(None, **company._sc_xzufi_options())
    root = etree.Element(xzufi._q(xzufi.ROOT_TAG), nsmap=xzufi.NSMAP)
    root.append(writer._header())
    today = fields.Date.today()
    published = set()
    for service in env["sc.service"].search([]):
        check = {
            "state": service.state,
            "leika_key": service.leika_key,
            "description": service.description,
            "has_responsible_unit": bool(service.main_org_unit_id),
            "next_review_date": service.next_review_date,
        }
        if publishability.skip_reasons(check, today):
            continue
        published.add(service.id)
        unit = service.main_org_unit_id
        block = etree.SubElement(root, xzufi._q("schreibe"))
        block.append(
            writer.build_service(
                {
                    "id": f"L{service.id}",
                    "leika_key": service.leika_key,
                    "name": service.name,
                    "summary": service.summary,
                    "description": service.description,
                    "legal_basis": service.legal_basis,
                    "documents": [
                        {
                            "name": d.name,
                            "kind": d.kind,
                            "mandatory": d.mandatory,
                            "note": d.note,
                        }
                        for d in service.document_ids
                    ],
                    "prerequisites": service.prerequisites,
                    "procedure": service.procedure,
                    "responsible_unit": {
                        "name": unit.name,
                        "street": unit.partner_id.street,
                        "zip": unit.partner_id.zip,
                        "city": unit.partner_id.city,
                        "phone": unit.partner_id.phone,
                        "email": unit.partner_id.email,
                    },
                    "fee_from": service.fee_amount_from,
                    "fee_to": service.fee_amount_to,
                    "fee_text": service.fee_text,
                    "processing_time": service.processing_time,
                    "modified": service.write_date,
                }
            )
        )
    for unit in env["sc.org.unit"].search([]):
        block = etree.SubElement(root, xzufi._q("schreibe"))
        block.append(
            writer.build_org_unit(
                {
                    "id": f"O{unit.id}",
                    "name": unit.name,
                    "street": unit.partner_id.street,
                    "zip": unit.partner_id.zip,
                    "city": unit.partner_id.city,
                    "phone": unit.partner_id.phone,
                    "email": unit.partner_id.email,
                    "visiting_hours": unit.visiting_hours,
                    "service_ids": [
                        f"L{s.id}" for s in unit.service_ids if s.id in published
                    ],
                    "modified": unit.write_date,
                }
            )
        )
    data = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    return {
        "services": len(published),
        "units": len(root) - 1 - len(published),
        "bytes": len(data),
    }


VARIANTS = {
    "streaming": (None, streaming_export),
    "naive": (None, naive_export),
    "delta": (prepare_delta, delta_export),
}


def child(variant):
    """Run one variant in this (fresh) process; print its figures as JSON."""
    from tests.harness import env as harness_env

    settings = harness_env.database_settings()
    with odoo_env(settings, DATABASE) as env:
        env["sc.service"].search_count([])  # registry and caches warm
        prepare, run = VARIANTS[variant]
        if prepare:
            prepare(env)
        before = rss_mb()
        started, cpu_started = time.monotonic(), time.process_time()
        result = run(env)
        result["seconds"] = time.monotonic() - started
        result["cpu_seconds"] = time.process_time() - cpu_started
        result["rss_before_mb"] = before
        env.cr.rollback()
    report_result(result)


def run_variant(variant):
    return run_child("bench.bench_115_export", variant)


def main(reuse=False):
    """reuse: keep the database of an earlier run (python3 -m bench.bench_115_export
    --reuse) instead of building it again."""
    from tests.harness import env as harness_env

    if reuse:
        settings = harness_env.database_settings()
    else:
        settings = fresh_database(DATABASE, ["sc_115_export"])
    with odoo_env(settings, DATABASE) as env:
        if not reuse:
            populate(env)
        env.cr.execute("SELECT count(*) FROM sc_service_org_unit_rel")
        print(f"{env.cr.fetchone()[0]} Zuständigkeiten", flush=True)
    results = {variant: run_variant(variant) for variant in VARIANTS}
    print(
        f"\nXZuFi full export, {SERVICES} services / {UNITS} units / "
        f"{SERVICES * UNITS_PER_SERVICE} Zuständigkeiten "
        f"(target <= {TARGET_SECONDS} s, <= {TARGET_MB} MB peak RSS)"
    )
    header = ("variant", "wall s", "CPU s", "peak RSS MB", "RSS before MB", "file MB")
    print(
        f"{header[0]:<34}{header[1]:>8}{header[2]:>7}{header[3]:>13}"
        f"{header[4]:>15}{header[5]:>9}"
    )
    for variant, label in (
        ("streaming", "streaming, batched (sc_115_export)"),
        ("naive", "naive ORM loop, tree in memory"),
    ):
        r = results[variant]
        print(
            f"{label:<34}{r['seconds']:>8.1f}{r['cpu_seconds']:>7.1f}{r['peak_mb']:>13.0f}"
            f"{r['rss_before_mb']:>15.0f}{r['bytes'] / 2**20:>9.1f}"
        )
    delta = results["delta"]
    print(
        f"\nchange export after deleting 50 services and 5 units: "
        f"{delta['seconds']:.1f} s, {delta['withdrawn']} withdrawn (loesche), "
        f"{delta['services']} services and {delta['units']} units sent again "
        f"(peak RSS {delta['peak_mb']:.0f} MB incl. the untimed full export before)"
    )
    streaming = results["streaming"]
    met = streaming["seconds"] <= TARGET_SECONDS and streaming["peak_mb"] <= TARGET_MB
    print(f"target met by the streaming export: {'yes' if met else 'NO'}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main(reuse="--reuse" in sys.argv)
