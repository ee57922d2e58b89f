"""The rules of a contract's life: its amendments and its termination (DESIGN.md section 11).

An amendment names a contract, is numbered 1, 2, ... without gap per contract, takes effect
inside the contract's life, and changes only the contract's own fields, into values its schema
accepts; the parties, the commons, the period and the qualification cannot change (that is a
new contract). A termination names a contract and one of its signatories, and takes effect no
earlier than its notice, inside the contract's life.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.terms import canonical_terms, changed_paths
from commons_contracts.core.text import did_you_mean
from commons_contracts.i18n.translation import _
from commons_contracts.registry.explain import explain
from commons_contracts.registry.model import Amendment, Contract, Registry
from commons_contracts.registry.schemas import kind_schemas
from commons_contracts.registry.versions import (
    FIXED_FIELDS,
    amendments_of,
    apply_changes,
    final_end,
    termination_day,
)
from commons_contracts.registry.yaml_walk import JsonPath, Record


def _contract_of(registry: Registry, kind: str, record_id: str, contract_id: str) -> Any:
    """The contract a record names, or a diagnostic when there is none (None: it exists but
    failed its schema, whose errors are reported already)."""
    contract = registry.contracts.get(contract_id)
    if contract is not None or contract_id in registry.invalid_ids:
        return contract
    return registry.source(kind, record_id).diagnostic(
        ("contract",),
        Code.UNKNOWN_REFERENCE,
        _("no contract with id '{contract_id}'{suggestion}").format(
            contract_id=contract_id, suggestion=did_you_mean(contract_id, registry.contracts)
        ),
    )


@dataclass(frozen=True)
class _Changes:
    """An amendment's record seen as the contract it makes: a schema error at a field it
    changes is located at that change, any other one at `changes`."""

    amendment: Record
    kind: str
    changed: frozenset[str]
    data: dict[str, Any]

    def _path(self, path: JsonPath) -> JsonPath:
        return ("changes", *path) if path and path[0] in self.changed else ("changes",)

    def diagnostic(
        self, path: JsonPath, code: Code, message: str, *, at_key: bool = False
    ) -> Diagnostic:
        located = self._path(path)
        if located == ("changes",) and path:
            message = _("with this amendment, the contract's {message}").format(message=message)
        return self.amendment.diagnostic(located, code, message, at_key=at_key and bool(path))

    def is_plain_scalar(self, path: JsonPath) -> bool:
        located = self._path(path)
        return located != ("changes",) and self.amendment.is_plain_scalar(located)


def _change_problems(
    registry: Registry, contract: Contract, amendments: tuple[Amendment, ...]
) -> Iterator[Diagnostic]:
    schema = kind_schemas()[contract.kind]
    allowed = set(schema.property_names(())) - FIXED_FIELDS
    data = registry.source(contract.kind, contract.id).data
    previous_errors: set[str] = {error.message for error in schema.errors(data)}
    for index, amendment in enumerate(amendments):
        source = registry.source("amendment", amendment.id)
        for field in sorted(amendment.changes):
            if field in FIXED_FIELDS:
                yield source.diagnostic(
                    ("changes", field),
                    Code.CHANGE_NOT_ALLOWED,
                    _(
                        "an amendment cannot change '{field}': the parties, the commons, the "
                        "period and the qualification make another contract"
                    ).format(field=field),
                    at_key=True,
                )
            elif field not in allowed:
                yield source.diagnostic(
                    ("changes", field),
                    Code.UNKNOWN_KEY,
                    _("'{field}' is not a field of a {contract_kind}{suggestion}").format(
                        field=field,
                        contract_kind=contract.kind,
                        suggestion=did_you_mean(field, allowed),
                    ),
                    at_key=True,
                )
        merged = apply_changes(data, amendments[: index + 1])
        merged.update({k: data[k] for k in FIXED_FIELDS if k in data})
        view = _Changes(source, contract.kind, frozenset(amendment.changes), merged)
        errors = list(schema.errors(merged))
        for error in errors:
            if error.message in previous_errors:
                continue  # the contract's own error, or an earlier amendment's
            if error.validator == "additionalProperties":
                continue  # unknown fields are reported above, at their key
            yield from explain(view, schema, error)  # type: ignore[arg-type]  # a record view
        previous_errors = {error.message for error in errors}


def check_amendments(registry: Registry) -> Iterator[Diagnostic]:
    """Amendments name a contract, are numbered 1, 2, ... per contract, take effect inside its
    life and change only what an amendment may change, into values the schema accepts."""
    by_contract: defaultdict[str, list[Amendment]] = defaultdict(list)
    for amendment in registry.amendments:
        found = _contract_of(registry, "amendment", amendment.id, amendment.contract)
        if isinstance(found, Diagnostic):
            yield found
        elif found is not None:
            by_contract[amendment.contract].append(amendment)
    for contract_id in sorted(by_contract):
        contract = registry.contracts[contract_id]
        amendments = amendments_of(registry, contract_id)
        for expected, amendment in enumerate(amendments, start=1):
            if amendment.number != expected:
                yield registry.source("amendment", amendment.id).diagnostic(
                    ("number",),
                    Code.AMENDMENT_NUMBER,
                    _(
                        "amendment {amendment_number} of '{contract_id}' should be number "
                        "{expected}: amendments are numbered 1, 2, ... without gap or repeat"
                    ).format(
                        amendment_number=amendment.number,
                        contract_id=contract_id,
                        expected=expected,
                    ),
                )
        end = final_end(registry, contract)
        for amendment in amendments:
            if amendment.effective_date < contract.effective_date or (
                end is not None and amendment.effective_date > end
            ):
                until = _(" to {end}").format(end=end) if end else _(" onwards")
                yield registry.source("amendment", amendment.id).diagnostic(
                    ("effective_date",),
                    Code.DATE_OUTSIDE_CONTRACT,
                    _(
                        "{amendment_effective_date} is outside the contract '{contract_id}', in "
                        "force from {contract_effective_date}{until}"
                    ).format(
                        amendment_effective_date=amendment.effective_date,
                        contract_id=contract_id,
                        contract_effective_date=contract.effective_date,
                        until=until,
                    ),
                )
        yield from _change_problems(registry, contract, amendments)


def check_terminations(registry: Registry) -> Iterator[Diagnostic]:
    """A termination names a contract and one of its signatories, and takes effect no earlier
    than its notice, inside the contract's life."""
    for termination in registry.terminations:
        source = registry.source("termination", termination.id)
        found = _contract_of(registry, "termination", termination.id, termination.contract)
        if isinstance(found, Diagnostic):
            yield found
            continue
        if found is None:
            continue
        contract: Contract = found
        signatories = [s.id for s in registry.signatories(contract)]
        # Default signatories come from the parties: with one of them broken, the list is
        # incomplete, and the party's own errors say why.
        parties = (contract.host, getattr(contract, "actor", contract.host))
        complete = contract.signatories is not None or all(p in registry.parties for p in parties)
        if complete and termination.by not in signatories:
            yield source.diagnostic(
                ("by",),
                Code.UNKNOWN_REFERENCE,
                _(
                    "'{termination_by}' is not a signatory of '{contract_id}'{suggestion} "
                    "(signatories: {items})"
                ).format(
                    termination_by=termination.by,
                    contract_id=contract.id,
                    suggestion=did_you_mean(termination.by, signatories),
                    items=", ".join(signatories),
                ),
            )
        if termination.notified_on < contract.effective_date:
            yield source.diagnostic(
                ("notified_on",),
                Code.DATE_OUTSIDE_CONTRACT,
                _(
                    "{termination_notified_on} is before the contract '{contract_id}' takes "
                    "effect ({contract_effective_date})"
                ).format(
                    termination_notified_on=termination.notified_on,
                    contract_id=contract.id,
                    contract_effective_date=contract.effective_date,
                ),
            )
        last_day = termination_day(registry, termination)
        if last_day is not None and last_day < termination.notified_on:
            yield source.diagnostic(
                ("effective_on",),
                Code.END_BEFORE_START,
                _(
                    "the termination takes effect ({last_day}) before it is notified "
                    "({termination_notified_on})"
                ).format(last_day=last_day, termination_notified_on=termination.notified_on),
            )


