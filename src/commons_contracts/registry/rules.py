"""The rules across records: each a plain function of the typed registry that yields located
diagnostics, listed once in :data:`RULES` and run in that order by validation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.money import HUNDRED
from commons_contracts.core.paths import resolved_inside
from commons_contracts.core.text import did_you_mean
from commons_contracts.i18n.wording import known_licence, licence_ids
from commons_contracts.registry.model import (
    Amendment,
    Contract,
    HostingContract,
    ReciprocityContract,
    Registry,
)
from commons_contracts.registry.versions import final_end
from commons_contracts.registry.yaml_walk import JsonPath, Record

Rule = Callable[[Registry], Iterable[Diagnostic]]


def _missing(
    source: Record, path: JsonPath, what: str, wanted: str, choices: Iterable[str]
) -> Diagnostic:
    return source.diagnostic(
        path, Code.UNKNOWN_REFERENCE, f"no {what} with id '{wanted}'{did_you_mean(wanted, choices)}"
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
                    ("actor",), Code.SAME_PARTY, "the actor and the host must be different parties"
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
        Code.WRONG_REFERENCE,
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
        end = final_end(registry, contract)
        if declaration.date < contract.effective_date or (
            end is not None and declaration.date > end
        ):
            until = f" to {end}" if end else " onwards"
            yield source.diagnostic(
                ("date",),
                Code.DATE_OUTSIDE_CONTRACT,
                f"{declaration.date} is outside the contract '{contract.id}', in force from "
                f"{contract.effective_date}{until}",
            )
        shares = declaration.commons_shares
        if len(contract.commons) == 1:
            if shares is not None:
                yield source.diagnostic(
                    ("commons_shares",),
                    Code.SHARES_NOT_ALLOWED,
                    f"the contract '{contract.id}' covers one commons only: remove commons_shares",
                    at_key=True,
                )
            continue
        if shares is None:
            yield source.diagnostic(
                (),
                Code.MISSING_SHARES,
                f"the contract '{contract.id}' covers {', '.join(contract.commons)}: say how the "
                "due is shared with commons_shares (percent per commons, summing to 100)",
            )
            continue
        for commons_id in shares:
            if commons_id not in contract.commons:
                yield source.diagnostic(
                    ("commons_shares", commons_id),
                    Code.UNKNOWN_REFERENCE,
                    f"'{commons_id}' is not a commons of the contract '{contract.id}'"
                    f"{did_you_mean(commons_id, contract.commons)}",
                    at_key=True,
                )
        total = sum(shares.values(), Decimal(0))
        if total != HUNDRED:
            yield source.diagnostic(
                ("commons_shares",), Code.SHARES_SUM, f"commons_shares add up to {total}, not 100"
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
                Code.PAYMENT_BEFORE_CONTRACT,
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
                Code.END_BEFORE_START,
                f"the contract ends ({contract.end_date}) before it takes effect "
                f"({contract.effective_date})",
            )
        if isinstance(contract, ReciprocityContract) and not contract.flat_rate:
            yield from _tier_problems(contract, source)
        if (
            isinstance(contract, HostingContract)
            and contract.hourly_rate is not None
            and contract.hourly_rate.min > contract.hourly_rate.max
        ):
            yield source.diagnostic(
                ("hourly_rate", "max"), Code.INVALID_RANGE, "the hourly rate's max is below its min"
            )
        if isinstance(contract, HostingContract) and contract.commons in registry.commons:
            needed = contract.expense_approval.approvals
            representatives = len(registry.commons[contract.commons].representatives)
            if needed > representatives:
                yield source.diagnostic(
                    ("expense_approval", "approvals"),
                    Code.APPROVALS_ABOVE_REPRESENTATIVES,
                    f"{needed} approvals are asked of an expense, but the commons "
                    f"'{contract.commons}' has {representatives} representative(s): no expense "
                    "could ever be approved",
                )
        seen: set[str] = set()
        for index, signatory in enumerate(contract.signatories or ()):
            if signatory.id in seen:
                yield source.diagnostic(
                    ("signatories", index, "id"),
                    Code.DUPLICATE_SIGNATORY,
                    f"two signatories have the id '{signatory.id}'",
                )
            seen.add(signatory.id)
            if signatory.party is not None and signatory.party not in _parties_of(contract):
                yield source.diagnostic(
                    ("signatories", index, "party"),
                    Code.UNKNOWN_REFERENCE,
                    f"'{signatory.party}' is not a party to this contract "
                    f"(one of {', '.join(_parties_of(contract))})",
                )


def _parties_of(contract: Contract) -> tuple[str, ...]:
    if isinstance(contract, ReciprocityContract):
        return (contract.host, contract.actor)
    return (contract.host,)


def _tier_problems(contract: ReciprocityContract, source: Record) -> Iterator[Diagnostic]:
    previous = Decimal(0)
    last = len(contract.schedule) - 1
    for index, tier in enumerate(contract.schedule):
        if tier.up_to is None:
            if index != last:
                yield source.diagnostic(
                    ("tiers", index),
                    Code.TIERS_ORDER,
                    "only the last tier may have no 'up_to'",
                )
            continue
        if index == last:
            yield source.diagnostic(
                ("tiers", index, "up_to"),
                Code.TIERS_ORDER,
                "the last tier has no 'up_to': it covers all the revenue above the previous one",
                at_key=True,
            )
        elif tier.up_to <= previous:
            yield source.diagnostic(
                ("tiers", index, "up_to"),
                Code.TIERS_ORDER,
                f"up_to {tier.up_to} must be above the previous tier's ({previous})",
            )
        previous = max(previous, tier.up_to)


def check_signatures(registry: Registry) -> Iterator[Diagnostic]:
    """A signature names a contract or an amendment and one of its signatories, once per
    version of its terms (after a change of terms, each signatory signs again)."""
    seen: dict[tuple[str, str, str], str] = {}
    signables = {**registry.contracts, **registry.amendments_by_id}
    for signature in registry.signatures:
        source = registry.source("signature", signature.id)
        signed = signables.get(signature.contract)
        if signed is None and signature.contract in registry.invalid_ids:
            continue
        if signed is None:
            yield _missing(
                source, ("contract",), "contract or amendment", signature.contract, signables
            )
            continue
        contract = registry.contracts.get(
            signed.contract if isinstance(signed, Amendment) else signed.id
        )
        if contract is None:  # an amendment of a contract with errors of its own
            continue
        signatory_ids = [s.id for s in registry.signatories(signed)]
        # Default signatories come from the parties: with one of them broken, the list is
        # incomplete, and the party's own errors say why.
        parties_known = all(p in registry.parties for p in _parties_of(contract))
        defaults_complete = (
            signed.signatories is not None or contract.signatories is not None or parties_known
        )
        if defaults_complete and signature.signatory not in signatory_ids:
            yield source.diagnostic(
                ("signatory",),
                Code.UNKNOWN_REFERENCE,
                f"'{signature.signatory}' is not a signatory of '{signed.id}'"
                f"{did_you_mean(signature.signatory, signatory_ids)} "
                f"(signatories: {', '.join(signatory_ids)})",
            )
        key = (signature.contract, signature.signatory, signature.terms_sha256)
        if key in seen:
            yield source.diagnostic(
                ("signatory",),
                Code.DUPLICATE_SIGNATURE,
                f"'{signature.signatory}' already signed this version of '{signed.id}' "
                f"(signature '{seen[key]}')",
            )
        seen.setdefault(key, signature.id)
        if (
            signature.document is not None
            and registry.root is not None
            and resolved_inside(registry.root, signature.document) is None
        ):
            yield source.diagnostic(
                ("document",),
                Code.OUTSIDE_REGISTRY,
                f"the signed copy '{signature.document}' lies outside the registry: keep signed "
                "copies inside it (e.g. signed/) and name them relative to its root",
            )


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
                Code.DUPLICATE_INVOICE,
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
                Code.POSSIBLE_DUPLICATE,
                f"same contract, date, amount and reference as the payment '{payments[same]}': "
                "was it entered twice?",
            )
        payments.setdefault(same, payment.id)


def check_party_identifiers(registry: Registry) -> Iterator[Diagnostic]:
    """A party's SIRET starts with its SIREN, and its French VAT number contains it."""
    for party in registry.parties.values():
        source = registry.source("party", party.id)
        if party.siren and party.siret and not party.siret.startswith(party.siren):
            yield source.diagnostic(
                ("siret",),
                Code.SIRET_SIREN_MISMATCH,
                f"SIRET {party.siret} does not start with the SIREN {party.siren}",
            )
        vat = (party.vat_number or "").replace(" ", "")
        if party.siren and vat.startswith("FR") and vat[-9:] != party.siren:
            yield source.diagnostic(
                ("vat_number",),
                Code.VAT_SIREN_MISMATCH,
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
                Code.VAT_NOT_APPLICABLE,
                f"VAT of {contract.vat_rate_percent} % is charged but {reason}",
            )
        for commons_id in contract.commons:
            if commons_id in registry.commons and (contract.host, commons_id) not in hosted:
                yield source.diagnostic(
                    ("host",),
                    Code.COMMONS_NOT_HOSTED,
                    f"no hosting contract between '{contract.host}' and the commons '{commons_id}'",
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
                Code.CONTRACT_NOT_SIGNED,
                f"{count} declaration(s) on '{contract_id}', which is not signed yet by "
                f"{', '.join(missing)}",
            )


