"""The registry's records as typed, frozen objects, and the registry that holds them.

The fields of every record come from its schema, through the generated
:mod:`commons_contracts.registry.records` (one attribute per schema property, with the schema's
defaults); this module adds only what is derived from them: a contract's end from its duration,
a flat rate as a single tier, the commons a contract is about, and the default signatories.
Objects are built only from records that passed their schema, so every conversion is total.
"""

from __future__ import annotations

import datetime
import functools
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from commons_contracts.core.dates import add_months
from commons_contracts.core.money import round_cents
from commons_contracts.core.text import did_you_mean
from commons_contracts.errors import UsageError
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.translation import _
from commons_contracts.registry.records import (
    AmendmentFields,
    ApprovalFields,
    BallotFields,
    CampaignFields,
    CommonsFields,
    ContributionFields,
    DeclarationFields,
    ExpenseFields,
    HostingContractFields,
    IncomeFields,
    InvoiceFields,
    Language,
    LocalText,
    PartyFields,
    PaymentFields,
    PayoutFields,
    PledgeFields,
    ReceiptFields,
    ReciprocityContractFields,
    Representative,
    Signatory,
    SignatureFields,
    TerminationFields,
    Tier,
    VoidFields,
    VoteFields,
    WorkspaceFields,
)
from commons_contracts.registry.yaml_walk import Record


class Workspace(WorkspaceFields):
    """The registry's own record (`commons-contracts.yaml`)."""

    __slots__ = ()

    @property
    def format(self) -> Literal[1, 2]:
        """The version of the registry format its records are read by: `format_version`, 1
        when left out (a registry made before format 2)."""
        return self.format_version or 1


class Commons(CommonsFields):
    """A commons: a shared resource with a community and no legal entity."""

    __slots__ = ()

    def representative(self, email: str) -> Representative | None:
        """The representative whose e-mail address is `email` (case aside), or None."""
        wanted = email.strip().casefold()
        for person in self.representatives:
            if person.email.strip().casefold() == wanted:
                return person
        return None


class Party(PartyFields):
    """A host or an economic actor."""

    __slots__ = ()


class HostingContract(HostingContractFields):
    """A commons hosting agreement between a host and a commons' community."""

    __slots__ = ()

    @property
    def end(self) -> datetime.date | None:
        """The contract's last day: its `end_date`, or the day before its effective date plus
        `duration_months`; None when open-ended."""
        if self.end_date is None and self.duration_months is not None:
            return add_months(self.effective_date, self.duration_months) - datetime.timedelta(1)
        return self.end_date

    @property
    def commons_ids(self) -> tuple[str, ...]:
        """The commons the contract is about."""
        return (self.commons,)


class ReciprocityContract(ReciprocityContractFields):
    """A reciprocity agreement: an economic actor gives back a share of its revenue."""

    __slots__ = ()

    @property
    def end(self) -> datetime.date | None:
        """The contract's last day (None: open-ended)."""
        return self.end_date

    @property
    def flat_rate(self) -> bool:
        """Whether the contract has one flat `rate_percent` rather than `tiers`."""
        return self.rate_percent is not None

    @property
    def schedule(self) -> tuple[Tier, ...]:
        """The rates on the year's cumulative revenue: the tiers, or the flat rate as a single
        open tier."""
        if self.rate_percent is not None:
            return (Tier(rate_percent=self.rate_percent),)
        assert self.tiers is not None, "the schema requires a rate or tiers"
        return self.tiers

    @property
    def commons_ids(self) -> tuple[str, ...]:
        """The commons the contract benefits."""
        return self.commons


Contract = HostingContract | ReciprocityContract


class Declaration(DeclarationFields):
    """Revenue declared by an economic actor under a reciprocity contract."""

    __slots__ = ()


class Payment(PaymentFields):
    """Money received by the host under a reciprocity contract, including VAT."""

    __slots__ = ()


class Signature(SignatureFields):
    """The record that one signatory signed one exact version of a contract's terms."""

    __slots__ = ()