def check_amendments_signed(registry: Registry) -> Iterator[Diagnostic]:
    """A warning at an amendment that some of its signatories have not signed: it counts from
    its effective date all the same (like a contract), but the contract's status stays that of
    the version before it until every signatory has signed."""
    for amendment in registry.amendments:
        if amendment.contract not in registry.contracts:
            continue  # reported by check_amendments, or by the contract's own errors
        signed = registry.latest_signatures.get(amendment.id, {})
        missing = [s.id for s in registry.signatories(amendment) if s.id not in signed]
        if missing:
            yield registry.source("amendment", amendment.id).diagnostic(
                ("id",),
                Code.AMENDMENT_NOT_SIGNED,
                _(
                    "amendment {amendment_number} of '{amendment_contract}' is not signed yet "
                    "by {items}: it counts from {amendment_effective_date} all the same, and "
                    "the contract's status shows its version signed by all until every "
                    "signatory has signed it (commons-contracts sign {amendment_id} ...)"
                ).format(
                    amendment_number=amendment.number,
                    amendment_contract=amendment.contract,
                    items=", ".join(missing),
                    amendment_effective_date=amendment.effective_date,
                    amendment_id=amendment.id,
                ),
            )


def check_signed_records_unchanged(registry: Registry) -> Iterator[Diagnostic]:
    """A warning at a contract or an amendment whose own record changed after it was signed:
    the signatures no longer count, and a change of signed terms is made by an amendment,
    never by editing the signed record (DESIGN.md section 11)."""
    for record_id, by_signatory in sorted(registry.latest_signatures.items()):
        signed = registry.contracts.get(record_id) or registry.amendments_by_id.get(record_id)
        if signed is None:
            continue  # reported by check_signatures
        kind = "amendment" if isinstance(signed, Amendment) else signed.kind
        source = registry.source(kind, record_id)
        now = canonical_terms(source.data)
        changed: list[str] = []
        signers: list[str] = []
        for signatory, signature in sorted(by_signatory.items()):
            terms = signature.terms if signature.terms_format in (None, 1) else None
            if terms is None:
                terms = signature.terms.get("amendment" if kind == "amendment" else "contract")
            paths = changed_paths(terms, now) if isinstance(terms, Mapping) else []
            if paths:
                signers.append(signatory)
                changed.extend(path for path in paths if path not in changed)
        if not changed:
            continue
        first = changed[0].split(".")[0].split("[")[0]
        where: JsonPath = (first,) if first in source.data else ("id",)
        remedy = (
            f"record a further amendment of '{signed.contract}'"
            if isinstance(signed, Amendment)
            else f"restore the signed text and record the change as an amendment "
            f"(commons-contracts amend {record_id} --effective DAY --set FIELD=VALUE ...)"
        )
        yield source.diagnostic(
            where,
            Code.SIGNED_RECORD_CHANGED,
            _(
                "'{record_id}' changed since {items} signed it ({items2}): those "
                "signatures no longer count; {remedy}"
            ).format(
                record_id=record_id,
                items=", ".join(signers),
                items2=", ".join(changed),
                remedy=remedy,
            ),
            at_key=True,
        )
