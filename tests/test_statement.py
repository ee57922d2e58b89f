"""Tests of the statements of a reciprocity contract, a royalty statement or a call for a gift:
real .docx files rendered from the example registry, read back with python-docx, and one
converted to PDF.

The figures are those of `commons-contracts balance -r examples --as-of 2026-11-28`, checked by
hand in the comments. The narrow no-break space (U+202F) and the no-break space (U+00A0) are
written as escapes: a plain space in their place is a bug.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import io
import shutil
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from tests.conftest import EXAMPLES

from commons_contracts import __version__
from commons_contracts.documents.context import statement_context
from commons_contracts.documents.fingerprint import document_terms
from commons_contracts.documents.inspect import template_check, template_text
from commons_contracts.documents.pdf import convert_to_pdf
from commons_contracts.documents.provenance import document_properties, pdf_provenance
from commons_contracts.documents.render import render_statement, render_statement_document
from commons_contracts.documents.templates import TemplateError, builtin_templates_dir
from commons_contracts.errors import UsageError
from commons_contracts.i18n.wording import iban
from commons_contracts.ledger.balances import compute_balances, period_statement
from commons_contracts.registry.model import Declaration, Payment, Registry
from commons_contracts.validation.validate import validate_registry

NNBSP = "\u202f"
NBSP = "\u00a0"
AS_OF = datetime.date(2026, 11, 28)
ALICE = "reciprocite-alice-movilab"
SCIC = "reciprocite-scic-communs"
ATELIER = "reciprocite-atelier-boussole"


# --------------------------------------------------------------------------------------------
# Helpers


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The example registry, validated."""
    result = validate_registry(EXAMPLES)
    assert result.registry is not None, result.diagnostics
    return result.registry


