"""Page ends: no heading left alone at the foot of a page, totals kept with their table, the
whole fingerprint on the signature page. The unit tests read synthetic .docx and PDF files; the
slow ones read the PDFs LibreOffice makes of the example registry."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from pypdf import PdfWriter
from pypdf.generic import Fit
from tests.conftest import EXAMPLES

from commons_contracts.documents.fingerprint import document_terms
from commons_contracts.documents.layout import (
    ROOM_BELOW_HEADING,
    orphans,
    ragged_addresses,
    with_page_breaks,
)
from commons_contracts.documents.pdf import convert_to_pdf
from commons_contracts.documents.render import render_contracts, render_statement
from commons_contracts.registry.model import Declaration, Registry
from commons_contracts.validation.validate import validate_registry

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils is not installed (see README)",
)
PAGE_HEIGHT = 842.0
BOTTOM_MARGIN = 72.0  # python-docx's default template: one inch


# --------------------------------------------------------------------------------------------
# Synthetic documents


def _docx(paragraphs: list[tuple[str, str]]) -> bytes:
    """A .docx of (style, text) paragraphs, with python-docx's default styles (Heading 1 is
    kept with the next paragraph and has an outline level)."""
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(headings: list[tuple[str, int, float]]) -> bytes:
    """A PDF of blank pages whose outline has each (title, page, top) heading."""
    writer = PdfWriter()
    for _ in range(max(page for _, page, _ in headings) + 1):
        writer.add_blank_page(width=595, height=PAGE_HEIGHT)
    for title, page, top in headings:
        writer.add_outline_item(title=title, page_number=page, fit=Fit.xyz(left=72, top=top))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _paragraph_properties(data: bytes) -> list[list[str]]:
    """The local names of each body paragraph's properties, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = docx.oxml.parse_xml(archive.read("word/document.xml")).find(qn("w:body"))
    found = []
    for paragraph in body.iterchildren(qn("w:p")):
        properties = paragraph.find(qn("w:pPr"))
        names = [] if properties is None else [child.tag.split("}")[1] for child in properties]
        found.append(names)
    return found


BODY = [
    ("Heading 1", "ARTICLE 1 – OBJET"),
    ("Normal", "Le présent contrat a pour objet..."),
    ("Heading 1", "ARTICLE 2 – DURÉE"),
    ("Normal", "Le présent contrat prend effet..."),
    ("Heading 1", "ARTICLE 3 – PRIX"),
    ("Normal", "Le prix est..."),
]


def test_a_heading_without_room_below_it_is_found() -> None:
    """Article 2 begins 100 points above the page's foot (less than its line and two lines of
    text above the bottom margin): it is alone there; the others have room."""
    pdf = _pdf(
        [
            ("ARTICLE 1 – OBJET", 0, 770.0),
            ("ARTICLE 2 – DURÉE", 0, BOTTOM_MARGIN + ROOM_BELOW_HEADING - 1),
            ("ARTICLE 3 – PRIX", 1, BOTTOM_MARGIN + ROOM_BELOW_HEADING + 1),
        ]
    )
    assert orphans(pdf, _docx(BODY)) == [2]


def test_headings_are_matched_by_their_text_whatever_the_spaces() -> None:
    """The outline of a PDF says `ARTICLE 2 – DURÉE` where the document has no-break spaces
    and a no-break hyphen: the heading is still found."""
    body = [*BODY[:2], ("Heading 1", "ARTICLE\u00a02\u00a0– DURÉE L.\u00a0441\u201110"), BODY[3]]
    pdf = _pdf([("ARTICLE 1 – OBJET", 0, 770.0), ("ARTICLE 2 – DURÉE L. 441-10", 0, 80.0)])
    assert orphans(pdf, _docx(body)) == [2]


def test_a_page_break_goes_before_the_heading_in_the_schema_order() -> None:
    """The break goes on the heading, after its style (WordprocessingML wants `pStyle` first),
    and the words are untouched."""
    source = _docx(BODY)
    mended = with_page_breaks(source, [2])
    properties = _paragraph_properties(mended)
    assert properties[2] == ["pStyle", "pageBreakBefore"]
    assert all("pageBreakBefore" not in p for i, p in enumerate(properties) if i != 2)
    assert [p.text for p in docx.Document(io.BytesIO(mended)).paragraphs] == [t for _, t in BODY]
    # Twice is once.
    assert _paragraph_properties(with_page_breaks(mended, [2])) == properties


def test_a_chain_of_paragraphs_kept_together_moves_as_a_whole() -> None:
    """A paragraph kept with the heading after it (a lead-in, "ET :") goes to the new page with
    it: the break is put before the first paragraph of the chain, not before the heading."""
    body = [
        ("Normal", "Fait en deux originaux."),
        ("Normal", "ET :"),
        ("Heading 1", "ARTICLE 4 – SIGNATURES"),
        ("Normal", "Pour l’Hôte"),
    ]
    source = docx.Document(io.BytesIO(_docx(body)))
    source.paragraphs[1].paragraph_format.keep_with_next = True
    buffer = io.BytesIO()
    source.save(buffer)
    properties = _paragraph_properties(with_page_breaks(buffer.getvalue(), [2]))
    assert properties[1] == ["keepNext", "pageBreakBefore"]
    assert [i for i, p in enumerate(properties) if "pageBreakBefore" in p] == [1]


