"""The report's public figures: the ledger turned into figures per commons and calendar year,
with the privacy rule applied (see docs/report.md).

How a contract's figures reach a commons:

* revenue declared on a contract covering several commons is split by the declaration's
  `commons_shares`, with the largest-remainder method the dues use, so the parts add up to the
  declaration's amount;
* the due excl. VAT of a commons is the sum of the declarations' `by_commons` parts;
* a period's VAT and the part of the payments the ledger applied to it are split between the
  commons in proportion to their dues (largest remainder), so every figure of a contract adds up
  exactly across its commons;
* a year's figures are those of the periods whose label starts with that year.

The hosted fund of each commons is shown per calendar year with the figures of its annual
financial report (:mod:`commons_contracts.funds.annual`): the same names, the same pooled lines.

Privacy: the contracts of an actor who did not consent to be listed (`public_listing` not
true, or the contract that records the consent not signed) are pooled per commons and year
into an "other contributors" line, published only as
:class:`~commons_contracts.report.privacy.PoolingRule` allows; otherwise the line only says how
many actors it holds, and its amounts are left out of every total too, since a total minus the
listed lines would give them back. Every total of the report is a sum of published lines, so no
difference between two published figures isolates a withheld amount.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from commons_contracts.core.money import ZERO, split_in_proportion
from commons_contracts.funds.annual import AnnualFigures, annual_figures
from commons_contracts.funds.fund import Fund, compute_funds
from commons_contracts.ledger.balances import ContractBalance, compute_balances
from commons_contracts.ledger.reversal import DeclarationDue, PeriodFigures
from commons_contracts.registry.model import (
    Commons,
    HostingContract,
    Party,
    ReciprocityContract,
    Registry,
)
from commons_contracts.report.privacy import Amounts, PoolingRule, total_amounts
from commons_contracts.signatures.lifecycle import ContractStatus, contract_statuses


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
    funds: tuple[AnnualFigures, ...] = ()
    """The hosted fund's figures per calendar year, from its first movement to the as-of
    year, names as consent allows (docs/funds.md); empty when the fund never moved."""
    partners: tuple[str, ...] = ()
    """The names of the actors whose royalty contract for this commons is in force: the
    listing as partner that the contract grants them, consent to figures or not."""

    @property
    def total(self) -> Amounts:
        """The published amounts of every year."""
        return total_amounts(year.total for year in self.years)

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
    *,
    history: Sequence[Sequence[tuple[ReciprocityContract, dict[Cell, Amounts]]]] = (),
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
        pooled = replace(total_amounts(pool.values()), overdue=ZERO)
        # The same pool at each quarter's end before, so that no two reports' difference
        # gives one actor's figures away (PoolingRule.allows_series).
        series = [
            {actor: amounts for actor, (_, amounts) in _by_actor(earlier, cell).items()}
            for earlier in history
        ]
        allowed = rule.allows_series([*series, pool])
        others = OtherContributors(len(pool), pooled if allowed else None)
    published = [c.amounts for c in contributors]
    if others is not None and others.amounts is not None:
        published.append(others.amounts)
    return CommonsYear(cell[1], tuple(contributors), others, total_amounts(published))


_SIGNED = frozenset({"signed", "in-force", "expired", "terminated"})


def _listed(
    registry: Registry, contract: HostingContract | ReciprocityContract, status: ContractStatus
) -> bool:
    # A hosting contract is always public. An actor is named only with its consent (free,
    # separate from the price, withdrawable), recorded in its contract, and once the contract
    # recording it is signed: an unsigned consent is no consent.
    if not isinstance(contract, ReciprocityContract):
        return True
    return registry.consents_to_listing(contract) and status.status in _SIGNED


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
        end_date=status.end,
        status=status,
        contract=contract,
    )


def _commons_report(  # noqa: PLR0917  # the pieces each commons takes its part of
    registry: Registry,
    commons: Commons,
    cells: Sequence[tuple[ReciprocityContract, dict[Cell, Amounts]]],
    entries: Mapping[str, ContractEntry],
    rule: PoolingRule,
    fund: Fund,
    *,
    statuses: Mapping[str, ContractStatus],
    history: Sequence[Sequence[tuple[ReciprocityContract, dict[Cell, Amounts]]]] = (),
) -> CommonsReport:
    mine = [(c, contract_cell) for c, contract_cell in cells if commons.id in c.commons]
    history = [[(c, cc) for c, cc in earlier if commons.id in c.commons] for earlier in history]
    listed = [item for item in mine if item[0].id in entries]
    unlisted = [item for item in mine if item[0].id not in entries]
    years = sorted(
        {year for _, contract_cell in mine for c, year in contract_cell if c == commons.id}
    )
    hosting = tuple(
        entries[contract.id]
        for contract in registry.contracts.values()
        if isinstance(contract, HostingContract) and contract.commons == commons.id
    )
    partners = sorted(
        {
            _party_name(registry, contract.actor)
            for contract in registry.reciprocity_contracts()
            if commons.id in contract.commons
            and contract.qualification == "royalty"
            and statuses[contract.id].status == "in-force"
        },
        key=str.casefold,
    )
    return CommonsReport(
        commons=commons,
        hosting=tuple(sorted(hosting, key=lambda e: (e.effective_date, e.id))),
        reciprocity=tuple(entries[c.id] for c, _ in listed),
        unlisted_actors=len({c.actor for c, _ in unlisted}),
        years=tuple(
            _commons_year(
                registry,
                listed,
                unlisted,
                (commons.id, year),
                rule,
                history=[[item for item in h if item[0].id not in entries] for h in history],
            )
            for year in years
        ),
        funds=tuple(annual_figures(registry, fund, year, rule.threshold) for year in fund.years),
        partners=tuple(partners),
    )


def quarter_ends_before(registry: Registry, as_of: datetime.date) -> list[datetime.date]:
    """The last day of every quarter from the first declaration's to before `as_of`: the
    dates at which the pooled figures are compared (see PoolingRule.allows_series)."""
    dates = [d.date for d in registry.declarations if d.date < as_of]
    if not dates:
        return []
    found: list[datetime.date] = []
    year, quarter = min(dates).year, (min(dates).month - 1) // 3
    while True:
        month = 3 * quarter + 3
        end = (
            datetime.date(year, 12, 31)
            if month == 12
            else datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
        )
        if end >= as_of:
            return found
        found.append(end)
        year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)


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
        if _listed(registry, contract, statuses[contract_id])
    }
    entries = {
        contract_id: _contract_entry(registry, contract, statuses[contract_id])
        for contract_id, contract in listed_contracts.items()
    }
    history = [
        [(b.contract, contract_cells(b, shares)) for b in compute_balances(registry, day)]
        for day in quarter_ends_before(registry, as_of)
    ]
    funds = compute_funds(registry)
    reports = tuple(
        _commons_report(
            registry,
            commons,
            cells,
            entries,
            rule,
            funds[commons_id].until(as_of),
            statuses=statuses,
            history=history,
        )
        for commons_id, commons in sorted(registry.commons.items())
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
