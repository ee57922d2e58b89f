"""Reading a registry's YAML files into records that remember where every value was written.

The files are composed with libyaml (`CSafeLoader`), then turned into plain values by our own
walk over the nodes instead of PyYAML's constructor, because the constructor loses positions,
reads `12.345` through a float and expands aliases. The walk gives:

* JSON-like values: `dict`, `list`, `str`, `int`, `Decimal` (from the scalar's own text), `bool`,
  `None`; dates and times stay as their ISO text and are checked by the schemas;
* the 1-based line and column of every key and value, so a JSON path maps back to the file;
* a located diagnostic for what YAML allows but a registry must not hold: duplicate keys,
  aliases and anchors, tags, merge keys, and plain scalars that YAML 1.1 and 1.2 read differently
  (`0123`, `yes`, `12:30`).

Whole-file problems (size, encoding, merge conflicts) are found before, by
:mod:`commons_contracts.registry.files`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.money import parse_decimal
from commons_contracts.i18n.translation import _

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists accepted in a record (the schemas need 5)."""

JsonPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

_PLAIN = "plain"
_DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}
# PyYAML's own table of implicit YAML 1.1 types, by first character.
_IMPLICIT_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = (
    yaml.resolver.Resolver.yaml_implicit_resolvers
)


class _Loader(yaml.CSafeLoader):
    """libyaml's composer, with tag resolution of plain scalars left to :func:`_resolve_plain`.

    PyYAML resolves every scalar through a generic Python routine that costs a third of the
    composition; resolving only what we need, with the same table, is markedly cheaper.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return _DEFAULT_TAGS[kind]


def is_plain_text(text: str) -> bool:
    """Whether `text` written unquoted is read back as this very text by every YAML tool
    (`movilab`, `2026-11-03-alice`), so that it needs no quotes."""
    return (
        bool(_SAFE_PLAIN.fullmatch(text))
        and _resolve_plain(text) == _STR
        and not _AMBIGUOUS_PLAIN.match(text)
    )


_SAFE_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


def _resolve_plain(text: str) -> str:
    """The YAML 1.1 tag of a plain scalar, as PyYAML would resolve it."""
    if not text:
        return _NULL
    for tag, pattern in _IMPLICIT_RESOLVERS.get(text[0], ()):
        if pattern.match(text):
            return tag
    return _STR


_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
# Plain scalars that YAML 1.1 (PyYAML, libyaml) and YAML 1.2 (most other tools) read differently,
# or that only look like text by accident of one parser: leading-zero and underscored digits,
# sexagesimal numbers and the YAML 1.1 booleans.
_AMBIGUOUS_PLAIN = re.compile(
    r"^(?:[-+]?[0-9][0-9_]*|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|0[box][0-9a-fA-F_]+|y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$"
)


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int

    def as_tuple(self) -> tuple[int, int]:
        """(line, column)."""
        return self.line, self.column


@dataclass(slots=True)
class Record:
    """One YAML document of a registry file: its values, and the way back to where each was
    written.

    Positions are not kept while loading (that would double the cost of reading 100,000
    records); :meth:`locate` composes the file again when a diagnostic needs one.
    """

    path: str
    display_path: str
    document: int
    start: Position
    data: dict[str, Any]
    source_text: str | None = None
    """The YAML text of a record not yet written to a file (None: read it from `path`)."""
    refused: bool = False
    """Whether the record broke a rule of YAML for registries (a duplicate key, an unsafe
    character...): it is reported, and never checked further nor built, but its id still
    exists, so that references to it are not reported again as unknown."""

    @property
    def kind(self) -> str | None:
        """The record's `kind`, when it is a string."""
        kind = self.data.get("kind")
        return kind if isinstance(kind, str) else None

    @property
    def id(self) -> str | None:
        """The record's `id`, when it is a string."""
        record_id = self.data.get("id")
        return record_id if isinstance(record_id, str) else None

    def node_at(self, json_path: JsonPath) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The (key node, value node) at `json_path`, or the nearest enclosing ones that exist
        (a missing field is found as its parent)."""
        documents = (
            _compose_file(self.path)
            if self.source_text is None
            else list(yaml.compose_all(self.source_text, Loader=_Loader))
        )
        node: yaml.Node | None = (
            documents[self.document] if self.document < len(documents) else None
        )
        key_node: yaml.Node | None = None
        for part in json_path:
            if isinstance(node, yaml.MappingNode):
                match = next((kv for kv in node.value if kv[0].value == part), None)
                if match is None:
                    break
                key_node, node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    break
                key_node, node = None, node.value[part]
            else:
                break
        return key_node, node

    def locate(self, json_path: JsonPath, *, at_key: bool = False) -> Position:
        """Where the value at `json_path` was written (its key with `at_key`), or the nearest
        enclosing value that exists."""
        key_node, node = self.node_at(json_path)
        chosen = key_node if at_key and key_node is not None else node
        return _position(chosen) if chosen is not None else self.start

    def is_plain_scalar(self, json_path: JsonPath) -> bool:
        """Whether the value at `json_path` was written as a plain (unquoted) scalar."""
        _, node = self.node_at(json_path)
        return isinstance(node, yaml.ScalarNode) and not node.style

    def diagnostic(
        self,
        json_path: JsonPath,
        code: Code,
        message: str,
        *,
        at_key: bool = False,
    ) -> Diagnostic:
        """A diagnostic located at `json_path` in this record, with the severity of its code."""
        position = self.locate(json_path, at_key=at_key)
        return Diagnostic(
            self.display_path,
            position.line,
            position.column,
            code,
            message,
            format_json_path(json_path),
        )


@functools.lru_cache(maxsize=16)
def _compose_file(path: str) -> list[yaml.Node]:
    """The composed documents of a file already read once without error (for positions)."""
    with open(path, encoding="utf-8") as handle:  # noqa: PTH123 - paths are str here
        return list(yaml.compose_all(handle.read(), Loader=_Loader))


def format_json_path(json_path: JsonPath) -> str:
    """`("tiers", 1, "rate_percent")` as `$.tiers[1].rate_percent`."""
    parts = ["$"]
    for part in json_path:
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(parts)


def parse_records(
    text: str, *, path: str, shown: str, source_text: str | None = None
) -> tuple[list[Record], list[Diagnostic]]:
    """Compose the documents of `text` with libyaml and turn each into a :class:`Record`
    (`source_text`: give the text itself for a record that is not in a file yet)."""
    if "&" in text:
        # Anchors without aliases leave no trace in composed nodes; look for them in the
        # events, but only in the rare file that has an ampersand at all.
        refused = _anchor_diagnostics(text, shown)
        if refused:
            return [], refused
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        return [], [_yaml_error(error, text, shown)]
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always gives a mark
        return [], [Diagnostic(shown, 1, 1, Code.YAML_SYNTAX, str(error))]
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    for index, node in enumerate(nodes):
        start = _position(node)
        if isinstance(node, yaml.ScalarNode) and not node.value and node.tag == _PLAIN:
            continue  # an empty document between two `---`
        if not isinstance(node, yaml.MappingNode):
            diagnostics.append(
                Diagnostic(
                    shown,
                    start.line,
                    start.column,
                    Code.RECORD_NOT_MAPPING,
                    _("a record must be a mapping of keys to values (kind: ..., id: ...)"),
                )
            )
            continue
        problems: list[_Problem] = []
        data: dict[str, Any] = {}
        try:
            data = _value(node, (), 0, problems, set())
        except _TooDeepError:
            problems.append(
                (
                    (),
                    node,
                    Code.TOO_DEEP,
                    _("nesting deeper than {value} levels").format(value=MAX_DEPTH),
                )
            )
        if problems:
            diagnostics.extend(
                Diagnostic(
                    shown,
                    *_position(at).as_tuple(),
                    code,
                    message,
                    format_json_path(json_path),
                )
                for json_path, at, code, message in problems
            )
        was_refused = bool(problems)
        records.append(Record(path, shown, index, start, data, source_text, was_refused))
    if not records and not diagnostics:
        diagnostics.append(
            Diagnostic(
                shown,
                1,
                1,
                Code.EMPTY_FILE,
                _("the file holds no record: add one, or delete the file"),
            )
        )
    return records, diagnostics


def _anchor_diagnostics(text: str, shown: str) -> list[Diagnostic]:
    """The first anchor or alias of the file, if any (one is enough to refuse the file)."""
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is None:
                continue
            position = _position(event)
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            return [
                Diagnostic(
                    shown,
                    position.line,
                    position.column,
                    Code.YAML_ALIAS,
                    _(
                        "YAML anchors and aliases ({sign}{anchor}) are not allowed in a registry: "
                        "write the value out in full"
                    ).format(sign=sign, anchor=anchor),
                )
            ]
    except yaml.YAMLError:
        pass  # compose reports the syntax error with its position
    return []


def _yaml_error(error: yaml.MarkedYAMLError, text: str, shown: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = error.problem or "invalid YAML"
    # libyaml says "found character that cannot start any token" for a tab: name it.
    at_mark = text[mark.index : mark.index + 1] if mark is not None else ""
    if at_mark == "\t" or "tab" in problem:
        code, message = Code.YAML_TAB, _("tab character used for indentation: indent with spaces")
    else:
        context = f" {error.context}" if error.context else ""
        code, message = (
            Code.YAML_SYNTAX,
            _("invalid YAML: {problem}{context}").format(problem=problem, context=context),
        )
    return Diagnostic(shown, line, column, code, message)


def _position(node_or_event: Any) -> Position:
    mark = node_or_event.start_mark
    return Position(mark.line + 1, mark.column + 1)


class _TooDeepError(Exception):
    pass


# (JSON path, node to point at, code, message)
_Problem = tuple[JsonPath, yaml.Node, Code, str]
_TEXT_BOOLEANS = {
    "true": True,
    "false": False,
    "True": True,
    "False": False,
    "TRUE": True,
    "FALSE": False,
}


def _value(
    node: yaml.Node, json_path: JsonPath, depth: int, problems: list[_Problem], seen: set[int]
) -> Any:
    """The plain value of a composed node; problems are appended, never raised.

    This runs for every value of every record, so it is written for speed: exact type tests,
    the common cases first, and a scalar's JSON path built only when it has a problem.
    """
    if type(node) is yaml.ScalarNode:
        return _scalar(node, problems, json_path)
    if depth >= MAX_DEPTH:
        raise _TooDeepError
    # A collection met twice is an alias; refusing it keeps "billion laughs" files harmless.
    if id(node) in seen:
        problems.append((json_path, node, Code.YAML_ALIAS, _("YAML aliases are not allowed")))
        return None
    seen.add(id(node))
    if type(node) is yaml.MappingNode:
        if node.tag != _MAP:
            problems.append(
                (
                    json_path,
                    node,
                    Code.YAML_TAG,
                    _("YAML tag {node_tag} is not allowed").format(node_tag=node.tag),
                )
            )
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if not _is_plain_name(key_node):
                _key_problem(key_node, json_path, problems)
                continue
            if key in mapping:
                first = next(k for k, _ in node.value if k.value == key)
                problems.append(
                    (
                        (*json_path, key),
                        key_node,
                        Code.DUPLICATE_KEY,
                        _("key '{key}' is given twice (first at line {value}): keep one").format(
                            key=key, value=first.start_mark.line + 1
                        ),
                    )
                )
            elif type(value_node) is yaml.ScalarNode:
                mapping[key] = _scalar(value_node, problems, json_path, key)
            else:
                mapping[key] = _value(value_node, (*json_path, key), depth + 1, problems, seen)
        return mapping
    if node.tag != _SEQ:
        problems.append(
            (
                json_path,
                node,
                Code.YAML_TAG,
                _("YAML tag {node_tag} is not allowed").format(node_tag=node.tag),
            )
        )
    return [
        _value(item, (*json_path, index), depth + 1, problems, seen)
        for index, item in enumerate(node.value)
    ]


_KEY_TAGS = frozenset({_STR, _INT, _BOOL, _NULL})
_SPECIAL_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})


def _is_plain_name(key_node: yaml.Node) -> bool:
    """Whether a key is a name: text that YAML 1.1 reads as text (most keys: `amount`)."""
    if type(key_node) is not yaml.ScalarNode:
        return False
    key: str = key_node.value
    if key_node.tag != _PLAIN or ("a" <= key[:1] <= "z" and key not in _SPECIAL_WORDS):
        return key_node.tag in (_PLAIN, _STR)
    return _resolve_plain(key) in _KEY_TAGS


def _key_problem(key_node: yaml.Node, json_path: JsonPath, problems: list[_Problem]) -> None:
    if isinstance(key_node, yaml.ScalarNode) and _resolve_plain(key_node.value) == _MERGE:
        problems.append(
            (json_path, key_node, Code.YAML_ALIAS, _("YAML merge keys (<<) are not allowed"))
        )
    else:
        problems.append((json_path, key_node, Code.INVALID_KEY, _("a key must be a plain name")))


def _scalar(
    node: yaml.ScalarNode, problems: list[_Problem], parent: JsonPath, key: str | None = None
) -> Any:
    """The value of a scalar node; `parent` and `key` make its JSON path if it has a problem."""
    text: str = node.value
    tag = node.tag
    if tag != _PLAIN:  # quoted, block, or explicitly tagged
        if tag == _STR:
            if _UNSAFE_TEXT.search(text) is None:
                return text
            problem = _unsafe(text)
        else:
            problem = (Code.YAML_TAG, _("YAML tag {tag} is not allowed").format(tag=tag))
    else:
        tag = _resolve_plain(text)
        if tag == _STR:
            if not ((text[:1].isdigit() or len(text) == 1) and _AMBIGUOUS_PLAIN.match(text)):
                if _UNSAFE_TEXT.search(text) is None:
                    return text
                problem = _unsafe(text)
            else:
                problem = _ambiguous(text)
        elif tag == _INT:
            if _PLAIN_INT.match(text) and len(text) <= MAX_DIGITS:
                return int(text)
            problem = _too_many_digits(text) if _PLAIN_INT.match(text) else _ambiguous(text)
        elif tag == _FLOAT:
            value = parse_decimal(text)
            if value is not None and len(text) <= MAX_DIGITS:
                return value
            problem = (
                _too_many_digits(text)
                if value is not None
                else (
                    Code.INVALID_NUMBER,
                    _(
                        "'{text}' is not a plain decimal number: write digits with a dot (12.50)"
                    ).format(text=text),
                )
            )
        elif tag == _TIMESTAMP:
            return text  # checked as a date or date-time by the schemas
        elif tag == _BOOL:
            if text in _TEXT_BOOLEANS:
                return _TEXT_BOOLEANS[text]
            problem = _ambiguous(text)
        elif tag == _NULL:
            return None
        else:  # `=`, the YAML 1.1 "value" key
            problem = (Code.YAML_TAG, _("YAML tag {tag} is not allowed").format(tag=tag))
    json_path = parent if key is None else (*parent, key)
    problems.append((json_path, node, *problem))
    return None if problem[0] != Code.AMBIGUOUS_SCALAR else text


MAX_DIGITS = 30
"""Longest number accepted, in characters: far beyond any amount (at most 999,999,999,999.99)
or count a registry holds, and short enough that no arithmetic on it is slow or inexact."""

# C0 and C1 control characters (but tab and line feed), the bidirectional marks and overrides
# that reorder what a reader sees (the "Trojan source" trick), line and paragraph separators,
# and non-characters: none belongs in a record's text, and each could hide or garble a name.
_UNSAFE_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
    "\ufdd0-\ufdef\ufffe\uffff]"
)


def _unsafe(text: str) -> tuple[Code, str]:
    found = _UNSAFE_TEXT.search(text)
    assert found is not None
    name = unicodedata.name(found.group(), "a control character")
    return (
        Code.UNSAFE_CHARACTER,
        _(
            "the text holds U+{ord:04X} ({lower}) at character {value}, which could "
            "hide or reorder what a reader sees: remove it"
        ).format(ord=ord(found.group()), lower=name.lower(), value=found.start() + 1),
    )


def _too_many_digits(text: str) -> tuple[Code, str]:
    return (
        Code.OUT_OF_RANGE,
        _(
            "a number of {count} characters is beyond any amount or count a registry "
            "holds (at most {value})"
        ).format(count=len(text), value=MAX_DIGITS),
    )


def _ambiguous(text: str) -> tuple[Code, str]:
    return (
        Code.AMBIGUOUS_SCALAR,
        _(
            "'{text}' is read differently by different YAML tools: quote it if it is "
            'text ("{text}"), or write a number in plain decimal or a boolean as '
            "true/false"
        ).format(text=text),
    )
