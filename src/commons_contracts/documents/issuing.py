"""Issuing invoices and tax receipts: the numbered record, written under the registry lock,
then its document.

:func:`issue_invoice` takes the next number of the host's sequence and writes the invoice (or
credit note) record with :func:`~commons_contracts.validation.entries.add_records`, which holds
the registry's write lock from reading the registry to writing the file: two `invoice` commands
run at once get two successive numbers, never the same one. :func:`issue_receipt` does the
same for a donation's tax receipt. :func:`invoice_documents` and :func:`receipt_documents`
render an issued record in each language asked, as .docx or PDF; an invoice's PDF is a
Factur-X PDF/A-3 carrying its CII XML (:mod:`commons_contracts.books.facturx`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from commons_contracts.books import facturx
from commons_contracts.books.facturx import facturx_pdf
from commons_contracts.books.invoicing import (
    document_number,
    invoice_to_issue,
    invoices_of,
    is_gift,
    next_sequence,
    period_bounds,
    receipt_refusal,
    royalty_contract,
)
from commons_contracts.core.diagnostics import Diagnostic
from commons_contracts.core.money import ZERO
from commons_contracts.core.store import write_atomic
from commons_contracts.documents.pdf import convert_to_pdf
from commons_contracts.documents.render import RenderedDocuments, render_invoice, render_receipt
from commons_contracts.errors import RefusedError, UsageError
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import (
    Invoice,
    Party,
    Payment,
    ReciprocityContract,
    Registry,
)
from commons_contracts.registry.versions import version_on, versions
from commons_contracts.validation.entries import AddResult, Draft, add_records

DEFAULT_INVOICE_PREFIX = "RC"
DEFAULT_RECEIPT_PREFIX = "RF"


@dataclass(frozen=True)
class Issued:
    """What `invoice` or `receipt` did: the record written (or the one that already covered
    what was asked), and the problems that refused it."""

    record_id: str | None
    """The id of the invoice or receipt: new, or the existing one when nothing was left to
    issue."""
    new: bool
    """Whether a record was written."""
    added: AddResult = field(default_factory=lambda: AddResult([], []))


def _prefixes(registry: Registry) -> tuple[str, str]:
    books = registry.workspace.books
    invoice = (books.invoice_prefix if books is not None else None) or DEFAULT_INVOICE_PREFIX
    receipt = (books.receipt_prefix if books is not None else None) or DEFAULT_RECEIPT_PREFIX
    return invoice, receipt


def issue_invoice(
    root: Path, contract_id: str, period: str, day: datetime.date, *, cache: bool | None = None
) -> Issued:
    """Issue the invoice (or credit note) of `period` of a royalty contract, dated `day`: what
    the period owes with the declarations dated up to `day`, less what its invoices already
    invoiced. When nothing is left to invoice, nothing is written and the period's last invoice
    is given back."""
    existing: list[str] = []

    def drafts(registry: Registry) -> list[Draft]:
        todo = invoice_to_issue(registry, contract_id, period, day)
        if todo is None:
            found = [i for i in invoices_of(registry, contract_id) if i.period == period]
            if not found:
                raise UsageError(
                    _(
                        "{period} of '{contract_id}' owes nothing as of {day}: there is nothing "
                        "to invoice"
                    ).format(period=period, contract_id=contract_id, day=day)
                )
            existing.append(found[-1].id)
            return []
        host = todo.contract.host
        if not registry.parties[host].siren:
            raise RefusedError(
                _(
                    "the host '{host}' has no siren: an invoice names its seller's SIREN (add "
                    "`siren` to its party record)"
                ).format(host=host)
            )
        sequence = next_sequence(registry.invoices, host, day, "invoice")
        number = document_number(_prefixes(registry)[0], sequence)
        fields: dict[str, object] = {
            "host": host,
            "contract": contract_id,
            "period": period,
            "type": todo.type,
            "sequence": sequence,
            "number": number,
            "date": day.isoformat(),
            "due_date": todo.due_date.isoformat(),
            "lines": [
                {"commons": commons_id, "amount_excl_tax": amount}
                for commons_id, amount in todo.lines.items()
            ],
            "vat_rate_percent": todo.vat_rate_percent,
            "vat": todo.vat,
            "amount_incl_tax": todo.amount_excl_tax + todo.vat,
        }
        if todo.corrects is not None:
            fields["corrects"] = todo.corrects.id
        return [Draft("invoice", fields, id_parts=(host, number))]

    added = add_records(root, drafts, cache=cache, registry_must_be_valid=True)
    return _issued(added, existing)


def issue_receipt(
    root: Path, payment_id: str, day: datetime.date, *, cache: bool | None = None
) -> Issued:
    """Issue the tax receipt of a donation payment, dated `day` (never before the payment):
    refused, with the reason, when the payment may get none. A payment that has its receipt
    already gets it back, and nothing is written."""
    existing: list[str] = []

    def drafts(registry: Registry) -> list[Draft]:
        payment = next((p for p in registry.payments if p.id == payment_id), None)
        if payment is None:
            raise UsageError(_("no payment with id '{payment_id}'").format(payment_id=payment_id))
        refusal = receipt_refusal(registry, payment)
        found = [r for r in registry.receipts if r.payment == payment_id]
        if refusal is None and found:
            existing.append(found[0].id)
            return []
        refusal = refusal or _receipt_refusal(registry, payment, day)
        if refusal is not None:
            raise RefusedError(
                _("no tax receipt for '{payment_id}': {refusal}").format(
                    payment_id=payment_id, refusal=refusal
                )
            )
        host = registry.contracts[payment.contract].host
        sequence = next_sequence(registry.receipts, host, day, "receipt")
        return [_receipt_draft(registry, payment, day, sequence)]

    added = add_records(root, drafts, cache=cache, registry_must_be_valid=True)
    return _issued(added, existing)


@dataclass(frozen=True)
class IssuedReceipts:
    """What `receipts --year` did: the receipts written, in the order of their numbers, and
    the gifts of the year left without one, each with the reason."""

    record_ids: list[str]
    skipped: list[tuple[str, str]]
    """(payment id, why it gets no receipt) for each gift of the year that got none."""
    added: AddResult


def issue_receipts(
    root: Path, year: int, day: datetime.date, *, cache: bool | None = None
) -> IssuedReceipts:
    """Issue, all dated `day`, the tax receipt of every gift received in `year` that has none
    yet (a payment under a donation contract whose host may issue receipts), numbered in each
    host's sequence in the order of the gifts' dates; all of them or none. A payment of a
    royalty is no gift and is passed over; a gift whose host may issue no receipt, or one
    received after `day`, is listed with the reason; a host that may issue receipts but does
    not state its object refuses the batch (a :class:`RefusedError`), since its gifts would
    otherwise be numbered after later ones once it is stated."""
    skipped: list[tuple[str, str]] = []

    def drafts(registry: Registry) -> list[Draft]:
        skipped.clear()
        receipted = {receipt.payment for receipt in registry.receipts}
        sequences: dict[str, int] = {}
        found = []
        gifts = (
            p
            for p in sorted(registry.payments, key=lambda p: (p.date, p.id))
            if p.date.year == year and p.id not in receipted and is_gift(registry, p)
        )
        for payment in gifts:
            refusal = receipt_refusal(registry, payment)
            if refusal is None and day < payment.date:
                refusal = _("received on {payment_date}, after the receipts' date {day}").format(
                    payment_date=payment.date, day=day
                )
            if refusal is not None:
                skipped.append((payment.id, refusal))
                continue
            unstated = _receipt_refusal(registry, payment, day)
            if unstated is not None:
                raise RefusedError(
                    _("no tax receipt for '{payment_id}': {refusal}").format(
                        payment_id=payment.id, refusal=unstated
                    )
                )
            host = registry.contracts[payment.contract].host
            if host not in sequences:
                sequences[host] = next_sequence(registry.receipts, host, day, "receipt")
            found.append(_receipt_draft(registry, payment, day, sequences[host]))
            sequences[host] += 1
        return found

    added = add_records(root, drafts, cache=cache, registry_must_be_valid=True)
    return IssuedReceipts([path.stem for path in added.written], list(skipped), added)


def receipts_of_year(registry: Registry, year: int) -> list[str]:
    """The ids of the receipts of the gifts received in `year`, in the order of their
    numbers."""
    gifts = {p.id for p in registry.payments if p.date.year == year}
    found = [r for r in registry.receipts if r.payment in gifts]
    return [r.id for r in sorted(found, key=lambda r: (r.host, r.sequence))]


def _receipt_refusal(registry: Registry, payment: Payment, day: datetime.date) -> str | None:
    """Why a gift that may have a receipt cannot have it dated `day`: the host states no
    object, or `day` is before the gift."""
    host_party = registry.parties[registry.contracts[payment.contract].host]
    if host_party.tax_receipts is None or host_party.tax_receipts.purpose is None:
        return _(
            "the host '{host_party_id}' does not give its object: add "
            "`tax_receipts.purpose` to its party record (the official model of a tax "
            "receipt prints it)"
        ).format(host_party_id=host_party.id)
    if day < payment.date:
        return _("a receipt certifies a gift received: not before {payment_date}").format(
            payment_date=payment.date
        )
    return None


def _receipt_draft(
    registry: Registry, payment: Payment, day: datetime.date, sequence: int
) -> Draft:
    host = registry.contracts[payment.contract].host
    number = document_number(_prefixes(registry)[1], sequence)
    fields: dict[str, object] = {
        "host": host,
        "payment": payment.id,
        "sequence": sequence,
        "number": number,
        "date": day.isoformat(),
        "amount": payment.amount,
    }
    return Draft("receipt", fields, id_parts=(host, number))


def _issued(added: AddResult, existing: list[str]) -> Issued:
    if existing:
        return Issued(existing[0], False, added)
    if not added.ok:
        return Issued(None, False, added)
    return Issued(added.written[0].stem, True, added)


DocumentFormat = Literal["docx", "pdf"]


def invoice_documents(
    registry: Registry,
    root: Path,
    invoice_id: str,
    langs: Sequence[str | None],
    *,
    output_format: DocumentFormat,
    out_dir: Path,
) -> RenderedDocuments:
    """The documents of an issued invoice, one per language: .docx, or a Factur-X PDF/A-3
    (rendered, converted by LibreOffice, then made Factur-X with its CII XML)."""
    invoice = _invoice(registry, invoice_id)
    paths: list[Path] = []
    warnings: list[Diagnostic] = []
    for lang in langs:
        rendered = render_invoice(registry, root, invoice, lang, out_dir)
        warnings.extend(rendered.warnings)
        if output_format == "docx":
            paths.extend(rendered.paths)
            continue
        (pdf,) = convert_to_pdf(rendered.paths, out_dir)
        document_lang = rendered.path.suffixes[-2].lstrip(".")
        made = facturx_pdf(
            pdf.read_bytes(),
            factur_x_invoice(registry, invoice, "en" if document_lang == "en" else "fr"),
        )
        paths.append(write_atomic(pdf, made, overwrite=True))
        rendered.path.unlink()  # the PDF is the document; the .docx was its draft
    return RenderedDocuments(paths, list(dict.fromkeys(warnings)))


def receipt_documents(
    registry: Registry,
    root: Path,
    receipt_ids: Sequence[str],
    langs: Sequence[str | None],
    *,
    output_format: DocumentFormat,
    out_dir: Path,
) -> RenderedDocuments:
    """The documents of issued tax receipts, one per receipt and language, as .docx or PDF/A
    (converted in one batch)."""
    by_id = {receipt.id: receipt for receipt in registry.receipts}
    missing = [receipt_id for receipt_id in receipt_ids if receipt_id not in by_id]
    if missing:
        raise UsageError(_("no receipt with id '{receipt_id}'").format(receipt_id=missing[0]))
    drafts: list[Path] = []
    warnings: list[Diagnostic] = []
    for receipt_id in receipt_ids:
        for lang in langs:
            rendered = render_receipt(registry, root, by_id[receipt_id], lang, out_dir)
            warnings.extend(rendered.warnings)
            drafts.extend(rendered.paths)
    if output_format == "docx":
        return RenderedDocuments(drafts, list(dict.fromkeys(warnings)))
    try:
        paths = convert_to_pdf(drafts, out_dir)
    finally:
        for draft in drafts:  # the PDF is the document; the .docx was its draft
            draft.unlink(missing_ok=True)
    return RenderedDocuments(paths, list(dict.fromkeys(warnings)))


def _invoice_party(party: Party) -> facturx.InvoiceParty:
    address = party.address
    return facturx.InvoiceParty(
        name=party.name,
        address=facturx.InvoiceAddress(
            address.street, address.postcode, address.city, address.country
        ),
        siren=party.siren or (party.siret[:9] if party.siret else None),
        vat_number=party.vat_number,
        email=party.email,
    )


def factur_x_invoice(
    registry: Registry, invoice: Invoice, lang: Literal["fr", "en"]
) -> facturx.Invoice:
    """The Factur-X form of an issued invoice or credit note, in `lang`."""
    contract = registry.contracts[invoice.contract]
    assert isinstance(contract, ReciprocityContract)
    host = registry.parties[invoice.host]
    actor = registry.parties[contract.actor]
    bounds = period_bounds(invoice.period)
    assert bounds is not None, "validated"
    terms = version_on(versions(registry, contract), invoice.date).contract
    assert isinstance(terms, ReciprocityContract)
    corrects = None
    if invoice.corrects is not None:
        corrected = next(i for i in registry.invoices if i.id == invoice.corrects)
        corrects = facturx.InvoiceReference(corrected.number, corrected.date)
    names = {c: registry.commons[c].name for c in contract.commons if c in registry.commons}
    return facturx.Invoice(
        number=invoice.number,
        issue_date=invoice.date,
        seller=_invoice_party(host),
        buyer=_invoice_party(actor),
        lines=tuple(
            facturx.InvoiceLine(
                description=message(
                    "invoice_line",
                    lang,
                    commons=names.get(line.commons, line.commons),
                    period=invoice.period,
                    start=bounds[0].isoformat(),
                    end=bounds[1].isoformat(),
                ),
                unit_price_excl_tax=line.amount_excl_tax,
                vat_rate_percent=invoice.vat_rate_percent,
            )
            for line in invoice.lines
        ),
        due_date=invoice.due_date,
        late_interest_percent=terms.late_interest_percent,
        kind=invoice.type,
        vat_franchise=host.vat_regime == "franchise",
        vat_on_debits=bool(host.vat_on_debits) and invoice.vat_rate_percent > ZERO,
        corrects=corrects,
        delivery_date=bounds[1],
        contract=contract.id,
        iban=host.iban,
        currency=registry.workspace.currency,
        lang=lang,
    )


def _invoice(registry: Registry, invoice_id: str) -> Invoice:
    found = next((i for i in registry.invoices if i.id == invoice_id), None)
    if found is None:
        raise UsageError(_("no invoice with id '{invoice_id}'").format(invoice_id=invoice_id))
    royalty_contract(registry, found.contract)
    return found
