"""The pure-Python XZuFi writer and HTML cleaner, without the ORM."""

import io
from datetime import date, datetime

from lxml import etree

from odoo.tests.common import BaseCase

from odoo.addons.sc_115_export.tools import html_clean, publishability, xzufi

from .xzufi_contract import NS, check_document

ARS = "160740000000"
HOSTILE = (
    "Null\x00Bell\x07Esc\x1bDel\x7fC1\x85 ]]> <![CDATA[x]]> &amp; & < > \" ' "
    "<p>offen <b>fett <i>kursiv</p></div></ul><li>lose"
    "<script>alert(1)</script><style>p{}</style><!-- Kommentar -->"
    '<a href="javascript:alert(1)">böse</a> <a href="https://example.org/?a=1&b=2">gut</a>'
    '<img src="x" onerror="alert(1)"><iframe src="https://x"></iframe>'
    "Emoji 😀👩‍👩‍👧 \ufeff\ufffe\uffff Ende"
)


def _unit(**values):
    unit = {
        "id": "O1",
        "name": "Kfz-Zulassungsbehörde",
        "short_name": "Kfz",
        "street": "Im Schloss 2",
        "zip": "07607",
        "city": "Eisenberg",
        "phone": "036691 70-0",
        "email": "kfz@example.org",
        "website": "https://example.org/kfz",
        "opening_hours": [(1, "08:00", "12:00"), (4, "13:00", "18:00")],
        "visiting_hours": "Mo 8-12 Uhr",
        "service_ids": ["L1"],
        "modified": datetime(2026, 3, 29, 1, 30),
    }
    unit.update(values)
    return unit


def _service(**values):
    service = {
        "id": "L1",
        "leika_key": "99050012104000",
        "name": "Gewerbe anmelden",
        "summary": "Kurz gesagt",
        "description": "<p>Volltext <b>wichtig</b></p>",
        "legal_basis": "§ 14 GewO",
        "documents": [
            {"name": "Personalausweis", "kind": "original", "mandatory": True},
            {
                "name": "Vollmacht",
                "kind": "either",
                "mandatory": False,
                "note": "bei Vertretung",
            },
        ],
        "prerequisites": "<ul><li>volljährig</li></ul>",
        "procedure": "<ol><li>Antrag</li><li>Bescheid</li></ol>",
        "form_links": '<p><a href="https://example.org/form.pdf">Formular</a></p>',
        "further_info": '<p><a href="https://example.org/online">Online</a></p>',
        "notes": "<p>Hinweis</p>",
        "responsible_unit": _unit(),
        "fee_from": 20.0,
        "fee_to": 40.0,
        "fee_text": "je nach Umfang",
        "processing_time": "etwa 1 Woche",
        "deadline_text": "vor Beginn der Tätigkeit",
        "modified": datetime(2026, 10, 25, 0, 30),
    }
    service.update(values)
    return service


def _write(**kwargs):
    buffer = io.BytesIO()
    options = {"scheme_agency_id": ARS, "region_key": ARS, "sender": "Landratsamt SHK"}
    options.update(kwargs.pop("options", {}))
    counts = xzufi.write_document(buffer, **kwargs, **options)
    return counts, buffer.getvalue()


def _modules(document, service_index=0):
    service = document["root"].findall(f"{{{NS}}}schreibe/{{{NS}}}leistung")[
        service_index
    ]
    return {
        module.find(f"{{{NS}}}leikaTextmodul/code").text: module.find(
            f"{{{NS}}}inhalt"
        ).text
        for module in service.iterfind(f"{{{NS}}}modulText")
    }


