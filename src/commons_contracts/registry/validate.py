"""Validation of a whole registry: schema errors, then rules across records.

:func:`validate_registry` loads every file, checks each record against the schema of its kind,
builds the typed :class:`~commons_contracts.registry.model.Registry` from the records that
passed, then runs every rule of :data:`~commons_contracts.registry.rules.RULES` over it.
Everything comes back as diagnostics, sorted by file and line; nothing is printed and nothing is
raised for bad data.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import ValidationError

from commons_contracts.core.diagnostics import Code, Diagnostic, has_errors, sort_diagnostics
from commons_contracts.core.paths import WORKSPACE_FILE
from commons_contracts.core.text import did_you_mean
from commons_contracts.registry.files import LoadResult, load_registry
from commons_contracts.registry.model import (
    BUILDERS,
    Registry,
    Workspace,
)
from commons_contracts.registry.rules import RULES
from commons_contracts.registry.schemas import CONTRACT_KINDS, KINDS, KindSchema, kind_schemas
from commons_contracts.registry.yaml_walk import JsonPath, Record


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating a registry: its diagnostics, sorted, and the typed registry
    (None when the registry has errors, so that nothing is computed from wrong data)."""

    root: Path
    diagnostics: list[Diagnostic]
    registry: Registry | None

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not has_errors(self.diagnostics)


def validate_registry(root: Path) -> ValidationResult:
    """Load and validate the registry at `root`."""
    with _without_cycle_collection():
        return validate_loaded(load_registry(root))


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a registry is read and checked.

    Reading 100,000 records keeps millions of small objects alive, and each automatic pass of
    the collector walks them all again: with it running, validation takes half as long again.
    The records form no reference cycles, so nothing is left uncollected; memory is still
    freed by reference counting as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def validate_loaded(loaded: LoadResult) -> ValidationResult:
    """Validate records already read (also used on records about to be written)."""
    diagnostics = list(loaded.diagnostics)
    schemas = kind_schemas()
    valid: list[Record] = []
    invalid_ids: set[str] = set()
    for record in loaded.records:
        problems = list(_record_problems(record, schemas))
        diagnostics.extend(problems)
        if not problems:
            valid.append(record)
        elif record.id is not None:
            invalid_ids.add(record.id)
    workspace, problems = _workspace(loaded, valid)
    diagnostics.extend(problems)
    unique, problems = _unique_records(valid)
    diagnostics.extend(problems)
    registry = _build_registry(workspace, unique, frozenset(invalid_ids))
    for rule in RULES:
        diagnostics.extend(rule(registry))
    diagnostics = sort_diagnostics(diagnostics)
    return ValidationResult(loaded.root, diagnostics, None if has_errors(diagnostics) else registry)


def _record_problems(record: Record, schemas: dict[str, KindSchema]) -> Iterator[Diagnostic]:
    kind = record.data.get("kind")
    if kind is None:
        yield record.diagnostic(
            (),
            Code.MISSING_KIND,
            f"record has no 'kind': say what it is, one of {', '.join(KINDS)}",
        )
        return
    if not isinstance(kind, str) or kind not in schemas:
        yield record.diagnostic(
            ("kind",),
            Code.UNKNOWN_KIND,
            f"unknown kind '{kind}'{did_you_mean(str(kind), KINDS)}: one of {', '.join(KINDS)}",
        )
        return
    schema = schemas[kind]
    if schema.is_valid(record.data):
        return
    for error in schema.errors(record.data):
        yield from _schema_diagnostics(record, schema, error)


