"""The transparency report: who gives back to the commons, as a static site.

Two steps. :func:`report_figures` turns the ledger (:func:`~commons_contracts.ledger.
compute_balances`) into public figures per commons and calendar year, and applies the privacy
rule; :func:`build_report` renders those figures as HTML pages (Jinja2, autoescaped), a CSV and a
JSON export and one JSON report per commons, and writes every file atomically. The site works
from `file://` with no network: the stylesheet is inlined in every page, charts are inline SVG
and a Content-Security-Policy forbids loading anything.

How a contract's figures reach a commons (see docs/report.md):

* revenue declared on a contract covering several commons is split by the declaration's
  `commons_shares`, with the largest-remainder method the dues use, so the parts add up to the
  declaration's amount;
* the due excl. VAT of a commons is the sum of the declarations' `by_commons` parts;
* a period's VAT and the part of the payments the ledger applied to it are split between the
  commons in proportion to their dues (largest remainder), so every figure of a contract adds up
  exactly across its commons;
* a year's figures are those of the periods whose label starts with that year.

Privacy: the contracts of an actor who asked not to be listed (`public_listing: false`) are
pooled per commons and year into an "other contributors" line. A pool's amounts are published
only when it holds at least :attr:`PoolingRule.min_actors` distinct actors and no one of them
weighs more than :attr:`PoolingRule.max_share_percent` of any of its amounts (the threshold and
dominance rules of French business statistics); otherwise the line only says how many actors it
holds, and its amounts are left out of every total too, since a total minus the listed lines
would give them back. Every total of the report is a sum of published lines, so no difference
between two published figures isolates a withheld amount.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from babel.numbers import get_currency_name

from commons_contracts import wording
from commons_contracts.errors import RefusedError
from commons_contracts.ledger import ContractBalance, compute_balances
from commons_contracts.model import (
    Commons,
    HostingContract,
    Party,
    ReciprocityContract,
    Registry,
)
from commons_contracts.money import ZERO, format_amount, split_in_proportion
from commons_contracts.reversal import DeclarationDue, PeriodFigures
from commons_contracts.signatures import ContractStatus, contract_statuses
from commons_contracts.store import write_atomic

__all__ = [
    "Amounts",
    "CommonsReport",
    "CommonsYear",
    "ContractEntry",
    "Contributor",
    "OtherContributors",
    "PoolingRule",
    "ReportFigures",
    "ReportResult",
    "bar_chart",
    "build_report",
    "contract_cells",
    "figures_as_csv",
    "figures_as_json",
    "pledge_report",
    "report_figures",
    "texts",
]

_TEMPLATES = "report_templates"

INDEX_PAGE = "index.html"
COMMONS_FOLDER = "commons"
PLEDGE_FOLDER = "data/pledge"
FIGURES_CSV = "data/figures.csv"
FIGURES_JSON = "data/figures.json"


# --- figures ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amounts:
    """The money of one line of the report: declared, owed, paid, and what is overdue."""

    revenue_excl_tax: Decimal = ZERO
    due_excl_tax: Decimal = ZERO
    vat: Decimal = ZERO
    due_incl_tax: Decimal = ZERO
    paid: Decimal = ZERO
    overdue: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        """What is still to pay, incl. VAT (negative: paid more than due)."""
        return self.due_incl_tax - self.paid

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def as_json(self, *, with_overdue: bool = True) -> dict[str, str]:
        """The amounts as exact 2-place strings, as in `balance --format json`."""
        found = {
            "revenue_excl_tax": self.revenue_excl_tax,
            "due_excl_tax": self.due_excl_tax,
            "vat": self.vat,
            "due_incl_tax": self.due_incl_tax,
            "paid": self.paid,
            "outstanding": self.outstanding,
        }
        if with_overdue:
            found["overdue"] = self.overdue
        return {key: format_amount(value) for key, value in found.items()}


def _total(amounts: Iterable[Amounts]) -> Amounts:
    return sum(amounts, Amounts())


@dataclass(frozen=True)
class PoolingRule:
    """When the pooled amounts of unlisted actors may be published.

    A pool is published when it holds at least `min_actors` distinct actors and, for each of
    its amounts (declared, due excl. and incl. VAT, paid), no actor's part is above
    `max_share_percent` of the sum of the parts' absolute values. The defaults are the threshold
    and dominance rules of French business statistics (3 units, 85 %).
    """

    min_actors: int = 3
    max_share_percent: Decimal = Decimal(85)

    def allows(self, pool: Mapping[str, Amounts]) -> bool:
        """True when the pool of amounts by actor id may be published as one line."""
        if len(pool) < self.min_actors:
            return False
        for measure in ("revenue_excl_tax", "due_excl_tax", "due_incl_tax", "paid"):
            parts = [abs(getattr(amounts, measure)) for amounts in pool.values()]
            total = sum(parts, ZERO)
            if total and max(parts) * 100 > self.max_share_percent * total:
                return False
        return True


@dataclass(frozen=True)
class Contributor:
    """A listed actor's figures for one commons and one year (all its listed contracts)."""

    actor_id: str
    name: str
    contracts: tuple[str, ...]
    amounts: Amounts


