"""The rules across records: each a plain function of the typed registry that yields located
diagnostics, listed once in :data:`RULES` and run in that order by validation.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.money import HUNDRED
from commons_contracts.core.paths import resolved_inside
from commons_contracts.core.text import did_you_mean
from commons_contracts.i18n.translation import _
from commons_contracts.i18n.wording import known_licence, licence_ids
from commons_contracts.registry.model import (
    Amendment,
    Contract,
    Contribution,
    HostingContract,
    ReciprocityContract,
    Registry,
    same_person_text,
)
from commons_contracts.registry.versions import contribution_terms, final_end, hosting_terms_on
from commons_contracts.registry.yaml_walk import JsonPath, Record

Rule = Callable[[Registry], Iterable[Diagnostic]]


def _missing(
    source: Record, path: JsonPath, what: str, wanted: str, choices: Iterable[str]
) -> Diagnostic:
    return source.diagnostic(
        path,
        Code.UNKNOWN_REFERENCE,
        _("no {what} with id '{wanted}'{suggestion}").format(
            what=what, wanted=wanted, suggestion=did_you_mean(wanted, choices)
        ),
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
                    ("actor",),
                    Code.SAME_PARTY,
                    _("the actor and the host must be different parties"),
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
        _("'{contract_id}' is a hosting contract: {kind}s go under reciprocity contracts").format(
            contract_id=contract_id, kind=kind
        ),
    )


def check_declarations(registry: Registry) -> Iterator[Diagnostic]:
    """A declaration names a reciprocity contract, falls within its dates and, when the
    contract covers several commons, shares its due between them (and only then)."""
    ends: dict[str, datetime.date | None] = {}  # each contract's, found once
    for declaration in registry.declarations:
        source = registry.source("declaration", declaration.id)
        contract, problem = _reciprocity_contract(
            registry, "declaration", declaration.id, declaration.contract
        )
        if contract is None:
            if problem is not None:
                yield problem
            continue
        if contract.id in ends:
            end = ends[contract.id]
        else:
            end = ends[contract.id] = final_end(registry, contract)
        if declaration.date < contract.effective_date or (
            end is not None and declaration.date > end
        ):
            until = _(" to {end}").format(end=end) if end else _(" onwards")
            yield source.diagnostic(
                ("date",),
                Code.DATE_OUTSIDE_CONTRACT,
                _(
                    "{declaration_date} is outside the contract '{contract_id}', in force "
                    "from {contract_effective_date}{until}"
                ).format(
                    declaration_date=declaration.date,
                    contract_id=contract.id,
                    contract_effective_date=contract.effective_date,
                    until=until,
                ),
            )
        shares = declaration.commons_shares
        if len(contract.commons) == 1:
            if shares is not None:
                yield source.diagnostic(
                    ("commons_shares",),
                    Code.SHARES_NOT_ALLOWED,
                    _(
                        "the contract '{contract_id}' covers one commons only: remove "
                        "commons_shares"
                    ).format(contract_id=contract.id),
                    at_key=True,
                )
            continue
        if shares is None:
            yield source.diagnostic(
                (),
                Code.MISSING_SHARES,
                _(
                    "the contract '{contract_id}' covers {items}: say how the due is shared "
                    "with commons_shares (percent per commons, summing to 100)"
                ).format(contract_id=contract.id, items=", ".join(contract.commons)),
            )
            continue
        for commons_id in shares:
            if commons_id not in contract.commons:
                yield source.diagnostic(
                    ("commons_shares", commons_id),
                    Code.UNKNOWN_REFERENCE,
                    _(
                        "'{commons_id}' is not a commons of the contract "
                        "'{contract_id}'{suggestion}"
                    ).format(
                        commons_id=commons_id,
                        contract_id=contract.id,
                        suggestion=did_you_mean(commons_id, contract.commons),
                    ),
                    at_key=True,
                )
        total = sum(shares.values(), Decimal(0))
        if total != HUNDRED:
            yield source.diagnostic(
                ("commons_shares",),
                Code.SHARES_SUM,
                _("commons_shares add up to {total}, not 100").format(total=total),
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
                _(
                    "{payment_date} is before the contract '{contract_id}' takes effect "
                    "({contract_effective_date})"
                ).format(
                    payment_date=payment.date,
                    contract_id=contract.id,
                    contract_effective_date=contract.effective_date,
                ),
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
                _(
                    "the contract ends ({contract_end_date}) before it takes effect "
                    "({contract_effective_date})"
                ).format(
                    contract_end_date=contract.end_date,
                    contract_effective_date=contract.effective_date,
                ),
            )
        if isinstance(contract, ReciprocityContract) and not contract.flat_rate:
            yield from _tier_problems(contract, source)
        if (
            isinstance(contract, HostingContract)
            and contract.hourly_rate is not None
            and contract.hourly_rate.min > contract.hourly_rate.max
        ):
            yield source.diagnostic(
                ("hourly_rate", "max"),
                Code.INVALID_RANGE,
                _("the hourly rate's max is below its min"),
            )
        if isinstance(contract, HostingContract) and contract.commons in registry.commons:
            needed = contract.expense_approval.approvals
            representatives = len(registry.commons[contract.commons].representatives)
            if needed > representatives:
                yield source.diagnostic(
                    ("expense_approval", "approvals"),
                    Code.APPROVALS_ABOVE_REPRESENTATIVES,
                    _(
                        "{needed} approvals are asked of an expense, but the commons "
                        "'{contract_commons}' has {representatives} representative(s): no expense "
                        "could ever be approved"
                    ).format(
                        needed=needed,
                        contract_commons=contract.commons,
                        representatives=representatives,
                    ),
                )
        seen: set[str] = set()
        for index, signatory in enumerate(contract.signatories or ()):
            if signatory.id in seen:
                yield source.diagnostic(
                    ("signatories", index, "id"),
                    Code.DUPLICATE_SIGNATORY,
                    _("two signatories have the id '{signatory_id}'").format(
                        signatory_id=signatory.id
                    ),
                )
            seen.add(signatory.id)
            if signatory.party is not None and signatory.party not in _parties_of(contract):
                yield source.diagnostic(
                    ("signatories", index, "party"),
                    Code.UNKNOWN_REFERENCE,
                    _(
                        "'{signatory_party}' is not a party to this contract (one of {items})"
                    ).format(
                        signatory_party=signatory.party, items=", ".join(_parties_of(contract))
                    ),
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
                    _("only the last tier may have no 'up_to'"),
                )
            continue
        if index == last:
            yield source.diagnostic(
                ("tiers", index, "up_to"),
                Code.TIERS_ORDER,
                _("the last tier has no 'up_to': it covers all the revenue above the previous one"),
                at_key=True,
            )
        elif tier.up_to <= previous:
            yield source.diagnostic(
                ("tiers", index, "up_to"),
                Code.TIERS_ORDER,
                _("up_to {tier_up_to} must be above the previous tier's ({previous})").format(
                    tier_up_to=tier.up_to, previous=previous
                ),
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
                _(
                    "'{signature_signatory}' is not a signatory of '{signed_id}'{suggestion} "
                    "(signatories: {items})"
                ).format(
                    signature_signatory=signature.signatory,
                    signed_id=signed.id,
                    suggestion=did_you_mean(signature.signatory, signatory_ids),
                    items=", ".join(signatory_ids),
                ),
            )
        key = (signature.contract, signature.signatory, signature.terms_sha256)
        if key in seen:
            yield source.diagnostic(
                ("signatory",),
                Code.DUPLICATE_SIGNATURE,
                _(
                    "'{signature_signatory}' already signed this version of '{signed_id}' "
                    "(signature '{value}')"
                ).format(
                    signature_signatory=signature.signatory, signed_id=signed.id, value=seen[key]
                ),
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
                _(
                    "the signed copy '{signature_document}' lies outside the registry: keep "
                    "signed copies inside it (e.g. signed/) and name them relative to its "
                    "root"
                ).format(signature_document=signature.document),
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
                _(
                    "invoice '{declaration_invoice_ref}' is already declared under "
                    "'{declaration_contract}' (declaration '{value}')"
                ).format(
                    declaration_invoice_ref=declaration.invoice_ref,
                    declaration_contract=declaration.contract,
                    value=invoices[key],
                ),
            )
        invoices.setdefault(key, declaration.id)
    payments: dict[tuple[object, ...], str] = {}
    for payment in registry.payments:
        same = (payment.contract, payment.date, payment.amount, payment.reference)
        if same in payments:
            yield registry.source("payment", payment.id).diagnostic(
                ("amount",),
                Code.POSSIBLE_DUPLICATE,
                _(
                    "same contract, date, amount and reference as the payment '{value}': was "
                    "it entered twice?"
                ).format(value=payments[same]),
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
                _("SIRET {party_siret} does not start with the SIREN {party_siren}").format(
                    party_siret=party.siret, party_siren=party.siren
                ),
            )
        vat = (party.vat_number or "").replace(" ", "")
        if party.siren and vat.startswith("FR") and vat[-9:] != party.siren:
            yield source.diagnostic(
                ("vat_number",),
                Code.VAT_SIREN_MISMATCH,
                _("VAT number {party_vat_number} does not end with the SIREN {party_siren}").format(
                    party_vat_number=party.vat_number, party_siren=party.siren
                ),
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
                _("VAT of {contract_vat_rate_percent} % is charged but {reason}").format(
                    contract_vat_rate_percent=contract.vat_rate_percent, reason=reason
                ),
            )
        for commons_id in contract.commons:
            if commons_id in registry.commons and (contract.host, commons_id) not in hosted:
                yield source.diagnostic(
                    ("host",),
                    Code.COMMONS_NOT_HOSTED,
                    _(
                        "no hosting contract between '{contract_host}' and the commons "
                        "'{commons_id}'"
                    ).format(contract_host=contract.host, commons_id=commons_id),
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
                _(
                    "{count} declaration(s) on '{contract_id}', which is not signed yet by {items}"
                ).format(count=count, contract_id=contract_id, items=", ".join(missing)),
            )


# --- hosted funds (the rules that need only the records; those that need the fund's
# computation are in commons_contracts.funds.rules)


def check_fund_references(registry: Registry) -> Iterator[Diagnostic]:
    """Incomes and expenses name a commons, approvals an expense, payouts an expense, and an
    expense's `funded_by` incomes of its own commons."""
    for record in registry.incomes:
        if not _exists(registry, record.commons, registry.commons):
            source = registry.source("income", record.id)
            yield _missing(source, ("commons",), "commons", record.commons, registry.commons)
    incomes = registry.incomes_by_id
    expenses = registry.expenses_by_id
    for expense in registry.expenses:
        source = registry.source("expense", expense.id)
        if not _exists(registry, expense.commons, registry.commons):
            yield _missing(source, ("commons",), "commons", expense.commons, registry.commons)
        for index, income_id in enumerate(expense.funded_by or ()):
            income = incomes.get(income_id)
            if income is None and income_id not in registry.invalid_ids:
                yield _missing(source, ("funded_by", index), "income", income_id, incomes)
            elif income is not None and income.commons != expense.commons:
                yield source.diagnostic(
                    ("funded_by", index),
                    Code.WRONG_REFERENCE,
                    _(
                        "the income '{income_id}' is for the commons '{income_commons}', not "
                        "'{expense_commons}': a fund pays only from its own income"
                    ).format(
                        income_id=income_id,
                        income_commons=income.commons,
                        expense_commons=expense.commons,
                    ),
                )
    contributions = registry.contributions_by_id
    targets = [*expenses, *contributions]
    for approval in registry.approvals:
        if not _exists(registry, approval.target, expenses) and not _exists(
            registry, approval.target, contributions
        ):
            source = registry.source("approval", approval.id)
            what = "expense or contribution"
            yield _missing(source, ("target",), what, approval.target, targets)
    for payout in registry.payouts:
        if not _exists(registry, payout.expense, expenses):
            source = registry.source("payout", payout.id)
            yield _missing(source, ("expense",), "expense", payout.expense, expenses)


