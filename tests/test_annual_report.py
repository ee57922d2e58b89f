"""The annual financial report of a hosted fund: real .docx files rendered from the example
registry and read back with python-docx, through the command line as a user types it, and
converted to PDF by LibreOffice.

The figures are Movilab's year 2026 (tests/test_funds.py checks them by hand): income
30,429.17, host fee 2,434.33, paid out 11,813.75, closing balance 16,181.09, of which 3,000.00
committed. The narrow no-break space (U+202F) is written as an escape.
"""

from __future__ import annotations

import datetime
import re
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from tests.conftest import EXAMPLES
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.core.pooling import Threshold
from commons_contracts.documents.inspect import template_check
from commons_contracts.documents.pdf import convert_to_pdf
from commons_contracts.documents.provenance import document_properties, pdf_provenance
from commons_contracts.documents.render import (
    render_annual_report,
    render_annual_report_document,
)
from commons_contracts.errors import UsageError
from commons_contracts.funds.annual import PayeeLine, annual_figures
from commons_contracts.funds.fund import compute_funds
from commons_contracts.registry.model import Registry
from commons_contracts.validation.validate import validate_registry

NNBSP = "\u202f"
NBSP = "\u00a0"
ISSUED = datetime.date(2027, 1, 15)


@pytest.fixture(scope="module")
def registry() -> Registry:
    result = validate_registry(EXAMPLES)
    assert result.registry is not None, result.diagnostics
    return result.registry


