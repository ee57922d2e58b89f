"""The ledger: what every actor owes each commons, what was paid and what is late.

Joins the registry and the reversal computation: each reciprocity contract's terms, its
declarations and its payments go through
:func:`~commons_contracts.ledger.reversal.compute_reversal`, and the results are shaped for
`balance` (text, CSV, JSON) and for the reversal statement. Every contract counts, whatever its
signature status.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from commons_contracts.core.csvfile import csv_text
from commons_contracts.core.dates import period_label
from commons_contracts.core.money import ZERO, format_amount
from commons_contracts.core.processes import without_cycle_collection
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
from commons_contracts.registry.cache import Keeping, KeptResults
from commons_contracts.registry.model import Declaration, Payment, ReciprocityContract, Registry
from commons_contracts.registry.versions import versions


@dataclass(frozen=True)
class VoidedEntry:
    """A declaration or payment of a contract that a void cancels: shown with the contract's
    balance, and said not to count."""

    kind: str
    """`declaration` or `payment`."""
    id: str
    date: datetime.date
    amount: Decimal
    """A declaration's revenue excluding VAT, or a payment's amount."""
    voided_on: datetime.date
    reason: str


@dataclass(frozen=True)
class ContractBalance:
    """One reciprocity contract's reversal as of a date, with who owes whom."""

    contract: ReciprocityContract
    currency: str
    reversal: ContractReversal
    voided: tuple[VoidedEntry, ...] = ()
    """Its declarations and payments that voids cancel, in the order of the voids."""

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
    return _balances(registry, as_of, chosen_contracts(registry, contract_id, actor_id))


def chosen_contracts(
    registry: Registry, contract_id: str | None, actor_id: str | None
) -> list[ReciprocityContract]:
    """The reciprocity contracts, in id order: all of them, or the one `contract_id`, and with
    `actor_id` those of that actor only (a :class:`UsageError` for an unknown one)."""
    contracts = registry.reciprocity_contracts()
    if contract_id is not None:
        contracts = [registry.reciprocity_contract(contract_id)]
    if actor_id is not None:
        if actor_id not in registry.parties:
            raise UsageError(_("no party with id '{actor_id}'").format(actor_id=actor_id))
        contracts = [c for c in contracts if c.actor == actor_id]
    return contracts


def _balances(
    registry: Registry, as_of: datetime.date, contracts: Iterable[ReciprocityContract]
) -> list[ContractBalance]:
    with without_cycle_collection():  # every contract's periods: many objects, no cycles
        declarations = _by_contract(registry.declarations)
        payments = _by_contract(registry.payments)
        invoiced = invoice_due_dates(registry, as_of)
        voided = _voided_by_contract(registry)
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
                tuple(voided.get(contract.id, ())),
            )
            for contract in contracts
        ]


def _voided_by_contract(registry: Registry) -> dict[str, list[VoidedEntry]]:
    found: defaultdict[str, list[VoidedEntry]] = defaultdict(list)
    for void in registry.voids:
        record = registry.voided.get((void.target_kind, void.target))
        if not isinstance(record, (Declaration, Payment)):
            continue
        amount = record.amount_excl_tax if isinstance(record, Declaration) else record.amount
        found[record.contract].append(
            VoidedEntry(void.target_kind, record.id, record.date, amount, void.date, void.reason)
        )
    return found


def balance_entries(
    contract_id: str | None, actor_id: str | None
) -> Callable[[Registry], set[str]]:
    """The contracts whose declarations and payments :func:`compute_balances` reads with these
    choices, from the registry's other records: one contract's balance needs only its own
    entries, with its terms, amendments, invoices and voids."""
    if contract_id is not None:
        return lambda _registry: {contract_id}
    return lambda registry: {
        contract.id
        for contract in registry.reciprocity_contracts()
        if actor_id is None or contract.actor == actor_id
    }


KEPT_KIND = "balance"
"""The kind of results under which the cache keeps each contract's balance."""

KeptBalance = tuple[ContractReversal, tuple[VoidedEntry, ...]]
"""What the cache keeps of a contract's balance: every figure `balance` shows (its periods do
not list their declarations), and the entries voided."""


def balance_keeping(as_of: datetime.date) -> Keeping[KeptBalance]:
    """How the cache keeps each contract's balance as of `as_of` (see :func:`kept_balances`)."""
    return Keeping(
        KEPT_KIND, as_of.isoformat(), _kept_text, lambda text: _kept_from_text(text, as_of)
    )


