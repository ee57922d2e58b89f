"""Guided entry of a new record (`commons-contracts new KIND`): its questions, derived from the
kind's schema, and the check of each answer by the rules of `validate`.

An :class:`Interview` asks for one field at a time, in an order that suits a person (the name
before the id it proposes, the VAT regime before the VAT number it derives), explains it with
the schema's description in the person's language (:func:`~commons_contracts.i18n.catalog.
schema_text`), reads the answer the French way (a date `04/11/2026`, an amount `1 500,50`, a
rate `7,5 %`, `oui`/`non`, a number among the ids already in the registry) and checks it at
once: the schema of the kind, exactly as `validate` applies it (a SIREN with a wrong key, a
date that does not exist), plus the rules across records that one answer can break (an id
already taken, a reference to nothing, a SIRET outside its SIREN). Nested objects and lists
(an address, the representatives, the tiers) are asked field by field.

The record is then written by :func:`~commons_contracts.validation.entries.add_records`,
validated with the whole registry by every rule, as one new file under the registry lock. A
refusal names the answers at fault by their JSON path, and :meth:`Interview.reopen` asks them
again. The terminal (`cli/new.py`) and an answers file (:func:`answer_from_file`, for scripts)
drive the same interview.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import itertools
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from stdnum.fr import siren as stdnum_siren

from commons_contracts.core.dates import normalise_date_text
from commons_contracts.core.diagnostics import Code, Diagnostic, has_errors, sort_diagnostics
from commons_contracts.core.money import normalise_amount_text, normalise_percent_text
from commons_contracts.core.text import did_you_mean
from commons_contracts.errors import RefusedError
from commons_contracts.i18n.catalog import message, schema_text
from commons_contracts.i18n.languages import command_line_language
from commons_contracts.i18n.translation import _
from commons_contracts.registry.explain import explain
from commons_contracts.registry.files import load_file, load_registry
from commons_contracts.registry.schemas import (
    SIGNABLE_KINDS,
    KindSchema,
    bundled_schemas,
    kind_schemas,
)
from commons_contracts.registry.yaml_walk import (
    JsonPath,
    Position,
    Record,
    format_json_path,
    parse_records,
)
from commons_contracts.validation.entries import AddResult, Draft, add_records

EntryKind = Literal["commons", "party", "hosting-contract", "reciprocity-contract"]
ENTRY_KINDS: tuple[EntryKind, ...] = (
    "commons",
    "party",
    "hosting-contract",
    "reciprocity-contract",
)
"""The kinds `new` asks for."""

ValueType = Literal[
    "text", "id", "reference", "date", "amount", "percent", "integer", "boolean", "choice"
]

ORDER: Mapping[EntryKind, tuple[str, ...]] = {
    "commons": ("name", "id", "description", "url", "licence", "social_code", "governance"),
    "party": (
        "type",
        "name",
        "id",
        "legal_form",
        "siren",
        "siret",
        "rna",
        "vat_regime",
        "vat_number",
    ),
    "hosting-contract": ("commons", "host", "id"),
    "reciprocity-contract": ("commons", "host", "actor", "id"),
}
"""The fields asked first, in this order; the others follow in the schema's order."""

REFERENCES: Mapping[str, str] = {
    "commons": "commons",
    "host": "party",
    "actor": "party",
    "party": "party",
}
"""The fields that name another record, and the kind they name."""

_ORGANISATION_ONLY = frozenset({"share_capital", "rcs_city", "rna", "representative"})
_COMPACT = frozenset({"siren", "siret", "vat_number", "bic", "rna"})
_YES = frozenset({"o", "oui", "y", "yes", "true", "vrai", "1"})
_NO = frozenset({"n", "non", "no", "false", "faux", "0"})
_SKIP = "-"


