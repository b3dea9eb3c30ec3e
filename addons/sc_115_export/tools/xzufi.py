"""Streaming XZuFi 2.2.0 writer (pure Python, lxml ``etree.xmlfile``).

Input is plain data (dicts, any iterables), never ORM records, so the writer can
be fed by set-based queries in batches and tested on its own. Each object is
built as a small element tree, written and forgotten: memory stays bounded by
the largest single object, not by the catalog.

Input shapes (missing optional keys are treated as empty):

* service: ``id`` (str), ``leika_key`` (14 digits), ``name``, ``summary`` (text),
  ``description`` (HTML, the Volltext), ``legal_basis`` (text), ``documents``
  (list of dicts ``name``, ``kind`` original/copy/either, ``mandatory``,
  ``note``), ``prerequisites``, ``procedure``, ``form_links``, ``further_info``,
  ``notes`` (HTML), ``responsible_unit`` (org unit dict, see below),
  ``fee_from``/``fee_to`` (float or None), ``fee_text``, ``deadline_text``,
  ``processing_time`` (text), ``modified`` (naive UTC datetime).
* org unit: ``id``, ``name``, ``short_name``, ``parent_id``, ``street``,
  ``street2``, ``zip``, ``city``, ``phone``, ``email``, ``website``,
  ``opening_hours`` (iterable of ``(weekday 1=Monday..7, "HH:MM", "HH:MM")``),
  ``visiting_hours`` (text), ``service_ids`` (ids of the services it is
  responsible for, one ``zustaendigkeit`` each), ``modified``.
* online service: ``id``, ``name``, ``url``, ``service_id``, ``modified``.

The generator is strict: data that would make an invalid document raises
:class:`XZuFiError` before anything of that object is written. Callers filter
with :func:`odoo.addons.sc_115_export.tools.publishability.skip_reason` first.
"""

import contextlib
import re
import uuid
from datetime import datetime, timezone

from lxml import etree

from odoo.addons.sc_knowledge.tools import LEIKA_KEY
from odoo.addons.sc_knowledge.tools.links import web_url
from odoo.addons.sc_knowledge.tools.region import region_key_problem

from .html_clean import (
    clean_line,
    clean_text,
    html_to_text,
    parse_fragment,
    sanitize_html,
    text_to_html,
)

NS = "http://xoev.de/schemata/xzufi/2_2_0"
NSMAP = {"xzufi": NS}
XZUFI_VERSION = "2.2.0"
ROOT_TAG = "transfer.operation.060101"
PRODUCT_NAME = "Servicecenter (Odoo)"
PRODUCT_VENDOR = "Servicecenter contributors"

LIST_TEXTMODUL = ("urn:de:xzufi:codeliste:leistungstextmodulleika", "1.2")
LIST_LEIKA = ("urn:de:fim:leika:leistung", "1")
LIST_LINKTYP = ("urn:xoev-de:fim:codeliste:onlinedienstlinktyp", "1")
LIST_ERREICHBARKEIT = ("urn:de:xoev:codeliste:erreichbarkeit", "3")
LIST_ANSCHRIFTTYP = ("urn:xoev-de:fim:codeliste:anschrifttyp", "1")
LIST_WOCHENTAG = ("urn:xoev-de:fim:codeliste:wochentag", "1")
LIST_KOSTENTYP = ("urn:xoev-de:fim:codeliste:kostentyp", "1")

# Text modules filled from service fields, in display order: (code, key, kind).
TEXT_MODULES = (
    ("02", "name", "line"),
    ("03", "name", "line"),
    ("05", "summary", "text"),
    ("06", "description", "html"),
    ("07", "legal_basis", "text"),
    ("08", "documents", "documents"),
    ("09", "prerequisites", "html"),
    ("11", "procedure", "html"),
    ("14", "form_links", "html"),
    ("15", "further_info", "html"),
    ("16", "notes", "html"),
    ("22", "responsible_unit", "unit_address"),
    ("23", "responsible_unit", "unit_contact"),
)
# Writer/reader key -> sc.service field for the keys that are plain fields: the
# export reads these fields into the writer's dict, the import writes them back.
SERVICE_FIELDS = {
    "leika_key": "leika_key",
    "name": "name",
    "summary": "summary",
    "description": "description",
    "legal_basis": "legal_basis",
    "prerequisites": "prerequisites",
    "procedure": "procedure",
    "form_links": "form_links",
    "fee_from": "fee_amount_from",
    "fee_to": "fee_amount_to",
    "fee_text": "fee_text",
    "processing_time": "processing_time",
    "deadline_text": "deadline_text",
}
MODULE_COSTS = "10"
MODULE_PROCESSING_TIME = "12"
MODULE_DEADLINE = "13"
LINK_TYPE_ONLINE_SERVICE = "01"
CHANNEL_EMAIL = "01"
CHANNEL_PHONE = "02"
CHANNEL_WEB = "09"

