"""New records (declarations, payments, signatures, and the movements of hosted funds): from
what a person typed to validated record files.

A :class:`Draft` holds the fields as the user typed them (text). It is written out as YAML text,
read back by the same loader as every registry file, and validated together with the whole
registry (read through its cache) by the same rules as `validate`; only when the new records
bring no error, in themselves or elsewhere, are the files created, all of them or none, under
the registry's write lock. So a record written by the command line can never be one that
`validate` would refuse.

Spreadsheets (`declare --from`, `pay --from`) are read into drafts by
:mod:`commons_contracts.validation.spreadsheets`, and new records asked field by field (`new`)
by :mod:`commons_contracts.validation.questions`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from commons_contracts.core.dates import ISO_DATE
from commons_contracts.core.diagnostics import (
    Diagnostic,
    Severity,
    has_errors,
    sort_diagnostics,
)
from commons_contracts.core.money import format_amount, normalise_amount_text
from commons_contracts.core.paths import DATED_KINDS, RECORD_FOLDERS
from commons_contracts.core.processes import without_cycle_collection
from commons_contracts.core.store import registry_lock, write_new_files
from commons_contracts.core.text import did_you_mean
from commons_contracts.errors import CommonsContractsError, RefusedError, UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.registry.cache import LEDGER_KINDS, RegistryState, read_registry
from commons_contracts.registry.model import VOIDABLE_KINDS, Registry
from commons_contracts.registry.scaffold import is_unchanged_sample, unchanged_samples
from commons_contracts.registry.schemas import kind_schemas
from commons_contracts.registry.yaml_walk import is_plain_text, parse_records
from commons_contracts.registry.yields import FileYield, encode_yield, records_yield
from commons_contracts.validation.validate import (
    build_registry,
    prepare_rules,
    registry_entries_of,
    validate_yields,
)

_DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


@dataclass(frozen=True)
class Draft:
    """A record to create, its fields as typed (numbers and dates as text)."""

    kind: str
    fields: Mapping[str, object]
    """Field values in the order they are written: texts as typed, `commons_shares` a mapping of
    texts, a signature's `terms` any JSON-like value."""
    origin: tuple[str, int] = ("<command line>", 1)
    """Where the values come from, for diagnostics: the command line, or (CSV file, row's
    line)."""
    columns: Mapping[str, int] = field(default_factory=dict)
    """For a CSV row, the 1-based column of each field."""
    id_parts: tuple[str, ...] = ()
    """What the new id is made of; by default the date, the contract and the client or
    reference."""


@dataclass(frozen=True)
class AddResult:
    """What adding records did: the files written (none when refused) and the problems found
    in the new records (errors refuse the whole batch; warnings are only shown), or that the
    new records would cause elsewhere in the registry."""

    written: list[Path]
    diagnostics: list[Diagnostic]
    registry_errors: list[Diagnostic] = field(default_factory=list)
    """With `registry_must_be_valid`, the errors the registry has, which refused the write."""

    @property
    def ok(self) -> bool:
        """True when the records were written."""
        return bool(self.written)


DraftMaker = Callable[[Registry], Sequence[Draft]]
"""Makes the drafts from the registry as it stands (a signature needs the contract's terms)."""