@dataclass(frozen=True)
class Question:
    """One question of an interview: a field to fill, or a yes/no about a group of fields."""

    path: JsonPath
    """Where the answer goes in the record (`("address", "postcode")`); a yes/no question ends
    with `"?"` (give this optional group?) or `"+"` (add another item?)."""
    label: str
    """How the field is named to the person: `address › postcode`, `representatives n° 2 ›
    email`."""
    help: str
    """What the field is, in the person's language."""
    value_type: ValueType
    required: bool
    choices: tuple[tuple[str, str], ...] = ()
    """For a choice or a reference, (value, description) in order: the person may type the
    value or its number, counted from 1."""
    default: str | None = None
    """The schema's default: an empty answer leaves the field out, and the default applies."""
    proposal: str | None = None
    """A value worked out from the answers already given: an empty answer takes it."""
    note: str | None = None
    """Where the proposal comes from (`derived from the SIREN`)."""

    @property
    def is_yes_no(self) -> bool:
        """A yes/no question about a group, not a field."""
        return self.path[-1] in ("?", "+")


@dataclass(frozen=True)
class KnownRecords:
    """What the interview needs to know of the registry: the records others may name, and the
    ids already taken."""

    names: Mapping[str, Mapping[str, str]]
    """For `commons` and `party`, each id and its name."""
    taken: Mapping[str, Mapping[str, str]]
    """For each namespace (a kind; `contract` for contracts and amendments), each id and where
    its record is (`parties/alice.yaml:1`)."""
    language: str
    """The workspace's language."""

    @classmethod
    def load(cls, root: Path) -> KnownRecords:
        """Read the registry at `root` (also one with errors: its records are still there)."""
        loaded = load_registry(root)
        names: dict[str, dict[str, str]] = {"commons": {}, "party": {}}
        taken: dict[str, dict[str, str]] = {}
        language = "fr"
        for record in loaded.records:
            kind, record_id = record.kind, record.id
            if kind == "workspace":
                found = record.data.get("language")
                language = found if isinstance(found, str) else language
            if kind is None or record_id is None:
                continue
            where = f"{record.display_path}:{record.start.line}"
            taken.setdefault(_namespace(kind), {}).setdefault(record_id, where)
            if kind in names:
                name = record.data.get("name")
                names[kind].setdefault(record_id, name if isinstance(name, str) else record_id)
        return cls(names, taken, language)


def _namespace(kind: str) -> str:
    # Commands take a contract or amendment id alone, so these kinds share one set of ids; an
    # approval's target is an expense or a contribution by id alone, so these share one too.
    if kind == "contribution":
        return "expense"
    return "contract" if kind in SIGNABLE_KINDS else kind


