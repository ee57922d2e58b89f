"""Tests of the reversal computation (DESIGN.md section 5).

Three layers: the shared worked vectors, run exactly as `balance --format json` shows them; one
hand-computed case per rule, the arithmetic in a comment; and properties that hold for any
contract: no cent appears or vanishes, order does not matter, payments are applied completely.
"""

from __future__ import annotations

import dataclasses
import decimal
import json
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from commons_contracts.core.dates import Period, period_end, period_label
from commons_contracts.core.money import ZERO
from commons_contracts.ledger.reversal import (
    ContractReversal,
    ReversalTerms,
    TermsVersion,
    VersionedTerms,
    compute_reversal,
    cumulative_due,
    declaration_dues,
    due_function,
    payment_due_date,
    reversal_as_json,
)
from commons_contracts.registry.model import Declaration, Payment
from commons_contracts.registry.records import Tier

VECTORS_PATH = Path(__file__).parent / "fixtures" / "reversal_vectors.json"


# --- helpers ----------------------------------------------------------------------------------


def DeclaredRevenue(  # noqa: N802 - reads as the record it builds
    declaration_id: str,
    day: date,
    amount: Decimal,
    shares: Mapping[str, Decimal] | None = None,
) -> Declaration:
    return Declaration(
        id=declaration_id,
        contract="contract",
        date=day,
        amount_excl_tax=amount,
        commons_shares=shares,
    )


def ReceivedPayment(payment_id: str, day: date, amount: Decimal) -> Payment:  # noqa: N802
    return Payment(id=payment_id, contract="contract", date=day, amount=amount)


def num(value: object) -> Decimal:
    """A vector's number (JSON number or string) as an exact Decimal."""
    return Decimal(str(value))


def flat(rate: str, **overrides: Any) -> ReversalTerms:
    """Flat-rate terms with defaults: one commons `wiki`, quarterly, 30 days, no VAT."""
    fields: dict[str, Any] = {
        "commons": ("wiki",),
        "period": "quarter",
        "payment_days": 30,
        "vat_rate_percent": Decimal(0),
    }
    fields.update(overrides)
    return ReversalTerms.flat(Decimal(rate), **fields)


def tiered(tiers: list[tuple[str, str | None]], cap: str | None = None) -> ReversalTerms:
    """Tiered terms from (rate_percent, up_to) pairs, otherwise as `flat`."""
    return ReversalTerms(
        commons=("wiki",),
        tiers=tuple(
            Tier(rate_percent=Decimal(rate), up_to=None if up_to is None else Decimal(up_to))
            for rate, up_to in tiers
        ),
        period="month",
        payment_days=15,
        vat_rate_percent=Decimal(0),
        annual_cap=None if cap is None else Decimal(cap),
    )


def decl(
    declaration_id: str, day: str, amount: str, shares: Mapping[str, str] | None = None
) -> Declaration:
    return DeclaredRevenue(
        declaration_id,
        date.fromisoformat(day),
        Decimal(amount),
        None if shares is None else {key: Decimal(value) for key, value in shares.items()},
    )


def pay(payment_id: str, day: str, amount: str) -> Payment:
    return ReceivedPayment(payment_id, date.fromisoformat(day), Decimal(amount))


def dues_of(terms: ReversalTerms, *declarations: Declaration) -> list[Decimal]:
    return [due.due_excl_tax for due in declaration_dues(terms, declarations)]


# --- the shared vectors -------------------------------------------------------------------------


def load_vectors() -> list[dict[str, Any]]:
    # parse_float keeps any JSON fraction exact; num() then accepts numbers and strings alike.
    cases: list[dict[str, Any]] = json.loads(VECTORS_PATH.read_text("utf-8"), parse_float=Decimal)[
        "cases"
    ]
    return cases


def terms_from_vector(contract: dict[str, Any]) -> ReversalTerms:
    commons = contract["commons"]
    if "tiers" in contract:
        tiers = tuple(
            Tier(
                rate_percent=num(tier["rate_percent"]),
                up_to=num(tier["up_to"]) if "up_to" in tier else None,
            )
            for tier in contract["tiers"]
        )
    else:
        tiers = (Tier(rate_percent=num(contract["rate_percent"])),)
    return ReversalTerms(
        commons=(commons,) if isinstance(commons, str) else tuple(commons),
        tiers=tiers,
        period=contract["period"],
        payment_days=contract["payment_days"],
        vat_rate_percent=num(contract["vat_rate_percent"]),
        annual_cap=num(contract["annual_cap"]) if "annual_cap" in contract else None,
    )


