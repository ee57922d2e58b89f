"""From the money movements of a registry to the entries of the host's books.

Each kind of movement has one mapper: a function `(registry, chart, host, year)` that yields the
entries of that host's movements dated in that year, listed in :data:`MAPPERS`: reciprocity
**payments** and **invoices** (with their credit notes); the movements of hosted funds (incomes,
host fees, payouts, year-end dedicated funds) plug in as mappers of their own, and every export
takes them without change.

A reciprocity payment is money received in the bank (`512` debit) for the commons it pays: its
value excluding VAT is credited to the income account of the contract's qualification (`706`
for a royalty, `754` for a donation), one line per commons, with the commons as analytic
project, and its VAT to `44571`. The split follows the dues that the payment settles
(:mod:`commons_contracts.ledger.allocation`), counted with the declarations known at the end of
the exported year. The part of a payment that settles an invoiced period settles the
customer's account (`411`) instead, since its income was entered with the invoice
(:func:`invoice_entries`); with VAT on receipts, its VAT then moves from `4458` (waiting) to
`44571`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from commons_contracts.books.chart import Chart
from commons_contracts.books.journal import Entry, Journal, Line, Origin
from commons_contracts.core.money import ZERO
from commons_contracts.errors import UsageError
from commons_contracts.i18n.catalog import message
from commons_contracts.ledger.allocation import payment_values
from commons_contracts.ledger.balances import reversal_terms
from commons_contracts.registry.model import (
    Declaration,
    Party,
    Payment,
    ReciprocityContract,
    Registry,
)

Mapper = Callable[[Registry, Chart, str, int], Iterable[Entry]]
"""Yields the entries of one kind of movement of one host (a party id) dated in one year."""


def origin_of(registry: Registry, kind: str, record_id: str) -> Origin:
    """Where the record an entry is made from is written."""
    record = registry.source(kind, record_id)
    return Origin(record.display_path, record.start.line, record.start.column, kind, record_id)


def payment_entries(registry: Registry, chart: Chart, host: str, year: int) -> Iterator[Entry]:
    """One bank entry per reciprocity payment received by `host` in `year`."""
    declarations: defaultdict[str, list[Declaration]] = defaultdict(list)
    for declaration in registry.declarations:
        declarations[declaration.contract].append(declaration)
    payments: defaultdict[str, list[Payment]] = defaultdict(list)
    for payment in registry.payments:
        payments[payment.contract].append(payment)
    lang = registry.workspace.language
    year_end = datetime.date(year, 12, 31)
    for contract in registry.reciprocity_contracts():
        in_year = [p for p in payments[contract.id] if p.date.year == year]
        if contract.host != host or not in_year:
            continue
        invoiced = frozenset(i.period for i in registry.invoices if i.contract == contract.id)
        values = payment_values(
            reversal_terms(contract),
            declarations[contract.id],
            payments[contract.id],
            year_end,
            invoiced,
        )
        actor = registry.parties[contract.actor]
        royalty = contract.qualification == "royalty"
        income = chart.account("royalties" if royalty else "donations").number
        host_party = registry.parties[contract.host]
        on_receipts = not host_party.vat_on_debits
        label = message(
            "books_royalty_payment" if royalty else "books_donation_payment",
            lang,
            actor=actor.name,
            contract=contract.id,
        )
        for payment in sorted(in_year, key=lambda p: (p.date, p.id)):
            if payment.amount == ZERO:
                continue  # nothing moved
            value = values[payment.id]
            party = {"third_party": actor.id, "third_party_name": actor.name}
            lines = [Line.signed(chart.account("bank").number, payment.amount)]
            lines.extend(
                Line.signed(income, -part, project=commons_id, **party)
                for commons_id, part in value.excl_tax_by_commons.items()
                if part != ZERO
            )
            if value.vat != ZERO:
                lines.append(Line.signed(chart.account("vat_collected").number, -value.vat))
            if value.invoiced != ZERO:
                # The payment settles the invoices: the customer's account, and the VAT of
                # services falls due now, when the host pays it on receipts.
                lines.append(
                    Line.signed(chart.account("customers").number, -value.invoiced, **party)
                )
                if on_receipts and value.invoiced_vat != ZERO:
                    lines.append(
                        Line.signed(chart.account("vat_pending").number, value.invoiced_vat)
                    )
                    lines.append(
                        Line.signed(chart.account("vat_collected").number, -value.invoiced_vat)
                    )
            yield Entry(
                date=payment.date,
                journal="BQ",
                number=0,
                label=label,
                reference=payment.id,
                lines=tuple(lines),
                origin=origin_of(registry, "payment", payment.id),
                payment_reference=payment.reference,
            )


def invoice_entries(registry: Registry, chart: Chart, host: str, year: int) -> Iterator[Entry]:
    """One sales entry per invoice or credit note issued by `host` in `year`: the customer
    (`411`) owes the total, the royalty (`706`) is earned per commons, and the VAT is collected
    (`44571`) when the host opted for debits, else waits in `4458` until the invoice is paid."""
    lang = registry.workspace.language
    party_of = registry.parties
    for invoice in sorted(registry.invoices, key=lambda i: (i.date, i.sequence)):
        if invoice.host != host or invoice.date.year != year:
            continue
        contract = registry.contracts[invoice.contract]
        assert isinstance(contract, ReciprocityContract), "validated"
        actor = party_of[contract.actor]
        sign = -1 if invoice.type == "credit-note" else 1
        party = {"third_party": actor.id, "third_party_name": actor.name}
        lines = [
            Line.signed(chart.account("customers").number, sign * invoice.amount_incl_tax, **party)
        ]
        income = chart.account("royalties").number
        lines.extend(
            Line.signed(income, -sign * line.amount_excl_tax, project=line.commons, **party)
            for line in invoice.lines
        )
        if invoice.vat != ZERO:
            role = "vat_collected" if party_of[host].vat_on_debits else "vat_pending"
            lines.append(Line.signed(chart.account(role).number, -sign * invoice.vat))
        key = "books_credit_note" if invoice.type == "credit-note" else "books_invoice"
        yield Entry(
            date=invoice.date,
            journal="VT",
            number=0,
            label=message(key, lang, number=invoice.number, contract=contract.id, actor=actor.name),
            reference=invoice.number,
            lines=tuple(lines),
            origin=origin_of(registry, "invoice", invoice.id),
        )


MAPPERS: tuple[Mapper, ...] = (payment_entries, invoice_entries)
"""Every kind of money movement the books know, each as its mapper."""


def hosts(registry: Registry) -> list[Party]:
    """The parties that host at least one contract of the registry, by id."""
    ids = {contract.host for contract in registry.contracts.values()}
    return [registry.parties[i] for i in sorted(ids) if i in registry.parties]


def host_of(registry: Registry, host_id: str | None) -> Party:
    """The host whose books are kept: `host_id`, or the registry's only host (a
    :class:`UsageError` when there is none, or several and none is named)."""
    found = hosts(registry)
    if host_id is not None:
        for party in found:
            if party.id == host_id:
                return party
        known = ", ".join(p.id for p in found) or "none"
        raise UsageError(f"'{host_id}' hosts no contract of this registry (hosts: {known})")
    if not found:
        raise UsageError("no party of this registry hosts a contract: there are no books to keep")
    if len(found) > 1:
        names = ", ".join(p.id for p in found)
        raise UsageError(f"this registry has several hosts ({names}): say which with --host")
    return found[0]


def year_journal(registry: Registry, chart: Chart, host: str, year: int) -> Journal:
    """Every entry of `host`'s movements dated in `year`, numbered in date order."""
    return Journal.numbered(
        year, (entry for mapper in MAPPERS for entry in mapper(registry, chart, host, year))
    )