DELETE_TAGS = {
    "leistung": "leistungID",
    "organisationseinheit": "organisationseinheitID",
    "onlinedienst": "onlinedienstID",
}

MAX_TEXT = 50000
MAX_LINE = 500

# Exported content is German (languageCode="de"): these labels are data, not UI.
DOCUMENT_KINDS = {
    "original": "im Original",
    "copy": "als Kopie",
    "either": "im Original oder als Kopie",
}
LABEL_OPTIONAL = "falls zutreffend"
LABEL_PHONE = "Telefon"
LABEL_EMAIL = "E-Mail"
LABEL_VISITING_HOURS = "Sprechzeiten"

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DOCUMENT_LINE = re.compile(r"^(?P<name>.+) \((?P<details>[^()]*)\)$")


class XZuFiError(ValueError):
    """Input that would produce an invalid XZuFi document."""


_QUALIFIED = {}


def _q(tag):
    qualified = _QUALIFIED.get(tag)
    if qualified is None:
        qualified = _QUALIFIED[tag] = f"{{{NS}}}{tag}"
    return qualified


def _sub(parent, tag, text=None, **attrib):
    if attrib:
        attrib = {key: value for key, value in attrib.items() if value}
    element = etree.SubElement(parent, _q(tag), attrib)
    if text is not None:
        element.text = text
    return element


def _code(parent, tag, code_list, code):
    """XÖV code element: listURI/listVersionID on the parent, unqualified code."""
    element = _sub(parent, tag, listURI=code_list[0], listVersionID=code_list[1])
    etree.SubElement(element, "code").text = code
    return element


def _timestamp(value):
    if value is None:
        value = datetime.now(timezone.utc).replace(tzinfo=None)
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat() + "Z"


def _amount(value):
    return f"{float(value):.2f}"


def _require(value, what, obj_id):
    if not value:
        raise XZuFiError(f"{what} missing for {obj_id!r}")
    return value


def _object_id(obj):
    value = clean_line(obj.get("id"), 100)
    return _require(value, "id", obj.get("id"))


def documents_html(documents, max_length=MAX_TEXT):
    """The list of required documents as one HTML list (module 08)."""
    items = []
    for document in documents or ():
        name = clean_line(document.get("name"), MAX_LINE)
        if not name:
            continue
        details = [DOCUMENT_KINDS.get(document.get("kind"), "")]
        if not document.get("mandatory"):
            details.append(LABEL_OPTIONAL)
        details = ", ".join(d for d in details if d)
        note = clean_line(document.get("note"), MAX_LINE)
        item = etree.Element("li")
        item.text = f"{name} ({details})" if details else name
        if note:
            etree.SubElement(item, "br").tail = note
        items.append(etree.tostring(item, encoding="unicode"))
    return sanitize_html(f"<ul>{''.join(items)}</ul>", max_length) if items else ""


def parse_documents_html(value):
    """The inverse of documents_html: list of dicts name, kind, mandatory, note.

    A list item the writer did not shape that way keeps its whole text as name
    (kind "either", mandatory).
    """
    body = parse_fragment(value)
    if body is None:
        return []
    kinds = {label: kind for kind, label in DOCUMENT_KINDS.items()}
    documents = []
    for item in body.iter("li"):
        text = html_to_text(etree.tostring(item, encoding="unicode"))
        lines = [line for line in text.split("\n") if line]
        if not lines:
            continue
        document = {"name": lines[0], "kind": "either", "mandatory": True}
        match = _DOCUMENT_LINE.match(lines[0])
        if match:
            details = match["details"].split(", ")
            if details[-1] == LABEL_OPTIONAL:
                document["mandatory"] = False
                details.pop()
            if len(details) == 1 and details[0] in kinds:
                document.update(name=match["name"], kind=kinds[details[0]])
            elif not details:
                document["name"] = match["name"]
            else:
                document["mandatory"] = True
        document["note"] = " ".join(lines[1:])
        documents.append(document)
    return documents


def _address_lines(unit):
    lines = [clean_line(unit.get("name"), MAX_LINE)]
    lines += [clean_line(unit.get(key), MAX_LINE) for key in ("street", "street2")]
    lines.append(
        " ".join(
            filter(
                None,
                (clean_line(unit.get("zip"), 10), clean_line(unit.get("city"), 100)),
            )
        )
    )
    return [line for line in lines if line]


