"""The reversal computation of DESIGN.md section 5: what an actor owes each commons, and when.

Pure functions over frozen dataclasses, no I/O: given one reciprocity contract's computation terms
(:class:`ReversalTerms`), its declarations and payments and an as-of date, compute every
declaration's marginal due, every period's figures and the contract's totals. Money is
:class:`~decimal.Decimal` throughout; rounding and splitting are those of :mod:`.money`.

Dues are counted on the cumulative revenue of each calendar year, so that tiers and the annual cap
apply to the year and a declaration owes exactly what it adds to the year's cumulative due: the
dues of a year add up to the due of its total, and no cent appears or vanishes.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import groupby
from types import MappingProxyType

from commons_contracts.core.dates import Period, period_end, period_label
from commons_contracts.core.money import (
    HUNDRED,
    ZERO,
    format_amount,
    round_cents,
    split_in_proportion,
)
from commons_contracts.registry.model import Declaration, Payment
from commons_contracts.registry.records import Tier

# --- inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReversalTerms:
    """The terms of one reciprocity contract that the computation needs.

    Validation upstream reports malformed terms to the user as located errors; the checks here
    only guard the computation against a programming error.
    """

    commons: tuple[str, ...]
    tiers: tuple[Tier, ...]
    period: Period
    payment_days: int
    vat_rate_percent: Decimal
    annual_cap: Decimal | None = None
    binding: bool = True
    """Whether the amounts are owed (a royalty). False for a donation: they are indications of a
    free gift, never overdue, whatever the date."""

    def __post_init__(self) -> None:
        if not self.commons:
            raise ValueError("a contract covers at least one commons")
        if not self.tiers or self.tiers[-1].up_to is not None:
            raise ValueError("the last tier must be open (no up_to)")
        previous_up_to = ZERO
        for tier in self.tiers[:-1]:
            if tier.up_to is None or tier.up_to <= previous_up_to:
                raise ValueError("every tier but the last needs an up_to above the previous one")
            previous_up_to = tier.up_to

    @classmethod
    def flat(
        cls,
        rate_percent: Decimal,
        *,
        commons: tuple[str, ...],
        period: Period,
        payment_days: int,
        vat_rate_percent: Decimal,
        annual_cap: Decimal | None = None,
        binding: bool = True,
    ) -> ReversalTerms:
        """Terms with a flat `rate_percent`, which is a single open tier."""
        return cls(
            commons=commons,
            tiers=(Tier(rate_percent=rate_percent),),
            period=period,
            payment_days=payment_days,
            vat_rate_percent=vat_rate_percent,
            annual_cap=annual_cap,
            binding=binding,
        )


@dataclass(frozen=True, slots=True)
class TermsVersion:
    """The terms in force from a day on: after the amendments numbered `amendments`."""

    start: datetime.date
    amendments: tuple[int, ...]
    terms: ReversalTerms


@dataclass(frozen=True, slots=True)
class VersionedTerms:
    """A contract's terms through its amendments (DESIGN.md section 11), oldest first. The
    commons and the period are the same in every version: an amendment cannot change them."""

    versions: tuple[TermsVersion, ...]

    def __post_init__(self) -> None:
        if not self.versions:
            raise ValueError("a contract has at least one version of its terms")
        first = self.versions[0].terms
        for version in self.versions[1:]:
            if (version.terms.commons, version.terms.period) != (first.commons, first.period):
                raise ValueError("an amendment cannot change the commons or the period")

    @classmethod
    def single(cls, terms: ReversalTerms) -> VersionedTerms:
        """The terms of a contract without amendments."""
        return cls((TermsVersion(datetime.date.min, (), terms),))

    @property
    def base(self) -> ReversalTerms:
        """The first version: its commons and period are every version's."""
        return self.versions[0].terms

    def at(self, day: datetime.date) -> TermsVersion:
        """The version in force on `day` (the first one before the contract starts)."""
        current = self.versions[0]
        for version in self.versions[1:]:
            if version.start <= day:
                current = version
        return current