def add_records(
    root: Path,
    drafts: Sequence[Draft] | DraftMaker,
    *,
    cache: bool | None = None,
    registry_must_be_valid: bool = False,
    signing: Callable[[Registry], Collection[str]] | None = None,
) -> AddResult:
    """Validate `drafts` with the registry at `root` and, if validating the registry with them
    would give no error that it does not give already, write each as a new file
    (`declarations/YYYY/ID.yaml`, `payments/YYYY/ID.yaml`, `signatures/ID.yaml`).

    The registry is read through its cache, so only files changed since the last command are
    parsed, and validated once, with the new records, by the same rules as `validate`: the new
    records take their place in file order, exactly as `validate` will read them afterwards.
    A new record that makes an error elsewhere (an invoice declared again, at an existing
    declaration that now comes later) is refused like an error of its own. With
    `registry_must_be_valid`, any error of the registry refuses the write. `drafts` may be a
    function of the registry as it stands, called under the lock; `signing` then says that it
    makes signatures, and of which contracts (from the registry without the declarations and
    payments), so that the registry may be read in part (see :data:`WRITTEN_IN_PART_KINDS`)."""
    with registry_lock(root), without_cycle_collection():
        kind_schemas()  # both needed below: made ready while a child may still be examining
        prepare_rules()  # the registry's files (registry.scan)
        concerned = signing if callable(drafts) else _one_contract(drafts)
        state = _read_for(root, cache, concerned)
        if callable(drafts):
            try:
                registry = build_registry(state.root, state.yields)
                made = drafts(registry)
                if state.partial and not _signatures_of(made, registry, state.contracts_read):
                    state = _read_for(root, cache, None)  # not what was said: all of it
                    made = drafts(build_registry(state.root, state.yields))
                drafts = made
            except (CommonsContractsError, LookupError):
                # A record the drafts need may be missing only because it has errors.
                if registry_must_be_valid:
                    errors = _errors(_diagnostics_before(state))
                    if errors:
                        return AddResult([], [], errors)
                raise
        taken = state.record_ids()
        texts: dict[str, tuple[Draft, str]] = {}  # by path relative to the root
        new_yields: dict[str, FileYield] = {}
        refused: list[Diagnostic] = []
        for draft in drafts:
            record_id = _new_id(draft, taken)
            taken.add(record_id)
            year = str(draft.fields.get("date", ""))[:4]
            dated = draft.kind in DATED_KINDS and year.isdigit()
            folder = RECORD_FOLDERS[draft.kind] + (f"/{year}" if dated else "")
            relative = f"{folder}/{record_id}.yaml"
            if state.holds(relative):
                raise RefusedError(
                    _("{value} already exists: it is never overwritten").format(
                        value=root / relative
                    )
                )
            text = _yaml_text({"kind": draft.kind, "id": record_id, **draft.fields})
            records, problems = parse_records(
                text, path=str(root / relative), shown=relative, source_text=text
            )
            # The loader refuses a value as it would in a file (a control character in a
            # client's name): the draft's own error, where it was typed.
            refused.extend(_located(problem, draft) for problem in problems)
            new_yields[relative] = records_yield(records, problems)
            texts[relative] = (draft, text)
        if refused:
            return AddResult([], sort_diagnostics(refused))
        by_path = state.yields_by_file()
        after_files = sorted([*by_path, *texts])
        after = validate_yields(root, [by_path.get(p) or new_yields[p] for p in after_files])
        # Read in part, the files left unread are the other contracts' declarations and
        # payments: what validation says of them is what it said (WRITTEN_IN_PART_KINDS).
        after_diagnostics = sort_diagnostics([*after.diagnostics, *state.unread_diagnostics()])
        mine = [d for d in after_diagnostics if d.path in texts]
        shown = sort_diagnostics(_located(d, texts[d.path][0]) for d in mine)
        if has_errors(mine):
            return AddResult([], shown)
        elsewhere = [d for d in after_diagnostics if d.path not in texts]
        # With a valid registry before, warnings elsewhere do not concern a writer that needs
        # one (sign): the registry is validated once. Otherwise, what the new records change
        # in existing files (an invoice declared again is reported at whichever of the two
        # comes later in file order; a termination can leave an amendment after the
        # contract's end) is told apart from what was there already: its diagnostics are
        # shown, and a new error refuses the records.
        if elsewhere and (has_errors(elsewhere) or not registry_must_be_valid):
            before = _diagnostics_before(state)
            if registry_must_be_valid and has_errors(before):
                return AddResult([], shown, _errors(before))
            already = set(before)
            caused = [d for d in elsewhere if d not in already]
            if has_errors(caused):
                return AddResult([], _explained(state, new_yields, texts, [*shown, *caused]))
            shown = sort_diagnostics([*shown, *caused])
        written = write_new_files(
            root, {root / relative: text.encode("utf-8") for relative, (_, text) in texts.items()}
        )
        read_back = state.add_files(list(texts))
        if all(
            encode_yield(read_back[relative]) == encode_yield(new_yields[relative])
            for relative in texts
        ):
            state.remember(after_diagnostics)
        return AddResult(written, shown)


