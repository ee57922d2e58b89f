"""The community's approvals of expenses: which count, and when an expense is approved.

An approval counts when it names an expense, is given by a representative of the expense's
commons (by e-mail address) who is not its payee, and is the first of that representative for
that expense. An expense is approved on the day it has as many such approvals, from distinct
representatives, as the hosting contract in force on the expense's date asks
(`expense_approval.approvals`). Pure functions of the typed registry.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from commons_contracts.registry.model import (
    Approval,
    Expense,
    Registry,
    same_person_text,
)
from commons_contracts.registry.versions import hosting_terms_on


def approvals_needed(registry: Registry, expense: Expense) -> int:
    """How many distinct representatives must approve `expense`: the hosting contract's rule on
    the expense's date (one when the commons is not hosted then, an error reported elsewhere)."""
    contract = hosting_terms_on(registry, expense.commons, expense.date)
    return contract.expense_approval.approvals if contract is not None else 1


def approval_counts(registry: Registry, approval: Approval, expense: Expense) -> bool:
    """Whether `approval` of `expense` is given by one of its commons' representatives who is
    not the expense's payee (a repeated approval is told apart by :func:`approval_state`)."""
    commons = registry.commons.get(expense.commons)
    if commons is None:
        return False
    person = commons.representative(approval.by)
    if person is None:
        return False
    payee = registry.payee_identities(expense)
    return not ({same_person_text(person.name), same_person_text(person.email)} & payee)


@dataclass(frozen=True)
class ApprovalState:
    """The approvals that count, per expense, and the day each expense became approved."""

    counted: Mapping[str, tuple[Approval, ...]]
    """Per expense id, the approvals that count, in (date, id) order, one per representative."""
    approved_on: Mapping[str, datetime.date]
    """Per expense id, the day it got the approvals it needs (absent: not approved yet)."""
    completing: Mapping[str, str]
    """Per expense id, the id of the approval that made it approved."""

    def approved(self, expense_id: str, day: datetime.date) -> bool:
        """Whether the expense is approved on `day`."""
        approved_on = self.approved_on.get(expense_id)
        return approved_on is not None and approved_on <= day

    def counted_on(self, expense_id: str, day: datetime.date) -> tuple[Approval, ...]:
        """The approvals of the expense that count, dated up to `day`."""
        return tuple(a for a in self.counted.get(expense_id, ()) if a.date <= day)


def approval_state(registry: Registry) -> ApprovalState:
    """Which approvals count and when each expense became approved."""
    expenses = registry.expenses_by_id
    counted: defaultdict[str, list[Approval]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for approval in sorted(registry.approvals, key=lambda a: (a.date, a.id)):
        expense = expenses.get(approval.target)
        if expense is None or not approval_counts(registry, approval, expense):
            continue
        key = (expense.id, approval.by.strip().casefold())
        if key in seen:
            continue
        seen.add(key)
        counted[expense.id].append(approval)
    approved_on: dict[str, datetime.date] = {}
    completing: dict[str, str] = {}
    for expense_id, approvals in counted.items():
        needed = approvals_needed(registry, expenses[expense_id])
        if len(approvals) >= needed:
            approved_on[expense_id] = approvals[needed - 1].date
            completing[expense_id] = approvals[needed - 1].id
    return ApprovalState(
        {key: tuple(value) for key, value in counted.items()}, approved_on, completing
    )
