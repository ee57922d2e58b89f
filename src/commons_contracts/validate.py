"""Validation of a whole registry: schema errors, then rules across records.

:func:`validate_registry` loads every file, checks each record against the schema of its kind,
builds the typed :class:`~commons_contracts.model.Registry` from the records that passed, then
runs every function of :data:`RULES` over it. Everything comes back as diagnostics, sorted by
file and line; nothing is printed and nothing is raised for bad data.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jsonschema import ValidationError

from commons_contracts.diagnostics import Diagnostic, Severity, has_errors, sort_diagnostics
from commons_contracts.loader import (
    WORKSPACE_FILE,
    JsonPath,
    LoadResult,
    Record,
    load_registry,
)
from commons_contracts.model import (
    BUILDERS,
    Contract,
    HostingContract,
    ReciprocityContract,
    Registry,
    Workspace,
)
from commons_contracts.money import HUNDRED
from commons_contracts.schemas import CONTRACT_KINDS, KINDS, KindSchema, kind_schemas


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


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when one of `choices` is close to `word`, else an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --- records and schemas ------------------------------------------------------------------


def _record_problems(record: Record, schemas: dict[str, KindSchema]) -> Iterator[Diagnostic]:
    kind = record.data.get("kind")
    if kind is None:
        yield record.diagnostic(
            (), "missing-kind", f"record has no 'kind': say what it is, one of {', '.join(KINDS)}"
        )
        return
    if not isinstance(kind, str) or kind not in schemas:
        yield record.diagnostic(
            ("kind",),
            "unknown-kind",
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
    "money": ("too-many-decimals", "an amount has at most 2 decimals"),
    "percent": ("too-many-decimals", "a percentage has at most 4 decimals"),
    "date": ("invalid-date", "is not a real date written YYYY-MM-DD (years 1900 to 2199)"),
    "date-time": ("invalid-date", "is not a date and time written YYYY-MM-DDTHH:MM:SSZ"),
    "siren": ("invalid-siren", "is not a valid SIREN: its check digit is wrong"),
    "siret": ("invalid-siret", "is not a valid SIRET: its check digit is wrong"),
    "rna": ("invalid-rna", "is not an RNA number (W followed by 9 characters)"),
    "vat-number": ("invalid-vat-number", "is not a valid VAT number: its key is wrong"),
    "iban": ("invalid-iban", "is not a valid IBAN: its check digits are wrong"),
    "email": ("invalid-email", "is not an e-mail address"),
    "uri": ("invalid-url", "is not a web address (https://...)"),
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
        yield record.diagnostic(path, "missing-field", f"missing required field '{name}'")
    elif keyword == "dependentRequired":
        for name, needed in expected.items():
            for other in needed:
                if name in value and other not in value:
                    yield record.diagnostic(
                        path, "missing-field", f"'{name}' needs '{other}' beside it"
                    )
    elif keyword == "additionalProperties":
        allowed = schema.property_names(path)
        for key in sorted(set(value) - set(allowed)):
            yield record.diagnostic(
                (*path, key),
                "unknown-key",
                f"unknown key '{key}'{did_you_mean(key, allowed)}",
                at_key=True,
            )
    elif keyword == "type":
        if expected == "string" and record.is_plain_scalar(path) and value is not None:
            yield record.diagnostic(
                path,
                "quote-string",
                f'{field} must be text: write it in quotes ("{_as_text(value)}") so that every '
                "YAML tool reads the same digits",
            )
        else:
            yield record.diagnostic(
                path,
                "wrong-type",
                f"{field} must be {_TYPE_NAMES.get(expected, expected)}, not '{_as_text(value)}'",
            )
    elif keyword == "format":
        code, problem = _FORMAT_PROBLEMS[expected]
        if code == "too-many-decimals":
            yield record.diagnostic(path, code, f"{field} is {_as_text(value)}: {problem}")
        else:
            yield record.diagnostic(path, code, f"'{_as_text(value)}' {problem}")
    elif keyword == "pattern":
        if expected == _ID_PATTERN:
            yield record.diagnostic(
                path,
                "invalid-id",
                f"'{value}' is not a valid id: use lower-case letters, digits, '.', '_' and '-', "
                "starting with a letter or digit, at most 80 characters",
            )
        else:
            description = sub_schema.get("description", "")
            yield record.diagnostic(
                path, "invalid-format", f"'{value}' is not in the expected form. {description}"
            )
    elif keyword in ("enum", "const"):
        options = expected if keyword == "enum" else [expected]
        hint = did_you_mean(str(value), [str(o) for o in options])
        yield record.diagnostic(
            path,
            "invalid-value",
            f"'{_as_text(value)}' is not allowed here{hint}: "
            f"one of {', '.join(str(o) for o in options)}",
        )
    elif keyword in ("minimum", "maximum", "exclusiveMinimum"):
        bound = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than"}
        yield record.diagnostic(
            path,
            "out-of-range",
            f"{field} is {_as_text(value)}: it must be {bound[keyword]} {expected}",
        )
    elif keyword == "oneOf" and not path and record.kind == "reciprocity-contract":
        both = "rate_percent" in value and "tiers" in value
        yield record.diagnostic(
            path,
            "rate-or-tiers",
            "give either a flat 'rate_percent' or 'tiers', not both"
            if both
            else "give a flat 'rate_percent' or 'tiers'",
        )
    elif keyword == "not" and not path and record.kind == "hosting-contract":
        yield record.diagnostic(
            ("duration_months",),
            "end-or-duration",
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
        yield record.diagnostic(path, "invalid-value", f"{field} must not be empty")
    elif keyword in ("minItems", "minProperties"):
        yield record.diagnostic(path, "invalid-value", f"{field} needs at least {expected} item(s)")
    elif keyword == "uniqueItems":
        yield record.diagnostic(path, "invalid-value", f"{field} lists the same item twice")
    else:
        yield record.diagnostic(path, "schema", error.message)


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


# --- the registry's shape -----------------------------------------------------------------


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
                    "misplaced-workspace",
                    f"the workspace record belongs in {WORKSPACE_FILE}",
                )
            )
        elif found is not None:
            diagnostics.append(
                record.diagnostic((), "duplicate-workspace", "a registry has one workspace record")
            )
        else:
            found = Workspace.from_data(record.data)
    in_root_file = [r for r in loaded.records if r.display_path == WORKSPACE_FILE]
    for record in in_root_file:
        if record.kind not in (None, "workspace"):
            diagnostics.append(
                record.diagnostic(
                    ("kind",),
                    "misplaced-record",
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
                Severity.ERROR,
                "missing-workspace",
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
                    "duplicate-id",
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


# --- rules across records -----------------------------------------------------------------

Rule = Callable[[Registry], Iterable[Diagnostic]]


def _missing(
    source: Record, path: JsonPath, what: str, wanted: str, choices: Iterable[str]
) -> Diagnostic:
    return source.diagnostic(
        path, "unknown-reference", f"no {what} with id '{wanted}'{did_you_mean(wanted, choices)}"
    )


def _exists(registry: Registry, wanted: str, found: Mapping[str, object]) -> bool:
    # An id whose record failed its schema exists: its own errors are reported already.
    return wanted in found or wanted in registry.invalid_ids


def check_contract_references(registry: Registry) -> Iterator[Diagnostic]:
    """Every commons, host and actor named by a contract exists."""
    for contract in registry.contracts.values():
        kind = contract.kind
        source = registry.source(kind, contract.id)
        listed = isinstance(source.data["commons"], list)
        for index, commons_id in enumerate(contract.commons_ids):
            if not _exists(registry, commons_id, registry.commons):
                path: JsonPath = ("commons", index) if listed else ("commons",)
                yield _missing(source, path, "commons", commons_id, registry.commons)
        roles = [("host", contract.host)]
        if isinstance(contract, ReciprocityContract):
            roles.append(("actor", contract.actor))
            if contract.actor == contract.host:
                yield source.diagnostic(
                    ("actor",), "same-party", "the actor and the host must be different parties"
                )
        for role, party_id in roles:
            if not _exists(registry, party_id, registry.parties):
                yield _missing(source, (role,), "party", party_id, registry.parties)


def _reciprocity_contract(
    registry: Registry, kind: str, record_id: str, contract_id: str
) -> tuple[ReciprocityContract | None, Diagnostic | None]:
    contract = registry.contracts.get(contract_id)
    if isinstance(contract, ReciprocityContract):
        return contract, None
    if contract is None and contract_id in registry.invalid_ids:
        return None, None
    if contract is None:
        choices = [c.id for c in registry.reciprocity_contracts()]
        source = registry.source(kind, record_id)
        return None, _missing(source, ("contract",), "reciprocity contract", contract_id, choices)
    return None, registry.source(kind, record_id).diagnostic(
        ("contract",),
        "wrong-reference",
        f"'{contract_id}' is a hosting contract: {kind}s go under reciprocity contracts",
    )


def check_declarations(registry: Registry) -> Iterator[Diagnostic]:
    """A declaration names a reciprocity contract, falls within its dates and, when the
    contract covers several commons, shares its due between them (and only then)."""
    for declaration in registry.declarations:
        source = registry.source("declaration", declaration.id)
        contract, problem = _reciprocity_contract(
            registry, "declaration", declaration.id, declaration.contract
        )
        if contract is None:
            if problem is not None:
                yield problem
            continue
        if declaration.date < contract.effective_date or (
            contract.end_date is not None and declaration.date > contract.end_date
        ):
            until = f" to {contract.end_date}" if contract.end_date else " onwards"
            yield source.diagnostic(
                ("date",),
                "date-outside-contract",
                f"{declaration.date} is outside the contract '{contract.id}', in force from "
                f"{contract.effective_date}{until}",
            )
        shares = declaration.commons_shares
        if len(contract.commons) == 1:
            if shares is not None:
                yield source.diagnostic(
                    ("commons_shares",),
                    "shares-not-allowed",
                    f"the contract '{contract.id}' covers one commons only: remove commons_shares",
                    at_key=True,
                )
            continue
        if shares is None:
            yield source.diagnostic(
                (),
                "missing-shares",
                f"the contract '{contract.id}' covers {', '.join(contract.commons)}: say how the "
                "due is shared with commons_shares (percent per commons, summing to 100)",
            )
            continue
        for commons_id in shares:
            if commons_id not in contract.commons:
                yield source.diagnostic(
                    ("commons_shares", commons_id),
                    "unknown-reference",
                    f"'{commons_id}' is not a commons of the contract '{contract.id}'"
                    f"{did_you_mean(commons_id, contract.commons)}",
                    at_key=True,
                )
        total = sum(shares.values(), Decimal(0))
        if total != HUNDRED:
            yield source.diagnostic(
                ("commons_shares",), "shares-sum", f"commons_shares add up to {total}, not 100"
            )


def check_payments(registry: Registry) -> Iterator[Diagnostic]:
    """A payment names a reciprocity contract and is not dated before it."""
    for payment in registry.payments:
        contract, problem = _reciprocity_contract(registry, "payment", payment.id, payment.contract)
        if problem is not None:
            yield problem
        if contract is not None and payment.date < contract.effective_date:
            yield registry.source("payment", payment.id).diagnostic(
                ("date",),
                "payment-before-contract",
                f"{payment.date} is before the contract '{contract.id}' takes effect "
                f"({contract.effective_date})",
            )


def check_contract_terms(registry: Registry) -> Iterator[Diagnostic]:
    """Dates in order, tiers increasing with only the last open, a sensible hourly range, and
    signatories with distinct ids."""
    for contract in registry.contracts.values():
        source = registry.source(contract.kind, contract.id)
        if contract.end_date is not None and contract.end_date <= contract.effective_date:
            path: JsonPath = ("end_date",) if "end_date" in source.data else ("duration_months",)
            yield source.diagnostic(
                path,
                "end-before-start",
                f"the contract ends ({contract.end_date}) before it takes effect "
                f"({contract.effective_date})",
            )
        if isinstance(contract, ReciprocityContract) and not contract.flat_rate:
            yield from _tier_problems(contract, source)
        if (
            isinstance(contract, HostingContract)
            and contract.hourly_rate_min is not None
            and contract.hourly_rate_max is not None
            and contract.hourly_rate_min > contract.hourly_rate_max
        ):
            yield source.diagnostic(
                ("hourly_rate", "max"), "invalid-range", "the hourly rate's max is below its min"
            )
        seen: set[str] = set()
        for index, signatory in enumerate(contract.signatories or ()):
            if signatory.id in seen:
                yield source.diagnostic(
                    ("signatories", index, "id"),
                    "duplicate-signatory",
                    f"two signatories have the id '{signatory.id}'",
                )
            seen.add(signatory.id)
            if signatory.party is not None and signatory.party not in _parties_of(contract):
                yield source.diagnostic(
                    ("signatories", index, "party"),
                    "unknown-reference",
                    f"'{signatory.party}' is not a party to this contract "
                    f"(one of {', '.join(_parties_of(contract))})",
                )


def _parties_of(contract: Contract) -> tuple[str, ...]:
    if isinstance(contract, ReciprocityContract):
        return (contract.host, contract.actor)
    return (contract.host,)


def _tier_problems(contract: ReciprocityContract, source: Record) -> Iterator[Diagnostic]:
    previous = Decimal(0)
    last = len(contract.tiers) - 1
    for index, tier in enumerate(contract.tiers):
        if tier.up_to is None:
            if index != last:
                yield source.diagnostic(
                    ("tiers", index),
                    "tiers-order",
                    "only the last tier may have no 'up_to'",
                )
            continue
        if index == last:
            yield source.diagnostic(
                ("tiers", index, "up_to"),
                "tiers-order",
                "the last tier has no 'up_to': it covers all the revenue above the previous one",
                at_key=True,
            )
        elif tier.up_to <= previous:
            yield source.diagnostic(
                ("tiers", index, "up_to"),
                "tiers-order",
                f"up_to {tier.up_to} must be above the previous tier's ({previous})",
            )
        previous = max(previous, tier.up_to)


def check_signatures(registry: Registry) -> Iterator[Diagnostic]:
    """A signature names a contract and one of its signatories, once per version of the
    contract's terms (after a change of terms, each signatory signs again)."""
    seen: dict[tuple[str, str, str], str] = {}
    for signature in registry.signatures:
        source = registry.source("signature", signature.id)
        contract = registry.contracts.get(signature.contract)
        if contract is None and signature.contract in registry.invalid_ids:
            continue
        if contract is None:
            yield _missing(
                source, ("contract",), "contract", signature.contract, registry.contracts
            )
            continue
        signatory_ids = [s.id for s in registry.signatories(contract)]
        # Default signatories come from the parties: with one of them broken, the list is
        # incomplete, and the party's own errors say why.
        parties_known = all(p in registry.parties for p in _parties_of(contract))
        defaults_complete = contract.signatories is not None or parties_known
        if defaults_complete and signature.signatory not in signatory_ids:
            yield source.diagnostic(
                ("signatory",),
                "unknown-reference",
                f"'{signature.signatory}' is not a signatory of '{contract.id}'"
                f"{did_you_mean(signature.signatory, signatory_ids)} "
                f"(signatories: {', '.join(signatory_ids)})",
            )
        key = (signature.contract, signature.signatory, signature.terms_sha256)
        if key in seen:
            yield source.diagnostic(
                ("signatory",),
                "duplicate-signature",
                f"'{signature.signatory}' already signed this version of '{contract.id}' "
                f"(signature '{seen[key]}')",
            )
        seen.setdefault(key, signature.id)