@pytest.mark.parametrize("case", load_vectors(), ids=lambda case: str(case["name"]))
def test_vector(case: dict[str, Any]) -> None:
    declarations = [
        DeclaredRevenue(
            item["id"],
            date.fromisoformat(item["date"]),
            num(item["amount_excl_tax"]),
            {key: num(value) for key, value in item["commons_shares"].items()}
            if "commons_shares" in item
            else None,
        )
        for item in case["declarations"]
    ]
    # The vectors' payments carry no id; the computation does not use it.
    payments = [
        ReceivedPayment(f"payment-{index}", date.fromisoformat(item["date"]), num(item["amount"]))
        for index, item in enumerate(case["payments"])
    ]
    result = compute_reversal(
        terms_from_vector(case["contract"]),
        declarations,
        payments,
        date.fromisoformat(case["as_of"]),
    )
    found = reversal_as_json(result)
    # With no amendment, no period names one, and every figure is what the vectors say.
    assert all(period.pop("amendments") == [] for period in found["periods"])  # type: ignore[attr-defined]
    assert found == case["expected"]


# --- D(B) -----------------------------------------------------------------------------------------


def test_cumulative_due_flat() -> None:
    # 5 % × 1533.33 = 76.6665 → 76.67 (half up)
    assert cumulative_due(Decimal("1533.33"), flat("5")) == Decimal("76.67")


def test_cumulative_due_tiered() -> None:
    terms = tiered([("0", "1000"), ("5", "20000"), ("3", None)])
    # 0 % × 1000 + 5 % × 19000 + 3 % × 5000 = 0 + 950 + 150
    assert cumulative_due(Decimal("25000"), terms) == Decimal("1100.00")
    # inside the free first tier
    assert cumulative_due(Decimal("500"), terms) == Decimal("0.00")
    # 5 % × 0.10 = 0.005 → 0.01 (half up)
    assert cumulative_due(Decimal("1000.10"), terms) == Decimal("0.01")


def test_cumulative_due_capped() -> None:
    terms = tiered([("0", "1000"), ("5", "20000"), ("3", None)], cap="1000")
    # 1100 above, capped at 1000
    assert cumulative_due(Decimal("25000"), terms) == Decimal("1000.00")
    # 5 % × 18000 = 900, below the cap
    assert cumulative_due(Decimal("19000"), terms) == Decimal("900.00")


def test_cumulative_due_of_no_or_negative_revenue_is_zero() -> None:
    # no slice of a revenue ≤ 0 lies above 0
    assert cumulative_due(Decimal("0"), flat("5")) == Decimal("0.00")
    assert cumulative_due(Decimal("-500"), flat("5")) == Decimal("0.00")


# --- declaration dues ---------------------------------------------------------------------------


def test_tier_boundary_crossed_inside_one_declaration() -> None:
    terms = tiered([("4", "10000"), ("2", None)])
    # t1: D(8000) = 4 % × 8000 = 320
    # t2: D(14000) = 4 % × 10000 + 2 % × 4000 = 400 + 80 = 480 → 480 − 320 = 160
    #     (2000 at 4 % + 4000 at 2 %)
    assert dues_of(terms, decl("t1", "2026-03-10", "8000"), decl("t2", "2026-06-01", "6000")) == [
        Decimal("320.00"),
        Decimal("160.00"),
    ]


def test_cap_reached_in_the_middle_of_a_year() -> None:
    terms = tiered([("4", "10000"), ("2", None)], cap="500")
    # D(8000) = 320; D(17000) = 400 + 140 = 540 → capped 500, owes 180;
    # D(20000) = 600 → capped 500, owes 0
    assert dues_of(
        terms,
        decl("t1", "2026-03-10", "8000"),
        decl("t2", "2026-06-01", "9000"),
        decl("t3", "2026-09-01", "3000"),
    ) == [Decimal("320.00"), Decimal("180.00"), Decimal("0.00")]


def test_credit_note_owes_a_negative_due() -> None:
    # 6 %: D(5000) = 300; D(3000) = 180 → −120; D(6000) = 360 → 180
    assert dues_of(
        flat("6"),
        decl("c1", "2026-02-01", "5000"),
        decl("c2", "2026-04-10", "-2000"),
        decl("c3", "2026-07-01", "3000"),
    ) == [Decimal("300.00"), Decimal("-120.00"), Decimal("180.00")]


def test_negative_cumulative_revenue_still_adds_up_to_the_year() -> None:
    # 5 %: D(1000) = 50; D(−2000) = 0 → −50; D(−500) = 0 → 0; D(1500) = 75 → 75.
    # Sum 50 − 50 + 0 + 75 = 75 = D(1500): the revenue that refills the credit owes nothing.
    dues = dues_of(
        flat("5"),
        decl("n1", "2026-01-10", "1000"),
        decl("n2", "2026-02-10", "-3000"),
        decl("n3", "2026-03-10", "1500"),
        decl("n4", "2026-04-10", "2000"),
    )
    assert dues == [Decimal("50.00"), Decimal("-50.00"), Decimal("0.00"), Decimal("75.00")]
    assert sum(dues) == cumulative_due(Decimal("1500"), flat("5"))