def unit_address_html(unit, max_length=MAX_TEXT):
    """Module 22 (Zuständige Stelle): the unit's name and postal address."""
    if not unit:
        return ""
    return text_to_html("\n".join(_address_lines(unit)), max_length)


def unit_contact_html(unit, max_length=MAX_TEXT):
    """Module 23 (Ansprechpunkt): phone, e-mail and visiting hours."""
    if not unit:
        return ""
    lines = [clean_line(unit.get("name"), MAX_LINE)]
    if phone := clean_line(unit.get("phone"), 100):
        lines.append(f"{LABEL_PHONE}: {phone}")
    if email := clean_line(unit.get("email"), 200):
        lines.append(f"{LABEL_EMAIL}: {email}")
    if hours := clean_text(unit.get("visiting_hours"), 2000):
        lines.append(f"{LABEL_VISITING_HOURS}: {hours}")
    return text_to_html("\n".join(lines), max_length) if len(lines) > 1 else ""


def module_content(kind, value, max_length=MAX_TEXT):
    """HTML content of one text module, '' when there is nothing to say."""
    if kind == "line":
        return clean_line(value, MAX_LINE) and text_to_html(clean_line(value, MAX_LINE))
    if kind == "text":
        return text_to_html(value, max_length)
    if kind == "html":
        return sanitize_html(value, max_length)
    if kind == "documents":
        return documents_html(value, max_length)
    if kind == "unit_address":
        return unit_address_html(value, max_length)
    if kind == "unit_contact":
        return unit_contact_html(value, max_length)
    raise XZuFiError(f"unknown text module kind {kind!r}")


