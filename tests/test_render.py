"""Tests of :mod:`commons_contracts.documents.render`: real .docx files written, then read back.

Every check opens the rendered document with python-docx (or its zip) and looks for the exact
words a reader would see. The narrow no-break space (U+202F) and the no-break space (U+00A0)
are written as escapes: a plain space in their place is a bug.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from tests.conftest import EXAMPLES

from commons_contracts import __version__
from commons_contracts.core.terms import canonical_terms, terms_sha256
from commons_contracts.documents.context import template_context
from commons_contracts.documents.inspect import template_check, template_text
from commons_contracts.documents.provenance import document_properties
from commons_contracts.documents.render import render_contract, render_contracts, render_document
from commons_contracts.documents.templates import (
    TEMPLATE_NAMES,
    TemplateError,
    builtin_templates_dir,
)
from commons_contracts.errors import UsageError
from commons_contracts.registry.model import Registry
from commons_contracts.validation.validate import validate_registry

NNBSP = "\u202f"
NBSP = "\u00a0"

HOSTING_ARTICLES = {
    "fr": [
        "DÉFINITIONS",
        "OBJET",
        "ABSENCE DE POUVOIR DE DÉCISION DE L’HÔTE",
        "REPRÉSENTATION DE LA COMMUNAUTÉ",
        "FONDS AFFECTÉS",
        "FRAIS DE GESTION ET COORDINATION",
        "RÉMUNÉRATION DES CONTRIBUTEURS",
        "SUBVENTIONS PUBLIQUES",
        "DETTE CONTRIBUTIVE",
        "ENGAGEMENT DES DÉPENSES ET DÉLAIS DE PAIEMENT",
        "TRANSPARENCE ET REDDITION DES COMPTES",
        "PROPRIÉTÉ INTELLECTUELLE",
        "CONTRATS CONCLUS POUR LE COMPTE DU COMMUN",
        "RESPONSABILITÉ ET ASSURANCE",
        "DONNÉES PERSONNELLES",
        "DURÉE, RENOUVELLEMENT ET RÉSILIATION",
        "HÔTE SUCCESSEUR ET TRANSFERT DES FONDS",
        "MODIFICATIONS ET DISPOSITIONS GÉNÉRALES",
        "DROIT APPLICABLE, MÉDIATION ET LITIGES",
        "SIGNATURE",
    ],
    "en": [
        "DEFINITIONS",
        "PURPOSE",
        "NO DECISION RIGHT FOR THE HOST",
        "REPRESENTATION OF THE COMMUNITY",
        "RESTRICTED FUND",
        "HOST FEE AND COORDINATION",
        "PAY OF CONTRIBUTORS",
        "PUBLIC GRANTS",
        "CONTRIBUTIVE DEBT",
        "EXPENSES AND PAYMENT DEADLINES",
        "TRANSPARENCY AND ACCOUNTS",
        "INTELLECTUAL PROPERTY",
        "CONTRACTS ENTERED INTO ON BEHALF OF THE COMMONS",
        "LIABILITY AND INSURANCE",
        "PERSONAL DATA",
        "TERM, RENEWAL AND TERMINATION",
        "SUCCESSOR HOST AND TRANSFER OF FUNDS",
        "AMENDMENTS AND GENERAL PROVISIONS",
        "GOVERNING LAW, MEDIATION AND DISPUTES",
        "SIGNATURE",
    ],
}
RECIPROCITY_ARTICLES = {
    "fr": [
        "DÉFINITIONS",
        "OBJET",
        "LICENCE ET ATTRIBUTION",
        "QUALIFICATION DES SOMMES VERSÉES",
        "TAUX ET ASSIETTE DU REVERSEMENT",
        "DÉCLARATION DU CHIFFRE D’AFFAIRES",
        "FACTURATION ET PAIEMENT",
        "CONTRÔLE ET CONFIDENTIALITÉ",
        "RECONNAISSANCE PUBLIQUE",
        "PARTICIPATION À LA GOUVERNANCE",
        "DURÉE, RENOUVELLEMENT ET RÉVISION",
        "RÉSILIATION ET EFFETS DE LA FIN DU CONTRAT",
        "INDÉPENDANCE DES PARTIES ET NON-EXCLUSIVITÉ",
        "MODIFICATIONS ET DISPOSITIONS GÉNÉRALES",
        "DROIT APPLICABLE ET LITIGES",
        "SIGNATURE",
    ],
    "en": [
        "DEFINITIONS",
        "PURPOSE",
        "LICENCE AND ATTRIBUTION",
        "NATURE OF THE SUMS PAID",
        "RATE AND BASIS OF THE REVERSAL",
        "DECLARATION OF REVENUE",
        "INVOICING AND PAYMENT",
        "AUDIT AND CONFIDENTIALITY",
        "PUBLIC RECOGNITION",
        "PARTICIPATION IN GOVERNANCE",
        "TERM, RENEWAL AND REVIEW",
        "TERMINATION AND ITS EFFECTS",
        "INDEPENDENCE OF THE PARTIES AND NON-EXCLUSIVITY",
        "AMENDMENTS AND GENERAL PROVISIONS",
        "GOVERNING LAW AND DISPUTES",
        "SIGNATURE",
    ],
}


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
    """Every example contract rendered in French and English, by `<id>.<lang>`."""
    out = tmp_path_factory.mktemp("rendered")
    ids = sorted(registry.contracts)
    paths = render_contracts(registry, EXAMPLES, ids, ["fr", "en"], out, jobs=1)
    return {path.name.removesuffix(".docx"): path for path in paths}


def _paragraphs(element: object, part: object) -> Iterator[str]:
    for paragraph in element.iter(qn("w:p")):  # type: ignore[attr-defined]
        yield Paragraph(paragraph, part).text  # type: ignore[arg-type]


def body_lines(path: Path) -> list[str]:
    """The text of every paragraph of the body, tables included, in order."""
    document = docx.Document(str(path))
    return list(_paragraphs(document.element.body, document.part))


def footer_lines(path: Path) -> list[str]:
    """The text of every header and footer paragraph."""
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


def article_titles(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [
        p.text.split(" – ", 1)[1]
        for p in document.paragraphs
        if p.style is not None and p.style.name == "Heading 1"
    ]


def table_rows(path: Path) -> list[list[list[str]]]:
    """Every table as rows of cell texts."""
    document = docx.Document(str(path))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def custom_template(root: Path, name: str, extra: str) -> Path:
    """The built-in template `name` with one more paragraph, saved in the registry's
    templates folder (which overrides the built-in one)."""
    document = docx.Document(str(builtin_templates_dir() / f"{name}.docx"))
    document.add_paragraph(extra)
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path


def with_party_name(registry: Registry, party_id: str, name: str) -> Registry:
    party = dataclasses.replace(registry.parties[party_id], name=name)
    return dataclasses.replace(registry, parties={**registry.parties, party_id: party})


# --------------------------------------------------------------------------------------------
# Every contract, every language


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "contract_id",
    [
        "hebergement-boussole",
        "hebergement-cahier-activites",
        "hebergement-movilab",
        "reciprocite-alice-movilab",
        "reciprocite-atelier-boussole",
        "reciprocite-scic-communs",
    ],
)
def test_every_example_contract_renders_with_all_its_clauses(
    rendered: dict[str, Path], registry: Registry, contract_id: str, lang: str
) -> None:
    """Each example contract renders in both languages, with every article in order and no
    template tag left in the body, the tables, the headers or the footers."""
    path = rendered[f"{contract_id}.{lang}"]
    expected = (
        HOSTING_ARTICLES
        if registry.contracts[contract_id].kind == "hosting-contract"
        else RECIPROCITY_ARTICLES
    )[lang]
    assert article_titles(path) == expected
    document = docx.Document(str(path))
    numbers = [
        p.text.split(" – ", 1)[0] for p in document.paragraphs if p.style.name == "Heading 1"
    ]
    assert numbers == [f"ARTICLE{NBSP}{n}" for n in range(1, len(expected) + 1)]
    everything = text_of(path)
    for tag in ("{{", "}}", "{%", "%}", "{#"):
        assert tag not in everything
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert "{{" not in xml and "{%" not in xml, name


@pytest.mark.parametrize("name", ["fr", "en"])
def test_conditional_clauses_leave_no_empty_paragraph(rendered: dict[str, Path], name: str) -> None:
    """`{%p %}` tags take their paragraph with them: the body has no empty paragraph outside
    the signature table, whichever branches were taken."""
    for key, path in rendered.items():
        if key.endswith(f".{name}"):
            document = docx.Document(str(path))
            empty = [i for i, p in enumerate(document.paragraphs) if not p.text.strip()]
            assert empty == [], key


def test_clause_numbers_follow_each_other(rendered: dict[str, Path]) -> None:
    """Sub-clauses are numbered 1, 2, 3 within each article, whichever branch is printed."""
    for key, path in rendered.items():
        article, expected = 0, 1
        for line in body_lines(path):
            if line.startswith(f"ARTICLE{NBSP}"):
                article, expected = int(line.split(" – ")[0].removeprefix(f"ARTICLE{NBSP}")), 1
                continue
            head = line.split(NBSP, 1)[0]
            if (
                article
                and head.startswith(f"{article}.")
                and head[len(str(article)) + 1 :].isdigit()
            ):
                assert head == f"{article}.{expected}", (key, line)
                expected += 1


# --------------------------------------------------------------------------------------------
# Parties, amounts, rates


def test_parties_are_fully_identified(rendered: dict[str, Path]) -> None:
    """Legal form, capital, registered office, RCS, SIREN/SIRET, RNA, VAT and representative."""
    text = text_of(rendered["reciprocite-atelier-boussole.fr"])
    host = next(line for line in text.splitlines() if line.startswith("Réseau des tiers-lieux"))
    assert "association loi 1901" in host
    assert "sis 12 rue des Arts, 59000 Lille" in host
    assert f"SIREN 853{NBSP}120{NBSP}475 (SIRET 853{NBSP}120{NBSP}475{NBSP}00019)" in host
    assert "répertoire national des associations sous le numéro W595012345" in host
    assert "TVA intracommunautaire FR44853120475" in host
    assert "représentée par Claire Martin, en sa qualité de présidente" in host
    actor = next(line for line in text.splitlines() if line.startswith("L'Atelier des Communs"))
    assert f"SARL au capital de 10{NNBSP}000,00{NBSP}€" in actor
    assert "registre du commerce et des sociétés de Lille Métropole sous le numéro" in actor
    assert "représentée par Karim Benali, en sa qualité de gérant" in actor


def test_a_person_under_the_vat_franchise_is_identified_as_such(rendered: dict[str, Path]) -> None:
    """A sole trader: name, address, SIREN, and the VAT franchise mention of art. 293 B CGI."""
    text = text_of(rendered["reciprocite-alice-movilab.fr"])
    actor = next(line for line in text.splitlines() if line.startswith("Alice Moreau"))
    assert "entrepreneur individuel, dont l’adresse professionnelle est 8 rue Pierre Motte" in actor
    assert f"SIREN 912{NBSP}453{NBSP}784" in actor
    assert "TVA non applicable, article 293 B du CGI" in actor
    english = text_of(rendered["reciprocite-alice-movilab.en"])
    assert "“TVA non applicable, article 293 B du CGI”" in english


def test_a_host_under_the_vat_franchise_invoices_without_vat(
    registry: Registry, tmp_path: Path
) -> None:
    """A host under the franchise says so in its identification and on its royalty invoices."""
    host = dataclasses.replace(registry.parties["tiers-lieux-hdf"], vat_regime="franchise")
    contract = dataclasses.replace(
        registry.contracts["reciprocite-alice-movilab"], vat_rate_percent=Decimal(0)
    )
    changed = dataclasses.replace(
        registry,
        parties={**registry.parties, "tiers-lieux-hdf": host},
        contracts={**registry.contracts, contract.id: contract},
    )
    path = render_contract(changed, EXAMPLES, contract.id, "fr", tmp_path)
    text = text_of(path)
    host_line = next(line for line in text.splitlines() if line.startswith("Réseau des tiers"))
    assert "TVA non applicable, article 293 B du CGI" in host_line
    assert "intracommunautaire" not in host_line
    assert (
        f"sans taxe sur la valeur ajoutée{NNBSP}: TVA non applicable, article 293 B du CGI" in text
    )
    assert f"mention «{NNBSP}TVA non applicable, article 293 B du CGI{NNBSP}»" in text


def test_rates_and_amounts_are_in_figures_and_words(rendered: dict[str, Path]) -> None:
    """Art. 1376 C. civ.: every rate and amount in words, then in figures."""
    alice = text_of(rendered["reciprocite-alice-movilab.fr"])
    assert f"égal à cinq pour cent (5{NBSP}%) du Chiffre d’affaires HT" in alice
    assert f"au taux de vingt pour cent (20{NBSP}%)" in alice
    assert "five percent (5%) of the Revenue" in text_of(rendered["reciprocite-alice-movilab.en"])
    scic = text_of(rendered["reciprocite-scic-communs.fr"])
    assert f"deux virgule cinq pour cent (2,5{NBSP}%)" in scic
    hosting = text_of(rendered["hebergement-movilab.fr"])
    assert f"frais de gestion égaux à huit pour cent (8{NBSP}%)" in hosting
    assert f"quinze pour cent (15{NBSP}%) de chaque Budget" in hosting
    assert (
        f"entre trente euros (30,00{NBSP}€) et quarante-cinq euros (45,00{NBSP}€) hors taxes"
        in hosting
    )
    english = text_of(rendered["hebergement-movilab.en"])
    assert "between thirty euros (€30.00) and forty-five euros (€45.00) excluding VAT" in english


def test_dates_are_written_in_long_form(rendered: dict[str, Path]) -> None:
    """Long dates: "1er mars 2026" in French, "1 March 2026" in English."""
    assert "prend effet le 1er mars 2026 et prend fin le 29 février 2028" in text_of(
        rendered["reciprocite-atelier-boussole.fr"]
    )
    assert "takes effect on 1 March 2026 and ends on 29 February 2028" in text_of(
        rendered["reciprocite-atelier-boussole.en"]
    )
    hosting = text_of(rendered["hebergement-movilab.fr"])
    assert "prend effet le 1er janvier 2026 et prend fin le 31 décembre 2028" in hosting
    assert "soit une durée de 36 mois" in hosting
    assert "tacite reconduction" in hosting


def test_progressive_tiers_are_a_table(rendered: dict[str, Path]) -> None:
    """One row per tier (the {%tr %} rows are gone), bounds and rates in words and figures."""
    tables = table_rows(rendered["reciprocite-atelier-boussole.fr"])
    tiers = tables[0]
    assert tiers == [
        ["Tranche du Chiffre d’affaires HT cumulé de l’année civile", "Taux de reversement"],
        [f"Jusqu’à mille euros (1{NNBSP}000,00{NBSP}€)", f"zéro pour cent (0{NBSP}%)"],
        [
            f"Au-delà de mille euros (1{NNBSP}000,00{NBSP}€) et jusqu’à vingt mille euros "
            f"(20{NNBSP}000,00{NBSP}€)",
            f"cinq pour cent (5{NBSP}%)",
        ],
        [f"Au-delà de vingt mille euros (20{NNBSP}000,00{NBSP}€)", f"trois pour cent (3{NBSP}%)"],
    ]
    english = table_rows(rendered["reciprocite-atelier-boussole.en"])[0]
    assert english[3] == ["Above twenty thousand euros (€20,000.00)", "three percent (3%)"]
    # A flat rate has no table, only the signature block.
    assert len(table_rows(rendered["reciprocite-alice-movilab.fr"])) == 1


def test_the_cap_sentence_depends_on_the_cap(rendered: dict[str, Path]) -> None:
    capped = text_of(rendered["reciprocite-atelier-boussole.fr"])
    assert f"plafonné à trois mille euros (3{NNBSP}000,00{NBSP}€) hors taxes" in capped
    assert "n’est pas plafonné" not in capped
    uncapped = text_of(rendered["reciprocite-alice-movilab.fr"])
    assert "n’est pas plafonné" in uncapped
    assert "plafonné à" not in uncapped
    assert "is not capped" in text_of(rendered["reciprocite-alice-movilab.en"])


def test_royalty_and_donation_have_their_own_clauses(rendered: dict[str, Path]) -> None:
    """A royalty is invoiced with VAT and late-payment interest; a donation is VAT-free and
    may open the tax reduction of art. 238 bis CGI."""
    royalty = text_of(rendered["reciprocite-alice-movilab.fr"])
    assert "Les Reversements constituent une redevance" in royalty
    assert "l’Hôte émet une facture du Reversement de la Période, majoré de la TVA" in royalty
    assert f"quarante euros (40,00{NBSP}€)" in royalty
    assert "238 bis" not in royalty
    donation = text_of(rendered["reciprocite-scic-communs.fr"])
    assert "Les Reversements constituent des dons consentis sans contrepartie" in donation
    assert "article 238 bis du code général des impôts" in donation
    assert "redevance" not in donation
    assert "indemnité forfaitaire" not in donation
    assert "article 238 bis of the French General Tax Code" in text_of(
        rendered["reciprocite-scic-communs.en"]
    )


def test_several_commons_are_named_together(rendered: dict[str, Path]) -> None:
    text = text_of(rendered["reciprocite-scic-communs.fr"])
    assert f"«{NNBSP}Movilab{NNBSP}» et «{NNBSP}Cahier d’activités des tiers-lieux{NNBSP}»" in (
        text.replace("'", "’")
    )
    assert "CONTRAT DE RÉCIPROCITÉ AU BÉNÉFICE DE COMMUNS" in text
    assert "répartition, en pourcentage, de son Reversement" in text


def test_public_listing_consent_or_refusal(rendered: dict[str, Path]) -> None:
    assert "L’Acteur consent à figurer, sous son nom" in text_of(
        rendered["reciprocite-alice-movilab.fr"]
    )
    assert "ne souhaite pas figurer sous son nom" in text_of(
        rendered["reciprocite-scic-communs.fr"]
    )


def test_the_community_and_its_representatives_are_named(rendered: dict[str, Path]) -> None:
    text = text_of(rendered["hebergement-movilab.fr"])
    assert "Inès Dubois (ines.dubois@example.org), mandat" in text
    assert "Thomas Lefebvre (thomas.lefebvre@example.org), mandat" in text
    assert "article 1205 du Code civil" in text
    assert "article 15 du décret-loi du 2 mai 1938" in text


def test_french_typography(rendered: dict[str, Path]) -> None:
    """Narrow no-break spaces inside « » and before ; : ! ?, typographic apostrophes, in the
    templates' own words (the data is printed as typed)."""
    text = text_of(rendered["hebergement-movilab.fr"])
    assert f"ci-après «{NNBSP}l’Hôte{NNBSP}»" in text
    assert f"ENTRE LES SOUSSIGNÉS{NNBSP}:" in text
    for name in ("hosting-fr", "reciprocity-fr"):
        words = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", template_text(name))
        for wrong in (" :", " ;", " ?", " !", "« ", " »", "'"):
            assert wrong not in words, (name, wrong)