def test_new_year_starts_from_zero() -> None:
    terms = tiered([("4", "10000"), ("2", None)])
    # 2026: D(12000) = 400 + 40 = 440; 2027 restarts: D(1000) = 4 % × 1000 = 40 (not 2 %: 20)
    dues = declaration_dues(
        terms, [decl("y2", "2027-01-01", "1000"), decl("y1", "2026-12-31", "12000")]
    )
    assert [(due.id, due.cumulative_revenue, due.due_excl_tax) for due in dues] == [
        ("y1", Decimal("12000.00"), Decimal("440.00")),
        ("y2", Decimal("1000.00"), Decimal("40.00")),
    ]


def test_same_date_is_ordered_by_id() -> None:
    terms = tiered([("0", "1000"), ("10", None)])
    # "a" before "b": D(500) = 0; D(1500) = 10 % × 500 = 50 → b owes 50
    dues = declaration_dues(
        terms, [decl("b", "2026-03-01", "1000"), decl("a", "2026-03-01", "500")]
    )
    assert [(due.id, due.due_excl_tax) for due in dues] == [
        ("a", Decimal("0.00")),
        ("b", Decimal("50.00")),
    ]


def test_half_cent_rounds_up_on_the_cumulative_due() -> None:
    # 2.5 %: D(100.10) = 2.5025 → 2.50; D(200.20) = 5.005 → 5.01 → the second owes 2.51
    assert dues_of(
        flat("2.5"), decl("h1", "2026-01-15", "100.10"), decl("h2", "2026-01-16", "100.10")
    ) == [Decimal("2.50"), Decimal("2.51")]


def test_split_gives_the_remainder_cent_to_the_largest_remainder_then_first_id() -> None:
    terms = flat("10", commons=("a", "b", "c"))
    dues = declaration_dues(
        terms,
        [
            # 10 % × 10 = 1.00 = 100 cents: a 33.3334 (r .3334), b and c 33.333 (r .333);
            # floors 99, the cent left goes to a
            decl("s1", "2026-01-10", "10", {"a": "33.3334", "b": "33.3333", "c": "33.3333"}),
            # D(10.50) = 1.05 → owes 0.05 = 5 cents, 50/50: 2.5 each, tie → "b" sorts before "c"
            decl("s2", "2026-01-11", "0.50", {"c": "50", "b": "50"}),
        ],
    )
    assert [due.by_commons for due in dues] == [
        {"a": Decimal("0.34"), "b": Decimal("0.33"), "c": Decimal("0.33")},
        {"b": Decimal("0.03"), "c": Decimal("0.02")},
    ]


def test_negative_due_splits_as_its_absolute_value_negated() -> None:
    terms = flat("10", commons=("a", "b"))
    # 10 % × 100.10 = 10.01: a 5.01 (tie, first id), b 5.00;
    # the credit note owes D(0) − 10.01 = −10.01: split 10.01 the same way, negated
    dues = declaration_dues(
        terms,
        [
            decl("n1", "2026-01-10", "100.10", {"a": "50", "b": "50"}),
            decl("n2", "2026-01-11", "-100.10", {"a": "50", "b": "50"}),
        ],
    )
    assert [due.by_commons for due in dues] == [
        {"a": Decimal("5.01"), "b": Decimal("5.00")},
        {"a": Decimal("-5.01"), "b": Decimal("-5.00")},
    ]


def test_single_commons_takes_the_whole_due() -> None:
    (due,) = declaration_dues(flat("5"), [decl("d", "2026-01-10", "100")])
    assert due.by_commons == {"wiki": Decimal("5.00")}


@pytest.mark.parametrize(
    ("commons", "shares"),
    [
        (("a", "b"), None),  # several commons, no shares
        (("wiki",), {"wiki": "100"}),  # shares on a single commons
        (("a", "b"), {"a": "60", "b": "30"}),  # not 100
        (("a", "b"), {"a": "50", "z": "50"}),  # a commons the contract does not cover
    ],
)
def test_bad_commons_shares_are_a_programming_error(
    commons: tuple[str, ...], shares: Mapping[str, str] | None
) -> None:
    with pytest.raises(ValueError, match="commons_shares"):
        declaration_dues(flat("5", commons=commons), [decl("d", "2026-01-10", "100", shares)])


# --- terms and amounts guard against programming errors -----------------------------------------


@pytest.mark.parametrize(
    ("commons", "tiers"),
    [
        ((), (Tier(rate_percent=Decimal(5)),)),  # no commons
        (("wiki",), ()),  # no tier
        (("wiki",), (Tier(rate_percent=Decimal(5), up_to=Decimal(1000)),)),  # last tier closed
        (
            ("wiki",),
            (Tier(rate_percent=Decimal(5)), Tier(rate_percent=Decimal(3))),
        ),  # open tier before the last
        (
            ("wiki",),
            (
                Tier(rate_percent=Decimal(5), up_to=Decimal(1000)),
                Tier(rate_percent=Decimal(3), up_to=Decimal(1000)),
                Tier(rate_percent=Decimal(1)),
            ),
        ),
    ],
)
def test_malformed_terms_are_refused(commons: tuple[str, ...], tiers: tuple[Tier, ...]) -> None:
    with pytest.raises(ValueError):
        ReversalTerms(commons, tiers, "month", 30, Decimal(0))