WRITTEN_IN_PART_KINDS = frozenset(
    {
        "workspace",
        "commons",
        "party",
        "hosting-contract",
        "reciprocity-contract",
        "amendment",
        "termination",
        "signature",
        "declaration",
        "payment",
    }
)
"""The kinds of a registry to which new declarations and payments of one contract, or new
signatures of a contract or of its amendments, are added after reading only that contract's
declarations and payments (and every other kind of record), on a state whose diagnostics the
cache knows, without error.

With these kinds alone, the rules that read declarations and payments (dates within the
contract, shares, an invoice declared twice, payments alike, the latest declaration of an
unsigned contract, a service declared twice, a payment above what is owed) judge each one
by its own contract's entries and by records of the other kinds (its terms, amendments and
signatures), and report only at declarations and payments; the hosted funds have no record to
report at. So the new records change nothing of what validation says of another contract's
entries, and what it says of everything else is found again from the records read. The
other kinds (invoices and receipts, voids, and the records of hosted funds and co-financing)
are judged with every contract's entries: a registry holding them is read whole. A test adds
records both ways and compares every result (docs/registry.md, "A record added to one
contract")."""


def _read_for(
    root: Path, cache: bool | None, concerned: Callable[[Registry], Collection[str]] | None
) -> RegistryState:
    """The registry, read in part for new records of the contracts `concerned` names when
    the cache allows it (:data:`WRITTEN_IN_PART_KINDS`), else whole."""
    if concerned is None:
        return read_registry(root, cache=cache)
    return read_registry(
        root,
        cache=cache,
        entries_of=registry_entries_of(root, concerned),
        entries_only_with=WRITTEN_IN_PART_KINDS,
    )


def _signatures_of(
    drafts: Sequence[Draft], registry: Registry, contracts: Collection[str] | None
) -> bool:
    """Whether `drafts` are all signatures of `contracts` or of their amendments."""
    for draft in drafts:
        if draft.kind != "signature" or contracts is None:
            return False
        try:
            signed = registry.contract_of(registry.signable(str(draft.fields.get("contract"))))
        except (CommonsContractsError, LookupError):
            return False
        if signed.id not in contracts:
            return False
    return True


def _one_contract(drafts: Sequence[Draft]) -> Callable[[Registry], Collection[str]] | None:
    """The contract of `drafts`, when all are declarations and payments of one contract."""
    contracts = {draft.fields.get("contract") for draft in drafts}
    kinds = {draft.kind for draft in drafts}
    if not drafts or len(contracts) != 1 or not kinds <= LEDGER_KINDS:
        return None
    (contract,) = contracts
    return (lambda _registry: {contract}) if isinstance(contract, str) else None


def _explained(
    state: RegistryState,
    new_yields: Mapping[str, FileYield],
    texts: Mapping[str, tuple[Draft, str]],
    found: list[Diagnostic],
) -> list[Diagnostic]:
    """What to show when new records are refused for errors they cause in existing files.

    Such an error is reported at whichever record comes later in file order, which may be the
    existing one (`...-anct.yaml` comes after the new `...-anct-2.yaml`), naming a record that
    was never written. Validated as if they came last, the new records carry the error
    themselves, located where they were typed; that is shown when it explains the refusal."""
    appended = validate_yields(state.root, [*state.yields, *new_yields.values()])
    mine = [d for d in appended.diagnostics if d.path in texts]
    if has_errors(mine):
        return sort_diagnostics(_located(d, texts[d.path][0]) for d in mine)
    return sort_diagnostics(found)


def _diagnostics_before(state: RegistryState) -> list[Diagnostic]:
    """The diagnostics of the registry before the new records (known, or computed)."""
    if state.known_diagnostics is not None:
        return list(state.known_diagnostics)
    return validate_yields(state.root, state.yields).diagnostics


