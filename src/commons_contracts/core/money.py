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


_SPACES = "[ \u00a0\u202f]"
_FRENCH_AMOUNT = re.compile(
    rf"([+-]?)([0-9]{{1,3}}(?:{_SPACES}[0-9]{{3}})+|[0-9]+)(?:([.,])([0-9]+))?"
)
_CURRENCY = re.compile(rf"^(?:€|EUR){_SPACES}*|{_SPACES}*(?:€|EUR)$")


def normalise_amount_text(text: str) -> str:
    """The plain decimal text of an amount as a French person types it, for
    :func:`parse_decimal` and the schemas' money rule: `1500,50`, `1 500,50` (a space, a
    no-break space or a narrow no-break space between thousands), `1 500,50 €` and `−450,00` as
    `1500.50`, `1500.50` and `-450.00`. A plain decimal stays as it is, and any other text is
    returned stripped but unchanged, so that validation names the problem: so is `1,500`, which
    means one and a half in French and fifteen hundred in English."""
    stripped = text.strip().replace("\u2212", "-")  # the minus sign of typeset figures
    bare = _CURRENCY.sub("", stripped)
    match = _FRENCH_AMOUNT.fullmatch(bare)
    if match is None:
        return stripped
    sign, whole, mark, decimals = match.groups()
    if mark == "," and len(decimals) == 3 and re.fullmatch(r"[0-9]{1,3}", whole):
        return stripped  # 1,500: a thousands comma or three decimals, nobody can tell
    whole = re.sub(_SPACES, "", whole)
    return f"{'-' if sign == '-' else ''}{whole}" + (f".{decimals}" if mark else "")


def normalise_percent_text(text: str) -> str:
    """The plain decimal text of a percentage as a French person types it: `7,5`, `7,5 %` and
    `5 %` as `7.5` and `5`; any other text stripped but unchanged (validation names the
    problem)."""
    stripped = text.strip()
    bare = re.sub(rf"{_SPACES}*%$", "", stripped)
    match = re.fullmatch(r"([+-]?[0-9]+)(?:[.,]([0-9]+))?", bare)
    if match is None:
        return stripped
    whole, decimals = match.groups()
    return whole + (f".{decimals}" if decimals is not None else "")


def decimal_text(value: float) -> str:
    """A spreadsheet's number as the exact decimal a person sees in the cell: the double is
    read to 15 significant digits (the precision spreadsheets compute and display with), so
    `0.1 + 0.2` is `0.3` and `1500.5` is `1500.5`, never `0.30000000000000004`. No exponent."""
    exact = Decimal(format(value, ".15g"))
    text = format(exact, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


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
