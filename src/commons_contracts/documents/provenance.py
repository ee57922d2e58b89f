"""What a rendered document says about itself: the provenance properties, read back without
the rendering libraries (so that `status` and `verify` never import docxtpl). lxml and pypdf
are imported only when a document is read (pypdf takes a tenth of a second to import, which
`sign` without a signed copy never needs).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

# The custom document properties that carry a rendered contract's provenance.
_PROVENANCE_KEYS = (
    "ContractId",
    "TermsSha256",
    "TemplateName",
    "TemplateSha256",
    "ToolVersion",
    "Language",
)


REQUIRED_PROVENANCE = ("ContractId", "TermsSha256", "TemplateSha256", "ToolVersion")
"""What every rendered document says about itself; a statement adds `Period` and `AsOf`."""


# ... and those that a reversal statement carries besides: its period and its as-of date.
_STATEMENT_KEYS = ("Period", "AsOf")


# ... and those of an annual financial report: the commons, the year and the report's date.
_ANNUAL_REPORT_KEYS = ("Commons", "Year", "IssuedOn")


PROVENANCE_KEYS = (*_PROVENANCE_KEYS, *_STATEMENT_KEYS, *_ANNUAL_REPORT_KEYS)
"""Every provenance property a rendered document may carry, in the order they are written."""


def document_properties(source: Path | bytes) -> dict[str, str]:
    """The provenance a rendered document carries in its custom properties (ContractId,
    TermsSha256, TemplateName, TemplateSha256, ToolVersion, Language, and for a reversal
    statement Period and AsOf, for an annual report Commons, Year and IssuedOn), those found;
    other custom properties a template may hold are left out. Empty for a document without
    provenance."""
    data = source.read_bytes() if isinstance(source, Path) else source
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            xml = archive.read("docProps/custom.xml")
        except KeyError:
            return {}
    # lxml comes with python-docx; it has no type stubs.
    from lxml import etree  # type: ignore[import-untyped]  # noqa: PLC0415

    found: dict[str, str] = {}
    for prop in etree.fromstring(xml):
        name = prop.get("name")
        if name in PROVENANCE_KEYS and len(prop):
            found[name] = prop[0].text or ""
    return found


def pdf_provenance(path: Path) -> dict[str, str]:
    """The provenance a PDF declares in its document information (empty if none)."""
    from pypdf import PdfReader  # noqa: PLC0415

    reader = PdfReader(path)
    metadata = reader.metadata
    if metadata is None:
        return {}
    return {key: str(metadata[f"/{key}"]) for key in PROVENANCE_KEYS if f"/{key}" in metadata}


@dataclass(frozen=True)
class SignatureField:
    """A signature field of a PDF form, and whether it holds a signature."""

    name: str
    signed: bool


def signature_fields(path: Path) -> list[SignatureField]:
    """The PDF's signature fields (`/FT /Sig`), signed when they have a value (`/V`). This
    says nothing of the signature's validity: see `verify` with the `signing` extra."""
    from pypdf import PdfReader  # noqa: PLC0415

    fields = PdfReader(path).get_fields() or {}
    return [
        SignatureField(name, field.get("/V") is not None)
        for name, field in sorted(fields.items())
        if field.get("/FT") == "/Sig"
    ]