def test_amounts_finer_than_a_cent_are_refused() -> None:
    terms = ReversalTerms.flat(
        Decimal(5), commons=("wiki",), period="year", payment_days=30, vat_rate_percent=ZERO
    )
    with pytest.raises(ValueError, match="cents"):
        declaration_dues(terms, [decl("d", "2026-01-10", "1.005")])
    with pytest.raises(ValueError, match="cents"):
        compute_reversal(terms, [], [pay("p", "2026-01-10", "0.001")], date(2026, 12, 31))


# --- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "period", "label", "end"),
    [
        ("2026-11-03", "month", "2026-11", "2026-11-30"),
        ("2026-02-10", "month", "2026-02", "2026-02-28"),
        ("2028-02-10", "month", "2028-02", "2028-02-29"),  # leap year
        ("2026-01-01", "quarter", "2026-Q1", "2026-03-31"),
        ("2026-03-31", "quarter", "2026-Q1", "2026-03-31"),
        ("2026-04-01", "quarter", "2026-Q2", "2026-06-30"),
        ("2026-09-30", "quarter", "2026-Q3", "2026-09-30"),
        ("2026-10-01", "quarter", "2026-Q4", "2026-12-31"),
        ("2026-12-31", "quarter", "2026-Q4", "2026-12-31"),
        ("2026-06-15", "year", "2026", "2026-12-31"),
    ],
)
def test_period_label_and_end(day: str, period: Period, label: str, end: str) -> None:
    assert period_label(date.fromisoformat(day), period) == label
    assert period_end(date.fromisoformat(day), period) == date.fromisoformat(end)


@pytest.mark.parametrize(
    ("day", "period", "payment_days", "due"),
    [
        ("2026-01-20", "quarter", 30, "2026-04-30"),  # 03-31 + 30
        ("2026-11-03", "quarter", 30, "2027-01-30"),  # Q4: 12-31 + 30, into the next year
        ("2026-02-10", "month", 30, "2026-03-30"),  # 02-28 + 30
        ("2028-02-10", "month", 15, "2028-03-15"),  # 02-29 + 15
        ("2026-05-05", "year", 60, "2027-03-01"),  # 12-31 + 60
        ("2026-05-05", "month", 0, "2026-05-31"),
    ],
)
def test_payment_due_date(day: str, period: Period, payment_days: int, due: str) -> None:
    terms = flat("5", period=period, payment_days=payment_days)
    assert payment_due_date(date.fromisoformat(day), terms) == date.fromisoformat(due)


# --- payments, overdue, as-of -------------------------------------------------------------------


def paid_by_period(result: ContractReversal) -> dict[str, tuple[Decimal, Decimal]]:
    return {period.period: (period.paid, period.outstanding) for period in result.periods}


def test_payments_span_several_periods_oldest_first() -> None:
    terms = flat("10", period="month", payment_days=15, vat_rate_percent=Decimal(20))
    # Jan 1000 → 100 + 20 % VAT = 120; Feb 500 → 60; Mar 1000 → 120. Paid 150 + 80 = 230:
    # Jan 120, Feb 60, Mar 50 (70 outstanding, due 04-15, overdue on 04-30)
    result = compute_reversal(
        terms,
        [
            decl("m3", "2026-03-05", "1000"),
            decl("m1", "2026-01-05", "1000"),
            decl("m2", "2026-02-05", "500"),
        ],
        [pay("p1", "2026-02-10", "150"), pay("p2", "2026-04-10", "80")],
        date(2026, 4, 30),
    )
    assert paid_by_period(result) == {
        "2026-01": (Decimal("120.00"), Decimal("0.00")),
        "2026-02": (Decimal("60.00"), Decimal("0.00")),
        "2026-03": (Decimal("50.00"), Decimal("70.00")),
    }
    assert [period.overdue for period in result.periods] == [False, False, True]
    assert (result.due_incl_tax, result.paid, result.balance, result.overdue) == (
        Decimal("300.00"),
        Decimal("230.00"),
        Decimal("70.00"),
        Decimal("70.00"),
    )


@pytest.mark.parametrize(
    ("as_of", "payments", "overdue"),
    [
        ("2026-04-30", [], False),  # on the due date itself: not yet overdue
        ("2026-05-01", [], True),  # the day after, 50 outstanding
        ("2026-05-01", [pay("p", "2026-04-30", "50")], False),  # paid in full
    ],
)
def test_overdue_period(as_of: str, payments: list[Payment], overdue: bool) -> None:
    # 5 % × 1000 = 50 for 2026-Q1, due 03-31 + 30 = 04-30
    result = compute_reversal(
        flat("5"), [decl("q1", "2026-02-01", "1000")], payments, date.fromisoformat(as_of)
    )
    assert result.periods[0].overdue is overdue
    assert result.overdue == (Decimal("50.00") if overdue else ZERO)