def check_cofinancing_references(registry: Registry) -> Iterator[Diagnostic]:
    """Campaigns and contributions name a commons and end after they start; pledges name a
    campaign; incomes and expenses name a campaign of their own commons; an expense repays
    contributions of its own commons, done by its payee; a ballot's candidates are commons or
    campaigns, each named once; votes name a ballot."""
    campaigns = registry.campaigns_by_id
    contributions = registry.contributions_by_id
    for campaign in registry.campaigns:
        source = registry.source("campaign", campaign.id)
        if not _exists(registry, campaign.commons, registry.commons):
            yield _missing(source, ("commons",), "commons", campaign.commons, registry.commons)
        if campaign.closes < campaign.opens:
            yield source.diagnostic(
                ("closes",),
                Code.END_BEFORE_START,
                _(
                    "the campaign closes on {campaign_closes}, before it opens ({campaign_opens})"
                ).format(campaign_closes=campaign.closes, campaign_opens=campaign.opens),
            )
    for work in registry.contributions:
        source = registry.source("contribution", work.id)
        if not _exists(registry, work.commons, registry.commons):
            yield _missing(source, ("commons",), "commons", work.commons, registry.commons)
        if work.end_date < work.start_date:
            yield source.diagnostic(
                ("end_date",),
                Code.END_BEFORE_START,
                _("the work ends on {work_end_date}, before it starts ({work_start_date})").format(
                    work_end_date=work.end_date, work_start_date=work.start_date
                ),
            )
    for pledge in registry.pledges:
        if not _exists(registry, pledge.campaign, campaigns):
            source = registry.source("pledge", pledge.id)
            yield _missing(source, ("campaign",), "campaign", pledge.campaign, campaigns)
    named: list[tuple[str, str, str, str | None]] = [
        ("income", r.id, r.commons, r.campaign) for r in registry.incomes
    ]
    named += [("expense", r.id, r.commons, r.campaign) for r in registry.expenses]
    for kind, record_id, commons_id, campaign_id in named:
        if campaign_id is None:
            continue
        source = registry.source(kind, record_id)
        found = campaigns.get(campaign_id)
        if found is None and campaign_id not in registry.invalid_ids:
            yield _missing(source, ("campaign",), "campaign", campaign_id, campaigns)
        elif found is not None and found.commons != commons_id:
            yield source.diagnostic(
                ("campaign",),
                Code.WRONG_REFERENCE,
                _(
                    "the campaign '{campaign_id}' is for the commons '{found_commons}', not "
                    "'{commons_id}'"
                ).format(
                    campaign_id=campaign_id, found_commons=found.commons, commons_id=commons_id
                ),
            )
    for expense in registry.expenses:
        source = registry.source("expense", expense.id)
        for index, work_id in enumerate(expense.repays or ()):
            repaid = contributions.get(work_id)
            if repaid is None and work_id not in registry.invalid_ids:
                yield _missing(source, ("repays", index), "contribution", work_id, contributions)
            elif repaid is not None and repaid.commons != expense.commons:
                yield source.diagnostic(
                    ("repays", index),
                    Code.WRONG_REFERENCE,
                    _(
                        "the contribution '{work_id}' is a debt of the commons "
                        "'{repaid_commons}', not '{expense_commons}': a fund repays only its own "
                        "debts"
                    ).format(
                        work_id=work_id,
                        repaid_commons=repaid.commons,
                        expense_commons=expense.commons,
                    ),
                )
            elif repaid is not None and not (
                registry.payee_identities(expense) & registry.target_identities(repaid)
            ):
                yield source.diagnostic(
                    ("repays", index),
                    Code.WRONG_REFERENCE,
                    _(
                        "the contribution '{work_id}' is the work of {repaid_contributor}, but "
                        "the expense pays {expense_payee}: a debt is repaid to its contributor"
                    ).format(
                        work_id=work_id,
                        repaid_contributor=repaid.contributor,
                        expense_payee=expense.payee,
                    ),
                )
    choices = [*registry.commons, *campaigns]
    for ballot in registry.ballots:
        source = registry.source("ballot", ballot.id)
        seen: set[str] = set()
        for index, candidate in enumerate(ballot.candidates):
            if candidate.id in seen:
                yield source.diagnostic(
                    ("candidates", index, "id"),
                    Code.DUPLICATE_CANDIDATE,
                    _(
                        "'{candidate_id}' is a candidate already: each candidate is named once"
                    ).format(candidate_id=candidate.id),
                )
            seen.add(candidate.id)
            if not _exists(registry, candidate.id, registry.commons) and not _exists(
                registry, candidate.id, campaigns
            ):
                yield _missing(
                    source,
                    ("candidates", index, "id"),
                    "commons or campaign",
                    candidate.id,
                    choices,
                )
        if ballot.closes is not None and ballot.closes < ballot.opens:
            yield source.diagnostic(
                ("closes",),
                Code.END_BEFORE_START,
                _("the ballot closes on {ballot_closes}, before it opens ({ballot_opens})").format(
                    ballot_closes=ballot.closes, ballot_opens=ballot.opens
                ),
            )
    ballots = registry.ballots_by_id
    for vote in registry.votes:
        if not _exists(registry, vote.ballot, ballots):
            source = registry.source("vote", vote.id)
            yield _missing(source, ("ballot",), "ballot", vote.ballot, ballots)


