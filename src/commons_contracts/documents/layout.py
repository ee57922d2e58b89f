"""Headings never left alone at the foot of a page, in the PDF of a document; no line
stretched by an address that cannot break.

A heading (an article's title, "ET :", "PRÉAMBULE") is kept with the next paragraph (`keep
with next`). LibreOffice honours that in short documents, but in a long one its layout loop
gives up after a while and can leave a heading as the last line of a page (seen with
LibreOffice 7.4 on the eight-page hosting contract: a synthetic document of the same length
does not show it, the contract does). So the conversion checks the PDF it made: the PDF's
outline gives the page and the height of every heading, and a heading with no room below it for
two lines of text before the bottom margin is left alone. That heading (or the first paragraph
of the chain kept with it) then gets a page break before it, in a copy of the .docx converted
again. The words, and so the terms, never change: only where a page begins.

Reading the outline costs a few milliseconds a document; extracting the text of every page
would cost seconds. This module reads WordprocessingML and PDF structure, no template.

A justified line is stretched to the margins. An e-mail address or a web address has no place
where a line may break (LibreOffice breaks a URL only after a `/`): when it does not fit at the
end of a line, the whole address goes to the next one and the words left behind are spread
across the line with wide gaps. A justified paragraph that holds such an address is therefore
set ragged right (aligned left) when the document is rendered; the other paragraphs stay
justified. No character is added to the address, which copies out of the PDF as it is.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

# lxml comes with python-docx; it has no type stubs.
from lxml import etree  # type: ignore[import-untyped]
from pypdf import PdfReader

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FALSE = frozenset({"0", "false", "off"})
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")
# In the schema's order of a paragraph's properties, those that come before `pageBreakBefore`.
_BEFORE_BREAK = frozenset(f"{{{_W}}}{tag}" for tag in ("pStyle", "keepNext", "keepLines"))

ROOM_BELOW_HEADING = 60.0
"""The height, in points, that a heading needs above the bottom margin: its own line and space
(about 35 points in the built-in templates) and two lines of the paragraph it is kept with (the
least that widow and orphan control lets a page begin or end with)."""


_ADDRESS = re.compile(r"(?:https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
LONG_ADDRESS = 20
"""The length from which an address in a justified paragraph makes it ragged right: shorter
ones fit at the end of a line with little stretching."""

LONG_TOKEN = 30
"""The length from which any run of characters without a space (a fingerprint of 64
hexadecimal digits) makes a justified paragraph ragged right, as a long address does: no
French or English word is that long, and such a run cannot break either. Groups joined by
no-break spaces (an IBAN, a SIREN) are kept together on purpose and do not count."""

_LONG_TOKEN = re.compile(rf"\S{{{LONG_TOKEN},}}")


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u2011", "-")).strip()


def _text(paragraph: Any) -> str:
    return "".join(
        (node.text or "") if node.tag == _w("t") else " "
        for node in paragraph.iter(_w("t"), _w("tab"))
    )


class _Styles:
    """Each paragraph style's own keep-with-next, outline level and alignment, and what it is
    based on."""

    def __init__(self, styles_xml: bytes | None = None, *, element: Any = None) -> None:
        self.properties: dict[str, Any] = {}
        self.parents: dict[str, str] = {}
        self.default: str | None = None
        if element is None and styles_xml is not None:
            element = etree.fromstring(styles_xml)
        if element is None:
            return
        for style in element.iterchildren(_w("style")):
            style_id = style.get(_w("styleId"))
            paragraph_style = style.get(_w("type")) == "paragraph"
            if paragraph_style and style.get(_w("default")) in {"1", "true", "on"}:
                self.default = style_id
            based = style.find(_w("basedOn"))
            if based is not None:
                self.parents[style_id] = based.get(_w("val"))
            self.properties[style_id] = style.find(_w("pPr"))

    def chain(self, paragraph: Any) -> Iterator[Any]:
        """The paragraph's own properties, then its style's (the default paragraph style when
        it names none), then the styles it is based on."""
        own = paragraph.find(_w("pPr"))
        yield own
        style = own.find(_w("pStyle")) if own is not None else None
        style_id = style.get(_w("val")) if style is not None else self.default
        seen: set[str] = set()
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            yield self.properties.get(style_id)
            style_id = self.parents.get(style_id)

    def keeps_with_next(self, paragraph: Any) -> bool:
        for properties in self.chain(paragraph):
            found = properties.find(_w("keepNext")) if properties is not None else None
            if found is not None:
                return found.get(_w("val")) not in _FALSE
        return False

    def justified(self, paragraph: Any) -> bool:
        """Whether the paragraph is justified (its own alignment, else its style's)."""
        for properties in self.chain(paragraph):
            found = properties.find(_w("jc")) if properties is not None else None
            if found is not None:
                return found.get(_w("val")) in {"both", "distribute"}
        return False

    def outlined(self, paragraph: Any) -> bool:
        """Whether the paragraph has an outline level, so that the PDF's outline lists it."""
        for properties in self.chain(paragraph):
            found = properties.find(_w("outlineLvl")) if properties is not None else None
            if found is not None:
                return int(found.get(_w("val"), "9")) < 9
        return False


def _document(docx: bytes) -> tuple[dict[str, bytes], list[zipfile.ZipInfo]]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        infos = archive.infolist()
        return {info.filename: archive.read(info.filename) for info in infos}, infos


def _outline(pdf: bytes) -> list[tuple[str, int, float]]:
    """The entries of a PDF's outline in order: title, page index, height of the top."""
    reader = PdfReader(io.BytesIO(pdf))

    def entries(items: Iterable[Any]) -> Iterator[tuple[str, int, float]]:
        for item in items:
            if isinstance(item, list):
                yield from entries(item)
            elif "/Top" in item:
                page = reader.get_destination_page_number(item)
                if page is not None:
                    yield _normal(str(item["/Title"])), page, float(item["/Top"])

    return list(entries(reader.outline))


def orphans(pdf: bytes, docx: bytes) -> list[int]:
    """The positions, among the body's paragraphs of `docx`, of the headings that `pdf` (its
    PDF) leaves without room below them for two lines before the page's bottom margin."""
    contents, _ = _document(docx)
    body = etree.fromstring(contents["word/document.xml"]).find(_w("body"))
    styles = _Styles(contents.get("word/styles.xml"))
    bottom = _bottom_margin(body)
    paragraphs = list(body.iterchildren(_w("p")))
    headings = [
        (index, _normal(_text(paragraph)))
        for index, paragraph in enumerate(paragraphs)
        if styles.outlined(paragraph) and _text(paragraph).strip()
    ]
    found = []
    remaining = iter(headings)
    for title, _, top in _outline(pdf):
        for index, text in remaining:
            if text == title:
                if top - ROOM_BELOW_HEADING < bottom and styles.keeps_with_next(paragraphs[index]):
                    found.append(index)
                break
    return found


def _bottom_margin(body: Any) -> float:
    """The height of the bottom margin of the document's (last) section, in points."""
    margins = body.find(f"{_w('sectPr')}/{_w('pgMar')}")
    twips = margins.get(_w("bottom")) if margins is not None else None
    return int(twips) / 20 if twips else 72.0


def with_page_breaks(docx: bytes, positions: Iterable[int]) -> bytes:
    """A copy of `docx` where each paragraph at one of `positions` among the body's paragraphs
    (or the first of the paragraphs kept with the next one before it) begins a new page."""
    contents, infos = _document(docx)
    root = etree.fromstring(contents["word/document.xml"])
    styles = _Styles(contents.get("word/styles.xml"))
    paragraphs: Sequence[Any] = list(root.find(_w("body")).iterchildren(_w("p")))
    for position in positions:
        first = position
        while (
            first > 0
            and styles.keeps_with_next(paragraphs[first - 1])
            and paragraphs[first - 1].getnext() is paragraphs[first]  # no table between
        ):
            first -= 1
        _break_before(paragraphs[first])
    contents["word/document.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            target.writestr(info, contents[info.filename])
    return output.getvalue()


def _break_before(paragraph: Any) -> None:
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        properties = etree.Element(_w("pPr"))
        paragraph.insert(0, properties)
    if properties.find(_w("pageBreakBefore")) is not None:
        return
    before = [child for child in properties if child.tag in _BEFORE_BREAK]
    place = list(properties).index(before[-1]) + 1 if before else 0
    properties.insert(place, etree.Element(_w("pageBreakBefore")))


def ragged_addresses(body: Any, styles: Any) -> int:
    """Set ragged right (aligned left) each justified paragraph of `body` (a document's body
    element, tables included) that holds an e-mail or web address of `LONG_ADDRESS`
    characters or more, or any other run of `LONG_TOKEN` characters without a space; `styles`
    is the document's styles element. The number of paragraphs changed."""
    # Only the paragraphs with an `@`, a `://` or a text of `LONG_TOKEN` characters can hold
    # either: XPath finds them in lxml's C code, without visiting every paragraph (the rows of
    # a long statement) in Python.
    candidates = dict.fromkeys(_MAY_HOLD_ADDRESS(body))
    if not candidates:
        return 0
    known = _Styles(element=styles)
    changed = 0
    for paragraph in candidates:
        text = _text(paragraph)
        unbreakable = _LONG_TOKEN.search(text) is not None or any(
            len(address) >= LONG_ADDRESS for address in _ADDRESS.findall(text)
        )
        if unbreakable and known.justified(paragraph):
            _align_left(paragraph)
            changed += 1
    return changed


_MAY_HOLD_ADDRESS = etree.XPath(
    ".//w:p[.//w:t[contains(text(), '@') or contains(text(), '://')"
    f" or string-length(text()) >= {LONG_TOKEN}]]",
    namespaces={"w": _W},
)


# In the schema's order of a paragraph's properties, those that come after `jc`.
_AFTER_JC = frozenset(
    _w(tag)
    for tag in (
        "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
        "cnfStyle", "rPr", "sectPr", "pPrChange",
    )
)  # fmt: skip


def _align_left(paragraph: Any) -> None:
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        properties = etree.Element(_w("pPr"))
        paragraph.insert(0, properties)
    found = properties.find(_w("jc"))
    if found is None:
        found = etree.Element(_w("jc"))
        after = [child for child in properties if child.tag in _AFTER_JC]
        if after:
            after[0].addprevious(found)
        else:
            properties.append(found)
    found.set(_w("val"), "left")
