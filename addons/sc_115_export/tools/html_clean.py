"""Reduce text and HTML to what an XZuFi text module may carry.

Pure Python (lxml only). Everything returned here is safe to put into an XML
document: no control characters, no lone surrogates, bounded length, and HTML
reduced to the small markup set XZuFi content allows, re-serialized from a tree so
that tags are always balanced whatever the input looked like.
"""

import html
import re

from lxml import etree

# Characters XML 1.0 forbids (C0 controls except TAB/LF/CR, surrogates, U+FFFE/F)
# plus C1 controls and DEL, which portals render as garbage.
_INVALID_XML_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)
_WHITESPACE = re.compile(r"\s+")

ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "br", "strong", "em", "a"})
RENAMED_TAGS = {
    "b": "strong",
    "i": "em",
    "h1": "p",
    "h2": "p",
    "h3": "p",
    "h4": "p",
    "h5": "p",
    "h6": "p",
    "blockquote": "p",
    "pre": "p",
    "tr": "p",
    "dt": "p",
    "dd": "p",
}
# Elements dropped with their whole content (their tail text is kept).
DROPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "head",
        "title",
        "iframe",
        "object",
        "embed",
        "template",
        "noscript",
        "svg",
        "math",
        "form",
        "input",
        "button",
        "select",
        "textarea",
    }
)
# Block elements that may not be nested in one another in the output.
_BLOCKS = frozenset({"p", "ul", "ol", "li"})
# Source elements whose content is set apart by a space when unwrapped.
_SEPARATED = frozenset(
    {"p", "div", "ul", "ol", "li", "tr", "td", "th", "table", "section", "article"}
) | frozenset(RENAMED_TAGS)
_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:)[^\s]+$", re.IGNORECASE)
ELLIPSIS = "\u2026"


def clean_text(value, max_length=None):
    """Plain text without XML-invalid characters, truncated to max_length."""
    if not value:
        return ""
    if not isinstance(value, str):
        value = str(value)
    value = _INVALID_XML_CHARS.sub("", value).strip()
    if max_length is not None and len(value) > max_length:
        value = value[: max(max_length - 1, 0)].rstrip() + ELLIPSIS
    return value


def clean_line(value, max_length=None):
    """Single-line text (names, attributes): whitespace runs become one space."""
    return clean_text(_WHITESPACE.sub(" ", clean_text(value)), max_length)


def safe_url(value):
    """The URL when it is http(s)/mailto/tel and XML-safe, else an empty string."""
    url = clean_line(value, 2000)
    return url if _SAFE_URL.match(url) else ""


class _Budget:
    def __init__(self, limit):
        self.left = limit
        self.exhausted = False

    def take_text(self, text):
        if self.exhausted or not text:
            return ""
        if len(text) <= self.left:
            self.left -= len(text)
            return text
        cut = text[: max(self.left - 1, 0)].rstrip() + ELLIPSIS
        self.left = 0
        self.exhausted = True
        return cut

    def take_element(self, tag, href=""):
        """Reserve room for one element's markup (both tags and the href)."""
        cost = 2 * len(tag) + 5 + (len(href) + 9 if href else 0)
        if self.exhausted:
            return False
        if self.left <= cost:
            self.exhausted = True
            return False
        self.left -= cost
        return True


def _append_text(parent, text):
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _output_tag(source, out_parent, in_block):
    """The allowed tag a source element becomes, or None to unwrap it."""
    if not isinstance(source.tag, str):
        return None
    tag = source.tag.lower()
    tag = RENAMED_TAGS.get(tag, tag)
    if tag not in ALLOWED_TAGS:
        return None
    if tag == "li":
        return "li" if out_parent.tag in ("ul", "ol") else None
    if tag in ("ul", "ol"):
        return tag if out_parent.tag in ("div", "li") else None
    if tag == "p" and in_block:
        return None
    if tag == "a" and not safe_url(source.get("href")):
        return None
    return tag