@dataclass(frozen=True)
class OtherContributors:
    """The unlisted actors of one commons and year: how many, and their pooled amounts, or None
    when the pooling rule withholds them."""

    count: int
    amounts: Amounts | None

    @property
    def published(self) -> bool:
        """Whether the pooled amounts are shown."""
        return self.amounts is not None


@dataclass(frozen=True)
class CommonsYear:
    """One commons' figures for one calendar year; `total` sums the published lines only."""

    year: int
    contributors: tuple[Contributor, ...]
    others: OtherContributors | None
    total: Amounts


@dataclass(frozen=True)
class ContractEntry:
    """A contract as the report lists it, with its derived signature status."""

    id: str
    kind: str
    commons: tuple[Commons, ...]
    host: Party | None
    actor: Party | None
    effective_date: datetime.date
    end_date: datetime.date | None
    status: ContractStatus
    contract: HostingContract | ReciprocityContract


@dataclass(frozen=True)
class CommonsReport:
    """Everything the page of one commons shows."""

    commons: Commons
    hosting: tuple[ContractEntry, ...]
    reciprocity: tuple[ContractEntry, ...]
    unlisted_actors: int
    years: tuple[CommonsYear, ...]

    @property
    def total(self) -> Amounts:
        """The published amounts of every year."""
        return _total(year.total for year in self.years)

    @property
    def withheld(self) -> bool:
        """True when some pooled amounts of this commons are left out of its figures."""
        return any(y.others is not None and not y.others.published for y in self.years)

    @property
    def listed_actors(self) -> int:
        """How many distinct actors have a listed reciprocity contract for this commons."""
        return len({entry.actor.id if entry.actor else entry.id for entry in self.reciprocity})

    @property
    def hosts(self) -> tuple[Party, ...]:
        """The hosts of the commons, by their hosting contracts, without repeats."""
        found: dict[str, Party] = {}
        for entry in self.hosting:
            if entry.host is not None:
                found.setdefault(entry.host.id, entry.host)
        return tuple(found.values())


@dataclass(frozen=True)
class ReportFigures:
    """The public figures of a registry as of a date: per commons, per year, and the contracts."""

    registry_name: str
    as_of: datetime.date
    currency: str
    rule: PoolingRule
    commons: tuple[CommonsReport, ...]
    years: tuple[tuple[int, Amounts], ...]
    contracts: tuple[ContractEntry, ...]
    unlisted_contracts: int

    @property
    def withheld(self) -> bool:
        """True when some pooled amounts are left out of the report."""
        return any(report.withheld for report in self.commons)


Cell = tuple[str, int]
"""A commons id and a calendar year."""


def _revenue_parts(
    due: DeclarationDue, commons_ids: Sequence[str], shares: Mapping[str, Decimal] | None
) -> dict[str, Decimal]:
    # A single-commons declaration carries no shares (validation enforces it).
    if shares is None:
        return {commons_ids[0]: due.amount_excl_tax}
    return split_in_proportion(due.amount_excl_tax, shares)


