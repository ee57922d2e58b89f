"""The records in the language of a document.

A text of a record may be given in one or more languages (`description: {fr: ..., en: ...}`;
a plain text is in the registry's language, see
:class:`~commons_contracts.registry.records.LocalText`). A document in English prints the
English text; where a record has none, it prints the text it has and says so with a warning,
located at the field. The usual French titles of a legal representative (`présidente`,
`gérant`) are translated from a small table rather than reported.

:class:`Localizer` turns records into copies whose every text is in the document's language, so
that a template prints `{{ commons.description }}` and gets the right one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.i18n.catalog import translated_title
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import Registry
from commons_contracts.registry.records import Language, LocalText
from commons_contracts.registry.yaml_walk import JsonPath

_T = TypeVar("_T")

_LANGUAGE_NAMES = {"fr": "French", "en": "English"}

# Fields that hold a person's title, which the table of usual French titles can translate.
_TITLE_FIELDS = frozenset({"role"})


def text_in(
    text: LocalText, lang: Language, registry_language: str, *, title: bool = False
) -> tuple[str, bool]:
    """The text in `lang` and whether it really is in `lang` (see `LocalText.in_language`); a
    French title (`title`) with no version in `lang` is translated from the table when it knows
    it."""
    found, exact = text.in_language(lang, registry_language)
    if not exact and title:
        french, _ = text.in_language("fr", registry_language)
        translated = translated_title(french, lang)
        if translated is not None:
            return translated, True
    return found, exact


@dataclass
class Localizer:
    """Puts records into one language, remembering where a text had to fall back."""

    registry: Registry
    lang: Language
    warn: bool = True
    """Whether to report the texts that fall back on another language (not for a registry
    made in memory, whose records have no file to locate a warning in)."""
    warnings: list[Diagnostic] = field(default_factory=list)
    _done: dict[tuple[str, str], Any] = field(default_factory=dict)

    def record(self, record: _T) -> _T:
        """A copy of a registry record (commons, party, contract) with every text in the
        document's language; the same record is put into it once."""
        kind, record_id = type(record).kind, record.id  # type: ignore[attr-defined]
        key = (kind, record_id)
        if key not in self._done:
            self._done[key] = self._value(record, (), key)
        found: _T = self._done[key]
        return found

    def text(self, text: LocalText, where: tuple[str, str] | None, path: JsonPath) -> LocalText:
        """One text in the document's language; `where` is the (kind, id) of the record it
        belongs to, to locate a warning (None: no warning)."""
        title = bool(path) and path[-1] in _TITLE_FIELDS
        found, exact = text_in(text, self.lang, self.registry.workspace.language, title=title)
        if not exact and self.warn and where is not None and where in self.registry.sources:
            source = self.registry.source(*where)
            language = _LANGUAGE_NAMES[self.lang]
            self.warnings.append(
                source.diagnostic(
                    path,
                    Code.MISSING_TRANSLATION,
                    _(
                        "no {language} text: the {language} document of this record prints "
                        "{found!r}; give the text per language, e.g. {{fr: ..., {value}: ...}}"
                    ).format(
                        language=language,
                        found=found,
                        value=self.lang if self.lang != "fr" else "en",
                    ),
                )
            )
        return LocalText({self.lang: found})

    def _value(self, value: Any, path: JsonPath, where: tuple[str, str]) -> Any:
        if isinstance(value, LocalText):
            return self.text(value, where, path)
        if isinstance(value, tuple):
            items = tuple(
                self._value(item, (*path, index), where) for index, item in enumerate(value)
            )
            return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for item in dataclasses.fields(value):
                old = getattr(value, item.name)
                new = self._value(old, (*path, item.name), where)
                if new is not old:
                    changes[item.name] = new
            return dataclasses.replace(value, **changes) if changes else value
        return value