class Amendment(AmendmentFields):
    """A change of a contract's terms from a day on (an avenant), signed like a contract."""

    __slots__ = ()


class Expense(ExpenseFields):
    """Money the community decided to spend from a commons' fund."""

    __slots__ = ()

    @property
    def cost(self) -> Decimal:
        """What the expense costs: its amount, or for an hours expense hours times the hourly
        rate, rounded half-up to the cent."""
        if self.amount is not None:
            return self.amount
        assert self.hours is not None and self.hourly_rate is not None, "the schema requires them"
        return round_cents(self.hours * self.hourly_rate)


class Approval(ApprovalFields):
    """A representative's approval of an expense."""

    __slots__ = ()


Signable = Contract | Amendment
"""What is signed: a contract, or an amendment of one (their ids share one namespace)."""


class Termination(TerminationFields):
    """The notice that ends a contract on a day."""

    __slots__ = ()


class Income(IncomeFields):
    """Money the host received for a commons' fund (reciprocity payments aside)."""

    __slots__ = ()


class Invoice(InvoiceFields):
    """An invoice or a credit note issued by a host for one period of a royalty contract."""

    __slots__ = ()

    @property
    def amount_excl_tax(self) -> Decimal:
        """The sum of its lines, excluding VAT (positive, on a credit note too)."""
        return sum((line.amount_excl_tax for line in self.lines), Decimal(0))

    @property
    def signed_excl_tax(self) -> Decimal:
        """What it adds to the period's invoiced amount excluding VAT: negative for a credit
        note."""
        return -self.amount_excl_tax if self.type == "credit-note" else self.amount_excl_tax


class Receipt(ReceiptFields):
    """A tax receipt issued by a host for one donation payment."""

    __slots__ = ()


class Void(VoidFields):
    """The cancellation of a declaration or a payment entered by mistake."""

    __slots__ = ()


class Payout(PayoutFields):
    """Money paid out of a commons' fund for an expense."""

    __slots__ = ()


class Campaign(CampaignFields):
    """A co-financing call for a named development step of a commons."""

    __slots__ = ()

    @property
    def budget(self) -> Decimal:
        """The step's whole budget: the sum of its lines."""
        return sum((line.amount for line in self.budget_lines), Decimal("0.00"))

    @property
    def eligible_costs(self) -> Decimal:
        """The lines that matching funds are a percentage of (every line not marked
        `eligible: false`)."""
        return sum((line.amount for line in self.budget_lines if line.eligible), Decimal("0.00"))

    @property
    def coordination(self) -> Decimal:
        """The budget's coordination lines."""
        lines = self.budget_lines
        return sum(
            (line.amount for line in lines if line.category == "coordination"), Decimal("0.00")
        )


class Pledge(PledgeFields):
    """A funder's promise to a campaign."""

    __slots__ = ()


class Contribution(ContributionFields):
    """Unpaid work for a commons, a contributive debt once the community recognises it."""

    __slots__ = ()

    @property
    def value(self) -> Decimal:
        """What the work is worth: hours times the hourly rate, rounded half-up to the cent."""
        return round_cents(self.hours * self.hourly_rate)


class Ballot(BallotFields):
    """A question the community answers by majority judgment."""

    __slots__ = ()


class Vote(VoteFields):
    """One voter's grades on a ballot."""

    __slots__ = ()