@dataclass
class Interview:
    """The questions of one new record and the answers given so far."""

    kind: EntryKind
    lang: str
    known: KnownRecords
    origin: str = "<answer>"
    """How diagnostics name where the answers come from."""
    values: dict[str, Any] = field(default_factory=dict)
    """The record being built, as the loader would read it (texts, Decimal, int, bool)."""
    answered: set[JsonPath] = field(default_factory=set)
    """Every question answered, including those left empty and the yes/no ones."""
    decisions: dict[JsonPath, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.schema: KindSchema = kind_schemas()[self.kind]
        self.document: Mapping[str, Any] = _document(self.kind)
        for path, target in self._references():
            if not self.known.names.get(target):
                raise RefusedError(
                    _(
                        "there is no {target} in the registry yet for '{path}': create one first "
                        "with 'commons-contracts new {target}'"
                    ).format(target=target, path=path)
                )

    def _references(self) -> Iterator[tuple[str, str]]:
        properties = self.document["properties"]
        required = self.document.get("required", ())
        for name in properties:
            if name in REFERENCES and name in required:
                yield name, REFERENCES[name]

    # --- the questions

    def next_question(self) -> Question | None:
        """The first question not answered yet, or None when the record is complete."""
        return next((q for q in self._walk() if q.path not in self.answered), None)

    def _walk(self) -> Iterator[Question]:
        """Every question of the record as far as the answers given reach, in order."""
        properties: Mapping[str, Any] = self.document["properties"]
        first = [name for name in ORDER[self.kind] if name in properties]
        names = first + [name for name in properties if name not in first and name != "kind"]
        for name in names:
            if not self._asked(name):
                continue
            schema, definition = self._resolve(properties[name])
            yield from self._field((name,), schema, definition, self._required(name))

    def _asked(self, name: str) -> bool:
        """Whether a top-level field is asked, given the answers so far."""
        if self.kind == "party" and name in _ORGANISATION_ONLY:
            return self.values.get("type") == "organisation"
        if self.kind == "hosting-contract" and name == "duration_months":
            return "end_date" not in self.values
        if self.kind == "reciprocity-contract" and name == "tiers":
            return "rate_percent" not in self.values
        return True

    def _required(self, name: str) -> bool:
        schema = self.document
        if name in schema.get("required", ()):
            return True
        if self.kind == "reciprocity-contract" and name == "tiers":
            return True  # asked only when no flat rate was given: then the tiers are needed
        # `if`/`then` of the schema (an organisation gives its legal form and representative).
        for part in schema.get("allOf", ()):
            condition = part.get("if", {}).get("properties", {})
            holds = all(self.values.get(k) == rule.get("const") for k, rule in condition.items())
            if holds and name in part.get("then", {}).get("required", ()):
                return True
        return False

    def _resolve(self, schema: Mapping[str, Any]) -> tuple[Mapping[str, Any], str | None]:
        """The schema of a property with its `$ref` followed, and the name of the shared
        definition it uses (`money`, `date`, `id`...); the property's own description wins."""
        return _resolve(self.kind, schema)

    def _field(
        self, path: JsonPath, schema: Mapping[str, Any], definition: str | None, required: bool
    ) -> Iterator[Question]:
        kind = schema.get("type")
        if kind == "object" and "properties" in schema:
            yield from self._group(path, schema, required)
        elif kind == "array" and isinstance(schema.get("items"), Mapping):
            yield from self._list(path, schema, required)
        elif definition == "local_text":
            # A text in one or more languages: asked once, in the language of the interview,
            # and written as a plain text (a record may add its translations later).
            yield from self._scalar(path, schema, definition, required)
        elif "oneOf" in schema:  # one commons id, or a list of them
            yield from self._list(path, {**schema, "items": schema["oneOf"][0]}, required)
        else:
            yield from self._scalar(path, schema, definition, required)

    def _group(
        self, path: JsonPath, schema: Mapping[str, Any], required: bool
    ) -> Iterator[Question]:
        if not required:
            ask = (*path, "?")
            yield self._yes_no(ask, "new_give_group", path, schema)
            if not self.decisions.get(ask):
                return
        needed = schema.get("required", ())
        for name, sub in schema["properties"].items():
            resolved, definition = self._resolve(sub)
            options = resolved.get("enum", ())
            if name in needed and len(options) == 1:
                # Only one value is possible (`by: representatives`): nothing to ask.
                self._set((*path, name), options[0])
                self.answered.add((*path, name))
                continue
            yield from self._field((*path, name), resolved, definition, name in needed)

    def _list(
        self, path: JsonPath, schema: Mapping[str, Any], required: bool
    ) -> Iterator[Question]:
        items, definition = self._resolve(schema["items"])
        minimum = int(schema.get("minItems", 0)) if required else 0
        if not required:
            ask = (*path, "?")
            yield self._yes_no(ask, "new_give_group", path, schema)
            if not self.decisions.get(ask):
                return
            minimum = max(minimum, 1)
        index = 0
        while True:
            item: JsonPath = (*path, index)
            if items.get("type") != "object":
                # A list of texts or ids: one per question, an empty answer ends it.
                description = schema.get("description") or items.get("description", "")
                yield from self._scalar(
                    item, {**items, "description": description}, definition, index < minimum
                )
                if item in self.answered and self._get(item) is None:
                    return
            else:
                yield from self._group(item, items, True)
                if path == ("tiers",):
                    # The last tier is the one without an upper bound: it ends the list.
                    if (*item, "up_to") in self.answered and self._get((*item, "up_to")) is None:
                        return
                elif index + 1 >= minimum:
                    more = (*item, "+")
                    yield self._yes_no(more, "new_more", path, schema)
                    if not self.decisions.get(more):
                        return
            index += 1

    def _yes_no(
        self, path: JsonPath, key: str, field_path: JsonPath, schema: Mapping[str, Any]
    ) -> Question:
        label = message(key, self.lang, field=self._label(field_path))
        return Question(
            path, label, self._help(schema), "boolean", required=True, default=self.word(False)
        )

    def _scalar(
        self,
        path: JsonPath,
        schema: Mapping[str, Any],
        definition: str | None,
        required: bool,
    ) -> Iterator[Question]:
        name = next(str(part) for part in reversed(path) if isinstance(part, str))
        value_type, choices = self._type_of(path, name, schema, definition)
        default = schema.get("default")
        proposal, note = self._proposal(path, name)
        yield Question(
            path,
            self._label(path),
            self._help(schema),
            value_type,
            required,
            choices,
            default=None if default is None else self._text_of(default),
            proposal=proposal,
            note=note,
        )

    def _type_of(
        self, path: JsonPath, name: str, schema: Mapping[str, Any], definition: str | None
    ) -> tuple[ValueType, tuple[tuple[str, str], ...]]:
        if path == ("id",):
            return "id", ()
        if definition == "id" and name in REFERENCES:
            target = REFERENCES[name]
            return "reference", tuple(sorted(self.known.names.get(target, {}).items()))
        if "enum" in schema:
            return "choice", tuple((str(option), str(option)) for option in schema["enum"])
        if definition in ("money", "positive_money"):
            return "amount", ()
        if definition == "percent":
            return "percent", ()
        if definition == "date":
            return "date", ()
        if schema.get("type") == "integer":
            return "integer", ()
        if schema.get("type") == "boolean":
            return "boolean", ()
        return "text", ()

    def _proposal(self, path: JsonPath, name: str) -> tuple[str | None, str | None]:
        """A value worked out from the answers given: the id from the name or the parties, the
        VAT number from the SIREN of a party liable to VAT."""
        if path == ("id",):
            base = self._id_base()
            if base:
                taken = self.known.taken.get(_namespace(self.kind), {})
                candidate, counter = base, 1
                while candidate in taken:
                    counter += 1
                    candidate = f"{base}-{counter}"
                return candidate, None
        if path == ("vat_number",) and self.values.get("vat_regime") == "liable":
            siren = self.values.get("siren")
            if isinstance(siren, str) and stdnum_siren.is_valid(siren):
                return "FR" + stdnum_siren.to_tva(siren), message("new_vat_derived", self.lang)
        return None, None

    def _id_base(self) -> str:
        values = self.values
        commons = values.get("commons")
        first = commons[0] if isinstance(commons, list) and commons else commons
        if self.kind == "hosting-contract" and isinstance(first, str):
            return _slug(f"hebergement-{first}")
        if self.kind == "reciprocity-contract" and isinstance(first, str):
            return _slug(f"reciprocite-{values.get('actor', '')}-{first}")
        name = values.get("name")
        return _slug(name) if isinstance(name, str) else ""

    def _label(self, path: JsonPath) -> str:
        parts = [
            message("new_item", self.lang, n=part + 1) if isinstance(part, int) else part
            for part in path
        ]
        return " › ".join(str(part) for part in parts)

    def _help(self, schema: Mapping[str, Any]) -> str:
        return schema_text(str(schema.get("description", "")), self.lang)

    def word(self, value: bool) -> str:
        """`oui` or `non` (`yes`, `no`) in the interview's language."""
        return message("new_yes" if value else "new_no", self.lang)

    def _text_of(self, value: object) -> str:
        if isinstance(value, bool):
            return self.word(value)
        return str(value)

    # --- the answers

    def answer(self, question: Question, text: str) -> list[Diagnostic]:
        """Take `text` as the answer to `question`; the problems found (none: the answer is
        kept and the interview moves on; an error: the question stays open, ask it again)."""
        typed = text.strip()
        if question.is_yes_no:
            return self._decide(question, typed)
        if not typed and question.proposal is not None:
            typed = question.proposal
        if not typed or (typed == _SKIP and not question.required):
            if question.required:
                return [self._problem(question.path, Code.MISSING_FIELD, _("an answer is needed"))]
            self.answered.add(question.path)
            return []
        value, problems = self._read(question, typed)
        if problems:
            return problems
        problems = self._check(question, value)
        if not has_errors(problems):
            self._set(question.path, value)
            self.answered.add(question.path)
        return problems

    def _decide(self, question: Question, typed: str) -> list[Diagnostic]:
        word = typed.lower()
        if word and word not in _YES | _NO:
            return [
                self._problem(
                    question.path,
                    Code.INVALID_VALUE,
                    _("'{typed}' is not an answer here: {word} or {word2}").format(
                        typed=typed, word=self.word(True), word2=self.word(False)
                    ),
                )
            ]
        self.decisions[question.path] = word in _YES
        self.answered.add(question.path)
        return []

    def _read(self, question: Question, typed: str) -> tuple[Any, list[Diagnostic]]:
        """The value of a typed answer, as the loader would read it from a file: numbers as
        Decimal or int, dates as ISO text; what cannot be read stays text, so that the schema
        says what is wrong with it."""
        kind = question.value_type
        if kind in ("choice", "reference") and typed.isdigit() and question.choices:
            number = int(typed)
            if not 1 <= number <= len(question.choices):
                return None, [
                    self._problem(
                        question.path,
                        Code.INVALID_VALUE,
                        _(
                            "{number} is not in the list: give a number from 1 to {count}, or the "
                            "value itself"
                        ).format(number=number, count=len(question.choices)),
                    )
                ]
            return question.choices[number - 1][0], []
        name = next(str(part) for part in reversed(question.path) if isinstance(part, str))
        if kind == "text" and name in _COMPACT:
            return re.sub(r"[ .]", "", typed).upper(), []
        if kind == "date":
            return normalise_date_text(typed), []
        if kind in ("amount", "percent"):
            normalise = normalise_amount_text if kind == "amount" else normalise_percent_text
            decimal = normalise(typed)
            plain = re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", decimal)
            return (Decimal(decimal) if plain else typed), []
        if kind == "integer" and re.fullmatch(r"-?[0-9]+", typed):
            return int(typed), []
        if kind == "boolean" and typed.lower() in _YES | _NO:
            return typed.lower() in _YES, []
        return typed, []

    def _check(self, question: Question, value: Any) -> list[Diagnostic]:
        """The problems of one answer: the kind's schema applied as `validate` applies it, and
        the rules across records that this one answer can break."""
        problems = list(self._cross_record(question, value))
        if isinstance(value, str):
            # What the loader refuses in any text of a file (a control character): a JSON
            # string is a YAML one, read by the very loader of the registry.
            _, refused = parse_records(
                json.dumps({"value": value}, ensure_ascii=False),
                path=self.origin,
                shown=self.origin,
            )
            problems.extend(self._problem(question.path, d.code, d.message) for d in refused)
        candidate = copy.deepcopy(self.values)
        _put(candidate, question.path, value)
        record = Record(self.origin, self.origin, 0, Position(1, 1), candidate, "{}\n")
        wanted = format_json_path(question.path)
        for error in self.schema.errors(candidate):
            for diagnostic in explain(record, self.schema, error):
                if diagnostic.json_path == wanted or diagnostic.json_path.startswith(
                    (f"{wanted}.", f"{wanted}[")
                ):
                    problems.append(diagnostic)
        return sort_diagnostics(problems)

    def _cross_record(self, question: Question, value: Any) -> Iterator[Diagnostic]:
        path = question.path
        if question.value_type == "id" and isinstance(value, str):
            where = self.known.taken.get(_namespace(self.kind), {}).get(value)
            if where is not None:
                yield self._problem(
                    path,
                    Code.DUPLICATE_ID,
                    _(
                        "id '{value}' is already used by the record at {where}: ids are unique "
                        "per kind"
                    ).format(value=value, where=where),
                )
        if question.value_type == "reference" and isinstance(value, str):
            name = next(str(part) for part in reversed(path) if isinstance(part, str))
            target = REFERENCES[name]
            known = self.known.names.get(target, {})
            if value not in known:
                yield self._problem(
                    path,
                    Code.UNKNOWN_REFERENCE,
                    _("no {target} with id '{value}'{suggestion}").format(
                        target=target, value=value, suggestion=did_you_mean(value, known)
                    ),
                )
            if path == ("actor",) and value == self.values.get("host"):
                yield self._problem(
                    path, Code.SAME_PARTY, _("the actor and the host must be different parties")
                )
        siren = self.values.get("siren")
        if path == ("siret",) and isinstance(siren, str) and not str(value).startswith(siren):
            yield self._problem(
                path,
                Code.SIRET_SIREN_MISMATCH,
                _("SIRET {value} does not start with the SIREN {siren}").format(
                    value=value, siren=siren
                ),
            )
        vat = str(value).replace(" ", "")
        french = vat.startswith("FR") and isinstance(siren, str)
        if path == ("vat_number",) and french and vat[-9:] != siren:
            yield self._problem(
                path,
                Code.VAT_SIREN_MISMATCH,
                _("VAT number {value} does not end with the SIREN {siren}").format(
                    value=value, siren=siren
                ),
            )

    def _problem(self, path: JsonPath, code: Code, text: str) -> Diagnostic:
        return Diagnostic(self.origin, 1, 1, code, text, format_json_path(path))

    def _set(self, path: JsonPath, value: Any) -> None:
        _put(self.values, path, value)

    def _get(self, path: JsonPath) -> Any:
        node: Any = self.values
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def _remove(self, path: JsonPath) -> None:
        parent = self._get(path[:-1]) if len(path) > 1 else self.values
        if isinstance(parent, dict):
            parent.pop(str(path[-1]), None)
        elif isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent):
            parent[path[-1]] = None

    def give_up(self, question: Question) -> None:
        """Move past a question whose answer was refused (an answers file goes on, to report
        every problem at once)."""
        if question.is_yes_no:
            self.decisions[question.path] = False
        self.answered.add(question.path)

    def reopen(self, diagnostics: list[Diagnostic]) -> list[JsonPath]:
        """Ask again the questions that the errors of `diagnostics` name (those of the new
        record, by JSON path); the paths reopened, empty when no answer can be blamed."""
        reopened: list[JsonPath] = []
        asked = set(self.answered)
        for diagnostic in diagnostics:
            if diagnostic.severity.value != "error" or diagnostic.path != self.origin:
                continue
            path = parse_json_path(diagnostic.json_path)
            for candidate in (path, (*path, 0)):
                if candidate in asked and candidate not in reopened:
                    reopened.append(candidate)
                    self.answered.discard(candidate)
                    self._remove(candidate)
                    break
        return reopened

    # --- the record

    def record(self) -> dict[str, Any]:
        """The record as it will be written (without `kind`), in the schema's order."""
        values = copy.deepcopy(self.values)
        commons = values.get("commons")
        if isinstance(commons, list) and len(commons) == 1:
            values["commons"] = commons[0]
        ordered: dict[str, Any] = self._in_schema_order(values, self.document)
        return ordered

    def _in_schema_order(self, values: Any, schema: Mapping[str, Any]) -> Any:
        """`values` with the keys of every mapping in the order of their schema."""
        resolved, _ = self._resolve(schema)
        if "oneOf" in resolved and isinstance(values, list):
            resolved = {"items": resolved["oneOf"][1].get("items", {})}
        if isinstance(values, list):
            items = resolved.get("items", {})
            return [self._in_schema_order(item, items) for item in values]
        if not isinstance(values, dict):
            return values
        properties: Mapping[str, Any] = resolved.get("properties", {})
        names = [*properties, *(name for name in values if name not in properties)]
        return {
            name: self._in_schema_order(values[name], properties.get(name, {}))
            for name in names
            if name in values
        }

    def draft(self) -> Draft:
        """The record as a draft for :func:`add_records`."""
        fields = self.record()
        return Draft(self.kind, fields, (self.origin, 1), id_parts=(str(fields.get("id", "")),))

    def finish(self, root: Path) -> AddResult:
        """Write the record, validated with the whole registry; or the problems that refuse
        it, each named by the JSON path of its answer."""
        return add_records(root, [self.draft()])


