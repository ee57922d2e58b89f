"""The languages of documents and messages: French first, then English."""

from __future__ import annotations

import re
from collections.abc import Mapping

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


_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

DEFAULT_LANGUAGE = "fr"
"""The command line's language when neither the environment nor a workspace decides: French,
the language of the people the tool is made for and of the documents' first version
(docs/language.md)."""


def interface_language(environ: Mapping[str, str], fallback: str) -> str:
    """The language a person is spoken to in: the first supported language of `LANGUAGE` (a
    list such as `fr:en`), else that of the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first
    one set, as gettext reads them: `fr_FR.UTF-8` is French), else `fallback` (the workspace's
    language), also for a locale in another language or the neutral `C`."""
    for item in environ.get("LANGUAGE", "").split(":"):
        code = _language_of(item)
        if code in _LOCALES:
            return code
    locale = next((environ[name] for name in _LOCALE_VARIABLES if environ.get(name)), "")
    code = _language_of(locale)
    return code if code in _LOCALES else fallback


def _language_of(locale: str) -> str:
    """`fr` for `fr_FR.UTF-8@euro`, `fr` or `fr-BE`."""
    return re.split(r"[_.@-]", locale.strip(), maxsplit=1)[0].lower()


def command_line_language(environ: Mapping[str, str], workspace: str | None) -> str:
    """The one rule for the language a person is spoken to in, by the command line and the
    guided entry: the environment's (:func:`interface_language`), else the workspace's
    `language` (`workspace`, None when there is no registry or it does not say), else
    :data:`DEFAULT_LANGUAGE`."""
    fallback = workspace if workspace in _LOCALES else DEFAULT_LANGUAGE
    return interface_language(environ, fallback)
