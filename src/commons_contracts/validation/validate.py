"""Validation of a whole registry: schema errors, then rules across records.

:func:`validate_registry` reads what every file yields (its records, its own problems and the
schema problems of its records: :mod:`commons_contracts.registry.yields`), through the cache of
:mod:`commons_contracts.registry.cache` unless it is off, builds the typed
:class:`~commons_contracts.registry.model.Registry` from the records that passed their schema,
then runs every rule of :data:`RULES` over it. Everything comes
back as diagnostics, sorted by file and line; nothing is printed and nothing is raised for bad
data. The result is the same with the cache and without it, to the diagnostic: the rules always
run on the records themselves, cached or read again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commons_contracts.core.diagnostics import Code, Diagnostic, has_errors, sort_diagnostics
from commons_contracts.core.processes import without_cycle_collection
from commons_contracts.i18n.translation import _
from commons_contracts.registry.cache import (
    EntriesOf,
    Keeping,
    KeptResults,
    RegistryState,
    read_registry,
)
from commons_contracts.registry.yields import FileYield

if TYPE_CHECKING:
    from commons_contracts.registry import rules
    from commons_contracts.registry.model import Registry, Workspace
    from commons_contracts.registry.yaml_walk import Record

# The rules, the typed model and what they compute are imported when records are checked:
# `validate` on a registry whose result the cache knows needs none of them (BENCHMARKS.md).


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating a registry: its diagnostics, sorted, and the typed registry
    (None when the registry has errors, so that nothing is computed from wrong data)."""

    root: Path
    diagnostics: list[Diagnostic]
    registry: Registry | None
    kept: KeptResults[Any] | None = None
    """With :func:`validate_registry`'s `keeping`, the results the cache keeps for this
    state, of the contracts whose entries the registry was built without."""

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not has_errors(self.diagnostics)


def _every_rule() -> tuple[rules.Rule, ...]:
    from commons_contracts.books import invoicing  # noqa: PLC0415
    from commons_contracts.funds import rules as fund_rules  # noqa: PLC0415
    from commons_contracts.ledger.checks import check_payments_outstanding  # noqa: PLC0415
    from commons_contracts.registry import everyday, life_rules  # noqa: PLC0415
    from commons_contracts.registry import rules as registry_rules  # noqa: PLC0415

    return (
        *registry_rules.RULES,
        life_rules.check_amendments,
        life_rules.check_terminations,
        life_rules.check_amendments_signed,
        life_rules.check_signed_records_unchanged,
        *fund_rules.RULES,
        everyday.check_voids,
        everyday.check_dates_far_ahead,
        everyday.check_repeated_declarations,
        everyday.check_community_signatories,
        check_payments_outstanding,
        invoicing.check_invoices,
        invoicing.check_receipts,
    )


def __getattr__(name: str) -> Any:
    # `RULES`: every rule across records, in the order they run: the registry's own, then those
    # of a contract's life, then those that need a fund's computation
    # (`commons_contracts.funds.rules.RULES`). A folder that adds rules adds them in
    # `_every_rule`. Made on first use, then an attribute of the module like any other.
    if name == "RULES":
        return _rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _rules() -> tuple[rules.Rule, ...]:
    found: tuple[rules.Rule, ...] | None = globals().get("RULES")
    if found is None:
        found = globals()["RULES"] = _every_rule()
    return found


def prepare_rules() -> None:
    """Import and gather every rule now, rather than at the first validation (a writer does it
    while a child may still be examining the registry's files: registry.scan)."""
    _rules()


def validate_registry(
    root: Path,
    *,
    cache: bool | None = None,
    leave_out: frozenset[str] = frozenset(),
    entries_of: Callable[[Registry], Collection[str]] | None = None,
    keeping: Keeping[Any] | None = None,
) -> ValidationResult:
    """Load and validate the registry at `root` (`cache=False`: without the cache; by default
    with it, unless the environment turns it off).

    `leave_out`: kinds of records the caller never reads. When the cache knows this exact
    state's diagnostics, the typed registry is then built without the files that hold only
    those kinds (its tuples of them may be empty); the diagnostics are the same in every case,
    and so is everything computed from the other kinds.

    `entries_of`: the contracts whose declarations and payments the caller reads, given the
    registry without the files that hold only declarations and payments of one contract. In
    the same case, the typed registry is then built without the files that hold only those of
    other contracts; the diagnostics are the same, and so is everything computed from the chosen
    contracts' entries and the other records. With `keeping` as well, a chosen contract whose
    result of that kind the cache keeps for its files as they are now has its entries left out
    too: the result's `kept` gives those results, and keeps those computed of the others."""
    keep = None if entries_of is None else registry_entries_of(root, entries_of)
    with without_cycle_collection():
        state = read_registry(
            root, cache=cache, leave_out=leave_out, entries_of=keep, keeping=keeping
        )
        return validate_state(state)