def test_the_indication_of_a_gift_is_never_overdue() -> None:
    """Terms that are not binding (a donation) leave the outstanding amount as it is, and no
    period overdue, however late the date."""
    result = compute_reversal(
        flat("5", binding=False), [decl("q1", "2026-02-01", "1000")], [], date(2030, 1, 1)
    )
    assert result.periods[0].outstanding == Decimal("50.00")
    assert result.periods[0].overdue is False
    assert result.overdue == ZERO


def test_as_of_ignores_later_declarations_and_payments() -> None:
    # as of 06-30 only q1 (1000 → 50) and the first payment (20) count; both 07-01 ones do not
    result = compute_reversal(
        flat("5"),
        [decl("q1", "2026-02-01", "1000"), decl("q3", "2026-07-01", "4000")],
        [pay("p1", "2026-06-30", "20"), pay("p2", "2026-07-01", "30")],
        date(2026, 6, 30),
    )
    assert [period.period for period in result.periods] == ["2026-Q1"]
    assert (result.due_incl_tax, result.paid, result.balance) == (
        Decimal("50.00"),
        Decimal("20.00"),
        Decimal("30.00"),
    )


def test_credit_settles_the_next_periods_first() -> None:
    # 10 %: Q1 D(1000) = 100; Q2 D(500) = 50 → −50; Q3 D(1500) = 150 → 100. No payment:
    # the 50 of credit goes to Q3 (next), not Q1; outstanding 100 + 50 = balance 150
    result = compute_reversal(
        flat("10"),
        [
            decl("q1", "2026-02-01", "1000"),
            decl("q2", "2026-05-01", "-500"),
            decl("q3", "2026-08-01", "1000"),
        ],
        [],
        date(2026, 12, 31),
    )
    assert paid_by_period(result) == {
        "2026-Q1": (Decimal("0.00"), Decimal("100.00")),
        "2026-Q2": (Decimal("-50.00"), Decimal("0.00")),
        "2026-Q3": (Decimal("50.00"), Decimal("50.00")),
    }
    assert result.balance == Decimal("150.00")


def test_credit_no_later_period_needs_settles_the_earlier_ones() -> None:
    # 10 %: Q1 owes 100, Q2 −50 and nothing after it: the credit settles 50 of Q1,
    # so what is outstanding (50) equals the balance (100 − 50)
    result = compute_reversal(
        flat("10"),
        [decl("q1", "2026-02-01", "1000"), decl("q2", "2026-05-01", "-500")],
        [],
        date(2026, 12, 31),
    )
    assert paid_by_period(result) == {
        "2026-Q1": (Decimal("50.00"), Decimal("50.00")),
        "2026-Q2": (Decimal("-50.00"), Decimal("0.00")),
    }
    assert (result.balance, result.overdue) == (Decimal("50.00"), Decimal("50.00"))


def test_overpayment_caps_period_paid_and_leaves_a_credit() -> None:
    # Q1 owes 5 % × 2000 = 100; 250 paid: the period counts 100, the contract 250, balance −150
    result = compute_reversal(
        flat("5"),
        [decl("q1", "2026-02-01", "2000")],
        [pay("p", "2026-03-01", "250")],
        date(2026, 12, 31),
    )
    assert paid_by_period(result) == {"2026-Q1": (Decimal("100.00"), Decimal("0.00"))}
    assert (result.paid, result.balance, result.overdue) == (
        Decimal("250.00"),
        Decimal("-150.00"),
        ZERO,
    )


def test_contract_by_commons_lists_every_commons_of_the_contract() -> None:
    # 10 % × 100 = 10, all to "a"; "b" is covered by the contract and shows 0.00
    result = compute_reversal(
        flat("10", commons=("b", "a")),
        [decl("d", "2026-01-10", "100", {"a": "100"})],
        [],
        date(2026, 12, 31),
    )
    assert list(result.by_commons.items()) == [("a", Decimal("10.00")), ("b", Decimal("0.00"))]


def test_no_declaration_no_period() -> None:
    # a payment alone is a credit: no period, balance −10
    result = compute_reversal(flat("5"), [], [pay("p", "2026-01-10", "10")], date(2026, 12, 31))
    assert reversal_as_json(result) == {
        "periods": [],
        "by_commons": {"wiki": "0.00"},
        "due_incl_tax": "0.00",
        "paid": "10.00",
        "balance": "-10.00",
        "overdue": "0.00",
    }


# --- properties -----------------------------------------------------------------------------------

FIRST_DAY = date(2025, 12, 1)
LAST_DAY = date(2027, 1, 31)
COMMONS_IDS = ("alpha", "beta", "gamma", "delta")


def cents_between(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda cents: Decimal(cents).scaleb(-2))


