"""Every user-facing string of the documents, tables and report, in French and English.

The strings live in one file, `messages.json` beside this module: for each language, a mapping
of message ids to their text, with `{name}` placeholders (Python's brace format, which gettext
tools know as `python-brace-format`) and plural forms as two ids ending in `_one` and `_other`.
A test holds both languages to the same ids and the same placeholders. Wording that belongs to
a legal document is in its template, not here.

The explanations of the fields are the schemas' descriptions, written once, in English, in
`schemas/`; their French is a gettext catalogue keyed by that English text,
`locale/fr/LC_MESSAGES/schemas.po` (:func:`schema_text`), kept in step by
`tools/schema_messages.py` and a test.
"""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

from commons_contracts.i18n.languages import check_language

_HERE = Path(__file__).parent
"""This package's folder, which holds its tables and catalogues (as gettext's are found in
:mod:`commons_contracts.i18n.translation`)."""


@functools.cache
def messages(lang: str) -> MappingProxyType[str, str]:
    """Every message of `lang` by id (a :class:`UsageError` for an unknown language)."""
    check_language(lang)
    text = (_HERE / "messages.json").read_text("utf-8")
    table: dict[str, dict[str, str]] = json.loads(text)
    return MappingProxyType(table[lang])


def message(key: str, lang: str, **values: Any) -> str:
    """The message `key` in `lang`, its placeholders filled with `values`."""
    text = messages(lang)[key]
    return text.format(**values) if values else text


@functools.cache
def _titles() -> MappingProxyType[str, MappingProxyType[str, str]]:
    text = (_HERE / "titles.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(text)
    return MappingProxyType(
        {lang: MappingProxyType(t) for lang, t in table.items() if lang in ("fr", "en")}
    )


def translated_title(french: str, lang: str) -> str | None:
    """A usual French title of a legal representative (`présidente`, `gérant`) in `lang`, from
    `titles.json` beside this module, or None when the table does not know it. The case of its
    first letter is kept (`Présidente` gives `President`)."""
    found = _titles().get(lang, MappingProxyType({})).get(french.strip().lower())
    if found is None or not french.strip():
        return None
    return found[0].upper() + found[1:] if french.strip()[0].isupper() else found


def plural(key: str, count: int, lang: str, **values: Any) -> str:
    """The singular (`<key>_one`) or plural (`<key>_other`) form of a message, for `count`
    (French takes the singular for 0 and 1, English for 1 only); `{n}` is the count."""
    one = count in (0, 1) if lang == "fr" else count == 1
    return message(f"{key}_{'one' if one else 'other'}", lang, n=count, **values)


@functools.cache
def _schema_translations(lang: str) -> MappingProxyType[str, str]:
    if lang == "en":
        return MappingProxyType({})
    # Babel reads the catalogue only when a field is explained in another language.
    from babel.messages.pofile import read_po  # noqa: PLC0415

    folder = _HERE / "locale" / lang / "LC_MESSAGES"
    catalog = read_po(io.BytesIO((folder / "schemas.po").read_bytes()), locale=lang)
    return MappingProxyType(
        {
            str(entry.id): str(entry.string)
            for entry in catalog
            if entry.id and entry.string and not entry.fuzzy
        }
    )


def schema_text(text: str, lang: str) -> str:
    """A schema's description (English) in `lang`: its translation in the catalogue of the
    schemas, or the English text itself when there is none."""
    check_language(lang)
    return _schema_translations(lang).get(text, text)
