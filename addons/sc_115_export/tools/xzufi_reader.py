"""Streaming XZuFi 2.2.0 reader, the inverse of :mod:`.xzufi` (pure Python).

``read_document(fileobj)`` yields one plain dict per object of the document, in
document order, while lxml's ``iterparse`` reads it: each ``schreibe`` and
``loesche`` block is turned into a dict and then cleared, so memory stays bounded
by the largest single object. For services and units that dict is light: ``kind``,
``id``, ``scheme`` (schemeAgencyID), ``modified``, ``digest`` (of the object's
content without its version information), ``raw`` (the object's XML) and, for
services, ``leika_key``. ``complete(obj)`` adds the fields in the shape the writer
takes (see :mod:`.xzufi`), plus ``unknown`` (codes of text modules no field holds;
they stay in ``raw``): an importer calls it only for the objects it writes, so the
unchanged objects of a catalog sent again cost no HTML cleaning.

The parser is hardened: no entities are resolved, no DTD is loaded, nothing is
fetched from the network and huge trees are refused. A document with a DOCTYPE
(and so any ENTITY declaration) is refused as a whole, as is one in another
namespace, a truncated one or one that is no XML at all: :class:`XZuFiReadError`
with a reason code (``REASONS``) the caller words for the user. Callers import a
document inside a savepoint so that a refusal late in the file leaves nothing.
"""

import hashlib
from collections import Counter
from datetime import datetime, timezone

from lxml import etree

from .html_clean import clean_line, clean_text, html_to_text, sanitize_html
from .xzufi import (
    DELETE_TAGS,
    MODULE_COSTS,
    MODULE_DEADLINE,
    MODULE_PROCESSING_TIME,
    NS,
    ROOT_TAG,
    TEXT_MODULES,
    parse_documents_html,
    region_key_problem,
)

NOT_XML = "not_xml"
TRUNCATED = "truncated"
DOCTYPE = "doctype"
NAMESPACE = "namespace"
ROOT = "root"
REASONS = (NOT_XML, TRUNCATED, DOCTYPE, NAMESPACE, ROOT)

OBJECT_KINDS = ("leistung", "organisationseinheit", "onlinedienst")
# Derived modules: the writer fills them from the responsible unit, the reader
# takes the unit from organisationseinheit/zustaendigkeit instead.
DERIVED_KINDS = ("unit_address", "unit_contact")
TYPED_MODULES = {
    "modulKosten": MODULE_COSTS,
    "modulBearbeitungsdauer": MODULE_PROCESSING_TIME,
    "modulFrist": MODULE_DEADLINE,
}
CHANNELS = {"01": "email", "02": "phone", "09": "website"}


class XZuFiReadError(ValueError):
    """A document that is refused as a whole; ``reason`` is one of REASONS."""

    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _q(tag):
    return f"{{{NS}}}{tag}"


def _local(element):
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, tag):
    return element.iterchildren(_q(tag))


def _text(element, path):
    """Text of the first descendant along path ('a/b'), '' when absent."""
    found = element.find("/".join(_q(part) for part in path.split("/")))
    return (found.text or "").strip() if found is not None else ""


def _code(element):
    """The unqualified <code> of an XÖV code element."""
    if element is None:
        return ""
    code = element.find("code")
    return (code.text or "").strip() if code is not None else ""


