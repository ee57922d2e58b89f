"""The languages of documents and messages: French first, then English."""

from __future__ import annotations

from commons_contracts.errors import UsageError

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
LANGUAGES = tuple(_LOCALES)
"""The languages documents are written in: French first, then English."""


def check_language(lang: str) -> str:
    """`lang` itself when documents can be written in it; a :class:`UsageError` naming the
    supported languages otherwise."""
    if lang not in _LOCALES:
        raise UsageError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang


def babel_locale(lang: str) -> str:
    """The Babel locale of a document language (`fr_FR`, `en_GB`); ValueError for another."""
    try:
        return _LOCALES[lang]
    except KeyError:
        supported = ", ".join(repr(code) for code in sorted(_LOCALES))
        raise ValueError(f"unsupported language {lang!r}: use one of {supported}") from None