def _put(values: dict[str, Any], path: JsonPath, value: Any) -> None:
    node: Any = values
    for part, following in itertools.pairwise(path):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append(copy.copy(empty))
            node = node[part]
        else:
            node = node.setdefault(part, empty)
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
        node[last] = value
    else:
        node[last] = value


def parse_json_path(text: str) -> JsonPath:
    """`$.representatives[0].email` as `("representatives", 0, "email")`."""
    parts: list[str | int] = []
    for name, index in re.findall(r"\.([^.\[]+)|\[([0-9]+)\]", text.removeprefix("$")):
        parts.append(int(index) if index else name)
    return tuple(parts)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def interview(
    root: Path, kind: EntryKind, environ: Mapping[str, str], origin: str = "<answer>"
) -> Interview:
    """A new interview for a record of `kind` in the registry at `root`, in the language of the
    environment's locale (`environ`), else the workspace's; a :class:`RefusedError` when the
    registry lacks what the record must name (no party yet for a contract's host)."""
    known = KnownRecords.load(root)
    return Interview(kind, command_line_language(environ, known.language), known, origin)


def is_yes(text: str) -> bool | None:
    """True for `oui`, `o`, `yes`..., False for `non`, `n`, `no`..., None for anything else."""
    word = text.strip().lower()
    return True if word in _YES else False if word in _NO else None


