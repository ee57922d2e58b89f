"""The fund of a commons: what the host received for it, kept as its fee, paid out and
committed, on any day (DESIGN.md section 12, docs/funds.md).

Income is every `income` record of the commons and its part of every reciprocity payment
(excl. VAT, as the host's books split it, :func:`reciprocity_parts`), so a payment is never
entered twice. The host fee is the hosting contract's `host_fee_percent` of
each income, rounded half-up to the cent, income by income, on the income's date. The fund is
restricted: its available balance on a day is its income less the host fees less its payouts up
to that day. Committed money is what approved expenses still have to be paid; it is still in
the available balance. Pure functions of the typed registry; money is Decimal throughout.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Literal

from commons_contracts.core.money import HUNDRED, ZERO, format_amount, round_cents
from commons_contracts.funds.approvals import ApprovalState, approval_state
from commons_contracts.ledger.allocation import payment_values
from commons_contracts.ledger.balances import versioned_terms
from commons_contracts.registry.model import (
    Declaration,
    Expense,
    Payment,
    Payout,
    ReciprocityContract,
    Registry,
)
from commons_contracts.registry.versions import hosting_terms_on

INCOME_TYPES = ("co-financing", "subsidy", "donation", "reciprocity", "other")
"""The types of income of a fund: those of `income` records, and reciprocity payments."""

CATEGORIES = ("development", "coordination", "other")
"""The categories of expenses and payouts."""

INCOME_LABELS = {
    "co-financing": "fund_co_financing",
    "subsidy": "fund_subsidies",
    "donation": "fund_donations",
    "reciprocity": "fund_reciprocity",
    "other": "fund_other_income",
}
"""The message id (:mod:`commons_contracts.i18n.catalog`) naming each type of income."""

CATEGORY_LABELS = {
    "development": "fund_development",
    "coordination": "fund_coordination",
    "other": "fund_other_expenses",
}
"""The message id naming each category of payouts."""


@dataclass(frozen=True, slots=True)
class FundIncome:
    """One income of a fund: an `income` record, or a commons' part of a reciprocity payment."""

    id: str
    """The income's id, or the payment's."""
    commons: str
    date: datetime.date
    amount: Decimal
    """What the fund receives (for a reciprocity payment, its part excl. VAT)."""
    type: str
    """One of :data:`INCOME_TYPES`."""
    source: str
    """Who paid: a party id or a name (the actor's party id for a reciprocity payment)."""
    host_fee: Decimal
    """The host's fee on it, half-up to the cent."""
    contract: str | None = None
    """The reciprocity contract of a payment (None for an income record)."""


@dataclass(frozen=True, slots=True)
class FundPayout:
    """One payout of a fund, with the expense it pays."""

    payout: Payout
    expense: Expense

    @property
    def category(self) -> str:
        """The expense's category."""
        return self.expense.category


@dataclass(frozen=True, slots=True)
class FundSummary:
    """A fund's figures on a day: what `funds` prints for one commons."""

    commons: str
    as_of: datetime.date
    income: Decimal
    income_by_type: Mapping[str, Decimal]
    host_fee: Decimal
    paid_out: Decimal
    paid_out_by_category: Mapping[str, Decimal]
    committed: Decimal
    """What approved expenses still have to be paid on the day (it is in `available`)."""
    available: Decimal
    """Income less host fees less payouts up to the day."""

    @property
    def uncommitted(self) -> Decimal:
        """What is available and not committed: what the community can still decide to spend."""
        return self.available - self.committed

    def as_json(self) -> dict[str, object]:
        """The entry of `funds --format json`: exact decimal strings, ISO dates."""
        return {
            "commons": self.commons,
            "as_of": self.as_of.isoformat(),
            "income": {
                "total": format_amount(self.income),
                "by_type": {key: format_amount(v) for key, v in self.income_by_type.items()},
            },
            "host_fee": format_amount(self.host_fee),
            "paid_out": {
                "total": format_amount(self.paid_out),
                "by_category": {
                    key: format_amount(v) for key, v in self.paid_out_by_category.items()
                },
            },
            "committed": format_amount(self.committed),
            "available": format_amount(self.available),
        }


EventKind = Literal["income", "payout", "approved"]