class TestXZuFiWriter(BaseCase):
    def test_full_document_passes_the_contract(self):
        counts, data = _write(
            services=[_service()],
            org_units=[_unit()],
            online_services=[
                {
                    "id": "D1",
                    "name": "Gewerbe online",
                    "url": "https://example.org/g",
                    "service_id": "L1",
                }
            ],
            options={"message_uuid": "0b7e2a3c-6c1e-4ad2-9b8e-3f4a5b6c7d8e"},
        )
        self.assertEqual(
            counts,
            {"leistung": 1, "organisationseinheit": 1, "onlinedienst": 1, "loesche": 0},
        )
        document = check_document(data)
        root = document["root"]
        self.assertEqual(document["leistung"], ["L1"])
        self.assertEqual(document["organisationseinheit"], ["O1"])
        self.assertEqual(document["onlinedienst"], ["D1"])
        self.assertEqual(document["zustaendigkeit"], [("O1", "L1", ARS)])
        header = root.find(f"{{{NS}}}nachrichtenkopf")
        self.assertEqual(
            header.findtext(f"{{{NS}}}nachrichtUUID"),
            "0b7e2a3c-6c1e-4ad2-9b8e-3f4a5b6c7d8e",
        )
        self.assertEqual(header.findtext(f"{{{NS}}}sender"), "Landratsamt SHK")
        self.assertEqual(
            sorted(_modules(document)),
            [
                "02",
                "03",
                "05",
                "06",
                "07",
                "08",
                "09",
                "11",
                "14",
                "15",
                "16",
                "22",
                "23",
            ],
        )
        modules = _modules(document)
        self.assertEqual(modules["06"], "<p>Volltext <strong>wichtig</strong></p>")
        self.assertIn(
            "Vollmacht (im Original oder als Kopie, falls zutreffend)", modules["08"]
        )
        self.assertIn("07607 Eisenberg", modules["22"])
        self.assertIn("Telefon: 036691 70-0", modules["23"])
        service = root.find(f"{{{NS}}}schreibe/{{{NS}}}leistung")
        self.assertEqual(service.find(f"{{{NS}}}id").get("schemeAgencyID"), ARS)
        self.assertEqual(
            service.findtext(f"{{{NS}}}referenzLeiKa/code"), "99050012104000"
        )
        costs = service.find(f"{{{NS}}}modulKosten/{{{NS}}}kosten")
        self.assertEqual(
            costs.findtext(f"{{{NS}}}betragVariabel/{{{NS}}}betragUntergrenze"), "20.00"
        )
        self.assertEqual(
            costs.findtext(f"{{{NS}}}betragVariabel/{{{NS}}}betragObergrenze"), "40.00"
        )
        self.assertEqual(
            service.findtext(f"{{{NS}}}modulFrist/{{{NS}}}beschreibung"),
            "<p>vor Beginn der Tätigkeit</p>",
        )
        self.assertEqual(
            service.findtext(f"{{{NS}}}modulBearbeitungsdauer/{{{NS}}}beschreibung"),
            "<p>etwa 1 Woche</p>",
        )
        self.assertEqual(
            service.findtext(f"{{{NS}}}versionsinformation/{{{NS}}}geaendertDatumZeit"),
            "2026-10-25T00:30:00Z",
        )
        unit = root.find(f"{{{NS}}}schreibe/{{{NS}}}organisationseinheit")
        self.assertEqual(
            unit.findtext(f"{{{NS}}}name/{{{NS}}}name"), "Kfz-Zulassungsbehörde"
        )
        days = [
            (z.findtext(f"{{{NS}}}wochentag/code"), z.findtext(f"{{{NS}}}zeitVon"))
            for z in unit.iter(f"{{{NS}}}zeitraum")
        ]
        self.assertEqual(days, [("1", "08:00:00"), ("4", "13:00:00")])
        online = root.find(f"{{{NS}}}schreibe/{{{NS}}}onlinedienst")
        link = online.find(f"{{{NS}}}link")
        self.assertEqual(
            link.find(f"{{{NS}}}typ").get("listURI"), xzufi.LIST_LINKTYP[0]
        )
        self.assertEqual(link.findtext(f"{{{NS}}}typ/code"), "01")
        self.assertEqual(link.findtext(f"{{{NS}}}link"), "https://example.org/g")

    def test_deletions_come_first(self):
        counts, data = _write(
            services=[_service()],
            deletions=[
                ("leistung", "L9"),
                ("onlinedienst", "D9"),
                ("organisationseinheit", "O9"),
            ],
        )
        self.assertEqual(counts["loesche"], 3)
        document = check_document(data)
        self.assertEqual(
            document["loesche"],
            [
                ("leistungID", "L9"),
                ("onlinedienstID", "D9"),
                ("organisationseinheitID", "O9"),
            ],
        )
        self.assertEqual(document["leistung"], ["L1"])
        with self.assertRaises(xzufi.XZuFiError):
            _write(deletions=[("spezialisierung", "S1")])

    def test_code_elements_are_unqualified(self):
        _counts, data = _write(services=[_service()], org_units=[_unit()])
        self.assertIn(b"<code>99050012104000</code>", data)
        root = etree.fromstring(data)
        codes = root.findall(".//code")
        self.assertTrue(codes)
        self.assertFalse(root.findall(f".//{{{NS}}}code"))

    def test_minimal_service_only_fills_present_modules(self):
        service = {
            "id": "L2",
            "leika_key": "99115005104000",
            "name": "Wohnsitz anmelden",
            "description": "Nur Text",
            "responsible_unit": {"id": "O2", "name": "Meldebehörde"},
        }
        _counts, data = _write(services=[service])
        document = check_document(data)
        self.assertEqual(sorted(_modules(document)), ["02", "03", "06", "22"])
        leistung = document["root"].find(f"{{{NS}}}schreibe/{{{NS}}}leistung")
        self.assertIsNone(leistung.find(f"{{{NS}}}modulKosten"))
        self.assertIsNone(leistung.find(f"{{{NS}}}modulFrist"))

    def test_fixed_fee(self):
        _counts, data = _write(
            services=[_service(fee_from=12.5, fee_to=0.0, fee_text="")]
        )
        root = check_document(data)["root"]
        costs = root.find(f".//{{{NS}}}kosten")
        self.assertEqual(costs.findtext(f"{{{NS}}}typ/code"), "01")
        self.assertEqual(costs.findtext(f"{{{NS}}}betragFix/{{{NS}}}betrag"), "12.50")
        self.assertIsNone(costs.find(f"{{{NS}}}beschreibung"))

    def test_hostile_input_never_breaks_the_document(self):
        hostile_unit = _unit(
            id="O\x00<1>",
            name=HOSTILE,
            street=HOSTILE,
            visiting_hours=HOSTILE,
            website="javascript:alert(1)",
            service_ids=["L]]>1"],
        )
        service = _service(
            id="L]]>1",
            name=HOSTILE,
            summary=HOSTILE,
            description=HOSTILE,
            legal_basis=HOSTILE,
            documents=[{"name": HOSTILE, "kind": "nonsense", "note": HOSTILE}],
            prerequisites=HOSTILE,
            procedure="<ul><li>" * 500 + HOSTILE,
            form_links=HOSTILE,
            notes="<p>" + "😀" * 1_000_000 + "</p>",
            fee_text=HOSTILE,
            deadline_text=HOSTILE,
            processing_time=HOSTILE,
            responsible_unit=hostile_unit,
        )
        online = {"id": "D\x01", "name": HOSTILE, "url": "javascript:alert(1)"}
        online_ok = {
            "id": "D2",
            "name": HOSTILE,
            "url": "https://example.org/ok?a=1&b=]]>",
        }
        for url in ("javascript:alert(1)", "mailto:a@example.org", "https://"):
            with self.subTest(url=url), self.assertRaises(xzufi.XZuFiError):
                _write(online_services=[{**online, "url": url}])
        _counts, data = _write(
            services=[service], org_units=[hostile_unit], online_services=[online_ok]
        )
        document = check_document(data)
        self.assertEqual(document["leistung"], ["L]]>1"])
        self.assertEqual(document["organisationseinheit"], ["O<1>"])
        modules = _modules(document)
        self.assertNotIn("script", modules["06"])
        self.assertNotIn("javascript", modules["06"])
        self.assertIn(
            '<a href="https://example.org/?a=1&amp;b=2">gut</a>', modules["06"]
        )
        self.assertIn("😀", modules["06"])
        self.assertNotIn("\x00", data.decode())
        # The 1 MB text is cut to the limit, with its tags closed.
        self.assertLessEqual(len(modules["16"]), xzufi.MAX_TEXT + 20)
        self.assertTrue(modules["16"].endswith("\u2026</p>"))
        self.assertLessEqual(len(data), 1_000_000)

    def test_oversize_and_unbalanced_html_is_cut_cleanly(self):
        long_html = "<ul>" + "".join(f"<li>Punkt {n} <b>fett" for n in range(5000))
        cleaned = html_clean.sanitize_html(long_html, max_length=1000)
        self.assertLessEqual(len(cleaned), 1100)
        self.assertTrue(cleaned.startswith("<ul><li>Punkt 0"))
        self.assertTrue(cleaned.endswith("</ul>"))
        etree.fromstring(f"<div>{cleaned}</div>")
        self.assertEqual(html_clean.clean_text("abcdef", 4), "abc\u2026")
        self.assertEqual(html_clean.sanitize_html("<p><br></p>"), "")
        self.assertEqual(
            html_clean.sanitize_html("<?xml version='1.0'?><p>x</p>"), "<p>x</p>"
        )
        self.assertEqual(
            html_clean.text_to_html("a\nb\n\n<c> ]]>"),
            "<p>a<br/>b</p><p>&lt;c&gt; ]]&gt;</p>",
        )

    def test_strict_generator_refuses_invalid_data(self):
        for bad in (
            {"leika_key": "123"},
            {"leika_key": ""},
            {"name": " \x00 "},
            {"description": "<p> </p>"},
            {"responsible_unit": None},
            {"id": ""},
        ):
            with self.subTest(bad=bad), self.assertRaises(xzufi.XZuFiError):
                _write(services=[_service(**bad)])
        with self.assertRaises(xzufi.XZuFiError):
            _write(org_units=[_unit(opening_hours=[(8, "08:00", "12:00")])])
        with self.assertRaises(xzufi.XZuFiError):
            _write(options={"region_key": "16074"})
        with self.assertRaises(xzufi.XZuFiError):
            _write(options={"scheme_agency_id": ""})

    def test_region_key_plausibility(self):
        self.assertIsNone(xzufi.region_key_problem("160740000000"))
        self.assertEqual(xzufi.region_key_problem("16074000000"), "format")
        self.assertEqual(xzufi.region_key_problem("170740000000"), "land")
        self.assertEqual(xzufi.region_key_problem("160000000000"), "district")
        self.assertEqual(xzufi.region_key_problem("16074000000a"), "format")

    def test_contract_rejects_foreign_markup(self):
        _counts, data = _write(services=[_service()])
        broken = data.replace(b"<code>02</code>", b"<xzufi:code>02</xzufi:code>", 1)
        with self.assertRaises(AssertionError):
            check_document(broken)
        broken = data.replace(
            b"&lt;strong&gt;wichtig&lt;/strong&gt;", b"&lt;b&gt;x&lt;/b&gt;"
        )
        with self.assertRaisesRegex(AssertionError, "HTML tag b"):
            check_document(broken)


