"""Invoices of royalties and tax receipts of donations: what to issue, their numbers, their
Factur-X form, and the rules every issued one must keep (DESIGN.md section 13).

An invoice (or a credit note) invoices what one period of a royalty reciprocity contract owes
and was not invoiced yet: the period's due excluding VAT per commons, counted with the
declarations dated up to the invoice date, less what the period's earlier invoices and credit
notes already invoiced. A positive difference is an invoice; a negative one a credit note that
refers to the contract's last invoice before it. Every invoice and credit note of a host takes
the next number of one unbroken chronological sequence (:func:`next_sequence`), under the
registry lock of the command that writes it; a tax receipt likewise, in the host's sequence of
receipts. :func:`check_invoices` and :func:`check_receipts` are rules of `validate`, so that a
gap or a duplicate (two clones that both issued, then merged) is found.

This module knows no template and writes nothing: the documents are made in
:mod:`commons_contracts.documents.issuing`.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Protocol

from commons_contracts.core.dates import period_end, period_label
from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.money import HUNDRED, ZERO, format_amount, round_cents
from commons_contracts.errors import UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.ledger.balances import compute_balances
from commons_contracts.registry.model import (
    Invoice,
    Party,
    Payment,
    Receipt,
    ReciprocityContract,
    Registry,
)
from commons_contracts.registry.versions import version_on, versions

_PERIOD = re.compile(r"^([0-9]{4})(?:-Q([1-4])|-([0-9]{2}))?$")


def period_bounds(label: str) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day of the period `label` (`2026-11`, `2026-Q4`, `2026`), or None when
    it is not a period label."""
    match = _PERIOD.fullmatch(label)
    if match is None:
        return None
    year = int(match[1])
    if match[2]:
        first = datetime.date(year, (int(match[2]) - 1) * 3 + 1, 1)
        return first, period_end(first, "quarter")
    if match[3]:
        month = int(match[3])
        if not 1 <= month <= 12:  # the months of a year
            return None
        first = datetime.date(year, month, 1)
        return first, period_end(first, "month")
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _kind_of(label: str) -> str:
    return "quarter" if "Q" in label else "month" if "-" in label else "year"


# --- what an invoice invoices ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvoiceToIssue:
    """The next invoice or credit note of a period, before it has a number."""

    contract: ReciprocityContract
    period: str
    type: Literal["invoice", "credit-note"]
    date: datetime.date
    due_date: datetime.date
    lines: Mapping[str, Decimal]
    """Per commons, the positive amount excluding VAT."""
    vat_rate_percent: Decimal
    corrects: Invoice | None

    @property
    def amount_excl_tax(self) -> Decimal:
        """The sum of the lines."""
        return sum(self.lines.values(), ZERO)

    @property
    def vat(self) -> Decimal:
        """The VAT, rounded once on the total (as EN 16931 counts it per rate)."""
        return round_cents(self.amount_excl_tax * self.vat_rate_percent / HUNDRED)


def invoices_of(registry: Registry, contract_id: str) -> list[Invoice]:
    """The invoices and credit notes of a contract, in sequence order."""
    return sorted(
        (i for i in registry.invoices if i.contract == contract_id),
        key=lambda i: (i.date, i.sequence),
    )


def invoiced_by_commons(invoices: Iterable[Invoice]) -> dict[str, Decimal]:
    """What `invoices` invoiced excluding VAT per commons, credit notes taken off."""
    found: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for invoice in invoices:
        sign = -1 if invoice.type == "credit-note" else 1
        for line in invoice.lines:
            found[line.commons] += sign * line.amount_excl_tax
    return dict(found)


def royalty_contract(registry: Registry, contract_id: str) -> ReciprocityContract:
    """The royalty reciprocity contract `contract_id`, or a :class:`UsageError` saying why
    there is none to invoice."""
    contract = registry.reciprocity_contract(contract_id)
    if contract.qualification != "royalty":
        raise UsageError(
            _(
                "'{contract_id}' is a donation contract: a gift is not invoiced (a host "
                "that may issue tax receipts issues one per payment: `receipt PAYMENT`)"
            ).format(contract_id=contract_id)
        )
    return contract