@pytest.fixture(scope="module")
def rendered(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The statements the tests read, as of 28 November 2026, by `<id>.<period>.<lang>`."""
    out = tmp_path_factory.mktemp("statements")
    paths = [
        render_statement(registry, EXAMPLES, contract_id, period, lang, AS_OF, out).path
        for contract_id, period in (
            (ALICE, "2026-Q2"),
            (ALICE, "2026-Q3"),
            (ALICE, "2026-Q4"),
            (SCIC, "2026"),
            (ATELIER, "2026-Q4"),
        )
        for lang in ("fr", "en")
    ]
    return {path.name.removesuffix(".docx"): path for path in paths}


def _paragraphs(element: object, part: object) -> Iterator[str]:
    for paragraph in element.iter(qn("w:p")):  # type: ignore[attr-defined]
        yield Paragraph(paragraph, part).text  # type: ignore[arg-type]


def body_lines(path: Path) -> list[str]:
    """The text of every paragraph of the body, tables included, in order."""
    document = docx.Document(str(path))
    return list(_paragraphs(document.element.body, document.part))


def footer_lines(path: Path) -> list[str]:
    document = docx.Document(str(path))
    lines: list[str] = []
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                lines.extend(_paragraphs(part._element, part.part))
    return lines


def text_of(path: Path) -> str:
    """Body, headers and footers as one text, paragraphs separated by new lines."""
    return "\n".join(body_lines(path) + footer_lines(path))


def tables(path: Path) -> list[list[list[str]]]:
    """Every table as rows of cell texts (a merged cell once)."""
    document = docx.Document(str(path))
    result = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            cells = [
                c for i, c in enumerate(row.cells) if i == 0 or c._tc is not row.cells[i - 1]._tc
            ]
            rows.append([cell.text for cell in cells])
        result.append(rows)
    return result


def table_with(path: Path, first_cell: str) -> list[list[str]]:
    """The table whose first row starts with `first_cell`."""
    return next(t for t in tables(path) if t[0][0] == first_cell)


def rows_of(path: Path) -> dict[str, str]:
    """Every two-column row of every table, label to value."""
    return {row[0]: row[1] for table in tables(path) for row in table if len(row) == 2}


def custom_template(root: Path, name: str, extra: str) -> Path:
    """The built-in template `name` with one more paragraph, in the registry's templates."""
    document = docx.Document(str(builtin_templates_dir() / f"{name}.docx"))
    document.add_paragraph(extra)
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path


def with_records(
    registry: Registry,
    declarations: tuple[Declaration, ...] = (),
    payments: tuple[Payment, ...] = (),
) -> Registry:
    return dataclasses.replace(
        registry,
        declarations=registry.declarations + declarations,
        payments=registry.payments + payments,
    )


# --------------------------------------------------------------------------------------------
# The statement of alice's third quarter: one declaration, royalty with VAT, nothing paid yet

MINUS = "\u2212"


def test_alice_q3_in_french(rendered: dict[str, Path]) -> None:
    path = rendered[f"{ALICE}.2026-Q3.fr"]
    assert path.name == "reciprocite-alice-movilab.2026-Q3.fr.docx"
    lines = body_lines(path)
    assert lines[:4] == [
        "RELEVÉ DE REDEVANCE",
        "3e trimestre 2026",
        "Période du 1er juillet 2026 au 30 septembre 2026",
        f"Relevé n°{NBSP}reciprocite-alice-movilab-2026-Q3 · établi le 28 novembre 2026",
    ]
    # The sections are numbered by the document, in order.
    assert [line for line in lines if line[:1].isdigit() and line[1:3] == f".{NBSP}"] == [
        f"1.{NBSP}ÉMETTEUR ET DESTINATAIRE",
        f"2.{NBSP}CONTRAT",
        f"3.{NBSP}DÉCLARATIONS DE LA PÉRIODE",
        f"4.{NBSP}MONTANTS DUS",
        f"5.{NBSP}RÈGLEMENT",
    ]
    # Issuer and addressee, fully identified.
    parties = table_with(path, f"Émetteur{NNBSP}: l’Hôte")
    assert parties[0] == [f"Émetteur{NNBSP}: l’Hôte", f"Destinataire{NNBSP}: l’Acteur"]
    host, actor = (cell.split("\n") for cell in parties[1])
    assert host == [
        "Réseau des tiers-lieux des Hauts-de-France",
        "association loi 1901",
        "12 rue des Arts, 59000 Lille",
        f"SIRET 000{NBSP}000{NBSP}307{NBSP}00017",
        "RNA W000000002",
        f"TVA intracommunautaire{NNBSP}: FR60000000307",
        "contact@tiers-lieux-hdf.example.org",
    ]
    assert actor == [
        "Alice Moreau",
        "entrepreneur individuel",
        "8 rue Pierre Motte, 59100 Roubaix",
        f"SIRET 000{NBSP}000{NBSP}406{NBSP}00017",
        f"Franchise en base de TVA (article{NBSP}293{NBSP}B du CGI)",
        "alice.moreau@example.org",
    ]
    # The contract: a royalty is the price of the rights the contract grants.
    rows = rows_of(path)
    assert rows["Contrat de réciprocité"] == ALICE
    assert rows["Durée"] == "Du 1er janvier 2026 au 31 décembre 2027"
    assert rows["Commun bénéficiaire"] == f"«{NNBSP}Movilab{NNBSP}»"
    assert rows["Prestations couvertes"] == (
        f"accompagnement de projets de tiers-lieux{NNBSP}; formation à la documentation ouverte"
    )
    assert rows["Taux de la redevance"] == (
        f"5{NBSP}% du chiffre d’affaires HT des prestations couvertes"
    )
    assert rows["Nature des sommes"] == (
        f"Redevance, prix des droits concédés par le contrat, soumise à la TVA au taux de 20{NBSP}%"
    )
    # The declarations, then the period's total.
    declarations = table_with(path, "Date")
    assert declarations == [
        ["Date", "Client", "Prestation", "Facture", "Montant HT (€)", "Redevance HT (€)"],
        [
            "15/07/2026",
            "Communauté de communes de Flandre",
            "Formation à la documentation ouverte",
            "AM-2026-014",
            f"2{NNBSP}100,00",
            "105,00",
        ],
        ["Total de la période", f"2{NNBSP}100,00", "105,00"],
    ]
    # The amounts, in figures then in words.
    assert rows[f"Redevance HT de la période (5{NBSP}% de 2{NNBSP}100,00{NBSP}€)"] == (
        f"105,00{NBSP}€"
    )
    assert rows[f"TVA au taux de 20{NBSP}%"] == f"21,00{NBSP}€"
    assert rows["Redevance TTC de la période"] == f"126,00{NBSP}€"
    assert rows["Solde des périodes antérieures"] == f"0,00{NBSP}€"
    assert rows["Total à payer"] == f"126,00{NBSP}€"
    assert "Déjà réglé au titre de la période" not in rows
    assert (
        f"La redevance de la période s’élève à cent cinq euros (105,00{NBSP}€) hors taxes, "
        f"plus vingt et un euros (21,00{NBSP}€) de TVA au taux de 20{NBSP}%, soit cent "
        f"vingt-six euros (126,00{NBSP}€) toutes taxes comprises." in lines
    )
    assert (
        f"Le présent relevé est arrêté à la somme de cent vingt-six euros (126,00{NBSP}€) "
        "toutes taxes comprises." in lines
    )
    # Payment: the due date (passed on 28 November), the host's bank details.
    assert (
        f"Échéance de la redevance de la période{NNBSP}: 30 octobre 2026 (échéance dépassée)."
        in lines
    )
    assert rows["IBAN"] == NBSP.join(["FR76", "3000", "6000", "0112", "3456", "7890", "189"])
    assert rows["BIC"] == "AGRIFRPP"
    assert rows["Titulaire du compte"] == "Réseau des tiers-lieux des Hauts-de-France"
    assert rows["Référence à indiquer"] == "reciprocite-alice-movilab-2026-Q3"
    assert any(
        line.startswith("Tout retard de paiement fait courir")
        and f"(articles{NBSP}L.{NBSP}441\u201110 et D.{NBSP}441\u20115 du Code de commerce)" in line
        for line in lines
    )
    assert any("il ne tient pas lieu de facture" in line for line in lines)
    assert lines[-3:] == [
        "Fait à Lille, le 28 novembre 2026.",
        "Pour l’Hôte, Réseau des tiers-lieux des Hauts-de-France",
        "Claire Martin, présidente",
    ]
    # The period is closed on 28 November: no provisional notice; no share between commons; no
    # amendment in force.
    assert not any("provisoire" in line for line in lines)
    assert not any("avenant" in line for line in lines)
    assert "Commun" not in [t[0][0] for t in tables(path)]
    # Nothing of the old vocabulary: a royalty is not a "reversal".
    assert "reversement" not in text_of(path).lower()


def test_alice_q3_in_english(rendered: dict[str, Path]) -> None:
    path = rendered[f"{ALICE}.2026-Q3.en"]
    lines = body_lines(path)
    assert lines[:4] == [
        "ROYALTY STATEMENT",
        "Third quarter of 2026",
        "Period from 1 July 2026 to 30 September 2026",
        f"Statement no.{NBSP}reciprocite-alice-movilab-2026-Q3 · issued on 28 November 2026",
    ]
    declarations = table_with(path, "Date")
    assert declarations[0][-1] == "Royalty excl. VAT (€)"
    assert declarations[1] == [
        "15/07/2026",
        "Communauté de communes de Flandre",
        "Formation à la documentation ouverte",
        "AM-2026-014",
        "2,100.00",
        "105.00",
    ]
    assert declarations[2] == ["Total for the period", "2,100.00", "105.00"]
    rows = rows_of(path)
    assert rows["Royalty rate"] == "5% of the revenue excl. VAT from covered services"
    assert rows["Covered services"] == (
        "support for third-place projects; training in open documentation"
    )
    assert rows["Royalty excl. VAT for the period (5% of €2,100.00)"] == "€105.00"
    assert rows["VAT at 20%"] == "€21.00"
    assert rows["Royalty incl. VAT for the period"] == "€126.00"
    assert rows["Balance of earlier periods"] == "€0.00"
    assert rows["Total to pay"] == "€126.00"
    assert (
        "The royalty for the period amounts to one hundred and five euros (€105.00) excluding "
        "VAT, plus twenty-one euros (€21.00) of VAT at 20%, that is one hundred and twenty-six "
        "euros (€126.00) including VAT." in lines
    )
    assert (
        "The amount due under this statement is one hundred and twenty-six euros (€126.00) "
        "including VAT." in lines
    )
    assert "Due date of the royalty for the period: 30 October 2026 (past due)." in lines
    assert rows["IBAN"] == NBSP.join(["FR76", "3000", "6000", "0112", "3456", "7890", "189"])
    assert rows["Reference to quote"] == "reciprocite-alice-movilab-2026-Q3"
    host, actor = (cell.split("\n") for cell in table_with(path, "Issuer: the Host")[1])
    assert host[1] == "association governed by the French law of 1 July 1901"
    assert actor[1] == "sole trader (entrepreneur individuel)"
    assert f"VAT franchise scheme (article{NBSP}293{NBSP}B of the French General Tax Code)" in actor
    assert "Issued in Lille on 28 November 2026." in lines
    assert "reversal" not in text_of(path).lower()


def test_carried_balance_and_provisional_period(rendered: dict[str, Path]) -> None:
    """Q4 is not over on 28 November; Q3's 126.00 is carried, past due, into it."""
    path = rendered[f"{ALICE}.2026-Q4.fr"]
    lines = body_lines(path)
    assert any(line.startswith(f"Relevé provisoire{NNBSP}: la période") for line in lines)
    rows = rows_of(path)
    # Q4: 5250.00 at 5 % = 262.50, VAT 52.50, 315.00; Q3's 126.00 unpaid.
    assert rows["Redevance TTC de la période"] == f"315,00{NBSP}€"
    assert rows["Solde des périodes antérieures"] == f"126,00{NBSP}€"
    assert rows["Total à payer"] == f"441,00{NBSP}€"
    assert (
        "Le présent relevé est arrêté à la somme de quatre cent quarante et un euros "
        f"(441,00{NBSP}€) toutes taxes comprises, dont 126,00{NBSP}€ au titre des périodes "
        "antérieures." in lines
    )
    assert f"Échéance de la redevance de la période{NNBSP}: 30 janvier 2027." in lines
    assert (
        f"Solde échu des périodes antérieures, à régler sans délai{NNBSP}: 126,00{NBSP}€." in lines
    )
    english = body_lines(rendered[f"{ALICE}.2026-Q4.en"])
    assert any(line.startswith("Provisional statement: the period is not") for line in english)
    assert "Past-due balance of earlier periods, payable immediately: €126.00." in english


def test_a_period_with_a_credit_note(rendered: dict[str, Path]) -> None:
    """Q2: 3333.33 invoiced, then a credit note of 450.00; 173.00 paid on 28 July. Negative
    amounts carry a true minus sign (U+2212), not a hyphen."""
    path = rendered[f"{ALICE}.2026-Q2.fr"]
    declarations = table_with(path, "Date")
    assert declarations[1:] == [
        [
            "08/04/2026",
            "Région Hauts-de-France",
            "Diagnostic de quatre tiers-lieux",
            "AM-2026-009",
            f"3{NNBSP}333,33",
            "166,67",
        ],
        [
            "30/06/2026",
            "Région Hauts-de-France",
            # The record says "Avoir : ...": its text gets the document's typography.
            f"Avoir{NNBSP}: une demi-journée de diagnostic annulée",
            "AM-2026-A01 (avoir)",
            f"{MINUS}450,00",
            f"{MINUS}22,50",
        ],
        ["Total de la période", f"2{NNBSP}883,33", "144,17"],
    ]
    rows = rows_of(path)
    assert rows["Redevance TTC de la période"] == f"173,00{NBSP}€"
    assert rows["Déjà réglé au titre de la période"] == f"{MINUS}173,00{NBSP}€"
    assert rows["Total à payer"] == f"0,00{NBSP}€"
    lines = body_lines(path)
    assert any(line.startswith("Un avoir, porté en négatif, réduit") for line in lines)
    assert (
        "Aucune somme ne reste due au titre de cette période et des précédentes à la date du "
        "présent relevé." in lines
    )
    assert (
        "Aucun paiement n’est attendu à la date du présent relevé (échéance de la redevance de la "
        # The quarter was invoiced on 2 July (RC-0002): it falls due 30 days later.
        f"période{NNBSP}: 1er août 2026)." in lines
    )
    assert "IBAN" not in rows
    assert "-" not in "".join(row[-1] for row in declarations[1:])
    english = table_with(rendered[f"{ALICE}.2026-Q2.en"], "Date")
    assert english[2][3:] == ["AM-2026-A01 (credit note)", f"{MINUS}450.00", f"{MINUS}22.50"]


def test_a_donation_is_a_call_for_a_free_gift(rendered: dict[str, Path]) -> None:
    """SCIC, 2026: 2.5 % of 8400.00 (70/30) and 9150.00 (50/50), indicative, without VAT. A
    call for a gift asks nothing: no total to pay, no due date, no penalty, no invoice."""
    path = rendered[f"{SCIC}.2026.fr"]
    lines = body_lines(path)
    assert lines[:5] == [
        "APPEL À DON",
        "Année 2026",
        "Période du 1er janvier 2026 au 31 décembre 2026",
        f"Appel à don n°{NBSP}reciprocite-scic-communs-2026 · établi le 28 novembre 2026",
        f"Appel provisoire{NNBSP}: la période n’est pas close au 28 novembre 2026{NNBSP}; ce "
        "document porte sur les déclarations enregistrées à cette date.",
    ]
    rows = rows_of(path)
    assert rows["Communs bénéficiaires"] == (
        f"«{NNBSP}Movilab{NNBSP}» et «{NNBSP}Cahier d’activités des tiers-lieux{NNBSP}»"
    )
    assert rows["Taux indicatif"] == (
        f"2,5{NBSP}% du chiffre d’affaires HT des prestations couvertes"
    )
    assert rows["Nature des sommes"] == (
        "Dons manuels à l’Hôte, affectés aux communs, libres dans leur principe et leur "
        "montant, hors du champ de la TVA"
    )
    declarations = table_with(path, "Date")
    assert declarations[0][-1] == "Montant indicatif (€)"
    # The split of each declaration under its description.
    assert declarations[1][2] == (
        "Formation d’animateurs de tiers-lieux, session de printemps\n"
        f"Movilab{NNBSP}: 70{NBSP}% (147,00){NNBSP}; Cahier d’activités des tiers-lieux{NNBSP}: "
        f"30{NBSP}% (63,00)"
    )
    assert declarations[3] == ["Total de la période", f"17{NNBSP}550,00", "438,75"]
    assert not any(label.startswith("TVA") for label in rows)
    assert rows[f"Montant indicatif de la période (2,5{NBSP}% de 17{NNBSP}550,00{NBSP}€)"] == (
        f"438,75{NBSP}€"
    )
    assert rows["Montant indicatif restant"] == f"438,75{NBSP}€"
    assert "Total à payer" not in rows
    # 147.00 + 114.37 = 261.37 and 63.00 + 114.38 = 177.38 (the remainder cent by id order).
    assert table_with(path, "Commun") == [
        ["Commun", "Montant indicatif (€)"],
        [f"«{NNBSP}Movilab{NNBSP}»", "261,37"],
        [f"«{NNBSP}Cahier d’activités des tiers-lieux{NNBSP}»", "177,38"],
        ["Total", "438,75"],
    ]
    assert (
        "Le montant indicatif de votre don pour la période s’élève à quatre cent trente-huit "
        f"euros et soixante-quinze centimes (438,75{NBSP}€). Ce montant n’est qu’une "
        f"indication{NNBSP}: vous restez libre de donner ou non, et de fixer le montant de votre "
        "don." in lines
    )
    headings = [line for line in lines if line[:1].isdigit() and line[1:3] == f".{NBSP}"]
    assert headings[3:] == [f"4.{NBSP}MONTANT INDICATIF DU DON", f"5.{NBSP}COMMENT DONNER"]
    # The tax receipt: the host is eligible, on the basis its record states.
    assert (
        f"L’Hôte est habilité à délivrer des reçus fiscaux au titre de l’article{NBSP}238{NBSP}bis "
        f"du code général des impôts{NNBSP}: organisme d’intérêt général à caractère éducatif "
        f"(article{NBSP}238{NBSP}bis, 1, a du CGI), ce qu’a confirmé le rescrit fiscal du 14 mars "
        "2025. Il vous adressera un reçu pour chaque don." in lines
    )
    assert any("n’entraîne ni relance comminatoire, ni pénalité" in line for line in lines)
    everything = text_of(path)
    for word in ("pénalités", "lieu de facture", "Échéance", "échéance", "redevance", "à payer"):
        assert word not in everything, word
    english = rendered[f"{SCIC}.2026.en"]
    assert body_lines(english)[0] == "CALL FOR A GIFT"
    assert rows_of(english)["Nature of the sums"] == (
        "Manual gifts (dons manuels) to the Host, earmarked for the commons, free in principle "
        "and amount, outside the scope of VAT"
    )
    assert "Indicative amount remaining" in rows_of(english)
    for word in ("penalt", "an invoice", "invoiced", "due date", "royalty", "reversal"):
        assert word not in text_of(english).lower().replace("no penalty", ""), word


def test_a_donation_to_a_host_that_issues_no_tax_receipt(
    registry: Registry, tmp_path: Path
) -> None:
    host = dataclasses.replace(registry.parties["tiers-lieux-hdf"], tax_receipts=None)
    changed = dataclasses.replace(registry, parties={**registry.parties, host.id: host})
    path = render_statement(changed, EXAMPLES, SCIC, "2026", "fr", AS_OF, tmp_path).path
    lines = body_lines(path)
    assert not any("habilité à délivrer" in line for line in lines if "n’est pas" not in line)
    assert any(line.startswith("L’Hôte n’est pas habilité à délivrer") for line in lines)
    english = render_statement(changed, EXAMPLES, SCIC, "2026", "en", AS_OF, tmp_path).path
    assert any(
        line.startswith("The Host is not entitled to issue tax receipts")
        for line in body_lines(english)
    )


def test_tiers_by_parts_and_cap(rendered: dict[str, Path]) -> None:
    """L'Atelier, Q4: 4750.50 on top of 22 200.00 already declared in 2026, at 3 %. Each rate
    applies to the part of the revenue within its tier: "par tranches", not "progressif"."""
    path = rendered[f"{ATELIER}.2026-Q4.fr"]
    rows = rows_of(path)
    assert rows["Taux de la redevance"].split("\n") == [
        f"Barème par tranches du chiffre d’affaires HT cumulé de chaque année civile{NNBSP}:",
        f"–{NBSP}0{NBSP}% jusqu’à 1{NNBSP}000,00{NBSP}€{NNBSP};",
        f"–{NBSP}5{NBSP}% de 1{NNBSP}000,00{NBSP}€ à 20{NNBSP}000,00{NBSP}€{NNBSP};",
        f"–{NBSP}3{NBSP}% au-delà de 20{NNBSP}000,00{NBSP}€",
    ]
    assert rows["Plafond annuel"] == f"3{NNBSP}000,00{NBSP}€ HT par année civile"
    assert rows["Redevance HT de la période"] == f"142,52{NBSP}€"
    assert rows["Solde des périodes antérieures"] == f"511,20{NBSP}€"
    assert rows["Total à payer"] == f"682,22{NBSP}€"
    assert any(
        line.startswith(
            "Chiffre d’affaires HT cumulé de l’année 2026 après la dernière déclaration de la "
            f"période{NNBSP}: 26{NNBSP}950,50{NBSP}€."
        )
        for line in body_lines(path)
    )
    english = rows_of(rendered[f"{ATELIER}.2026-Q4.en"])
    assert english["Royalty rate"].split("\n")[0] == (
        "Tiered scale on the cumulative revenue excl. VAT of each calendar year:"
    )


def test_no_tag_is_left_and_the_footer_names_contract_and_period(
    rendered: dict[str, Path],
) -> None:
    for name, path in rendered.items():
        everything = text_of(path)
        for tag in ("{{", "}}", "{%", "%}", "{#", "\ue000", "\ue001"):
            assert tag not in everything, (name, tag)
        # No paragraph left empty by a conditional clause.
        assert "" not in body_lines(path), name
    footer = footer_lines(rendered[f"{ALICE}.2026-Q3.fr"])
    assert footer[0].startswith(
        "Relevé de redevance · contrat reciprocite-alice-movilab · 3e trimestre 2026\tPage "
    )
    assert " sur " in footer[0]
    assert footer_lines(rendered[f"{SCIC}.2026.fr"])[0].startswith(
        "Appel à don · contrat reciprocite-scic-communs · année 2026\tPage "
    )
    english = footer_lines(rendered[f"{SCIC}.2026.en"])
    assert english[0].startswith(
        "Call for a gift · agreement reciprocite-scic-communs · year 2026\tPage "
    )


def test_a_host_under_the_vat_franchise_without_a_bank_account(
    registry: Registry, tmp_path: Path
) -> None:
    """The franchise mention of art. 293 B CGI, and the payment reference spelt out when the
    host gives no IBAN."""
    host = dataclasses.replace(
        registry.parties["tiers-lieux-hdf"],
        vat_regime="franchise",
        vat_number=None,
        iban=None,
        bic=None,
    )
    contract = dataclasses.replace(registry.contracts[ALICE], vat_rate_percent=Decimal(0))
    changed = dataclasses.replace(
        registry,
        parties={**registry.parties, host.id: host},
        contracts={**registry.contracts, ALICE: contract},
    )
    path = render_statement(changed, EXAMPLES, ALICE, "2026-Q3", "fr", AS_OF, tmp_path).path
    issuer = table_with(path, f"Émetteur{NNBSP}: l’Hôte")[1][0].split("\n")
    assert f"TVA non applicable, article{NBSP}293{NBSP}B du CGI" in issuer
    rows = rows_of(path)
    assert rows["Nature des sommes"] == (
        f"Redevance, prix des droits concédés par le contrat{NNBSP}; TVA non applicable, "
        f"article{NBSP}293{NBSP}B du CGI"
    )
    assert not any(label.startswith("TVA") for label in rows)
    # Without VAT, Q1 and Q2 owe 429.17: 85.83 of the 515.00 paid goes to Q3.
    assert rows["Déjà réglé au titre de la période"] == f"{MINUS}85,83{NBSP}€"
    assert rows["Total à payer"] == f"19,17{NBSP}€"
    assert "IBAN" not in rows
    lines = body_lines(path)
    assert (
        f"La redevance de la période s’élève à cent cinq euros (105,00{NBSP}€) hors taxes"
        f"{NNBSP}; TVA non applicable, article{NBSP}293{NBSP}B du CGI." in lines
    )
    assert (
        "Le présent relevé est arrêté à la somme de dix-neuf euros et dix-sept centimes "
        f"(19,17{NBSP}€)." in lines
    )
    assert (
        "Règlement par virement sur le compte désigné par l’Hôte, en indiquant la référence du "
        f"relevé{NNBSP}: reciprocite-alice-movilab-2026-Q3." in lines
    )


def _declaration(day: str, amount: str) -> Declaration:
    return Declaration(
        id=f"{day}-alice",
        contract=ALICE,
        date=datetime.date.fromisoformat(day),
        amount_excl_tax=Decimal(amount),
        client="Ville de Lille",
        description="Accompagnement",
        invoice_ref=f"AM-{day}",
    )


def test_a_statement_prints_the_terms_in_force_on_the_last_day_of_its_period(
    registry: Registry, tmp_path: Path
) -> None:
    """Alice's amendment no. 1 raises the rate to 6 % from 1 January 2027: the statement of
    2027-Q1 prints 6 %, the rate its amount was computed with (1000.00 at 6 % = 60.00)."""
    later = with_records(registry, declarations=(_declaration("2027-02-10", "1000.00"),))
    as_of = datetime.date(2027, 4, 2)
    path = render_statement(later, EXAMPLES, ALICE, "2027-Q1", "fr", as_of, tmp_path).path
    rows = rows_of(path)
    assert rows["Taux de la redevance"] == (
        f"6{NBSP}% du chiffre d’affaires HT des prestations couvertes"
    )
    assert rows[f"Redevance HT de la période (6{NBSP}% de 1{NNBSP}000,00{NBSP}€)"] == (
        f"60,00{NBSP}€"
    )
    assert (
        "Conditions en vigueur le 31 mars 2027, dernier jour de la période, compte tenu de "
        f"l’avenant n°{NBSP}1." in body_lines(path)
    )
    english = render_statement(later, EXAMPLES, ALICE, "2027-Q1", "en", as_of, tmp_path).path
    assert (
        "Terms in force on 31 March 2027, the last day of the period, as amended by amendment "
        f"no.{NBSP}1." in body_lines(english)
    )
    # An amendment that takes effect within the period: each declaration has the schedule of
    # its date (1000.00 at 5 % then 1000.00 at 6 %), and no single rate is printed as the
    # period's.
    amendment = dataclasses.replace(
        registry.amendments[0], effective_date=datetime.date(2027, 2, 15)
    )
    mid = dataclasses.replace(
        with_records(
            registry,
            declarations=(
                _declaration("2027-02-10", "1000.00"),
                _declaration("2027-03-10", "1000.00"),
            ),
        ),
        amendments=(amendment,),
    )
    path = render_statement(mid, EXAMPLES, ALICE, "2027-Q1", "fr", as_of, tmp_path).path
    rows = rows_of(path)
    assert rows["Redevance HT de la période"] == f"110,00{NBSP}€"
    assert [row[-1] for row in table_with(path, "Date")[1:3]] == ["50,00", "60,00"]
    assert any(
        line.endswith("Chaque déclaration est calculée avec le barème en vigueur à sa date.")
        for line in body_lines(path)
    )


# --------------------------------------------------------------------------------------------
# The ledger's figures behind the statement


def test_the_carried_balance_ignores_payments_of_later_periods(registry: Registry) -> None:
    """On 28 November, Q1 and Q2 are paid: Q2's payment is not a credit on Q1's statement."""
    first = period_statement(registry, ALICE, "2026-Q1", AS_OF)
    assert first.period.paid == Decimal("342.00")
    assert first.carried_balance == Decimal("0.00")
    assert first.balance_due == Decimal("0.00")
    # The last period's statement asks for the contract's whole balance.
    for balance in compute_balances(registry, AS_OF):
        last = balance.reversal.periods[-1].period
        statement = period_statement(registry, balance.contract.id, last, AS_OF)
        assert statement.balance_due == balance.reversal.balance


def test_an_overpayment_is_a_credit_on_every_statement(registry: Registry, tmp_path: Path) -> None:
    """1000.00 paid beyond the 956.00 due in 2026: 559.00 in the actor's favour."""
    paid = with_records(
        registry,
        payments=(
            Payment(
                id="2026-11-20-alice",
                contract=ALICE,
                date=datetime.date(2026, 11, 20),
                amount=Decimal(1000),
            ),
        ),
    )
    for period in ("2026-Q1", "2026-Q4"):
        statement = period_statement(paid, ALICE, period, AS_OF)
        assert statement.carried_balance == Decimal("-559.00")
        assert statement.balance_due == Decimal("-559.00")
    path = render_statement(paid, EXAMPLES, ALICE, "2026-Q4", "fr", AS_OF, tmp_path).path
    rows = rows_of(path)
    assert rows["Solde des périodes antérieures (crédit en faveur de l’Acteur)"] == (
        f"{MINUS}559,00{NBSP}€"
    )
    assert rows["Crédit en faveur de l’Acteur"] == f"559,00{NBSP}€"
    assert (
        "L’Acteur dispose d’un crédit de cinq cent cinquante-neuf euros "
        f"(559,00{NBSP}€), qui s’imputera sur les prochaines redevances." in body_lines(path)
    )


# --------------------------------------------------------------------------------------------
# Same bytes, provenance, PDF


def test_same_input_gives_the_same_bytes(registry: Registry) -> None:
    one = render_statement_document(registry, EXAMPLES, ALICE, "2026-Q3", "fr", AS_OF)
    two = render_statement_document(registry, EXAMPLES, ALICE, "2026-Q3", "fr", AS_OF)
    assert one == two
    later = render_statement_document(
        registry, EXAMPLES, ALICE, "2026-Q3", "fr", datetime.date(2026, 12, 1)
    )
    assert later != one
    with zipfile.ZipFile(io.BytesIO(one)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 28, 0, 0, 0)}


