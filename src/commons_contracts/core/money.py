"""Exact money: parsing, rounding to the cent and splitting without losing a cent.

Amounts are :class:`~decimal.Decimal` from the text the user typed to the word printed in a
contract; nothing here accepts a float. Rounding happens in :func:`round_cents` only, and
splitting in :func:`split_in_proportion` only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

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
    """An amount of whole cents as an exact decimal string with two places, as in JSON and CSV
    (`"1234.50"`). A finer amount is a programming error, never silently rounded here."""
    if value != round_cents(value):
        raise ValueError(f"{value} is not a whole number of cents")
    return str(round_cents(value))


def split_in_proportion(total: Decimal, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Split `total` (whole cents) between the keys of `weights` in proportion to them, without
    losing a cent (largest-remainder method): each key gets the floor of its exact part in
    cents, the cents left go one by one to the largest remainders, ties to the key that sorts
    first. Percentages summing to 100 are weights like any other; weights that sum to zero split
    equally. A negative total is split as its absolute value, then negated, so the parts always
    add up exactly to `total`.
    """
    if total != round_cents(total):
        raise ValueError(f"split a whole number of cents, not {total}")
    keys = sorted(weights)
    weight_total = sum(weights.values(), Decimal(0))
    ratios = {
        key: Fraction(1, len(keys))
        if weight_total == 0
        else Fraction(weights[key]) / Fraction(weight_total)
        for key in keys
    }
    cents = int(total / CENT)
    exact = {key: abs(cents) * ratio for key, ratio in ratios.items()}
    floors = {key: math.floor(part) for key, part in exact.items()}
    left = abs(cents) - sum(floors.values())
    for key in sorted(keys, key=lambda k: (floors[k] - exact[k], k))[:left]:
        floors[key] += 1
    sign = -1 if cents < 0 else 1
    return {key: Decimal(sign * floors[key]) * CENT for key in keys}