def answer_from_file(
    root: Path, kind: EntryKind, path: Path, environ: Mapping[str, str]
) -> AddResult:
    """Answer every question from a YAML file of answers (a mapping laid out like the record:
    `name: ...`, `address: {street: ..., postcode: ...}`, `representatives: [...]`, written as a
    person would type them: `04/11/2026`, `1 500,50`, `oui`), then write the record. Each bad
    answer, a missing one, an unknown one and one that no question asks are located errors of
    the file, all reported at once; nothing is written unless every answer is good."""
    shown = str(path)
    records, problems = load_file(path, shown)
    if problems:
        return AddResult([], problems)
    answers = records[0]
    if len(records) > 1:
        second = records[1].start
        return AddResult(
            [],
            [Diagnostic(shown, second.line, 1, Code.SCHEMA, _("an answers file holds one record"))],
        )
    session = interview(root, kind, environ, origin=shown)
    data = dict(answers.data)
    given_kind = data.pop("kind", kind)
    found: list[Diagnostic] = []
    if given_kind != kind:
        found.append(
            answers.diagnostic(
                ("kind",),
                Code.UNKNOWN_KIND,
                _("these answers are for a {given_kind}, not a {kind}").format(
                    given_kind=given_kind, kind=kind
                ),
            )
        )
    used: set[JsonPath] = set()
    while (question := session.next_question()) is not None:
        value, present = _answer_at(data, question.path)
        if present:
            used.add(question.path)
        problems = session.answer(question, _answer_text(value, session))
        if has_errors(problems):
            found.extend(_relocate(problems, answers, question.path))
            session.give_up(question)
        else:
            found.extend(_relocate(problems, answers, question.path))
    for leaf in _leaves(data):
        # A leaf is used when a question took it, or took a value at it (one commons id where
        # the question asks the first of a list).
        if not any(leaf[: len(u)] == u or u[: len(leaf)] == leaf for u in used):
            properties = session.document["properties"]
            name = str(leaf[0])
            if name in properties:
                why = _("it is not asked with the other answers given")
            else:
                why = _("no question of a {kind} asks it").format(kind=kind)
            hint = "" if name in properties else did_you_mean(name, properties)
            text = _("the answer '{value}' is not used{hint}: {why}").format(
                value=format_json_path(leaf)[2:], hint=hint, why=why
            )
            found.append(answers.diagnostic(leaf, Code.UNKNOWN_KEY, text, at_key=True))
    if has_errors(found):
        return AddResult([], sort_diagnostics(found))
    result = session.finish(root)
    relocated = [
        _relocate([d], answers, parse_json_path(d.json_path))[0] if d.path == shown else d
        for d in result.diagnostics
    ]
    return dataclasses.replace(result, diagnostics=sort_diagnostics([*found, *relocated]))