def registry_entries_of(root: Path, entries_of: Callable[[Registry], Collection[str]]) -> EntriesOf:
    """`entries_of`, a function of the typed registry, as the cache asks it: a function of the
    yields of the files it reads first."""
    return lambda others: entries_of(build_registry(root, others))


def registry_diagnostics(root: Path, *, cache: bool | None = None) -> list[Diagnostic]:
    """The diagnostics of `validate_registry`, without building the typed registry: on a
    registry unchanged since the last validation, the cache gives them without reading a file."""
    with without_cycle_collection():
        state = read_registry(root, cache=cache, records=False)
        if state.known_diagnostics is not None:
            return list(state.known_diagnostics)
        return validate_state(state).diagnostics


def validate_state(state: RegistryState) -> ValidationResult:
    """Validate a registry read by :func:`~commons_contracts.registry.cache.read_registry`,
    and remember the result in its cache."""
    if state.known_diagnostics is not None:
        diagnostics = list(state.known_diagnostics)
        if has_errors(diagnostics):  # nothing is computed: no registry is built
            return ValidationResult(state.root, diagnostics, None)
        registry = build_registry(state.root, state.yields)
        return ValidationResult(state.root, diagnostics, registry, state.kept)
    result = validate_yields(state.root, state.yields)
    state.remember(result.diagnostics)
    return replace(result, kept=state.kept)


def validate_yields(root: Path, yields: Sequence[FileYield]) -> ValidationResult:
    """Validate the registry whose files yield `yields`: the rules across records on the
    records that passed their schema, with every file's own diagnostics."""
    diagnostics: list[Diagnostic] = []
    for found in yields:
        diagnostics.extend(found.load_diagnostics)
        diagnostics.extend(found.schema_diagnostics)
    registry, problems = _registry_and_problems(root, yields)
    diagnostics.extend(problems)
    from commons_contracts.ledger.reversal import dues_shared  # noqa: PLC0415

    with dues_shared():
        for rule in _rules():
            diagnostics.extend(rule(registry))
    diagnostics = sort_diagnostics(diagnostics)
    return ValidationResult(root, diagnostics, None if has_errors(diagnostics) else registry)


def build_registry(root: Path, yields: Sequence[FileYield]) -> Registry:
    """The typed registry of the records that passed their schema, without the rules across
    records (for a state whose diagnostics are known already)."""
    return _registry_and_problems(root, yields)[0]


def _registry_and_problems(
    root: Path, yields: Sequence[FileYield]
) -> tuple[Registry, list[Diagnostic]]:
    records: list[Record] = []
    valid: list[Record] = []
    invalid_ids: set[str] = set()
    load_diagnostics: list[Diagnostic] = []
    for found in yields:
        records.extend(found.records)
        if found.load_diagnostics:
            load_diagnostics.extend(found.load_diagnostics)
        if all(found.valid):
            valid.extend(found.records)
            continue
        for record, is_valid in zip(found.records, found.valid, strict=True):
            if is_valid:
                valid.append(record)
            elif record.id is not None:
                invalid_ids.add(record.id)
    workspace, problems = _workspace(records, load_diagnostics, valid, root)
    unique, duplicates = _unique_records(valid)
    registry = _build_registry(workspace, unique, frozenset(invalid_ids), root)
    return registry, problems + duplicates


