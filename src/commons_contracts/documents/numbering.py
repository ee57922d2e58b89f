"""Article and clause numbers: automatic in a template, frozen in the rendered document, and the
cross-references that name them.

A template numbers its articles and clauses the way a word processor does: the `Heading 1`
style carries the first level of a numbered list (`ARTICLE 1 –`), the `Clause` style its second
(`1.1`), so that Word and LibreOffice show and update the numbers while a legal volunteer edits.
A cross-reference is a tag, `{{ ref('fee') }}`, naming a bookmark (Insert > Bookmark) set on the
numbered paragraph it refers to.

Conditional clauses drop out when a contract is rendered, so numbers are only known then. After
rendering, :func:`freeze_numbering` walks the document's paragraphs in order, counts them as the
word processor would, writes each number into its paragraph as text (and removes the automatic
numbering there), and replaces every reference by the number of the paragraph its bookmark is
on. What is printed and what the references say can never disagree, and a reference to a clause
this contract does not hold is an error, never a wrong number.

Only lxml is used: this module knows the WordprocessingML of numbering, not docxtpl.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# lxml comes with python-docx; it has no type stubs.
from lxml import etree  # type: ignore[import-untyped]

from commons_contracts.i18n.translation import _

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NBSP = "\u00a0"

REF_OPEN = "\ue000"
REF_CLOSE = "\ue001"
"""The private-use characters around a reference's key in rendered text, until it is frozen."""

BOOKMARK_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
"""A bookmark name as Word accepts one: a letter, then letters, digits and `_`, 40 at most."""

_REFERENCE = re.compile(f"{REF_OPEN}([^{REF_CLOSE}]*){REF_CLOSE}")
_WITH_REFERENCE = etree.XPath(f".//w:t[contains(text(), '{REF_OPEN}')]", namespaces={"w": _W})
_LEVEL_NUMBER = re.compile(r"%([1-9])")


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML element or attribute."""
    return f"{{{_W}}}{tag}"


class NumberingError(ValueError):
    """A reference names a bookmark that no numbered paragraph of the document carries."""


def reference_placeholder(key: str) -> str:
    """What `{{ ref(key) }}` prints until the numbers are frozen; a key that cannot be a
    bookmark name is refused at once."""
    if not isinstance(key, str) or not BOOKMARK_NAME.fullmatch(key):
        raise NumberingError(
            _(
                "ref({key!r}): a reference names a bookmark (a letter, then letters, digits or _)"
            ).format(key=key)
        )
    return f"{REF_OPEN}{key}{REF_CLOSE}"


@dataclass(frozen=True)
class _Level:
    start: int
    number_format: str
    text: str
    suffix: str
    run: Any
    """The run a number of this level is written in (its run properties, an empty text, a tab
    if its suffix is one), made once and copied for each paragraph."""


@dataclass
class Numbering:
    """The numbered lists of a document, and which paragraph styles carry them."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    """For each list (`w:num` id), its levels."""
    starts: dict[tuple[str, int], int] = field(default_factory=dict)
    """Start values that a list overrides for a level."""
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)
    """For each paragraph style id, the list and level it numbers with."""

    @classmethod
    def read(cls, numbering_xml: Any | None, styles_xml: Any | None) -> Numbering:
        """The numbering of a document from its `numbering.xml` and `styles.xml` elements."""
        found = cls()
        if numbering_xml is None:
            return found
        abstract: dict[str, dict[int, _Level]] = {}
        for definition in numbering_xml.iterchildren(w("abstractNum")):
            abstract[definition.get(w("abstractNumId"))] = {
                int(level.get(w("ilvl"))): _read_level(level)
                for level in definition.iterchildren(w("lvl"))
            }
        for instance in numbering_xml.iterchildren(w("num")):
            num_id = instance.get(w("numId"))
            reference = instance.find(w("abstractNumId"))
            if reference is None:
                continue
            found.levels[num_id] = abstract.get(reference.get(w("val")), {})
            for override in instance.iterchildren(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    found.starts[(num_id, int(override.get(w("ilvl"))))] = int(start.get(w("val")))
        if styles_xml is not None:
            found.styles = _style_numbering(styles_xml)
        return found

    def of(self, paragraph: Any) -> tuple[str, int] | None:
        """The list and level a paragraph is numbered at, or None: its own numbering, else its
        style's (`numId` 0 means "not numbered")."""
        properties = paragraph.find(w("pPr"))
        style_id = None
        if properties is not None:
            numbering = properties.find(w("numPr"))
            if numbering is not None:
                num_id = _value(numbering, "numId")
                if num_id is not None:
                    level = _value(numbering, "ilvl")
                    return None if num_id == "0" else (num_id, int(level or 0))
            style = properties.find(w("pStyle"))
            style_id = style.get(w("val")) if style is not None else None
        found = self.styles.get(style_id or "")
        if found is None or found[0] == "0" or found[0] not in self.levels:
            return None
        return found

    def level(self, num_id: str, level: int) -> _Level | None:
        """A level of a list, or None when it has none or it is a bullet."""
        found = self.levels.get(num_id, {}).get(level)
        if found is None or found.number_format in ("bullet", "none"):
            return None
        return found