def _answer_at(data: Mapping[str, Any], path: JsonPath) -> tuple[Any, bool]:
    """The answer at `path` of the file, and whether there is one. A yes/no question is
    answered by the file's content: a group given, or one more item in a list."""
    if path[-1] == "?":
        _, present = _lookup(data, path[:-1])
        return ("yes" if present else "no"), False
    if path[-1] == "+":
        items, present = _lookup(data, path[:-2])
        index = path[-2]
        more = isinstance(items, list) and isinstance(index, int) and index + 1 < len(items)
        return ("yes" if present and more else "no"), False
    return _lookup(data, path)


def _lookup(data: Any, path: JsonPath) -> tuple[Any, bool]:
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, str) and part == 0:
            continue  # one id where a list of ids may be given
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None, False
    return node, node is not None


def _answer_text(value: Any, session: Interview) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return session.word(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict | list):
        return ""  # a group where a value is expected: the question says what is needed
    return str(value)


def _leaves(data: Any, path: JsonPath = ()) -> Iterator[JsonPath]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list) and data:
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _relocate(problems: list[Diagnostic], answers: Record, path: JsonPath) -> list[Diagnostic]:
    """Problems of an answer, at the answer's place in the file (or its nearest enclosing
    value when it is not there)."""
    relocated = []
    for problem in problems:
        own = parse_json_path(problem.json_path) or path
        while own and own[-1] in ("?", "+"):
            own = own[:-1]
        position = answers.locate(own)
        relocated.append(
            dataclasses.replace(
                problem, path=answers.display_path, line=position.line, column=position.column
            )
        )
    return relocated