def check_duplicate_entries(registry: Registry) -> Iterator[Diagnostic]:
    """The same invoice declared twice under a contract is an error (its revenue would owe twice);
    two payments alike in contract, date, amount and reference are probably one entered twice,
    a warning."""
    invoices: dict[tuple[str, str], str] = {}
    for declaration in registry.declarations:
        if declaration.invoice_ref is None:
            continue
        key = (declaration.contract, declaration.invoice_ref)
        if key in invoices:
            yield registry.source("declaration", declaration.id).diagnostic(
                ("invoice_ref",),
                "duplicate-invoice",
                f"invoice '{declaration.invoice_ref}' is already declared under "
                f"'{declaration.contract}' (declaration '{invoices[key]}')",
            )
        invoices.setdefault(key, declaration.id)
    payments: dict[tuple[object, ...], str] = {}
    for payment in registry.payments:
        same = (payment.contract, payment.date, payment.amount, payment.reference)
        if same in payments:
            yield registry.source("payment", payment.id).diagnostic(
                ("amount",),
                "possible-duplicate",
                f"same contract, date, amount and reference as the payment '{payments[same]}': "
                "was it entered twice?",
                severity=Severity.WARNING,
            )
        payments.setdefault(same, payment.id)


def check_party_identifiers(registry: Registry) -> Iterator[Diagnostic]:
    """A party's SIRET starts with its SIREN, and its French VAT number contains it."""
    for party in registry.parties.values():
        source = registry.source("party", party.id)
        if party.siren and party.siret and not party.siret.startswith(party.siren):
            yield source.diagnostic(
                ("siret",),
                "siret-siren-mismatch",
                f"SIRET {party.siret} does not start with the SIREN {party.siren}",
            )
        vat = (party.vat_number or "").replace(" ", "")
        if party.siren and vat.startswith("FR") and vat[-9:] != party.siren:
            yield source.diagnostic(
                ("vat_number",),
                "vat-siren-mismatch",
                f"VAT number {party.vat_number} does not end with the SIREN {party.siren}",
            )


