"""Helping a person who mistyped a name: the one "did you mean" of the package; and the hook
through which the ground floor's few messages (the suggestion, the refusals of `core/store`)
are worded in the command line's language."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

_translations: list[Callable[[str], str]] = []


def translate_with(translate: Callable[[str], str]) -> None:
    """Word the ground floor's messages with `translate` (the command line's language, set by
    :mod:`commons_contracts.i18n.translation`, which this floor cannot import)."""
    _translations[:] = [translate]


def translated(message: str) -> str:
    """`message` (English, marked for the catalogue as `_()`) in the command line's language,
    once :mod:`commons_contracts.i18n.translation` is loaded; as written before."""
    return _translations[0](message) if _translations else message


_ = translated


def close_matches(word: str, choices: Iterable[str], count: int = 1) -> list[str]:
    """The choices closest to `word` (at most `count`), best first; empty when none is close."""
    return difflib.get_close_matches(word, sorted(choices), n=count, cutoff=0.6)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when one of `choices` is close to `word`, else an empty string."""
    close = close_matches(word, choices)
    return _(" (did you mean '{word}'?)").format(word=close[0]) if close else ""