def test_provenance_properties(rendered: dict[str, Path], registry: Registry) -> None:
    path = rendered[f"{ALICE}.2026-Q3.fr"]
    template = builtin_templates_dir() / "statement-fr.docx"
    # The fingerprint of the contract the statement applies, as printed on its signature page.
    terms = document_terms(registry, ALICE, "fr").sha256
    assert document_properties(path) == {
        "ContractId": ALICE,
        "TermsSha256": terms,
        "TemplateName": "statement-fr.docx",
        "TemplateSha256": hashlib.sha256(template.read_bytes()).hexdigest(),
        "ToolVersion": __version__,
        "Language": "fr",
        "Period": "2026-Q3",
        "AsOf": "2026-11-28",
    }
    core = docx.Document(str(path)).core_properties
    assert core.title == "RELEVÉ DE REDEVANCE"
    assert core.identifier == "reciprocite-alice-movilab-2026-Q3"
    assert core.author == "Réseau des tiers-lieux des Hauts-de-France"
    assert core.subject == (
        "De Alice Moreau à Réseau des tiers-lieux des Hauts-de-France, période 2026-Q3"
    )
    assert core.category == "reversal-statement"
    assert core.language == "fr-FR"
    assert core.created == datetime.datetime(2026, 11, 28, tzinfo=datetime.UTC)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_statement_converts_to_pdf_with_provenance(
    rendered: dict[str, Path], tmp_path: Path
) -> None:
    source = rendered[f"{ALICE}.2026-Q3.fr"]
    (pdf,) = convert_to_pdf([source], tmp_path)
    assert pdf.name == "reciprocite-alice-movilab.2026-Q3.fr.pdf"
    provenance = pdf_provenance(pdf)
    properties = document_properties(source)
    assert provenance == properties  # Period and AsOf included
    assert provenance["Period"] == "2026-Q3"
    reader = PdfReader(pdf)
    assert reader.metadata is not None
    assert str(reader.metadata["/CreationDate"]).startswith("D:20261128")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    text = text.replace(NBSP, " ").replace(NNBSP, " ")
    assert "RELEVÉ DE REDEVANCE" in text
    assert "3e trimestre 2026" in text
    assert "cent vingt-six euros (126,00 €)" in text
    assert "FR76 3000 6000 0112 3456 7890 189" in text
    assert "Page 1 sur 2" in text