def _workspace(
    records: list[Record],
    load_diagnostics: list[Diagnostic],
    valid: list[Record],
    root: Path | None = None,
) -> tuple[Workspace, list[Diagnostic]]:
    from commons_contracts.books.chart import workspace_account_problems  # noqa: PLC0415
    from commons_contracts.core.paths import WORKSPACE_FILE, resolved_inside  # noqa: PLC0415
    from commons_contracts.registry.model import Workspace  # noqa: PLC0415

    diagnostics: list[Diagnostic] = []
    found: Workspace | None = None
    for record in valid:
        if record.data.get("kind") != "workspace":
            continue
        if record.display_path != WORKSPACE_FILE:
            diagnostics.append(
                record.diagnostic(
                    ("kind",),
                    Code.MISPLACED_WORKSPACE,
                    _("the workspace record belongs in {value}").format(value=WORKSPACE_FILE),
                )
            )
        elif found is not None:
            diagnostics.append(
                record.diagnostic(
                    (), Code.DUPLICATE_WORKSPACE, _("a registry has one workspace record")
                )
            )
        else:
            found = Workspace.from_data(record.data)
            diagnostics.extend(workspace_account_problems(record))
            if root is not None and resolved_inside(root, found.templates) is None:
                diagnostics.append(
                    record.diagnostic(
                        ("templates",),
                        Code.OUTSIDE_REGISTRY,
                        _(
                            "the templates folder '{found_templates}' leads outside the registry: "
                            "give a folder inside it (e.g. templates)"
                        ).format(found_templates=found.templates),
                    )
                )
    in_root_file = [r for r in records if r.display_path == WORKSPACE_FILE]
    for record in in_root_file:
        if record.kind not in (None, "workspace"):
            diagnostics.append(
                record.diagnostic(
                    ("kind",),
                    Code.MISPLACED_RECORD,
                    _(
                        "{value} holds only the workspace record: move this {record_kind} to a "
                        "file of its own"
                    ).format(value=WORKSPACE_FILE, record_kind=record.kind),
                )
            )
    root_file_failed = any(d.path == WORKSPACE_FILE for d in load_diagnostics)
    if found is None and not in_root_file and not root_file_failed:
        diagnostics.append(
            Diagnostic(
                WORKSPACE_FILE,
                1,
                1,
                Code.MISSING_WORKSPACE,
                _("{value} must hold a record 'kind: workspace' with the registry's name").format(
                    value=WORKSPACE_FILE
                ),
            )
        )
    return found or Workspace(name="?"), diagnostics


def _unique_records(valid: list[Record]) -> tuple[list[Record], list[Diagnostic]]:
    """The first record of every (kind, id); later ones with the same id are errors."""
    from commons_contracts.registry.schemas import SIGNABLE_KINDS  # noqa: PLC0415

    first: dict[tuple[str, str], Record] = {}
    unique: list[Record] = []
    diagnostics: list[Diagnostic] = []
    # This runs for every record: kind and id read once each, from the data.
    for record in valid:  # in file and line order, so the later duplicate is reported
        data = record.data
        kind, record_id = data.get("kind"), data.get("id")
        if kind == "workspace" or type(record_id) is not str or type(kind) is not str:
            continue
        # Commands take a contract or amendment id alone, so these kinds share one set of ids; an
        # approval's target is an expense or a contribution by id alone, so these share one too.
        if kind == "contribution":
            key = ("expense", record_id)
        else:
            key = ("contract" if kind in SIGNABLE_KINDS else kind, record_id)
        other = first.get(key)
        if other is not None:
            diagnostics.append(
                record.diagnostic(
                    ("id",),
                    Code.DUPLICATE_ID,
                    _(
                        "id '{record_id}' is already used by the {other_kind} at "
                        "{other_display_path}:{start_line}: ids are unique per kind"
                    ).format(
                        record_id=record_id,
                        other_kind=other.kind,
                        other_display_path=other.display_path,
                        start_line=other.start.line,
                    ),
                )
            )
            continue
        first[key] = record
        unique.append(record)
    return unique, diagnostics


def _build_registry(
    workspace: Workspace, records: list[Record], invalid_ids: frozenset[str], root: Path
) -> Registry:
    from commons_contracts.registry.model import BUILDERS, Registry  # noqa: PLC0415

    built: defaultdict[str, list[Any]] = defaultdict(list)
    sources: dict[tuple[str, str], Record] = {}
    for record in records:  # each with a kind and an id, as _unique_records keeps them
        data = record.data
        kind = data["kind"]
        built[kind].append(BUILDERS[kind](data))
        sources[(kind, data["id"])] = record
    voided = _leave_out_voided(built)
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
        voids=tuple(built["void"]),
        voided=voided,
        invoices=tuple(built["invoice"]),
        receipts=tuple(built["receipt"]),
        root=root,
    )


def _leave_out_voided(built: dict[str, list[Any]]) -> dict[tuple[str, str], Any]:
    """Take the records that a void cancels out of `built` (every kind of
    :data:`VOIDABLE_KINDS`), so that no computation counts them; gives them by (kind, id)."""
    from commons_contracts.registry.model import VOIDABLE_KINDS  # noqa: PLC0415

    targets = {(void.target_kind, void.target) for void in built["void"]}
    voided: dict[tuple[str, str], Any] = {}
    if not targets:
        return voided
    for kind in VOIDABLE_KINDS:
        live = []
        for record in built[kind]:
            if (kind, record.id) in targets:
                voided[(kind, record.id)] = record
            else:
                live.append(record)
        built[kind] = live
    return voided