def _period_parts(
    period: PeriodFigures,
    commons_ids: Sequence[str],
    shares: Mapping[str, Mapping[str, Decimal] | None],
) -> dict[str, Amounts]:
    revenue = dict.fromkeys(commons_ids, ZERO)
    due = dict.fromkeys(commons_ids, ZERO)
    for declaration in period.declarations:
        parts = _revenue_parts(declaration, commons_ids, shares.get(declaration.id))
        for commons_id, part in parts.items():
            revenue[commons_id] += part
        for commons_id, part in declaration.by_commons.items():
            due[commons_id] += part
    # VAT is charged on the period, and payments settle periods: both follow the dues.
    vat = split_in_proportion(period.vat, due)
    due_incl_tax = {commons_id: due[commons_id] + vat[commons_id] for commons_id in commons_ids}
    paid = split_in_proportion(period.paid, due_incl_tax)
    return {
        commons_id: Amounts(
            revenue_excl_tax=revenue[commons_id],
            due_excl_tax=due[commons_id],
            vat=vat[commons_id],
            due_incl_tax=due_incl_tax[commons_id],
            paid=paid[commons_id],
            overdue=due_incl_tax[commons_id] - paid[commons_id] if period.overdue else ZERO,
        )
        for commons_id in commons_ids
    }


def contract_cells(
    balance: ContractBalance, shares: Mapping[str, Mapping[str, Decimal] | None]
) -> dict[Cell, Amounts]:
    """A contract's amounts per (commons, year): its periods, split between its commons.

    `shares` gives each declaration's `commons_shares` by declaration id. The cells of a contract
    add up exactly to its periods' figures.
    """
    cells: defaultdict[Cell, Amounts] = defaultdict(Amounts)
    for period in balance.reversal.periods:
        year = int(period.period[:4])
        for commons_id, amounts in _period_parts(period, balance.contract.commons, shares).items():
            cells[(commons_id, year)] += amounts
    return dict(cells)


def _by_actor(
    cells: Sequence[tuple[ReciprocityContract, dict[Cell, Amounts]]], cell: Cell
) -> dict[str, tuple[list[str], Amounts]]:
    found: dict[str, tuple[list[str], Amounts]] = {}
    for contract, contract_cell in cells:
        if cell in contract_cell:
            ids, amounts = found.get(contract.actor, ([], Amounts()))
            found[contract.actor] = ([*ids, contract.id], amounts + contract_cell[cell])
    return found


def _commons_year(
    registry: Registry,
    listed: Sequence[tuple[ReciprocityContract, dict[Cell, Amounts]]],
    unlisted: Sequence[tuple[ReciprocityContract, dict[Cell, Amounts]]],
    cell: Cell,
    rule: PoolingRule,
) -> CommonsYear:
    contributors = sorted(
        (
            Contributor(actor_id, _party_name(registry, actor_id), tuple(ids), amounts)
            for actor_id, (ids, amounts) in _by_actor(listed, cell).items()
        ),
        key=lambda contributor: (contributor.name.casefold(), contributor.actor_id),
    )
    pool = {actor: amounts for actor, (_, amounts) in _by_actor(unlisted, cell).items()}
    others = None
    if pool:
        # Which pooled actor is late is not published: the line shows no overdue amount.
        pooled = replace(_total(pool.values()), overdue=ZERO)
        others = OtherContributors(len(pool), pooled if rule.allows(pool) else None)
    published = [c.amounts for c in contributors]
    if others is not None and others.amounts is not None:
        published.append(others.amounts)
    return CommonsYear(cell[1], tuple(contributors), others, _total(published))


def _listed(contract: HostingContract | ReciprocityContract) -> bool:
    # Only an actor can ask not to be listed; a hosting contract is always public.
    return not isinstance(contract, ReciprocityContract) or contract.public_listing


def _party_name(registry: Registry, party_id: str) -> str:
    party = registry.parties.get(party_id)
    return party.name if party is not None else party_id


def _contract_entry(
    registry: Registry, contract: HostingContract | ReciprocityContract, status: ContractStatus
) -> ContractEntry:
    actor = (
        registry.parties.get(contract.actor) if isinstance(contract, ReciprocityContract) else None
    )
    return ContractEntry(
        id=contract.id,
        kind=contract.kind,
        commons=tuple(registry.commons[c] for c in contract.commons_ids if c in registry.commons),
        host=registry.parties.get(contract.host),
        actor=actor,
        effective_date=contract.effective_date,
        end_date=contract.end_date,
        status=status,
        contract=contract,
    )


