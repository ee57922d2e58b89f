"""The rules across records that need a fund's computation: payouts approved, within their
expense and within the fund; approvals within what is free; coordination within its share; a
reciprocity payment not entered again as an income. Listed once in :data:`RULES`, which
validation runs after the rules of :mod:`commons_contracts.registry.rules`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.money import HUNDRED, ZERO
from commons_contracts.funds.approvals import approvals_needed
from commons_contracts.funds.fund import Fund, FundPayout, compute_funds
from commons_contracts.registry.model import Registry
from commons_contracts.registry.rules import Rule
from commons_contracts.registry.versions import hosting_terms_on

FundRule = Callable[[Registry, Mapping[str, Fund]], Iterable[Diagnostic]]


def check_payouts_approved(registry: Registry, funds: Mapping[str, Fund]) -> Iterator[Diagnostic]:
    """No payout before its expense has the approvals the hosting contract asks, from distinct
    representatives of the commons (an approval that does not count is reported apart)."""
    for fund in funds.values():
        for item in fund.payouts:
            payout, expense = item.payout, item.expense
            if fund.approvals.approved(expense.id, payout.date):
                continue
            needed = approvals_needed(registry, expense)
            given = fund.approvals.counted_on(expense.id, payout.date)
            by = f" ({', '.join(a.by for a in given)})" if given else ""
            yield registry.source("payout", payout.id).diagnostic(
                ("date",),
                Code.PAYOUT_NOT_APPROVED,
                f"the expense '{expense.id}' has {len(given)} of the {needed} approval(s) of "
                f"distinct representatives it needs on {payout.date}{by}: the host pays only "
                "what the community approved",
            )


def check_payouts_within_expense(
    registry: Registry, funds: Mapping[str, Fund]
) -> Iterator[Diagnostic]:
    """The payouts of an expense add up to no more than the expense."""
    for fund in funds.values():
        paid: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
        for item in fund.payouts:
            expense = item.expense
            paid[expense.id] += item.payout.amount
            if paid[expense.id] > expense.cost:
                yield registry.source("payout", item.payout.id).diagnostic(
                    ("amount",),
                    Code.PAYOUT_ABOVE_EXPENSE,
                    f"the payouts of the expense '{expense.id}' reach {paid[expense.id]}, above "
                    f"the expense ({expense.cost})",
                )


def check_fund_balance(registry: Registry, funds: Mapping[str, Fund]) -> Iterator[Diagnostic]:
    """No payout leaves the fund negative on its date (restricted fund), and an approval that
    commits more than is available and not yet committed is a warning."""
    for fund in funds.values():
        committed_before = ZERO
        for event in fund.events():
            if event.kind == "payout" and event.available < 0:
                yield registry.source("payout", event.record_id).diagnostic(
                    ("amount",),
                    Code.FUND_OVERDRAWN,
                    f"paying {event.amount} on {event.date} leaves the fund of '{fund.commons}' "
                    f"at {event.available}: the fund is restricted, the host never spends "
                    "beyond it",
                )
            elif event.kind == "approved" and event.amount > 0:
                free = event.available - committed_before
                if event.amount > free:
                    assert event.expense is not None
                    yield registry.source("approval", event.record_id).diagnostic(
                        ("target",),
                        Code.APPROVAL_ABOVE_AVAILABLE,
                        f"this approval commits {event.amount} to the expense "
                        f"'{event.expense.id}', but the fund of '{fund.commons}' has "
                        f"{max(free, ZERO)} available and not yet committed on {event.date}",
                    )
            committed_before = event.committed


def check_coordination_share(registry: Registry, funds: Mapping[str, Fund]) -> Iterator[Diagnostic]:
    """Coordination paid out in a calendar year stays within the hosting contract's
    `coordination_percent` of that year's payouts (a warning at the year's last coordination
    payout, with the contract in force on its date)."""
    for fund in funds.values():
        years: defaultdict[int, list[FundPayout]] = defaultdict(list)
        for item in fund.payouts:
            years[item.payout.date.year].append(item)
        for year, items in sorted(years.items()):
            coordination = [i for i in items if i.category == "coordination"]
            if not coordination:
                continue
            last = coordination[-1].payout
            contract = hosting_terms_on(registry, fund.commons, last.date)
            if contract is None or contract.coordination_percent is None:
                continue
            total = sum((i.payout.amount for i in items), ZERO)
            spent = sum((i.payout.amount for i in coordination), ZERO)
            if spent * HUNDRED > contract.coordination_percent * total:
                share = (spent * HUNDRED / total).quantize(Decimal("0.1"))
                yield registry.source("payout", last.id).diagnostic(
                    ("amount",),
                    Code.COORDINATION_ABOVE_SHARE,
                    f"coordination paid out in {year} is {spent} of {total}, {share} %: above "
                    f"the {contract.coordination_percent} % of the hosting contract "
                    f"'{contract.id}'",
                )


def check_reciprocity_not_entered_again(
    registry: Registry, funds: Mapping[str, Fund]
) -> Iterator[Diagnostic]:
    """An income record with the date and amount of a reciprocity payment to its commons (its
    amount incl. VAT, or the commons' part excl. VAT) is probably that payment entered twice."""
    payments: dict[tuple[str, datetime.date, Decimal], str] = {}
    for fund in funds.values():
        for income in fund.incomes:
            if income.type == "reciprocity":
                payments[(fund.commons, income.date, income.amount)] = income.id
    for payment in registry.payments:
        contract = registry.contracts.get(payment.contract)
        for commons_id in contract.commons_ids if contract is not None else ():
            payments.setdefault((commons_id, payment.date, payment.amount), payment.id)
    for record in registry.incomes:
        found = payments.get((record.commons, record.date, record.amount))
        if found is not None:
            yield registry.source("income", record.id).diagnostic(
                ("amount",),
                Code.POSSIBLE_DUPLICATE,
                f"same commons, date and amount as the reciprocity payment '{found}', which is "
                "income of the commons already: was it entered twice?",
            )


FUND_RULES: tuple[FundRule, ...] = (
    check_payouts_approved,
    check_payouts_within_expense,
    check_fund_balance,
    check_coordination_share,
    check_reciprocity_not_entered_again,
)
"""The rules on the funds' computation, in this order."""


def check_funds(registry: Registry) -> Iterator[Diagnostic]:
    """Compute every fund once, then run each of :data:`FUND_RULES` on it."""
    funds = compute_funds(registry)
    for rule in FUND_RULES:
        yield from rule(registry, funds)


RULES: tuple[Rule, ...] = (check_funds,)
"""The rules of this folder, as validation runs them."""