@dataclass(frozen=True, slots=True)
class FundEvent:
    """One movement of a fund in the order it is counted, with the fund's state after it."""

    kind: EventKind
    date: datetime.date
    record_id: str
    """The income, payment, payout or completing approval's id."""
    expense: Expense | None
    amount: Decimal
    """The income, the payout, or for an approval what the expense commits."""
    available: Decimal
    """The available balance after the event."""
    committed: Decimal
    """What approved expenses still have to be paid after the event."""


# Within a day: the money received first, then the money paid, then the approvals given, so
# that a payout on the day of an income can use it and an approval sees the day's movements.
_DAY_ORDER = {"income": 0, "payout": 1, "approved": 2}


@dataclass(frozen=True)
class Fund:
    """Every movement of one commons' fund, in date order."""

    commons: str
    incomes: tuple[FundIncome, ...]
    payouts: tuple[FundPayout, ...]
    expenses: tuple[Expense, ...]
    approvals: ApprovalState

    def events(self) -> Iterator[FundEvent]:
        """The incomes, payouts and approvals (each expense's completing approval) in the order
        they are counted: by date, then incomes, payouts and approvals, then by id; each with
        the available and committed money after it."""
        keyed: list[tuple[datetime.date, int, str, object]] = [
            (income.date, _DAY_ORDER["income"], income.id, income) for income in self.incomes
        ]
        keyed += [(p.payout.date, _DAY_ORDER["payout"], p.payout.id, p) for p in self.payouts]
        for expense in self.expenses:
            day = self.approvals.approved_on.get(expense.id)
            if day is not None:
                completing = self.approvals.completing[expense.id]
                keyed.append((day, _DAY_ORDER["approved"], completing, expense))
        keyed.sort(key=lambda item: item[:3])
        available = ZERO
        committed = ZERO
        unpaid = {expense.id: expense.cost for expense in self.expenses}
        approved: set[str] = set()
        for day, order, record_id, item in keyed:
            if isinstance(item, FundIncome):
                available += item.amount - item.host_fee
                yield FundEvent("income", day, record_id, None, item.amount, available, committed)
            elif isinstance(item, FundPayout):
                expense = item.expense
                amount = item.payout.amount
                available -= amount
                if expense.id in approved:
                    committed -= min(amount, max(unpaid[expense.id], ZERO))
                unpaid[expense.id] -= amount
                yield FundEvent("payout", day, record_id, expense, amount, available, committed)
            else:
                assert isinstance(item, Expense) and order == _DAY_ORDER["approved"]
                approved.add(item.id)
                commits = max(unpaid[item.id], ZERO)
                committed += commits
                yield FundEvent("approved", day, record_id, item, commits, available, committed)

    def summary(self, as_of: datetime.date) -> FundSummary:
        """The fund's figures on `as_of` (records dated after it are left out)."""
        by_type = dict.fromkeys(INCOME_TYPES, ZERO)
        host_fee = ZERO
        for received in self.incomes:
            if received.date <= as_of:
                by_type[received.type] += received.amount
                host_fee += received.host_fee
        by_category = dict.fromkeys(CATEGORIES, ZERO)
        for payout in self.payouts:
            if payout.payout.date <= as_of:
                by_category[payout.category] += payout.payout.amount
        committed = ZERO
        for event in self.events():
            if event.date > as_of:
                break
            committed = event.committed
        income = sum(by_type.values(), ZERO)
        paid_out = sum(by_category.values(), ZERO)
        return FundSummary(
            commons=self.commons,
            as_of=as_of,
            income=income,
            income_by_type=MappingProxyType(by_type),
            host_fee=host_fee,
            paid_out=paid_out,
            paid_out_by_category=MappingProxyType(by_category),
            committed=committed,
            available=income - host_fee - paid_out,
        )

    def until(self, as_of: datetime.date) -> Fund:
        """The fund as the registry stood on `as_of`: movements and approvals dated after it
        are left out (what `--as-of` means everywhere)."""
        approved_on = {k: v for k, v in self.approvals.approved_on.items() if v <= as_of}
        approvals = ApprovalState(
            counted={
                key: tuple(a for a in items if a.date <= as_of)
                for key, items in self.approvals.counted.items()
            },
            approved_on=approved_on,
            completing={k: v for k, v in self.approvals.completing.items() if k in approved_on},
        )
        return Fund(
            commons=self.commons,
            incomes=tuple(i for i in self.incomes if i.date <= as_of),
            payouts=tuple(p for p in self.payouts if p.payout.date <= as_of),
            expenses=tuple(e for e in self.expenses if e.date <= as_of),
            approvals=approvals,
        )

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years from the fund's first movement to its last (none: empty)."""
        days = [i.date for i in self.incomes] + [p.payout.date for p in self.payouts]
        days += [e.date for e in self.expenses]
        if not days:
            return ()
        return tuple(range(min(days).year, max(days).year + 1))

    def unspent(self, as_of: datetime.date) -> tuple[tuple[FundIncome, Decimal], ...]:
        """What is left on `as_of` of each income net of its host fee, once the payouts up to
        that day have used it: a payout uses first the incomes its expense is `funded_by`, then
        the oldest income still unspent (the older money is spent first), in the order
        :meth:`events` counts them. What a payout uses beyond every income (an overspent
        fund, which the rules refuse) is left out. With no overspending, the parts add up to
        :meth:`summary`'s `available` on the same day. The host's books carry the parts of
        restricted incomes as dedicated funds at year end (docs/books.md)."""
        left = {index: item.amount - item.host_fee for index, item in enumerate(self.incomes)}
        keyed: list[tuple[datetime.date, int, str, int]] = [
            (item.date, _DAY_ORDER["income"], item.id, index)
            for index, item in enumerate(self.incomes)
        ]
        keyed += [
            (p.payout.date, _DAY_ORDER["payout"], p.payout.id, index)
            for index, p in enumerate(self.payouts)
        ]
        keyed.sort(key=lambda item: item[:3])
        received: list[int] = []
        for day, order, _record_id, index in keyed:
            if day > as_of:
                break
            if order == _DAY_ORDER["income"]:
                received.append(index)
                continue
            paid = self.payouts[index]
            named = set(paid.expense.funded_by or ())
            first = [i for i in received if self.incomes[i].id in named]
            rest = [i for i in received if self.incomes[i].id not in named]
            due = paid.payout.amount
            for i in first + rest:
                if due <= ZERO:
                    break
                used = min(due, max(left[i], ZERO))
                left[i] -= used
                due -= used
        return tuple((self.incomes[i], left[i]) for i in sorted(set(received)) if left[i] != ZERO)

    def paid_by_expense(self, as_of: datetime.date) -> dict[str, Decimal]:
        """What was paid out for each expense up to `as_of`, by expense id (an expense without
        payout is absent)."""
        paid: dict[str, Decimal] = {}
        for item in self.payouts:
            if item.payout.date <= as_of:
                paid[item.expense.id] = paid.get(item.expense.id, ZERO) + item.payout.amount
        return paid