def check_vat_and_hosting(registry: Registry) -> Iterator[Diagnostic]:
    """Warnings on reciprocity contracts: VAT charged where it cannot apply, and a commons
    that its host does not host."""
    hosted = {
        (c.host, c.commons) for c in registry.contracts.values() if c.kind == "hosting-contract"
    }
    for contract in registry.reciprocity_contracts():
        source = registry.source(contract.kind, contract.id)
        host = registry.parties.get(contract.host)
        if contract.vat_rate_percent > 0 and (
            contract.qualification == "donation" or (host and host.vat_regime != "liable")
        ):
            reason = (
                "a donation bears no VAT"
                if contract.qualification == "donation"
                else f"the host is not liable to VAT (vat_regime: {host and host.vat_regime})"
            )
            yield source.diagnostic(
                ("vat_rate_percent",),
                "vat-not-applicable",
                f"VAT of {contract.vat_rate_percent} % is charged but {reason}",
                severity=Severity.WARNING,
            )
        for commons_id in contract.commons:
            if commons_id in registry.commons and (contract.host, commons_id) not in hosted:
                yield source.diagnostic(
                    ("host",),
                    "commons-not-hosted",
                    f"no hosting contract between '{contract.host}' and the commons '{commons_id}'",
                    severity=Severity.WARNING,
                )