def test_a_justified_paragraph_with_a_long_address_is_set_ragged_right() -> None:
    """An address cannot break, so the justified line before it would be stretched: its
    paragraph is aligned left, with `jc` in its place in the schema's order. Paragraphs without
    a style have the default one's alignment (justified here). A short address, a paragraph
    centred or aligned left, and the other paragraphs are left as they are."""
    document = docx.Document()
    document.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    texts = [
        "Les notifications sont faites à contact@tiers-lieux-hdf.example.org pour l’Hôte.",
        "Le wiki est accessible à l’adresse https://movilab.org/wiki/Charte_de_gouvernance.",
        "Écrire à a@b.fr, adresse courte.",
        "Aucune adresse ici.",
    ]
    for text in texts:
        document.add_paragraph(text)
    centred = document.add_paragraph("Voir https://movilab.org/wiki/Charte_de_gouvernance")
    centred.alignment = WD_ALIGN_PARAGRAPH.CENTER
    outlined = document.add_paragraph("contact@tiers-lieux-hdf.example.org", style="Heading 1")
    outlined.paragraph_format.keep_with_next = True
    body = document.element.body
    assert ragged_addresses(body, document.styles.element) == 2
    alignments = [p.alignment for p in document.paragraphs]
    assert alignments == [
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.LEFT,
        None,  # justified by its style
        None,
        WD_ALIGN_PARAGRAPH.CENTER,
        None,  # aligned left by its style
    ]
    properties = [child.tag.split("}")[1] for child in document.paragraphs[0]._p.pPr]
    assert properties == ["jc"]
    assert ragged_addresses(body, document.styles.element) == 0  # once is enough


def test_a_fingerprint_in_a_justified_paragraph_sets_it_ragged_right_as_an_address_does() -> None:
    """The avenant's preamble names the contract's fingerprint, 64 hexadecimal digits that
    cannot break: its paragraph is aligned left. Long words, and an IBAN whose groups are
    joined by no-break spaces, leave a paragraph justified."""
    document = docx.Document()
    document.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fingerprint = "ae8c4cc179f76d63" * 4
    iban = "\u00a0".join(["FR76", "3000", "6000", "0112", "3456", "7890", "189"])
    for text in (
        f"Les Parties sont liées par le contrat dont l’empreinte des termes est {fingerprint}.",
        "Les dispositions anticonstitutionnellement interprétées sont réputées non écrites.",
        f"Les reversements sont faits sur le compte IBAN {iban} de l’Hôte.",
    ):
        document.add_paragraph(text)
    assert ragged_addresses(document.element.body, document.styles.element) == 1
    assert [p.alignment for p in document.paragraphs] == [WD_ALIGN_PARAGRAPH.LEFT, None, None]


# --------------------------------------------------------------------------------------------
# The example registry's PDFs, made by LibreOffice


def _pages(pdf: Path) -> list[list[str]]:
    """The text lines of each page (poppler's layout), blank lines and the footer left out."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in text.split("\f")[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        pages.append([line for line in lines if not re.search(r"Page \d+ (sur|of) \d+$", line)])
    return pages


HEADING = re.compile(r"^(ARTICLE\s\d+\s–|PRÉAMBULE|PREAMBLE|ENTRE\s?:|BETWEEN:|ET\s?:|AND:)")


@pytest.fixture(scope="module")
def registry() -> Registry:
    result = validate_registry(EXAMPLES)
    assert result.registry is not None
    return result.registry


@pytest.fixture(scope="module")
def contract_pdfs(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every example contract in French and English, as PDF (one LibreOffice run)."""
    out = tmp_path_factory.mktemp("pdf")
    rendered = render_contracts(registry, EXAMPLES, list(registry.contracts), ["fr", "en"], out)
    return convert_to_pdf(rendered.paths, out / "pdf")


@pytest.mark.slow
@needs_libreoffice
def test_no_page_of_a_contract_ends_with_a_heading(contract_pdfs: list[Path]) -> None:
    for pdf in contract_pdfs:
        for number, lines in enumerate(_pages(pdf), start=1):
            assert lines, (pdf.name, number)
            assert not HEADING.match(lines[-1]), (pdf.name, number, lines[-1])


@pytest.mark.slow
@needs_libreoffice
def test_the_whole_fingerprint_is_on_the_signature_page(
    registry: Registry, contract_pdfs: list[Path]
) -> None:
    """The signatures are on the last page, with the full SHA-256 they sign (64 characters,
    whole on the page); every page's footer carries its first 16."""
    for pdf in contract_pdfs:
        contract_id, lang = pdf.name.removesuffix(".pdf").rsplit(".", 1)
        sha256 = document_terms(registry, contract_id, lang).sha256
        pages = _pages(pdf)
        last = " ".join(pages[-1]).replace(" ", "")
        assert sha256 in last, pdf.name
        assert all(sha256 not in "".join(page).replace(" ", "") for page in pages[:-1])
        footers = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.count(sha256[:16])
        assert footers >= len(pages), pdf.name