# --------------------------------------------------------------------------------------------
# Signatures, footer, properties


def test_signature_block_has_one_place_per_signatory(rendered: dict[str, Path]) -> None:
    text = text_of(rendered["reciprocite-atelier-boussole.fr"])
    assert (
        "Fait à Lille, le ____________________, en deux (2) exemplaires originaux, dont un pour "
        "chaque Partie." in text
    )
    signatures = table_rows(rendered["reciprocite-atelier-boussole.fr"])[-1]
    left, right = signatures[0]
    assert (
        "Pour l’Hôte\nRéseau des tiers-lieux des Hauts-de-France\nClaire Martin, présidente" in left
    )
    assert "Pour l’Acteur\nL'Atelier des Communs\nKarim Benali, gérant" in right
    hosting = table_rows(rendered["hebergement-movilab.en"])[-1][0][1]
    assert "For the Community\nCommons “Movilab”\nInès Dubois, mandated representative" in hosting
    assert "Signed in Lille on ____________________, in two (2) original copies" in text_of(
        rendered["hebergement-movilab.en"]
    )
    assert "articles 1366 et 1367 du Code civil" in text


def test_footer_carries_the_reference_the_hash_and_page_numbers(
    rendered: dict[str, Path], registry: Registry
) -> None:
    path = rendered["reciprocite-alice-movilab.fr"]
    record = registry.source("reciprocity-contract", "reciprocite-alice-movilab")
    short = terms_sha256(canonical_terms(record.data))[:12]
    footer = " ".join(footer_lines(path))
    assert f"Contrat reciprocite-alice-movilab · empreinte des termes {short}" in footer
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/footer1.xml").decode("utf-8")
    assert " PAGE " in xml and " NUMPAGES " in xml and "sur" in xml