@functools.lru_cache(maxsize=65536)  # the same payees and representatives come back often
def same_person_text(text: str) -> str:
    """A name or an e-mail address as compared between records: Unicode-normalised, without
    case, accents or repeated spaces (`Inès  Dubois` is `ines dubois`)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


VOIDABLE_KINDS: tuple[str, ...] = ("declaration", "payment", "income", "expense", "payout")
"""The kinds of record a `void` may cancel: a declaration, a payment, or a fund's income,
expense or payout. A voided record is left out of every computation when
:func:`commons_contracts.validation.validate` builds the registry, and `void ID` finds its
ids."""


@dataclass(frozen=True)
class Registry:
    """Every valid record of a registry, by kind and id, with the record each came from."""

    workspace: Workspace
    commons: Mapping[str, Commons]
    parties: Mapping[str, Party]
    contracts: Mapping[str, Contract]
    declarations: tuple[Declaration, ...]
    payments: tuple[Payment, ...]
    signatures: tuple[Signature, ...]
    sources: Mapping[tuple[str, str], Record] = field(repr=False)
    amendments: tuple[Amendment, ...] = ()
    terminations: tuple[Termination, ...] = ()
    voids: tuple[Void, ...] = ()
    voided: Mapping[tuple[str, str], Any] = field(default_factory=dict)
    """The records cancelled by a void, by (kind, id): left out of `declarations`, `payments`
    and every computation, kept here to be shown as voided."""
    invoices: tuple[Invoice, ...] = ()
    receipts: tuple[Receipt, ...] = ()
    invalid_ids: frozenset[str] = frozenset()
    """Ids of records that exist but failed their schema: a reference to one of them is not
    reported again as unknown, since the record's own errors already are."""
    incomes: tuple[Income, ...] = ()
    expenses: tuple[Expense, ...] = ()
    approvals: tuple[Approval, ...] = ()
    payouts: tuple[Payout, ...] = ()
    campaigns: tuple[Campaign, ...] = ()
    pledges: tuple[Pledge, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    ballots: tuple[Ballot, ...] = ()
    votes: tuple[Vote, ...] = ()
    root: Path | None = None
    """The registry's folder (None for a registry made in memory): where its own templates
    are looked for."""

    @functools.cached_property
    def hosting_by_commons(self) -> Mapping[str, tuple[HostingContract, ...]]:
        """The hosting contracts of each commons, the latest to take effect first."""
        found: defaultdict[str, list[HostingContract]] = defaultdict(list)
        for contract in self.contracts.values():
            if isinstance(contract, HostingContract):
                found[contract.commons].append(contract)
        return {
            commons_id: tuple(sorted(listed, key=lambda c: (c.effective_date, c.id), reverse=True))
            for commons_id, listed in found.items()
        }

    @functools.cached_property
    def expenses_by_id(self) -> Mapping[str, Expense]:
        """The expenses by id."""
        return {expense.id: expense for expense in self.expenses}

    @functools.cached_property
    def campaigns_by_id(self) -> Mapping[str, Campaign]:
        """The campaigns by id."""
        return {campaign.id: campaign for campaign in self.campaigns}

    @functools.cached_property
    def contributions_by_id(self) -> Mapping[str, Contribution]:
        """The contributions by id."""
        return {contribution.id: contribution for contribution in self.contributions}

    @functools.cached_property
    def ballots_by_id(self) -> Mapping[str, Ballot]:
        """The ballots by id."""
        return {ballot.id: ballot for ballot in self.ballots}

    @functools.cached_property
    def incomes_by_id(self) -> Mapping[str, Income]:
        """The incomes by id."""
        return {income.id: income for income in self.incomes}

    def payee_identities(self, expense: Expense) -> frozenset[str]:
        """Who an expense pays, as names and e-mail addresses compared between records (see
        :func:`same_person_text`): the payee as written, and for a party its name, e-mail
        address and legal representative's name and e-mail address."""
        return self.person_identities(expense.payee)

    def target_identities(self, target: Expense | Contribution) -> frozenset[str]:
        """Who gains from an approval's target: an expense's payee, or a contribution's
        contributor (with the e-mail address the contribution gives)."""
        if isinstance(target, Expense):
            return self.payee_identities(target)
        found = self.person_identities(target.contributor)
        if target.email:
            found |= {same_person_text(target.email)}
        return found

    def person_identities(self, who: str) -> frozenset[str]:
        """A person or an organisation written as a party id or a name, as the names and
        e-mail addresses compared between records: the text itself, and for a party its name,
        e-mail address and legal representative's name and e-mail address."""
        found = {who}
        party = self.parties.get(who)
        if party is not None:
            found.add(party.name)
            found.update(text for text in (party.email,) if text)
            if party.representative is not None:
                found.add(party.representative.name)
                if party.representative.email:
                    found.add(party.representative.email)
        return frozenset(same_person_text(text) for text in found)

    def person_key(self, who: str) -> str:
        """One key per person or organisation, however a record writes it: the party id for a
        party id, or for a name or e-mail address that is a party's; else the text as names
        are compared (:func:`same_person_text`). Two records paying `studio-lumen` and `Studio
        Lumen` pay one payee."""
        if who in self.parties:
            return who
        text = same_person_text(who)
        return self._party_by_identity.get(text, text)

    @functools.cached_property
    def _party_by_identity(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for party_id, party in sorted(self.parties.items()):
            for text in (party.name, party.email):
                if text:
                    found.setdefault(same_person_text(text), party_id)
        return found

    def payee_name(self, payee: str) -> str:
        """How a payee or a source is named: the party's name for a party id, else as written."""
        party = self.parties.get(payee)
        return party.name if party is not None else payee

    def source(self, kind: str, record_id: str) -> Record:
        """The record a registry object was built from (to locate a diagnostic)."""
        return self.sources[(kind, record_id)]

    def contract(self, contract_id: str) -> Contract:
        """The contract `contract_id`; a :class:`UsageError` with a "did you mean" if there is
        none (commands take contract ids from the user)."""
        try:
            return self.contracts[contract_id]
        except KeyError:
            hint = did_you_mean(contract_id, self.contracts)
            raise UsageError(
                _("no contract with id '{contract_id}'{hint}").format(
                    contract_id=contract_id, hint=hint
                )
            ) from None

    def commons_record(self, commons_id: str) -> Commons:
        """The commons `commons_id`; a :class:`UsageError` with a "did you mean" if there is
        none (commands take commons ids from the user)."""
        try:
            return self.commons[commons_id]
        except KeyError:
            hint = did_you_mean(commons_id, self.commons)
            raise UsageError(
                _("no commons with id '{commons_id}'{hint}").format(
                    commons_id=commons_id, hint=hint
                )
            ) from None

    @functools.cached_property
    def amendments_by_id(self) -> Mapping[str, Amendment]:
        """The amendments, by id."""
        return {amendment.id: amendment for amendment in self.amendments}

    @functools.cached_property
    def latest_signatures(self) -> Mapping[str, Mapping[str, Signature]]:
        """Each signatory's latest signature of each contract or amendment (by date signed,
        then date recorded): after a change of terms a signatory signs again, and the new
        signature supersedes the old."""
        latest: dict[str, dict[str, Signature]] = {}
        for signature in sorted(self.signatures, key=lambda s: (s.signed_on, s.recorded_at)):
            latest.setdefault(signature.contract, {})[signature.signatory] = signature
        return latest

    def signable(self, record_id: str) -> Signable:
        """The contract or the amendment `record_id` (what `sign`, `render`, `verify` take); a
        :class:`UsageError` with a "did you mean" over both if there is none."""
        found = self.contracts.get(record_id) or self.amendments_by_id.get(record_id)
        if found is None:
            hint = did_you_mean(record_id, [*self.contracts, *self.amendments_by_id])
            raise UsageError(
                _("no contract or amendment with id '{record_id}'{hint}").format(
                    record_id=record_id, hint=hint
                )
            )
        return found

    def contract_of(self, signable: Signable) -> Contract:
        """The contract itself, or the one an amendment amends (a :class:`KeyError` if that
        one is not valid: rules report it)."""
        if isinstance(signable, Amendment):
            return self.contracts[signable.contract]
        return signable

    def reciprocity_contract(self, contract_id: str) -> ReciprocityContract:
        """The reciprocity contract `contract_id`, or a :class:`UsageError` saying why not."""
        contract = self.contract(contract_id)
        if not isinstance(contract, ReciprocityContract):
            raise UsageError(
                _(
                    "'{contract_id}' is a hosting contract: this needs a reciprocity contract"
                ).format(contract_id=contract_id)
            )
        return contract

    def reciprocity_contracts(self) -> list[ReciprocityContract]:
        """The reciprocity contracts, by id."""
        return [c for _, c in sorted(self.contracts.items()) if isinstance(c, ReciprocityContract)]

    def signatories(
        self, signable: Signable, lang: Language | None = None
    ) -> tuple[Signatory, ...]:
        """Who must sign `contract`: as listed in it, or by default everyone it names as a
        party: the legal representatives of the host and the actor (reciprocity), or the
        host's and every representative of the commons (hosting), with the ids `community`
        when the commons has one representative and `community-1`, `community-2`... in their
        order when it has several. In a registry of format 1 a hosting contract is signed, as
        it was then, by the commons' first representative only, as `community`.

        A default signatory's role is the bare capacity in which they sign, worded in `lang`
        (by default the contract's language): the party they sign for is printed beside it.
        An amendment is signed by its own `signatories`, by default the contract's."""
        if signable.signatories is not None:
            return signable.signatories
        contract = self.contract_of(signable)
        if contract.signatories is not None:
            return contract.signatories
        lang = lang or contract.language or self.workspace.language
        host = self.parties.get(contract.host)
        found: list[Signatory] = []
        if host is not None:
            found.append(_party_signatory("host", host, lang))
        if isinstance(contract, ReciprocityContract):
            actor = self.parties.get(contract.actor)
            if actor is not None:
                found.append(_party_signatory("actor", actor, lang))
            return tuple(found)
        commons = self.commons.get(contract.commons)
        if commons is None:
            return tuple(found)
        representatives = commons.representatives
        if self.workspace.format == 1:
            representatives = representatives[:1]
        for number, person in enumerate(representatives, start=1):
            signatory_id = "community" if len(representatives) == 1 else f"community-{number}"
            role = _in(
                lang, message(f"signatory_representative_{person.gender or 'neutral'}", lang)
            )
            found.append(Signatory(id=signatory_id, name=person.name, role=role))
        return tuple(found)

    def consents_to_listing(self, contract: ReciprocityContract) -> bool:
        """Whether the contract records the actor's consent to be named in the transparency
        report: `public_listing: true`; left out, no consent (in a registry of format 1,
        where the actor was listed unless it refused, consent)."""
        if contract.public_listing is None:
            return self.workspace.format == 1
        return contract.public_listing


def _in(lang: Language, text: str) -> LocalText:
    """A text worded in `lang` (not in the registry's language)."""
    return LocalText({lang: text})


def _party_signatory(signatory_id: str, party: Party, lang: Language) -> Signatory:
    if party.representative is not None:
        person = party.representative
        return Signatory(id=signatory_id, name=person.name, role=person.role, party=party.id)
    role = _in(lang, message("signatory_own_name", lang))
    return Signatory(id=signatory_id, name=party.name, role=role, party=party.id)


BUILDERS: dict[str, Any] = {
    "commons": Commons.from_data,
    "party": Party.from_data,
    "hosting-contract": HostingContract.from_data,
    "reciprocity-contract": ReciprocityContract.from_data,
    "declaration": Declaration.from_data,
    "payment": Payment.from_data,
    "signature": Signature.from_data,
    "income": Income.from_data,
    "expense": Expense.from_data,
    "approval": Approval.from_data,
    "payout": Payout.from_data,
    "campaign": Campaign.from_data,
    "pledge": Pledge.from_data,
    "contribution": Contribution.from_data,
    "ballot": Ballot.from_data,
    "vote": Vote.from_data,
    "amendment": Amendment.from_data,
    "termination": Termination.from_data,
    "void": Void.from_data,
    "invoice": Invoice.from_data,
    "receipt": Receipt.from_data,
}
"""How each kind of schema-valid record becomes an object."""
