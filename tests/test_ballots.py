"""Tests of the majority-judgment count (DESIGN.md section 14, `funds/ballots.py`).

Four layers: published worked examples of the method with their published ranking; one
hand-computed case per rule, the arithmetic in a comment; budgets; and two second computations
on generated ballots, a brute force that applies Balinski and Laraki's definition literally
(remove the majority grade one at a time and compare the sequences of grades removed) and the
`pref-voting` package, on what it defines the same way as we do.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commons_contracts.errors import UsageError
from commons_contracts.funds.ballots import (
    DEFAULT_GRADES,
    Ballot,
    BallotResult,
    Funding,
    ballot_result_as_json,
    count_ballot,
)

ORSAY = Path(__file__).parent / "fixtures" / "orsay-2007"


# --- helpers ----------------------------------------------------------------------------------


def ballot(
    columns: Mapping[str, Sequence[str | None]], grades: tuple[str, ...] = DEFAULT_GRADES
) -> Ballot:
    """A ballot from each candidate's column of grades, one entry per voter (None: no grade)."""
    voters = {len(column) for column in columns.values()}
    assert len(voters) == 1, "every column has one entry per voter"
    votes = tuple(
        {candidate: column[voter] for candidate, column in columns.items() if column[voter]}
        for voter in range(voters.pop())
    )
    return Ballot(candidates=tuple(columns), votes=votes, grades=grades)


def ranking(result: BallotResult) -> list[tuple[int, str]]:
    return [(entry.rank, entry.candidate) for entry in result.candidates]


def entry(result: BallotResult, candidate: str) -> tuple[str | None, Fraction, Fraction]:
    """A candidate's majority grade, p and q."""
    (found,) = [e for e in result.candidates if e.candidate == candidate]
    return found.majority_grade, found.better_share, found.worse_share


def euros(**amounts: str) -> dict[str, Decimal]:
    return {candidate: Decimal(amount) for candidate, amount in amounts.items()}


def floats_in(value: object) -> list[object]:
    """Every float anywhere inside a JSON document."""
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [found for item in value.values() for found in floats_in(item)]
    if isinstance(value, list):
        return [found for item in value for found in floats_in(item)]
    return []


# --- published worked examples ----------------------------------------------------------------

ORSAY_GRADES = ("Très bien", "Bien", "Assez bien", "Passable", "Insuffisant", "À rejeter")
ORSAY_CODES = dict(zip("654321", ORSAY_GRADES, strict=True))  # "0": no grade


