"""The report's data files: the figures as JSON and CSV, one yearly report per commons in the
spirit of the Open Source Pledge, and the hosted funds' yearly figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from commons_contracts.core.csvfile import csv_text
from commons_contracts.core.money import format_amount
from commons_contracts.funds.annual import AnnualFigures
from commons_contracts.report.figures import (
    CommonsReport,
    ContractEntry,
    Contributor,
    OtherContributors,
    ReportFigures,
)
from commons_contracts.report.privacy import Amounts


def _line_json(contributor: Contributor) -> dict[str, object]:
    return {
        "actor": contributor.actor_id,
        "name": contributor.name,
        "contracts": list(contributor.contracts),
        **contributor.amounts.as_json(),
    }


def _others_json(others: OtherContributors | None) -> dict[str, object] | None:
    if others is None:
        return None
    found: dict[str, object] = {"count": others.count, "published": others.published}
    if others.amounts is not None:
        found.update(others.amounts.as_json(with_overdue=False))
    return found


def _contract_json(entry: ContractEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "commons": [commons.id for commons in entry.commons],
        "host": entry.host.id if entry.host else None,
        "actor": entry.actor.id if entry.actor else None,
        "effective_date": entry.effective_date.isoformat(),
        "end_date": entry.end_date.isoformat() if entry.end_date else None,
        "status": entry.status.status,
        "signed": len(entry.status.signed),
        "signatories": len(entry.status.signed) + len(entry.status.missing),
        "changed_since_signature": entry.status.changed_since_signature,
        "version": entry.status.version,
        "amendments": [
            {
                "number": amendment.number,
                "effective_date": amendment.effective_date.isoformat(),
                "status": amendment.status,
                "signed": len(amendment.signing.signed),
                "signatories": len(amendment.signing.signed) + len(amendment.signing.missing),
            }
            for amendment in entry.status.amendments
        ],
    }


def figures_as_json(figures: ReportFigures) -> dict[str, object]:
    """The document written to `data/figures.json`: amounts as exact 2-place strings, dates ISO,
    lists rather than mappings keyed by id, and nothing about an unlisted actor but counts and,
    where the pooling rule allows, pooled amounts."""
    return {
        "registry": figures.registry_name,
        "as_of": figures.as_of.isoformat(),
        "currency": figures.currency,
        "pooling": {
            "min_actors": figures.rule.min_actors,
            "max_share_percent": str(figures.rule.max_share_percent),
            "unlisted_contracts": figures.unlisted_contracts,
            "amounts_withheld": figures.withheld,
        },
        "years": [{"year": year, **amounts.as_json()} for year, amounts in figures.years],
        "commons": [
            {
                "id": report.commons.id,
                "name": report.commons.name,
                "url": report.commons.url,
                "hosts": [host.id for host in report.hosts],
                "hosting_contracts": [entry.id for entry in report.hosting],
                "reciprocity_contracts": [entry.id for entry in report.reciprocity],
                "unlisted_actors": report.unlisted_actors,
                "partners": list(report.partners),
                "years": [
                    {
                        "year": year.year,
                        "contributors": [_line_json(c) for c in year.contributors],
                        "other_contributors": _others_json(year.others),
                        "total": year.total.as_json(),
                    }
                    for year in report.years
                ],
            }
            for report in figures.commons
        ],
        "contracts": [_contract_json(entry) for entry in figures.contracts],
    }


CSV_COLUMNS = (
    "commons",
    "year",
    "line",
    "actor",
    "name",
    "contributors",
    "revenue_excl_tax",
    "due_excl_tax",
    "vat",
    "due_incl_tax",
    "paid",
    "outstanding",
    "overdue",
)
"""The columns of `data/figures.csv`: one row per commons, year and published line."""


def _csv_amounts(amounts: Amounts | None, *, with_overdue: bool = True) -> list[str]:
    if amounts is None:
        return [""] * 7
    found = amounts.as_json(with_overdue=with_overdue)
    return [*found.values(), *([] if with_overdue else [""])]


def figures_as_csv(figures: ReportFigures, others_label: str) -> str:
    """`data/figures.csv`: a row per listed actor (`line` = actor) and per pool of unlisted
    actors (`line` = others, named `others_label`, amounts empty when withheld), for each
    commons and year. The published totals are the sums of these rows."""
    return csv_text(CSV_COLUMNS, _figure_rows(figures, others_label))


def _figure_rows(figures: ReportFigures, others_label: str) -> Iterator[list[str]]:
    for report in figures.commons:
        for year in report.years:
            prefix = [report.commons.id, str(year.year)]
            for contributor in year.contributors:
                yield [
                    *prefix,
                    "actor",
                    contributor.actor_id,
                    contributor.name,
                    "1",
                    *_csv_amounts(contributor.amounts),
                ]
            if year.others is not None:
                yield [
                    *prefix,
                    "others",
                    "",
                    others_label,
                    str(year.others.count),
                    *_csv_amounts(year.others.amounts, with_overdue=False),
                ]


def pledge_report(
    figures: ReportFigures, report: CommonsReport, others_label: str
) -> dict[str, object]:
    """`data/pledge/<commons>.json`: one commons' yearly report in the spirit of the Open Source
    Pledge format (`annualReports` with `dateYearEnding` and `monetaryPayments`), seen from the
    commons: who paid it what for each year, and the year's totals. Amounts are exact decimal
    strings in the registry's currency (the Pledge uses numbers in USD)."""
    annual = []
    for year in report.years:
        payments: list[dict[str, object]] = [
            {
                "from": c.name,
                "amount": format_amount(c.amounts.paid),
                "amountDue": format_amount(c.amounts.due_incl_tax),
            }
            for c in year.contributors
        ]
        withheld = 0
        if year.others is not None and year.others.amounts is not None:
            payments.append(
                {
                    "from": others_label,
                    "contributors": year.others.count,
                    "amount": format_amount(year.others.amounts.paid),
                    "amountDue": format_amount(year.others.amounts.due_incl_tax),
                }
            )
        elif year.others is not None:
            withheld = year.others.count
        total = year.total
        annual.append(
            {
                "year": year.year,
                "dateYearEnding": f"{year.year:04d}-12-31",
                "monetaryPayments": payments,
                "withheldContributors": withheld,
                "totals": {
                    "declaredRevenueExclTax": format_amount(total.revenue_excl_tax),
                    "dueExclTax": format_amount(total.due_excl_tax),
                    "dueInclTax": format_amount(total.due_incl_tax),
                    "paid": format_amount(total.paid),
                    "outstanding": format_amount(total.outstanding),
                },
            }
        )
    return {
        "formatVersion": 1,
        "commons": {
            "id": report.commons.id,
            "name": report.commons.name,
            "url": report.commons.url,
        },
        "hosts": [host.name for host in report.hosts],
        "currency": figures.currency,
        "asOf": figures.as_of.isoformat(),
        "annualReports": annual,
    }