def check_fund_hosting(registry: Registry) -> Iterator[Diagnostic]:
    """An income or an expense is dated when a hosting contract hosts its commons: the host
    holds a commons' money only under such a contract."""
    records = [("income", r.id, r.commons, r.date) for r in registry.incomes]
    records += [("expense", r.id, r.commons, r.date) for r in registry.expenses]
    records += [("campaign", r.id, r.commons, r.opens) for r in registry.campaigns]
    for kind, record_id, commons_id, day in records:
        if commons_id not in registry.commons:
            continue
        if hosting_terms_on(registry, commons_id, day) is None:
            contracts = [
                c
                for c in registry.contracts.values()
                if isinstance(c, HostingContract) and c.commons == commons_id
            ]
            ends = {c.id: final_end(registry, c) for c in contracts}
            known = ", ".join(
                f"'{c.id}' from {c.effective_date}" + (f" to {ends[c.id]}" if ends[c.id] else "")
                for c in sorted(contracts, key=lambda c: (c.effective_date, c.id))
            )
            which = f"hosting contracts: {known}" if known else "it has no hosting contract"
            yield registry.source(kind, record_id).diagnostic(
                ("commons",),
                Code.NOT_HOSTED,
                _(
                    "no hosting contract hosts the commons '{commons_id}' on {day}, so no "
                    "host holds its money that day ({which})"
                ).format(commons_id=commons_id, day=day, which=which),
            )


