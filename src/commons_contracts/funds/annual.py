"""The annual financial report of a commons' fund: one calendar year's figures, with names as
consent allows (docs/funds.md). The annual report document and the transparency report show
these same figures.

Who is named:

* a payee, only when it is a party whose record says `named_in_funds: true`; every other payee
  counts in one unnamed line;
* the source of a subsidy, always: public money granted to a commons is public;
* the actor of a reciprocity payment, when its contract lets it be listed (`public_listing`, as
  in the transparency report);
* the source of any other income, only when it is a party with `named_in_funds: true`, or the
  funder of a campaign whose pledge to it says `named: true` (as the campaign's page names it).

Unnamed amounts are pooled per type of income, and in one line of payees, never withheld: the
fund's totals must add up for the community to check them, and a pooled line names nobody. A
pool too small to hide anyone (fewer than three distinct payees or sources, or one of them
holding more than 85 % of it: :class:`~commons_contracts.core.pooling.Threshold`) would give
away, by itself or as the total less the named lines, what one person who did not consent was
paid or gave. Then the named lines of that table (the payees, or the sources of that type of
income) join the pool too: the year's table shows one line that names nobody, and its totals
still add up (docs/funds.md, "Who is named").
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from commons_contracts.core.money import ZERO
from commons_contracts.core.pooling import DEFAULT_THRESHOLD, Threshold
from commons_contracts.errors import UsageError
from commons_contracts.funds.fund import (
    CATEGORIES,
    INCOME_TYPES,
    Fund,
    FundIncome,
    compute_funds,
)
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import (
    Expense,
    HostingContract,
    ReciprocityContract,
    Registry,
)
from commons_contracts.registry.versions import hosting_terms_on


@dataclass(frozen=True, slots=True)
class SourceLine:
    """The income of one type from one source in the year (or from the unnamed sources)."""

    type: str
    """One of :data:`~commons_contracts.funds.fund.INCOME_TYPES`."""
    name: str | None
    """The source's name; None for the line that pools the unnamed sources of this type."""
    count: int
    """How many incomes (or reciprocity payments) the line holds."""
    amount: Decimal
    host_fee: Decimal
    sources: int = 1
    """How many distinct sources the line holds (1 for a named source)."""


@dataclass(frozen=True, slots=True)
class PayeeLine:
    """What one payee was paid in the year (or the unnamed payees together)."""

    name: str | None
    """The payee's name; None for the line that pools the unnamed payees."""
    payees: int
    """How many distinct payees the line holds (1 for a named payee)."""
    payouts: int
    """How many payouts."""
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Commitment:
    """An approved expense still to be paid at the year's end."""

    expense: str
    """The expense's id."""
    date: datetime.date
    description: str
    payee: str | None
    """The payee's name, or None when it is not named."""
    category: str
    amount: Decimal
    """What is left to pay of it."""


@dataclass(frozen=True, slots=True)
class AnnualFigures:
    """One commons' fund over one calendar year."""

    commons: str
    year: int
    opening_balance: Decimal
    """Available on the last day of the year before."""
    income: Decimal
    income_by_type: Mapping[str, Decimal]
    sources: tuple[SourceLine, ...]
    """Income by type, then by source: named sources by amount (largest first), then the
    pooled line of the type."""
    host_fee: Decimal
    paid_out: Decimal
    paid_out_by_category: Mapping[str, Decimal]
    payees: tuple[PayeeLine, ...]
    """Named payees by amount (largest first), then the pooled line."""
    closing_balance: Decimal
    """Available on the year's last day: opening + income - host fee - paid out."""
    commitments: tuple[Commitment, ...]
    committed: Decimal
    """What the commitments add up to."""

    @property
    def uncommitted(self) -> Decimal:
        """The closing balance less the commitments: what the community can still decide."""
        return self.closing_balance - self.committed

    @property
    def has_movements(self) -> bool:
        """Whether anything came in or went out in the year, or was still owed at its end."""
        return bool(self.income or self.paid_out or self.commitments)


def _named_payee(registry: Registry, payee: str) -> str | None:
    party = registry.parties.get(payee)
    return party.name if party is not None and party.named_in_funds else None


def _named_source(
    registry: Registry, income: FundIncome, consented: frozenset[tuple[str, str]]
) -> str | None:
    """The name of `income`'s source, or None when it is not to be named (the module's rules;
    `consented`: the campaigns and funders whose pledge says `named: true`, as the campaign's
    page names them)."""
    if income.type == "subsidy":
        return registry.payee_name(income.source)
    if income.type == "reciprocity":
        contract = registry.contracts.get(income.contract or "")
        if isinstance(contract, ReciprocityContract) and registry.consents_to_listing(contract):
            return registry.payee_name(contract.actor)
        return None
    record = registry.incomes_by_id.get(income.id)
    campaign = record.campaign if record is not None else None
    if campaign is not None and (campaign, registry.person_key(income.source)) in consented:
        return registry.payee_name(income.source)
    return _named_payee(registry, income.source)


def _source_lines(
    registry: Registry, incomes: list[FundIncome], threshold: Threshold
) -> tuple[SourceLine, ...]:
    consented = frozenset(
        (pledge.campaign, registry.person_key(pledge.funder))
        for pledge in registry.pledges
        if pledge.named
    )
    lines = []
    for kind in INCOME_TYPES:
        mine = [
            (income, _named_source(registry, income, consented))
            for income in incomes
            if income.type == kind
        ]
        unnamed: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
        for income, name in mine:
            if name is None:
                unnamed[registry.person_key(income.source)] += income.amount
        if unnamed and not threshold.allows(list(unnamed.values())):
            mine = [(income, None) for income, _ in mine]
        grouped: defaultdict[str | None, list[FundIncome]] = defaultdict(list)
        for income, name in mine:
            grouped[name].append(income)
        found = [
            SourceLine(
                kind,
                name,
                len(items),
                sum((i.amount for i in items), ZERO),
                sum((i.host_fee for i in items), ZERO),
                len({registry.person_key(i.source) for i in items}),
            )
            for name, items in grouped.items()
        ]
        named = [line for line in found if line.name]
        lines.extend(sorted(named, key=lambda line: (-line.amount, line.name or "")))
        lines.extend(line for line in found if line.name is None)
    return tuple(lines)