# --------------------------------------------------------------------------------------------
# Errors, templates, context


def test_an_unknown_period_or_a_hosting_contract_is_a_usage_error(
    registry: Registry, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    with pytest.raises(UsageError) as raised:
        render_statement(registry, EXAMPLES, ALICE, "2026-Q5", "fr", AS_OF, out)
    assert str(raised.value) == (
        "'reciprocite-alice-movilab' has no declaration in period '2026-Q5' as of 2026-11-28 "
        "(periods are written like 2026-Q1; periods with declarations: 2026-Q1, 2026-Q2, "
        "2026-Q3, 2026-Q4)"
    )
    with pytest.raises(UsageError, match="has no declaration in period '2026-Q4' as of 2026-09-30"):
        render_statement(
            registry, EXAMPLES, ALICE, "2026-Q4", "fr", datetime.date(2026, 9, 30), out
        )
    with pytest.raises(UsageError) as raised:
        render_statement(registry, EXAMPLES, "hebergement-movilab", "2026", "fr", AS_OF, out)
    assert str(raised.value) == (
        "'hebergement-movilab' is a hosting contract: statements (royalty statements and calls "
        "for a gift) are for reciprocity contracts"
    )
    with pytest.raises(UsageError, match="did you mean 'reciprocite-alice-movilab'"):
        render_statement(
            registry, EXAMPLES, "reciprocite-alice-movilb", "2026-Q3", "fr", AS_OF, out
        )
    with pytest.raises(UsageError, match="unknown language 'de'"):
        render_statement(registry, EXAMPLES, ALICE, "2026-Q3", "de", AS_OF, out)
    assert not out.exists()


def test_the_contract_language_is_the_default(registry: Registry, tmp_path: Path) -> None:
    path = render_statement(registry, EXAMPLES, SCIC, "2026", None, AS_OF, tmp_path).path
    assert path.name == "reciprocite-scic-communs.2026.fr.docx"


def test_a_registry_template_overrides_the_built_in_one(example_copy: Path, tmp_path: Path) -> None:
    path = custom_template(example_copy, "statement-fr", "Mention propre au réseau.")
    registry = validate_registry(example_copy).registry
    assert registry is not None
    out = render_statement(registry, example_copy, ALICE, "2026-Q3", "fr", AS_OF, tmp_path).path
    assert "Mention propre au réseau." in body_lines(out)
    properties = document_properties(out)
    assert properties["TemplateSha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    english = render_statement(registry, example_copy, ALICE, "2026-Q3", "en", AS_OF, tmp_path).path
    assert "Mention propre au réseau." not in body_lines(english)


def test_a_missing_value_names_the_template_and_the_variable(
    example_copy: Path, tmp_path: Path
) -> None:
    custom_template(example_copy, "statement-en", "Due: {{ totals.balance_du }}")
    registry = validate_registry(example_copy).registry
    assert registry is not None
    with pytest.raises(TemplateError) as raised:
        render_statement(registry, example_copy, ALICE, "2026-Q3", "en", AS_OF, tmp_path / "o")
    message = str(raised.value)
    assert message.startswith("templates/statement-en.docx: cannot render")
    assert "'totals.balance_du' is not in the context: totals has no field 'balance_du' " in message
    assert "(did you mean 'balance_due'?)" in message


def test_special_characters_come_out_exactly(registry: Registry, tmp_path: Path) -> None:
    record = Declaration(
        id="2026-08-01-alice-dupont",
        contract=ALICE,
        date=datetime.date(2026, 8, 1),
        amount_excl_tax=Decimal("100.00"),
        client="Dupont & Fils <SARL>",
        description="{{ 7*7 }} « atelier »",
        invoice_ref="A&B-1",
    )
    path = render_statement(
        with_records(registry, declarations=(record,)),
        EXAMPLES,
        ALICE,
        "2026-Q3",
        "fr",
        AS_OF,
        tmp_path,
    ).path
    rows = table_with(path, "Date")
    # Printed as typed (no template runs in a record's text), with French typography only.
    assert rows[2][1:4] == [
        "Dupont & Fils <SARL>",
        f"{{{{ 7*7 }}}} «{NNBSP}atelier{NNBSP}»",
        "A&B-1",
    ]


def test_built_in_statement_templates_use_only_the_context(tmp_path: Path) -> None:
    for lang in ("fr", "en"):
        assert template_check(builtin_templates_dir() / f"statement-{lang}.docx") == []
    path = custom_template(
        tmp_path, "statement-fr", "{{ totals.vta }} {{ contract.host_fee_percent }}"
    )
    assert template_check(path) == [
        f"{path}: 'totals.vta' is not in the context: totals has no field 'vta' "
        "(did you mean 'vat'?)",
        f"{path}: 'contract.host_fee_percent' is not in the context: contract has no field "
        "'host_fee_percent' (did you mean 'rate_percent' or 'vat_rate_percent'?)",
    ]
    # A file named otherwise is checked against every kind: statement names are known there.
    other = tmp_path / "releve.docx"
    shutil.copy(builtin_templates_dir() / "statement-fr.docx", other)
    assert template_check(other) == []
    text = template_text("statement-en")
    assert text.startswith(
        "# {% if contract.qualification == 'royalty' %}ROYALTY STATEMENT{% else %}CALL FOR A "
        "GIFT{% endif %}\n"
    )
    # The last declaration row is a loop of its own, kept with the total below it.
    assert "{%tr for d in declarations[:-1] %}" in text
    assert "{%tr for d in declarations[-1:] %}" in text
    assert "| Total for the period | {{ totals.revenue_excl_tax|figures }} |" in text
    assert "--- footer ---" in text


def test_the_statement_context(registry: Registry) -> None:
    context = statement_context(registry, period_statement(registry, SCIC, "2026", AS_OF), "en")
    assert set(context.as_mapping()) == {
        "lang", "kind", "contract", "host", "actor", "commons", "commons_list", "commons_names",
        "several_commons", "listing_consent", "tiers", "signatories", "copies", "workspace",
        "terms_sha256",
        "short_hash", "tool_version", "statement", "declarations", "totals", "by_commons",
        "payment",
    }  # fmt: skip
    assert context.kind == "reversal-statement"
    assert dataclasses.asdict(context.statement) == {
        "reference": "reciprocite-scic-communs-2026",
        "period": "2026",
        "period_name": "year 2026",
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 12, 31),
        "period_closed": False,
        "year": 2026,
        "as_of": AS_OF,
        "payment_due_date": datetime.date(2027, 3, 1),
        "overdue": False,
        "currency": "EUR",
        "amendments": (),
        "repriced": False,
    }
    assert [dataclasses.asdict(line) for line in context.by_commons] == [
        {"id": "movilab", "name": "Movilab", "due_excl_tax": Decimal("261.37")},
        {
            "id": "cahier-activites",
            "name": "Cahier d'activités des tiers-lieux",
            "due_excl_tax": Decimal("177.38"),
        },
    ]
    first = context.declarations[0]
    assert dataclasses.asdict(first.shares[1]) == {
        "commons": "cahier-activites",
        "name": "Cahier d'activités des tiers-lieux",
        "percent": Decimal(30),
        "due_excl_tax": Decimal("63.00"),
    }
    assert dataclasses.asdict(context.payment) == {
        "account_holder": "Réseau des tiers-lieux des Hauts-de-France",
        "iban": "FR76 3000 6000 0112 3456 7890 189",
        "bic": "AGRIFRPP",
        "reference": "reciprocite-scic-communs-2026",
    }
    # The template prints the IBAN in groups of four that never break across lines.
    assert iban(context.payment.iban) == NBSP.join(
        ["FR76", "3000", "6000", "0112", "3456", "7890", "189"]
    )
    monthly = dataclasses.replace(registry.contracts[ALICE], period="month")
    # (Without its amendment, which keeps the period of the record.)
    months = dataclasses.replace(
        registry, contracts={**registry.contracts, ALICE: monthly}, amendments=()
    )
    november = statement_context(months, period_statement(months, ALICE, "2026-10", AS_OF), "fr")
    assert november.statement.period_name == "octobre 2026"
    # Jinja resolves `x.items` to dict.items before x["items"]: no top-level name may be one.
    assert not set(context.as_mapping()) & set(dir(dict))