def check_hourly_rates(registry: Registry) -> Iterator[Diagnostic]:
    """An hours expense is paid, and a contribution valued, at a rate within the hosting
    contract's `hourly_rate` range (for a contribution, the terms that recognise it:
    :func:`~commons_contracts.registry.versions.contribution_terms`)."""
    rated: list[tuple[str, str, Decimal, HostingContract | None]] = []
    for expense in registry.expenses:
        if expense.hourly_rate is not None:
            terms = hosting_terms_on(registry, expense.commons, expense.date)
            rated.append(("expense", expense.id, expense.hourly_rate, terms))
    for work in registry.contributions:
        terms = contribution_terms(registry, work.commons, work.end_date)
        rated.append(("contribution", work.id, work.hourly_rate, terms))
    for kind, record_id, rate, contract in rated:
        if contract is None or contract.hourly_rate is None:
            continue
        low, high = contract.hourly_rate.min, contract.hourly_rate.max
        # An inverted range is the contract's own error: no rate could be within it.
        if low <= high and not low <= rate <= high:
            yield registry.source(kind, record_id).diagnostic(
                ("hourly_rate",),
                Code.RATE_OUTSIDE_RANGE,
                _(
                    "the hourly rate {rate} is outside the range of the hosting contract "
                    "'{contract_id}' ({low} to {high} excl. VAT)"
                ).format(rate=rate, contract_id=contract.id, low=low, high=high),
            )