def orsay_ballot() -> Ballot:
    candidates: tuple[str, ...] = ()
    votes: list[dict[str, str]] = []
    for path in sorted(ORSAY.glob("bureau_*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            header, *rows = list(csv.reader(file))
        candidates = candidates or tuple(header[1:])
        assert tuple(header[1:]) == candidates
        for row in rows:
            votes.append(
                {
                    name: ORSAY_CODES[code]
                    for name, code in zip(candidates, row[1:], strict=True)
                    if code != "0"
                }
            )
    return Ballot(candidates=candidates, votes=tuple(votes), grades=ORSAY_GRADES)


def test_orsay_2007_gives_the_published_ranking() -> None:
    """The Orsay experiment of 22 April 2007 (1,733 valid ballots, three polling stations, six
    grades, a candidate left ungraded counting as "À rejeter"), counted from its ballots (see
    tests/fixtures/orsay-2007/README.md), gives the majority ranking that Balinski and Laraki
    published: "A theory of measuring, electing, and ranking", PNAS 104 (21), 2007, and
    "Election by Majority Judgement: Experimental Evidence", Cahier 2007-28 (hal-00243076):
    Bayrou, Royal, Sarkozy, Voynet, Besancenot, Buffet, Bové, Laguiller, Nihous, de Villiers,
    Schivardi, Le Pen, with the majority grades Assez bien (three), Passable, Insuffisant (four)
    and À rejeter (four); the summary at rangevoting.org/France2007.html gives the first two as
    Bayrou "Good+" and Royal "Good-". The gauge signs of the others follow from the published
    shares. 252 ballots leave some candidate ungraded, so the rule for a missing grade is
    exercised on real votes."""
    result = count_ballot(orsay_ballot())
    assert result.voters == 1733
    published = [
        ("Bayrou", "Assez bien", "+"),
        ("Royal", "Assez bien", "-"),
        ("Sarkozy", "Assez bien", "-"),
        ("Voynet", "Passable", "-"),
        ("Besancenot", "Insuffisant", "+"),
        ("Buffet", "Insuffisant", "+"),
        ("Bové", "Insuffisant", "-"),
        ("Laguiller", "Insuffisant", "-"),
        ("Nihous", "À rejeter", "+"),
        ("de Villiers", "À rejeter", "+"),
        ("Schivardi", "À rejeter", "+"),
        ("Le Pen", "À rejeter", "+"),
    ]
    assert [(e.candidate, e.majority_grade, e.gauge_sign) for e in result.candidates] == published
    assert [e.rank for e in result.candidates] == list(range(1, 13))
    # Bayrou's published profile, in percent: 13.6, 30.7, 25.1, 14.8, 8.4, 7.4 (4.5 + 2.9 blank).
    bayrou = result.candidates[0]
    assert dict(bayrou.merit_profile) == dict(
        zip(ORSAY_GRADES, (236, 532, 434, 256, 146, 129), strict=True)
    )
    assert (bayrou.better_share, bayrou.worse_share) == (Fraction(768, 1733), Fraction(531, 1733))


def test_wikipedia_tie_break_example() -> None:
    """The tie-break example of the English Wikipedia article "Majority judgment" (section on
    the voting process): X graded Good, Good, Fair, Poor and Y Excellent, Fair, Fair, Fair both
    have the majority grade Fair; removing one Fair from each leaves X's median at Good and Y's
    at Fair, so X wins. By the gauge: X has p = 2/4 > q = 1/4, Y p = 1/4 > q = 0, the larger
    p wins."""
    grades = ("Excellent", "Good", "Fair", "Poor")
    result = count_ballot(
        ballot(
            {"X": ["Good", "Good", "Fair", "Poor"], "Y": ["Excellent", "Fair", "Fair", "Fair"]},
            grades,
        )
    )
    assert ranking(result) == [(1, "X"), (2, "Y")]
    assert entry(result, "X") == ("Fair", Fraction(1, 2), Fraction(1, 4))
    assert entry(result, "Y") == ("Fair", Fraction(1, 4), Fraction(0))


# --- hand-computed cases ----------------------------------------------------------------------


def test_p_above_q_ranks_above_p_not_above_q_whatever_p() -> None:
    """Same majority grade Bien (the 3rd of 5 grades from the best). `a`: one better, none
    worse: p = 1/5 > q = 0. `b`: two better, two worse: p = 2/5 <= q = 2/5. `a` ranks first
    although `b` has the larger p."""
    result = count_ballot(
        ballot(
            {
                "a": ["Excellent", "Bien", "Bien", "Bien", "Bien"],
                "b": ["Excellent", "Excellent", "Bien", "Passable", "Passable"],
            }
        )
    )
    assert ranking(result) == [(1, "a"), (2, "b")]
    assert entry(result, "a") == ("Bien", Fraction(1, 5), Fraction(0))
    assert entry(result, "b") == ("Bien", Fraction(2, 5), Fraction(2, 5))
    assert [e.gauge_sign for e in result.candidates] == ["+", "-"]


def test_among_p_above_q_the_larger_p_ranks_first_whatever_q() -> None:
    """Both Bien with p > q. `a`: p = 2/5, q = 1/5; `c`: p = 1/5, q = 0. The larger p ranks
    first, although `a` also has the larger q."""
    result = count_ballot(
        ballot(
            {
                "c": ["Excellent", "Bien", "Bien", "Bien", "Bien"],
                "a": ["Excellent", "Très bien", "Bien", "Bien", "Passable"],
            }
        )
    )
    assert ranking(result) == [(1, "a"), (2, "c")]
    assert entry(result, "a") == ("Bien", Fraction(2, 5), Fraction(1, 5))


def test_among_p_not_above_q_the_smaller_q_ranks_first_whatever_p() -> None:
    """Both Bien with p <= q. `a`: p = 0, q = 1/5; `b`: p = 2/5, q = 2/5. The smaller q ranks
    first, although `b` has the larger p."""
    result = count_ballot(
        ballot(
            {
                "b": ["Excellent", "Excellent", "Bien", "Passable", "Passable"],
                "a": ["Bien", "Bien", "Bien", "Bien", "Passable"],
            }
        )
    )
    assert ranking(result) == [(1, "a"), (2, "b")]
    assert entry(result, "a") == ("Bien", Fraction(0), Fraction(1, 5))


def test_a_majority_grade_decides_before_the_gauge() -> None:
    """`low` has the best p of all but the majority grade Passable; `high` is Bien with
    p <= q: Bien is better than Passable, whatever the gauges."""
    result = count_ballot(
        ballot(
            {
                "low": ["Excellent", "Excellent", "Passable", "Passable", "À rejeter"],
                "high": ["Bien", "Bien", "Bien", "Passable", "Passable"],
            }
        )
    )
    assert ranking(result) == [(1, "high"), (2, "low")]
    assert entry(result, "low") == ("Passable", Fraction(2, 5), Fraction(1, 5))


def test_a_tie_at_the_gauge_is_broken_after_removing_majority_grades() -> None:
    """Six voters. `e`: Très bien, Bien, Bien, Assez bien, Assez bien, Insuffisant; `f`: Bien,
    Bien, Bien, Assez bien, Assez bien, Passable. Both: majority grade Assez bien (the 4th
    grade from the best, the lower of the two middle ones), p = 3/6, q = 1/6: the same gauge.
    Removing one majority grade at a time, the majority grades are
    e: Assez bien, Bien, Assez bien, Bien, Insuffisant, Très bien;
    f: Assez bien, Bien, Assez bien, Bien, Passable, Bien;
    and the gauges are equal at each of the first four steps (step 2, from five grades: Bien,
    e with one better and two worse, f none better and two worse, both q = 2/5; step 4, from
    three: Bien, e with p = 1/3 and f with p = 0, both q = 1/3). At step 5, from two grades,
    e's lower one is Insuffisant and f's Passable: f ranks first, after four removals."""
    result = count_ballot(
        ballot(
            {
                "e": ["Très bien", "Bien", "Bien", "Assez bien", "Assez bien", "Insuffisant"],
                "f": ["Bien", "Bien", "Bien", "Assez bien", "Assez bien", "Passable"],
            }
        )
    )
    assert ranking(result) == [(1, "f"), (2, "e")]
    assert (
        entry(result, "e") == entry(result, "f") == ("Assez bien", Fraction(1, 2), Fraction(1, 6))
    )


def test_a_missing_grade_counts_as_the_worst() -> None:
    """Three voters; two give `b` no grade: its profile counts them as À rejeter, its majority
    grade is À rejeter, and the count is the one of the same ballot with À rejeter written."""
    left_out = ballot({"a": ["Bien", "Bien", "Passable"], "b": ["Excellent", None, None]})
    written = ballot(
        {"a": ["Bien", "Bien", "Passable"], "b": ["Excellent", "À rejeter", "À rejeter"]}
    )
    result = count_ballot(left_out)
    assert result == count_ballot(written)
    assert result.candidates[1].merit_profile["À rejeter"] == 2
    assert result.candidates[1].voters == 3
    assert entry(result, "b") == ("À rejeter", Fraction(1, 3), Fraction(0))
    assert ranking(result) == [(1, "a"), (2, "b")]


def test_fully_equal_candidates_share_a_rank_in_the_order_of_their_ids() -> None:
    """`zeta` and `alpha` have the same profile (from different voters): they share rank 1,
    listed by id; the next candidate is third (1, 1, 3)."""
    result = count_ballot(
        ballot(
            {
                "zeta": ["Bien", "Passable", "Excellent"],
                "mid": ["Bien", "Passable", "Passable"],
                "alpha": ["Excellent", "Bien", "Passable"],
            }
        )
    )
    assert ranking(result) == [(1, "alpha"), (1, "zeta"), (3, "mid")]


def test_an_even_number_of_voters_takes_the_lower_median() -> None:
    """Four voters, two Excellent and two Passable: the majority grade is Passable, the lower of
    the two middle grades (only two voters, not a majority, give better than Passable), with
    p = 1/2 > q = 0. Two voters, Très bien and Insuffisant: Insuffisant."""
    result = count_ballot(
        ballot(
            {
                "four": ["Excellent", "Excellent", "Passable", "Passable"],
                "two": ["Très bien", "Insuffisant", "Insuffisant", "Insuffisant"],
            }
        )
    )
    assert entry(result, "four") == ("Passable", Fraction(1, 2), Fraction(0))
    pair = count_ballot(ballot({"two": ["Très bien", "Insuffisant"]}))
    assert entry(pair, "two") == ("Insuffisant", Fraction(1, 2), Fraction(0))


def test_one_voter_decides_alone() -> None:
    """One voter: each majority grade is the voter's grade, p = q = 0, and candidates with the
    same grade are tied."""
    result = count_ballot(ballot({"a": ["Bien"], "b": ["Excellent"], "c": ["Bien"]}))
    assert ranking(result) == [(1, "b"), (2, "a"), (2, "c")]
    assert entry(result, "a") == ("Bien", Fraction(0), Fraction(0))
    assert [e.gauge_sign for e in result.candidates] == ["-", "-", "-"]


def test_no_vote_leaves_every_candidate_tied_without_a_grade() -> None:
    """Before anyone votes, every candidate is first ex aequo, without a majority grade, with
    an empty profile; a budget funds nobody and stays whole."""
    result = count_ballot(
        Ballot(candidates=("b", "a"), votes=()),
        budget=Decimal("1000.00"),
        requested=euros(a="10.00", b="10.00"),
    )
    assert ranking(result) == [(1, "a"), (1, "b")]
    assert {e.majority_grade for e in result.candidates} == {None}
    assert {e.gauge_sign for e in result.candidates} == {None}
    assert all(set(e.merit_profile.values()) == {0} for e in result.candidates)
    assert all(set(e.shares.values()) == {Fraction(0)} for e in result.candidates)
    assert {e.funding for e in result.candidates} == {Funding.NO_VOTE}
    assert result.remaining == Decimal("1000.00")


def test_the_worked_example_of_the_docs() -> None:
    """docs/cofinancing.md, "A worked example": three commons all Bien; movilab p = 1/2 > q =
    3/10 first; boussole (q = 3/10) before cahier-activites (q = 2/5), both p <= q. With
    8,000.00, movilab (4,000.00) is funded, boussole (5,000.00) skipped, cahier-activites
    (3,000.00) funded, 1,000.00 left."""
    profiles = {
        "movilab": (2, 3, 2, 1, 1, 1, 0),
        "boussole": (1, 2, 4, 2, 1, 0, 0),
        "cahier-activites": (3, 1, 2, 2, 0, 1, 1),
    }
    columns = {
        name: [g for g, n in zip(DEFAULT_GRADES, counts, strict=True) for _ in range(n)]
        for name, counts in profiles.items()
    }
    result = count_ballot(
        ballot(columns),
        budget=Decimal("8000.00"),
        requested=euros(movilab="4000.00", boussole="5000.00", **{"cahier-activites": "3000.00"}),
    )
    assert [(e.rank, e.candidate, e.majority_grade, e.gauge_sign) for e in result.candidates] == [
        (1, "movilab", "Bien", "+"),
        (2, "boussole", "Bien", "-"),
        (3, "cahier-activites", "Bien", "-"),
    ]
    assert [(e.better_share, e.worse_share) for e in result.candidates] == [
        (Fraction(1, 2), Fraction(3, 10)),
        (Fraction(3, 10), Fraction(3, 10)),
        (Fraction(2, 5), Fraction(2, 5)),
    ]
    assert [e.funding for e in result.candidates] == [
        Funding.FUNDED,
        Funding.DOES_NOT_FIT,
        Funding.FUNDED,
    ]
    assert result.remaining == Decimal("1000.00")
    documented = (Path(__file__).parents[1] / "docs" / "cofinancing.md").read_text("utf-8")
    shown = documented.split("```json\n")[1].split("```")[0]
    assert json.loads(shown) == ballot_result_as_json(result)["candidates"][0]


# --- budgets ----------------------------------------------------------------------------------

THREE = {
    "first": ["Excellent", "Très bien", "Bien"],
    "second": ["Très bien", "Bien", "Bien"],
    "third": ["Bien", "Bien", "Passable"],
}


def test_a_budget_funds_the_first_two_of_three() -> None:
    """8,000.00 for first (4,000.00), second (3,500.00) and third (2,000.00): the first two
    take 7,500.00; the 500.00 left cannot fund the third."""
    result = count_ballot(
        ballot(THREE),
        budget=Decimal("8000.00"),
        requested=euros(first="4000.00", second="3500.00", third="2000.00"),
    )
    assert ranking(result) == [(1, "first"), (2, "second"), (3, "third")]
    assert [e.funding for e in result.candidates] == [
        Funding.FUNDED,
        Funding.FUNDED,
        Funding.DOES_NOT_FIT,
    ]
    assert (result.funded_total, result.remaining) == (Decimal("7500.00"), Decimal("500.00"))


def test_a_candidate_that_does_not_fit_is_skipped_and_the_next_ones_tried() -> None:
    """6,000.00: first takes 4,000.00; second's 3,500.00 does not fit in the 2,000.00 left and
    is skipped; third's 2,000.00 fits exactly and is funded, nothing is left."""
    result = count_ballot(
        ballot(THREE),
        budget=Decimal("6000.00"),
        requested=euros(first="4000.00", second="3500.00", third="2000.00"),
    )
    assert [(e.candidate, e.funding) for e in result.candidates] == [
        ("first", Funding.FUNDED),
        ("second", Funding.DOES_NOT_FIT),
        ("third", Funding.FUNDED),
    ]
    assert result.remaining == Decimal("0.00")


def test_tied_candidates_are_funded_together_or_not_at_all() -> None:
    """`a` and `b` are tied (same profile), 3,000.00 each; with 5,000.00 each one alone would
    fit but not both: neither is funded (choosing by id would be arbitrary), and `c`, next,
    is. With 6,000.00 both are funded."""
    columns = {
        "a": ["Très bien", "Bien"],
        "b": ["Bien", "Très bien"],
        "c": ["Bien", "Passable"],
    }
    requested = euros(a="3000.00", b="3000.00", c="2000.00")
    short = count_ballot(ballot(columns), budget=Decimal("5000.00"), requested=requested)
    assert [(e.rank, e.candidate, e.funding) for e in short.candidates] == [
        (1, "a", Funding.TIE_DOES_NOT_FIT),
        (1, "b", Funding.TIE_DOES_NOT_FIT),
        (3, "c", Funding.FUNDED),
    ]
    enough = count_ballot(ballot(columns), budget=Decimal("6000.00"), requested=requested)
    assert [e.funding for e in enough.candidates][:2] == [Funding.FUNDED, Funding.FUNDED]


def test_a_candidate_a_majority_rejects_is_never_funded() -> None:
    """`no` has the worst grade as its majority grade: it is not funded, however large the
    budget."""
    result = count_ballot(
        ballot({"yes": ["Bien", "Passable", "Bien"], "no": ["Excellent", None, "À rejeter"]}),
        budget=Decimal("1000000.00"),
        requested=euros(yes="10.00", no="10.00"),
    )
    assert [(e.candidate, e.funding) for e in result.candidates] == [
        ("yes", Funding.FUNDED),
        ("no", Funding.REJECTED),
    ]


def test_without_a_budget_nothing_is_said_about_funding() -> None:
    result = count_ballot(ballot(THREE))
    assert {(e.requested, e.funding) for e in result.candidates} == {(None, None)}
    assert (result.budget, result.funded_total, result.remaining) == (None, None, None)


# --- the JSON result --------------------------------------------------------------------------


def test_the_json_result_is_exact() -> None:
    """Shares are exact fractions in lowest terms, amounts exact strings, no float anywhere,
    and the document survives json.dumps."""
    result = count_ballot(
        ballot(
            {"a": ["Bien", "Bien", "Passable"], "b": ["Excellent", None, "Passable"]},
            grades=("Excellent", "Bien", "Passable", "À rejeter"),
        ),
        budget=Decimal("100.00"),
        requested=euros(a="60.00", b="50.50"),
    )
    document = ballot_result_as_json(result)
    assert json.loads(json.dumps(document)) == document
    assert floats_in(document) == []
    assert document == {
        "grades": ["Excellent", "Bien", "Passable", "À rejeter"],
        "voters": 3,
        "budget": "100.00",
        "funded_total": "60.00",
        "remaining": "40.00",
        "candidates": [
            {
                "candidate": "a",
                "rank": 1,
                "majority_grade": "Bien",
                "gauge_sign": "-",
                "better_share": "0",
                "worse_share": "1/3",
                "merit_profile": [
                    {"grade": "Excellent", "count": 0, "share": "0"},
                    {"grade": "Bien", "count": 2, "share": "2/3"},
                    {"grade": "Passable", "count": 1, "share": "1/3"},
                    {"grade": "À rejeter", "count": 0, "share": "0"},
                ],
                "requested": "60.00",
                "funded": True,
                "funding": "funded",
            },
            {
                # Excellent, Passable, À rejeter: the median of three is Passable, p = q = 1/3.
                "candidate": "b",
                "rank": 2,
                "majority_grade": "Passable",
                "gauge_sign": "-",
                "better_share": "1/3",
                "worse_share": "1/3",
                "merit_profile": [
                    {"grade": "Excellent", "count": 1, "share": "1/3"},
                    {"grade": "Bien", "count": 0, "share": "0"},
                    {"grade": "Passable", "count": 1, "share": "1/3"},
                    {"grade": "À rejeter", "count": 1, "share": "1/3"},
                ],
                "requested": "50.50",
                "funded": False,
                "funding": "does-not-fit",
            },
        ],
    }


def test_a_result_cannot_be_changed() -> None:
    """The ballot keeps its own read-only copy of the votes, the results read-only profiles."""
    vote = {"a": "Bien"}
    counted = Ballot(candidates=("a",), votes=(vote,))
    vote["a"] = "À rejeter"
    assert counted.votes[0]["a"] == "Bien"
    profile = count_ballot(counted).candidates[0].merit_profile
    with pytest.raises(TypeError):
        profile["Bien"] = 5  # type: ignore[index]


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("candidates", "votes", "grades", "message"),
    [
        ((), (), DEFAULT_GRADES, "at least one candidate"),
        (("a", "a"), (), DEFAULT_GRADES, "each named once"),
        (("a",), (), ("Oui",), "at least two grades"),
        (("a",), (), ("Oui", "Oui"), "at least two grades"),
        (("a",), ({"b": "Bien"},), DEFAULT_GRADES, "vote 1 grades unknown candidates: ['b']"),
        (("a",), ({}, {"a": "Super"}), DEFAULT_GRADES, "vote 2 gives unknown grades: ['Super']"),
    ],
)
def test_a_malformed_ballot_is_refused(
    candidates: tuple[str, ...],
    votes: tuple[dict[str, str], ...],
    grades: tuple[str, ...],
    message: str,
) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Ballot(candidates=candidates, votes=votes, grades=grades)


@pytest.mark.parametrize("budget", ["10.001", "-1.00", "NaN", "Infinity"])
def test_a_budget_a_user_could_not_mean_is_a_usage_error(budget: str) -> None:
    with pytest.raises(UsageError, match="at most 2 decimals"):
        count_ballot(
            ballot(THREE),
            budget=Decimal(budget),
            requested=euros(first="1.00", second="1.00", third="1.00"),
        )


def test_amounts_are_never_floats_and_every_candidate_has_one() -> None:
    """A float budget or request is refused, never turned into a Decimal; a budget needs every
    candidate's request in whole cents, and requests need a budget."""
    with pytest.raises(TypeError, match="never a float"):
        count_ballot(ballot(THREE), budget=10.0, requested={})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="every candidate needs its requested amount"):
        count_ballot(ballot(THREE), budget=Decimal(10), requested=euros(first="1.00"))
    with pytest.raises(ValueError, match="whole cents"):
        count_ballot(
            ballot(THREE),
            budget=Decimal(10),
            requested=euros(first="1.001", second="1.00", third="1.00"),
        )
    with pytest.raises(ValueError, match="whole cents"):
        count_ballot(
            ballot(THREE),
            budget=Decimal(10),
            requested={"first": 1.0, "second": Decimal(1), "third": Decimal(1)},  # type: ignore[dict-item]
        )
    with pytest.raises(ValueError, match="without a budget"):
        count_ballot(ballot(THREE), requested=euros(first="1.00", second="1.00", third="1.00"))


