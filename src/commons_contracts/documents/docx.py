"""The .docx package of a rendered document: its properties, and bytes that never change.

The same registry gives the same bytes: zip entries carry a fixed date, the document dates
come from the data (a contract's effective date, a statement's as-of date), and the provenance
is written into the document properties after rendering, where no template tag can reach it.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Mapping
from typing import Any

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part

# lxml comes with python-docx; it has no type stubs.
from lxml import etree  # type: ignore[import-untyped]

_DOCUMENT_LANGUAGE = {"fr": "fr-FR", "en": "en-GB"}


_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


# The format id that Word gives every user-defined property.
_USER_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _document_title(document: Any, fallback: str) -> str:
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Title":
            text = " ".join(paragraph.text.split())
            if text:
                return text
    return fallback


def midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day)


MAX_PROPERTY_LENGTH = 255
"""Longest text of a core property that python-docx writes (Word's own limit of 255)."""


def fitting_property(text: str) -> str:
    """`text` as a core property: cut at :data:`MAX_PROPERTY_LENGTH` characters, ending in `…`
    when cut (a party's name of 300 characters is valid data; the document's text keeps it
    whole, only its properties are shortened)."""
    if len(text) <= MAX_PROPERTY_LENGTH:
        return text
    return text[: MAX_PROPERTY_LENGTH - 1].rstrip() + "…"


def write_core_properties(
    document: Any,
    *,
    identifier: str,
    subject: str,
    author: str,
    category: str,
    keywords: str,
    comments: str,
    lang: str,
    day: datetime.date,
) -> None:
    """Set every core property a rendered document carries; the title is the document's first
    `Title` paragraph (else `identifier`), the creation and modification dates are `day`."""
    properties = document.core_properties
    properties.title = fitting_property(_document_title(document, identifier))
    properties.subject = fitting_property(subject)
    properties.author = fitting_property(author)
    properties.identifier = fitting_property(identifier)
    properties.keywords = fitting_property(keywords)
    properties.category = fitting_property(category)
    properties.comments = fitting_property(comments)
    properties.language = _DOCUMENT_LANGUAGE[lang]
    properties.revision = 1
    created = midnight(day)
    properties.created = created
    properties.modified = created


def _custom_properties_xml(existing: bytes | None, values: Mapping[str, str]) -> bytes:
    """docProps/custom.xml holding `values`, keeping the template's other properties."""
    namespaces = {None: _CUSTOM_NS, "vt": _VT_NS}
    if existing:
        root = etree.fromstring(existing)
        for prop in list(root):
            if prop.get("name") in values:
                root.remove(prop)
    else:
        root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap=namespaces)
    for name, value in values.items():
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property")
        prop.set("fmtid", _USER_FMTID)
        prop.set("name", name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    # Property ids are sequential from 2, as Word numbers them.
    for pid, prop in enumerate(root, start=2):
        prop.set("pid", str(pid))
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml


def set_custom_properties(document: Any, values: Mapping[str, str]) -> None:
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.CUSTOM_PROPERTIES:
            part = rel.target_part
            part._blob = _custom_properties_xml(part.blob, values)
            return
    part = Part(
        PackURI("/docProps/custom.xml"),
        CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
        _custom_properties_xml(None, values),
        package,
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def blank_rendered_properties(document: Any) -> None:
    # docxtpl renders these core properties through Jinja, which escapes `&` twice with
    # autoescape on; they are all set after rendering, so give docxtpl nothing to render.
    properties = document.core_properties
    for name in ("author", "comments", "identifier", "language", "subject", "title"):
        setattr(properties, name, "")


def normalize_docx(data: bytes, timestamp: datetime.datetime) -> bytes:
    """The same .docx with every zip entry dated `timestamp` and stored in a stable order
    (`[Content_Types].xml` first, then by name), so that equal content gives equal bytes.

    python-docx stamps the current time into each entry; this is what makes two renders of
    the same contract byte-identical, and a rendered file's SHA-256 a stable identity.
    """
    stamp = timestamp.timetuple()[:6]
    # Zip dates run from 1980 to 2107.
    stamp = max((1980, 1, 1, 0, 0, 0), min(stamp, (2107, 12, 31, 23, 59, 58)))
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        names = sorted(source.namelist(), key=lambda name: (name != "[Content_Types].xml", name))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same bytes on every platform
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return output.getvalue()