def kept_balances(
    registry: Registry,
    kept: KeptResults[KeptBalance] | None,
    as_of: datetime.date,
    *,
    contract_id: str | None = None,
    actor_id: str | None = None,
) -> list[ContractBalance]:
    """The balances of :func:`compute_balances` with these choices: those the cache keeps
    (`kept`, of a registry read with :func:`balance_keeping`) as kept, the others computed
    from `registry` and kept in turn. A kept balance is the same as a computed one in
    everything `balance` shows; its periods do not list their declarations."""
    found = {} if kept is None else kept.found
    contracts = chosen_contracts(registry, contract_id, actor_id)
    computed = _balances(registry, as_of, [c for c in contracts if c.id not in found])
    if kept is not None:
        kept.keep({balance.contract.id: (balance.reversal, balance.voided) for balance in computed})
    by_id = {balance.contract.id: balance for balance in computed}
    currency = registry.workspace.currency
    return [
        by_id[c.id] if c.id in by_id else ContractBalance(c, currency, *found[c.id])
        for c in contracts
    ]


def _kept_text(kept: KeptBalance) -> str:
    reversal, voided = kept
    totals = (reversal.due_incl_tax, reversal.paid, reversal.balance, reversal.overdue)
    return json.dumps(
        {
            "periods": [
                [
                    period.period,
                    *map(str, period.amounts),
                    period.payment_due_date.isoformat(),
                    period.overdue,
                    list(period.amendments),
                ]
                for period in reversal.periods
            ],
            "by_commons": {commons: str(part) for commons, part in reversal.by_commons.items()},
            "totals": [str(amount) for amount in totals],
            "as_of": reversal.as_of.isoformat(),
            "voided": [
                [
                    entry.kind,
                    entry.id,
                    entry.date.isoformat(),
                    str(entry.amount),
                    entry.voided_on.isoformat(),
                    entry.reason,
                ]
                for entry in voided
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _kept_from_text(text: str, as_of: datetime.date) -> KeptBalance:
    """What :func:`_kept_text` wrote of a balance as of `as_of`; ValueError for anything
    else."""
    try:
        kept = json.loads(text)
        if kept["as_of"] != as_of.isoformat():
            raise ValueError("a balance kept as of another day")
        due_incl_tax, paid, balance, overdue = map(_amount, kept["totals"])
        reversal = ContractReversal(
            tuple(map(_period_from_row, kept["periods"])),
            {commons: _amount(part) for commons, part in kept["by_commons"].items()},
            due_incl_tax,
            paid,
            balance,
            overdue,
            as_of,
        )
        voided = tuple(map(_voided_from_row, kept["voided"]))
    except (TypeError, LookupError, ArithmeticError, AttributeError, RecursionError) as error:
        raise ValueError("not a kept balance") from error
    return reversal, voided


def _voided_from_row(row: object) -> VoidedEntry:
    kind, entry_id, day, amount, voided_on, reason = _row(row, 6)
    return VoidedEntry(
        _text(kind),
        _text(entry_id),
        datetime.date.fromisoformat(day),
        _amount(amount),
        datetime.date.fromisoformat(voided_on),
        _text(reason),
    )


def _period_from_row(row: object) -> PeriodFigures:
    period, revenue, due, vat, due_incl, paid, outstanding, due_date, overdue, amendments = _row(
        row, 10
    )
    if type(overdue) is not bool or not all(type(number) is int for number in amendments):
        raise ValueError("not a period")
    return PeriodFigures(
        _text(period),
        revenue_excl_tax=_amount(revenue),
        due_excl_tax=_amount(due),
        vat=_amount(vat),
        due_incl_tax=_amount(due_incl),
        paid=_amount(paid),
        outstanding=_amount(outstanding),
        payment_due_date=datetime.date.fromisoformat(due_date),
        overdue=overdue,
        declarations=(),
        amendments=tuple(amendments),
    )


def _row(value: object, length: int) -> list[Any]:
    if not isinstance(value, list) or len(value) != length:
        raise ValueError("not a row of a kept balance")
    return value


def _amount(value: object) -> Decimal:
    amount = Decimal(_text(value))
    if not amount.is_finite():
        raise ValueError("not an amount")
    return amount


def _text(value: object) -> str:
    if type(value) is not str:
        raise ValueError("not a text")
    return value


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