# Amounts as a person writes them: with cents, or whole ("4500"), both must come out with 2 places.
amounts = st.one_of(
    cents_between(-5_000_000, 10_000_000), st.integers(-50_000, 100_000).map(Decimal)
)
percents = st.integers(0, 1_000_000).map(
    lambda ten_thousandths: Decimal(ten_thousandths).scaleb(-4)
)
# A few fixed dates make same-day declarations and year boundaries frequent.
days = st.one_of(
    st.dates(FIRST_DAY, LAST_DAY),
    st.sampled_from([date(2025, 12, 31), date(2026, 3, 31), date(2026, 4, 1), date(2027, 1, 1)]),
)


@st.composite
def reversal_terms(draw: st.DrawFn) -> ReversalTerms:
    commons = tuple(
        draw(st.lists(st.sampled_from(COMMONS_IDS), min_size=1, max_size=3, unique=True))
    )
    up_tos = sorted(draw(st.sets(cents_between(1, 5_000_000), max_size=3)))
    rates = draw(st.lists(percents, min_size=len(up_tos) + 1, max_size=len(up_tos) + 1))
    period: Period = draw(st.sampled_from(["month", "quarter", "year"]))
    return ReversalTerms(
        commons=commons,
        tiers=(
            *(
                Tier(rate_percent=rate, up_to=up_to)
                for rate, up_to in zip(rates, up_tos, strict=False)
            ),
            Tier(rate_percent=rates[-1]),
        ),
        period=period,
        payment_days=draw(st.integers(0, 90)),
        vat_rate_percent=draw(
            st.sampled_from([Decimal(0), Decimal("5.5"), Decimal(20)]) | percents
        ),
        annual_cap=draw(st.none() | cents_between(0, 1_000_000)),
    )


@st.composite
def commons_shares(draw: st.DrawFn, commons: tuple[str, ...]) -> dict[str, Decimal] | None:
    if len(commons) == 1:
        return None
    # Cut 100 % (in ten-thousandths) at len − 1 points; the pieces are the shares.
    cut_count = len(commons) - 1
    cuts = sorted(draw(st.lists(st.integers(0, 1_000_000), min_size=cut_count, max_size=cut_count)))
    bounds = [0, *cuts, 1_000_000]
    return {
        commons_id: Decimal(high - low).scaleb(-4)
        for commons_id, low, high in zip(commons, bounds, bounds[1:], strict=False)
    }


@st.composite
def contracts(
    draw: st.DrawFn,
) -> tuple[ReversalTerms, list[Declaration], list[Payment], date]:
    terms = draw(reversal_terms())
    ids = draw(st.lists(st.text("abc123", min_size=1, max_size=3), max_size=15, unique=True))
    declarations = [
        DeclaredRevenue(
            declaration_id, draw(days), draw(amounts), draw(commons_shares(terms.commons))
        )
        for declaration_id in ids
    ]
    payments = [
        ReceivedPayment(f"p{index}", draw(days), draw(cents_between(0, 500_000)))
        for index in range(draw(st.integers(0, 3)))
    ]
    return terms, declarations, payments, draw(days)


@settings(deadline=None)
@given(contracts())
def test_a_years_dues_add_up_to_the_due_of_its_total(
    contract: tuple[ReversalTerms, list[Declaration], list[Payment], date],
) -> None:
    terms, declarations, _, _ = contract
    dues = declaration_dues(terms, declarations)
    for year in {declaration.date.year for declaration in declarations}:
        revenue = sum((d.amount_excl_tax for d in declarations if d.date.year == year), ZERO)
        year_dues = sum((due.due_excl_tax for due in dues if due.date.year == year), ZERO)
        assert year_dues == cumulative_due(revenue, terms)


@settings(deadline=None)
@given(contracts())
def test_splits_add_up_to_each_due_and_to_the_contract(
    contract: tuple[ReversalTerms, list[Declaration], list[Payment], date],
) -> None:
    terms, declarations, payments, as_of = contract
    for due in declaration_dues(terms, declarations):
        assert set(due.by_commons) <= set(terms.commons)
        assert sum(due.by_commons.values(), ZERO) == due.due_excl_tax
    result = compute_reversal(terms, declarations, payments, as_of)
    assert list(result.by_commons) == sorted(terms.commons)
    assert sum(result.by_commons.values(), ZERO) == sum(
        (period.due_excl_tax for period in result.periods), ZERO
    )


@settings(deadline=None)
@given(contracts(), st.data())
def test_order_of_the_inputs_does_not_matter(
    contract: tuple[ReversalTerms, list[Declaration], list[Payment], date],
    data: st.DataObject,
) -> None:
    terms, declarations, payments, as_of = contract
    shuffled = compute_reversal(
        terms,
        data.draw(st.permutations(declarations)),
        data.draw(st.permutations(payments)),
        as_of,
    )
    assert shuffled == compute_reversal(terms, declarations, payments, as_of)


