"""Co-financing campaigns: what a call has been promised, received and matched, and its outcome
on any day (DESIGN.md section 14, docs/cofinancing.md).

A campaign's **budget** is the sum of its lines. Each matching funder adds its `percent` of the
**eligible costs** (the lines not marked `eligible: false`), rounded half-up to the cent and
capped at its `maximum`; what the matching funders add together (never more than the budget)
is **matched**, and the call itself must raise the rest, its **target**. Pledges promise;
`income` records naming the campaign are the money: an income whose source is a matching funder
is that funder's share, every other one is **received** from a funder, and fulfils that
funder's pledges. The **outcome** is judged on the money received up to the closing day: the
campaign is `reached` on the day what it received reaches its target, `open` until it closes,
`missed` after; a missed `all-or-nothing` campaign owes every funder (matching funders too)
what it received from them. Pure functions of the typed registry; money is Decimal throughout.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from commons_contracts.core.money import HUNDRED, ZERO, format_amount, round_cents
from commons_contracts.core.text import did_you_mean
from commons_contracts.errors import UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import Campaign, Income, Registry

Outcome = Literal["open", "reached", "missed"]

LOW_COORDINATION_PERCENT = Decimal(10)
HIGH_COORDINATION_PERCENT = Decimal(25)
"""The field's usual coordination share of a development budget: 10 % to 25 %."""


@dataclass(frozen=True, slots=True)
class FunderProgress:
    """One funder of a campaign: what it promised and what the host received from it."""

    funder: str
    """The funder as the registry names it: a party id, or a name as first written."""
    name: str
    """How the funder is named: the party's name, or the name as written."""
    pledged: Decimal
    received: Decimal
    matching: bool
    """Whether the funder is one of the campaign's matching funders."""
    named: bool
    """Whether the funder may be named on the campaign's page (docs/cofinancing.md)."""
    public: bool = False
    """Whether it is named whatever its consent: a matching funder, or a subsidy's funder."""

    @property
    def outstanding(self) -> Decimal:
        """What the funder promised and the host has not received yet."""
        return max(self.pledged - self.received, ZERO)


@dataclass(frozen=True, slots=True)
class MatchedShare:
    """What one matching funder adds: its percent of the eligible costs, within its maximum."""

    funder: str
    percent: Decimal
    maximum: Decimal | None
    amount: Decimal
    capped: bool
    """Whether the maximum, not the percentage, gives the amount."""


@dataclass(frozen=True, slots=True)
class CampaignProgress:
    """A campaign on a day: its budget, what is matched, promised, received and left, and its
    outcome."""

    campaign: Campaign
    as_of: datetime.date
    matched_shares: tuple[MatchedShare, ...]
    matched: Decimal
    """What the matching funders add together (at most the budget)."""
    pledged: Decimal
    """What funders other than the matching ones promised, up to the day."""
    received: Decimal
    """What the host received from funders other than the matching ones, up to the day."""
    matching_received: Decimal
    """What the matching funders paid, up to the day."""
    reached_on: datetime.date | None
    """The day what was received reached the target, if it did by the closing day."""
    funders: tuple[FunderProgress, ...]
    """Every funder who pledged or paid, the largest received first."""

    @property
    def budget(self) -> Decimal:
        """The step's whole budget."""
        return self.campaign.budget

    @property
    def target(self) -> Decimal:
        """What the call must raise from its funders: the budget less what is matched."""
        return self.budget - self.matched

    @property
    def remaining(self) -> Decimal:
        """What the call has still to raise to reach its target (never below zero)."""
        return max(self.target - self.received, ZERO)

    @property
    def coordination_percent(self) -> Decimal:
        """The coordination lines' share of the budget, in percent (exact)."""
        return self.campaign.coordination * HUNDRED / self.budget

    @property
    def outcome(self) -> Outcome:
        """`reached` from the day the target was received (by the closing day), `open` until
        the call closes, then `missed`."""
        if self.reached_on is not None and self.reached_on <= self.as_of:
            return "reached"
        return "open" if self.as_of <= self.campaign.closes else "missed"

    @property
    def refunds(self) -> tuple[tuple[str, str, Decimal], ...]:
        """For a missed all-or-nothing campaign, what is due back to each funder who paid
        (funder, name, amount), the largest first; nothing otherwise."""
        if self.outcome != "missed" or self.campaign.rule != "all-or-nothing":
            return ()
        return tuple((f.funder, f.name, f.received) for f in self.funders if f.received > 0)

    def as_json(self) -> dict[str, object]:
        """The entry of `campaigns --format json`: exact decimal strings, ISO dates."""
        campaign = self.campaign
        return {
            "campaign": campaign.id,
            "commons": campaign.commons,
            "title": campaign.title,
            "as_of": self.as_of.isoformat(),
            "opens": campaign.opens.isoformat(),
            "closes": campaign.closes.isoformat(),
            "rule": campaign.rule,
            "budget": format_amount(self.budget),
            "budget_lines": [
                {
                    "label": line.label,
                    "amount": format_amount(line.amount),
                    "category": line.category,
                    "eligible": line.eligible,
                }
                for line in campaign.budget_lines
            ],
            "coordination": format_amount(campaign.coordination),
            "eligible_costs": format_amount(campaign.eligible_costs),
            "matching": [
                {
                    "funder": share.funder,
                    "percent": str(share.percent),
                    "maximum": None if share.maximum is None else format_amount(share.maximum),
                    "amount": format_amount(share.amount),
                    "capped": share.capped,
                }
                for share in self.matched_shares
            ],
            "matched": format_amount(self.matched),
            "target": format_amount(self.target),
            "pledged": format_amount(self.pledged),
            "received": format_amount(self.received),
            "matching_received": format_amount(self.matching_received),
            "remaining": format_amount(self.remaining),
            "outcome": self.outcome,
            "reached_on": None if self.reached_on is None else self.reached_on.isoformat(),
            "funders": [
                {
                    "funder": f.funder,
                    "pledged": format_amount(f.pledged),
                    "received": format_amount(f.received),
                    "outstanding": format_amount(f.outstanding),
                    "matching": f.matching,
                }
                for f in self.funders
            ],
            "refunds": [
                {"funder": funder, "amount": format_amount(amount)}
                for funder, _, amount in self.refunds
            ],
        }