def _timestamp(value):
    """Naive UTC datetime of an xs:dateTime ('...Z'), None when unreadable."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def _amount(value):
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0


def _identity(element, tag):
    """(id, schemeAgencyID) of the id child tag."""
    found = element.find(_q(tag))
    if found is None:
        return "", ""
    return clean_line(found.text, 100), clean_line(found.get("schemeAgencyID"), 100)


def _common(element, kind):
    """The light dict of an object. Takes the version information out of the
    element: the fingerprint is that of the content without it, so the same
    content sent again (a new export of an unchanged catalog) is skipped."""
    obj_id, scheme = _identity(element, "id")
    obj = {
        "kind": kind,
        "id": obj_id,
        "scheme": scheme,
        "modified": _timestamp(
            _text(element, "versionsinformation/geaendertDatumZeit")
        ),
        "raw": etree.tostring(element, encoding="unicode"),
    }
    for info in element.findall(_q("versionsinformation")):
        element.remove(info)
    canonical = etree.tostring(element, method="c14n", with_tail=False)
    obj["digest"] = hashlib.sha256(canonical).hexdigest()
    return obj


# -- leistung ------------------------------------------------------------------
_MODULE_RULES = {}
for _code_value, _key, _kind in TEXT_MODULES:
    # The first rule of a code wins (02 and 03 both carry the name).
    _MODULE_RULES.setdefault(_code_value, (_key, _kind))


def _module_value(kind, content):
    if kind == "line":
        return clean_line(html_to_text(content), 500)
    if kind == "text":
        return html_to_text(content)
    if kind == "html":
        return sanitize_html(content)
    if kind == "documents":
        return parse_documents_html(content)
    return content


def _leika_key(element):
    return clean_line(_code(element.find(_q("referenzLeiKa"))), 14)


def read_service(element):
    """The fields of a service (leistung) element."""
    service = {"leika_key": _leika_key(element), "unknown": []}
    for module in _children(element, "modulText"):
        code = _code(module.find(_q("leikaTextmodul")))
        content = _text(module, "inhalt")
        rule = _MODULE_RULES.get(code)
        if rule is None:
            service["unknown"].append(code)
            continue
        key, kind = rule
        if kind in DERIVED_KINDS:
            if kind == "unit_address":
                # The responsible unit's name is the first line (main unit hint).
                service["unit_name"] = html_to_text(content).split("\n")[0]
            continue
        if key not in service:
            service[key] = _module_value(kind, content)
    _read_costs(element, service)
    for tag, key in (
        ("modulBearbeitungsdauer", "processing_time"),
        ("modulFrist", "deadline_text"),
    ):
        module = element.find(_q(tag))
        if module is not None:
            service[key] = html_to_text(_text(module, "beschreibung"))
    return service


def _read_costs(element, service):
    module = element.find(_q("modulKosten"))
    costs = module.find(_q("kosten")) if module is not None else None
    if costs is None:
        return
    fixed = costs.find(_q("betragFix"))
    variable = costs.find(_q("betragVariabel"))
    if fixed is not None:
        service["fee_from"] = _amount(_text(fixed, "betrag"))
    elif variable is not None:
        service["fee_from"] = _amount(_text(variable, "betragUntergrenze"))
        service["fee_to"] = _amount(_text(variable, "betragObergrenze"))
    if description := _text(costs, "beschreibung"):
        service["fee_text"] = html_to_text(description)


# -- organisationseinheit ------------------------------------------------------
def read_org_unit(element):
    """The fields of a unit (organisationseinheit) element."""
    unit = {}
    unit["parent_id"] = _identity(element, "uebergeordneteOrganisationseinheitID")[0]
    unit["name"] = clean_line(_text(element, "name/name"), 500)
    unit["short_name"] = clean_line(_text(element, "kurzbezeichnung"), 500)
    address = element.find(_q("anschrift"))
    if address is not None:
        for tag, key in (
            ("strasse", "street"),
            ("zusatz", "street2"),
            ("postleitzahl", "zip"),
            ("ort", "city"),
        ):
            unit[key] = clean_line(_text(address, tag), 200)
    for contact in _children(element, "kommunikation"):
        key = CHANNELS.get(_code(contact.find(_q("kanal"))))
        if key and not unit.get(key):
            unit[key] = clean_line(_text(contact, "kennung"), 200)
    unit["opening_hours"] = []
    hours = element.find(_q("oeffnungszeiten"))
    if hours is not None:
        for period in _children(hours, "zeitraum"):
            weekday = _code(period.find(_q("wochentag")))
            start, end = _text(period, "zeitVon")[:5], _text(period, "zeitBis")[:5]
            if weekday.isdigit() and 1 <= int(weekday) <= 7 and start and end:
                unit["opening_hours"].append((int(weekday), start, end))
        unit["visiting_hours"] = clean_text(_text(hours, "hinweis"), 2000)
    competences = list(_children(element, "zustaendigkeit"))
    unit["service_ids"] = [
        _identity(competence, "leistungID")[0] for competence in competences
    ]
    # The area the unit answers for: the regional key most of its
    # responsibilities name (the suite keeps one area per unit).
    areas = Counter(
        key
        for competence in competences
        if region_key_problem(key := _identity(competence, "gebietID")[0])
        in (None, "district")
    )
    unit["region_key"] = areas.most_common(1)[0][0] if areas else ""
    return unit


# -- onlinedienst --------------------------------------------------------------
def read_online_service(element):
    """The fields of an onlinedienst element."""
    online = {}
    online["name"] = clean_line(_text(element, "bezeichnung"), 500)
    online["service_id"] = _identity(element, "leistungID")[0]
    online["url"] = clean_line(_text(element, "link/link"), 2000)
    return online


READERS = {
    "leistung": read_service,
    "organisationseinheit": read_org_unit,
    "onlinedienst": read_online_service,
}
# Objects whose fields complete() reads later, from the raw XML.
LAZY_KINDS = ("leistung", "organisationseinheit")
_RAW_PARSER = etree.XMLParser(
    resolve_entities=False, load_dtd=False, no_network=True, remove_comments=True
)


def _read_object(element, kind):
    obj = _common(element, kind)
    if kind == "leistung":
        obj["leika_key"] = _leika_key(element)
    if kind not in LAZY_KINDS:
        obj.update(READERS[kind](element))
    return obj


def complete(obj):
    """obj with all its fields (a light dict of read_document, or one complete
    already)."""
    if obj["kind"] not in LAZY_KINDS or "complete" in obj:
        return obj
    element = etree.fromstring(obj["raw"], _RAW_PARSER)
    return {**obj, **READERS[obj["kind"]](element), "complete": True}


def read_delete(element):
    for kind, tag in DELETE_TAGS.items():
        obj_id, scheme = _identity(element, tag)
        if obj_id:
            return {"kind": "loesche", "target": kind, "id": obj_id, "scheme": scheme}
    return None


def read_header(element):
    return {
        "kind": "nachrichtenkopf",
        "message_uuid": _text(element, "nachrichtUUID"),
        "created": _timestamp(_text(element, "erstelltDatumZeit")),
        "sender": _text(element, "sender"),
    }


# -- the document ----------------------------------------------------------------
def _events(fileobj):
    return etree.iterparse(
        fileobj,
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _check_root(element):
    if element.getroottree().docinfo.doctype:
        raise XZuFiReadError(DOCTYPE)
    if etree.QName(element).namespace != NS:
        raise XZuFiReadError(NAMESPACE, etree.QName(element).namespace or "")
    if _local(element) != ROOT_TAG:
        raise XZuFiReadError(ROOT, _local(element))


def _block_objects(block):
    """The dicts of one top-level block (schreibe, loesche, nachrichtenkopf)."""
    local = _local(block)
    if local == "nachrichtenkopf":
        yield read_header(block)
    elif local == "loesche":
        if (deletion := read_delete(block)) is not None:
            yield deletion
    elif local == "schreibe":
        for child in block:
            if (kind := _local(child)) in READERS:
                yield _read_object(child, kind)


def read_document(fileobj):
    """Yield the objects of one XZuFi document (see module docstring)."""
    depth = 0
    root = None
    try:
        for event, element in _events(fileobj):
            if event == "start":
                depth += 1
                if depth == 1:
                    root = element
                    _check_root(element)
                continue
            depth -= 1
            if depth != 1:
                continue
            yield from _block_objects(element)
            element.clear()
            while element.getprevious() is not None:
                del root[0]
    except etree.XMLSyntaxError as error:
        message = str(error)
        if "DOCTYPE" in message or "Entity" in message or "ENTITY" in message:
            raise XZuFiReadError(DOCTYPE, message) from error
        raise XZuFiReadError(TRUNCATED if root is not None else NOT_XML, message) from (
            error
        )
    if root is None:
        raise XZuFiReadError(NOT_XML)