@settings(deadline=None)
@given(contracts())
def test_payments_and_credits_are_applied_completely(
    contract: tuple[ReversalTerms, list[Declaration], list[Payment], date],
) -> None:
    """With P ≥ 0 the payments up to as_of and T the dues incl. VAT of the listed periods.

    A negative period counts its own total as paid; any other period counts between 0 and its
    due; the periods' paid add up to min(P, T), so that nothing is outstanding while money is
    unapplied, and what is outstanding adds up to max(0, balance).
    """
    terms, declarations, payments, as_of = contract
    result = compute_reversal(terms, declarations, payments, as_of)
    for period in result.periods:
        if period.due_incl_tax < 0:
            assert period.paid == period.due_incl_tax
        else:
            assert ZERO <= period.paid <= period.due_incl_tax
        assert period.outstanding == period.due_incl_tax - period.paid
    assert sum((period.paid for period in result.periods), ZERO) == min(
        result.paid, result.due_incl_tax
    )
    assert sum((period.outstanding for period in result.periods), ZERO) == max(ZERO, result.balance)
    assert ZERO <= result.overdue <= max(ZERO, result.balance)


def walk(value: object) -> list[object]:
    """Every leaf value inside dataclasses, mappings and sequences (strings are leaves)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            leaf for field in dataclasses.fields(value) for leaf in walk(getattr(value, field.name))
        ]
    if isinstance(value, Mapping):
        return [leaf for item in value.items() for leaf in walk(item)]
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in walk(item)]
    return [value]


@settings(deadline=None)
@given(contracts())
def test_every_amount_is_a_decimal_of_cents_and_no_float_appears(
    contract: tuple[ReversalTerms, list[Declaration], list[Payment], date],
) -> None:
    result = compute_reversal(*contract)
    leaves = walk(result)
    assert not any(isinstance(leaf, float) for leaf in leaves)
    assert all(leaf.as_tuple().exponent == -2 for leaf in leaves if isinstance(leaf, Decimal))
    assert not any(isinstance(leaf, float) for leaf in walk(reversal_as_json(result)))


@given(reversal_terms(), amounts, amounts)
def test_cumulative_due_grows_with_revenue_up_to_the_cap(
    terms: ReversalTerms, revenue: Decimal, other_revenue: Decimal
) -> None:
    low, high = sorted([revenue, other_revenue])
    assert ZERO <= cumulative_due(low, terms) <= cumulative_due(high, terms)
    if terms.annual_cap is not None:
        assert cumulative_due(high, terms) <= terms.annual_cap


revenues = st.one_of(amounts, cents_between(-(10**30), 10**30))


@given(reversal_terms(), st.lists(revenues, max_size=8), st.booleans())
@example(  # a due of 27 digits: found by the full suite on 2026-12-03
    ReversalTerms(
        commons=("alpha",),
        tiers=(Tier(up_to=None, rate_percent=Decimal("2.9402")),),
        period="month",
        payment_days=0,
        vat_rate_percent=Decimal(0),
        annual_cap=None,
        binding=True,
    ),
    [Decimal("3401129174886062172641316918")],
    False,
)
def test_the_due_function_is_the_cumulative_due(
    terms: ReversalTerms, revenues_: list[Decimal], finer_rate: bool
) -> None:
    """The pricing that declaration dues use, each full tier's due summed beforehand, gives the
    definition's result for any revenue: at and past every tier's bound, and where the decimal
    context rounds (revenues of 30 digits, a rate finer than the schemas allow). Far past the
    amounts the schemas allow (a due of 27 digits and more), rounding it to the cent exceeds
    the context's 28 digits: then both refuse it alike."""
    if finer_rate:
        finer = dataclasses.replace(terms.tiers[0], rate_percent=Decimal("1.00000000000000001"))
        terms = dataclasses.replace(terms, tiers=(finer, *terms.tiers[1:]))
    bounds = [tier.up_to for tier in terms.tiers if tier.up_to is not None]
    due = due_function(terms)

    def outcome(price: Callable[[], Decimal]) -> Decimal | type[ArithmeticError]:
        try:
            return price()
        except decimal.InvalidOperation:
            return decimal.InvalidOperation

    for revenue in [*revenues_, *bounds, *(bound + Decimal("0.01") for bound in bounds)]:
        expected = outcome(lambda: cumulative_due(revenue, terms))  # noqa: B023 - called here
        assert outcome(lambda: due(revenue)) == expected  # noqa: B023 - called here


# --- amendments (DESIGN.md section 11) --------------------------------------------------------

AMENDMENT_VECTORS = Path(__file__).parent / "fixtures" / "amendments_vectors.json"


def versioned(base: ReversalTerms, *changes: tuple[str, ReversalTerms]) -> VersionedTerms:
    """The base terms, then each (effective day, new terms) as amendments 1, 2, ..."""
    found = [TermsVersion(date.min, (), base)]
    for number, (day, terms) in enumerate(changes, start=1):
        found.append(TermsVersion(date.fromisoformat(day), tuple(range(1, number + 1)), terms))
    return VersionedTerms(tuple(found))


