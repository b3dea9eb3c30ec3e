import base64
import io
import zipfile
from datetime import datetime
from unittest.mock import patch

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import BaseCase, tagged

from ..models import sc_xzufi_importer
from ..tools import xzufi_reader
from ..tools.html_clean import html_to_text, text_to_html
from ..tools.xzufi import documents_html, parse_documents_html
from .common import ARS, XZuFiExportCommon
from .xzufi_contract import NS

FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<x:transfer.operation.060101 xmlns:x="http://xoev.de/schemata/xzufi/2_2_0"
    xzufiVersion="2.2.0">
  <x:nachrichtenkopf><x:nachrichtUUID>u</x:nachrichtUUID></x:nachrichtenkopf>
  <x:schreibe><x:leistung>
    <x:id schemeAgencyID="S-TH">LS-1</x:id>
    <x:referenzLeiKa><code>99050012104000</code></x:referenzLeiKa>
    <x:modulText><x:leikaTextmodul><code>02</code></x:leikaTextmodul>
      <x:inhalt>&lt;p&gt;Gewerbe anmelden&lt;/p&gt;</x:inhalt></x:modulText>
    <x:modulText><x:leikaTextmodul><code>06</code></x:leikaTextmodul>
      <x:inhalt>&lt;p&gt;Volltext der Quelle&lt;/p&gt;</x:inhalt></x:modulText>
    <x:modulText><x:leikaTextmodul><code>24</code></x:leikaTextmodul>
      <x:inhalt>&lt;p&gt;Teaser&lt;/p&gt;</x:inhalt></x:modulText>
    <x:modulText><x:leikaTextmodul><code>77</code></x:leikaTextmodul>
      <x:inhalt>&lt;p&gt;Neues Modul&lt;/p&gt;</x:inhalt></x:modulText>
    <x:modulUrheber><x:name>Redaktion Thüringen</x:name></x:modulUrheber>
    <x:versionsinformation>
      <x:geaendertDatumZeit>VERSION</x:geaendertDatumZeit>
    </x:versionsinformation>
  </x:leistung></x:schreibe>