class XZuFiWriter:
    """Context manager writing one XZuFi 2.2.0 transfer document incrementally.

    ``with XZuFiWriter(fileobj, ...) as writer: writer.write_service(...)``
    """

    def __init__(
        self,
        fileobj,
        *,
        scheme_agency_id,
        region_key,
        sender,
        recipient="PVOG",
        product_version="18.0.1.0.0",
        message_uuid=None,
        created=None,
        max_text=MAX_TEXT,
    ):
        self.scheme_agency_id = clean_line(scheme_agency_id, 100)
        if not self.scheme_agency_id:
            raise XZuFiError("schemeAgencyID missing")
        if region_key_problem(region_key):
            raise XZuFiError(f"invalid Amtlicher Regionalschlüssel {region_key!r}")
        self.region_key = region_key
        self.sender = clean_line(sender, MAX_LINE) or self.scheme_agency_id
        self.recipient = clean_line(recipient, MAX_LINE)
        self.product_version = clean_line(product_version, 50)
        self.message_uuid = message_uuid or str(uuid.uuid4())
        self.created = created
        self.max_text = max_text
        self.fileobj = fileobj
        # Modules 22/23 repeat for every service of a unit: built once per unit id.
        self._unit_modules = {}
        self.counts = {
            "leistung": 0,
            "organisationseinheit": 0,
            "onlinedienst": 0,
            "loesche": 0,
        }
        self._stack = None
        self._xf = None

    def __enter__(self):
        self._stack = contextlib.ExitStack()
        self._xf = self._stack.enter_context(
            etree.xmlfile(self.fileobj, encoding="utf-8")
        )
        self._xf.write_declaration()
        self._stack.enter_context(
            self._xf.element(
                _q(ROOT_TAG),
                {
                    "xzufiVersion": XZUFI_VERSION,
                    "produktbezeichnung": PRODUCT_NAME,
                    "produkthersteller": PRODUCT_VENDOR,
                    "produktversion": self.product_version,
                },
                nsmap=NSMAP,
            )
        )
        self._xf.write(self._header())
        return self

    def __exit__(self, *exc_info):
        return self._stack.__exit__(*exc_info)

    # -- building blocks ---------------------------------------------------
    def _header(self):
        header = etree.Element(_q("nachrichtenkopf"), nsmap=NSMAP)
        _sub(header, "nachrichtUUID", self.message_uuid)
        _sub(header, "erstelltDatumZeit", _timestamp(self.created))
        _sub(header, "sender", self.sender)
        if self.recipient:
            _sub(header, "empfaenger", self.recipient)
        return header

    def _id(self, parent, tag, value):
        return _sub(parent, tag, value, schemeAgencyID=self.scheme_agency_id)

    def _emit(self, kind, element):
        block = etree.Element(_q("schreibe"), nsmap=NSMAP)
        block.append(element)
        self._xf.write(block)
        self.counts[kind] += 1

    def _version(self, parent, obj):
        info = _sub(parent, "versionsinformation")
        _sub(info, "geaendertDatumZeit", _timestamp(obj.get("modified")))

    # -- leistung ----------------------------------------------------------
    def build_service(self, service):
        """The ``leistung`` element of one service (raises XZuFiError)."""
        service_id = _object_id(service)
        leika_key = clean_line(service.get("leika_key"), 14)
        if not LEIKA_KEY.match(leika_key):
            raise XZuFiError(f"LeiKa key must have 14 digits for {service_id!r}")
        _require(clean_line(service.get("name")), "name", service_id)
        _require(service.get("responsible_unit"), "responsible unit", service_id)
        element = etree.Element(_q("leistung"))
        self._id(element, "id", service_id)
        _code(element, "referenzLeiKa", LIST_LEIKA, leika_key)
        position = 0
        modules = {}
        for code, key, kind in TEXT_MODULES:
            content = self._module_content(kind, service.get(key))
            if not content:
                continue
            position += 1
            modules[code] = True
            module = _sub(element, "modulText")
            _code(module, "leikaTextmodul", LIST_TEXTMODUL, code)
            _sub(module, "positionDarstellung", str(position))
            _sub(module, "inhalt", content, languageCode="de")
        if "06" not in modules:
            raise XZuFiError(f"Volltext (module 06) empty for {service_id!r}")
        position = self._costs(element, service, position)
        position = self._typed_text(
            element,
            "modulBearbeitungsdauer",
            MODULE_PROCESSING_TIME,
            service.get("processing_time"),
            position,
        )
        self._typed_text(
            element,
            "modulFrist",
            MODULE_DEADLINE,
            service.get("deadline_text"),
            position,
        )
        self._version(element, service)
        return element

    def _module_content(self, kind, value):
        if kind not in ("unit_address", "unit_contact") or not (
            value and value.get("id")
        ):
            return module_content(kind, value, self.max_text)
        key = (kind, value["id"])
        if key not in self._unit_modules:
            self._unit_modules[key] = module_content(kind, value, self.max_text)
        return self._unit_modules[key]

    def _costs(self, element, service, position):
        fee_from, fee_to = service.get("fee_from"), service.get("fee_to")
        description = text_to_html(service.get("fee_text"), self.max_text)
        if not (fee_from or fee_to or description):
            return position
        position += 1
        module = _sub(element, "modulKosten")
        _code(module, "leikaTextmodul", LIST_TEXTMODUL, MODULE_COSTS)
        _sub(module, "positionDarstellung", str(position))
        costs = _sub(module, "kosten")
        if fee_from and fee_to and fee_to > fee_from:
            _code(costs, "typ", LIST_KOSTENTYP, "02")
            amount = _sub(costs, "betragVariabel")
            _sub(amount, "betragUntergrenze", _amount(fee_from))
            _sub(amount, "betragObergrenze", _amount(fee_to))
            _sub(amount, "waehrungID", "EUR")
        elif fee_from or fee_to:
            _code(costs, "typ", LIST_KOSTENTYP, "01")
            amount = _sub(costs, "betragFix")
            _sub(amount, "betrag", _amount(fee_from or fee_to))
            _sub(amount, "waehrungID", "EUR")
        if description:
            _sub(costs, "beschreibung", description, languageCode="de")
        return position

    def _typed_text(self, element, tag, code, value, position):
        content = text_to_html(value, self.max_text)
        if not content:
            return position
        position += 1
        module = _sub(element, tag)
        _code(module, "leikaTextmodul", LIST_TEXTMODUL, code)
        _sub(module, "positionDarstellung", str(position))
        _sub(module, "beschreibung", content, languageCode="de")
        return position

    def write_service(self, service):
        self._emit("leistung", self.build_service(service))

    # -- organisationseinheit ----------------------------------------------
    def build_org_unit(self, unit):
        unit_id = _object_id(unit)
        name = _require(clean_line(unit.get("name"), MAX_LINE), "name", unit_id)
        element = etree.Element(_q("organisationseinheit"))
        self._id(element, "id", unit_id)
        if parent_id := clean_line(unit.get("parent_id"), 100):
            self._id(element, "uebergeordneteOrganisationseinheitID", parent_id)
        names = _sub(element, "name")
        _sub(names, "name", name, languageCode="de")
        if short_name := clean_line(unit.get("short_name"), MAX_LINE):
            _sub(element, "kurzbezeichnung", short_name, languageCode="de")
        self._address(element, unit)
        self._contacts(element, unit)
        self._opening_hours(element, unit)
        for service_id in unit.get("service_ids") or ():
            service_id = _require(clean_line(service_id, 100), "leistungID", unit_id)
            competence = _sub(element, "zustaendigkeit")
            self._id(competence, "leistungID", service_id)
            self._id(competence, "gebietID", unit.get("region_key") or self.region_key)
        self._version(element, unit)
        return element

    def _address(self, element, unit):
        street = clean_line(unit.get("street"), 200)
        city = clean_line(unit.get("city"), 100)
        if not (street or city):
            return
        address = _sub(element, "anschrift")
        _code(address, "typ", LIST_ANSCHRIFTTYP, "001")
        if street:
            _sub(address, "strasse", street)
        if street2 := clean_line(unit.get("street2"), 200):
            _sub(address, "zusatz", street2)
        if zip_code := clean_line(unit.get("zip"), 10):
            _sub(address, "postleitzahl", zip_code)
        if city:
            _sub(address, "ort", city)

    def _contacts(self, element, unit):
        for channel, value in (
            (CHANNEL_PHONE, clean_line(unit.get("phone"), 100)),
            (CHANNEL_EMAIL, clean_line(unit.get("email"), 200)),
            (CHANNEL_WEB, web_url(unit.get("website"))),
        ):
            if value:
                contact = _sub(element, "kommunikation")
                _code(contact, "kanal", LIST_ERREICHBARKEIT, channel)
                _sub(contact, "kennung", value)

    def _opening_hours(self, element, unit):
        slots = []
        for weekday, start, end in unit.get("opening_hours") or ():
            if not (1 <= int(weekday) <= 7 and _TIME.match(start) and _TIME.match(end)):
                raise XZuFiError(f"invalid opening hours {weekday, start, end!r}")
            if start < end:
                slots.append((int(weekday), start, end))
        note = clean_text(unit.get("visiting_hours"), 2000)
        if not (slots or note):
            return
        hours = _sub(element, "oeffnungszeiten")
        for weekday, start, end in sorted(slots):
            day = _sub(hours, "zeitraum")
            _code(day, "wochentag", LIST_WOCHENTAG, str(weekday))
            _sub(day, "zeitVon", f"{start}:00")
            _sub(day, "zeitBis", f"{end}:00")
        if note:
            _sub(hours, "hinweis", note, languageCode="de")

    def write_org_unit(self, unit):
        self._emit("organisationseinheit", self.build_org_unit(unit))

    # -- onlinedienst ------------------------------------------------------
    def build_online_service(self, online_service):
        service_id = _object_id(online_service)
        name = _require(
            clean_line(online_service.get("name"), MAX_LINE), "name", service_id
        )
        url = _require(web_url(online_service.get("url")), "http(s) link", service_id)
        element = etree.Element(_q("onlinedienst"))
        self._id(element, "id", service_id)
        _sub(element, "bezeichnung", name, languageCode="de")
        if leistung_id := clean_line(online_service.get("service_id"), 100):
            self._id(element, "leistungID", leistung_id)
        link = _sub(element, "link")
        _code(link, "typ", LIST_LINKTYP, LINK_TYPE_ONLINE_SERVICE)
        _sub(link, "link", url)
        self._version(element, online_service)
        return element

    def write_online_service(self, online_service):
        self._emit("onlinedienst", self.build_online_service(online_service))

    # -- loesche -----------------------------------------------------------
    def write_delete(self, kind, obj_id):
        """A ``loesche`` block withdrawing an object sent earlier.

        kind: "leistung", "organisationseinheit" or "onlinedienst".
        """
        if kind not in DELETE_TAGS:
            raise XZuFiError(f"cannot delete objects of kind {kind!r}")
        obj_id = _require(clean_line(obj_id, 100), "id", obj_id)
        block = etree.Element(_q("loesche"), nsmap=NSMAP)
        self._id(block, DELETE_TAGS[kind], obj_id)
        self._xf.write(block)
        self.counts["loesche"] += 1


def write_document(
    fileobj, *, services=(), org_units=(), online_services=(), deletions=(), **options
):
    """Write one complete document; returns the counts per object kind.

    deletions: iterable of (kind, id) pairs, written first as ``loesche`` blocks.
    """
    with XZuFiWriter(fileobj, **options) as writer:
        for kind, obj_id in deletions:
            writer.write_delete(kind, obj_id)
        for service in services:
            writer.write_service(service)
        for unit in org_units:
            writer.write_org_unit(unit)
        for online_service in online_services:
            writer.write_online_service(online_service)
    return writer.counts