def test_document_properties_carry_the_provenance(
    rendered: dict[str, Path], registry: Registry
) -> None:
    path = rendered["reciprocite-atelier-boussole.fr"]
    record = registry.source("reciprocity-contract", "reciprocite-atelier-boussole")
    template = builtin_templates_dir() / "reciprocity-fr.docx"
    assert document_properties(path) == {
        "ContractId": "reciprocite-atelier-boussole",
        "TermsSha256": terms_sha256(canonical_terms(record.data)),
        "TemplateName": "reciprocity-fr.docx",
        "TemplateSha256": hashlib.sha256(template.read_bytes()).hexdigest(),
        "ToolVersion": __version__,
    }
    core = docx.Document(str(path)).core_properties
    assert core.title == "CONTRAT DE RÉCIPROCITÉ AU BÉNÉFICE D’UN COMMUN"
    assert core.identifier == "reciprocite-atelier-boussole"
    assert core.author == "Réseau des tiers-lieux des Hauts-de-France"
    assert core.language == "fr-FR"
    assert core.created == datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    assert core.modified == datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    with zipfile.ZipFile(path) as archive:
        assert "{" not in archive.read("docProps/core.xml").decode("utf-8")
        assert {info.date_time for info in archive.infolist()} == {(2026, 3, 1, 0, 0, 0)}