def _convert(source, out_parent, budget, in_block):
    _append_text(out_parent, budget.take_text(source.text))
    for child in source:
        if budget.exhausted:
            return
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        if tag in DROPPED_TAGS or tag is None:
            # Comments, processing instructions, scripts: content never goes out.
            _append_text(out_parent, budget.take_text(child.tail))
            continue
        out_tag = _output_tag(child, out_parent, in_block)
        href = safe_url(child.get("href")) if out_tag == "a" else ""
        if out_tag and budget.take_element(out_tag, href):
            out = etree.SubElement(out_parent, out_tag)
            if href:
                out.set("href", href)
            _convert(child, out, budget, in_block or out_tag in _BLOCKS)
        else:
            separate = tag in _SEPARATED
            if separate:
                _append_text(out_parent, budget.take_text(" "))
            _convert(child, out_parent, budget, in_block)
            if separate:
                _append_text(out_parent, budget.take_text(" "))
        _append_text(out_parent, budget.take_text(child.tail))


_HTML_PARSER = etree.HTMLParser(no_network=True, recover=True, default_doctype=False)


def _parse(value):
    """The <body> of value parsed as an HTML fragment, None when there is nothing."""
    text = clean_text(value)
    if not text:
        return None
    try:
        root = etree.fromstring(f"<html><body>{text}</body></html>", _HTML_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root.find("body") if root is not None else None


def _serialize(container):
    markup = etree.tostring(container, encoding="unicode", method="xml")
    if markup.endswith("/>"):
        return ""
    inner = markup[len("<div>") : -len("</div>")]
    return inner.strip()


def _has_content(container):
    return bool("".join(container.itertext()).strip())


def sanitize_html(value, max_length=50000):
    """HTML reduced to p, ul, ol, li, br, strong, em, a[href]; '' when empty.

    Text content and markup count against max_length (in characters); when the
    budget runs out the text is cut with an ellipsis and all open tags are
    closed, because the result is serialized from a tree.
    """
    source = _parse(value)
    if source is None:
        return ""
    container = etree.Element("div")
    _convert(source, container, _Budget(max_length), in_block=False)
    return _serialize(container) if _has_content(container) else ""


def text_to_html(value, max_length=50000):
    """Plain text as HTML paragraphs (blank line) and line breaks (newline).

    Built as a string (no tree needed: only escaped text, p and br), which
    matters because it runs for most modules of every service.
    """
    text = clean_text(value)
    if not text:
        return ""
    budget = _Budget(max_length)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines or not budget.take_element("p"):
            continue
        parts = []
        for index, line in enumerate(lines):
            if index and budget.take_element("br"):
                parts.append("<br/>")
            parts.append(html.escape(budget.take_text(line), quote=False))
        paragraphs.append(f"<p>{''.join(parts)}</p>")
        if budget.exhausted:
            break
    return "".join(paragraphs)


def _visible_text(element):
    if element.text and element.text.strip():
        return True
    for child in element:
        if isinstance(child.tag, str) and child.tag.lower() not in DROPPED_TAGS:
            if _visible_text(child):
                return True
        if child.tail and child.tail.strip():
            return True
    return False


def html_has_text(value):
    """True when sanitize_html(value) would keep visible text (cheaper: no output)."""
    source = _parse(value)
    return source is not None and _visible_text(source)


def _block_text(element):
    """Text of one block with <br> as newline, whitespace runs collapsed."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        if tag in ("br", "li"):
            parts.append("\n")
        if tag not in DROPPED_TAGS and tag not in (None, "br"):
            parts.append(_block_text(child))
        parts.append(child.tail or "")
    lines = (_WHITESPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(value):
    """The inverse of text_to_html: paragraphs become blocks separated by a blank
    line, <br> and list items a newline; other markup is reduced to its text."""
    body = _parse(value)
    if body is None:
        return ""
    blocks = []
    loose = etree.Element("p")
    loose.text = body.text
    for child in list(body):
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        if tag in _BLOCKS or tag == "div":
            blocks.append(_block_text(loose))
            loose = etree.Element("p")
            blocks.append(_block_text(child))
            loose.text = child.tail
        else:
            loose.append(child)
    blocks.append(_block_text(loose))
    return "\n\n".join(block for block in blocks if block)


def parse_fragment(value):
    """The <body> element of an HTML fragment parsed safely, None when empty."""
    return _parse(value)
