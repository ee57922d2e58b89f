"""Exact money: parsing, rounding to the cent and splitting without losing a cent.

Amounts are :class:`~decimal.Decimal` from the text the user typed to the word printed in a
contract; nothing here accepts a float. Rounding happens in :func:`round_cents` only, and
splitting in :func:`allocate_largest_remainder` only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")

_DECIMAL_TEXT = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


def parse_decimal(text: str) -> Decimal | None:
    """The exact decimal written in `text` (`"12.50"`, `"-3"`), or None when it is not one.

    Only plain positional notation is accepted: no exponent, no `inf`/`nan`, no thousands
    separator, no underscore, so that what a person reads is what is counted.
    """
    candidate = text.strip()
    if not _DECIMAL_TEXT.match(candidate):
        return None
    try:
        return Decimal(candidate)
    except InvalidOperation:  # pragma: no cover - the pattern already excludes these
        return None


def decimal_places(value: Decimal) -> int:
    """How many digits a decimal carries after the point as written (`12.50` has 2)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), "finite decimals only"
    return max(0, -exponent)


def round_cents(value: Decimal) -> Decimal:
    """Round to the cent, half away from zero (ROUND_HALF_UP), the rule of the contracts."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(value: Decimal) -> str:
    """An amount as an exact decimal string with two places, as in JSON and CSV (`"1234.50"`)."""
    return str(round_cents(value))


def allocate_largest_remainder(
    total: Decimal, shares_percent: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    """Split `total` (whole cents) by percentages that sum to 100, without losing a cent.

    Each key gets the floor of its share in cents; the cents left go one by one to the largest
    remainders, ties to the key that sorts first. A negative total is split as its absolute
    value, then negated, so the parts always add up exactly to `total`.
    """
    if total != round_cents(total):
        raise ValueError(f"allocate a whole number of cents, not {total}")
    sign = -1 if total < 0 else 1
    cents = int(abs(total) / CENT)
    floors: dict[str, int] = {}
    remainders: dict[str, Decimal] = {}
    for key, percent in shares_percent.items():
        exact = Decimal(cents) * percent / HUNDRED
        floor = int(exact.to_integral_value(rounding=ROUND_FLOOR))
        floors[key] = floor
        remainders[key] = exact - floor
    left = cents - sum(floors.values())
    for key in sorted(remainders, key=lambda k: (-remainders[k], k))[:left]:
        floors[key] += 1
    return {key: sign * Decimal(floors[key]) * CENT for key in sorted(floors)}