def _errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def _new_id(draft: Draft, taken: set[str]) -> str:
    """A readable id: the date, the contract and the client or reference, made unique."""
    fields = draft.fields
    parts = draft.id_parts or (
        fields.get("date"),
        fields.get("contract"),
        fields.get("client") or fields.get("reference"),
    )
    base = "-".join(_slug(p) for p in parts if isinstance(p, str) and _slug(p))[:72]
    base = base.strip("-._") or draft.kind
    candidate, counter = base, 1
    while candidate in taken:
        counter += 1
        candidate = f"{base}-{counter}"
    return candidate


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_PLAIN_FORMS = {
    "date": ISO_DATE,
    "signed_on": ISO_DATE,
    "effective_date": ISO_DATE,
    "end_date": ISO_DATE,
    "notified_on": ISO_DATE,
    "effective_on": ISO_DATE,
    "due_date": ISO_DATE,
    "number": re.compile(r"[1-9][0-9]{0,2}"),
    "amount_excl_tax": _DECIMAL,
    "amount": _DECIMAL,
    "commons_shares": _DECIMAL,
    "hours": _DECIMAL,
    "hourly_rate": _DECIMAL,
}


def _yaml_text(fields: Mapping[str, object]) -> str:
    """YAML for one record, as a person would write it: dates and numbers plain when they have
    the expected form, words and ids plain when no YAML tool could misread them, everything else
    as a double-quoted string (a JSON string is a valid YAML one). A value of the wrong form
    stays quoted, so that validation names the problem."""
    lines = []
    for key, value in fields.items():
        if isinstance(value, YamlValues):
            lines.append(f"{key}:")
            lines.extend(f"  {_name(k)}: {v}" for k, v in value.items())
        elif isinstance(value, str):
            lines.append(f"{key}: {_scalar(key, value)}")
        elif isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values()):
            lines.append(f"{key}:")
            lines.extend(f"  {_name(k)}: {_scalar(key, v)}" for k, v in value.items())
        else:  # a signature's terms: nested lists and mappings of texts and booleans
            dumped = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
            lines.append(dumped.rstrip("\n"))
    return "\n".join(lines) + "\n"


class YamlValues(dict[str, str]):
    """A mapping whose values are written as YAML as the user typed them (`--set
    rate_percent=6`, `--set 'tiers=[{rate_percent: 6}]'`), so that a number stays a number; each
    must be one line, and the loader then checks it like any value of a file."""

    def __init__(self, values: Mapping[str, str]) -> None:
        for key, text in values.items():
            if "\n" in text or "\r" in text or not text.strip():
                raise UsageError(
                    _("the value of {key} must be one line of YAML, not {text!r}").format(
                        key=key, text=text
                    )
                )
        super().__init__(values)


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every text that a YAML tool could misread."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = None if is_plain_text(text) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    # Written as its exact digits, with the tag YAML gives such a plain scalar (`8`, `8.50`).
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _represent_decimal)


def _name(text: str) -> str:
    """A mapping key as typed (a commons id in `--share`), quoted unless it is a plain name."""
    return text if is_plain_text(text) else json.dumps(text, ensure_ascii=False)


