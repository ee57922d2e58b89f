"""The life of a contract: its terms in force on a day, and the day it ends.

A signed contract is never edited in place: a change of terms is an amendment (DESIGN.md
section 11). The **terms in force on a day** are the contract's record with the `changes` of
every amendment effective on or before that day applied in number order (a change to `null`
removes the field). A contract ends on its `end_date`; one with `duration_months` ends after
that many months, or, with `renewal: tacit`, renews for the same duration while no termination
is recorded; a termination ends it on its effective day (the day of notice plus the notice of
the terms in force then, when it does not say).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from commons_contracts.core.dates import add_months
from commons_contracts.registry.model import (
    BUILDERS,
    Amendment,
    Contract,
    HostingContract,
    Registry,
    Termination,
)
from commons_contracts.registry.schemas import kind_schemas

FIXED_FIELDS = frozenset({"kind", "id", "host", "actor", "commons", "period", "qualification"})
"""Fields an amendment cannot change: the parties, the commons, the period and the
qualification make another contract."""


@dataclass(frozen=True, slots=True)
class Version:
    """The terms of a contract from a day on, until the next version."""

    start: datetime.date
    """The first day these terms are in force."""
    amendments: tuple[int, ...]
    """The numbers of the amendments applied, in order (empty: the contract as signed)."""
    contract: Contract
    """The contract with those amendments applied."""


def amendments_of(registry: Registry, contract_id: str) -> tuple[Amendment, ...]:
    """The amendments of a contract, in number order."""
    return tuple(
        sorted(
            (a for a in registry.amendments if a.contract == contract_id),
            key=lambda a: (a.number, a.id),
        )
    )


def apply_changes(data: Mapping[str, Any], amendments: Sequence[Amendment]) -> dict[str, Any]:
    """A contract record's data with the changes of `amendments` applied in their order."""
    merged = dict(data)
    for amendment in amendments:
        for field, value in amendment.changes.items():
            if value is None:
                merged.pop(field, None)
            else:
                merged[field] = value
    return merged


def _built(registry: Registry, contract: Contract, amendments: Sequence[Amendment]) -> Contract:
    if not amendments:
        return contract
    data = registry.source(contract.kind, contract.id).data
    merged = apply_changes(data, amendments)
    # Changes that make the contract fail its schema are an error of their amendment
    # (life_rules.check_amendments reports it, and the registry is then refused): the other
    # rules, which run first, see the contract without them rather than fail on them.
    if not kind_schemas()[contract.kind].is_valid(merged):
        return contract
    built: Contract = BUILDERS[contract.kind](merged)
    return built


def versions(registry: Registry, contract: Contract) -> tuple[Version, ...]:
    """Every version of a contract's terms, oldest first: the first in force from the
    contract's effective date, then one from each day an amendment takes effect."""
    amendments = amendments_of(registry, contract.id)
    days = sorted({contract.effective_date, *(a.effective_date for a in amendments)})
    found: list[Version] = []
    for day in days:
        if day < contract.effective_date:
            continue  # an amendment dated before the contract is an error of its own
        applied = tuple(a for a in amendments if a.effective_date <= day)
        numbers = tuple(a.number for a in applied)
        if found and found[-1].amendments == numbers:
            continue
        found.append(Version(day, numbers, _built(registry, contract, applied)))
    return tuple(found)


def version_on(found: Sequence[Version], day: datetime.date) -> Version:
    """The version in force on `day` (the first one before the contract starts)."""
    current = found[0]
    for version in found[1:]:
        if version.start <= day:
            current = version
    return current


def terms_on(registry: Registry, contract: Contract, day: datetime.date) -> Contract:
    """The contract's terms in force on `day`."""
    return version_on(versions(registry, contract), day).contract


def termination_of(registry: Registry, contract_id: str) -> Termination | None:
    """The termination of a contract that takes effect first, if any."""
    found = [t for t in registry.terminations if t.contract == contract_id]
    return (
        min(found, key=lambda t: (termination_day(registry, t) or t.notified_on, t.id))
        if found
        else None
    )