def host_fee(registry: Registry, commons_id: str, day: datetime.date, amount: Decimal) -> Decimal:
    """The host's fee on an income of `amount` received on `day`: the `host_fee_percent` of the
    hosting contract in force that day, rounded half-up to the cent (nothing when the commons
    is not hosted that day, an error reported by validation for an income record)."""
    contract = hosting_terms_on(registry, commons_id, day)
    if contract is None:
        return ZERO
    return round_cents(amount * contract.host_fee_percent / HUNDRED)


def fund_incomes(registry: Registry) -> list[FundIncome]:
    """Every income of every fund: the income records, and the parts of reciprocity payments
    that go to a commons its contract's host hosts on the payment's date (a part for a commons
    hosted by another host, or by none, is in no fund the host keeps)."""
    found = [
        FundIncome(
            id=income.id,
            commons=income.commons,
            date=income.date,
            amount=income.amount,
            type=income.type,
            source=income.source,
            host_fee=host_fee(registry, income.commons, income.date, income.amount),
        )
        for income in registry.incomes
    ]
    for contract, payment, commons_id, amount in reciprocity_parts(registry):
        day = payment.date
        hosting = hosting_terms_on(registry, commons_id, day)
        if hosting is None or hosting.host != contract.host:
            continue
        found.append(
            FundIncome(
                id=payment.id,
                commons=commons_id,
                date=day,
                amount=amount,
                type="reciprocity",
                source=contract.actor,
                host_fee=host_fee(registry, commons_id, day, amount),
                contract=contract.id,
            )
        )
    return found