def _amended_contract(contract: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = {**contract, **changes}
    if "tiers" in changes:
        merged.pop("rate_percent", None)
    if "rate_percent" in changes:
        merged.pop("tiers", None)
    return merged


@pytest.mark.parametrize(
    "case",
    json.loads(AMENDMENT_VECTORS.read_text("utf-8"), parse_float=Decimal)["cases"],
    ids=lambda case: str(case["name"]),
)
def test_amendment_vector(case: dict[str, Any]) -> None:
    """The shared worked case: each declaration priced with the tiers and cap in force on its
    date, on the year's cumulative revenue, the running total never above the cap in force."""
    contract = case["contract"]
    changes = []
    merged = contract
    for amendment in sorted(case["amendments"], key=lambda a: a["number"]):
        merged = _amended_contract(merged, amendment["changes"])
        changes.append((amendment["effective_date"], terms_from_vector(merged)))
    result = compute_reversal(
        versioned(terms_from_vector(contract), *changes),
        [decl(d["id"], d["date"], d["amount_excl_tax"]) for d in case["declarations"]],
        [pay(f"p{i}", p["date"], p["amount"]) for i, p in enumerate(case["payments"])],
        date.fromisoformat(case["as_of"]),
    )
    found = reversal_as_json(result)
    found.pop("by_commons")
    # Q3 ends on 30 September, after amendment 2 (1 September): its VAT and due date are those
    # of amendment 2's terms, although its one declaration was priced under amendment 1 alone.
    applied = [p.pop("amendments") for p in found["periods"]]  # type: ignore[attr-defined]
    assert applied == [[], [1], [1, 2], [1, 2]]
    assert found == case["expected"]


def test_a_flat_rate_raised_mid_year_prices_each_declaration_at_its_own_date() -> None:
    """5 % until 30 June, 6 % from 1 July: 1000 in May owes 50, 1000 in August 60."""
    terms = versioned(flat("5"), ("2026-07-01", flat("6")))
    dues = declaration_dues(
        terms, [decl("a", "2026-05-10", "1000"), decl("b", "2026-08-10", "1000")]
    )
    assert [d.due_excl_tax for d in dues] == [Decimal("50.00"), Decimal("60.00")]
    assert [d.amendments for d in dues] == [(), (1,)]


def test_a_cap_lowered_below_what_is_already_due_owes_nothing_more() -> None:
    """The cap falls from 1000 to 100 after 300 is already due: the next declarations owe 0,
    and nothing already due is taken back."""
    terms = versioned(
        flat("10", annual_cap=Decimal(1000)), ("2026-06-01", flat("10", annual_cap=Decimal(100)))
    )
    dues = declaration_dues(
        terms, [decl("a", "2026-02-01", "3000"), decl("b", "2026-07-01", "2000")]
    )
    assert [d.due_excl_tax for d in dues] == [Decimal("300.00"), Decimal("0.00")]


def test_a_credit_note_after_the_change_stands_as_computed() -> None:
    """At 5 % then 10 % from July, a credit note of 500 in September is priced at 10 % of the
    cumulative revenue it removes: -50, even though that revenue owed 5 % when declared."""
    terms = versioned(flat("5"), ("2026-07-01", flat("10")))
    dues = declaration_dues(
        terms, [decl("a", "2026-03-01", "2000"), decl("b", "2026-09-01", "-500")]
    )
    assert [d.due_excl_tax for d in dues] == [Decimal("100.00"), Decimal("-50.00")]


def test_a_periods_vat_and_due_date_follow_the_terms_of_its_last_day() -> None:
    """VAT goes from 0 % to 20 % and payment days from 30 to 45 on 15 May: the second quarter
    (last day 30 June) bears 20 % and falls due 45 days after it, the first does not."""
    before = flat("5", vat_rate_percent=Decimal(0), payment_days=30)
    after = flat("5", vat_rate_percent=Decimal(20), payment_days=45)
    result = compute_reversal(
        versioned(before, ("2026-05-15", after)),
        [decl("a", "2026-02-01", "1000"), decl("b", "2026-04-20", "1000")],
        [],
        date(2026, 12, 31),
    )
    first, second = result.periods
    assert (first.vat, first.payment_due_date, first.amendments) == (
        Decimal("0.00"),
        date(2026, 4, 30),
        (),
    )
    # Declared on 20 April under the first terms, but the period ends under the amendment.
    assert (second.vat, second.payment_due_date, second.amendments) == (
        Decimal("10.00"),
        date(2026, 8, 14),
        (1,),
    )


@settings(deadline=None)
@given(contracts(), days)
def test_an_amendment_that_changes_nothing_changes_no_figure(
    contract: tuple[ReversalTerms, list[Declaration], list[Payment], date], day: date
) -> None:
    """With the same terms before and after an amendment, every figure is what it is without
    one: the amendment only names itself in the periods it reaches."""
    terms, declarations, payments, as_of = contract
    plain = reversal_as_json(compute_reversal(terms, declarations, payments, as_of))
    amended = reversal_as_json(
        compute_reversal(versioned(terms, (day.isoformat(), terms)), declarations, payments, as_of)
    )
    for period in (*plain["periods"], *amended["periods"]):  # type: ignore[misc]
        period.pop("amendments")
    assert amended == plain