def _commons_report(
    registry: Registry,
    commons: Commons,
    cells: Sequence[tuple[ReciprocityContract, dict[Cell, Amounts]]],
    entries: Mapping[str, ContractEntry],
    rule: PoolingRule,
) -> CommonsReport:
    mine = [(c, contract_cell) for c, contract_cell in cells if commons.id in c.commons]
    listed = [item for item in mine if _listed(item[0])]
    unlisted = [item for item in mine if not _listed(item[0])]
    years = sorted(
        {year for _, contract_cell in mine for c, year in contract_cell if c == commons.id}
    )
    hosting = tuple(
        entries[contract.id]
        for contract in registry.contracts.values()
        if isinstance(contract, HostingContract) and contract.commons == commons.id
    )
    return CommonsReport(
        commons=commons,
        hosting=tuple(sorted(hosting, key=lambda e: (e.effective_date, e.id))),
        reciprocity=tuple(entries[c.id] for c, _ in listed),
        unlisted_actors=len({c.actor for c, _ in unlisted}),
        years=tuple(
            _commons_year(registry, listed, unlisted, (commons.id, year), rule) for year in years
        ),
    )


def report_figures(
    registry: Registry, as_of: datetime.date, *, rule: PoolingRule | None = None
) -> ReportFigures:
    """The public figures of `registry` as of `as_of`, with unlisted actors pooled by `rule`
    (default :class:`PoolingRule`): per commons and year, the listed actors' lines, the pooled
    line and their total; per year, the sum of the commons' totals; and every contract but the
    unlisted ones, with its signature status on `as_of`."""
    rule = rule or PoolingRule()
    shares = {d.id: d.commons_shares for d in registry.declarations}
    cells = [(b.contract, contract_cells(b, shares)) for b in compute_balances(registry, as_of)]
    statuses = {status.contract: status for status in contract_statuses(registry, as_of)}
    listed_contracts = {
        contract_id: contract
        for contract_id, contract in sorted(registry.contracts.items())
        if _listed(contract)
    }
    entries = {
        contract_id: _contract_entry(registry, contract, statuses[contract_id])
        for contract_id, contract in listed_contracts.items()
    }
    reports = tuple(
        _commons_report(registry, commons, cells, entries, rule)
        for _, commons in sorted(registry.commons.items())
    )
    by_year: defaultdict[int, Amounts] = defaultdict(Amounts)
    for report in reports:
        for year in report.years:
            by_year[year.year] += year.total
    return ReportFigures(
        registry_name=registry.workspace.name,
        as_of=as_of,
        currency=registry.workspace.currency,
        rule=rule,
        commons=reports,
        years=tuple(sorted(by_year.items())),
        contracts=tuple(entries.values()),
        unlisted_contracts=len(registry.contracts) - len(listed_contracts),
    )


# --- exports ------------------------------------------------------------------------------------


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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for report in figures.commons:
        for year in report.years:
            prefix = [report.commons.id, str(year.year)]
            for contributor in year.contributors:
                writer.writerow(
                    [
                        *prefix,
                        "actor",
                        contributor.actor_id,
                        contributor.name,
                        "1",
                        *_csv_amounts(contributor.amounts),
                    ]
                )
            if year.others is not None:
                writer.writerow(
                    [
                        *prefix,
                        "others",
                        "",
                        others_label,
                        str(year.others.count),
                        *_csv_amounts(year.others.amounts, with_overdue=False),
                    ]
                )
    return out.getvalue()


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


# --- charts -------------------------------------------------------------------------------------