@functools.cache
def _document(kind: str) -> Mapping[str, Any]:
    """The schema of `kind`, self-contained: every `$ref` points into its own `$defs`."""
    return bundled_schemas()[f"{kind}.schema.json"]


def _resolve(kind: str, schema: Mapping[str, Any]) -> tuple[Mapping[str, Any], str | None]:
    """`schema` with its `$ref` followed, and the name of the shared definition it uses
    (`money`, `date`, `id`...); the property's own description wins over the definition's."""
    resolved, definition = dict(schema), None
    definitions = _document(kind)["$defs"]
    while "$ref" in resolved:
        definition = str(resolved.pop("$ref")).rsplit("/", 1)[-1]
        resolved = {**definitions[definition], **resolved}
    return resolved, definition


def help_texts(kind: EntryKind) -> set[str]:
    """Every explanation (schema description) the interview of `kind` may show: each needs a
    French translation (a test checks it)."""
    found: set[str] = set()

    def walk(node: Mapping[str, Any]) -> None:
        resolved, _ = _resolve(kind, node)
        if resolved.get("description"):
            found.add(str(resolved["description"]))
        for sub in resolved.get("properties", {}).values():
            walk(sub)
        for branch in resolved.get("oneOf", ()):
            if branch.get("type") == "array":
                walk(branch["items"])
        items = resolved.get("items")
        if isinstance(items, Mapping) and _resolve(kind, items)[0].get("type") == "object":
            walk(items)

    for name, sub in _document(kind)["properties"].items():
        if name != "kind":
            walk(sub)
    return found