def check_approvers(registry: Registry) -> Iterator[Diagnostic]:
    """An approval is given by a representative of the expense's commons, who is not its payee,
    once per expense (a second approval by the same person is a warning: it does not count)."""
    expenses = registry.expenses_by_id
    contributions = registry.contributions_by_id
    first: dict[tuple[str, str], str] = {}
    for approval in sorted(registry.approvals, key=lambda a: (a.date, a.id)):
        expense = expenses.get(approval.target) or contributions.get(approval.target)
        commons = registry.commons.get(expense.commons) if expense is not None else None
        if expense is None or commons is None:
            continue
        source = registry.source("approval", approval.id)
        person = commons.representative(approval.by)
        if person is None:
            emails = [r.email for r in commons.representatives]
            yield source.diagnostic(
                ("by",),
                Code.NOT_A_REPRESENTATIVE,
                _(
                    "'{approval_by}' is not a representative of the commons "
                    "'{commons_id}'{suggestion} (representatives: {items})"
                ).format(
                    approval_by=approval.by,
                    commons_id=commons.id,
                    suggestion=did_you_mean(approval.by, emails),
                    items=", ".join(emails),
                ),
            )
            continue
        identities = {same_person_text(person.name), same_person_text(person.email)}
        if identities & registry.target_identities(expense):
            if isinstance(expense, Contribution):
                why = _(
                    "{person_name} is the contributor of '{expense_id}' "
                    "({expense_contributor}): nobody recognises their own contribution"
                ).format(
                    person_name=person.name,
                    expense_id=expense.id,
                    expense_contributor=expense.contributor,
                )
            else:
                why = _(
                    "{person_name} is the payee of the expense '{expense_id}' "
                    "({expense_payee}): nobody approves an expense paid to themselves"
                ).format(
                    person_name=person.name, expense_id=expense.id, expense_payee=expense.payee
                )
            yield source.diagnostic(("by",), Code.SELF_APPROVAL, why)
            continue
        what = "contribution" if isinstance(expense, Contribution) else "expense"
        key = (expense.id, approval.by.strip().casefold())
        if key in first:
            yield source.diagnostic(
                ("by",),
                Code.DUPLICATE_APPROVAL,
                _(
                    "{person_name} already approved the {what} '{expense_id}' (approval "
                    "'{value}'): approvals count once per representative"
                ).format(
                    person_name=person.name, what=what, expense_id=expense.id, value=first[key]
                ),
            )
        first.setdefault(key, approval.id)


