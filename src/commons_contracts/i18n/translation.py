"""The language of the command line, and its messages in that language (gettext).

Every message the command line shows a person (its help, its refusals, the diagnostics'
messages, `status`, `verify`) is written in English in the code, marked with :func:`_` or
:func:`ngettext` and brace placeholders (`_("unknown contract {id}").format(id=...)`), and
translated through the gettext catalogue of the `commons_contracts` domain,
`locale/fr/LC_MESSAGES/commons_contracts.po` beside this module, compiled into the `.mo` file
that ships with the package (`tools/messages.py` extracts, updates and compiles it with Babel;
docs/language.md). English is the text of the code itself: it needs no catalogue.

The language is one value for the whole process, set once by the command line from the
environment and the workspace (:func:`commons_contracts.i18n.languages.command_line_language`);
until then it is that of the environment alone. Codes, statuses and JSON keys are never
translated.
"""

from __future__ import annotations

import functools
import gettext
import os
from pathlib import Path

from commons_contracts.core import text
from commons_contracts.i18n.languages import command_line_language

DOMAIN = "commons_contracts"
"""The gettext domain of the command line's messages (beside `schemas`, the fields' help)."""

LOCALE_FOLDER = Path(__file__).resolve().parent / "locale"
"""Where the catalogues are: `<language>/LC_MESSAGES/<domain>.po` and `.mo`."""

_chosen: list[str] = []


def set_language(lang: str) -> None:
    """Speak `lang` (`fr` or `en`) from now on, in every message of this process."""
    _chosen[:] = [lang]


def current_language() -> str:
    """The language messages are in: the one set by :func:`set_language`, else the
    environment's (workspace not read)."""
    if not _chosen:
        _chosen.append(command_line_language(os.environ, None))
    return _chosen[0]


@functools.cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_FOLDER, languages=[lang], fallback=True)


def _(message: str) -> str:
    """`message` (English, as the code says it) in the current language."""
    return _catalogue(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for `count`, in the current language (French
    takes the singular for 0 and 1); fill in `{n}` or another placeholder afterwards."""
    return _catalogue(current_language()).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """`message` itself: marks a text kept in a table, translated with :func:`_` where it is
    shown."""
    return message


text.translate_with(_)
