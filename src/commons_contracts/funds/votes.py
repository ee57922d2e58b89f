"""A `ballot` record and its `vote` records, counted by majority judgment
(:mod:`commons_contracts.funds.ballots`), DESIGN.md section 14.

The votes that count are those of the ballot dated within its opening and closing days, the
first of each voter (by date, then id; voters compared without case, accents or repeated
spaces). A vote that gives a grade outside the ballot's scale or grades a candidate that is not
on the ballot is an error of the registry, so it never reaches the count. A candidate's
requested amount is its `requested`, or for a campaign left without one, what the campaign has
still to raise on the ballot's closing day (today while the ballot is open).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal

from commons_contracts.core.text import did_you_mean
from commons_contracts.errors import UsageError
from commons_contracts.funds.ballots import DEFAULT_GRADES, BallotResult, count_ballot
from commons_contracts.funds.ballots import Ballot as Count
from commons_contracts.funds.campaigns import campaign_progress
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import Ballot, Registry, Vote, same_person_text


def ballot_grades(ballot: Ballot) -> tuple[str, ...]:
    """The ballot's grades from the best to the worst (the seven mentions when left out)."""
    return ballot.grades or DEFAULT_GRADES


def counted_votes(registry: Registry, ballot: Ballot) -> Iterator[tuple[Vote, str | None]]:
    """Every vote of the ballot by (date, id), with why it does not count (None when it does):
    `outside-dates` or `duplicate`."""
    seen: set[str] = set()
    votes = (v for v in registry.votes if v.ballot == ballot.id)
    for vote in sorted(votes, key=lambda v: (v.date, v.id)):
        if vote.date < ballot.opens or (ballot.closes is not None and vote.date > ballot.closes):
            yield vote, "outside-dates"
            continue
        voter = same_person_text(vote.voter)
        if voter in seen:
            yield vote, "duplicate"
            continue
        seen.add(voter)
        yield vote, None


def requested_amounts(
    registry: Registry, ballot: Ballot, today: datetime.date
) -> dict[str, Decimal | None]:
    """What each candidate asks of a budget (None when neither the ballot nor a campaign says)."""
    day = min(today, ballot.closes) if ballot.closes is not None else today
    found: dict[str, Decimal | None] = {}
    for candidate in ballot.candidates:
        campaign = registry.campaigns_by_id.get(candidate.id)
        if candidate.requested is not None:
            found[candidate.id] = candidate.requested
        elif campaign is not None:
            found[candidate.id] = campaign_progress(registry, campaign, day).remaining
        else:
            found[candidate.id] = None
    return found


def ballot_record(registry: Registry, ballot_id: str) -> Ballot:
    """The ballot `ballot_id`, or a :class:`UsageError` with a "did you mean"."""
    found = registry.ballots_by_id.get(ballot_id)
    if found is None:
        hint = did_you_mean(ballot_id, registry.ballots_by_id)
        raise UsageError(
            _("no ballot with id '{ballot_id}'{hint}").format(ballot_id=ballot_id, hint=hint)
        )
    return found


def ballot_result(
    registry: Registry,
    ballot_id: str,
    *,
    today: datetime.date,
    budget: Decimal | None = None,
) -> BallotResult:
    """Count the ballot `ballot_id` and, with a `budget`, fund its candidates in rank order.
    A :class:`UsageError` names an unknown ballot, or, with a budget, the candidates whose
    requested amount is not known (a commons candidate without `requested`)."""
    ballot = ballot_record(registry, ballot_id)
    candidates = tuple(c.id for c in ballot.candidates)
    votes = tuple(
        {grade.candidate: grade.grade for grade in vote.grades}
        for vote, why in counted_votes(registry, ballot)
        if why is None
    )
    count = Count(candidates=candidates, votes=votes, grades=ballot_grades(ballot))
    if budget is None:
        return count_ballot(count)
    requested = requested_amounts(registry, ballot, today)
    unknown = [candidate for candidate, amount in requested.items() if amount is None]
    if unknown:
        raise UsageError(
            _(
                "with a budget, every candidate needs its requested amount: give "
                "`requested` to {items} in the ballot '{ballot_id}'"
            ).format(items=", ".join(unknown), ballot_id=ballot.id)
        )
    amounts = {candidate: amount for candidate, amount in requested.items() if amount is not None}
    return count_ballot(count, budget=budget, requested=amounts)
