"""Factur-X: the CII XML of an invoice or a credit note, and the PDF/A-3 that carries it.

:func:`invoice_xml` writes the Cross Industry Invoice (UN/CEFACT CII D16B, the syntax of
Factur-X) of an :class:`Invoice` in the EN 16931 profile (or BASIC; both carry the lines): the
seller and the buyer with their SIREN, VAT number and address, the lines, the VAT by rate or the
art. 293 B CGI exemption, the totals, the due date, and the payment terms with the late-payment
rate, the 40 EUR fixed indemnity and the absence of discount as notes, and what the French
e-invoicing reform adds (the billing mode S1, the parties' electronic addresses: their SIREN in
scheme 0225). :func:`check_invoice_xml` validates it against the factur-x library's XSD of the
profile (the tests also run the profile's schematron and the French rules BR-FR on it);
:func:`facturx_pdf` embeds it into a PDF/A with `facturx.generate_from_binary`, which makes the
PDF/A-3 Factur-X file (attachment `factur-x.xml`, XMP metadata). This is the only module that
imports the factur-x library.

Amounts of a credit note are positive, as EN 16931 wants: the type code (381) says it is one,
and it names the invoice it corrects.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import facturx
from lxml import etree  # type: ignore[import-untyped]
from lxml.builder import ElementMaker  # type: ignore[import-untyped]

from commons_contracts.core.money import HUNDRED, ZERO, round_cents
from commons_contracts.errors import RefusedError
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.translation import _
from commons_contracts.i18n.wording import long_date, money, percent

Profile = Literal["en16931", "basic"]
"""The Factur-X profiles that carry the invoice lines."""

GUIDELINES = {
    "en16931": "urn:cen.eu:en16931:2017",
    "basic": "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
}
"""The specification identifier (BT-24) of each profile."""

_RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
_RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
_UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
_QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
_NSMAP = {"rsm": _RSM, "ram": _RAM, "udt": _UDT, "qdt": _QDT}
RSM = ElementMaker(namespace=_RSM, nsmap=_NSMAP)
RAM = ElementMaker(namespace=_RAM, nsmap=_NSMAP)
UDT = ElementMaker(namespace=_UDT, nsmap=_NSMAP)
QDT = ElementMaker(namespace=_QDT, nsmap=_NSMAP)

FIXED_INDEMNITY = Decimal(40)
"""The fixed indemnity for recovery costs owed by a late professional payer (art. L. 441-10 and
D. 441-5 of the code de commerce)."""

BILLING_MODE = "S1"
"""The billing mode of the French e-invoicing reform (BT-23): S1, an invoice for services
alone."""

VAT_FRANCHISE_CODE = "VATEX-FR-FRANCHISE"
"""The VATEX exemption code of the French VAT franchise (art. 293 B CGI)."""


@dataclass(frozen=True, slots=True)
class InvoiceAddress:
    """A postal address."""

    street: str
    postcode: str
    city: str
    country: str = "FR"


@dataclass(frozen=True, slots=True)
class InvoiceParty:
    """The seller or the buyer, as an invoice identifies them."""

    name: str
    address: InvoiceAddress
    siren: str | None = None
    vat_number: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """One line: a service, its quantity and its unit price excluding VAT."""

    description: str
    unit_price_excl_tax: Decimal
    vat_rate_percent: Decimal
    quantity: Decimal = Decimal(1)

    @property
    def amount_excl_tax(self) -> Decimal:
        """The line's net amount: quantity times unit price, rounded to the cent."""
        return round_cents(self.quantity * self.unit_price_excl_tax)


@dataclass(frozen=True, slots=True)
class InvoiceReference:
    """The invoice a credit note corrects."""

    number: str
    issue_date: datetime.date