def termination_day(registry: Registry, termination: Termination) -> datetime.date | None:
    """The last day of a terminated contract: the termination's `effective_on`, or the day of
    notice plus the notice (`notice_days` or `breach_notice_days`) of the terms in force then;
    None when the contract is unknown."""
    if termination.effective_on is not None:
        return termination.effective_on
    contract = registry.contracts.get(termination.contract)
    if contract is None:
        return None
    terms = terms_on(registry, contract, termination.notified_on)
    days = terms.notice_days if termination.reason == "notice" else terms.breach_notice_days
    return termination.notified_on + datetime.timedelta(days=days)


def _term_end(contract: Contract, terms: int) -> datetime.date | None:
    """The last day of the contract's `terms`-th term (None: no duration)."""
    if not isinstance(contract, HostingContract) or contract.duration_months is None:
        return contract.end_date
    return add_months(
        contract.effective_date, terms * contract.duration_months
    ) - datetime.timedelta(1)


def _renews(contract: Contract) -> bool:
    return (
        isinstance(contract, HostingContract)
        and contract.end_date is None
        and contract.duration_months is not None
        and contract.renewal == "tacit"
    )


def final_end(registry: Registry, contract: Contract) -> datetime.date | None:
    """The contract's last day, whenever it is asked: its termination's, else the end of its
    latest terms (None: it runs on, open-ended or renewed tacitly while nothing ends it)."""
    termination = termination_of(registry, contract.id)
    ended = termination_day(registry, termination) if termination is not None else None
    latest = versions(registry, contract)[-1].contract
    natural = None if _renews(latest) else _term_end(latest, 1)
    candidates = [day for day in (ended, natural) if day is not None]
    return min(candidates) if candidates else None


def current_end(registry: Registry, contract: Contract, day: datetime.date) -> datetime.date | None:
    """The end of the contract as it stands on `day`: the end of its current term when it
    renews tacitly (never after its termination), else its final end."""
    final = final_end(registry, contract)
    terms = terms_on(registry, contract, day)
    if not _renews(terms):
        return final
    term = 1
    end = _term_end(terms, term)
    while end is not None and end < day and (final is None or end < final):
        term += 1
        end = _term_end(terms, term)
    if final is not None and (end is None or final < end):
        return final
    return end


def hosts_on(registry: Registry, contract: HostingContract, day: datetime.date) -> bool:
    """Whether a hosting contract hosts its commons on `day`: from its effective date, whatever
    its signatures, to its final end (its termination, or the end of a contract that is not
    renewed tacitly)."""
    if day < contract.effective_date:
        return False
    end = final_end(registry, contract)
    return end is None or day <= end


def hosting_terms_on(
    registry: Registry, commons_id: str, day: datetime.date
) -> HostingContract | None:
    """The terms in force on `day` of the hosting contract that hosts `commons_id` that day (the
    latest to take effect when several do: a successor host takes over), or None when no
    contract hosts it then. The host fee, hourly range, approval rule, coordination share and
    dispute period of a hosted fund are read from these terms."""
    for contract in registry.hosting_by_commons.get(commons_id, ()):
        if hosts_on(registry, contract, day):
            terms = terms_on(registry, contract, day)
            assert isinstance(terms, HostingContract)
            return terms
    return None


def contribution_terms(
    registry: Registry, commons_id: str, day: datetime.date
) -> HostingContract | None:
    """The hosting terms that value and recognise work done for `commons_id` up to `day` (a
    contribution's last day): those in force that day, or, for work done before any host
    hosted the commons (a founder's early work, the usual contributive debt), the first terms of
    the first hosting contract that took effect after it. None when the commons has no hosting
    contract at all."""
    terms = hosting_terms_on(registry, commons_id, day)
    if terms is not None:
        return terms
    later = [c for c in registry.hosting_by_commons.get(commons_id, ()) if c.effective_date > day]
    if not later:
        return None
    first = min(later, key=lambda c: (c.effective_date, c.id))
    found = terms_on(registry, first, first.effective_date)
    assert isinstance(found, HostingContract)
    return found