CHART_WIDTH = 720
_VALUE_ROOM = 150  # room right of the longest bar for its amount
_LEGEND_HEIGHT = 34
_ROW_HEIGHT = 66
_BAR_HEIGHT = 14


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: where it is drawn and the amount it stands for, written out."""

    y: int
    width: float
    value: str


@dataclass(frozen=True)
class ChartRow:
    """A labelled pair of bars: due incl. VAT, then paid."""

    label: str
    label_y: int
    due: Bar
    paid: Bar


@dataclass(frozen=True)
class BarChart:
    """The geometry of a horizontal bar chart, drawn as inline SVG by the templates."""

    label: str
    width: int
    height: int
    bar_height: int
    rows: tuple[ChartRow, ...]


def bar_chart(
    label: str, lines: Sequence[tuple[str, Amounts]], money: Callable[[Decimal], str]
) -> BarChart:
    """A chart of due (incl. VAT) and paid per line, every bar on one scale. `label` names the
    chart for screen readers; the amounts are written beside the bars, and the page always shows
    them in a table too. Negative amounts (credits) draw no bar."""
    scale = max((max(a.due_incl_tax, a.paid) for _, a in lines), default=ZERO)
    room = CHART_WIDTH - _VALUE_ROOM

    def bar(y: int, value: Decimal) -> Bar:
        width = float(value / scale * room) if scale > 0 and value > 0 else 0.0
        # A small amount still shows as a sliver, so that "paid something" differs from zero.
        return Bar(y, max(width, 2.0) if value > 0 else 0.0, money(value))

    rows = []
    for index, (name, amounts) in enumerate(lines):
        top = _LEGEND_HEIGHT + index * _ROW_HEIGHT
        rows.append(
            ChartRow(
                label=name,
                label_y=top + 14,
                due=bar(top + 22, amounts.due_incl_tax),
                paid=bar(top + 22 + _BAR_HEIGHT + 4, amounts.paid),
            )
        )
    height = _LEGEND_HEIGHT + len(rows) * _ROW_HEIGHT
    return BarChart(label, CHART_WIDTH, height, _BAR_HEIGHT, tuple(rows))


# --- site ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportResult:
    """What `build_report` did: the files it wrote and the stale report files it removed."""

    out_dir: Path
    written: tuple[Path, ...]
    removed: tuple[Path, ...] = field(default=())

    @property
    def index(self) -> Path:
        """The report's home page."""
        return self.out_dir / INDEX_PAGE


def _resource(name: str) -> str:
    return (resources.files("commons_contracts") / _TEMPLATES / name).read_text(encoding="utf-8")


def texts(lang: str) -> dict[str, str]:
    """The report's words in `lang` ("fr" or "en"), from `report_templates/text.json`."""
    wording.check_language(lang)
    table: dict[str, dict[str, str]] = json.loads(_resource("text.json"))
    return table[lang]


