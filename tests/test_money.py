"""Exact money: parsing from text, rounding half up, splitting without losing a cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commons_contracts.core.csvfile import csv_text, safe_cell
from commons_contracts.core.money import (
    decimal_places,
    parse_decimal,
    round_cents,
    split_in_proportion,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12.50", Decimal("12.50")), ("-3", Decimal(-3)), (".5", Decimal("0.5")), (" 7 ", Decimal(7))],
)
def test_parse_decimal_reads_plain_decimals(text: str, expected: Decimal) -> None:
    """The exact decimal written, places kept."""
    assert parse_decimal(text) == expected
    assert decimal_places(parse_decimal(text) or Decimal(0)) == decimal_places(expected)


@pytest.mark.parametrize("text", ["1e3", "inf", "NaN", "1_000", "1 000", "12,5", "", "--1"])
def test_parse_decimal_refuses_what_a_person_would_not_read_as_a_number(text: str) -> None:
    """No exponent, infinity, separator or comma."""
    assert parse_decimal(text) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5.005", "5.01"), ("2.5025", "2.50"), ("-2.005", "-2.01"), ("0.004", "0.00")],
)
def test_round_cents_is_half_up(value: str, expected: str) -> None:
    """Half a cent goes away from zero."""
    assert round_cents(Decimal(value)) == Decimal(expected)


def test_split_gives_the_cent_to_the_largest_remainder_then_the_first_id() -> None:
    """1.00 in thirds: 0.34 to the largest remainder; an exact tie goes to the id sorting first."""
    thirds = {"c": Decimal("33.3333"), "b": Decimal("33.3333"), "a": Decimal("33.3334")}
    assert split_in_proportion(Decimal("1.00"), thirds) == {
        "a": Decimal("0.34"),
        "b": Decimal("0.33"),
        "c": Decimal("0.33"),
    }
    assert split_in_proportion(Decimal("0.01"), {"y": Decimal(50), "x": Decimal(50)}) == {
        "x": Decimal("0.01"),
        "y": Decimal("0.00"),
    }


def test_split_refuses_fractions_of_a_cent() -> None:
    """A total finer than a cent is a programming error, never silently truncated."""
    with pytest.raises(ValueError, match="whole number of cents"):
        split_in_proportion(Decimal("1.005"), {"a": Decimal(1)})


@given(
    cents=st.integers(-(10**9), 10**9),
    weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=6),
)
def test_split_always_adds_up(cents: int, weights: list[int]) -> None:
    """Whatever the weights, the parts add up exactly to the total."""
    total = Decimal(cents) / 100
    parts = split_in_proportion(total, {f"k{i}": Decimal(w) for i, w in enumerate(weights)})
    assert sum(parts.values()) == total
    assert all(decimal_places(part) == 2 for part in parts.values())


def test_csv_cells_that_would_be_formulas_are_written_as_text() -> None:
    """OWASP CSV injection: a leading = + - @ tab or carriage return makes a spreadsheet run
    the cell; numbers, negative ones included, are written as they are."""
    assert safe_cell('=HYPERLINK("http://x","y")') == """'=HYPERLINK("http://x","y")"""
    assert safe_cell("+33 6 12") == "'+33 6 12"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("\tx") == "'\tx"
    assert safe_cell("-12.50") == "-12.50"
    assert safe_cell("-1") == "-1"
    assert safe_cell("Movilab") == "Movilab"
    assert csv_text(["a", "b"], [["=1+1", "-3.00"]]) == "a,b\n'=1+1,-3.00\n"