def _require_cents(amount: Decimal, what: str) -> None:
    # Validation upstream allows at most 2 decimals; anything finer here is a programming error,
    # and it would make the normalisation by round_cents below silently round.
    if amount != round_cents(amount):
        raise ValueError(f"{what} must be a whole number of cents, not {amount}")


# --- outputs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeclarationDue:
    """What one declaration owes: `D(B_k) − D(B_{k−1})`, and its split between commons."""

    id: str
    date: datetime.date
    period: str
    amount_excl_tax: Decimal
    cumulative_revenue: Decimal
    due_excl_tax: Decimal
    by_commons: Mapping[str, Decimal]
    amendments: tuple[int, ...] = ()
    """The amendments in force on the declaration's date, whose schedule priced it."""


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """The figures of one period (month, quarter or year) that has at least one declaration."""

    period: str
    revenue_excl_tax: Decimal
    due_excl_tax: Decimal
    vat: Decimal
    due_incl_tax: Decimal
    paid: Decimal
    outstanding: Decimal
    payment_due_date: datetime.date
    overdue: bool
    declarations: tuple[DeclarationDue, ...]
    amendments: tuple[int, ...] = ()
    """The amendments that applied to the period: those that priced its declarations and those
    in force on its last day (its VAT rate and its payment days)."""

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        """Revenue, due excl. VAT, VAT, due incl. VAT, paid and outstanding, in that order (the
        columns of every table of periods)."""
        return (
            self.revenue_excl_tax,
            self.due_excl_tax,
            self.vat,
            self.due_incl_tax,
            self.paid,
            self.outstanding,
        )


@dataclass(frozen=True, slots=True)
class ContractReversal:
    """A contract's periods and totals as of a date; `overdue` is the amount overdue."""

    periods: tuple[PeriodFigures, ...]
    by_commons: Mapping[str, Decimal]
    due_incl_tax: Decimal
    paid: Decimal
    balance: Decimal
    overdue: Decimal
    as_of: datetime.date


# --- rules --------------------------------------------------------------------------------------


def cumulative_due(revenue: Decimal, terms: ReversalTerms) -> Decimal:
    """`D(B)`: the due excl. VAT on a year's cumulative revenue `B`, rounded to the cent.

    Each tier charges its rate on the part of `B` between the previous tier's `up_to` and its own,
    the sum is capped at the annual cap, then rounded half up. A revenue of zero or less owes
    nothing (no slice of it is above zero), so a year whose credit notes outweigh its revenue owes
    nothing, and the declaration that took it below zero gets a negative due.
    """
    due = ZERO
    lower = ZERO
    for tier in terms.tiers:
        upper = revenue if tier.up_to is None else min(revenue, tier.up_to)
        due += tier.rate_percent * max(ZERO, upper - lower) / HUNDRED
        if tier.up_to is not None:
            lower = tier.up_to
    if terms.annual_cap is not None:
        due = min(due, terms.annual_cap)
    return round_cents(due)


def due_function(terms: ReversalTerms) -> Callable[[Decimal], Decimal]:
    """:func:`cumulative_due` for one schedule, as a function of the revenue, made once: the due
    of every full tier is summed beforehand, so that pricing a revenue adds one tier's part.

    It makes the same operations as the loop, on the same values and in the same order, but
    for the tiers above the revenue's, whose parts are zero (and adding a zero changes no
    value): so it gives the same result for any revenue and any terms, whatever the decimal
    context rounds, given what ReversalTerms ensures (bounds increasing, the last tier open)."""
    tiers: list[tuple[Decimal | None, Decimal, Decimal, Decimal]] = []  # up_to, lower, rate, base
    lower = base = ZERO
    for tier in terms.tiers:
        tiers.append((tier.up_to, lower, tier.rate_percent, base))
        if tier.up_to is not None:
            base += tier.rate_percent * max(ZERO, tier.up_to - lower) / HUNDRED
            lower = tier.up_to
    cap = terms.annual_cap

    def due(revenue: Decimal) -> Decimal:
        found = ZERO
        for up_to, tier_lower, rate, tier_base in tiers:
            if up_to is None or revenue <= up_to:
                found = tier_base + rate * max(ZERO, revenue - tier_lower) / HUNDRED
                break
        if cap is not None:
            found = min(found, cap)
        return round_cents(found)

    return due


