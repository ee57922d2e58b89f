"""Majority judgment (Balinski and Laraki): the count of a ballot, DESIGN.md section 14.

Pure functions over frozen dataclasses, no I/O: given a :class:`Ballot` (its candidates, its
grades from best to worst, one vote per voter), :func:`count_ballot` gives every candidate's
merit profile, majority grade, majority gauge and rank and, with a budget, which candidates are
funded in rank order. The arithmetic is exact: counts are integers, shares
:class:`~fractions.Fraction`, amounts :class:`~decimal.Decimal`; no float is ever made.

A candidate's **majority grade** is its lower median grade: the best grade that more than half
of the voters gave it or better (with an even number of voters, the lower of the two middle
grades). A grade a voter left out counts as the worst grade. Between candidates of the same
majority grade, the **majority gauge** decides: with p the share of the voters who gave a better
grade than the majority grade and q the share who gave a worse one, a candidate with p > q ranks
above every candidate of that grade with p <= q; among those with p > q the larger p ranks
first, among the others the smaller q. Candidates still tied are compared again after removing
one majority grade from each, as many times as it takes; only candidates with the very same
merit profile stay tied, and they share a rank. docs/cofinancing.md explains it with an example.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cmp_to_key
from itertools import groupby
from types import MappingProxyType

from commons_contracts.core.money import ZERO, format_amount, round_cents
from commons_contracts.errors import UsageError
from commons_contracts.i18n.translation import _

DEFAULT_GRADES: tuple[str, ...] = (
    "Excellent",
    "Très bien",
    "Bien",
    "Assez bien",
    "Passable",
    "Insuffisant",
    "À rejeter",
)


class Funding(enum.StrEnum):
    """What a budget gives a candidate, and why not."""

    FUNDED = "funded"
    DOES_NOT_FIT = "does-not-fit"  # its request is more than what the better-ranked leave
    TIE_DOES_NOT_FIT = "tie-does-not-fit"  # tied candidates whose requests together do not fit
    REJECTED = "rejected"  # its majority grade is the worst grade: a majority rejects it
    NO_VOTE = "no-vote"  # nobody voted


@dataclass(frozen=True, slots=True)
class Ballot:
    """A question put to the voters: candidates (ids), grades from best to worst, and the votes,
    one per voter, each giving some candidates a grade (a candidate left out gets the worst).

    Validation upstream reports bad records to the user as located errors; the checks here only
    guard the count against a programming error.
    """

    candidates: tuple[str, ...]
    votes: tuple[Mapping[str, str], ...]
    grades: tuple[str, ...] = DEFAULT_GRADES

    def __post_init__(self) -> None:
        if not self.candidates or len(set(self.candidates)) != len(self.candidates):
            raise ValueError("a ballot needs at least one candidate, each named once")
        if len(self.grades) < 2 or len(set(self.grades)) != len(self.grades):
            raise ValueError("a ballot needs at least two grades, each named once")
        for number, vote in enumerate(self.votes, start=1):
            if unknown := sorted(set(vote) - set(self.candidates)):
                raise ValueError(f"vote {number} grades unknown candidates: {unknown}")
            if unknown := sorted(set(vote.values()) - set(self.grades)):
                raise ValueError(f"vote {number} gives unknown grades: {unknown}")
        # The votes are copied into read-only mappings: a result can never be changed afterwards.
        object.__setattr__(self, "votes", tuple(MappingProxyType(dict(v)) for v in self.votes))


@dataclass(frozen=True, slots=True)
class CandidateResult:
    """One candidate's count: `merit_profile` is the number of voters per grade, best grade
    first; `better_share` and `worse_share` are p and q (both 0 without any vote)."""

    candidate: str
    rank: int
    majority_grade: str | None
    merit_profile: Mapping[str, int]
    better_share: Fraction
    worse_share: Fraction
    requested: Decimal | None = None
    funding: Funding | None = None

    @property
    def voters(self) -> int:
        """How many voters the profile counts (every voter, graded or not)."""
        return sum(self.merit_profile.values())

    @property
    def shares(self) -> dict[str, Fraction]:
        """The merit profile as exact shares of the voters, best grade first (0 without votes)."""
        return {g: Fraction(n, self.voters or 1) for g, n in self.merit_profile.items()}

    @property
    def gauge_sign(self) -> str | None:
        """`+` when p > q (the grade leans up), `-` otherwise, None without any vote: the
        notation of Balinski and Laraki, "Assez bien+"."""
        if self.majority_grade is None:
            return None
        return "+" if self.better_share > self.worse_share else "-"


@dataclass(frozen=True, slots=True)
class BallotResult:
    """Every candidate in rank order (tied candidates share a rank and follow their ids), and,
    with a budget, what it funds."""

    grades: tuple[str, ...]
    voters: int
    candidates: tuple[CandidateResult, ...]
    budget: Decimal | None = None

    @property
    def funded_total(self) -> Decimal | None:
        """What the funded candidates request together (None without a budget)."""
        if self.budget is None:
            return None
        return sum(
            (c.requested or ZERO for c in self.candidates if c.funding is Funding.FUNDED),
            ZERO,
        )

    @property
    def remaining(self) -> Decimal | None:
        """What is left of the budget once the funded candidates are paid (None without one)."""
        funded_total = self.funded_total
        return None if self.budget is None or funded_total is None else self.budget - funded_total


# --- the count ----------------------------------------------------------------------------------


def _gauge(counts: Sequence[int]) -> tuple[int, int, int]:
    # (majority grade, voters above it, voters below it) of a profile with at least one voter.
    # The majority grade is the lower median: the first grade, from the best, at which more
    # than half of the voters are counted.
    voters = sum(counts)
    reached = 0
    for grade, count in enumerate(counts):
        if 2 * (reached + count) > voters:
            return grade, reached, voters - reached - count
        reached += count
    raise AssertionError("a profile with voters has a majority grade")


def _gauges(profile: tuple[int, ...]) -> Iterator[tuple[int, int, int]]:
    # The majority gauge of the profile, then of the profile less one majority grade, and so on
    # until no grade is left, as keys where larger ranks first. At each step every candidate
    # has the same number of grades left, so p and q compare as the counts above and below.
    counts = list(profile)
    for _step in range(sum(profile)):
        grade, better, worse = _gauge(counts)
        yield (-grade, 1, better) if better > worse else (-grade, 0, -worse)
        counts[grade] -= 1


def _compare(first: tuple[int, ...], second: tuple[int, ...]) -> int:
    # Negative when `first` ranks above `second`, 0 for the very same profile (checked first:
    # it is the one case where every step of the gauges would be walked).
    if first == second:
        return 0
    for mine, theirs in zip(_gauges(first), _gauges(second), strict=True):
        if mine != theirs:
            return -1 if mine > theirs else 1
    return 0


def _profile(ballot: Ballot, candidate: str) -> tuple[int, ...]:
    worst = ballot.grades[-1]
    given = [vote.get(candidate, worst) for vote in ballot.votes]
    return tuple(given.count(grade) for grade in ballot.grades)


def _check_amounts(
    ballot: Ballot, budget: Decimal | None, requested: Mapping[str, Decimal] | None
) -> None:
    if budget is None:
        if requested is not None:
            raise ValueError("requested amounts without a budget")
        return
    if not isinstance(budget, Decimal):
        raise TypeError(f"the budget is a Decimal, never a {type(budget).__name__}")
    if not budget.is_finite() or budget < 0 or budget != round_cents(budget):
        raise UsageError(
            _(
                "the budget must be an amount of zero or more with at most 2 decimals, not {budget}"
            ).format(budget=budget)
        )
    if requested is None or set(requested) != set(ballot.candidates):
        raise ValueError("with a budget, every candidate needs its requested amount, and only them")
    for candidate, amount in requested.items():
        if not isinstance(amount, Decimal) or amount < 0 or amount != round_cents(amount):
            raise ValueError(f"{candidate}: a requested amount is whole cents, zero or more")


def _fund(
    ranked: list[tuple[str, int, tuple[int, ...]]],
    budget: Decimal,
    requested: Mapping[str, Decimal],
) -> dict[str, Funding]:
    # Down the ranking, each candidate (or group of tied candidates) that fits in what is left is
    # funded; one that does not is skipped and the next ones are tried (docs/cofinancing.md).
    funding: dict[str, Funding] = {}
    left = budget
    for _grade, tied in groupby(ranked, key=lambda entry: entry[1]):
        group = [(candidate, profile) for candidate, _, profile in tied]
        profile = group[0][1]
        total = sum((requested[candidate] for candidate, _ in group), ZERO)
        if not sum(profile):
            reason = Funding.NO_VOTE
        elif _gauge(profile)[0] == len(profile) - 1:
            reason = Funding.REJECTED
        elif total <= left:
            reason, left = Funding.FUNDED, left - total
        else:
            reason = Funding.DOES_NOT_FIT if len(group) == 1 else Funding.TIE_DOES_NOT_FIT
        funding.update(dict.fromkeys((candidate for candidate, _ in group), reason))
    return funding


def count_ballot(
    ballot: Ballot,
    *,
    budget: Decimal | None = None,
    requested: Mapping[str, Decimal] | None = None,
) -> BallotResult:
    """Count `ballot` by majority judgment: every candidate's merit profile, majority grade,
    p and q, and rank (1 for the first; tied candidates share a rank and the next rank skips
    as many places, 1, 1, 3). With a `budget` and each candidate's `requested` amount, the
    candidates are funded in rank order: each one that fits in what is left is funded, one that
    does not fit is skipped and the next ones are tried; a group of tied candidates is funded
    together or not at all; a candidate whose majority grade is the worst grade is never funded.

    A budget that is negative or finer than the cent raises UsageError (it is typed by a user);
    any other inconsistency raises ValueError.
    """
    _check_amounts(ballot, budget, requested)
    profiles = {candidate: _profile(ballot, candidate) for candidate in ballot.candidates}

    def before(first: str, second: str) -> int:
        return _compare(profiles[first], profiles[second])

    # Sorting is stable: candidates with the same profile stay in the order of their ids.
    order = sorted(sorted(ballot.candidates), key=cmp_to_key(before))
    ranked: list[tuple[str, int, tuple[int, ...]]] = []
    for place, candidate in enumerate(order, start=1):
        tied = ranked and ranked[-1][2] == profiles[candidate]
        ranked.append((candidate, ranked[-1][1] if tied else place, profiles[candidate]))
    funding = {} if budget is None or requested is None else _fund(ranked, budget, requested)
    voters = len(ballot.votes)
    results = []
    for candidate, rank, profile in ranked:
        grade, better, worse = _gauge(profile) if voters else (None, 0, 0)
        results.append(
            CandidateResult(
                candidate=candidate,
                rank=rank,
                majority_grade=None if grade is None else ballot.grades[grade],
                merit_profile=MappingProxyType(dict(zip(ballot.grades, profile, strict=True))),
                better_share=Fraction(better, voters or 1),
                worse_share=Fraction(worse, voters or 1),
                requested=None if requested is None else requested[candidate],
                funding=funding.get(candidate),
            )
        )
    return BallotResult(
        grades=ballot.grades, voters=voters, candidates=tuple(results), budget=budget
    )


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else format_amount(value)


def ballot_result_as_json(result: BallotResult) -> dict[str, object]:
    """The result as JSON values: shares as exact fractions in lowest terms (`"3/7"`, `"0"`,
    `"1"`), amounts as exact 2-place strings, null for what a count without budget lacks."""
    return {
        "grades": list(result.grades),
        "voters": result.voters,
        "budget": _amount(result.budget),
        "funded_total": _amount(result.funded_total),
        "remaining": _amount(result.remaining),
        "candidates": [
            {
                "candidate": entry.candidate,
                "rank": entry.rank,
                "majority_grade": entry.majority_grade,
                "gauge_sign": entry.gauge_sign,
                "better_share": str(entry.better_share),
                "worse_share": str(entry.worse_share),
                "merit_profile": [
                    {"grade": grade, "count": count, "share": str(entry.shares[grade])}
                    for grade, count in entry.merit_profile.items()
                ],
                "requested": _amount(entry.requested),
                "funded": None if entry.funding is None else entry.funding is Funding.FUNDED,
                "funding": None if entry.funding is None else entry.funding.value,
            }
            for entry in result.candidates
        ],
    }
