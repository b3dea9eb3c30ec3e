"""Contract test for the XZuFi 2.2.0 documents this addon emits.

The official XSD cannot be obtained on these machines, so this module is the
schema we hold the generator to: it parses a document back with lxml and checks
every element against a whitelist of allowed children (in order of appearance,
with cardinalities), every required attribute and every value format.
``check_document`` raises AssertionError naming the first violation.

It states the official values itself (namespace, code lists, text module codes,
key formats) and imports nothing from the code under test: a wrong value there
must fail here.
"""

import re
import uuid

from lxml import etree, html

NS = "http://xoev.de/schemata/xzufi/2_2_0"
ROOT_TAG = "transfer.operation.060101"
# Codes of the code list urn:de:xzufi:codeliste:leistungstextmodulleika that
# modulText may carry: 02 Leistungsbezeichnung, 03 Leistungsbezeichnung II,
# 05 Kurztext, 06 Volltext, 07 Rechtsgrundlage, 08 Erforderliche Unterlagen,
# 09 Voraussetzungen, 11 Verfahrensablauf, 14 Formulare, 15 Weiterführende
# Informationen, 16 Hinweise, 18 Urheber, 22 Zuständige Stelle,
# 23 Ansprechpunkt, 24 Teaser, 25 Rechtsbehelf.
TEXT_MODULE_CODES = set("02 03 05 06 07 08 09 11 14 15 16 18 22 23 24 25".split())
# The typed modules carry their own code of the same list.
TYPED_MODULE_CODES = {
    "modulKosten": "10",
    "modulBearbeitungsdauer": "12",
    "modulFrist": "13",
}
LEIKA_KEY = re.compile(r"^\d{14}$")
# Amtlicher Regionalschlüssel: 12 digits, the first two a federal state (01-16).
REGION_KEY = re.compile(r"^(0[1-9]|1[0-6])\d{10}$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
TIME = re.compile(r"^\d\d:\d\d:00$")
AMOUNT = re.compile(r"^\d+\.\d\d$")
ALLOWED_HTML = {"p", "ul", "ol", "li", "br", "strong", "em", "a"}
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# parent local name -> ordered allowed children: (local name, min, max)
SCHEMA = {
    "transfer.operation.060101": [
        ("nachrichtenkopf", 1, 1),
        ("loesche", 0, None),
        ("schreibe", 0, None),
    ],
    "loesche": [
        ("leistungID", 0, 1),
        ("organisationseinheitID", 0, 1),
        ("onlinedienstID", 0, 1),
    ],
    "nachrichtenkopf": [
        ("nachrichtUUID", 1, 1),
        ("erstelltDatumZeit", 1, 1),
        ("sender", 1, 1),
        ("empfaenger", 0, 1),
    ],
    "schreibe": [
        ("leistung", 0, 1),
        ("organisationseinheit", 0, 1),
        ("onlinedienst", 0, 1),
    ],
    "leistung": [
        ("id", 1, 1),
        ("referenzLeiKa", 1, 1),
        ("modulText", 2, None),
        ("modulKosten", 0, 1),
        ("modulBearbeitungsdauer", 0, 1),
        ("modulFrist", 0, 1),
        ("versionsinformation", 1, 1),
    ],
    "modulText": [
        ("leikaTextmodul", 1, 1),
        ("positionDarstellung", 1, 1),
        ("inhalt", 1, 1),
    ],
    "modulKosten": [
        ("leikaTextmodul", 1, 1),
        ("positionDarstellung", 1, 1),
        ("kosten", 1, None),
    ],
    "kosten": [
        ("typ", 0, 1),
        ("betragFix", 0, 1),
        ("betragVariabel", 0, 1),
        ("beschreibung", 0, 1),
    ],
    "betragFix": [("betrag", 1, 1), ("waehrungID", 1, 1)],
    "betragVariabel": [
        ("betragUntergrenze", 1, 1),
        ("betragObergrenze", 1, 1),
        ("waehrungID", 1, 1),
    ],
    "modulBearbeitungsdauer": [
        ("leikaTextmodul", 1, 1),
        ("positionDarstellung", 1, 1),
        ("beschreibung", 1, 1),
    ],
    "modulFrist": [
        ("leikaTextmodul", 1, 1),
        ("positionDarstellung", 1, 1),
        ("beschreibung", 1, 1),
    ],
    "versionsinformation": [("geaendertDatumZeit", 1, 1)],
    "organisationseinheit": [
        ("id", 1, 1),
        ("uebergeordneteOrganisationseinheitID", 0, 1),
        ("name", 1, 1),
        ("kurzbezeichnung", 0, 1),
        ("anschrift", 0, 1),
        ("kommunikation", 0, None),
        ("oeffnungszeiten", 0, 1),
        ("zustaendigkeit", 0, None),
        ("versionsinformation", 1, 1),
    ],
    "name": [("name", 1, 1)],
    "anschrift": [
        ("typ", 1, 1),
        ("strasse", 0, 1),
        ("zusatz", 0, 1),
        ("postleitzahl", 0, 1),
        ("ort", 0, 1),
    ],
    "kommunikation": [("kanal", 1, 1), ("kennung", 1, 1)],
    "oeffnungszeiten": [("zeitraum", 0, None), ("hinweis", 0, 1)],
    "zeitraum": [("wochentag", 1, 1), ("zeitVon", 1, 1), ("zeitBis", 1, 1)],
    "zustaendigkeit": [("leistungID", 1, 1), ("gebietID", 1, None)],
    "onlinedienst": [
        ("id", 1, 1),
        ("bezeichnung", 1, 1),
        ("leistungID", 0, 1),
        ("link", 1, None),
        ("versionsinformation", 1, 1),
    ],
    "link": [("typ", 1, 1), ("link", 0, 1)],
}
# Code elements: local name of the parent -> expected listURI.
CODE_LISTS = {
    "referenzLeiKa": "urn:de:fim:leika:leistung",
    "leikaTextmodul": "urn:de:xzufi:codeliste:leistungstextmodulleika",
    "kanal": "urn:de:xoev:codeliste:erreichbarkeit",
    "wochentag": "urn:xoev-de:fim:codeliste:wochentag",
}
CONTEXT_CODE_LISTS = {
    ("anschrift", "typ"): "urn:xoev-de:fim:codeliste:anschrifttyp",
    ("kosten", "typ"): "urn:xoev-de:fim:codeliste:kostentyp",
    ("link", "typ"): "urn:xoev-de:fim:codeliste:onlinedienstlinktyp",
}
ID_ELEMENTS = {
    "id",
    "leistungID",
    "gebietID",
    "uebergeordneteOrganisationseinheitID",
    "organisationseinheitID",
    "onlinedienstID",
}
LANGUAGE_ELEMENTS = {
    "inhalt",
    "beschreibung",
    "hinweis",
    "bezeichnung",
    "kurzbezeichnung",
}


def _local(element):
    return etree.QName(element).localname


def _fail(element, message):
    path = element.getroottree().getpath(element)
    raise AssertionError(f"{path}: {message}")


def _check(condition, element, message):
    if not condition:
        _fail(element, message)


def _is_code_parent(element):
    return len(element) == 1 and element[0].tag == "code"


def _check_code(element):
    code = element[0]
    _check(etree.QName(code).namespace is None, code, "code must be unqualified")
    _check((code.text or "").strip(), code, "empty code")
    _check(len(code) == 0, code, "code has children")
    _check(element.get("listURI"), element, "listURI missing")
    _check(element.get("listVersionID"), element, "listVersionID missing")
    parent = element.getparent()
    name = _local(element)
    expected = CONTEXT_CODE_LISTS.get((_local(parent), name), CODE_LISTS.get(name))
    _check(expected, element, "unexpected code element")
    _check(element.get("listURI") == expected, element, f"listURI must be {expected}")


def _check_children(element):
    rules = SCHEMA[_local(element)]
    allowed = [name for name, _min, _max in rules]
    names = []
    for child in element:
        _check(isinstance(child.tag, str), element, "comment or PI in document")
        _check(etree.QName(child).namespace == NS, child, "element outside namespace")
        names.append(_local(child))
    _check(
        names
        == sorted(
            names, key=lambda name: allowed.index(name) if name in allowed else -1
        ),
        element,
        f"children out of order or unknown: {names}",
    )
    for name in names:
        _check(name in allowed, element, f"unknown child {name}")
    for name, minimum, maximum in rules:
        count = names.count(name)
        _check(count >= minimum, element, f"{name}: {count} < {minimum}")
        _check(
            maximum is None or count <= maximum, element, f"{name}: {count} > {maximum}"
        )


def _check_text_value(element):
    name = _local(element)
    text = element.text or ""
    _check(text.strip(), element, "empty value")
    _check(not CONTROL_CHARS.search(text), element, "control character")
    if name in ID_ELEMENTS:
        _check(element.get("schemeAgencyID"), element, "schemeAgencyID missing")
    if name in LANGUAGE_ELEMENTS or (
        name == "name" and _local(element.getparent()) == "name"
    ):
        _check(element.get("languageCode") == "de", element, "languageCode must be de")
    if name in ("erstelltDatumZeit", "geaendertDatumZeit"):
        _check(TIMESTAMP.match(text), element, "timestamp format")
    if name in ("zeitVon", "zeitBis"):
        _check(TIME.match(text), element, "time format")
    if name in ("betrag", "betragUntergrenze", "betragObergrenze"):
        _check(AMOUNT.match(text), element, "amount format")
    if name == "positionDarstellung":
        _check(text.isdigit() and int(text) > 0, element, "position must be positive")
    if name == "gebietID":
        _check(REGION_KEY.match(text), element, "gebietID must be an ARS")
    if name == "nachrichtUUID":
        uuid.UUID(text)
    if name in ("inhalt", "beschreibung"):
        check_html(element, text)


def check_html(element, text):
    """Content HTML parses and uses only the allowed markup."""
    fragment = html.fragment_fromstring(text, create_parent="div")
    for node in fragment.iterdescendants():
        _check(node.tag in ALLOWED_HTML, element, f"HTML tag {node.tag} not allowed")
        allowed_attrs = {"href"} if node.tag == "a" else set()
        _check(set(node.attrib) <= allowed_attrs, element, f"attributes on {node.tag}")
        if node.tag == "a":
            _check(
                re.match(r"^(https?://|mailto:|tel:)", node.get("href")),
                element,
                "href",
            )


def _walk(element):
    if _is_code_parent(element):
        _check_code(element)
        return
    if _local(element) in SCHEMA and not (
        _local(element) in ("name", "link") and len(element) == 0
    ):
        _check_children(element)
        _check(not (element.text or "").strip(), element, "mixed content")
        for child in element:
            _walk(child)
        return
    _check(len(element) == 0, element, "unexpected children")
    _check_text_value(element)


def _module_code(module):
    return module.find(f"{{{NS}}}leikaTextmodul/code").text


def _check_service(service):
    codes = [_module_code(m) for m in service.iterfind(f"{{{NS}}}modulText")]
    _check(len(codes) == len(set(codes)), service, f"duplicate text modules {codes}")
    _check(set(codes) <= TEXT_MODULE_CODES, service, f"unknown text modules {codes}")
    _check(codes.count("02") == 1, service, "exactly one module 02 required")
    _check("06" in codes, service, "Volltext (06) required")
    positions = [int(p.text) for p in service.iter(f"{{{NS}}}positionDarstellung")]
    _check(positions == sorted(set(positions)), service, "positions must increase")
    leika = service.find(f"{{{NS}}}referenzLeiKa/code").text
    _check(LEIKA_KEY.match(leika), service, "LeiKa key must have 14 digits")
    for tag, code in TYPED_MODULE_CODES.items():
        for module in service.iterfind(f"{{{NS}}}{tag}"):
            _check(
                _module_code(module) == code, module, f"{tag} must carry code {code}"
            )


def _check_online_service(online_service):
    for link in online_service.iterfind(f"{{{NS}}}link"):
        url = link.find(f"{{{NS}}}link")
        _check(url is not None, link, "URL missing")
        _check(re.match(r"^https?://", url.text), url, "URL must be http(s)")


def check_document(data):
    """Parse an XZuFi document (bytes) and check it; return ids per object kind.

    Returns {"leistung": [...], "organisationseinheit": [...], "onlinedienst": [...],
    "zustaendigkeit": [(org unit id, leistung id, gebiet id), ...],
    "loesche": [(id element name, id), ...], "root": root}.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(data, parser)
    _check(root.tag == f"{{{NS}}}{ROOT_TAG}", root, "root element")
    _check(root.get("xzufiVersion") == "2.2.0", root, "xzufiVersion must be 2.2.0")
    for attribute in ("produktbezeichnung", "produkthersteller", "produktversion"):
        _check(root.get(attribute), root, f"{attribute} missing")
    _check(
        _local(root[0]) == "nachrichtenkopf", root, "nachrichtenkopf must come first"
    )
    _walk(root)
    result = {
        "leistung": [],
        "organisationseinheit": [],
        "onlinedienst": [],
        "zustaendigkeit": [],
        "loesche": [],
    }
    for block in root.iterfind(f"{{{NS}}}loesche"):
        _check(len(block) == 1, block, "one object per loesche block")
        result["loesche"].append((_local(block[0]), block[0].text))
    for block in root.iterfind(f"{{{NS}}}schreibe"):
        _check(len(block) == 1, block, "one object per schreibe block")
        obj = block[0]
        kind = _local(obj)
        obj_id = obj.find(f"{{{NS}}}id").text
        _check(obj_id not in result[kind], obj, f"duplicate {kind} id {obj_id}")
        result[kind].append(obj_id)
        if kind == "leistung":
            _check_service(obj)
        elif kind == "onlinedienst":
            _check_online_service(obj)
        else:
            for competence in obj.iterfind(f"{{{NS}}}zustaendigkeit"):
                result["zustaendigkeit"].append(
                    (
                        obj_id,
                        competence.find(f"{{{NS}}}leistungID").text,
                        competence.find(f"{{{NS}}}gebietID").text,
                    )
                )
    result["root"] = root
    return result