class _Site:
    """The Jinja environment and helpers of one report in one language."""

    def __init__(self, figures: ReportFigures, lang: str) -> None:
        self.figures = figures
        self.lang = lang
        self.text = texts(lang)
        currency = figures.currency
        self.env = jinja2.Environment(
            loader=jinja2.FunctionLoader(_template_source),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(wording.jinja_filters(lang), web_url=_web_url)
        self.env.globals.update(
            t=self.text,
            lang=lang,
            report=figures,
            count=self.count,
            rate=self.rate,
            status=self.status,
            chart=self.chart,
            year_lines=self.year_lines,
            commons_lines=self.commons_lines,
            currency_name=str(
                get_currency_name(currency, count=2, locale=wording.babel_locale(lang))
            ),
            style=_resource("report.css"),
        )

    def count(self, key: str, number: int) -> str:
        """The text `key_one` or `key_other` for `number`, with `{n}` replaced."""
        # French uses the singular for 0 and 1, English for 1 only.
        one = number <= 1 if self.lang == "fr" else number == 1
        return self.text[f"{key}_{'one' if one else 'other'}"].replace("{n}", str(number))

    def rate(self, contract: ReciprocityContract) -> str:
        """A reciprocity contract's rate, or "progressive scale" for tiers."""
        if contract.flat_rate:
            return wording.percent(contract.tiers[0].rate_percent, self.lang)
        return self.text["progressive_rate"]

    def status(self, entry: ContractEntry) -> str:
        """A contract's status in words, with the "changed since signature" flag."""
        words = self.text[f"status_{entry.status.status}"]
        if entry.status.changed_since_signature:
            words = f"{words} ({self.text['changed_since_signature']})"
        return words

    def chart(self, label: str, lines: Sequence[tuple[str, Amounts]]) -> BarChart:
        """The bar chart of due and paid for these lines."""
        return bar_chart(
            label, lines, lambda amount: wording.money(amount, self.lang, self.figures.currency)
        )

    def year_lines(self, year: CommonsYear) -> list[tuple[str, Amounts]]:
        """The chart lines of one commons' year: its listed actors, then the pooled line when
        it is published (a withheld pool draws no bar at all)."""
        lines = [(line.name, line.amounts) for line in year.contributors]
        if year.others is not None and year.others.amounts is not None:
            lines.append((self.text["other_contributors"], year.others.amounts))
        return lines

    def commons_lines(self, year: int) -> list[tuple[str, Amounts]]:
        """The chart lines of one year on the index: each commons' published total."""
        lines = []
        for report in self.figures.commons:
            for commons_year in report.years:
                # A commons whose lines are all withheld has nothing to draw.
                if commons_year.year == year and self.year_lines(commons_year):
                    lines.append((report.commons.name, commons_year.total))
        return lines

    def page(self, template: str, root: str, current: str, **context: Any) -> bytes:
        """A rendered page: `root` leads back to the report's folder, `current` names the page
        for the navigation."""
        html = self.env.get_template(template).render(root=root, current=current, **context)
        return html.encode("utf-8")


def _template_source(name: str) -> str | None:
    try:
        return _resource(name)
    except FileNotFoundError:
        return None


def _web_url(url: str | None) -> str | None:
    # Only a web address becomes a link: a `javascript:` or `file:` URL in the data stays text.
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


def _others_label(text: Mapping[str, str]) -> str:
    return text["other_contributors"]


def _json_bytes(document: object) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _site_files(figures: ReportFigures, lang: str) -> dict[str, bytes]:
    site = _Site(figures, lang)
    others = _others_label(site.text)
    files = {INDEX_PAGE: site.page("index.html.j2", "", "index")}
    for report in figures.commons:
        commons_id = report.commons.id
        files[f"{COMMONS_FOLDER}/{commons_id}.html"] = site.page(
            "commons.html.j2", "../", f"commons:{commons_id}", commons=report
        )
        files[f"{PLEDGE_FOLDER}/{commons_id}.json"] = _json_bytes(
            pledge_report(figures, report, others)
        )
    files[FIGURES_CSV] = figures_as_csv(figures, others).encode("utf-8")
    files[FIGURES_JSON] = _json_bytes(figures_as_json(figures))
    return files


def _stale_files(out_dir: Path, written: set[Path]) -> list[Path]:
    # Only the report's own kinds of files: a commons page or Pledge report of a commons that
    # left the registry. Anything else in the folder is not ours to remove.
    stale = []
    for folder, pattern in ((COMMONS_FOLDER, "*.html"), (PLEDGE_FOLDER, "*.json")):
        for path in sorted((out_dir / folder).glob(pattern)):
            if path not in written and path.is_file():
                stale.append(path)
    return stale


def build_report(
    registry: Registry,
    out_dir: Path,
    lang: str,
    as_of: datetime.date,
    *,
    rule: PoolingRule | None = None,
) -> ReportResult:
    """Write the transparency report of `registry` as of `as_of` into `out_dir`, in `lang`.

    The site is `index.html`, one `commons/<id>.html` per commons, `data/figures.csv`,
    `data/figures.json` and one `data/pledge/<id>.json` per commons; each file is written
    atomically and replaces the previous report's, and the pages and Pledge reports of commons
    no longer in the registry are removed. Nothing else in `out_dir` is touched. Unlisted actors
    are pooled by `rule` (default :class:`PoolingRule`). Raises UsageError for an unsupported
    language and RefusedError when the folder cannot be written.
    """
    texts(lang)  # an unknown language fails before anything is computed
    files = _site_files(report_figures(registry, as_of, rule=rule), lang)
    written: list[Path] = []
    removed: list[Path] = []
    try:
        for relative, data in files.items():
            written.append(write_atomic(out_dir / relative, data, overwrite=True))
        for path in _stale_files(out_dir, set(written)):
            path.unlink()
            removed.append(path)
    except OSError as error:
        raise RefusedError(f"cannot write the report into {out_dir}: {error}") from error
    return ReportResult(out_dir, tuple(written), tuple(removed))