@dataclass(frozen=True, slots=True)
class Invoice:
    """An invoice or a credit note, with what French law asks of it."""

    number: str
    issue_date: datetime.date
    seller: InvoiceParty
    buyer: InvoiceParty
    lines: tuple[InvoiceLine, ...]
    due_date: datetime.date
    late_interest_percent: Decimal | None
    """The yearly rate of late-payment penalties (art. L. 441-10 C. com.); None: three times the
    legal interest rate, the floor the article sets."""
    kind: Literal["invoice", "credit-note"] = "invoice"
    vat_franchise: bool = False
    """The seller is under the VAT franchise: no VAT, and the art. 293 B CGI mention."""
    vat_on_debits: bool = False
    """The seller opted to pay VAT on invoicing rather than on receipts (services)."""
    corrects: InvoiceReference | None = None
    delivery_date: datetime.date | None = None
    """When the service was rendered (the last day of a royalty's period); the issue date when
    None."""
    contract: str | None = None
    iban: str | None = None
    currency: str = "EUR"
    lang: Literal["fr", "en"] = "fr"

    @property
    def amount_excl_tax(self) -> Decimal:
        """The sum of the lines' net amounts."""
        return sum((line.amount_excl_tax for line in self.lines), ZERO)

    @property
    def vat_breakdown(self) -> dict[Decimal, tuple[Decimal, Decimal]]:
        """By VAT rate: (basis, VAT), the VAT rounded once per rate (EN 16931, BR-CO-17)."""
        bases: defaultdict[Decimal, Decimal] = defaultdict(lambda: ZERO)
        for line in self.lines:
            bases[ZERO if self.vat_franchise else line.vat_rate_percent] += line.amount_excl_tax
        return {rate: (basis, round_cents(basis * rate / HUNDRED)) for rate, basis in bases.items()}

    @property
    def vat(self) -> Decimal:
        """The invoice's VAT."""
        return sum((vat for _, vat in self.vat_breakdown.values()), ZERO)

    @property
    def amount_incl_tax(self) -> Decimal:
        """What the buyer pays."""
        return self.amount_excl_tax + self.vat


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _rate(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _date(tag: ElementMaker, day: datetime.date) -> etree._Element:
    return tag.DateTimeString(day.strftime("%Y%m%d"), format="102")


def _party(element: str, party: InvoiceParty) -> etree._Element:
    children: list[etree._Element] = [RAM.Name(party.name)]
    if party.siren:
        children.append(RAM.SpecifiedLegalOrganization(RAM.ID(party.siren, schemeID="0002")))
    address = party.address
    children.append(
        RAM.PostalTradeAddress(
            RAM.PostcodeCode(address.postcode),
            RAM.LineOne(address.street),
            RAM.CityName(address.city),
            RAM.CountryID(address.country),
        )
    )
    # The electronic address: the SIREN in the French directory of e-invoicing (scheme 0225),
    # else the e-mail address.
    if party.siren:
        children.append(RAM.URIUniversalCommunication(RAM.URIID(party.siren, schemeID="0225")))
    elif party.email:
        children.append(RAM.URIUniversalCommunication(RAM.URIID(party.email, schemeID="EM")))
    if party.vat_number:
        children.append(
            RAM.SpecifiedTaxRegistration(RAM.ID(party.vat_number.replace(" ", ""), schemeID="VA"))
        )
    return getattr(RAM, element)(*children)


def _tax(invoice: Invoice, rate: Decimal) -> list[etree._Element]:
    # The category, rate and exemption of a line or of a VAT breakdown, in the XSD's order.
    if invoice.vat_franchise:
        return [RAM.CategoryCode("E")]
    return [RAM.CategoryCode("S" if rate > ZERO else "Z")]


def _line(index: int, line: InvoiceLine, invoice: Invoice) -> etree._Element:
    rate = ZERO if invoice.vat_franchise else line.vat_rate_percent
    return RAM.IncludedSupplyChainTradeLineItem(
        RAM.AssociatedDocumentLineDocument(RAM.LineID(str(index))),
        RAM.SpecifiedTradeProduct(RAM.Name(line.description)),
        RAM.SpecifiedLineTradeAgreement(
            RAM.NetPriceProductTradePrice(RAM.ChargeAmount(_amount(line.unit_price_excl_tax)))
        ),
        RAM.SpecifiedLineTradeDelivery(RAM.BilledQuantity(_rate(line.quantity), unitCode="C62")),
        RAM.SpecifiedLineTradeSettlement(
            RAM.ApplicableTradeTax(
                RAM.TypeCode("VAT"), *_tax(invoice, rate), RAM.RateApplicablePercent(_rate(rate))
            ),
            RAM.SpecifiedTradeSettlementLineMonetarySummation(
                RAM.LineTotalAmount(_amount(line.amount_excl_tax))
            ),
        ),
    )


def _breakdown(invoice: Invoice) -> list[etree._Element]:
    found = []
    for rate, (basis, vat) in sorted(invoice.vat_breakdown.items()):
        children = [RAM.CalculatedAmount(_amount(vat)), RAM.TypeCode("VAT")]
        if invoice.vat_franchise:
            children.append(RAM.ExemptionReason(message("invoice_vat_franchise", invoice.lang)))
        children.append(RAM.BasisAmount(_amount(basis)))
        children.extend(_tax(invoice, rate))
        if invoice.vat_franchise:
            children.append(RAM.ExemptionReasonCode(VAT_FRANCHISE_CODE))
        else:
            # VAT on services falls due on receipt unless the seller opted for invoicing.
            children.append(RAM.DueDateTypeCode("5" if invoice.vat_on_debits else "72"))
        children.append(RAM.RateApplicablePercent(_rate(rate)))
        found.append(RAM.ApplicableTradeTax(*children))
    return found


def _notes(invoice: Invoice) -> list[etree._Element]:
    lang = invoice.lang
    if invoice.late_interest_percent is None:
        penalty = message("invoice_note_late_penalty_legal", lang)
    else:
        penalty = message(
            "invoice_note_late_penalty", lang, rate=percent(invoice.late_interest_percent, lang)
        )
    notes = [
        (penalty, "PMD"),
        (message("invoice_note_indemnity", lang, amount=money(FIXED_INDEMNITY, lang)), "PMT"),
        (message("invoice_note_no_discount", lang), "AAB"),
    ]
    if invoice.vat_franchise:
        notes.append((message("invoice_vat_franchise", lang), "REG"))
    elif invoice.vat_on_debits:
        notes.append((message("invoice_vat_on_debits", lang), "REG"))
    return [RAM.IncludedNote(RAM.Content(text), RAM.SubjectCode(code)) for text, code in notes]


def invoice_xml(invoice: Invoice, profile: Profile = "en16931") -> bytes:
    """The CII XML of `invoice` in `profile`, as UTF-8 bytes."""
    if not invoice.lines:
        raise RefusedError(
            _("invoice {invoice_number} has no line").format(invoice_number=invoice.number)
        )
    if invoice.kind == "credit-note" and invoice.corrects is None:
        raise RefusedError(
            _("credit note {invoice_number} must name the invoice it corrects").format(
                invoice_number=invoice.number
            )
        )
    lang = invoice.lang
    agreement = [
        _party("SellerTradeParty", invoice.seller),
        _party("BuyerTradeParty", invoice.buyer),
    ]
    if invoice.contract and profile == "en16931":
        agreement.append(RAM.ContractReferencedDocument(RAM.IssuerAssignedID(invoice.contract)))
    settlement: list[etree._Element] = [RAM.InvoiceCurrencyCode(invoice.currency)]
    if invoice.iban:
        settlement.append(
            RAM.SpecifiedTradeSettlementPaymentMeans(
                RAM.TypeCode("58"),  # SEPA credit transfer
                RAM.PayeePartyCreditorFinancialAccount(RAM.IBANID(invoice.iban.replace(" ", ""))),
            )
        )
    settlement.extend(_breakdown(invoice))
    days = (invoice.due_date - invoice.issue_date).days
    terms = message("invoice_payment_terms", lang, days=days, due=long_date(invoice.due_date, lang))
    settlement.append(
        RAM.SpecifiedTradePaymentTerms(
            RAM.Description(terms), RAM.DueDateDateTime(_date(UDT, invoice.due_date))
        )
    )
    settlement.append(
        RAM.SpecifiedTradeSettlementHeaderMonetarySummation(
            RAM.LineTotalAmount(_amount(invoice.amount_excl_tax)),
            RAM.TaxBasisTotalAmount(_amount(invoice.amount_excl_tax)),
            RAM.TaxTotalAmount(_amount(invoice.vat), currencyID=invoice.currency),
            RAM.GrandTotalAmount(_amount(invoice.amount_incl_tax)),
            RAM.DuePayableAmount(_amount(invoice.amount_incl_tax)),
        )
    )
    if invoice.corrects is not None:
        settlement.append(
            RAM.InvoiceReferencedDocument(
                RAM.IssuerAssignedID(invoice.corrects.number),
                RAM.FormattedIssueDateTime(_date(QDT, invoice.corrects.issue_date)),
            )
        )
    root = RSM.CrossIndustryInvoice(
        RSM.ExchangedDocumentContext(
            RAM.BusinessProcessSpecifiedDocumentContextParameter(RAM.ID(BILLING_MODE)),
            RAM.GuidelineSpecifiedDocumentContextParameter(RAM.ID(GUIDELINES[profile])),
        ),
        RSM.ExchangedDocument(
            RAM.ID(invoice.number),
            RAM.TypeCode("381" if invoice.kind == "credit-note" else "380"),
            RAM.IssueDateTime(_date(UDT, invoice.issue_date)),
            *_notes(invoice),
        ),
        RSM.SupplyChainTradeTransaction(
            *(_line(i, line, invoice) for i, line in enumerate(invoice.lines, start=1)),
            RAM.ApplicableHeaderTradeAgreement(*agreement),
            RAM.ApplicableHeaderTradeDelivery(
                RAM.ActualDeliverySupplyChainEvent(
                    RAM.OccurrenceDateTime(_date(UDT, invoice.delivery_date or invoice.issue_date))
                )
            ),
            RAM.ApplicableHeaderTradeSettlement(*settlement),
        ),
    )
    text: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return text


def check_invoice_xml(xml: bytes, profile: Profile = "en16931") -> None:
    """Validate `xml` against the factur-x library's XSD of `profile`; a
    :class:`RefusedError` with the schema's message when it is not valid."""
    try:
        facturx.xml_check_xsd(xml, flavor="factur-x", level=profile)
    except Exception as error:  # the library raises a bare Exception with the XSD's message
        raise RefusedError(
            _("the Factur-X XML is not valid: {error}").format(error=error)
        ) from error


def facturx_pdf(pdf: bytes, invoice: Invoice, profile: Profile = "en16931") -> bytes:
    """`pdf` (a PDF/A, such as LibreOffice writes) made a Factur-X PDF/A-3 carrying the CII XML
    of `invoice`, checked against the profile's XSD first."""
    xml = invoice_xml(invoice, profile)
    check_invoice_xml(xml, profile)
    kind = "Avoir" if invoice.kind == "credit-note" else "Facture"
    metadata = {
        "author": invoice.seller.name,
        "keywords": "Factur-X",
        "title": f"{kind} {invoice.number}",
        "subject": f"{kind} {invoice.number} : {invoice.seller.name} → {invoice.buyer.name}",
    }
    try:
        made: bytes = facturx.generate_from_binary(
            pdf,
            xml,
            flavor="factur-x",
            level=profile,
            check_xsd=False,  # checked just above, with a clear message
            pdf_metadata=metadata,
            lang=invoice.lang,
        )
    except Exception as error:  # a PDF the library cannot read
        raise RefusedError(
            _("cannot make the Factur-X PDF: {error}").format(error=error)
        ) from error
    return made


def embedded_xml(pdf: bytes) -> bytes:
    """The Factur-X XML embedded in `pdf` (a :class:`RefusedError` when there is none)."""
    try:
        _name, xml = facturx.get_facturx_xml_from_pdf(pdf, check_xsd=False)
    except Exception as error:
        raise RefusedError(_("cannot read the PDF: {error}").format(error=error)) from error
    if not xml:
        raise RefusedError(_("the PDF carries no Factur-X XML"))
    found: bytes = xml
    return found