def test_same_input_gives_the_same_bytes(registry: Registry, tmp_path: Path) -> None:
    """Two renders a second apart are byte-identical (zip dates and document dates are fixed)."""
    first = render_contract(registry, EXAMPLES, "hebergement-movilab", "fr", tmp_path / "a")
    time.sleep(1.1)
    second = render_contract(registry, EXAMPLES, "hebergement-movilab", "fr", tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


# --------------------------------------------------------------------------------------------
# Safety: escaping, injection, missing values


def test_special_characters_come_out_exactly(registry: Registry, tmp_path: Path) -> None:
    """XML escaping: `&` and `<>` in a name reach the document, its properties unharmed."""
    name = "Dupont & Fils <SARL>"
    changed = with_party_name(registry, "tiers-lieux-hdf", name)
    path = render_contract(changed, EXAMPLES, "reciprocite-atelier-boussole", "fr", tmp_path)
    lines = body_lines(path)
    assert any(line.startswith(f"{name}, association loi 1901") for line in lines)
    left = table_rows(path)[-1][0][0]
    assert left.startswith(f"Pour l’Hôte\n{name}\n")
    core = docx.Document(str(path)).core_properties
    assert core.author == name
    assert core.subject == f"Entre {name} et L'Atelier des Communs"


def test_template_syntax_typed_in_data_stays_literal(registry: Registry, tmp_path: Path) -> None:
    """A value is printed, never evaluated: `{{ 7*7 }}` in a name is not 49."""
    changed = with_party_name(
        registry, "atelier-des-communs", "{{ 7*7 }} {% if true %}x{% endif %}"
    )
    path = render_contract(changed, EXAMPLES, "reciprocite-atelier-boussole", "en", tmp_path)
    lines = body_lines(path)
    assert any(line.startswith("{{ 7*7 }} {% if true %}x{% endif %}, SARL") for line in lines)
    assert not any("49" in line for line in lines)


def test_a_missing_value_names_the_template_and_the_variable(
    example_copy: Path, tmp_path: Path
) -> None:
    custom_template(example_copy, "hosting-fr", "Clause : {{ contract.nonexistent }}")
    registry = validate_registry(example_copy).registry
    assert registry is not None
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as raised:
        render_contract(registry, example_copy, "hebergement-movilab", "fr", out)
    message = str(raised.value)
    assert "templates/hosting-fr.docx" in message
    assert "contract.nonexistent" in message
    # Nothing, not even a temporary file, is left behind.
    assert not out.exists() or list(out.iterdir()) == []


def test_an_unsafe_template_is_refused(example_copy: Path) -> None:
    """The sandbox refuses to reach Python's internals from a template."""
    custom_template(example_copy, "hosting-en", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    registry = validate_registry(example_copy).registry
    assert registry is not None
    with pytest.raises(TemplateError, match=r"unsafe|__class__"):
        render_document(registry, example_copy, "hebergement-movilab", "en")


def test_an_unknown_contract_or_language_is_a_usage_error(registry: Registry) -> None:
    with pytest.raises(UsageError, match="hebergement-movilab"):
        render_document(registry, EXAMPLES, "hebergement-movilb", "fr")
    with pytest.raises(UsageError, match="de"):
        render_document(registry, EXAMPLES, "hebergement-movilab", "de")


# --------------------------------------------------------------------------------------------
# Overrides, checks, text


def test_a_registry_template_overrides_the_built_in_one(example_copy: Path, tmp_path: Path) -> None:
    path = custom_template(example_copy, "reciprocity-fr", "Clause propre au réseau.")
    registry = validate_registry(example_copy).registry
    assert registry is not None
    out = render_contract(registry, example_copy, "reciprocite-alice-movilab", None, tmp_path)
    assert out.name == "reciprocite-alice-movilab.fr.docx"
    assert "Clause propre au réseau." in body_lines(out)
    properties = document_properties(out)
    assert properties["TemplateSha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    # The other templates are still the built-in ones.
    english = render_contract(registry, example_copy, "reciprocite-alice-movilab", "en", tmp_path)
    assert "Clause propre au réseau." not in body_lines(english)


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_built_in_templates_use_only_the_context(name: str) -> None:
    assert template_check(builtin_templates_dir() / f"{name}.docx", name[-2:]) == []


def test_template_check_lists_what_the_context_lacks(tmp_path: Path) -> None:
    path = custom_template(
        tmp_path,
        "hosting-fr",
        "{{ host.sirne }} {{ hots.name }} {{ contract.fee|moneyy }} "
        "{% for s in signatories %}{{ s.rol }}{% endfor %} {{ contract.annual_cap }}",
    )
    problems = template_check(path, "fr")
    assert problems == [
        f"{path}: 'host.sirne' is not in the context: host has no field 'sirne' "
        "(did you mean 'siret' or 'siren'?)",
        f"{path}: unknown variable 'hots' (did you mean 'host'?)",
        f"{path}: unknown filter 'moneyy' (did you mean 'money'?)",
        f"{path}: 'contract.fee' is not in the context: contract has no field 'fee'",
        f"{path}: 'signatories[].rol' is not in the context: signatories[] has no field 'rol' "
        "(did you mean 'role'?)",
        f"{path}: 'contract.annual_cap' is not in the context: contract has no field 'annual_cap'",
    ]


def test_template_text_shows_the_tags(tmp_path: Path) -> None:
    text = template_text("reciprocity-fr")
    assert "# CONTRAT DE RÉCIPROCITÉ AU BÉNÉFICE {% if several_commons %}" in text
    assert "{%tr for t in tiers %}" in text
    assert "{%p if contract.annual_cap is not none %}" in text
    assert "--- footer ---" in text
    # A path works as well as a name, as a git textconv driver passes one.
    copy = tmp_path / "copy.docx"
    shutil.copy(builtin_templates_dir() / "reciprocity-fr.docx", copy)
    assert template_text(str(copy)) == text
    with pytest.raises(TemplateError, match="hosting-fr"):
        template_text("hosting-de")


# --------------------------------------------------------------------------------------------
# The context, many contracts at once


def test_context_keys_never_hide_behind_dict_methods(registry: Registry) -> None:
    """Jinja resolves `x.items` to dict.items before x["items"]: no name the templates see at
    the top may take such a name (below it, values are records, read by attribute)."""
    for contract_id in registry.contracts:
        context = template_context(registry, contract_id, "fr")
        assert not set(context.as_mapping()) & set(dir(dict))


def test_render_contracts_in_parallel_gives_the_same_files_in_order(
    registry: Registry, tmp_path: Path
) -> None:
    ids = sorted(registry.contracts)
    serial = render_contracts(registry, EXAMPLES, ids, ["fr", "en"], tmp_path / "one", jobs=1)
    parallel = render_contracts(registry, EXAMPLES, ids, ["fr", "en"], tmp_path / "two", jobs=2)
    assert [p.name for p in parallel] == [p.name for p in serial]
    assert [p.name for p in serial][:2] == [f"{ids[0]}.fr.docx", f"{ids[0]}.en.docx"]
    for one, two in zip(serial, parallel, strict=True):
        assert one.read_bytes() == two.read_bytes()
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(p.name for p in parallel)


def test_each_contract_renders_in_its_own_language_by_default(
    registry: Registry, tmp_path: Path
) -> None:
    paths = render_contracts(registry, EXAMPLES, ["hebergement-movilab"], None, tmp_path)
    assert [p.name for p in paths] == ["hebergement-movilab.fr.docx"]


def test_a_new_registry_renders(starter: Path, tmp_path: Path) -> None:
    """The registry `init` creates renders every contract in both languages."""
    registry = validate_registry(starter).registry
    assert registry is not None
    paths = render_contracts(registry, starter, sorted(registry.contracts), ["fr", "en"], tmp_path)
    assert len(paths) == 2 * len(registry.contracts) > 0
    for path in paths:
        assert "{{" not in text_of(path)


def test_a_syntax_error_is_reported_with_the_template(example_copy: Path) -> None:
    path = custom_template(example_copy, "reciprocity-en", "{% if contract.flat_rate %}oops")
    problems = template_check(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: body: template syntax error:")
    registry = validate_registry(example_copy).registry
    assert registry is not None
    with pytest.raises(TemplateError, match=r"templates/reciprocity-en\.docx: template syntax"):
        render_document(registry, example_copy, "reciprocite-alice-movilab", "en")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_template_saved_by_libreoffice_still_renders(example_copy: Path, tmp_path: Path) -> None:
    """A legal volunteer edits the templates in LibreOffice: its way of saving (split runs,
    its own styles and properties) must keep every tag working."""
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(builtin_templates_dir() / "reciprocity-fr.docx", source)
    folder = example_copy / "templates"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder),
            str(source / "reciprocity-fr.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    saved = folder / "reciprocity-fr.docx"
    assert template_check(saved) == []
    registry = validate_registry(example_copy).registry
    assert registry is not None
    path = render_contract(registry, example_copy, "reciprocite-atelier-boussole", "fr", tmp_path)
    assert (
        document_properties(path)["TemplateSha256"]
        == hashlib.sha256(saved.read_bytes()).hexdigest()
    )
    text = text_of(path)
    assert "{{" not in text and "{%" not in text
    assert article_titles(path) == RECIPROCITY_ARTICLES["fr"]
    assert f"plafonné à trois mille euros (3{NNBSP}000,00{NBSP}€) hors taxes" in text