def invoice_to_issue(
    registry: Registry, contract_id: str, period: str, day: datetime.date
) -> InvoiceToIssue | None:
    """What an invoice of `period` dated `day` invoices: the period's due per commons with the
    declarations dated up to `day`, less what was already invoiced for it; None when nothing
    is left to invoice. A :class:`UsageError` for a period that is not one of the contract's,
    that has no declaration, or that has not ended on `day`."""
    contract = royalty_contract(registry, contract_id)
    bounds = period_bounds(period)
    example = period_label(contract.effective_date, contract.period)
    if bounds is None or _kind_of(period) != contract.period:
        raise UsageError(
            _(
                "'{period}' is not a {contract_period} of '{contract_id}': write it like {example}"
            ).format(
                period=period,
                contract_period=contract.period,
                contract_id=contract_id,
                example=example,
            )
        )
    if day < bounds[1]:
        raise UsageError(
            _(
                "the period {period} ends on {value}: its royalty is invoiced from then "
                "on, not on {day}"
            ).format(period=period, value=bounds[1], day=day)
        )
    (balance,) = compute_balances(registry, day, contract_id=contract_id)
    figures = {p.period: p for p in balance.reversal.periods}.get(period)
    if figures is None:
        raise UsageError(
            _(
                "'{contract_id}' has no declaration in period {period} as of {day}: there "
                "is nothing to invoice"
            ).format(contract_id=contract_id, period=period, day=day)
        )
    due: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for declaration in figures.declarations:
        for commons_id, part in declaration.by_commons.items():
            due[commons_id] += part
    earlier = [i for i in invoices_of(registry, contract_id) if i.period == period]
    already = invoiced_by_commons(earlier)
    difference = {
        commons_id: due.get(commons_id, ZERO) - already.get(commons_id, ZERO)
        for commons_id in contract.commons
    }
    difference = {c: amount for c, amount in difference.items() if amount != ZERO}
    if not difference:
        return None
    total = sum(difference.values(), ZERO)
    if total == ZERO or any((amount > ZERO) != (total > ZERO) for amount in difference.values()):
        raise UsageError(
            _(
                "the declarations of {period} now move amounts between the commons of "
                "'{contract_id}' beyond what its invoices say: issue the credit note of "
                "the whole period by hand with your accountant (the tool issues an "
                "invoice or a credit note of one sign)"
            ).format(period=period, contract_id=contract_id)
        )
    kind: Literal["invoice", "credit-note"] = "invoice" if total > ZERO else "credit-note"
    corrects = None
    if kind == "credit-note":
        before = [
            i for i in invoices_of(registry, contract_id) if i.type == "invoice" and i.date <= day
        ]
        if not before:
            raise UsageError(
                _(
                    "{period} of '{contract_id}' owes {format_amount} excl. VAT: a credit "
                    "note refers to an invoice, and this contract has none before {day}. "
                    "Nothing to credit yet: the credit is carried to the next periods"
                ).format(
                    period=period,
                    contract_id=contract_id,
                    format_amount=format_amount(total),
                    day=day,
                )
            )
        corrects = before[-1]
    all_versions = versions(registry, contract)
    on_period_end = version_on(all_versions, bounds[1]).contract
    on_day = version_on(all_versions, day).contract
    assert isinstance(on_period_end, ReciprocityContract)
    assert isinstance(on_day, ReciprocityContract)
    return InvoiceToIssue(
        contract=contract,
        period=period,
        type=kind,
        date=day,
        due_date=day + datetime.timedelta(days=on_day.payment_days),
        lines={c: abs(amount) for c, amount in difference.items()},
        vat_rate_percent=on_period_end.vat_rate_percent,
        corrects=corrects,
    )


# --- numbering ------------------------------------------------------------------------------