def _words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """The words of each page with their box (text, x_min, y_min, x_max, y_max), in points
    from the top left, as poppler reads them."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    word = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        [(m[4], float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in word.findall(page)]
        for page in xhtml.split("<page ")[1:]
    ]


ROOM_TO_SIGN = 56.0  # points: two centimetres below "Signature :"
SIGN_HERE = ("Signature", "Signature:")  # "Signature :" in French, "Signature:" in English


@pytest.mark.slow
@needs_libreoffice
def test_signature_blocks_leave_room_to_sign(registry: Registry, contract_pdfs: list[Path]) -> None:
    """Every signatory's block is on the last page, whole, and below its "Signature :" two
    centimetres at least are left blank in its column, down to the next block or the footer.
    Every signatory of the contract has a block."""
    for pdf in contract_pdfs:
        contract_id = pdf.name.removesuffix(".pdf").rsplit(".", 1)[0]
        pages = _words(pdf)
        assert all(w[0] not in SIGN_HERE for page in pages[:-1] for w in page), pdf.name
        last = pages[-1]
        labels = [w for w in last if w[0] in SIGN_HERE]
        assert len(labels) == len(registry.signatories(registry.contracts[contract_id])), pdf.name
        for _, x_min, _, x_max, y_max in labels:
            column = [w for w in last if w[1] < x_max + 150 and w[3] > x_min and w[2] > y_max]
            below = min(w[2] for w in column)
            assert below - y_max >= ROOM_TO_SIGN, (pdf.name, below - y_max)


def _page_of(pages: list[list[str]], pattern: str) -> int:
    """The index of the one page that has a line matching `pattern`."""
    found = [i for i, page in enumerate(pages) if any(re.search(pattern, x) for x in page)]
    assert len(found) == 1, (pattern, found)
    return found[0]


@pytest.mark.slow
@needs_libreoffice
def test_a_clause_announcing_the_tiers_stays_with_their_table(contract_pdfs: list[Path]) -> None:
    """The clause that ends "selon le barème suivant :" and the table of tiers it announces are
    on the same page, and so is the table's last tier (the example's scale fell at the foot of
    page 2 before the clause and the rows were kept with what follows them)."""
    tiered = [pdf for pdf in contract_pdfs if pdf.name.startswith("reciprocite-atelier-boussole")]
    assert len(tiered) == 2
    for pdf in tiered:
        pages = _pages(pdf)
        intro = _page_of(pages, r"(barème suivant|following scale)\s?:$")
        assert _page_of(pages, r"^(Tranche du Chiffre|Tier of cumulative)") == intro, pdf.name
        last_tier = r"^(Au-delà de vingt mille|Above twenty thousand)"
        assert _page_of(pages, last_tier) == intro, pdf.name


def _many_declarations(registry: Registry, count: int) -> Registry:
    declarations = tuple(
        Declaration(
            id=f"2026-q3-alice-{i:02d}",
            contract="reciprocite-alice-movilab",
            date=datetime.date(2026, 7, 1) + datetime.timedelta(days=i),  # in date order
            amount_excl_tax=Decimal("100.00"),
            client="Ville de Lille",
            description="Atelier de documentation ouverte",
            invoice_ref=f"AM-2026-{100 + i}",
        )
        for i in range(count)
    )
    # `replace` passes the fields alone (`__dict__` also holds the cached properties that an
    # earlier test of the shared registry computed, which `__init__` does not take).
    return dataclasses.replace(registry, declarations=registry.declarations + declarations)


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.parametrize("count", [57, 58])
def test_a_period_s_total_stays_with_its_last_declaration(
    registry: Registry, tmp_path: Path, count: int
) -> None:
    """A table of declarations that runs over a page: its last row is never alone above the
    total, nor the total alone on the next page. With 57 declarations the table ends at the
    foot of page 2; with 58 its last row would end page 2 and the total begin page 3: the last
    row goes to page 3 with the total (measured with LibreOffice 7.4)."""
    many = _many_declarations(registry, count)
    docx_path = render_statement(
        many, EXAMPLES, "reciprocite-alice-movilab", "2026-Q3", "fr", datetime.date(2026, 11, 28),
        tmp_path,
    ).path  # fmt: skip
    (pdf,) = convert_to_pdf([docx_path], tmp_path / "pdf")
    pages = _pages(pdf)
    assert len(pages) >= 2
    last = f"AM-2026-{100 + count - 1}"
    page_of_last = next(i for i, page in enumerate(pages) if any(last in x for x in page))
    page_of_total = next(
        i for i, page in enumerate(pages) if any(x.startswith("Total de la période") for x in page)
    )
    assert page_of_last == page_of_total