def payment_due_date(day: datetime.date, terms: ReversalTerms) -> datetime.date:
    """When the period holding `day` must be paid: its last day plus the contract's payment days."""
    return period_end(day, terms.period) + datetime.timedelta(days=terms.payment_days)


def _split(
    due_excl_tax: Decimal, declaration: Declaration, terms: ReversalTerms
) -> dict[str, Decimal]:
    shares = declaration.commons_shares
    if len(terms.commons) == 1:
        if shares is not None:
            raise ValueError(f"declaration {declaration.id}: commons_shares on a single commons")
        return {terms.commons[0]: due_excl_tax}
    if shares is None:
        raise ValueError(f"declaration {declaration.id}: commons_shares missing")
    if not set(shares) <= set(terms.commons) or sum(shares.values()) != HUNDRED:
        raise ValueError(
            f"declaration {declaration.id}: commons_shares must name the contract's commons "
            "and sum to 100"
        )
    return split_in_proportion(due_excl_tax, shares)


def as_versioned(terms: ReversalTerms | VersionedTerms) -> VersionedTerms:
    """The terms as versions: those of a contract without amendments as its one version."""
    return terms if isinstance(terms, VersionedTerms) else VersionedTerms.single(terms)


def declaration_dues(
    terms: ReversalTerms | VersionedTerms, declarations: Iterable[Declaration]
) -> list[DeclarationDue]:
    """Every declaration's marginal due, in (date, id) order, split between the commons.

    Within each calendar year the cumulative revenue `B_k` runs over the declarations in (date, id)
    order whatever the version of the terms, and declaration k is priced with the schedule and
    cap in force on its own date s_k: it owes `D_s(B_k) − D_s(B_{k−1})`; when that is positive
    and a cap is in force, it is reduced so that the year's running total of dues never exceeds
    the cap of s_k, and never below zero. A negative due (a credit note) stands as computed.
    With one version this is exactly `D(B_k) − D(B_{k−1})` (DESIGN.md sections 5 and 11).

    A declaration on a contract covering several commons must carry `commons_shares`
    (percentages naming those commons and summing to 100); one on a single-commons contract must
    not. Either mistake raises ValueError: validation reports it to the user beforehand.

    Within :func:`dues_shared`, the dues of the same declarations under the same terms are
    computed once and given again to the next caller.
    """
    versioned = as_versioned(terms)
    memo = _shared_dues.get()
    if memo is None:
        return _declaration_dues(versioned, declarations)
    kept = tuple(declarations)
    key = (_terms_key(versioned), tuple(map(id, kept)))
    found = memo.get(key)
    if found is None:
        # The declarations are kept with their dues, so that no id in a key is ever reused.
        found = memo[key] = (kept, tuple(_declaration_dues(versioned, kept)))
    return list(found[1])


_shared_dues: ContextVar[
    dict[object, tuple[tuple[Declaration, ...], tuple[DeclarationDue, ...]]] | None
] = ContextVar("shared_dues", default=None)


@contextlib.contextmanager
def dues_shared() -> Iterator[None]:
    """Compute each contract's declaration dues once while inside, however many computations
    ask for them (the rules of validation: the payments above what is owed and the hosted
    funds both price every declaration). The dues are immutable values of their inputs; they
    are forgotten on leaving."""
    token = _shared_dues.set({})
    try:
        yield
    finally:
        _shared_dues.reset(token)


def _terms_key(versioned: VersionedTerms) -> object:
    # What the dues depend on: with one version, its terms and amendments (its first day is
    # never read); with several, every version.
    if len(versioned.versions) == 1:
        only = versioned.versions[0]
        return (only.terms, only.amendments)
    return versioned.versions


