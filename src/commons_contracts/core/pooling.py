"""When amounts of people who did not consent to be named may be published as one pooled line.

A pool is published when it holds at least `min_parts` distinct people and no one's part is
above `max_share_percent` of the sum of the parts' absolute values: the threshold and dominance
rules of French business statistics (3 units, 85 %). The transparency report applies it to
every figure of its pooled lines (`report/privacy.py`), the fund's yearly figures to the unnamed
payees and sources (`funds/annual.py`); docs/report.md gives the threat model.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from commons_contracts.core.money import ZERO

MIN_PARTS = 3
MAX_SHARE_PERCENT = Decimal(85)


@dataclass(frozen=True, slots=True)
class Threshold:
    """The least number of people in a pool, and the largest share one of them may hold."""

    min_parts: int = MIN_PARTS
    max_share_percent: Decimal = MAX_SHARE_PERCENT

    def allows(self, parts: Collection[Decimal]) -> bool:
        """Whether the pool of `parts` (one amount per person) may be published as one line."""
        if len(parts) < self.min_parts:
            return False
        magnitudes = [abs(part) for part in parts]
        total = sum(magnitudes, ZERO)
        return not total or max(magnitudes) * 100 <= self.max_share_percent * total

    def allows_each(self, *measures: Collection[Decimal]) -> bool:
        """Whether a pool whose line shows several figures (pledged and received...) may be
        published: each figure's parts, one per person, pass :meth:`allows`."""
        return all(self.allows(parts) for parts in measures)


DEFAULT_THRESHOLD = Threshold()
