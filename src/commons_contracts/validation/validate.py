"""Validation of a whole registry: schema errors, then rules across records.

:func:`validate_registry` loads every file, checks each record against the schema of its kind,
builds the typed :class:`~commons_contracts.registry.model.Registry` from the records that
passed, then runs every rule of :data:`RULES` over it.
Everything comes back as diagnostics, sorted by file and line; nothing is printed and nothing is
raised for bad data.
"""

from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commons_contracts.books.chart import workspace_account_problems
from commons_contracts.core.diagnostics import Code, Diagnostic, has_errors, sort_diagnostics
from commons_contracts.core.paths import WORKSPACE_FILE
from commons_contracts.core.text import did_you_mean
from commons_contracts.funds import rules as fund_rules
from commons_contracts.registry import life_rules, rules
from commons_contracts.registry.explain import explain
from commons_contracts.registry.files import LoadResult, load_registry
from commons_contracts.registry.model import (
    BUILDERS,
    Registry,
    Workspace,
)
from commons_contracts.registry.schemas import KINDS, SIGNABLE_KINDS, KindSchema, kind_schemas
from commons_contracts.registry.yaml_walk import Record


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


RULES: tuple[rules.Rule, ...] = (
    *rules.RULES,
    life_rules.check_amendments,
    life_rules.check_terminations,
    *fund_rules.RULES,
)
"""Every rule across records, in the order they run: the registry's own, then those of a
contract's life, then those that need a fund's computation
(:data:`commons_contracts.funds.rules.RULES`). A folder that adds rules adds them here."""


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
        if record.refused:  # its problems are reported already, by the loader
            if record.id is not None:
                invalid_ids.add(record.id)
            continue
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
        yield from explain(record, schema, error)


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
            diagnostics.extend(workspace_account_problems(record))
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
    # Commands take a contract or amendment id alone, so these kinds share one set of ids; an
    # approval's target is an expense or a contribution by id alone, so these share one too.
    if kind == "contribution":
        return "expense"
    return "contract" if kind in SIGNABLE_KINDS else kind


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
        incomes=tuple(built["income"]),
        expenses=tuple(built["expense"]),
        approvals=tuple(built["approval"]),
        payouts=tuple(built["payout"]),
        campaigns=tuple(built["campaign"]),
        pledges=tuple(built["pledge"]),
        contributions=tuple(built["contribution"]),
        ballots=tuple(built["ballot"]),
        votes=tuple(built["vote"]),
        amendments=tuple(built["amendment"]),
        terminations=tuple(built["termination"]),
    )