# --- second computations on generated ballots -------------------------------------------------


@st.composite
def ballots(draw: st.DrawFn, min_voters: int = 0) -> Ballot:
    """Small ballots, where ties are frequent: 2 to 7 grades, 1 to 6 candidates, up to 25
    voters, and about one grade in five left out (it counts as the worst)."""
    grades = DEFAULT_GRADES[: draw(st.integers(2, 7))]
    candidates = tuple(f"c{number}" for number in range(draw(st.integers(1, 6))))
    choice = st.tuples(st.integers(0, 4), st.sampled_from(grades)).map(
        lambda drawn: None if drawn[0] == 0 else drawn[1]
    )
    votes = draw(
        st.lists(
            st.fixed_dictionaries(dict.fromkeys(candidates, choice)),
            min_size=min_voters,
            max_size=25,
        )
    )
    return Ballot(
        candidates=candidates,
        votes=tuple({c: g for c, g in vote.items() if g is not None} for vote in votes),
        grades=grades,
    )


def majority_values(ballot: Ballot, candidate: str) -> list[int]:
    """Balinski and Laraki's majority value, literally: the candidate's grades (0 for the best,
    a missing grade the worst), sorted from best to worst; take the lower median (with n grades
    left, the one at 0-based position n // 2), remove it, and again until none is left."""
    worst = len(ballot.grades) - 1
    left = sorted(
        ballot.grades.index(vote[candidate]) if candidate in vote else worst
        for vote in ballot.votes
    )
    values = []
    while left:
        values.append(left.pop(len(left) // 2))
    return values


def assert_count_is_the_literal_definition(counted: Ballot) -> None:
    """The ranking orders the candidates by their majority values, compared lexicographically
    (the first grade where two differ decides, the better one wins): equal values, and only
    they, share a rank, and ranks count the candidates before (1, 1, 3). The majority grade is
    the first majority value, p and q the shares above and below it. No float anywhere."""
    result = count_ballot(counted)
    values = {c: majority_values(counted, c) for c in counted.candidates}
    expected_ranks = {c: 1 + sum(values[o] < values[c] for o in values) for c in values}
    assert {e.candidate: e.rank for e in result.candidates} == expected_ranks
    assert [e.candidate for e in result.candidates] == sorted(values, key=lambda c: (values[c], c))
    voters = len(counted.votes)
    for found in result.candidates:
        grades = values[found.candidate]
        assert found.voters == voters
        if not voters:
            assert found.majority_grade is None
            continue
        assert found.majority_grade == counted.grades[grades[0]]
        assert found.better_share == Fraction(sum(g < grades[0] for g in grades), voters)
        assert found.worse_share == Fraction(sum(g > grades[0] for g in grades), voters)
    assert floats_in(ballot_result_as_json(result)) == []


@settings(max_examples=60, deadline=None)
@given(ballots())
def test_the_count_is_the_literal_definition(counted: Ballot) -> None:
    """On small ballots, where ties at every step are frequent (hypothesis shrinks a failure to
    a smallest ballot)."""
    assert_count_is_the_literal_definition(counted)


def random_ballots(seed: int, count: int) -> list[Ballot]:
    """Seeded random ballots of up to 12 candidates and 300 voters, some with a grade scale of
    their own, some with most grades left out."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        scale = tuple(f"g{number}" for number in range(rng.randint(2, 9)))
        candidates = tuple(f"c{number}" for number in range(rng.randint(1, 12)))
        left_out = rng.choice((0.0, 0.1, 0.7))
        votes = tuple(
            {c: rng.choice(scale) for c in candidates if rng.random() >= left_out}
            for _ in range(rng.randint(0, 300))
        )
        made.append(Ballot(candidates, votes, scale))
    return made


def test_the_count_is_the_literal_definition_on_larger_ballots() -> None:
    for counted in random_ballots(seed=14, count=100):
        assert_count_is_the_literal_definition(counted)


@pytest.mark.slow
def test_the_count_is_the_literal_definition_on_many_ballots() -> None:
    for counted in random_ballots(seed=2007, count=2000):
        assert_count_is_the_literal_definition(counted)


@settings(max_examples=20, deadline=None)
@given(ballots(), st.randoms(use_true_random=False))
def test_the_order_of_votes_and_candidates_does_not_matter(
    counted: Ballot, rng: random.Random
) -> None:
    votes = list(counted.votes)
    candidates = list(counted.candidates)
    rng.shuffle(votes)
    rng.shuffle(candidates)
    shuffled = Ballot(candidates=tuple(candidates), votes=tuple(votes), grades=counted.grades)
    assert count_ballot(shuffled) == count_ballot(counted)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(ballots(min_voters=1))
def test_pref_voting_agrees_where_it_breaks_ties_the_same_way(counted: Ballot) -> None:
    """`pref_voting.grade_methods.majority_judgement` (pref-voting 1.18) returns the winners:
    the candidates of the best lower median grade (`GradeProfile.median`, lower by default),
    and among them those of the best `tiebreaker_majority_judgement`, which is p when p > q and
    -q otherwise: exactly our gauge. It stops there: it does not remove majority grades, so
    candidates with the same grade and gauge stay tied for it where we go on. So we compare
    what is defined the same way: called on the candidates not ranked yet, again and again,
    it gives a weak order by (grade, gauge) only; our ranking must refine it (never reverse
    it), our first candidates must be among its winners, and where it names a single winner
    that candidate must be our only first. Its shares are floats (counts divided by the number
    of voters, in numpy); every comparison it makes is between counts over the same number of
    voters, which floats order exactly at these sizes, so its order is exact here.

    pref-voting reads grades as numbers (larger is better) and needs every grade given, so the
    ballot is passed with the missing grades written as the worst."""
    from pref_voting.grade_methods import majority_judgement  # noqa: PLC0415 - slow import
    from pref_voting.grade_profiles import GradeProfile  # noqa: PLC0415

    worst = counted.grades[-1]
    scale = len(counted.grades)
    profile = GradeProfile(
        [
            {c: scale - 1 - counted.grades.index(vote.get(c, worst)) for c in counted.candidates}
            for vote in counted.votes
        ],
        list(range(scale)),
        candidates=list(counted.candidates),
    )
    their_levels: dict[str, int] = {}
    remaining = list(counted.candidates)
    level = 0
    while remaining:
        winners = majority_judgement(profile, curr_cands=remaining)
        their_levels.update(dict.fromkeys(winners, level))
        remaining = [c for c in remaining if c not in winners]
        level += 1
    result = count_ballot(counted)
    ours = [e.candidate for e in result.candidates]
    assert [their_levels[c] for c in ours] == sorted(their_levels[c] for c in ours)
    for tied in ({e.candidate for e in result.candidates if e.rank == r} for r in range(1, 7)):
        assert len({their_levels[c] for c in tied}) <= 1
    first = [e.candidate for e in result.candidates if e.rank == 1]
    their_first = sorted(c for c, found in their_levels.items() if found == 0)
    assert set(first) <= set(their_first)
    if len(their_first) == 1:
        assert first == their_first
