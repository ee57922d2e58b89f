"""Readable terminal tables for reports (rich), in the language of the command line.

Presentation only: the figures come from :mod:`commons_contracts.ledger.balances` and
:mod:`commons_contracts.funds.fund`, already computed.
"""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from commons_contracts.funds.ballots import BallotResult
from commons_contracts.funds.campaigns import CampaignProgress
from commons_contracts.funds.debt import DebtLine
from commons_contracts.funds.fund import (
    CATEGORIES,
    CATEGORY_LABELS,
    INCOME_LABELS,
    INCOME_TYPES,
    FundSummary,
)
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.translation import current_language
from commons_contracts.i18n.wording import figures, long_date, percent
from commons_contracts.ledger.balances import ContractBalance
from commons_contracts.registry.model import Registry
from commons_contracts.registry.versions import hosting_terms_on

_COLUMNS = (
    "table_period",
    "table_revenue",
    "table_due",
    "table_vat",
    "table_due_incl",
    "table_paid",
    "table_outstanding",
    "table_due_by",
)


def voided_lines(balance: ContractBalance, lang: str) -> list[str]:
    """One line per declaration or payment of the contract that a void cancels: shown where
    the user looks for it, and said not to count."""
    return [
        message(
            f"table_voided_{entry.kind}",
            lang,
            id=entry.id,
            day=long_date(entry.date, lang),
            amount=figures(entry.amount, lang),
            voided_on=long_date(entry.voided_on, lang),
            reason=entry.reason,
        )
        for entry in balance.voided
    ]


def balance_tables(
    registry: Registry, balances: list[ContractBalance], as_of: datetime.date
) -> Group:
    """One table per contract: its periods (an overdue due date in red, with a `!`), its
    totals, then its balance and what is overdue."""
    lang = current_language()
    parts: list[Table | Text] = []
    for balance in balances:
        contract, result = balance.contract, balance.reversal
        title = message(
            "table_title",
            lang,
            contract=contract.id,
            actor=registry.parties[contract.actor].name,
            host=registry.parties[contract.host].name,
            day=long_date(as_of, lang),
        )
        parts.append(Text(title, style="bold"))
        table = Table(box=box.SIMPLE_HEAD, show_footer=True)
        footers = [
            message("table_total", lang),
            "",
            "",
            "",
            figures(result.due_incl_tax, lang),
            figures(result.paid, lang),
            figures(result.balance, lang),
            "",
        ]
        for index, (header, footer) in enumerate(zip(_COLUMNS, footers, strict=True)):
            table.add_column(
                message(header, lang),
                footer=footer,
                no_wrap=True,
                justify="left" if index in (0, 7) else "right",
            )
        for period in result.periods:
            due_date = period.payment_due_date.isoformat()
            table.add_row(
                period.period,
                *(figures(amount, lang) for amount in period.amounts),
                Text(f"{due_date} !", style="bold red") if period.overdue else due_date,
            )
        parts.append(table)
        summary = message(
            "table_balance",
            lang,
            balance=figures(result.balance, lang),
            overdue=figures(result.overdue, lang),
        )
        parts.append(Text(summary + "\n", style="bold red" if result.overdue else ""))
        parts.extend(Text(line + "\n") for line in voided_lines(balance, lang))
    if not parts:
        parts.append(Text(message("table_none", lang)))
    return Group(*parts)


def fund_tables(registry: Registry, summaries: list[FundSummary]) -> Group:
    """One table per commons: its income by type, the host fee, its payouts by category, what
    is available, committed and free (a negative amount in red)."""
    lang = current_language()
    parts: list[Table | Text] = []
    for summary in summaries:
        commons = registry.commons[summary.commons]
        hosting = hosting_terms_on(registry, summary.commons, summary.as_of)
        day = long_date(summary.as_of, lang)
        if hosting is not None and hosting.host in registry.parties:
            host = registry.parties[hosting.host].name
            title = message("fund_title", lang, commons=commons.name, host=host, day=day)
        else:
            title = message("fund_title_unhosted", lang, commons=commons.name, day=day)
        parts.append(Text(title, style="bold"))
        table = Table(box=None, show_header=False, padding=(0, 0, 0, 2))
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        row = functools.partial(_fund_row, table, lang)
        row(message("fund_income", lang), summary.income, strong=True)
        for kind in INCOME_TYPES:
            row(message(INCOME_LABELS[kind], lang), summary.income_by_type[kind], sub=True)
        row(message("fund_host_fee", lang), -summary.host_fee, strong=True)
        row(message("fund_paid_out", lang), -summary.paid_out, strong=True)
        for category in CATEGORIES:
            amount = summary.paid_out_by_category[category]
            row(message(CATEGORY_LABELS[category], lang), amount, sub=True)
        row(message("fund_available", lang), summary.available, strong=True)
        row(message("fund_committed", lang), summary.committed, sub=True)
        row(message("fund_uncommitted", lang), summary.uncommitted, sub=True)
        parts.extend([table, Text("")])
    if not parts:
        parts.append(Text(message("fund_none", lang)))
    return Group(*parts)


def _fund_row(
    table: Table, lang: str, label: str, amount: Decimal, *, strong: bool = False, sub: bool = False
) -> None:
    """A line of a fund's table: a label (indented under a total) and its amount, negative in
    red."""
    style = "bold" if strong else ""
    shown = Text(figures(amount, lang), style="bold red" if amount < 0 else style)
    table.add_row(Text(("    " if sub else "") + label, style=style), shown)


