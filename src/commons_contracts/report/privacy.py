"""The privacy rule of the report: when the pooled amounts of actors who asked not to be listed
may be published (see docs/report.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal

from commons_contracts.core.money import ZERO, format_amount
from commons_contracts.core.pooling import MAX_SHARE_PERCENT, MIN_PARTS, Threshold


@dataclass(frozen=True, slots=True)
class Amounts:
    """The money of one line of the report: declared, owed, paid, and what is overdue."""

    revenue_excl_tax: Decimal = ZERO
    due_excl_tax: Decimal = ZERO
    vat: Decimal = ZERO
    due_incl_tax: Decimal = ZERO
    paid: Decimal = ZERO
    overdue: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        """What is still to pay, incl. VAT (negative: paid more than due)."""
        return self.due_incl_tax - self.paid

    def any(self) -> bool:
        """Whether any figure is not zero."""
        return any(getattr(self, f.name) for f in fields(self))

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def as_json(self, *, with_overdue: bool = True) -> dict[str, str]:
        """The amounts as exact 2-place strings, as in `balance --format json`."""
        found = {
            "revenue_excl_tax": self.revenue_excl_tax,
            "due_excl_tax": self.due_excl_tax,
            "vat": self.vat,
            "due_incl_tax": self.due_incl_tax,
            "paid": self.paid,
            "outstanding": self.outstanding,
        }
        if with_overdue:
            found["overdue"] = self.overdue
        return {key: format_amount(value) for key, value in found.items()}


PUBLISHED_MEASURES = (
    "revenue_excl_tax",
    "due_excl_tax",
    "vat",
    "due_incl_tax",
    "paid",
    "outstanding",
)
"""Every figure a pooled line of the report shows (its overdue amount is never shown)."""


def difference(after: Amounts, before: Amounts) -> Amounts:
    """What changed from `before` to `after`, figure by figure."""
    return Amounts(
        **{f.name: getattr(after, f.name) - getattr(before, f.name) for f in fields(after)}
    )


def total_amounts(amounts: Iterable[Amounts]) -> Amounts:
    return sum(amounts, Amounts())


@dataclass(frozen=True)
class PoolingRule:
    """When the pooled amounts of unlisted actors may be published.

    A pool is published when each of its amounts (declared, due excl. and incl. VAT, paid,
    outstanding) passes the :class:`~commons_contracts.core.pooling.Threshold` of
    `min_actors` distinct actors and no part above `max_share_percent` of the sum (the
    defaults: 3 units, 85 %).
    """

    min_actors: int = MIN_PARTS
    max_share_percent: Decimal = MAX_SHARE_PERCENT

    @property
    def threshold(self) -> Threshold:
        """The rule on one figure of the pool."""
        return Threshold(self.min_actors, self.max_share_percent)

    def allows(self, pool: Mapping[str, Amounts]) -> bool:
        """True when the pool of amounts by actor id may be published as one line: enough
        actors, and no actor dominating any figure the line shows (VAT and what is still to
        pay included: one VAT-liable actor among exempt ones would otherwise be the VAT)."""
        threshold = self.threshold
        return all(
            threshold.allows([getattr(amounts, measure) for amounts in pool.values()])
            for measure in PUBLISHED_MEASURES
        )

    def allows_series(self, pools: Sequence[Mapping[str, Amounts]]) -> bool:
        """Whether the last pool of `pools` (the same pool at successive dates, oldest first)
        may be published, so that the difference between any two published values is a pool
        the rule allows: a value is published when the rule allows it, and allows what changed
        since the last value published before it (the actors whose amounts changed, by how
        much). Two reports at different dates then never give away one actor's declaration
        or payment by subtraction."""
        last: Mapping[str, Amounts] = {}
        published = False
        for pool in pools:
            change = {
                actor: difference(amounts, last.get(actor, Amounts()))
                for actor, amounts in pool.items()
            }
            changed = {actor: amounts for actor, amounts in change.items() if amounts.any()}
            published = self.allows(pool) and (not changed or self.allows(changed))
            if published:
                last = pool
        return published