def _payee_lines(
    registry: Registry, fund: Fund, year: int, threshold: Threshold
) -> tuple[PayeeLine, ...]:
    payouts = [
        (registry.person_key(item.expense.payee), item.expense.payee, item.payout.amount)
        for item in fund.payouts
        if item.payout.date.year == year
    ]
    names = {payee: _named_payee(registry, payee) for _, payee, _ in payouts}
    unnamed: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for person, payee, amount in payouts:
        if names[payee] is None:
            unnamed[person] += amount
    if unnamed and not threshold.allows(list(unnamed.values())):
        names = dict.fromkeys(names, None)
    named: defaultdict[str, list[Decimal]] = defaultdict(list)
    pooled: defaultdict[str, list[Decimal]] = defaultdict(list)
    for person, payee, amount in payouts:
        name = names[payee]
        if name is None:
            pooled[person].append(amount)
        else:
            named[name].append(amount)
    lines = sorted(
        (PayeeLine(name, 1, len(amounts), sum(amounts, ZERO)) for name, amounts in named.items()),
        key=lambda line: (-line.amount, line.name or ""),
    )
    if pooled:
        amounts = [amount for found in pooled.values() for amount in found]
        lines.append(PayeeLine(None, len(pooled), len(amounts), sum(amounts, ZERO)))
    return tuple(lines)


def _commitments(registry: Registry, fund: Fund, day: datetime.date) -> tuple[Commitment, ...]:
    found = []
    paid = fund.paid_by_expense(day)
    for expense in fund.expenses:
        if not fund.approvals.approved(expense.id, day):
            continue
        left = expense.cost - paid.get(expense.id, ZERO)
        if left > 0:
            found.append(_commitment(registry, expense, left))
    return tuple(found)


def _commitment(registry: Registry, expense: Expense, left: Decimal) -> Commitment:
    return Commitment(
        expense=expense.id,
        date=expense.date,
        description=expense.description,
        payee=_named_payee(registry, expense.payee),
        category=expense.category,
        amount=left,
    )


def annual_figures(
    registry: Registry, fund: Fund, year: int, threshold: Threshold = DEFAULT_THRESHOLD
) -> AnnualFigures:
    """The figures of `fund` for the calendar year `year`, its unnamed pools held to
    `threshold`."""
    opening = fund.summary(datetime.date(year - 1, 12, 31))
    closing = fund.summary(datetime.date(year, 12, 31))
    incomes = [income for income in fund.incomes if income.date.year == year]
    by_type = {
        kind: closing.income_by_type[kind] - opening.income_by_type[kind] for kind in INCOME_TYPES
    }
    by_category = {
        category: closing.paid_out_by_category[category] - opening.paid_out_by_category[category]
        for category in CATEGORIES
    }
    commitments = _commitments(registry, fund, datetime.date(year, 12, 31))
    return AnnualFigures(
        commons=fund.commons,
        year=year,
        opening_balance=opening.available,
        income=closing.income - opening.income,
        income_by_type=MappingProxyType(by_type),
        sources=_source_lines(registry, incomes, threshold),
        host_fee=closing.host_fee - opening.host_fee,
        paid_out=closing.paid_out - opening.paid_out,
        paid_out_by_category=MappingProxyType(by_category),
        payees=_payee_lines(registry, fund, year, threshold),
        closing_balance=closing.available,
        commitments=commitments,
        committed=sum((c.amount for c in commitments), ZERO),
    )


@dataclass(frozen=True, slots=True)
class AnnualReport:
    """What the annual financial report of a commons says: its year's figures, the hosting
    contract in force at the year's end, and until when the community may dispute it."""

    figures: AnnualFigures
    contract: HostingContract
    issued_on: datetime.date
    """The report's date."""
    dispute_until: datetime.date
    """The last day the community may dispute it: its date plus the contract's
    `dispute_days`."""


def annual_report(
    registry: Registry, commons_id: str, year: int, issued_on: datetime.date
) -> AnnualReport:
    """The annual report of `commons_id` for `year`, issued on `issued_on`. A
    :class:`UsageError` for an unknown commons (with a "did you mean"), a year not over on
    `issued_on`, or a commons no hosting contract hosts at the year's end."""
    registry.commons_record(commons_id)
    last_day = datetime.date(year, 12, 31)
    if issued_on <= last_day:
        raise UsageError(
            _(
                "the year {year} ends on {last_day}: an annual report is issued after it, "
                "give --date {value}-01-01 or later"
            ).format(year=year, last_day=last_day, value=year + 1)
        )
    contract = hosting_terms_on(registry, commons_id, last_day)
    if contract is None:
        raise UsageError(
            _("no hosting contract hosts the commons '{commons_id}' on {last_day}").format(
                commons_id=commons_id, last_day=last_day
            )
        )
    fund = compute_funds(registry)[commons_id]
    return AnnualReport(
        figures=annual_figures(registry, fund, year),
        contract=contract,
        issued_on=issued_on,
        dispute_until=issued_on + datetime.timedelta(days=contract.dispute_days),
    )