class TestPublishability(BaseCase):
    def test_text_check_agrees_with_the_cleaner(self):
        for value in (
            HOSTILE,
            "<p><br></p>",
            "<script>alert(1)</script><style>p{}</style>",
            "<!-- nur Kommentar -->",
            "\x00\x01 \x7f",
            "<div><p> </p></div>Text",
            "<p>Voll</p>",
            "",
            False,
        ):
            with self.subTest(value=value):
                cleaned = html_clean.sanitize_html(value)
                self.assertEqual(html_clean.html_has_text(value), bool(cleaned))

    def test_reasons(self):
        today = date(2026, 11, 25)
        good = {
            "state": "published",
            "leika_key": "99050012104000",
            "description": "<p>Text</p>",
            "has_responsible_unit": True,
            "next_review_date": today,
        }
        self.assertEqual(publishability.skip_reasons(good, today), [])
        bad = {
            "state": "draft",
            "leika_key": "9905001210400",
            "description": "<p><br></p>",
            "has_responsible_unit": False,
            "next_review_date": date(2026, 11, 24),
        }
        self.assertEqual(
            publishability.skip_reasons(bad, today),
            [
                publishability.NOT_PUBLISHED,
                publishability.NO_LEIKA_KEY,
                publishability.NO_DESCRIPTION,
                publishability.NO_RESPONSIBLE_UNIT,
                publishability.REVIEW_OVERDUE,
            ],
        )