def _scalar(key: str, text: str) -> str:
    form = _PLAIN_FORMS.get(key)
    if form.fullmatch(text) if form is not None else is_plain_text(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _located(diagnostic: Diagnostic, draft: Draft) -> Diagnostic:
    """A diagnostic of a new record, moved to where its values were typed: the command line,
    or the row and column of a CSV file (the record's file does not exist yet)."""
    csv_path, line = draft.origin
    key = diagnostic.json_path.removeprefix("$.").split(".")[0].split("[")[0]
    return Diagnostic(
        csv_path,
        line,
        draft.columns.get(key, 1),
        diagnostic.code,
        diagnostic.message,
        diagnostic.json_path,
    )


def declaration_draft(
    contract: str,
    date: str,
    amount_excl_tax: str,
    *,
    client: str | None = None,
    description: str | None = None,
    shares: Mapping[str, str] | None = None,
    invoice_ref: str | None = None,
) -> Draft:
    """A declaration as typed on the command line (`1 500,50` is an amount too)."""
    fields: dict[str, object] = {
        "contract": contract,
        "date": date,
        "amount_excl_tax": normalise_amount_text(amount_excl_tax),
    }
    optional = {
        "client": client,
        "description": description,
        "commons_shares": shares,
        "invoice_ref": invoice_ref,
    }
    fields.update({key: value for key, value in optional.items() if value is not None})
    return Draft("declaration", fields)


def amendment_draft(
    contract: str, number: int, effective_date: str, rationale: str, changes: Mapping[str, str]
) -> Draft:
    """The next amendment of a contract as typed on the command line: `changes` maps each field
    to its new value written in YAML (`6`, `2028-12-31`, `[...]`, `null` to remove it)."""
    fields: dict[str, object] = {
        "contract": contract,
        "number": str(number),
        "effective_date": effective_date,
        "rationale": rationale,
        "changes": YamlValues(changes),
    }
    return Draft("amendment", fields, id_parts=(contract, "avenant", str(number)))


def termination_draft(
    contract: str, notified_on: str, by: str, reason: str, effective_on: str | None = None
) -> Draft:
    """A termination as typed on the command line."""
    fields: dict[str, object] = {
        "contract": contract,
        "notified_on": notified_on,
        "by": by,
        "reason": reason,
    }
    if effective_on is not None:
        fields["effective_on"] = effective_on
    return Draft("termination", fields, id_parts=(contract, "resiliation"))


def payment_draft(contract: str, date: str, amount: str, reference: str | None = None) -> Draft:
    """A payment as typed on the command line (`1 500,50` is an amount too)."""
    fields: dict[str, str | Mapping[str, str]] = {
        "contract": contract,
        "date": date,
        "amount": normalise_amount_text(amount),
    }
    if reference is not None:
        fields["reference"] = reference
    return Draft("payment", fields)


def _with_optional(fields: dict[str, object], optional: Mapping[str, object | None]) -> None:
    fields.update({key: value for key, value in optional.items() if value is not None})


def income_draft(  # noqa: PLR0917  # one parameter per field, as typed
    commons: str,
    date: str,
    amount: str,
    source: str,
    income_type: str,
    funder_type: str | None = None,
    regrant_permission: bool | None = None,
    permission_ref: str | None = None,
    reference: str | None = None,
) -> Draft:
    """An income of a commons' fund as typed on the command line; its id is made of the date,
    the commons and the source."""
    fields: dict[str, object] = {
        "commons": commons,
        "date": date,
        "amount": amount,
        "source": source,
        "type": income_type,
    }
    _with_optional(
        fields,
        {
            "funder_type": funder_type,
            "regrant_permission": regrant_permission,
            "permission_ref": permission_ref,
            "reference": reference,
        },
    )
    return Draft("income", fields, id_parts=(date, commons, source))


@dataclass(frozen=True)
class ExpenseEntry:
    """An expense as typed on the command line (texts), before it becomes a draft."""

    commons: str
    date: str
    payee: str
    description: str
    expense_type: str
    category: str
    amount: str | None = None
    hours: str | None = None
    hourly_rate: str | None = None
    iban: str | None = None
    invoice_ref: str | None = None
    funded_by: tuple[str, ...] = ()


def expense_draft(entry: ExpenseEntry) -> Draft:
    """An expense of a commons' fund; its id is made of the date, the commons and the payee.
    Whether it takes an amount or hours and a rate is the schema's rule, checked with the
    rest."""
    fields: dict[str, object] = {
        "commons": entry.commons,
        "date": entry.date,
        "payee": entry.payee,
    }
    _with_optional(fields, {"iban": entry.iban})
    fields.update(description=entry.description, type=entry.expense_type)
    _with_optional(
        fields, {"amount": entry.amount, "hours": entry.hours, "hourly_rate": entry.hourly_rate}
    )
    fields["category"] = entry.category
    _with_optional(fields, {"invoice_ref": entry.invoice_ref})
    if entry.funded_by:
        fields["funded_by"] = list(entry.funded_by)
    return Draft("expense", fields, id_parts=(entry.date, entry.commons, entry.payee))


def approval_draft(target: str, by: str, date: str, comment: str | None = None) -> Draft:
    """A representative's approval of an expense; its id is the expense's and the name part of
    the representative's e-mail address (`...-ines-dubois`)."""
    fields: dict[str, object] = {"target": target, "by": by, "date": date}
    _with_optional(fields, {"comment": comment})
    return Draft("approval", fields, id_parts=(target, by.partition("@")[0]))


def payout_draft(expense: str, date: str, amount: str, reference: str | None = None) -> Draft:
    """A payout of an expense; its id is made of the date and the expense."""
    fields: dict[str, object] = {"expense": expense, "date": date, "amount": amount}
    _with_optional(fields, {"reference": reference})
    return Draft("payout", fields, id_parts=(date, expense))


def unpaid_amount(registry: Registry, expense_id: str) -> str:
    """What is left to pay of an expense, every payout counted, as an exact decimal text (the
    default amount of `payout`); a :class:`UsageError` with a "did you mean" for an unknown
    expense, and a :class:`RefusedError` when nothing is left."""
    expense = registry.expenses_by_id.get(expense_id)
    if expense is None:
        hint = did_you_mean(expense_id, registry.expenses_by_id)
        raise UsageError(
            _("no expense with id '{expense_id}'{hint}").format(expense_id=expense_id, hint=hint)
        )
    paid = sum((p.amount for p in registry.payouts if p.expense == expense_id), Decimal(0))
    left = expense.cost - paid
    if left <= 0:
        raise RefusedError(
            _("the expense '{expense_id}' is paid in full ({expense_cost})").format(
                expense_id=expense_id, expense_cost=expense.cost
            )
        )
    return format_amount(left)


def void_draft(
    registry: Registry, record_id: str, reason: str, date: str, kind: str | None = None
) -> Draft:
    """The void of the record `record_id` (a declaration, a payment, or any kind of
    :data:`~commons_contracts.registry.model.VOIDABLE_KINDS`), found in `registry`; a
    :class:`UsageError` with a "did you mean" when no such record exists, or when several kinds
    have the id and `kind` does not say which."""
    kinds = [kind] if kind is not None else list(VOIDABLE_KINDS)
    found = [k for k in kinds if (k, record_id) in registry.sources]
    if not found:
        what = " or ".join(kinds)
        ids = [i for k, i in registry.sources if k in kinds]
        raise UsageError(
            _("no {what} with id '{record_id}'{suggestion}").format(
                what=what, record_id=record_id, suggestion=did_you_mean(record_id, ids)
            )
        )
    if len(found) > 1:
        raise UsageError(
            _("'{record_id}' is the id of a {items}: say which with --kind").format(
                record_id=record_id, items=" and of a ".join(found)
            )
        )
    fields = {"target_kind": found[0], "target": record_id, "date": date, "reason": reason}
    return Draft("void", fields, id_parts=("annulation", record_id))


def parse_shares(items: Sequence[str]) -> dict[str, str] | None:
    """`["movilab=70", "dokos=30"]` as a mapping of texts, or None if an item is malformed."""
    shares: dict[str, str] = {}
    for item in items:
        name, sign, percent = item.partition("=")
        if not sign or not name.strip() or not percent.strip():
            return None
        shares[name.strip()] = percent.strip()
    return shares


def remove_samples(root: Path, *, cache: bool | None = None) -> AddResult:
    """Delete the sample records of `init` that the registry at `root` still holds unchanged
    (:func:`~commons_contracts.registry.scaffold.unchanged_samples`), and nothing else, under
    the registry's lock. The registry is first validated without them, in memory: when one of
    its own records still needs a sample (an error it did not have), nothing is deleted and
    the errors say which record needs which. Each file is compared again just before it is
    deleted. A removal stopped half-way leaves samples only, which running it again removes;
    and the samples can always be made again (`init`), so removing them loses nothing."""
    with registry_lock(root), without_cycle_collection():
        samples = unchanged_samples(root)
        if not samples:
            return AddResult([], [])
        state = read_registry(root, cache=cache)
        shown = [file.shown for file in state.files]
        before = validate_yields(root, state.yields).diagnostics
        gone = set(samples)
        kept = [found for path, found in zip(shown, state.yields, strict=True) if path not in gone]
        already = set(before)
        caused = [d for d in validate_yields(root, kept).diagnostics if d not in already]
        if has_errors(caused):
            return AddResult([], caused)
        removed = []
        for relative in samples:
            if is_unchanged_sample(root, relative):
                (root / relative).unlink()
                removed.append(root / relative)
        return AddResult(removed, [d for d in caused if d.path not in gone])