_TYPE_NAMES = {
    "object": "a mapping (key: value lines)",
    "array": "a list",
    "string": "a text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


_FORMAT_PROBLEMS = {
    "money": (Code.TOO_MANY_DECIMALS, "an amount has at most 2 decimals"),
    "percent": (Code.TOO_MANY_DECIMALS, "a percentage has at most 4 decimals"),
    "date": (Code.INVALID_DATE, "is not a real date written YYYY-MM-DD (years 1900 to 2199)"),
    "date-time": (Code.INVALID_DATE, "is not a date and time written YYYY-MM-DDTHH:MM:SSZ"),
    "siren": (Code.INVALID_SIREN, "is not a valid SIREN: its check digit is wrong"),
    "siret": (Code.INVALID_SIRET, "is not a valid SIRET: its check digit is wrong"),
    "rna": (Code.INVALID_RNA, "is not an RNA number (W followed by 9 characters)"),
    "vat-number": (Code.INVALID_VAT_NUMBER, "is not a valid VAT number: its key is wrong"),
    "iban": (Code.INVALID_IBAN, "is not a valid IBAN: its check digits are wrong"),
    "email": (Code.INVALID_EMAIL, "is not an e-mail address"),
    "uri": (Code.INVALID_URL, "is not a web address (https://...)"),
}


_ID_PATTERN = "^[a-z0-9][a-z0-9._-]{0,79}$"


def _schema_diagnostics(
    record: Record, schema: KindSchema, error: ValidationError
) -> Iterator[Diagnostic]:
    """Turn one jsonschema error into located diagnostics with a message a host can act on."""
    path: JsonPath = tuple(error.absolute_path)
    # jsonschema types these as "Any | Unset"; for an error that was raised they are set.
    value: Any = error.instance
    keyword: Any = error.validator
    expected: Any = error.validator_value
    sub_schema: Any = error.schema
    field = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "the value"
    if keyword == "required":
        match = re.match(r"^'(.*)' is a required property$", error.message)
        name = match.group(1) if match else error.message
        yield record.diagnostic(path, Code.MISSING_FIELD, f"missing required field '{name}'")
    elif keyword == "dependentRequired":
        for name, needed in expected.items():
            for other in needed:
                if name in value and other not in value:
                    yield record.diagnostic(
                        path, Code.MISSING_FIELD, f"'{name}' needs '{other}' beside it"
                    )
    elif keyword == "additionalProperties":
        allowed = schema.property_names(path)
        for key in sorted(set(value) - set(allowed)):
            yield record.diagnostic(
                (*path, key),
                Code.UNKNOWN_KEY,
                f"unknown key '{key}'{did_you_mean(key, allowed)}",
                at_key=True,
            )
    elif keyword == "type":
        if expected == "string" and record.is_plain_scalar(path) and value is not None:
            yield record.diagnostic(
                path,
                Code.QUOTE_STRING,
                f'{field} must be text: write it in quotes ("{_as_text(value)}") so that every '
                "YAML tool reads the same digits",
            )
        else:
            yield record.diagnostic(
                path,
                Code.WRONG_TYPE,
                f"{field} must be {_TYPE_NAMES.get(expected, expected)}, not '{_as_text(value)}'",
            )
    elif keyword == "format":
        code, problem = _FORMAT_PROBLEMS[expected]
        if code == Code.TOO_MANY_DECIMALS:
            yield record.diagnostic(path, code, f"{field} is {_as_text(value)}: {problem}")
        else:
            yield record.diagnostic(path, code, f"'{_as_text(value)}' {problem}")
    elif keyword == "pattern":
        if expected == _ID_PATTERN:
            yield record.diagnostic(
                path,
                Code.INVALID_ID,
                f"'{value}' is not a valid id: use lower-case letters, digits, '.', '_' and '-', "
                "starting with a letter or digit, at most 80 characters",
            )
        else:
            description = sub_schema.get("description", "")
            yield record.diagnostic(
                path, Code.INVALID_FORMAT, f"'{value}' is not in the expected form. {description}"
            )
    elif keyword in ("enum", "const"):
        options = expected if keyword == "enum" else [expected]
        hint = did_you_mean(str(value), [str(o) for o in options])
        yield record.diagnostic(
            path,
            Code.INVALID_VALUE,
            f"'{_as_text(value)}' is not allowed here{hint}: "
            f"one of {', '.join(str(o) for o in options)}",
        )
    elif keyword in ("minimum", "maximum", "exclusiveMinimum"):
        bound = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than"}
        yield record.diagnostic(
            path,
            Code.OUT_OF_RANGE,
            f"{field} is {_as_text(value)}: it must be {bound[keyword]} {expected}",
        )
    elif keyword == "oneOf" and not path and record.kind == "reciprocity-contract":
        both = "rate_percent" in value and "tiers" in value
        yield record.diagnostic(
            path,
            Code.RATE_OR_TIERS,
            "give either a flat 'rate_percent' or 'tiers', not both"
            if both
            else "give a flat 'rate_percent' or 'tiers'",
        )
    elif keyword == "not" and not path and record.kind == "hosting-contract":
        yield record.diagnostic(
            ("duration_months",),
            Code.END_OR_DURATION,
            "give 'end_date' or 'duration_months', not both",
            at_key=True,
        )
    elif keyword == "oneOf" and error.context:
        # A value that may take several forms (one id or a list of ids): report the problems
        # of the form that came closest.
        branches: defaultdict[str | int, list[ValidationError]] = defaultdict(list)
        for sub in error.context:
            branches[sub.relative_schema_path[0]].append(sub)
        closest = min(branches.values(), key=lambda subs: (len(subs), -len(subs[0].path)))
        for sub in closest:
            yield from _schema_diagnostics(record, schema, sub)
    elif keyword == "minLength":
        yield record.diagnostic(path, Code.INVALID_VALUE, f"{field} must not be empty")
    elif keyword in ("minItems", "minProperties"):
        yield record.diagnostic(
            path, Code.INVALID_VALUE, f"{field} needs at least {expected} item(s)"
        )
    elif keyword == "uniqueItems":
        yield record.diagnostic(path, Code.INVALID_VALUE, f"{field} lists the same item twice")
    else:
        yield record.diagnostic(path, Code.SCHEMA, error.message)


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _workspace(loaded: LoadResult, valid: list[Record]) -> tuple[Workspace, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    found: Workspace | None = None
    for record in valid:
        if record.kind != "workspace":
            continue
        if record.display_path != WORKSPACE_FILE:
            diagnostics.append(
                record.diagnostic(
                    ("kind",),
                    Code.MISPLACED_WORKSPACE,
                    f"the workspace record belongs in {WORKSPACE_FILE}",
                )
            )
        elif found is not None:
            diagnostics.append(
                record.diagnostic(
                    (), Code.DUPLICATE_WORKSPACE, "a registry has one workspace record"
                )
            )
        else:
            found = Workspace.from_data(record.data)
    in_root_file = [r for r in loaded.records if r.display_path == WORKSPACE_FILE]
    for record in in_root_file:
        if record.kind not in (None, "workspace"):
            diagnostics.append(
                record.diagnostic(
                    ("kind",),
                    Code.MISPLACED_RECORD,
                    f"{WORKSPACE_FILE} holds only the workspace record: move this {record.kind} "
                    "to a file of its own",
                )
            )
    root_file_failed = any(d.path == WORKSPACE_FILE for d in loaded.diagnostics)
    if found is None and not in_root_file and not root_file_failed:
        diagnostics.append(
            Diagnostic(
                WORKSPACE_FILE,
                1,
                1,
                Code.MISSING_WORKSPACE,
                f"{WORKSPACE_FILE} must hold a record 'kind: workspace' with the registry's name",
            )
        )
    return found or Workspace(name="?"), diagnostics


def _namespace(kind: str) -> str:
    # Commands take a contract id alone, so both contract kinds share one set of ids.
    return "contract" if kind in CONTRACT_KINDS else kind


def _unique_records(valid: list[Record]) -> tuple[list[Record], list[Diagnostic]]:
    """The first record of every (kind, id); later ones with the same id are errors."""
    first: dict[tuple[str, str], Record] = {}
    unique: list[Record] = []
    diagnostics: list[Diagnostic] = []
    for record in valid:  # in file and line order, so the later duplicate is reported
        if record.kind == "workspace" or record.id is None or record.kind is None:
            continue
        key = (_namespace(record.kind), record.id)
        if key in first:
            other = first[key]
            diagnostics.append(
                record.diagnostic(
                    ("id",),
                    Code.DUPLICATE_ID,
                    f"id '{record.id}' is already used by the {other.kind} at "
                    f"{other.display_path}:{other.start.line}: ids are unique per kind",
                )
            )
            continue
        first[key] = record
        unique.append(record)
    return unique, diagnostics


def _build_registry(
    workspace: Workspace, records: list[Record], invalid_ids: frozenset[str]
) -> Registry:
    built: defaultdict[str, list[Any]] = defaultdict(list)
    sources: dict[tuple[str, str], Record] = {}
    for record in records:
        kind = record.kind
        assert kind is not None and record.id is not None
        built[kind].append(BUILDERS[kind](record.data))
        sources[(kind, record.id)] = record
    contracts = [*built["hosting-contract"], *built["reciprocity-contract"]]
    return Registry(
        workspace=workspace,
        commons={c.id: c for c in built["commons"]},
        parties={p.id: p for p in built["party"]},
        contracts={c.id: c for c in contracts},
        declarations=tuple(built["declaration"]),
        payments=tuple(built["payment"]),
        signatures=tuple(built["signature"]),
        sources=sources,
        invalid_ids=invalid_ids,
    )
