"""The ledger: what every actor owes each commons, what was paid and what is late.

Joins the registry and the reversal computation: each reciprocity contract's terms, its
declarations and its payments go through
:func:`~commons_contracts.ledger.reversal.compute_reversal`, and the results are shaped for
`balance` (text, CSV, JSON) and for the reversal statement. Every contract counts, whatever its
signature status.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from commons_contracts.core.csvfile import csv_text
from commons_contracts.core.dates import period_label
from commons_contracts.core.money import ZERO, format_amount
from commons_contracts.errors import UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.ledger.reversal import (
    ContractReversal,
    PeriodFigures,
    ReversalTerms,
    TermsVersion,
    VersionedTerms,
    compute_reversal,
    reversal_as_json,
)
from commons_contracts.registry.model import Declaration, Payment, ReciprocityContract, Registry
from commons_contracts.registry.versions import versions


@dataclass(frozen=True)
class ContractBalance:
    """One reciprocity contract's reversal as of a date, with who owes whom."""

    contract: ReciprocityContract
    currency: str
    reversal: ContractReversal

    def as_json(self) -> dict[str, object]:
        """The contract entry of `balance --format json`."""
        return {
            "contract": self.contract.id,
            "actor": self.contract.actor,
            "host": self.contract.host,
            "currency": self.currency,
            **reversal_as_json(self.reversal),
        }


def reversal_terms(contract: ReciprocityContract) -> ReversalTerms:
    """The terms of one version of a contract that the computation needs."""
    return ReversalTerms(
        commons=contract.commons,
        tiers=contract.schedule,
        period=contract.period,
        payment_days=contract.payment_days,
        vat_rate_percent=contract.vat_rate_percent,
        annual_cap=contract.annual_cap,
        binding=contract.qualification == "royalty",
    )


def versioned_terms(registry: Registry, contract: ReciprocityContract) -> VersionedTerms:
    """A contract's terms through its amendments, each version from the day it takes effect."""
    return VersionedTerms(
        tuple(
            TermsVersion(
                version.start,
                version.amendments,
                reversal_terms(version.contract),  # type: ignore[arg-type]  # same kind
            )
            for version in versions(registry, contract)
        )
    )


def compute_balances(
    registry: Registry,
    as_of: datetime.date,
    *,
    contract_id: str | None = None,
    actor_id: str | None = None,
) -> list[ContractBalance]:
    """Every reciprocity contract's balance as of `as_of` (records dated after it are ignored),
    optionally for one contract or one actor, in contract id order."""
    contracts = registry.reciprocity_contracts()
    if contract_id is not None:
        contracts = [registry.reciprocity_contract(contract_id)]
    if actor_id is not None:
        if actor_id not in registry.parties:
            raise UsageError(_("no party with id '{actor_id}'").format(actor_id=actor_id))
        contracts = [c for c in contracts if c.actor == actor_id]
    declarations = _by_contract(registry.declarations)
    payments = _by_contract(registry.payments)
    invoiced = invoice_due_dates(registry, as_of)
    return [
        ContractBalance(
            contract,
            registry.workspace.currency,
            compute_reversal(
                versioned_terms(registry, contract),
                declarations.get(contract.id, []),
                payments.get(contract.id, []),
                as_of,
                due_dates=invoiced.get(contract.id),
            ),
        )
        for contract in contracts
    ]


def balance_entries(
    contract_id: str | None, actor_id: str | None
) -> Callable[[Registry], set[str]] | None:
    """The contracts whose declarations and payments :func:`compute_balances` reads with these
    choices, from the registry's other records (every contract's: None): one contract's
    balance needs only its own entries, with its terms, amendments and invoices."""
    if contract_id is not None:
        return lambda _registry: {contract_id}
    if actor_id is not None:
        return lambda registry: {
            contract.id
            for contract in registry.reciprocity_contracts()
            if contract.actor == actor_id
        }
    return None