def campaign_tables(registry: Registry, progress: list[CampaignProgress]) -> Group:
    """One table per campaign: its budget and coordination share, what is matched, the target,
    what is pledged, received and left, its outcome, and the refunds of a missed
    all-or-nothing call."""
    lang = current_language()
    parts: list[Table | Text] = []
    for entry in progress:
        campaign = entry.campaign
        commons = registry.commons[campaign.commons].name
        title = message(
            "campaign_title",
            lang,
            title=campaign.title,
            campaign=campaign.id,
            commons=commons,
            opens=long_date(campaign.opens, lang),
            closes=long_date(campaign.closes, lang),
        )
        parts.append(Text(title, style="bold"))
        table = Table(box=None, show_header=False, padding=(0, 0, 0, 2))
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        row = functools.partial(_fund_row, table, lang)
        rule = message(f"campaign_rule_{campaign.rule}", lang)
        table.add_row(message("campaign_rule", lang), rule)
        row(message("campaign_budget", lang), entry.budget, strong=True)
        share = percent(entry.coordination_percent.quantize(Decimal("0.1")), lang)
        row(message("campaign_coordination", lang, share=share), campaign.coordination, sub=True)
        row(message("campaign_matched", lang), entry.matched, strong=True)
        for matched in entry.matched_shares:
            label = message(
                "campaign_matched_by",
                lang,
                funder=registry.payee_name(matched.funder),
                percent=percent(matched.percent, lang),
                eligible=figures(campaign.eligible_costs, lang),
            )
            if matched.capped:
                label += f", {message('campaign_capped', lang)}"
            row(label, matched.amount, sub=True)
        row(message("campaign_target", lang), entry.target, strong=True)
        row(message("campaign_pledged", lang), entry.pledged, sub=True)
        row(message("campaign_received", lang), entry.received, sub=True)
        row(message("campaign_remaining", lang), entry.remaining, sub=True)
        row(message("campaign_matching_received", lang), entry.matching_received)
        outcome = message(f"campaign_outcome_{entry.outcome}", lang)
        if entry.outcome == "reached" and entry.reached_on is not None:
            outcome = message("campaign_reached_on", lang, day=long_date(entry.reached_on, lang))
        table.add_row(Text(message("campaign_outcome", lang), style="bold"), outcome)
        for _, name, amount in entry.refunds:
            row(message("campaign_refund", lang, funder=name), amount, sub=True)
        parts.extend([table, Text("")])
    if not parts:
        parts.append(Text(message("campaign_none", lang)))
    return Group(*parts)


def debt_table(registry: Registry, lines: list[DebtLine], as_of: datetime.date) -> Group:
    """The contributive debt per commons and contributor: recognised, repaid, remaining, and
    what awaits recognition."""
    lang = current_language()
    if not lines:
        return Group(Text(message("debt_none", lang)))
    title = Text(message("debt_title", lang, day=long_date(as_of, lang)), style="bold")
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column(message("debt_commons", lang))
    table.add_column(message("debt_contributor", lang))
    for key in ("debt_recognised", "debt_repaid", "debt_remaining", "debt_pending"):
        table.add_column(message(key, lang), justify="right", no_wrap=True)
    for line in lines:
        table.add_row(
            registry.commons[line.commons].name,
            line.name,
            figures(line.recognised, lang),
            figures(line.repaid, lang),
            figures(line.remaining, lang),
            figures(line.pending, lang),
        )
    return Group(title, table)


def ballot_table(registry: Registry, question: str, result: BallotResult) -> Group:
    """A ballot's result in rank order: majority grade with its gauge sign, p and q, and with a
    budget each candidate's request and funding."""
    lang = current_language()
    title = Text(message("ballot_title", lang, question=question, voters=result.voters))
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column(message("ballot_rank", lang), justify="right")
    table.add_column(message("ballot_candidate", lang))
    table.add_column(message("ballot_majority_grade", lang))
    table.add_column(message("ballot_better", lang), justify="right")
    table.add_column(message("ballot_worse", lang), justify="right")
    with_budget = result.budget is not None
    if with_budget:
        table.add_column(message("ballot_requested", lang), justify="right")
        table.add_column(message("ballot_funding", lang))
    for entry in result.candidates:
        grade = (
            f"{entry.majority_grade}{entry.gauge_sign}"
            if entry.majority_grade is not None
            else message("ballot_no_vote", lang)
        )
        cells = [
            str(entry.rank),
            _candidate_name(registry, entry.candidate),
            grade,
            str(entry.better_share),
            str(entry.worse_share),
        ]
        if with_budget:
            cells.append(figures(entry.requested, lang) if entry.requested is not None else "")
            funding = entry.funding.value if entry.funding is not None else ""
            cells.append(message(f"ballot_funding_{funding}", lang) if funding else "")
        table.add_row(*cells)
    parts: list[Table | Text] = [Text(title.plain, style="bold"), table]
    if with_budget:
        assert result.budget is not None
        parts.append(
            Text(
                message(
                    "ballot_budget",
                    lang,
                    budget=figures(result.budget, lang),
                    funded=figures(result.funded_total or Decimal(0), lang),
                    remaining=figures(result.remaining or Decimal(0), lang),
                )
            )
        )
    return Group(*parts)


def _candidate_name(registry: Registry, candidate: str) -> str:
    """A candidate as people know it: the commons' name, or the campaign's title."""
    if candidate in registry.commons:
        return f"{registry.commons[candidate].name} ({candidate})"
    campaign = registry.campaigns_by_id.get(candidate)
    return f"{campaign.title} ({candidate})" if campaign is not None else candidate
