"""The catalogue of user-facing strings: both languages say the same things."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from commons_contracts.errors import UsageError
from commons_contracts.i18n.catalog import message, messages, plural

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "commons_contracts"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def test_both_languages_have_the_same_messages_and_placeholders() -> None:
    """Every id is in French and English, with the same `{placeholders}`."""
    french, english = messages("fr"), messages("en")
    assert french.keys() == english.keys()
    for key in french:
        assert set(PLACEHOLDER.findall(french[key])) == set(PLACEHOLDER.findall(english[key])), key


WORD = re.compile(r"\w+")


def _used(key: str, source: str, words: set[str], prefixed: set[str]) -> bool:
    """Whether the code names `key`, whole or (for ids made from a value, `status_{...}` or
    `"kind_" ~ ...`) by its prefix. For an id or prefix of word characters alone, the answer
    is in two sets made in one pass over the code (a search of the whole code for each of them
    took seconds): the code names such an id whole where it is one of the code's runs of word
    characters (`words`), and names such a prefix where it is a run right after a quote and
    before `{` or `" ~` (`prefixed`); any other is searched for."""
    key = re.sub(r"_(one|other)$", "", key)
    parts = key.split("_")
    # The value may itself hold underscores (`amendment_field_{name}` of `annual_cap`).
    prefixes = ["_".join(parts[:end]) + "_" for end in range(1, len(parts))]
    if WORD.fullmatch(key):
        whole = key in words
    else:
        whole = bool(re.search(rf"\b{re.escape(key)}\b", source))
    return whole or any(
        prefix in prefixed
        if WORD.fullmatch(prefix)
        else bool(re.search(rf"[\"']{re.escape(prefix)}(\{{|[\"'] ~)", source))
        for prefix in prefixes
    )


def test_every_message_is_used() -> None:
    """No message is left behind: each id (without its plural ending) appears in the code or
    in a report template."""
    source = "".join(
        path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*")
        if path.suffix in (".py", ".j2") and path.is_file()
    )
    words = set(WORD.findall(source))
    prefixed = set(re.findall(r"[\"'](\w+)(?:\{|[\"'] ~)", source))
    assert sorted(key for key in messages("fr") if not _used(key, source, words, prefixed)) == []


def test_placeholders_and_plurals() -> None:
    """Placeholders are filled; French takes the singular for 0 and 1, English for 1 only."""
    assert message("period_year", "fr", year=2026) == "année 2026"
    assert plural("unlisted_count", 0, "fr") == "0 acteur non listé"
    assert plural("unlisted_count", 0, "en").startswith("0 ")
    assert plural("unlisted_count", 2, "fr") == "2 acteurs non listés"


def test_an_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        messages("de")
