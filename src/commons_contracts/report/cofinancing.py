"""The co-financing figures of the transparency report: each campaign's progress with the
funders who may be named, each commons' contributive debt, each ballot's merit profiles.

Names follow the report's privacy rule (docs/cofinancing.md, "In the transparency report"):
a funder is named when it agreed (a pledge with `named: true`, or a party with
`named_in_funds: true`), when it is a matching funder (its share is part of the campaign's
published terms) or when it paid with a subsidy (public money is public); the others are one
pooled line, with how many they are and what they promised and paid. A debt is shown per
commons only, never per contributor. Votes are shown as counts per grade, never per voter.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from commons_contracts.core.money import ZERO
from commons_contracts.core.pooling import DEFAULT_THRESHOLD, Threshold
from commons_contracts.funds.ballots import BallotResult
from commons_contracts.funds.campaigns import CampaignProgress, campaigns_progress
from commons_contracts.funds.debt import debt_lines
from commons_contracts.funds.votes import ballot_result
from commons_contracts.registry.model import Ballot, Registry


@dataclass(frozen=True)
class FunderLine:
    """A line of a campaign's funders: one named funder, or the pooled others."""

    name: str | None
    """The funder's name; None for the pooled line."""
    count: int
    pledged: Decimal
    received: Decimal


@dataclass(frozen=True)
class CampaignPage:
    """One campaign as the report shows it."""

    progress: CampaignProgress
    commons_name: str
    funders: tuple[FunderLine, ...]
    refunds: tuple[FunderLine, ...]
    """For a missed all-or-nothing campaign, what is due back: named funders, then the others
    pooled (their amount is `received`)."""

    @property
    def coordination_share(self) -> Decimal:
        """The coordination share of the budget, in percent to one decimal."""
        return self.progress.coordination_percent.quantize(Decimal("0.1"))

    @property
    def percent_received(self) -> Fraction:
        """What is received, as a share of the target (at most 1; 1 for a target of zero)."""
        target = self.progress.target
        if target <= 0:
            return Fraction(1)
        return min(Fraction(self.progress.received) / Fraction(target), Fraction(1))


@dataclass(frozen=True)
class DebtSummary:
    """A commons' contributive debt on the report's day, all contributors together."""

    recognised: Decimal
    repaid: Decimal
    pending: Decimal

    @property
    def remaining(self) -> Decimal:
        """What is still owed."""
        return self.recognised - self.repaid


@dataclass(frozen=True)
class ProfileSegment:
    """One grade's part of a candidate's merit-profile bar."""

    grade: str
    index: int
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class BallotPage:
    """One ballot as the report shows it: its result and each candidate's profile bar."""

    ballot: Ballot
    result: BallotResult
    names: dict[str, str]
    bars: dict[str, tuple[ProfileSegment, ...]]


@dataclass(frozen=True)
class CofinancingFigures:
    """Everything of co-financing the report shows."""

    campaigns: tuple[CampaignPage, ...]
    debts: dict[str, DebtSummary]
    ballots: tuple[BallotPage, ...]


PROFILE_WIDTH = 600
"""The width, in SVG units, of a merit-profile bar (all voters)."""


def cofinancing_figures(
    registry: Registry, as_of: datetime.date, threshold: Threshold = DEFAULT_THRESHOLD
) -> CofinancingFigures:
    """The campaigns, debts and ballots of the registry on `as_of`, each campaign's pools of
    funders not named held to `threshold`."""
    pages = tuple(
        _campaign_page(registry, p, threshold) for p in campaigns_progress(registry, as_of)
    )
    debts: dict[str, DebtSummary] = {}
    for line in debt_lines(registry, as_of):
        before = debts.get(line.commons, DebtSummary(ZERO, ZERO, ZERO))
        debts[line.commons] = DebtSummary(
            before.recognised + line.recognised,
            before.repaid + line.repaid,
            before.pending + line.pending,
        )
    ballots = []
    for ballot in sorted(registry.ballots, key=lambda b: (b.opens, b.id)):
        if ballot.opens > as_of:
            continue
        result = ballot_result(registry, ballot.id, today=as_of)
        names = {c.candidate: _candidate_name(registry, c.candidate) for c in result.candidates}
        bars = {c.candidate: _bar(c.merit_profile) for c in result.candidates}
        ballots.append(BallotPage(ballot, result, names, bars))
    return CofinancingFigures(pages, debts, tuple(ballots))


def _campaign_page(
    registry: Registry, progress: CampaignProgress, threshold: Threshold
) -> CampaignPage:
    # A pool of funders not named that is too small to hide anyone (core/pooling) takes in the
    # funders named by their consent, as the fund's tables do: neither it nor the campaign's
    # total less the named lines then gives one funder's gift. The funders named whatever
    # their consent (matching funders, subsidies) stay named: their figures are public anyway.
    unnamed = [f for f in progress.funders if not f.named]
    fold = bool(unnamed) and not threshold.allows_each(
        [f.pledged for f in unnamed], [f.received for f in unnamed]
    )
    named = [f for f in progress.funders if f.named and (f.public or not fold)]
    others = [f for f in progress.funders if f not in named]
    lines = [FunderLine(f.name, 1, f.pledged, f.received) for f in named]
    if others:
        lines.append(
            FunderLine(
                None,
                len(others),
                sum((f.pledged for f in others), ZERO),
                sum((f.received for f in others), ZERO),
            )
        )
    refunds = {funder: amount for funder, _, amount in progress.refunds}
    owed = [f for f in progress.funders if f.funder in refunds]
    pooled = [f for f in owed if not f.named]
    if pooled and not threshold.allows([refunds[f.funder] for f in pooled]):
        pooled = [f for f in owed if not (f.named and f.public)]
    refund_lines = [FunderLine(f.name, 1, ZERO, refunds[f.funder]) for f in owed if f not in pooled]
    if pooled:
        amounts = [refunds[f.funder] for f in pooled]
        refund_lines.append(FunderLine(None, len(amounts), ZERO, sum(amounts, ZERO)))
    commons = registry.commons[progress.campaign.commons].name
    return CampaignPage(progress, commons, tuple(lines), tuple(refund_lines))


def _candidate_name(registry: Registry, candidate: str) -> str:
    if candidate in registry.commons:
        return registry.commons[candidate].name
    campaign = registry.campaigns_by_id.get(candidate)
    return campaign.title if campaign is not None else candidate


def _bar(profile: Mapping[str, int]) -> tuple[ProfileSegment, ...]:
    items = list(profile.items())
    voters = sum(count for _, count in items)
    segments = []
    x = 0.0
    for index, (grade, count) in enumerate(items):
        width = PROFILE_WIDTH * count / voters if voters else 0.0
        segments.append(ProfileSegment(grade, index, count, x, width))
        x += width
    return tuple(segments)