def reciprocity_parts(
    registry: Registry,
) -> Iterator[tuple[ReciprocityContract, Payment, str, Decimal]]:
    """Each reciprocity payment's value excl. VAT for each commons (zero parts left out), as
    the host's books count it (:func:`~commons_contracts.ledger.allocation.payment_values`,
    with the dues of the declarations dated up to the end of the payment's year): the same
    figure in the books and in the fund. A contract whose terms or declarations validation
    refuses gives nothing."""
    declarations: defaultdict[str, list[Declaration]] = defaultdict(list)
    for declaration in registry.declarations:
        declarations[declaration.contract].append(declaration)
    payments: defaultdict[str, list[Payment]] = defaultdict(list)
    for payment in registry.payments:
        payments[payment.contract].append(payment)
    for contract in registry.reciprocity_contracts():
        years = sorted({payment.date.year for payment in payments[contract.id]})
        for year in years:
            try:
                values = payment_values(
                    versioned_terms(registry, contract),
                    declarations[contract.id],
                    payments[contract.id],
                    datetime.date(year, 12, 31),
                )
            except ValueError:
                continue  # terms or shares the rules report (tiers out of order...)
            in_year = [p for p in payments[contract.id] if p.date.year == year]
            for payment in sorted(in_year, key=lambda p: (p.date, p.id)):
                for commons_id, amount in values[payment.id].excl_tax_by_commons.items():
                    if amount:
                        yield contract, payment, commons_id, amount


def compute_funds(registry: Registry) -> dict[str, Fund]:
    """The fund of every commons of the registry, by commons id (a commons with no movement
    has an empty fund). Payouts of an unknown expense, and records of an unknown commons, are
    left out: validation reports them."""
    incomes: dict[str, list[FundIncome]] = {commons_id: [] for commons_id in registry.commons}
    for income in fund_incomes(registry):
        if income.commons in incomes:
            incomes[income.commons].append(income)
    expenses: dict[str, list[Expense]] = {commons_id: [] for commons_id in registry.commons}
    for expense in registry.expenses:
        if expense.commons in expenses:
            expenses[expense.commons].append(expense)
    by_id = registry.expenses_by_id
    payouts: dict[str, list[FundPayout]] = {commons_id: [] for commons_id in registry.commons}
    for payout in registry.payouts:
        paid = by_id.get(payout.expense)
        if paid is not None and paid.commons in payouts:
            payouts[paid.commons].append(FundPayout(payout, paid))
    state = approval_state(registry)
    return {
        commons_id: Fund(
            commons=commons_id,
            incomes=tuple(sorted(incomes[commons_id], key=lambda i: (i.date, i.id))),
            payouts=tuple(sorted(payouts[commons_id], key=lambda p: (p.payout.date, p.payout.id))),
            expenses=tuple(sorted(expenses[commons_id], key=lambda e: (e.date, e.id))),
            approvals=state,
        )
        for commons_id in sorted(registry.commons)
    }


def fund_summaries(
    registry: Registry, as_of: datetime.date, commons_id: str | None = None
) -> list[FundSummary]:
    """Every commons' fund figures on `as_of`, by commons id, or one commons' (a
    :class:`~commons_contracts.errors.UsageError` with a "did you mean" for an unknown id)."""
    if commons_id is not None:
        registry.commons_record(commons_id)
    funds = compute_funds(registry)
    ids = [commons_id] if commons_id is not None else list(funds)
    return [funds[key].summary(as_of) for key in ids]


CSV_COLUMNS = (
    "commons",
    "as_of",
    "currency",
    "income",
    *(f"income_{kind.replace('-', '_')}" for kind in INCOME_TYPES),
    "host_fee",
    "paid_out",
    *(f"paid_out_{category}" for category in CATEGORIES),
    "committed",
    "available",
)
"""The columns of `funds --format csv`: one row per commons."""


def summaries_as_csv(summaries: list[FundSummary], currency: str) -> str:
    """One CSV row per commons, amounts as exact decimals with a dot."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for summary in summaries:
        writer.writerow(
            [
                summary.commons,
                summary.as_of.isoformat(),
                currency,
                format_amount(summary.income),
                *(format_amount(summary.income_by_type[kind]) for kind in INCOME_TYPES),
                format_amount(summary.host_fee),
                format_amount(summary.paid_out),
                *(format_amount(summary.paid_out_by_category[c]) for c in CATEGORIES),
                format_amount(summary.committed),
                format_amount(summary.available),
            ]
        )
    return out.getvalue()