def check_licences(registry: Registry) -> Iterator[Diagnostic]:
    """A warning for a commons' licence that the SPDX licence list does not know: documents
    print a licence by its full name, which only the list gives."""
    for commons in registry.commons.values():
        for identifier in commons.licence.split():
            if identifier in ("AND", "OR", "WITH") or known_licence(identifier):
                continue
            yield registry.source("commons", commons.id).diagnostic(
                ("licence",),
                Code.UNKNOWN_LICENCE,
                f"'{identifier}' is not an id of the SPDX licence list"
                f"{did_you_mean(identifier, licence_ids())}: documents print it without its "
                "full name",
            )


def check_tax_receipts(registry: Registry) -> Iterator[Diagnostic]:
    """A warning for a donation contract whose host does not say whether it may issue tax
    receipts: the contract states it, and without `tax_receipts` it states that it issues
    none."""
    for contract in registry.reciprocity_contracts():
        host = registry.parties.get(contract.host)
        if contract.qualification == "donation" and host is not None and host.tax_receipts is None:
            yield registry.source(contract.kind, contract.id).diagnostic(
                ("qualification",),
                Code.TAX_RECEIPTS_UNSTATED,
                f"a donation contract states whether its host may issue tax receipts, and "
                f"'{host.id}' does not say (tax_receipts: {{eligible: true, basis: ...}} or "
                "{eligible: false}): the contract says it issues none",
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
    check_licences,
    check_tax_receipts,
)
"""Every rule across records, run in this order on the records that passed their schema."""
