"""What each reciprocity payment is worth: its value excluding VAT for each commons, and its VAT.

A payment settles the oldest periods first (DESIGN.md section 5, :func:`.reversal.settle`), so
the part of it that each period receives is the difference between what that period counts as
paid after the payment and before it. Each part is split between excluding VAT and VAT in the
period's own proportion, and its value excluding VAT between the commons in the proportion of
the period's dues (largest remainder, section 12: "a payment's excl.-VAT value goes to the
commons in the proportions of the dues it settles"). Both are counted on the running total, so
that the payments that settle a period add up exactly to its due excluding VAT, its VAT and each
commons' part: no cent appears or vanishes.

What a payment brings beyond every due known as of the day of the computation (an advance, an
overpayment) is split at the contract's VAT rate, and between the commons in the proportion of
the contract's dues so far (equally when there are none). A period that owes nothing in all but
moves cents between commons (a credit note split otherwise than the revenue it cancels) is
carried by the first payment, as a move that adds up to nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from commons_contracts.core.money import HUNDRED, ZERO, round_cents, split_in_proportion
from commons_contracts.ledger.reversal import (
    PeriodFigures,
    ReversalTerms,
    VersionedTerms,
    as_versioned,
    compute_reversal,
    settle,
)
from commons_contracts.registry.model import Declaration, Payment


@dataclass(frozen=True, slots=True)
class PaymentValue:
    """One payment, as the books see it: `amount` = the parts excluding VAT + `vat` +
    `invoiced`."""

    amount: Decimal
    excl_tax_by_commons: Mapping[str, Decimal]
    """The parts excluding VAT of the periods not invoiced, per commons."""
    vat: Decimal
    """The VAT of the periods not invoiced."""
    invoiced: Decimal = ZERO
    """What settles invoiced periods, VAT included: it settles the invoices (their income
    was entered when they were issued)."""
    invoiced_vat: Decimal = ZERO
    """The VAT part of `invoiced`."""


def _weights(period: PeriodFigures) -> dict[str, Decimal]:
    weights: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for declaration in period.declarations:
        for commons_id, part in declaration.by_commons.items():
            weights[commons_id] += part
    return dict(weights)


def _excl_tax(paid: Decimal, period: PeriodFigures) -> Decimal:
    # The part excluding VAT of what a period counts as paid: exact once it is paid in full.
    if period.due_incl_tax == ZERO:
        return ZERO
    return round_cents(paid * period.due_excl_tax / period.due_incl_tax)


def payment_values(
    terms: ReversalTerms | VersionedTerms,
    declarations: Iterable[Declaration],
    payments: Iterable[Payment],
    as_of: datetime.date,
    invoiced_periods: frozenset[str] = frozenset(),
) -> dict[str, PaymentValue]:
    """The value of every payment of one contract dated up to `as_of`, by payment id, with the
    dues of the declarations dated up to `as_of`; what settles one of `invoiced_periods` is
    counted apart, in `invoiced` (and its VAT in `invoiced_vat`). With the contract's
    versions (:class:`VersionedTerms`), each declaration is due on the terms in force on its
    day, and what a payment pays beyond every due bears the VAT rate in force on its day."""
    reversal = compute_reversal(terms, declarations, (), as_of)
    periods = reversal.periods
    dues = [period.due_incl_tax for period in periods]
    weights = [_weights(period) for period in periods]
    contract_weights = dict(reversal.by_commons)
    ordered = sorted((p for p in payments if p.date <= as_of), key=lambda p: (p.date, p.id))
    values: dict[str, PaymentValue] = {}
    total = ZERO
    # Counted from nothing, not from what the credit notes settle by themselves: so the first
    # payment carries their value, and the payments of a contract paid in full add up exactly
    # to its dues (excluding VAT per commons, and VAT).
    before = [ZERO] * len(periods)
    # A period that owes nothing in all may still move cents between commons (a credit note
    # split otherwise than the revenue it cancels): no payment settles it, so the first payment
    # carries that move, which adds up to nothing.
    moved: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for index, period in enumerate(periods):
        if period.due_incl_tax == ZERO:
            for commons_id, part in weights[index].items():
                moved[commons_id] += part
    for payment in ordered:
        total += payment.amount
        after = settle(dues, total)
        by_commons: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
        for commons_id, part in moved.items():
            by_commons[commons_id] += part
        moved.clear()
        vat = applied = invoiced = invoiced_vat = ZERO
        for index, period in enumerate(periods):
            if after[index] == before[index]:
                continue
            part = after[index] - before[index]
            if period.period in invoiced_periods:
                excl = _excl_tax(after[index], period) - _excl_tax(before[index], period)
                invoiced += part
                invoiced_vat += part - excl
                applied += part
                continue
            excl_after, excl_before = (
                _excl_tax(after[index], period),
                _excl_tax(before[index], period),
            )
            split_after = split_in_proportion(excl_after, weights[index])
            split_before = split_in_proportion(excl_before, weights[index])
            for commons_id in split_after:
                by_commons[commons_id] += split_after[commons_id] - split_before[commons_id]
            vat += part - (excl_after - excl_before)
            applied += part
        beyond = payment.amount - applied
        if beyond != ZERO:
            rate = as_versioned(terms).at(payment.date).terms.vat_rate_percent
            excl = round_cents(beyond * HUNDRED / (HUNDRED + rate))
            vat += beyond - excl
            for commons_id, part in split_in_proportion(excl, contract_weights).items():
                by_commons[commons_id] += part
        values[payment.id] = PaymentValue(
            amount=payment.amount,
            excl_tax_by_commons=MappingProxyType(dict(sorted(by_commons.items()))),
            vat=vat,
            invoiced=invoiced,
            invoiced_vat=invoiced_vat,
        )
        before = after
    return values