@pytest.fixture(scope="module")
def french(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("annual")
    return render_annual_report(registry, EXAMPLES, "movilab", 2026, None, ISSUED, out).path


def _tables(path: Path) -> list[list[list[str]]]:
    document = docx.Document(str(path))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [paragraph.text for paragraph in document.paragraphs]
    lines += [cell for table in _tables(path) for row in table for cell in row]
    lines += [p.text for section in document.sections for p in section.footer.paragraphs]
    return "\n".join(lines)


def _amount(text: str) -> Decimal:
    """A French amount of a table (`32 929,17`, `+ 30 429,17`, `− 2 434,33`) as a Decimal."""
    sign = -1 if text.strip().startswith("−") else 1
    digits = re.sub(r"[^0-9,]", "", text).replace(",", ".")
    return sign * Decimal(digits)


def _rows(table: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table}


def test_the_french_report_reads_back_with_the_years_figures(french: Path) -> None:
    assert french.name == "movilab.annual-report.2026.fr.docx"
    text = _text(french)
    assert "RAPPORT FINANCIER ANNUEL" in text
    assert "Fonds hébergé du commun «\u202fMovilab\u202f» · exercice 2026" in text
    assert "Du 1er janvier 2026 au 31 décembre 2026" in text
    assert f"Rapport n°{NBSP}movilab-2026 · établi le 15 janvier 2027" in text
    # 15 January 2027 plus the contract's 30 days.
    assert "contesté jusqu’au 14 février 2027 inclus" in text
    assert "dispose de trente (30) jours" in text
    summary = _rows(_tables(french)[1])
    assert summary["Solde d’ouverture au 31 décembre 2025"] == ["0,00"]
    assert summary["Recettes de l’exercice"] == [f"+ 30{NNBSP}429,17"]
    assert summary["Frais de gestion de l’Hébergeur"] == [f"− 2{NNBSP}434,33"]
    assert summary["Versements de l’exercice"] == [f"− 11{NNBSP}813,75"]
    assert summary["Solde de clôture au 31 décembre 2026"] == [f"16{NNBSP}181,09"]
    assert summary["dont engagé (dépenses approuvées restant à payer)"] == [f"3{NNBSP}000,00"]
    assert summary["dont libre d’engagement"] == [f"13{NNBSP}181,09"]
    words = "seize mille cent quatre-vingt-un euros et neuf centimes"
    assert f"Le solde de clôture s’élève à {words} (16{NNBSP}181,09{NBSP}€)." in text
    assert "huit pour cent (8" in text
    assert "Inès Dubois, Thomas Lefebvre" in text
    assert "Fait à Lille, le 15 janvier 2027." in text
    assert "Pour l’Hébergeur, Claire Martin, présidente" in text
    assert "Rapport financier annuel · Movilab · exercice 2026" in text


def test_the_figures_add_up_as_a_second_computation_checks(french: Path) -> None:
    """From the document's own tables: opening + income - fee - payouts = closing; the types,
    the sources, the categories and the payees each add up to their total."""
    by_type, sources, categories, payees, commitments = _tables(french)[2:7]
    summary = {label: _amount(values[0]) for label, values in _rows(_tables(french)[1]).items()}
    opening, income, fee, paid, closing = list(summary.values())[:5]
    assert opening + income + fee + paid == closing  # fee and payouts carry their minus sign
    assert sum(_amount(row[1]) for row in by_type[1:-1]) == _amount(by_type[-1][1]) == income
    assert sum(_amount(row[3]) for row in sources[1:-1]) == income
    assert sum(_amount(row[4]) for row in sources[1:-1]) == -fee
    assert sum(_amount(row[1]) for row in categories[1:-1]) == -paid
    assert sum(_amount(row[2]) for row in payees[1:-1]) == -paid
    assert [row[0] for row in categories[1:-1]] == [
        "Développement",
        "Coordination",
        "Autres dépenses",
    ]
    assert commitments[1] == [
        "16/11/2026",
        "Moteur de recherche des fiches",
        "Studio Lumen",
        f"3{NNBSP}000,00",
    ]


def test_names_only_as_consent_allows(french: Path) -> None:
    """Studio Lumen and L'Atelier des Communs consented (named_in_funds); the subsidies' funders
    are named; Alice's contract lets her be listed. The payees given by name and France
    Tiers-Lieux are pooled, never named. France Tiers-Lieux is the one unnamed source of
    co-financing: a pool of one would be its gift, and so would the type's total less
    L'Atelier's line, so L'Atelier joins the pool and the type names nobody."""
    sources = _tables(french)[3]
    assert [row[:3] for row in sources[1:-1]] == [
        ["Cofinancements", "2 sources non nommées", "2"],
        ["Subventions", "ADEME", "1"],
        ["Subventions", "Région Hauts-de-France", "1"],
        ["Réciprocité (HT)", "Alice Moreau", "2"],
    ]
    payees = _tables(french)[5]
    assert payees[1:-1] == [
        ["Studio Lumen", "1", f"4{NNBSP}200,00"],
        ["4 bénéficiaires non nommés", "4", f"7{NNBSP}613,75"],
    ]
    text = _text(french)
    for hidden in ("Léa Moreau", "Karim Haddad", "Sophie Lambert", "Bapaume", "France Tiers-Lieux"):
        assert hidden not in text
    assert "L’Atelier des Communs" not in text


def test_a_pool_too_small_to_hide_anyone_takes_in_the_named_lines(registry: Registry) -> None:
    """The year's payees with a threshold of five people: the four unnamed payees are too few,
    so Studio Lumen joins their line. Every line is checked against the payouts themselves:
    nothing named, and the total still what was paid out."""
    fund = compute_funds(registry)["movilab"]
    payouts = [item for item in fund.payouts if item.payout.date.year == 2026]
    paid = sum((item.payout.amount for item in payouts), Decimal(0))
    people = {item.expense.payee.casefold() for item in payouts}
    usual = annual_figures(registry, fund, 2026)
    assert [(line.name, line.payees) for line in usual.payees] == [("Studio Lumen", 1), (None, 4)]
    strict = annual_figures(registry, fund, 2026, Threshold(min_parts=5))
    assert strict.payees == (PayeeLine(None, len(people), len(payouts), paid),)
    assert strict.paid_out == usual.paid_out == paid
    assert strict.sources == usual.sources


def test_the_next_year_opens_with_this_years_closing_balance(
    registry: Registry, tmp_path: Path
) -> None:
    path = render_annual_report(
        registry, EXAMPLES, "movilab", 2027, "fr", datetime.date(2028, 1, 10), tmp_path
    ).path
    summary = _rows(_tables(path)[1])
    assert summary["Solde d’ouverture au 31 décembre 2026"] == [f"16{NNBSP}181,09"]
    # The one income of 2027: Movilab's share of the SCIC's gift for 2026, paid in January.
    assert summary["Recettes de l’exercice"] == ["+ 261,37"]
    assert "Aucun versement au cours de l’exercice." in _text(path)


def test_the_english_report(registry: Registry, tmp_path: Path) -> None:
    rendered = render_annual_report(registry, EXAMPLES, "movilab", 2026, "en", ISSUED, tmp_path)
    path = rendered.path
    assert path.name == "movilab.annual-report.2026.en.docx"
    text = _text(path)
    assert "ANNUAL FINANCIAL REPORT" in text
    assert "may be disputed until 14 February 2027 inclusive" in text
    assert "sixteen thousand one hundred and eighty-one euros and nine cents" in text
    assert "Reciprocity (excl. VAT)" in text
    assert "4 unnamed payees" in text


def test_a_text_without_the_reports_language_is_printed_with_a_warning(tmp_path: Path) -> None:
    """Movilab's description in French only: the English report prints the French text, and
    says so with a warning located at the description, as a contract's document does; the
    French report has no warning."""
    root = tmp_path / "registry"
    shutil.copytree(EXAMPLES, root)
    commons = root / "commons" / "movilab.yaml"
    text = commons.read_text(encoding="utf-8")
    english = text[text.index("  en: >-") : text.index("url: ")]
    commons.write_text(text.replace(english, ""), encoding="utf-8")
    registry = validate_registry(root, cache=False).registry
    assert registry is not None
    out = tmp_path / "out"
    assert render_annual_report(registry, root, "movilab", 2026, "fr", ISSUED, out).warnings == []
    rendered = render_annual_report(registry, root, "movilab", 2026, "en", ISSUED, out)
    assert [(w.path, w.line, w.code.value) for w in rendered.warnings] == [
        ("commons/movilab.yaml", 5, "missing-translation")
    ]
    assert "Le wiki collaboratif des tiers-lieux" in _text(rendered.path)


def test_same_input_same_bytes_and_provenance(registry: Registry) -> None:
    first = render_annual_report_document(registry, EXAMPLES, "movilab", 2026, "fr", ISSUED)
    again = render_annual_report_document(registry, EXAMPLES, "movilab", 2026, "fr", ISSUED)
    assert first == again
    properties = document_properties(first)
    assert properties["ContractId"] == "hebergement-movilab"
    assert (properties["Commons"], properties["Year"], properties["IssuedOn"]) == (
        "movilab",
        "2026",
        "2027-01-15",
    )
    assert properties["TemplateName"] == "annual-report-fr.docx"


def test_refused_reports(registry: Registry, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="give --date 2027-01-01 or later"):
        render_annual_report(
            registry, EXAMPLES, "movilab", 2026, "fr", datetime.date(2026, 12, 31), tmp_path
        )
    with pytest.raises(UsageError, match="did you mean 'movilab'"):
        render_annual_report(registry, EXAMPLES, "movilb", 2026, "fr", ISSUED, tmp_path)
    with pytest.raises(UsageError, match="no hosting contract hosts the commons 'movilab'"):
        render_annual_report(
            registry, EXAMPLES, "movilab", 2025, "fr", datetime.date(2026, 1, 10), tmp_path
        )
    assert not list(tmp_path.iterdir())


def test_the_command_as_typed(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    args = ["annual-report", "movilab", "--year", "2026", "--date", "2027-01-15"]
    result = runner.invoke(app, [*args, "-r", str(EXAMPLES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "movilab.annual-report.2026.fr.docx")
    result = runner.invoke(app, [*args[:4], "--date", "2026-06-01", "-r", str(EXAMPLES)])
    assert result.exit_code == 2
    assert "an annual report is issued after it" in result.stderr


def test_template_check_knows_the_annual_report_context(tmp_path: Path) -> None:
    """A custom annual report template that names a field the context lacks is caught."""
    source = Path(__file__).resolve().parents[1] / "templates" / "annual-report-fr.docx"
    document = docx.Document(str(source))
    document.add_paragraph("{{ totals.closng_balance|figures }} {{ report.yaer }}")
    custom = tmp_path / "annual-report-fr.docx"
    document.save(str(custom))
    problems = template_check(custom)
    assert any("closng_balance" in p and "closing_balance" in p for p in problems), problems
    assert any("yaer" in p for p in problems), problems
    assert template_check(source) == []


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_report_converts_to_pdf(french: Path, tmp_path: Path) -> None:
    (pdf,) = convert_to_pdf([french], tmp_path)
    assert pdf.name == "movilab.annual-report.2026.fr.pdf"
    assert pdf_provenance(pdf) == document_properties(french)
    reader = PdfReader(pdf)
    assert reader.metadata is not None
    assert str(reader.metadata["/CreationDate"]).startswith("D:20270115")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    text = text.replace(NBSP, " ").replace(NNBSP, " ")
    assert "RAPPORT FINANCIER ANNUEL" in text
    assert "contesté jusqu’au 14 février 2027 inclus" in text
    assert "16 181,09" in text and "30 429,17" in text and "11 813,75" in text
    assert "seize mille cent quatre-vingt-un euros et neuf centimes" in text
    assert "4 bénéficiaires non nommés" in text
    assert "Page 1 sur 2" in text


def _gifts(root: Path, gifts: list[tuple[str, str]]) -> Registry:
    """The example with gifts of 2026 to Movilab's fund, each (source as written, amount)."""
    for number, (source, amount) in enumerate(gifts, start=1):
        (root / "funds" / "income" / "2026" / f"2026-10-0{number}-don.yaml").write_text(
            f"kind: income\nid: 2026-10-0{number}-don\ncommons: movilab\ndate: 2026-10-0{number}\n"
            f"amount: {amount}\nsource: {source}\ntype: donation\n",
            encoding="utf-8",
        )
    result = validate_registry(root)
    assert result.registry is not None, [d.format_text() for d in result.diagnostics]
    return result.registry


def _donations(registry: Registry) -> list[tuple[str | None, int, int, Decimal]]:
    figures = annual_figures(registry, compute_funds(registry)["movilab"], 2026)
    return [(s.name, s.sources, s.count, s.amount) for s in figures.sources if s.type == "donation"]


def test_one_person_written_three_ways_is_one_source(example_copy: Path) -> None:
    """Three gifts from one person written three ways (accents, case, spaces) are one source:
    the pool holds one person, so it is shown as one source of three gifts, and Studio Lumen,
    which consented, joins it rather than letting the total less its line give the person's
    gifts away."""
    registry = _gifts(
        example_copy,
        [("Inès Dubois", "50.00"), ("ines  dubois", "30.00"), ("INÈS DUBOIS", "20.00"),
         ("studio-lumen", "500.00")],
    )  # fmt: skip
    assert _donations(registry) == [(None, 2, 4, Decimal("600.00"))]


def test_a_pool_that_one_gift_dominates_takes_in_the_named_lines(example_copy: Path) -> None:
    """Three people, but one of them gave 98 % of the pool: the rule of dominance folds the
    named line in, as the threshold of three does; three people of like gifts keep it apart."""
    dominated = _gifts(
        example_copy,
        [("Inès Dubois", "1000.00"), ("Paul Martin", "10.00"), ("Zoé Leroy", "10.00"),
         ("studio-lumen", "500.00")],
    )  # fmt: skip
    assert _donations(dominated) == [(None, 4, 4, Decimal("1520.00"))]
    (example_copy / "funds" / "income" / "2026" / "2026-10-01-don.yaml").write_text(
        "kind: income\nid: 2026-10-01-don\ncommons: movilab\ndate: 2026-10-01\n"
        "amount: 20.00\nsource: Inès Dubois\ntype: donation\n",
        encoding="utf-8",
    )
    result = validate_registry(example_copy)
    assert result.registry is not None
    assert _donations(result.registry) == [
        ("Studio Lumen", 1, 1, Decimal("500.00")),
        (None, 3, 3, Decimal("40.00")),
    ]
