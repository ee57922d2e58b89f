"""Keep the gettext catalogue of the command line (`commons_contracts` domain) in step.

    python tools/messages.py

does, with Babel, what these three commands do (docs/language.md):

    pybabel extract -F babel.cfg --no-location --omit-header -k _ -k ngettext:1,2 \
        -o src/commons_contracts/i18n/locale/commons_contracts.pot .
    pybabel update -i src/commons_contracts/i18n/locale/commons_contracts.pot \
        -d src/commons_contracts/i18n/locale -D commons_contracts -l fr --no-fuzzy-matching
    pybabel compile -d src/commons_contracts/i18n/locale -D commons_contracts

that is: every message marked with `_()` or `ngettext()` in the package, as the code says it
(English); the French catalogue `locale/fr/LC_MESSAGES/commons_contracts.po` with its
translations kept, a new message added with an empty translation to fill in, one the code no
longer has dropped; and the compiled `.mo` that ships with the package. Without dates in the
headers, so that the files change only when a message does. `tests/test_language.py` checks
that the files are what this script writes and that every message has its French.
"""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from schema_messages import po_bytes

REPOSITORY = Path(__file__).resolve().parents[1]
PACKAGE = REPOSITORY / "src" / "commons_contracts"
LOCALE = PACKAGE / "i18n" / "locale"
DOMAIN = "commons_contracts"
LANGUAGES = ("fr",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    """Every message of the package's code, sorted."""
    catalog = Catalog(project="commons-contracts", domain=DOMAIN, fuzzy=False)
    method_map = [("**.py", "python")]
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        catalog.add(message, flags=("python-brace-format",))
    return catalog


def po_text(lang: str, existing: bytes | None) -> bytes:
    """The catalogue of `lang`, with the translations of `existing` kept."""
    known: dict[object, object] = {}
    if existing is not None:
        known = {m.id: m.string for m in read_po(io.BytesIO(existing)) if m.id}
    catalog = Catalog(
        locale=lang,
        domain=DOMAIN,
        project="commons-contracts",
        header_comment="# The command line's messages in French (commons_contracts domain).\n"
        "# Written by tools/messages.py: edit the translations (msgstr), not the msgid.",
        fuzzy=False,
    )
    for message in extracted():
        string = known.get(message.id)
        if string is None:
            string = ("", "") if isinstance(message.id, tuple) else ""
        catalog.add(message.id, string, flags=message.flags)
    return po_bytes(catalog)


def mo_bytes(po: bytes, lang: str) -> bytes:
    """The compiled form of a catalogue."""
    catalog = read_po(io.BytesIO(po), locale=lang)
    # Fixed dates, so that the same catalogue always compiles to the same bytes.
    catalog.creation_date = catalog.revision_date = datetime.datetime(
        2026, 1, 1, tzinfo=datetime.UTC
    )
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main() -> int:
    for lang in LANGUAGES:
        folder = LOCALE / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        po_path = folder / f"{DOMAIN}.po"
        po = po_text(lang, po_path.read_bytes() if po_path.exists() else None)
        po_path.write_bytes(po)
        (folder / f"{DOMAIN}.mo").write_bytes(mo_bytes(po, lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