def _declaration_dues(
    versioned: VersionedTerms, declarations: Iterable[Declaration]
) -> list[DeclarationDue]:
    period = versioned.base.period
    # This runs on every declaration of a registry, for several rules and commands: the terms
    # are looked up once when they never change, each schedule's due function is made once,
    # each date's period label is made once, and `D(B_{k-1})` is the `D(B_k)` of the
    # declaration before when it was priced with the same schedule (the same computation on the
    # same value).
    only = versioned.versions[0] if len(versioned.versions) == 1 else None
    labels: dict[datetime.date, str] = {}
    dues_of = {id(version.terms): due_function(version.terms) for version in versioned.versions}
    ordered = sorted(declarations, key=lambda declaration: (declaration.date, declaration.id))
    dues: list[DeclarationDue] = []
    for _, year_declarations in groupby(ordered, key=lambda declaration: declaration.date.year):
        revenue = ZERO
        running = ZERO
        last_schedule: ReversalTerms | None = None
        last_due = ZERO
        for declaration in year_declarations:
            day = declaration.date
            amount_excl_tax = round_cents(declaration.amount_excl_tax)  # exact: 2 places only
            if declaration.amount_excl_tax != amount_excl_tax:
                _require_cents(declaration.amount_excl_tax, f"declaration {declaration.id}")
            version = only if only is not None else versioned.at(day)
            schedule = version.terms
            due = dues_of[id(schedule)]
            before = last_due if schedule is last_schedule else due(revenue)
            last_due = due(revenue + amount_excl_tax)
            last_schedule = schedule
            due_excl_tax = last_due - before
            if due_excl_tax > 0 and schedule.annual_cap is not None:
                due_excl_tax = max(ZERO, min(due_excl_tax, schedule.annual_cap - running))
            revenue += amount_excl_tax
            running += due_excl_tax
            label = labels.get(day)
            if label is None:
                label = labels[day] = period_label(day, period)
            dues.append(
                DeclarationDue(
                    id=declaration.id,
                    date=day,
                    period=label,
                    amount_excl_tax=amount_excl_tax,
                    cumulative_revenue=revenue,
                    due_excl_tax=due_excl_tax,
                    by_commons=MappingProxyType(_split(due_excl_tax, declaration, schedule)),
                    amendments=version.amendments,
                )
            )
    return dues


def _unsettled_period(
    versioned: VersionedTerms, declarations: tuple[DeclarationDue, ...]
) -> PeriodFigures:
    # The period's figures before any payment is applied to it; its VAT and its due date follow
    # the terms in force on its last day.
    last_day = period_end(declarations[0].date, versioned.base.period)
    version = versioned.at(last_day)
    terms = version.terms
    due_excl_tax = sum((declaration.due_excl_tax for declaration in declarations), ZERO)
    vat = round_cents(terms.vat_rate_percent * due_excl_tax / HUNDRED)
    applied = {*version.amendments, *(n for d in declarations for n in d.amendments)}
    return PeriodFigures(
        period=declarations[0].period,
        revenue_excl_tax=sum((declaration.amount_excl_tax for declaration in declarations), ZERO),
        due_excl_tax=due_excl_tax,
        vat=vat,
        due_incl_tax=due_excl_tax + vat,
        paid=ZERO,
        outstanding=due_excl_tax + vat,
        payment_due_date=payment_due_date(declarations[0].date, terms),
        overdue=False,
        declarations=declarations,
        amendments=tuple(sorted(applied)),
    )


def settle(dues_incl_tax: Sequence[Decimal], payments_total: Decimal) -> list[Decimal]:
    """What each period counts as paid out of `payments_total`, oldest period first.

    Two sweeps oldest first, each applying to a period what it still owes, at most what is
    available. In the first, a negative period settles itself (it "owes" its negative total)
    and its credit joins what is available to the periods after it. The second gives a credit
    that no later period needed to the earlier periods still outstanding, so that nothing stays
    unapplied while something is outstanding: the periods' paid add up to min(payments, total
    due). A negative amount available (payments refunded beyond what was paid) is never applied
    to a period that owes.
    """
    paid = [ZERO] * len(dues_incl_tax)
    available = payments_total
    for _sweep in range(2):
        for index, due in enumerate(dues_incl_tax):
            applied = min(due - paid[index], max(available, ZERO))
            paid[index] += applied
            available -= applied
    return paid