def matched_shares(campaign: Campaign) -> tuple[MatchedShare, ...]:
    """What each matching funder adds: `percent` of the eligible costs, rounded half-up to the
    cent, at most its `maximum`."""
    shares = []
    for fund in campaign.matching_funds or ():
        by_percent = round_cents(campaign.eligible_costs * fund.percent / HUNDRED)
        capped = fund.maximum is not None and fund.maximum < by_percent
        amount = fund.maximum if capped and fund.maximum is not None else by_percent
        shares.append(MatchedShare(fund.funder, fund.percent, fund.maximum, amount, capped))
    return tuple(shares)


def campaign_progress(
    registry: Registry, campaign: Campaign, as_of: datetime.date
) -> CampaignProgress:
    """The campaign's progress and outcome on `as_of` (pledges and incomes dated after it are
    left out)."""
    shares = matched_shares(campaign)
    matched = min(sum((s.amount for s in shares), ZERO), campaign.budget)
    matching = {registry.person_key(s.funder) for s in shares}
    pledged: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    received: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    written: dict[str, str] = {}
    consent: set[str] = set()
    for pledge in registry.pledges:
        if pledge.campaign == campaign.id and pledge.date <= as_of:
            key = registry.person_key(pledge.funder)
            pledged[key] += pledge.amount
            written.setdefault(key, pledge.funder)
            if pledge.named:
                consent.add(key)
    incomes = sorted(campaign_incomes(registry, campaign.id), key=lambda i: (i.date, i.id))
    target = campaign.budget - matched
    raised = ZERO
    # A budget matched in full needs nothing from the call: it is reached when it opens.
    reached_on = campaign.opens if target <= 0 else None
    public: set[str] = set()
    for income in incomes:
        if income.date > as_of:
            continue
        key = registry.person_key(income.source)
        received[key] += income.amount
        written.setdefault(key, income.source)
        if income.type == "subsidy":
            public.add(key)
        if key in matching:
            continue
        raised += income.amount
        if reached_on is None and raised >= target and income.date <= campaign.closes:
            reached_on = income.date
    entries = []
    for key in set(pledged) | set(received):
        funder = written[key]
        party = registry.parties.get(key)
        named = (
            key in consent
            or key in matching
            or key in public
            or (party is not None and party.named_in_funds)
        )
        entries.append(
            FunderProgress(
                funder=key if party is not None else funder,
                name=registry.payee_name(key if party is not None else funder),
                pledged=pledged[key],
                received=received[key],
                matching=key in matching,
                named=named,
                public=key in matching or key in public,
            )
        )
    entries.sort(key=lambda f: (-f.received, -f.pledged, f.funder))
    return CampaignProgress(
        campaign=campaign,
        as_of=as_of,
        matched_shares=shares,
        matched=matched,
        pledged=sum((v for k, v in pledged.items() if k not in matching), ZERO),
        received=raised,
        matching_received=sum((v for k, v in received.items() if k in matching), ZERO),
        reached_on=reached_on,
        funders=tuple(entries),
    )


def campaign_incomes(registry: Registry, campaign_id: str) -> Iterable[Income]:
    """The incomes that name the campaign."""
    return (income for income in registry.incomes if income.campaign == campaign_id)


def campaigns_progress(
    registry: Registry, as_of: datetime.date, *, commons: str | None = None
) -> list[CampaignProgress]:
    """Every campaign's progress on `as_of`, by opening day and id (those of one commons with
    `commons`, a :class:`UsageError` with a "did you mean" when it is unknown)."""
    if commons is not None:
        registry.commons_record(commons)
    chosen = [c for c in registry.campaigns if commons is None or c.commons == commons]
    chosen.sort(key=lambda c: (c.opens, c.id))
    return [campaign_progress(registry, c, as_of) for c in chosen]


def campaign_record(registry: Registry, campaign_id: str) -> Campaign:
    """The campaign `campaign_id`, or a :class:`UsageError` with a "did you mean"."""
    found = registry.campaigns_by_id.get(campaign_id)
    if found is None:
        hint = did_you_mean(campaign_id, registry.campaigns_by_id)
        raise UsageError(
            _("no campaign with id '{campaign_id}'{hint}").format(
                campaign_id=campaign_id, hint=hint
            )
        )
    return found