def check_payees(registry: Registry) -> Iterator[Diagnostic]:
    """An expense's payee is a party id, or a name given with the payee's IBAN."""
    for expense in registry.expenses:
        if expense.payee in registry.parties or expense.payee in registry.invalid_ids:
            continue
        if expense.iban is None:
            hint = did_you_mean(expense.payee, registry.parties)
            yield registry.source("expense", expense.id).diagnostic(
                ("payee",),
                Code.MISSING_IBAN,
                _(
                    "'{expense_payee}' is not a party id{hint}: give the payee's iban beside "
                    "its name, or the id of its party record"
                ).format(expense_payee=expense.payee, hint=hint),
            )


_REGRANT_LAW = {
    "state": "art. 15 of the décret-loi of 2 May 1938 forbids passing a State subsidy on to "
    "third parties without the funder's permission",
    "local-authority": "art. L. 1611-4 CGCT forbids passing a local authority's subsidy on to "
    "third parties without its permission",
}


def check_grants(registry: Registry) -> Iterator[Diagnostic]:
    """A grant (money passed on without a service in return) names the incomes that fund it,
    and none of them is a subsidy whose funder did not permit passing it on."""
    incomes = registry.incomes_by_id
    for expense in registry.expenses:
        if expense.type != "grant":
            continue
        source = registry.source("expense", expense.id)
        if not expense.funded_by:
            yield source.diagnostic(
                ("type",),
                Code.GRANT_WITHOUT_FUNDING,
                _(
                    "a grant passes money on without a service in return: name the incomes "
                    "that fund it (funded_by), so that none is a subsidy that may not be "
                    "passed on"
                ),
            )
            continue
        for index, income_id in enumerate(expense.funded_by):
            funding = incomes.get(income_id)
            if funding is None or funding.type != "subsidy" or funding.regrant_permission:
                continue
            law = _REGRANT_LAW.get(
                funding.funder_type or "",
                "a subsidy is passed on to third parties only with the funder's written permission",
            )
            yield source.diagnostic(
                ("funded_by", index),
                Code.REGRANT_FORBIDDEN,
                _(
                    "the income '{income_id}' is a subsidy of {funding_source} without "
                    "permission to pass it on (regrant_permission: false): {law}. Fund the "
                    "grant from other income, or pay contributors against invoices for "
                    "services"
                ).format(income_id=income_id, funding_source=funding.source, law=law),
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
                _(
                    "'{identifier}' is not an id of the SPDX licence list{suggestion}: "
                    "documents print it without its full name"
                ).format(identifier=identifier, suggestion=did_you_mean(identifier, licence_ids())),
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
                _(
                    "a donation contract states whether its host may issue tax receipts, and "
                    "'{host_id}' does not say (tax_receipts: {{eligible: true, basis: ...}} "
                    "or {{eligible: false}}): the contract says it issues none"
                ).format(host_id=host.id),
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
    check_fund_references,
    check_cofinancing_references,
    check_fund_hosting,
    check_hourly_rates,
    check_approvers,
    check_payees,
    check_grants,
    check_licences,
    check_tax_receipts,
)
"""The rules across records that need only the records, run in this order on those that passed
their schema (validation runs the rules of the folders above after them)."""
