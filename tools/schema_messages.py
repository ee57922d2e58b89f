"""Keep the French catalogue of the schemas' descriptions in step with the schemas.

    python tools/schema_messages.py

rewrites src/commons_contracts/i18n/locale/fr/LC_MESSAGES/schemas.po: one entry per description
that the guided entry (`commons-contracts new`) shows, keyed by its English text as the schema
says it (the one source), with its French translation kept; a new description gets an empty
translation to fill in, and one the schemas no longer have is dropped. A test checks that every
description has its translation and that the file is what this script writes.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from commons_contracts.validation.questions import ENTRY_KINDS, help_texts

CATALOGUE = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "commons_contracts"
    / "i18n"
    / "locale"
    / "fr"
    / "LC_MESSAGES"
    / "schemas.po"
)


def wanted() -> list[str]:
    """Every description to translate, sorted."""
    texts: set[str] = set()
    for kind in ENTRY_KINDS:
        texts |= help_texts(kind)
    return sorted(texts)


def render(existing: bytes | None) -> bytes:
    """The catalogue, with the translations of `existing` kept."""
    known = {}
    if existing is not None:
        known = {str(m.id): str(m.string) for m in read_po(io.BytesIO(existing)) if m.id}
    catalog = Catalog(
        locale="fr",
        domain="schemas",
        project="commons-contracts",
        header_comment="# French of the schemas' descriptions, shown by commons-contracts new.\n"
        "# Written by tools/schema_messages.py: edit the translations (msgstr), not the msgid.",
        fuzzy=False,
    )
    for text in wanted():
        catalog.add(text, known.get(text, ""))
    return po_bytes(catalog)


def po_bytes(catalog: Catalog) -> bytes:
    """A catalogue as this repository keeps its .po files (also tools/messages.py's)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True)
    # The header's dates change at every run: drop them, so that the file changes only when a
    # translation does.
    lines = [
        line
        for line in buffer.getvalue().split(b"\n")
        if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date', b'"Generated-By'))
    ]
    return b"\n".join(lines)


if __name__ == "__main__":
    CATALOGUE.write_bytes(render(CATALOGUE.read_bytes() if CATALOGUE.exists() else None))