class _Numbered(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def host(self) -> str: ...
    @property
    def sequence(self) -> int: ...
    @property
    def number(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...


def document_number(prefix: str, sequence: int) -> str:
    """The number printed: the prefix and the sequence on at least four digits (`RC-0007`)."""
    return f"{prefix}-{sequence:04d}"


def next_sequence(records: Iterable[_Numbered], host: str, day: datetime.date, what: str) -> int:
    """The next number of `host`'s sequence of `records` for one dated `day`: a
    :class:`UsageError` when the last one is dated after `day` (the sequence is
    chronological)."""
    mine = [r for r in records if r.host == host]
    if not mine:
        return 1
    last = max(mine, key=lambda r: (r.sequence, r.date))
    if last.date > day:
        raise UsageError(
            _(
                "the host's last {what} {last_number} is dated {last_date}: a {what} "
                "dated {day} would break the chronological order of its numbers"
            ).format(what=what, last_number=last.number, last_date=last.date, day=day)
        )
    return last.sequence + 1


def _sequence_problems(
    registry: Registry, kind: str, records: Sequence[_Numbered], what: str
) -> Iterator[Diagnostic]:
    by_host: defaultdict[str, list[_Numbered]] = defaultdict(list)
    for record in records:
        by_host[record.host].append(record)
    for host, mine in by_host.items():
        seen: dict[int, _Numbered] = {}
        numbers: dict[str, _Numbered] = {}
        for record in mine:  # in file order: the later one is reported
            source = registry.source(kind, record.id)
            other = seen.get(record.sequence)
            if other is not None:
                yield source.diagnostic(
                    ("sequence",),
                    Code.NUMBERING_GAP,
                    _(
                        "{what} {record_sequence} of '{host}' is taken twice (also by "
                        "'{other_id}'): each number is given once"
                    ).format(
                        what=what, record_sequence=record.sequence, host=host, other_id=other.id
                    ),
                )
                continue
            seen[record.sequence] = record
            clash = numbers.get(record.number)
            if clash is not None:
                yield source.diagnostic(
                    ("number",),
                    Code.NUMBERING_GAP,
                    _(
                        "{what} number {record_number} of '{host}' is printed on '{clash_id}' too"
                    ).format(what=what, record_number=record.number, host=host, clash_id=clash.id),
                )
            numbers[record.number] = record
        ordered = sorted(seen.values(), key=lambda r: r.sequence)
        expected = 1
        previous: _Numbered | None = None
        for record in ordered:
            source = registry.source(kind, record.id)
            if record.sequence != expected:
                missing = (
                    str(expected)
                    if record.sequence == expected + 1
                    else f"{expected} to {record.sequence - 1}"
                )
                yield source.diagnostic(
                    ("sequence",),
                    Code.NUMBERING_GAP,
                    _(
                        "{what} {record_sequence} of '{host}' follows {value}: {missing} missing, "
                        "the sequence has no gap"
                    ).format(
                        what=what,
                        record_sequence=record.sequence,
                        host=host,
                        value=expected - 1 or "nothing",
                        missing=missing,
                    ),
                )
            if previous is not None and record.date < previous.date:
                yield source.diagnostic(
                    ("date",),
                    Code.NUMBERING_GAP,
                    _(
                        "{what} {record_number} is dated {record_date}, before {previous_number} "
                        "({previous_date}): numbers follow the order of the dates"
                    ).format(
                        what=what,
                        record_number=record.number,
                        record_date=record.date,
                        previous_number=previous.number,
                        previous_date=previous.date,
                    ),
                )
            expected = record.sequence + 1
            previous = record


def check_invoices(registry: Registry) -> Iterator[Diagnostic]:
    """Every invoice names the host's royalty contract and a period with declarations, adds up,
    and keeps its host's sequence; a credit note refers to an earlier invoice of its contract;
    a period whose invoices no longer add up to its due is a warning."""
    yield from _sequence_problems(registry, "invoice", registry.invoices, "invoice")
    checked: dict[str, ReciprocityContract] = {}
    for invoice in registry.invoices:
        source = registry.source("invoice", invoice.id)
        found = _invoice_problems(registry, invoice)
        if found is None:
            # A contract that failed its schema is reported by its own errors: nothing to check.
            contract = registry.contracts.get(invoice.contract)
            if isinstance(contract, ReciprocityContract):
                checked[contract.id] = contract
            continue
        path, text = found
        code = Code.UNKNOWN_REFERENCE if text.startswith("unknown") else Code.INVOICE_MISMATCH
        yield source.diagnostic(path, code, text)
    for contract in checked.values():
        yield from _outdated(registry, contract)


def _invoice_problems(  # one reason per return
    registry: Registry, invoice: Invoice
) -> tuple[tuple[str | int, ...], str] | None:
    contract = registry.contracts.get(invoice.contract)
    if contract is None:
        if invoice.contract in registry.invalid_ids:
            return None
        return ("contract",), f"unknown contract '{invoice.contract}'"
    if not isinstance(contract, ReciprocityContract) or contract.qualification != "royalty":
        return ("contract",), (
            f"'{contract.id}' is not a royalty reciprocity contract: only a royalty is "
            "invoiced (a gift gets a tax receipt, when the host may issue one)"
        )
    if contract.host != invoice.host:
        return ("host",), f"'{contract.id}' is hosted by '{contract.host}', not '{invoice.host}'"
    bounds = period_bounds(invoice.period)
    if bounds is None or _kind_of(invoice.period) != contract.period:
        return ("period",), f"'{invoice.period}' is not a {contract.period} of '{contract.id}'"
    if not any(
        d.contract == contract.id and period_label(d.date, contract.period) == invoice.period
        for d in registry.declarations
    ):
        return ("period",), (
            f"{invoice.period} of '{contract.id}' has no declaration: there is nothing to invoice"
        )
    if invoice.date < bounds[1]:
        return ("date",), f"dated {invoice.date}, before the end of {invoice.period} ({bounds[1]})"
    for index, line in enumerate(invoice.lines):
        if line.commons not in contract.commons:
            return ("lines", index, "commons"), (
                f"'{line.commons}' is not a commons of '{contract.id}'"
            )
    vat = round_cents(invoice.amount_excl_tax * invoice.vat_rate_percent / HUNDRED)
    if invoice.vat != vat or invoice.amount_incl_tax != invoice.amount_excl_tax + vat:
        return ("amount_incl_tax",), (
            f"{format_amount(invoice.amount_excl_tax)} excl. VAT at "
            f"{invoice.vat_rate_percent} % makes a VAT of {format_amount(vat)} and a total of "
            f"{format_amount(invoice.amount_excl_tax + vat)}, not {format_amount(invoice.vat)} "
            f"and {format_amount(invoice.amount_incl_tax)}"
        )
    return _correction_problem(registry, invoice)


def _correction_problem(
    registry: Registry, invoice: Invoice
) -> tuple[tuple[str | int, ...], str] | None:
    if invoice.type == "invoice":
        if invoice.corrects is not None:
            return ("corrects",), "an invoice corrects nothing: only a credit note has `corrects`"
        return None
    corrected = next((i for i in registry.invoices if i.id == invoice.corrects), None)
    if corrected is None:
        return ("corrects" if invoice.corrects else "type",), (
            f"unknown invoice '{invoice.corrects}'"
            if invoice.corrects
            else "a credit note refers to the invoice it corrects (`corrects`)"
        )
    if (
        corrected.type != "invoice"
        or corrected.contract != invoice.contract
        or corrected.date > invoice.date
    ):
        return ("corrects",), (
            f"'{corrected.id}' is not an invoice of '{invoice.contract}' issued before this "
            "credit note"
        )
    return None


def _outdated(registry: Registry, contract: ReciprocityContract) -> Iterator[Diagnostic]:
    invoices = invoices_of(registry, contract.id)
    last_day = max(i.date for i in invoices)
    try:
        (balance,) = compute_balances(registry, last_day, contract_id=contract.id)
    except ValueError:
        # Terms that cannot be computed (an amendment that changes the commons): their own
        # errors are reported by the rules of a contract's life.
        return
    periods = {p.period: p for p in balance.reversal.periods}
    by_period: defaultdict[str, list[Invoice]] = defaultdict(list)
    for invoice in invoices:
        by_period[invoice.period].append(invoice)
    for period, mine in by_period.items():
        figures = periods.get(period)
        if figures is None:
            continue
        invoiced = sum(invoiced_by_commons(mine).values(), ZERO)
        if invoiced != figures.due_excl_tax:
            last = mine[-1]
            yield registry.source("invoice", last.id).diagnostic(
                ("lines",),
                Code.INVOICE_OUTDATED,
                _(
                    "the invoices of {period} of '{contract_id}' add up to {format_amount} "
                    "excl. VAT, and the period now owes {format_amount2}: a declaration was "
                    "recorded or changed after; `invoice {contract_id} --period {period}` "
                    "issues the difference"
                ).format(
                    period=period,
                    contract_id=contract.id,
                    format_amount=format_amount(invoiced),
                    format_amount2=format_amount(figures.due_excl_tax),
                ),
            )


def check_receipts(registry: Registry) -> Iterator[Diagnostic]:
    """Every tax receipt is for one donation payment of an eligible host, of its amount, and
    keeps its host's sequence."""
    yield from _sequence_problems(registry, "receipt", registry.receipts, "receipt")
    payments = {p.id: p for p in registry.payments}
    seen: dict[str, Receipt] = {}
    for receipt in registry.receipts:
        source = registry.source("receipt", receipt.id)
        payment = payments.get(receipt.payment)
        if payment is None:
            if receipt.payment not in registry.invalid_ids:
                yield source.diagnostic(
                    ("payment",),
                    Code.UNKNOWN_REFERENCE,
                    _("unknown payment '{receipt_payment}'").format(
                        receipt_payment=receipt.payment
                    ),
                )
            continue
        problem = receipt_refusal(registry, payment, host_id=receipt.host)
        if problem is None and payment.amount != receipt.amount:
            problem = _(
                "the payment '{payment_id}' is {format_amount}, not {format_amount2}"
            ).format(
                payment_id=payment.id,
                format_amount=format_amount(payment.amount),
                format_amount2=format_amount(receipt.amount),
            )
        if problem is None and receipt.payment in seen:
            problem = _("'{payment_id}' has a receipt already: '{id}'").format(
                payment_id=payment.id, id=seen[receipt.payment].id
            )
        seen.setdefault(receipt.payment, receipt)
        if problem is not None:
            yield source.diagnostic(("payment",), Code.RECEIPT_MISMATCH, problem)


def is_gift(registry: Registry, payment: Payment) -> bool:
    """Whether `payment` is a gift: a payment under a donation contract."""
    contract = registry.contracts.get(payment.contract)
    return isinstance(contract, ReciprocityContract) and contract.qualification == "donation"


def receipt_refusal(
    registry: Registry, payment: Payment, *, host_id: str | None = None
) -> str | None:
    """Why `payment` gets no tax receipt (None: it may get one): it is not a gift under a
    donation contract, or its host does not say it may issue receipts, and on what basis."""
    contract = registry.contracts.get(payment.contract)
    if not isinstance(contract, ReciprocityContract):
        return f"'{payment.contract}' is not a reciprocity contract"
    if not is_gift(registry, payment):
        return (
            f"'{payment.id}' pays the royalty of '{contract.id}', a price: it is invoiced, "
            "and a price opens no tax reduction"
        )
    if host_id is not None and host_id != contract.host:
        return f"'{contract.id}' is hosted by '{contract.host}', not '{host_id}'"
    host = registry.parties.get(contract.host)
    if host is None or host.tax_receipts is None or not host.tax_receipts.eligible:
        return (
            f"the host '{contract.host}' does not state that it may issue tax receipts "
            "(tax_receipts: {eligible: true, basis: ...} in its party record): a gift to it "
            "opens no tax reduction, and it issues no receipt"
        )
    return None


DonorModel = Literal["individual", "company"]
"""Which official model a receipt follows: Cerfa n° 11580 (gifts by individuals, art. 200
CGI) or Cerfa n° 16216 (gifts by companies, art. 238 bis CGI)."""


def donor_model(donor: Party) -> DonorModel:
    """The company model for an organisation or a person with a SIREN (a sole trader who
    gives from the business), the individuals' model for a person without one."""
    if donor.type == "organisation" or donor.siren or donor.siret:
        return "company"
    return "individual"