</x:transfer.operation.060101>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE transfer.operation.060101 [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<transfer.operation.060101 xmlns="http://xoev.de/schemata/xzufi/2_2_0">
  <schreibe><leistung><id schemeAgencyID="x">&secret;</id></leistung></schreibe>
</transfer.operation.060101>
"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<transfer.operation.060101 xmlns="http://xoev.de/schemata/xzufi/2_2_0">&lol4;
</transfer.operation.060101>
"""


def _objects(data):
    """{(kind, id): canonical XML} of a document without message header and
    version information (they differ between any two exports)."""
    root = etree.fromstring(data)
    objects = {}
    for block in root:
        local = etree.QName(block).localname
        if local == "nachrichtenkopf":
            continue
        obj = block[0]
        for info in obj.findall(f"{{{NS}}}versionsinformation"):
            obj.remove(info)
        key = (local, etree.QName(obj).localname, obj[0].text)
        objects[key] = etree.tostring(obj, method="c14n").decode()
    return objects


@tagged("post_install", "-at_install")
class TestXZuFiImport(XZuFiExportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The import goes into a district of its own under the same scheme, so
        # that it re-exports the same ids.
        cls.target = cls.env["res.company"].create(
            {
                "name": "Landratsamt Importkreis",
                "sc_xzufi_region_key": ARS,
                "sc_xzufi_sender": "Landratsamt SHK",
            }
        )
        cls.manager.write(
            {"company_ids": [Command.link(cls.target.id)], "lang": "de_DE"}
        )
        cls.agent.company_ids = [Command.link(cls.target.id)]

    def _export(self, company=None, kind="full"):
        company = company or self.company
        export = (
            self.env["sc.xzufi.export"]
            .with_user(self.manager)
            .with_company(company)
            ._sc_export(kind, "manual", company)
        )
        return export.attachment_id.raw

    def _import(self, data, name="katalog.xml", user=None, company=None):
        user = user or self.manager
        company = company or self.target
        return (
            self.env["sc.xzufi.import"]
            .with_user(user)
            .with_context(lang=user.lang)
            .with_company(company)
            ._sc_import_file(name, io.BytesIO(data), company=company)
        )

    def _imported(self, model="sc.service"):
        return (
            self.env[model]
            .with_context(active_test=False)
            .search([("company_id", "=", self.target.id)])
        )

    def _service(self, source):
        return self._imported().filtered(lambda s: s.sc_xzufi_id == f"L{source.id}")

    def test_import_own_export(self):
        run = self._import(self._export())
        self.assertEqual(run.state, "done")
        self.assertEqual(run.created_count, 2 + 3 + 1)  # services, units, online
        self.assertEqual(run.refused_count, 0)
        trade = self._service(self.service_trade)
        self.assertEqual(trade.sc_xzufi_scheme, ARS)
        for field in (
            "name",
            "leika_key",
            "summary",
            "fee_amount_from",
            "fee_amount_to",
            "processing_time",
            "online_service_url",
        ):
            self.assertEqual(trade[field], self.service_trade[field], field)
        self.assertEqual(trade.state, "published")
        self.assertEqual(trade.company_id, self.target)
        self.assertEqual(
            [(d.name, d.kind, d.mandatory) for d in trade.document_ids],
            [("Personalausweis", "original", True), ("Vollmacht", "either", False)],
        )
        self.assertEqual(trade.main_org_unit_id.name, "Kfz-Zulassungsbehörde")
        self.assertEqual(
            sorted(trade.org_unit_ids.mapped("name")),
            ["Kfz-Zulassungsbehörde", "Ordnungsamt"],
        )
        kfz = trade.main_org_unit_id
        self.assertEqual(kfz.sc_xzufi_id, f"O{self.unit_kfz.id}")
        self.assertEqual(kfz.parent_id.name, "Landratsamt")
        self.assertEqual(kfz.short_name, "Kfz")
        self.assertEqual(
            (kfz.partner_id.street, kfz.partner_id.zip, kfz.partner_id.city),
            ("Im Schloss 2", "07607", "Eisenberg"),
        )
        self.assertEqual(kfz.partner_id.email, "kfz@example.org")
        self.assertEqual(kfz.visiting_hours, self.unit_kfz.visiting_hours)
        self.assertEqual(
            sorted(
                kfz.resource_calendar_id.attendance_ids.mapped(
                    lambda a: (a.dayofweek, a.hour_from, a.hour_to)
                )
            ),
            [("0", 7.5, 12.0), ("3", 13.0, 18.0)],
        )
        self.assertIn(f"L{self.service_trade.id}</xzufi:id>", trade.sc_xzufi_raw)

    def test_own_export_back_into_the_same_company(self):
        """The ids the company's export generated lead back to its records: no
        copies of units or services, and the export keeps its ids."""
        catalog = [("company_id", "in", [self.company.id, False])]

        def counts():
            return [
                self.env[model].with_context(active_test=False).search_count(catalog)
                for model in ("sc.service", "sc.org.unit")
            ]

        before = counts()
        first_export = self._export()
        run = self._import(first_export, company=self.company)
        self.assertEqual((run.state, run.refused_count), ("done", 0))
        self.assertEqual(counts(), before)
        self.assertEqual(self.service_trade.sc_xzufi_id, f"L{self.service_trade.id}")
        again = self._import(self._export(), company=self.company)
        self.assertEqual((again.created_count, again.updated_count), (0, 0))

    def test_import_twice_writes_nothing(self):
        data = self._export()
        self._import(data)
        services = self._imported()
        units = self._imported("sc.org.unit")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sc_service SET write_date = '2000-01-01' WHERE id = ANY(%s)",
            [services.ids],
        )
        self.env.invalidate_all()
        # A new export of the unchanged catalog: new message and timestamps.
        again = self._import(self._export())
        self.assertEqual(
            (again.created_count, again.updated_count, again.archived_count),
            (0, 0, 0),
        )
        self.assertEqual(again.skipped_count, 2 + 3 + 1)
        self.assertFalse(again.line_ids)
        self.assertEqual(self._imported(), services)
        self.assertEqual(self._imported("sc.org.unit"), units)
        self.assertEqual(set(services.mapped("write_date")), {services[:1].write_date})
        self.assertEqual(str(services[:1].write_date.year), "2000")

    def test_update_keeps_local_fields(self):
        self._import(self._export())
        trade = self._service(self.service_trade)
        keyword = self.env["sc.service.keyword"].create(
            {"name": "Gewerbeschein (Importtest)"}
        )
        category = self.env["sc.service.category"].create({"name": "Wirtschaft"})
        trade.write(
            {
                "keyword_ids": [Command.link(keyword.id)],
                "agent_note": "Nur vormittags",
                "category_id": category.id,
            }
        )
        self.service_trade.write(
            {"summary": "Neu: Gewerbe online anzeigen.", "fee_amount_to": 60}
        )
        run = self._import(self._export())
        self.assertEqual(run.updated_count, 1)
        self.assertEqual(trade.summary, "Neu: Gewerbe online anzeigen.")
        self.assertEqual(trade.fee_amount_to, 60)
        self.assertEqual(trade.keyword_ids, keyword)
        self.assertEqual(trade.agent_note, "Nur vormittags")
        self.assertEqual(trade.category_id, category)
        self.assertIn(
            ("leistung", f"L{self.service_trade.id}", "updated"),
            run.line_ids.mapped(lambda line: (line.kind, line.xzufi_id, line.action)),
        )

    def test_responsible_area_filters_the_search(self):
        """gebietID of a unit's responsibilities becomes its area (regional key);
        an agent of the state narrows search_catalog to an area and the areas
        within it."""
        municipality = "160745012345"  # within the district ARS (16074)
        self.unit_order.sc_region_key = municipality
        self._import(self._export())
        order = self._imported("sc.org.unit").filtered(
            lambda u: u.sc_xzufi_id == f"O{self.unit_order.id}"
        )
        kfz = self._imported("sc.org.unit").filtered(
            lambda u: u.sc_xzufi_id == f"O{self.unit_kfz.id}"
        )
        self.assertEqual(order.sc_region_key, municipality)
        self.assertEqual(kfz.sc_region_key, ARS)
        trade = self._service(self.service_trade)
        residence = self._service(self.service_residence)
        services = (
            self.env["sc.service"].with_user(self.agent).with_company(self.target)
        )

        def found(area):
            domain = [("company_id", "=", self.target.id)]
            domain += services._sc_region_domain(area)
            hits = services.search_catalog("anmelden", domain=domain)
            return {hit["id"] for hit in hits}

        self.assertEqual(found(municipality), {trade.id})
        self.assertEqual(found(ARS), {trade.id, residence.id})
        self.assertEqual(found("160000000000"), {trade.id, residence.id})
        self.assertEqual(found("160610000000"), set())
        # The area goes out again as gebietID of the unit's responsibilities.
        again = self._export(self.target)
        self.assertIn(f">{municipality}</xzufi:gebietID>".encode(), again)

    def test_loesche_archives(self):
        self._import(self._export())
        residence = self._service(self.service_residence)
        self.service_residence.action_withdraw()
        run = self._import(self._export(kind="delta"))
        self.assertEqual(run.archived_count, 1)
        self.assertTrue(residence.exists())
        self.assertFalse(residence.active)
        line = run.line_ids.filtered(lambda line: line.action == "archived")
        self.assertEqual(line.xzufi_id, f"L{self.service_residence.id}")
        self.assertEqual(
            line.message, "Von der Quelle zurückgezogen: archiviert, nicht gelöscht."
        )
        # Published again at the source: the archived record comes back.
        self.service_residence.action_publish()
        run = self._import(self._export(kind="delta"))
        self.assertEqual(run.updated_count, 1 + 1)  # the service and its unit
        self.assertTrue(residence.active)
        self.assertEqual(residence.main_org_unit_id.name, "Kfz-Zulassungsbehörde")

    def test_hostile_documents_are_refused(self):
        valid = self._export()
        cut = valid.index(b"</xzufi:schreibe>", valid.index(b"organisationseinheit"))
        documents = {
            "xxe.xml": (XXE, "DOCTYPE"),
            "lol.xml": (BILLION_LAUGHS, "DOCTYPE"),
            "ns.xml": (valid.replace(b"xzufi/2_2_0", b"xzufi/2_1_0"), "Namensraum"),
            "cut.xml": (valid[: cut + 40], "unvollständig"),
            "bild.xml": (b"\x89PNG\r\n\x1a\n", "kein XML-Dokument"),
        }
        for name, (data, words) in documents.items():
            with self.subTest(name):
                run = self._import(data, name)
                self.assertEqual(run.state, "refused")
                self.assertEqual(run.refused_count, 1)
                self.assertEqual(run.line_ids.action, "refused")
                self.assertIn(words, run.line_ids.message)
                self.assertIn("importiert", run.line_ids.message)
                self.assertFalse(self._imported())
                self.assertFalse(self._imported("sc.org.unit"))

    def test_zip_of_documents(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("a_katalog.xml", self._export())
            archive.writestr("b_kaputt.xml", XXE)
            archive.writestr("liesmich.txt", "nicht importieren")
        run = self._import(buffer.getvalue(), "katalog.zip")
        self.assertEqual(run.state, "partial")
        self.assertEqual(run.created_count, 6)
        self.assertEqual(run.refused_count, 1)
        self.assertEqual(
            run.line_ids.filtered(lambda line: line.action == "refused").document,
            "b_kaputt.xml",
        )
        self.assertEqual(len(self._imported()), 2)

    def test_wizard_imports_upload(self):
        wizard = (
            self.env["sc.xzufi.import.wizard"]
            .with_user(self.manager)
            .with_company(self.target)
            .with_context(allowed_company_ids=[self.target.id])
            .create(
                {
                    "data_file": base64.b64encode(self._export()),
                    "file_name": "katalog.xml",
                }
            )
        )
        action = wizard.action_import()
        run = self.env["sc.xzufi.import"].browse(action["res_id"])
        self.assertEqual(run.created_count, 6)
        self.assertEqual(run.user_id, self.manager)

    def test_agent_cannot_import(self):
        data = self._export()
        with self.assertRaises(AccessError):
            self._import(data, user=self.agent)
        with self.assertRaises(AccessError):
            self.env["sc.xzufi.import.wizard"].with_user(self.agent).create(
                {"data_file": base64.b64encode(data), "file_name": "x.xml"}
            )
        with self.assertRaises(AccessError):
            self.env["sc.xzufi.import"].with_user(self.agent).search([])

    def test_round_trip(self):
        """Export, import into an empty district, export again: the same
        objects, ids, codes, texts and responsibilities."""
        first = self._export()
        self._import(first)
        second = self._export(self.target)
        self.assertEqual(_objects(second), _objects(first))

    def test_round_trip_demo_catalog(self):
        demo = self.env.ref("base.main_company")
        self.manager.company_ids = [Command.link(demo.id)]
        first = self._export(demo)
        self.assertTrue(_objects(first))
        run = self._import(first)
        self.assertEqual(run.state, "done")
        second = self._export(self.target)
        self.assertEqual(_objects(second), _objects(first))

    def test_foreign_document_with_unknown_modules(self):
        """A module the writer does not know is no error: it stays in the raw
        XML; an older version of an object is skipped."""
        newer = FOREIGN.replace("VERSION", "2026-05-02T10:00:00Z").encode()
        run = self._import(newer, "thueringen.xml")
        self.assertEqual(run.state, "done")
        service = self._imported()
        self.assertEqual(
            (service.sc_xzufi_id, service.sc_xzufi_scheme), ("LS-1", "S-TH")
        )
        self.assertEqual(service.sc_xzufi_version, datetime(2026, 5, 2, 10))
        self.assertEqual(service.name, "Gewerbe anmelden")
        self.assertIn("Redaktion Thüringen", service.sc_xzufi_raw)
        self.assertIn("Neues Modul", service.sc_xzufi_raw)
        self.assertIn("(24, 77)", run.line_ids.message)
        older = FOREIGN.replace("VERSION", "2026-01-01T00:00:00Z")
        older = older.replace("Volltext der Quelle", "Alter Text").encode()
        run = self._import(older, "alt.xml")
        self.assertEqual((run.updated_count, run.skipped_count), (0, 1))
        self.assertEqual(
            run.line_ids.message, "Eine ältere Fassung als die zuvor importierte."
        )
        self.assertIn("Volltext der Quelle", service.description)

    def test_round_trip_in_small_batches(self):
        """Batch borders between services and their units, units and their
        parents change nothing."""
        first = self._export()
        with patch.object(sc_xzufi_importer, "BATCH_SIZE", 1):
            self._import(first)
        self.assertEqual(_objects(self._export(self.target)), _objects(first))

    def test_upload_size_limit(self):
        wizard = (
            self.env["sc.xzufi.import.wizard"]
            .with_user(self.manager)
            .with_context(lang="de_DE")
            .create({"data_file": base64.b64encode(b"x" * 2048), "file_name": "a.xml"})
        )
        with patch(
            "odoo.addons.sc_115_export.wizards.sc_xzufi_import_wizard.MAX_UPLOAD_BYTES",
            1024,
        ):
            with self.assertRaisesRegex(UserError, "größer als 0 MB"):
                wizard.action_import()

    def test_hand_kept_service_is_taken_over(self):
        """A district that kept its catalog by hand: its services without XZuFi
        id are taken over by LeiKa key, not duplicated."""
        own = (
            self.env["sc.service"]
            .with_company(self.target)
            .create(
                {
                    "name": "Gewerbeanzeige",
                    "leika_key": self.service_trade.leika_key,
                    "agent_note": "Rückfragen an Frau Meier",
                    "company_id": self.target.id,
                }
            )
        )
        run = self._import(self._export())
        self.assertEqual(run.created_count, 1 + 3 + 1)
        self.assertEqual(run.updated_count, 1)
        self.assertEqual(own.sc_xzufi_id, f"L{self.service_trade.id}")
        self.assertEqual(own.name, "Gewerbe anmelden")
        self.assertEqual(own.agent_note, "Rückfragen an Frau Meier")
        self.assertEqual(len(self._imported()), 2)


@tagged("post_install", "-at_install")
class TestXZuFiReader(BaseCase):
    """The reader's inverses of the writer's text rules, without a database."""

    def test_text_round_trip(self):
        for text in ("eins", "Zeile 1\nZeile 2\n\nAbsatz & <Zeichen>", ""):
            self.assertEqual(html_to_text(text_to_html(text)), text)

    def test_documents_round_trip(self):
        documents = [
            {
                "name": "Ausweis",
                "kind": "original",
                "mandatory": True,
                "note": "gültig",
            },
            {"name": "Vollmacht", "kind": "either", "mandatory": False, "note": ""},
            {
                "name": "Kopie (beglaubigt)",
                "kind": "copy",
                "mandatory": True,
                "note": "",
            },
        ]
        self.assertEqual(parse_documents_html(documents_html(documents)), documents)

    def test_doctype_without_entities_is_refused(self):
        data = (
            b'<?xml version="1.0"?><!DOCTYPE transfer.operation.060101>'
            b'<transfer.operation.060101 xmlns="http://xoev.de/schemata/xzufi/2_2_0"/>'
        )
        with self.assertRaises(xzufi_reader.XZuFiReadError) as caught:
            list(xzufi_reader.read_document(io.BytesIO(data)))
        self.assertEqual(caught.exception.reason, xzufi_reader.DOCTYPE)