def invoice_due_dates(
    registry: Registry, as_of: datetime.date
) -> dict[str, dict[str, datetime.date]]:
    """By contract and period, the due date of the periods invoiced up to `as_of`: that of the
    period's latest invoice (a complementary invoice gives the actor its own payment days; a
    credit note is paid by no one)."""
    found: defaultdict[str, dict[str, datetime.date]] = defaultdict(dict)
    for invoice in registry.invoices:
        if invoice.date > as_of or invoice.type != "invoice":
            continue
        periods = found[invoice.contract]
        known = periods.get(invoice.period)
        periods[invoice.period] = (
            invoice.due_date if known is None else max(known, invoice.due_date)
        )
    return dict(found)


_Entry = TypeVar("_Entry", Declaration, Payment)


def _by_contract(records: Iterable[_Entry]) -> dict[str, list[_Entry]]:
    grouped: defaultdict[str, list[_Entry]] = defaultdict(list)
    for record in records:
        grouped[record.contract].append(record)
    return grouped


def balances_as_json(balances: list[ContractBalance], as_of: datetime.date) -> dict[str, object]:
    """The document printed by `balance --format json`."""
    return {"as_of": as_of.isoformat(), "contracts": [b.as_json() for b in balances]}


CSV_COLUMNS = (
    "contract",
    "actor",
    "host",
    "currency",
    "period",
    "revenue_excl_tax",
    "due_excl_tax",
    "vat",
    "due_incl_tax",
    "paid",
    "outstanding",
    "payment_due_date",
    "overdue",
)
"""The columns of `balance --format csv`: one row per contract and period."""


def balances_as_csv(balances: list[ContractBalance]) -> str:
    """One CSV row per contract and period, amounts as exact decimals with a dot."""
    return csv_text(
        CSV_COLUMNS,
        (
            [
                balance.contract.id,
                balance.contract.actor,
                balance.contract.host,
                balance.currency,
                period.period,
                *(format_amount(amount) for amount in period.amounts),
                period.payment_due_date.isoformat(),
                "true" if period.overdue else "false",
            ]
            for balance in balances
            for period in balance.reversal.periods
        ),
    )


@dataclass(frozen=True)
class PeriodStatement:
    """What a reversal statement shows: one period of one contract, and what came before."""

    contract: ReciprocityContract
    currency: str
    period: PeriodFigures
    carried_balance: Decimal
    """What the earlier periods still owe (their outstanding amounts, incl. VAT), less the
    payments counted beyond every due (negative: a credit of the actor). Payments already
    applied to this period or to later ones are not part of it."""
    carried_overdue: Decimal
    """The part of the earlier periods' outstanding amounts that is already past due."""
    balance_due: Decimal
    """What the actor has to pay now: the carried balance plus this period's outstanding."""
    as_of: datetime.date


def period_statement(
    registry: Registry, contract_id: str, period: str, as_of: datetime.date
) -> PeriodStatement:
    """The figures of one period of a reciprocity contract, as of `as_of`."""
    contract = registry.reciprocity_contract(contract_id)
    (balance,) = compute_balances(registry, as_of, contract_id=contract_id)
    periods = {p.period: p for p in balance.reversal.periods}
    if period not in periods:
        example = period_label(contract.effective_date, contract.period)
        known = ", ".join(periods) or "none yet"
        raise UsageError(
            _(
                "'{contract_id}' has no declaration in period '{period}' as of {as_of} "
                "(periods are written like {example}; periods with declarations: {known})"
            ).format(
                contract_id=contract_id, period=period, as_of=as_of, example=example, known=known
            )
        )
    figures = periods[period]
    listed = balance.reversal.periods  # oldest first
    earlier = listed[: listed.index(figures)]
    # Money paid beyond every period's due stays unapplied: it is a credit, carried forward.
    unapplied = balance.reversal.paid - sum((p.paid for p in listed), ZERO)
    carried = sum((p.outstanding for p in earlier), ZERO) - unapplied
    return PeriodStatement(
        contract=contract,
        currency=balance.currency,
        period=figures,
        carried_balance=carried,
        carried_overdue=sum((p.outstanding for p in earlier if p.overdue), ZERO),
        balance_due=carried + figures.outstanding,
        as_of=as_of,
    )