def check_declarations_signed(registry: Registry) -> Iterator[Diagnostic]:
    """A warning, once per contract, when declarations are made on a contract that is not
    signed by all its signatories yet, at its latest declaration (so that `declare` shows it
    on the record it writes)."""
    signed: defaultdict[str, set[str]] = defaultdict(set)
    for signature in registry.signatures:
        signed[signature.contract].add(signature.signatory)
    latest_declaration: dict[str, str] = {}
    counts: defaultdict[str, int] = defaultdict(int)
    for declaration in registry.declarations:
        counts[declaration.contract] += 1
        latest_declaration[declaration.contract] = declaration.id
    for contract_id, count in sorted(counts.items()):
        contract = registry.contracts.get(contract_id)
        if not isinstance(contract, ReciprocityContract):
            continue
        missing = [s.id for s in registry.signatories(contract) if s.id not in signed[contract_id]]
        if missing:
            yield registry.source("declaration", latest_declaration[contract_id]).diagnostic(
                ("contract",),
                "contract-not-signed",
                f"{count} declaration(s) on '{contract_id}', which is not signed yet by "
                f"{', '.join(missing)}",
                severity=Severity.WARNING,
            )


RULES: tuple[Rule, ...] = (
    check_contract_references,
    check_contract_terms,
    check_declarations,
    check_payments,
    check_signatures,
    check_duplicate_entries,
    check_party_identifiers,
    check_vat_and_hosting,
    check_declarations_signed,
)
"""Every rule across records, run in this order on the records that passed their schema."""
