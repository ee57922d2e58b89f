"""The rules across records that need a fund's computation: payouts approved, within their
expense and within the fund; approvals within what is free; coordination within its share; a
reciprocity payment not entered again as an income; and those of co-financing: a campaign's
coordination share, debts repaid once recognised and within their value, votes that count.
Listed once in :data:`RULES`, which validation runs after the rules of
:mod:`commons_contracts.registry.rules`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.money import HUNDRED, ZERO
from commons_contracts.core.text import did_you_mean
from commons_contracts.funds.approvals import approvals_needed
from commons_contracts.funds.campaigns import HIGH_COORDINATION_PERCENT, LOW_COORDINATION_PERCENT
from commons_contracts.funds.debt import debt_ledger
from commons_contracts.funds.fund import Fund, FundPayout, compute_funds
from commons_contracts.funds.votes import ballot_grades, counted_votes
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import Registry, same_person_text
from commons_contracts.registry.rules import Rule
from commons_contracts.registry.versions import hosting_terms_on

FundRule = Callable[[Registry, Mapping[str, Fund]], Iterable[Diagnostic]]


def check_payouts_approved(registry: Registry, funds: Mapping[str, Fund]) -> Iterator[Diagnostic]:
    """No payout before its expense has the approvals the hosting contract asks, from distinct
    representatives of the commons (an approval that does not count is reported apart)."""
    for fund in funds.values():
        for item in fund.payouts:
            payout, expense = item.payout, item.expense
            if fund.approvals.approved(expense.id, payout.date):
                continue
            needed = approvals_needed(registry, expense)
            given = fund.approvals.counted_on(expense.id, payout.date)
            by = f" ({', '.join(a.by for a in given)})" if given else ""
            yield registry.source("payout", payout.id).diagnostic(
                ("date",),
                Code.PAYOUT_NOT_APPROVED,
                _(
                    "the expense '{expense_id}' has {count} of the {needed} approval(s) of "
                    "distinct representatives it needs on {payout_date}{by}: the host pays "
                    "only what the community approved"
                ).format(
                    expense_id=expense.id,
                    count=len(given),
                    needed=needed,
                    payout_date=payout.date,
                    by=by,
                ),
            )


def check_payouts_within_expense(
    registry: Registry, funds: Mapping[str, Fund]
) -> Iterator[Diagnostic]:
    """The payouts of an expense add up to no more than the expense."""
    for fund in funds.values():
        paid: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
        for item in fund.payouts:
            expense = item.expense
            paid[expense.id] += item.payout.amount
            if paid[expense.id] > expense.cost:
                yield registry.source("payout", item.payout.id).diagnostic(
                    ("amount",),
                    Code.PAYOUT_ABOVE_EXPENSE,
                    _(
                        "the payouts of the expense '{expense_id}' reach {value}, above the "
                        "expense ({expense_cost})"
                    ).format(
                        expense_id=expense.id, value=paid[expense.id], expense_cost=expense.cost
                    ),
                )


def check_fund_balance(registry: Registry, funds: Mapping[str, Fund]) -> Iterator[Diagnostic]:
    """No payout leaves the fund negative on its date (restricted fund), and an approval that
    commits more than is available and not yet committed is a warning."""
    for fund in funds.values():
        committed_before = ZERO
        for event in fund.events():
            if event.kind == "payout" and event.available < 0:
                yield registry.source("payout", event.record_id).diagnostic(
                    ("amount",),
                    Code.FUND_OVERDRAWN,
                    _(
                        "paying {event_amount} on {event_date} leaves the fund of "
                        "'{fund_commons}' at {event_available}: the fund is restricted, the host "
                        "never spends beyond it"
                    ).format(
                        event_amount=event.amount,
                        event_date=event.date,
                        fund_commons=fund.commons,
                        event_available=event.available,
                    ),
                )
            elif event.kind == "approved" and event.amount > 0:
                free = event.available - committed_before
                if event.amount > free:
                    assert event.expense is not None
                    yield registry.source("approval", event.record_id).diagnostic(
                        ("target",),
                        Code.APPROVAL_ABOVE_AVAILABLE,
                        _(
                            "this approval commits {event_amount} to the expense "
                            "'{expense_id}', but the fund of '{fund_commons}' has {max} "
                            "available and not yet committed on {event_date}"
                        ).format(
                            event_amount=event.amount,
                            expense_id=event.expense.id,
                            fund_commons=fund.commons,
                            max=max(free, ZERO),
                            event_date=event.date,
                        ),
                    )
            committed_before = event.committed


def check_coordination_share(registry: Registry, funds: Mapping[str, Fund]) -> Iterator[Diagnostic]:
    """Coordination paid out in a calendar year stays within the hosting contract's
    `coordination_percent` of that year's payouts (a warning at the year's last coordination
    payout, with the contract in force on its date)."""
    for fund in funds.values():
        years: defaultdict[int, list[FundPayout]] = defaultdict(list)
        for item in fund.payouts:
            years[item.payout.date.year].append(item)
        for year, items in sorted(years.items()):
            coordination = [i for i in items if i.category == "coordination"]
            if not coordination:
                continue
            last = coordination[-1].payout
            contract = hosting_terms_on(registry, fund.commons, last.date)
            if contract is None or contract.coordination_percent is None:
                continue
            total = sum((i.payout.amount for i in items), ZERO)
            spent = sum((i.payout.amount for i in coordination), ZERO)
            if spent * HUNDRED > contract.coordination_percent * total:
                share = (spent * HUNDRED / total).quantize(Decimal("0.1"))
                yield registry.source("payout", last.id).diagnostic(
                    ("amount",),
                    Code.COORDINATION_ABOVE_SHARE,
                    _(
                        "coordination paid out in {year} is {spent} of {total}, {share} %: above "
                        "the {contract_coordination_percent} % of the hosting contract "
                        "'{contract_id}'"
                    ).format(
                        year=year,
                        spent=spent,
                        total=total,
                        share=share,
                        contract_coordination_percent=contract.coordination_percent,
                        contract_id=contract.id,
                    ),
                )


def check_reciprocity_not_entered_again(
    registry: Registry, funds: Mapping[str, Fund]
) -> Iterator[Diagnostic]:
    """An income record with the date and amount of a reciprocity payment to its commons (its
    amount incl. VAT, or the commons' part excl. VAT) is probably that payment entered twice."""
    payments: dict[tuple[str, datetime.date, Decimal], str] = {}
    for fund in funds.values():
        for income in fund.incomes:
            if income.type == "reciprocity":
                payments[(fund.commons, income.date, income.amount)] = income.id
    for payment in registry.payments:
        contract = registry.contracts.get(payment.contract)
        for commons_id in contract.commons_ids if contract is not None else ():
            payments.setdefault((commons_id, payment.date, payment.amount), payment.id)
    for record in registry.incomes:
        found = payments.get((record.commons, record.date, record.amount))
        if found is not None:
            yield registry.source("income", record.id).diagnostic(
                ("amount",),
                Code.POSSIBLE_DUPLICATE,
                _(
                    "same commons, date and amount as the reciprocity payment '{found}', "
                    "which is income of the commons already: was it entered twice?"
                ).format(found=found),
            )


def check_campaign_coordination(registry: Registry) -> Iterator[Diagnostic]:
    """A campaign's coordination lines are 10 % to 25 % of its budget (the field's practice)
    and no more than the `coordination_percent` of the hosting contract in force when it
    opens."""
    for campaign in registry.campaigns:
        share = campaign.coordination * HUNDRED / campaign.budget
        shown = share.quantize(Decimal("0.1"))
        contract = hosting_terms_on(registry, campaign.commons, campaign.opens)
        limit = None if contract is None else contract.coordination_percent
        why = None
        if limit is not None and share > limit:
            assert contract is not None
            why = _("above the {limit} % of the hosting contract '{contract_id}'").format(
                limit=limit, contract_id=contract.id
            )
        elif share < LOW_COORDINATION_PERCENT or share > HIGH_COORDINATION_PERCENT:
            why = _(
                "outside the {value} %-{value2} % a development step usually reserves "
                "for coordination and animation"
            ).format(value=LOW_COORDINATION_PERCENT, value2=HIGH_COORDINATION_PERCENT)
        if why is not None:
            yield registry.source("campaign", campaign.id).diagnostic(
                ("budget_lines",),
                Code.CAMPAIGN_COORDINATION_SHARE,
                _(
                    "coordination is {campaign_coordination} of the budget of "
                    "{campaign_budget}, {shown} %: {why}"
                ).format(
                    campaign_coordination=campaign.coordination,
                    campaign_budget=campaign.budget,
                    shown=shown,
                    why=why,
                ),
            )


def check_repayments(registry: Registry) -> Iterator[Diagnostic]:
    """An expense repays no more than its contributions are worth; each payout of it is made
    once they are recognised, and within what is left of their debt (oldest first)."""
    contributions = registry.contributions_by_id
    for expense in registry.expenses:
        named = [contributions[i] for i in expense.repays or () if i in contributions]
        worth = sum((c.value for c in named), ZERO)
        if named and expense.cost > worth:
            yield registry.source("expense", expense.id).diagnostic(
                ("hours",) if expense.amount is None else ("amount",),
                Code.REPAYMENT_ABOVE_DEBT,
                _(
                    "the expense pays {expense_cost}, but the contributions it repays are "
                    "worth {worth}: a repayment is never more than the debt"
                ).format(expense_cost=expense.cost, worth=worth),
            )
    ledger = debt_ledger(registry)
    for payout, work_id in ledger.unrecognised:
        yield registry.source("payout", payout.id).diagnostic(
            ("date",),
            Code.DEBT_NOT_RECOGNISED,
            _(
                "the contribution '{work_id}' is not recognised on {payout_date}: a debt "
                "is repaid once the community has approved it as the hosting contract "
                "asks"
            ).format(work_id=work_id, payout_date=payout.date),
        )
    for payout, amount in ledger.unplaced:
        yield registry.source("payout", payout.id).diagnostic(
            ("amount",),
            Code.REPAYMENT_ABOVE_DEBT,
            _(
                "{amount} of this payout is beyond what is left of the recognised debts "
                "the expense '{payout_expense}' repays"
            ).format(amount=amount, payout_expense=payout.expense),
        )


def check_votes(registry: Registry) -> Iterator[Diagnostic]:
    """A vote grades candidates of its ballot, each once, with the ballot's grades; a voter
    votes once (a later vote does not count) within the ballot's dates."""
    ballots = registry.ballots_by_id
    for vote in registry.votes:
        ballot = ballots.get(vote.ballot)
        if ballot is None:
            continue
        source = registry.source("vote", vote.id)
        grades = ballot_grades(ballot)
        candidates = [c.id for c in ballot.candidates]
        seen: set[str] = set()
        for index, given in enumerate(vote.grades):
            if given.candidate not in candidates:
                hint = did_you_mean(given.candidate, candidates)
                yield source.diagnostic(
                    ("grades", index, "candidate"),
                    Code.UNKNOWN_REFERENCE,
                    _(
                        "'{given_candidate}' is not a candidate of the ballot '{ballot_id}'{hint}"
                    ).format(given_candidate=given.candidate, ballot_id=ballot.id, hint=hint),
                )
            elif given.candidate in seen:
                yield source.diagnostic(
                    ("grades", index, "candidate"),
                    Code.DUPLICATE_CANDIDATE,
                    _("'{given_candidate}' is graded twice: one grade per candidate").format(
                        given_candidate=given.candidate
                    ),
                )
            seen.add(given.candidate)
            if given.grade not in grades:
                yield source.diagnostic(
                    ("grades", index, "grade"),
                    Code.UNKNOWN_GRADE,
                    _(
                        "'{given_grade}' is not a grade of the ballot '{ballot_id}'{suggestion} "
                        "(grades: {items})"
                    ).format(
                        given_grade=given.grade,
                        ballot_id=ballot.id,
                        suggestion=did_you_mean(given.grade, grades),
                        items=", ".join(grades),
                    ),
                )
    for ballot in registry.ballots:
        first: dict[str, str] = {}
        for vote, why in counted_votes(registry, ballot):
            source = registry.source("vote", vote.id)
            if why == "outside-dates":
                until = (
                    _(" to {ballot_closes}").format(ballot_closes=ballot.closes)
                    if ballot.closes is not None
                    else ""
                )
                yield source.diagnostic(
                    ("date",),
                    Code.VOTE_OUTSIDE_DATES,
                    _(
                        "the ballot '{ballot_id}' is open from {ballot_opens}{until}: a vote of "
                        "{vote_date} does not count"
                    ).format(
                        ballot_id=ballot.id,
                        ballot_opens=ballot.opens,
                        until=until,
                        vote_date=vote.date,
                    ),
                )
            elif why == "duplicate":
                earlier = first[same_person_text(vote.voter)]
                yield source.diagnostic(
                    ("voter",),
                    Code.DUPLICATE_VOTE,
                    _(
                        "{vote_voter} voted already (vote '{earlier}'): only the first vote counts"
                    ).format(vote_voter=vote.voter, earlier=earlier),
                )
            else:
                first[same_person_text(vote.voter)] = vote.id


FUND_RULES: tuple[FundRule, ...] = (
    check_payouts_approved,
    check_payouts_within_expense,
    check_fund_balance,
    check_coordination_share,
    check_reciprocity_not_entered_again,
)
"""The rules on the funds' computation, in this order."""


def check_funds(registry: Registry) -> Iterator[Diagnostic]:
    """Compute every fund once, then run each of :data:`FUND_RULES` on it."""
    funds = compute_funds(registry)
    for rule in FUND_RULES:
        yield from rule(registry, funds)


RULES: tuple[Rule, ...] = (
    check_funds,
    check_campaign_coordination,
    check_repayments,
    check_votes,
)
"""The rules of this folder, as validation runs them."""