def _value(element: Any, child: str) -> str | None:
    found = element.find(w(child))
    return found.get(w("val")) if found is not None else None


def _read_level(level: Any) -> _Level:
    start = _value(level, "start")
    suffix = _value(level, "suff") or "tab"
    run_properties = level.find(w("rPr"))
    run = etree.Element(w("r"), nsmap={"w": _W})
    if run_properties is not None:
        run.append(copy.deepcopy(run_properties))
    etree.SubElement(run, w("t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    if suffix == "tab":
        etree.SubElement(run, w("tab"))
    return _Level(
        start=int(start) if start is not None else 1,
        number_format=_value(level, "numFmt") or "decimal",
        text=_value(level, "lvlText") or "",
        suffix=suffix,
        run=run,
    )


def _style_numbering(styles_xml: Any) -> dict[str, tuple[str, int]]:
    """The list and level of each paragraph style, following `basedOn`."""
    own: dict[str, tuple[str | None, int | None]] = {}
    parents: dict[str, str] = {}
    for style in styles_xml.iterchildren(w("style")):
        if style.get(w("type")) != "paragraph":
            continue
        style_id = style.get(w("styleId"))
        based = style.find(w("basedOn"))
        if based is not None:
            parents[style_id] = based.get(w("val"))
        properties = style.find(w("pPr"))
        numbering = properties.find(w("numPr")) if properties is not None else None
        if numbering is not None:
            written = _value(numbering, "ilvl")
            own[style_id] = (_value(numbering, "numId"), int(written) if written else None)
    found: dict[str, tuple[str, int]] = {}
    for style_id in {*own, *parents}:
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = parents.get(current)
        if current is not None and current in own:
            num_id, depth = own[current]
            if num_id is not None:
                found[style_id] = (num_id, depth or 0)
    return found


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _formatted(number: int, number_format: str) -> str:
    if number_format in ("lowerLetter", "upperLetter"):
        letters = ""
        while number > 0:
            number, remainder = divmod(number - 1, 26)
            letters = chr(ord("a") + remainder) + letters
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in ("lowerRoman", "upperRoman"):
        roman = ""
        for value, digits in _ROMAN:
            while number >= value:
                roman += digits
                number -= value
        return roman.upper() if number_format == "upperRoman" else roman
    return str(number)


def _label(level: _Level, counters: list[int], levels: Mapping[int, _Level]) -> str:
    """The level's text with each `%n` replaced by the number of level n - 1."""

    def number(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        if index >= len(counters):
            return ""
        shown = levels.get(index, level)
        return _formatted(counters[index], shown.number_format)

    if "%" not in level.text:
        return level.text
    return _LEVEL_NUMBER.sub(number, level.text)


@dataclass(frozen=True)
class NumberedParagraph:
    """A numbered paragraph as the word processor shows it."""

    element: Any
    label: str
    """The number as printed, e.g. `ARTICLE 6 –` or `6.2`."""
    reference: str
    """The number a cross-reference prints: `6`, `6.2`."""
    suffix: str
    level: _Level


def numbered_paragraphs(body: Any, numbering: Numbering) -> Iterator[NumberedParagraph]:
    """The numbered paragraphs of `body` in order, with their numbers counted as Word and
    LibreOffice count them: per list, a level's counter goes up by one and resets the deeper
    levels."""
    counters: dict[str, list[int]] = {}
    for paragraph in body.iter(w("p")):
        found = numbering.of(paragraph)
        if found is None:
            continue
        num_id, depth = found
        level = numbering.level(num_id, depth)
        if level is None:
            continue
        levels = numbering.levels[num_id]
        current = counters.setdefault(num_id, [])
        while len(current) <= depth:
            index = len(current)
            start = numbering.starts.get((num_id, index), levels.get(index, level).start)
            current.append(start - 1)
        del current[depth + 1 :]
        current[depth] += 1
        reference = ".".join(str(n) for n in current[: depth + 1])
        yield NumberedParagraph(
            paragraph, _label(level, current, levels), reference, level.suffix, level
        )


def bookmarks(paragraph: Any) -> list[str]:
    """The names of the bookmarks that start in a paragraph."""
    return [mark.get(w("name")) for mark in paragraph.iter(w("bookmarkStart"))]


def freeze_numbering(
    body: Any, numbering: Numbering, parts: tuple[Any, ...] = ()
) -> dict[str, str]:
    """Write each automatic number of `body` into its paragraph as text, remove the automatic
    numbering there, and replace every reference in `body` and in `parts` (headers, footers)
    by the number of the paragraph its bookmark is on; give the number of each bookmark.

    Raises :class:`NumberingError` naming the references that no numbered paragraph of the
    document carries (a clause that dropped out, or a bookmark that was deleted).
    """
    targets: dict[str, str] = {}
    for numbered in list(numbered_paragraphs(body, numbering)):
        _write_label(numbered)
        for name in bookmarks(numbered.element):
            targets.setdefault(name, numbered.reference)
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in targets:
            missing.append(key)
            return key
        return targets[key]

    for root in (body, *parts):
        # XPath runs in lxml's C code: far faster than visiting every text node in Python.
        for text in _WITH_REFERENCE(root):
            text.text = _REFERENCE.sub(replace, text.text)
    if missing:
        names = ", ".join(f"'{key}'" for key in dict.fromkeys(missing))
        raise NumberingError(
            _(
                "a reference names {names}, which no numbered paragraph of this document "
                "carries as a bookmark (the clause dropped out, or its bookmark was "
                "removed)"
            ).format(names=names)
        )
    return targets


_BEFORE_NUMBERING = frozenset(
    w(tag)
    for tag in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")
)


def _write_label(numbered: NumberedParagraph) -> None:
    paragraph = numbered.element
    properties = paragraph.find(_PPR)
    if properties is None:
        properties = paragraph.makeelement(_PPR, {})
        paragraph.insert(0, properties)
    # An explicit "no numbering" overrides the style's, so that the number is not shown twice.
    for old in properties.findall(_NUMPR):
        properties.remove(old)
    # The schema orders a paragraph's properties: `numPr` comes after these.
    position = 0
    for index, child in enumerate(properties):
        if child.tag in _BEFORE_NUMBERING:
            position = index + 1
    properties.insert(position, copy.deepcopy(_NO_NUMBERING))
    run = copy.deepcopy(numbered.level.run)
    text = run.find(_T)
    text.text = numbered.label + (_NBSP if numbered.suffix == "space" else "")
    properties.addnext(run)


_PPR, _NUMPR, _T = w("pPr"), w("numPr"), w("t")
_NO_NUMBERING = etree.fromstring(
    f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
)