def _fund_year_json(figures: AnnualFigures) -> dict[str, object]:
    return {
        "year": figures.year,
        "opening_balance": format_amount(figures.opening_balance),
        "income": {
            "total": format_amount(figures.income),
            "by_type": {k: format_amount(v) for k, v in figures.income_by_type.items()},
            "by_source": [
                {
                    "type": line.type,
                    "name": line.name,
                    "count": line.count,
                    "sources": line.sources,
                    "amount": format_amount(line.amount),
                    "host_fee": format_amount(line.host_fee),
                }
                for line in figures.sources
            ],
        },
        "host_fee": format_amount(figures.host_fee),
        "paid_out": {
            "total": format_amount(figures.paid_out),
            "by_category": {k: format_amount(v) for k, v in figures.paid_out_by_category.items()},
            "by_payee": [
                {
                    "name": line.name,
                    "payees": line.payees,
                    "payouts": line.payouts,
                    "amount": format_amount(line.amount),
                }
                for line in figures.payees
            ],
        },
        "closing_balance": format_amount(figures.closing_balance),
        "committed": format_amount(figures.committed),
    }


def funds_as_json(figures: ReportFigures) -> dict[str, object]:
    """`data/funds.json`: each commons' hosted fund per calendar year, the figures of its annual
    financial report, names as consent allows (`name` null: the pooled line of unnamed sources
    of a type, or of unnamed payees)."""
    return {
        "registry": figures.registry_name,
        "as_of": figures.as_of.isoformat(),
        "currency": figures.currency,
        "commons": [
            {
                "id": report.commons.id,
                "name": report.commons.name,
                "years": [_fund_year_json(year) for year in report.funds],
            }
            for report in figures.commons
        ],
    }