def _settled(
    period: PeriodFigures, paid: Decimal, as_of: datetime.date, binding: bool
) -> PeriodFigures:
    outstanding = period.due_incl_tax - paid
    overdue = binding and as_of > period.payment_due_date and outstanding > ZERO
    return replace(period, paid=paid, outstanding=outstanding, overdue=overdue)


def compute_reversal(
    terms: ReversalTerms | VersionedTerms,
    declarations: Iterable[Declaration],
    payments: Iterable[Payment],
    as_of: datetime.date,
    *,
    due_dates: Mapping[str, datetime.date] | None = None,
) -> ContractReversal:
    """A contract's periods, split between commons, and totals as of `as_of`.

    Declarations and payments dated after `as_of` are ignored. The periods listed are those with
    at least one declaration, oldest first; each owes its declarations' dues plus VAT at the
    contract's rate, rounded to the cent. Payments (incl. VAT) settle the oldest periods first; a
    negative period shows as paid its own negative total and its credit settles the next periods.
    A period is overdue when `as_of` is after its payment due date and something is outstanding,
    and the terms are binding (never for a donation, whose amounts are indications).
    The balance is the dues incl. VAT minus the payments, negative when the actor paid more.
    `terms` may be versions of the terms through amendments (DESIGN.md section 11).
    `due_dates` gives, by period label, the due date of the periods that were invoiced: it
    replaces the period's own (DESIGN.md section 13).
    """
    versioned = as_versioned(terms)
    dues = declaration_dues(versioned, (d for d in declarations if d.date <= as_of))
    unsettled = [
        _unsettled_period(versioned, tuple(period_dues))
        for _, period_dues in groupby(dues, key=lambda due: due.period)
    ]
    if due_dates:
        unsettled = [
            replace(period, payment_due_date=due_dates[period.period])
            if period.period in due_dates
            else period
            for period in unsettled
        ]
    # Exact sum of whole cents; round_cents only gives it 2 places.
    counted = [p for p in payments if p.date <= as_of]
    for payment in counted:
        _require_cents(payment.amount, f"payment {payment.id}")
    payments_total = round_cents(sum((p.amount for p in counted), ZERO))
    paid = settle([period.due_incl_tax for period in unsettled], payments_total)
    periods = tuple(
        _settled(period, period_paid, as_of, versioned.base.binding)
        for period, period_paid in zip(unsettled, paid, strict=True)
    )
    by_commons = dict.fromkeys(sorted(versioned.base.commons), ZERO)
    for due in dues:
        for commons_id, part in due.by_commons.items():
            by_commons[commons_id] += part
    due_incl_tax = sum((period.due_incl_tax for period in periods), ZERO)
    return ContractReversal(
        periods=periods,
        by_commons=MappingProxyType(by_commons),
        due_incl_tax=due_incl_tax,
        paid=payments_total,
        balance=due_incl_tax - payments_total,
        overdue=sum((period.outstanding for period in periods if period.overdue), ZERO),
        as_of=as_of,
    )


def reversal_as_json(result: ContractReversal) -> dict[str, object]:
    """The contract entry of `balance --format json`: amounts as exact 2-place strings, ISO dates.

    The command line adds the contract, actor, host and currency keys around it.
    """
    return {
        "periods": [
            {
                "period": period.period,
                "revenue_excl_tax": format_amount(period.revenue_excl_tax),
                "due_excl_tax": format_amount(period.due_excl_tax),
                "vat": format_amount(period.vat),
                "due_incl_tax": format_amount(period.due_incl_tax),
                "paid": format_amount(period.paid),
                "outstanding": format_amount(period.outstanding),
                "payment_due_date": period.payment_due_date.isoformat(),
                "overdue": period.overdue,
                "amendments": list(period.amendments),
            }
            for period in result.periods
        ],
        "by_commons": {
            commons_id: format_amount(part) for commons_id, part in result.by_commons.items()
        },
        "due_incl_tax": format_amount(result.due_incl_tax),
        "paid": format_amount(result.paid),
        "balance": format_amount(result.balance),
        "overdue": format_amount(result.overdue),
    }
