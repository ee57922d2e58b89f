"""Contributive debt: the unpaid work a community recognises, and how its expenses pay it back
(DESIGN.md section 14, docs/cofinancing.md).

A `contribution` is worth its hours times its hourly rate, rounded half-up to the cent. It
becomes a **debt** on the day it has the approvals the hosting contract asks (the same rule as
an expense, :mod:`commons_contracts.funds.approvals`). An expense that names contributions in
`repays` pays them back with its payouts: each payout, in (date, id) order, goes to the
expense's contributions **oldest first** (by first day, last day, id), each up to what is left
of it, skipping those not recognised on the payout's day. What a payout cannot place (beyond
what is left of the recognised debts it names) is reported by the rules. Pure functions of the
typed registry.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from commons_contracts.core.money import ZERO, format_amount
from commons_contracts.funds.approvals import ApprovalState, approval_state
from commons_contracts.registry.model import Contribution, Payout, Registry


@dataclass(frozen=True, slots=True)
class Repayment:
    """The part of a payout that pays back one contribution."""

    payout: Payout
    contribution: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class DebtLedger:
    """Every contribution's recognition and repayments, and what payouts could not place."""

    approvals: ApprovalState
    repayments: tuple[Repayment, ...]
    unplaced: tuple[tuple[Payout, Decimal], ...]
    """Payouts of repaying expenses with an amount beyond what is left of their debts."""
    unrecognised: tuple[tuple[Payout, str], ...]
    """Payouts made while a contribution they repay was not recognised yet."""


def oldest_first(contribution: Contribution) -> tuple[datetime.date, datetime.date, str]:
    """The order in which debts are repaid: by first day, then last day, then id."""
    return (contribution.start_date, contribution.end_date, contribution.id)


def debt_ledger(registry: Registry, approvals: ApprovalState | None = None) -> DebtLedger:
    """Place every payout of an expense with `repays` on its contributions, oldest first."""
    approvals = approvals or approval_state(registry)
    contributions = registry.contributions_by_id
    expenses = registry.expenses_by_id
    left = {c.id: c.value for c in registry.contributions}
    repayments: list[Repayment] = []
    unplaced: list[tuple[Payout, Decimal]] = []
    unrecognised: list[tuple[Payout, str]] = []
    for payout in sorted(registry.payouts, key=lambda p: (p.date, p.id)):
        expense = expenses.get(payout.expense)
        if expense is None or not expense.repays:
            continue
        named = [contributions[i] for i in expense.repays if i in contributions]
        amount = payout.amount
        for contribution in sorted(named, key=oldest_first):
            if not approvals.approved(contribution.id, payout.date):
                unrecognised.append((payout, contribution.id))
                continue
            part = min(amount, left[contribution.id])
            if part > 0:
                repayments.append(Repayment(payout, contribution.id, part))
                left[contribution.id] -= part
                amount -= part
        if amount > 0:
            unplaced.append((payout, amount))
    return DebtLedger(approvals, tuple(repayments), tuple(unplaced), tuple(unrecognised))


@dataclass(frozen=True, slots=True)
class DebtLine:
    """One contributor's debt in one commons on a day."""

    commons: str
    contributor: str
    """The contributor as the contributions write it (a party id or a name)."""
    name: str
    recognised: Decimal
    """The value of the contributions recognised up to the day."""
    repaid: Decimal
    """What payouts up to the day paid back."""
    pending: Decimal
    """The value of the contributions not recognised yet."""
    contributions: tuple[str, ...]

    @property
    def remaining(self) -> Decimal:
        """What is still owed: recognised less repaid."""
        return self.recognised - self.repaid

    def as_json(self) -> dict[str, object]:
        """The entry of `debt --format json`: exact decimal strings."""
        return {
            "commons": self.commons,
            "contributor": self.contributor,
            "recognised": format_amount(self.recognised),
            "repaid": format_amount(self.repaid),
            "remaining": format_amount(self.remaining),
            "pending": format_amount(self.pending),
            "contributions": list(self.contributions),
        }


def debt_lines(
    registry: Registry, as_of: datetime.date, *, commons: str | None = None
) -> list[DebtLine]:
    """Per commons and contributor (by commons id, then contributor), the debt recognised,
    repaid and remaining on `as_of`, and what awaits recognition. `commons` keeps one commons
    (a :class:`UsageError` with a "did you mean" when it is unknown)."""
    if commons is not None:
        registry.commons_record(commons)
    ledger = debt_ledger(registry)
    repaid: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for repayment in ledger.repayments:
        if repayment.payout.date <= as_of:
            repaid[repayment.contribution] += repayment.amount
    groups: defaultdict[tuple[str, str], list[Contribution]] = defaultdict(list)
    for contribution in registry.contributions:
        if contribution.end_date <= as_of and commons in (None, contribution.commons):
            groups[(contribution.commons, contribution.contributor)].append(contribution)
    lines = []
    for (commons_id, contributor), listed in sorted(groups.items()):
        listed.sort(key=oldest_first)
        recognised = [c for c in listed if ledger.approvals.approved(c.id, as_of)]
        lines.append(
            DebtLine(
                commons=commons_id,
                contributor=contributor,
                name=registry.payee_name(contributor),
                recognised=sum((c.value for c in recognised), ZERO),
                repaid=sum((repaid[c.id] for c in listed), ZERO),
                pending=sum((c.value for c in listed if c not in recognised), ZERO),
                contributions=tuple(c.id for c in listed),
            )
        )
    return lines
