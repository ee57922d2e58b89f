"""Tests of :mod:`commons_contracts.documents.render`: real .docx files written, then read back.

Every check opens the rendered document with python-docx (or its zip) and looks for the exact
words a reader would see. The narrow no-break space (U+202F), the no-break space (U+00A0), the
no-break hyphen (U+2011) and the minus sign (U+2212) are written as escapes: a plain space or
hyphen in their place is a bug.
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
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from tests.conftest import EXAMPLES

from commons_contracts import __version__
from commons_contracts.documents.context import document_context, template_context
from commons_contracts.documents.engine import document_numbering, open_template, read_template
from commons_contracts.documents.fingerprint import document_terms
from commons_contracts.documents.inspect import template_check, template_text
from commons_contracts.documents.numbering import bookmarks, numbered_paragraphs
from commons_contracts.documents.provenance import document_properties
from commons_contracts.documents.render import render_contract, render_contracts, render_document
from commons_contracts.documents.templates import (
    TEMPLATE_NAMES,
    TemplateError,
    builtin_templates_dir,
)
from commons_contracts.errors import UsageError
from commons_contracts.registry.model import Registry
from commons_contracts.registry.records import LocalText
from commons_contracts.validation.validate import validate_registry

NNBSP = "\u202f"
NBSP = "\u00a0"
NBHY = "\u2011"
REPOSITORY = Path(__file__).resolve().parents[1]

HOSTING_ARTICLES = {
    "fr": [
        "DÉFINITIONS",
        "OBJET",
        "FONDS DU COMMUN\u202f: PROPRIÉTÉ, AFFECTATION ET COMPTE DÉDIÉ",
        "ABSENCE DE POUVOIR DE DÉCISION DE L’HÔTE",
        "REPRÉSENTANTS ET INSTRUCTIONS",
        "CONFLITS D’INTÉRÊTS",
        "FRAIS DE GESTION ET COORDINATION",
        "RÉMUNÉRATION DES CONTRIBUTEURS",
        "SUBVENTIONS ET AUTRES FINANCEMENTS",
        "DETTE CONTRIBUTIVE",
        "ENGAGEMENT DES DÉPENSES ET DÉLAIS DE PAIEMENT",
        "TRANSPARENCE ET REDDITION DES COMPTES",
        "PROPRIÉTÉ INTELLECTUELLE, NOMS ET COMPTES",
        "CONTRATS CONCLUS POUR LE COMMUN",
        "CONFIDENTIALITÉ",
        "RESPONSABILITÉ ET ASSURANCE",
        "DONNÉES PERSONNELLES",
        "IMPRÉVISION ET FORCE MAJEURE",
        "DURÉE, RENOUVELLEMENT ET RÉSILIATION",
        "DISSOLUTION OU DIFFICULTÉS DE L’HÔTE",
        "HÔTE SUCCESSEUR ET TRANSFERT DES FONDS",
        "NOTIFICATIONS",
        "MODIFICATIONS ET DISPOSITIONS GÉNÉRALES",
        "DROIT APPLICABLE, MÉDIATION ET LITIGES",
        "SIGNATURE ET PREUVE",
    ],
    "en": [
        "DEFINITIONS",
        "PURPOSE",
        "COMMONS FUNDS: OWNERSHIP, EARMARKING AND DEDICATED ACCOUNT",
        "NO DECISION RIGHT FOR THE HOST",
        "REPRESENTATIVES AND INSTRUCTIONS",
        "CONFLICTS OF INTEREST",
        "HOST FEE AND COORDINATION",
        "PAY OF CONTRIBUTORS",
        "GRANTS AND OTHER FUNDING",
        "CONTRIBUTIVE DEBT",
        "EXPENSES AND PAYMENT DEADLINES",
        "TRANSPARENCY AND ACCOUNTS",
        "INTELLECTUAL PROPERTY, NAMES AND ACCOUNTS",
        "CONTRACTS ENTERED INTO FOR THE COMMONS",
        "CONFIDENTIALITY",
        "LIABILITY AND INSURANCE",
        "PERSONAL DATA",
        "HARDSHIP AND FORCE MAJEURE",
        "TERM, RENEWAL AND TERMINATION",
        "DISSOLUTION OR DIFFICULTIES OF THE HOST",
        "SUCCESSOR HOST AND TRANSFER OF FUNDS",
        "NOTICES",
        "AMENDMENTS AND GENERAL PROVISIONS",
        "GOVERNING LAW, MEDIATION AND DISPUTES",
        "SIGNATURE AND EVIDENCE",
    ],
}
# A royalty holds every article; gifts drop the rights granted and the audit (and retitle two).
ROYALTY_ARTICLES = {
    "fr": [
        "DÉFINITIONS",
        "OBJET",
        "LICENCE ET ATTRIBUTION",
        "DROITS CONCÉDÉS À L’ACTEUR",
        "QUALIFICATION DES SOMMES VERSÉES",
        "TAUX ET ASSIETTE",
        "DÉCLARATION DU CHIFFRE D’AFFAIRES",
        "FACTURATION ET PAIEMENT",
        "CONTRÔLE DES DÉCLARATIONS",
        "CONFIDENTIALITÉ",
        "RECONNAISSANCE PUBLIQUE ET CONSENTEMENT",
        "DÉCISIONS DE LA COMMUNAUTÉ",
        "DURÉE ET RÉVISION ANNUELLE",
        "IMPRÉVISION ET FORCE MAJEURE",
        "RÉSILIATION ET EFFETS DE LA FIN DU CONTRAT",
        "CESSION ET CHANGEMENT DE CONTRÔLE",
        "INDÉPENDANCE DES PARTIES ET NON-EXCLUSIVITÉ",
        "DONNÉES PERSONNELLES",
        "NOTIFICATIONS",
        "MODIFICATIONS ET DISPOSITIONS GÉNÉRALES",
        "DROIT APPLICABLE, MÉDIATION ET LITIGES",
        "SIGNATURE ET PREUVE",
    ],
    "en": [
        "DEFINITIONS",
        "PURPOSE",
        "LICENCE AND ATTRIBUTION",
        "RIGHTS GRANTED TO THE ACTOR",
        "NATURE OF THE SUMS PAID",
        "RATE AND BASIS",
        "DECLARATION OF REVENUE",
        "INVOICING AND PAYMENT",
        "AUDIT OF THE DECLARATIONS",
        "CONFIDENTIALITY",
        "PUBLIC RECOGNITION AND CONSENT",
        "COMMUNITY DECISIONS",
        "TERM AND ANNUAL REVIEW",
        "HARDSHIP AND FORCE MAJEURE",
        "TERMINATION AND ITS EFFECTS",
        "ASSIGNMENT AND CHANGE OF CONTROL",
        "INDEPENDENCE OF THE PARTIES AND NON-EXCLUSIVITY",
        "PERSONAL DATA",
        "NOTICES",
        "AMENDMENTS AND GENERAL PROVISIONS",
        "GOVERNING LAW, MEDIATION AND DISPUTES",
        "SIGNATURE AND EVIDENCE",
    ],
}
_RETITLED = {
    "FACTURATION ET PAIEMENT": "APPELS À DON ET DONS",
    "CESSION ET CHANGEMENT DE CONTRÔLE": "CESSION À UN HÔTE SUCCESSEUR",
    "INVOICING AND PAYMENT": "CALLS FOR GIFTS AND GIFTS",
    "ASSIGNMENT AND CHANGE OF CONTROL": "ASSIGNMENT TO A SUCCESSOR HOST",
}
DONATION_ARTICLES = {
    lang: [
        _RETITLED.get(title, title)
        for index, title in enumerate(titles)
        if index not in (3, 8)  # the rights granted, the audit
    ]
    for lang, titles in ROYALTY_ARTICLES.items()
}
ARTICLE = re.compile(r"^ARTICLE\u00a0(\d+) –\u00a0(.*)$")


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
    paths = render_contracts(registry, EXAMPLES, ids, ["fr", "en"], out, jobs=1).paths
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


def words(path: Path) -> str:
    """The text of a document with its no-break spaces and hyphens as plain ones, for tests
    of what it says (the typography is tested on its own)."""
    return re.sub(r"[\u00a0\u202f]", " ", text_of(path)).replace(NBHY, "-")


def articles(path: Path) -> list[tuple[int, str]]:
    """The articles of a rendered contract: (number, title), as printed."""
    document = docx.Document(str(path))
    found = []
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Heading 1":
            match = ARTICLE.match(paragraph.text)
            assert match, paragraph.text
            found.append((int(match.group(1)), match.group(2)))
    return found


def clause(path: Path, number: str) -> str:
    """The text of the clause numbered `number` (`4.2`), without its number."""
    for line in body_lines(path):
        if line.startswith(f"{number}{NBSP}"):
            return line.removeprefix(f"{number}{NBSP}")
    raise AssertionError(f"no clause {number} in {path.name}")


def article_number(path: Path, title: str) -> int:
    return next(number for number, text in articles(path) if text == title)


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


def edited(root: Path, relative: str, old: str, new: str) -> Registry:
    """The registry at `root` after replacing `old` by `new` in one of its files."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate_registry(root)
    assert result.registry is not None, [d.format_text() for d in result.diagnostics]
    return result.registry


# --------------------------------------------------------------------------------------------
# Every contract, every language: articles, numbers, references


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("contract_id", "expected"),
    [
        ("hebergement-boussole", HOSTING_ARTICLES),
        ("hebergement-cahier-activites", HOSTING_ARTICLES),
        ("hebergement-movilab", HOSTING_ARTICLES),
        ("reciprocite-alice-movilab", ROYALTY_ARTICLES),
        ("reciprocite-atelier-boussole", ROYALTY_ARTICLES),
        ("reciprocite-scic-communs", DONATION_ARTICLES),
    ],
)
def test_every_example_contract_renders_with_all_its_articles_numbered(
    rendered: dict[str, Path], contract_id: str, expected: dict[str, list[str]], lang: str
) -> None:
    """Each example contract renders in both languages with its articles in order, numbered
    1, 2, 3... as printed text (the automatic numbers are frozen), and no template tag or
    reference placeholder left in the body, the tables, the headers or the footers."""
    path = rendered[f"{contract_id}.{lang}"]
    assert articles(path) == list(enumerate(expected[lang], start=1))
    everything = text_of(path)
    for tag in ("{{", "}}", "{%", "%}", "{#", "\ue000", "\ue001"):
        assert tag not in everything
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert "{{" not in xml and "{%" not in xml, name
        body = archive.read("word/document.xml").decode("utf-8")
    # No paragraph is numbered automatically any more: what the references say is printed.
    assert re.findall(r'<w:numId w:val="([0-9]+)"/>', body) == ["0"] * body.count("<w:numId")


def test_clause_numbers_follow_each_other_whichever_clauses_dropped_out(
    rendered: dict[str, Path],
) -> None:
    """Clauses are numbered 1, 2, 3 within each article, whichever branch was printed."""
    for key, path in rendered.items():
        article, expected = 0, 1
        for line in body_lines(path):
            match = ARTICLE.match(line)
            if match:
                article, expected = int(match.group(1)), 1
                continue
            head = line.split(NBSP, 1)[0]
            if re.fullmatch(rf"{article}\.[0-9]+", head):
                assert head == f"{article}.{expected}", (key, line)
                expected += 1


def test_references_follow_the_articles_that_dropped_out(rendered: dict[str, Path]) -> None:
    """A reference names the article or clause that is printed under that number: in a
    royalty contract the public recognition is article 11, in a gift contract (which has no
    rights granted nor audit) article 9, and each contract's text says so."""
    royalty = rendered["reciprocite-atelier-boussole.fr"]
    gifts = rendered["reciprocite-scic-communs.fr"]
    assert article_number(royalty, "RECONNAISSANCE PUBLIQUE ET CONSENTEMENT") == 11
    assert article_number(gifts, "RECONNAISSANCE PUBLIQUE ET CONSENTEMENT") == 9
    assert clause(royalty, "5.1").startswith(
        "La Redevance est le prix des droits concédés à l’article 4."
    )
    assert "prévue à l’article 9, s’il y consent" in clause(gifts, "4.3")
    # A reference to a clause: the label may be used only as article 4.1 of a royalty says.
    assert clause(royalty, "4.2").endswith("usage du nom du Commun contraire à l’article 4.1.")
    # The same references in English.
    english = rendered["reciprocite-scic-communs.en"]
    assert article_number(english, "PUBLIC RECOGNITION AND CONSENT") == 9
    assert "provided for in article 9, if it consents" in clause(english, "4.3")


def test_an_optional_clause_drops_out_and_the_next_ones_follow(
    example_copy: Path, tmp_path: Path
) -> None:
    """Without a coordination share, the host-fee article has one clause, and no number skips
    or repeats anywhere (the clause after an optional one is numbered as printed)."""
    registry = edited(
        example_copy, "contracts/hebergement-movilab.yaml", "coordination_percent: 15\n", ""
    )
    path = render_contract(registry, example_copy, "hebergement-movilab", "fr", tmp_path)
    fee = article_number(path, "FRAIS DE GESTION ET COORDINATION")
    lines = body_lines(path)
    assert not any(line.startswith(f"{fee}.2{NBSP}") for line in lines)
    assert "coordination et à l’animation" not in text_of(path)
    assert clause(path, f"{fee}.1").startswith("L’Hôte conserve, au titre de ses frais de gestion")


def test_a_reference_to_a_clause_that_dropped_out_is_an_error(example_copy: Path) -> None:
    """A custom template that refers to the audit of a royalty, rendered for gifts (which have
    none), fails with a message naming the reference, never a wrong number."""
    custom_template(example_copy, "reciprocity-fr", "Voir l’article {{ ref('audit') }}.")
    registry = validate_registry(example_copy).registry
    assert registry is not None
    assert "Voir l’article 9." in body_lines_of(
        render_document(registry, example_copy, "reciprocite-alice-movilab", "fr")
    )
    with pytest.raises(TemplateError, match=r"'audit'.*no numbered paragraph"):
        render_document(registry, example_copy, "reciprocite-scic-communs", "fr")


def body_lines_of(data: bytes) -> list[str]:
    document = docx.Document(__import__("io").BytesIO(data))
    return list(_paragraphs(document.element.body, document.part))


@pytest.mark.parametrize("kind", ["hosting", "reciprocity", "statement"])
def test_french_and_english_templates_have_the_same_clauses_in_the_same_order(
    kind: str,
) -> None:
    """The two languages of a template hold the same structure: the same numbered articles
    and clauses, at the same levels, with the same bookmarks, between the same conditional
    tags, in the same order; the rendered documents are numbered alike."""

    def structure(name: str) -> list[tuple[str, ...]]:
        document = open_template(read_template(builtin_templates_dir() / f"{name}.docx", None))
        numbering = document_numbering(document.docx)
        numbered = {
            n.element: (n.level.text, *bookmarks(n.element))
            for n in numbered_paragraphs(document.docx.element.body, numbering)
        }
        found: list[tuple[str, ...]] = []
        for paragraph in document.docx.element.body.iter(qn("w:p")):
            text = Paragraph(paragraph, document.docx.part).text
            # The paragraphs and rows a conditional keeps or drops (the words chosen inside a
            # paragraph may differ between languages: English names the country always).
            tags = re.findall(r"\{%(?:p|tr) *(?:if|elif|else|endif|for|endfor)[^%]*%\}", text)
            if paragraph in numbered:
                found.append(("numbered", *numbered[paragraph]))
            found.extend(("tag", tag) for tag in tags)
        return found

    french, english = structure(f"{kind}-fr"), structure(f"{kind}-en")
    assert french == english
    assert sum(1 for entry in french if entry[0] == "numbered") >= 5


def test_rendered_documents_are_numbered_alike_in_both_languages(
    rendered: dict[str, Path],
) -> None:
    """For every contract, the French and the English documents have the same article numbers
    and the same clause numbers in each article."""

    def numbers(path: Path) -> list[str]:
        return [
            line.split(NBSP, 1)[0]
            for line in body_lines(path)
            if re.match(rf"^(ARTICLE{NBSP}[0-9]+|[0-9]+\.[0-9]+){NBSP}", line)
        ]

    for key, path in rendered.items():
        if key.endswith(".fr"):
            assert numbers(path) == numbers(rendered[key.replace(".fr", ".en")]), key


# --------------------------------------------------------------------------------------------
# The single source: the .docx templates and their plain-text twins


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_each_template_has_its_plain_text_twin(name: str) -> None:
    """`templates/<name>.txt` is exactly what `template show` prints of `templates/<name>.docx`:
    after an edit in Word or LibreOffice, write the twin again (see docs/templates.md), so that
    the review reads the change as text."""
    docx_path = REPOSITORY / "templates" / f"{name}.docx"
    twin = docx_path.with_suffix(".txt")
    assert twin.read_text(encoding="utf-8") == template_text(docx_path), (
        f"{twin.name} is not the text of {docx_path.name}: run "
        f"commons-contracts template show templates/{name}.docx > templates/{name}.txt"
    )


def test_the_text_of_a_template_numbers_with_hashes_and_shows_bookmarks() -> None:
    """A twin writes an automatic number as `#` (an insertion does not renumber the whole diff)
    and the bookmark that references name."""
    text = template_text("hosting-fr")
    assert f"## ARTICLE{NBSP}# – FRAIS DE GESTION ET COORDINATION [#fee]" in text
    assert "\n#.# L’Hôte conserve, au titre de ses frais de gestion, " in text
    assert "{{ ref('fee') }}" in text
    assert "ARTICLE 7" not in text


def test_git_shows_a_template_change_as_text() -> None:
    """The repository's .gitattributes gives .docx files the `docx` diff driver (its textconv
    is `commons-contracts template show`, see docs/templates.md)."""
    attributes = (REPOSITORY / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.docx diff=docx" in attributes


@pytest.mark.slow
def test_a_new_template_is_made_in_the_house_style_and_never_over_a_file(tmp_path: Path) -> None:
    """tools/new_template.py writes a skeleton with the styles and numbering of a built-in
    template, and its twin; a second run refuses and changes nothing."""
    tool = REPOSITORY / "tools" / "new_template.py"
    command = [__import__("sys").executable, str(tool), "avenant-fr", "--folder", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    made = tmp_path / "avenant-fr.docx"
    text = template_text(made)
    assert f"## ARTICLE{NBSP}# – OBJET [#object]" in text
    assert (tmp_path / "avenant-fr.txt").read_text(encoding="utf-8") == text
    before = made.read_bytes()
    again = subprocess.run(command, check=False, capture_output=True, text=True)
    assert again.returncode != 0
    assert "exists: a template is never overwritten" in again.stderr
    assert made.read_bytes() == before


# --------------------------------------------------------------------------------------------
# Parties, amounts, rates, typography


def test_parties_are_fully_identified(rendered: dict[str, Path]) -> None:
    """Legal form, capital, registered office, RCS, SIREN/SIRET, RNA, VAT and representative."""
    text = text_of(rendered["reciprocite-atelier-boussole.fr"])
    host = next(line for line in text.splitlines() if line.startswith("Réseau des tiers-lieux"))
    assert "association loi 1901" in host
    assert "situé 12 rue des Arts, 59000 Lille" in host
    assert f"SIREN 000{NBSP}000{NBSP}307 (SIRET 000{NBSP}000{NBSP}307{NBSP}00017)" in host
    assert "répertoire national des associations sous le numéro W000000002" in host
    assert "TVA intracommunautaire FR60000000307" in host
    assert "représentée par Claire Martin, en sa qualité de présidente" in host
    actor = next(line for line in text.splitlines() if line.startswith("L’Atelier des Communs"))
    assert f"SARL au capital de 10{NNBSP}000,00{NBSP}€" in actor
    assert "registre du commerce et des sociétés de Lille Métropole sous le numéro" in actor
    assert "représentée par Karim Benali, en sa qualité de gérant" in actor


def test_elision_whatever_the_data(rendered: dict[str, Path]) -> None:
    """ "d'Arras" for the RCS of Arras, "d'accompagnement" for an activity: French elision is
    applied to the records' text, not only to the templates' own words."""
    scic = text_of(rendered["reciprocite-scic-communs.fr"])
    assert "registre du commerce et des sociétés d’Arras sous le numéro" in scic
    alice = text_of(rendered["reciprocite-alice-movilab.fr"])
    assert (
        "une activité professionnelle d’accompagnement de projets de tiers-lieux et de "
        "formation à la documentation ouverte, qui s’appuie sur ce commun" in alice
    )


def test_french_typography_of_the_records_text(registry: Registry, tmp_path: Path) -> None:
    """Text from the records gets French typography when it is printed: a typographic
    apostrophe and a narrow no-break space before the colon of "retours d'expérience :
    guides", a no-break space and hyphen in a legal reference typed in a record."""
    commons = registry.commons["movilab"]
    described = dataclasses.replace(
        commons,
        description=LocalText({"fr": "Un wiki : retours d'expérience ; voir art. L. 441-10."}),
    )
    changed = dataclasses.replace(registry, commons={**registry.commons, "movilab": described})
    path = render_contract(changed, EXAMPLES, "hebergement-movilab", "fr", tmp_path)
    text = text_of(path)
    assert (
        f"Un wiki{NNBSP}: retours d’expérience{NNBSP}; voir art.{NBSP}L.{NBSP}441{NBHY}10." in text
    )
    example = text_of(render_contract(registry, EXAMPLES, "hebergement-movilab", "fr", tmp_path))
    assert "retours d’expérience et fiches pratiques" in example
    assert f"des tiers-lieux{NNBSP}: guides" in example


def test_french_typography_of_the_templates_words(rendered: dict[str, Path]) -> None:
    """Narrow no-break spaces inside « » and before ; : ! ?, typographic apostrophes, no-break
    spaces and hyphens in legal references, in the templates' own words."""
    text = text_of(rendered["hebergement-movilab.fr"])
    assert f"ci-après «{NNBSP}l’Hôte{NNBSP}»" in text
    assert f"ENTRE LES SOUSSIGNÉS{NNBSP}:" in text
    assert (
        f"article{NBSP}L.{NBSP}1611{NBHY}4 du code général des collectivités territoriales" in text
    )
    assert f"article{NBSP}L.{NBSP}102{NBSP}B du livre des procédures fiscales" in text
    royalty = text_of(rendered["reciprocite-atelier-boussole.fr"])
    assert f"articles{NBSP}L.{NBSP}441{NBHY}10 et D.{NBSP}441{NBHY}5 du Code de commerce" in royalty
    for name in ("hosting-fr", "reciprocity-fr", "statement-fr"):
        words = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", template_text(name))
        for wrong in (" :", " ;", " ?", " !", "« ", " »", "'", "L. ", "293 B"):
            assert wrong not in words, (name, wrong)


def test_thousands_are_grouped_with_a_narrow_no_break_space(rendered: dict[str, Path]) -> None:
    text = text_of(rendered["reciprocite-atelier-boussole.fr"])
    assert f"vingt mille euros (20{NNBSP}000,00{NBSP}€)" in text
    assert re.search(r"[0-9] [0-9]{3},[0-9]{2}", text) is None  # never a plain space


def test_an_iban_and_a_siren_never_break(rendered: dict[str, Path]) -> None:
    text = text_of(rendered["reciprocite-alice-movilab.fr"])
    assert f"IBAN FR76{NBSP}3000{NBSP}6000{NBSP}0112{NBSP}3456{NBSP}7890{NBSP}189" in text
    assert f"SIREN 000{NBSP}000{NBSP}406" in text


def test_a_person_under_the_vat_franchise_is_identified_as_such(rendered: dict[str, Path]) -> None:
    """A sole trader: name, address, SIREN, and the VAT franchise mention of art. 293 B CGI."""
    text = text_of(rendered["reciprocite-alice-movilab.fr"])
    actor = next(line for line in text.splitlines() if line.startswith("Alice Moreau"))
    assert "entrepreneur individuel, dont l’adresse professionnelle est 8 rue Pierre Motte" in actor
    assert f"SIREN 000{NBSP}000{NBSP}406" in actor
    assert f"TVA non applicable, article{NBSP}293{NBSP}B du CGI" in actor
    english = text_of(rendered["reciprocite-alice-movilab.en"])
    assert "sole trader (entrepreneur individuel)" in english
    assert f"“TVA non applicable, article{NBSP}293{NBSP}B du CGI”" in english


def test_rates_amounts_and_durations_are_in_figures_and_words(rendered: dict[str, Path]) -> None:
    """Art. 1376 C. civ.: every rate and amount in words, then in figures; every duration
    too."""
    alice = text_of(rendered["reciprocite-alice-movilab.fr"])
    assert f"égale à cinq pour cent (5{NBSP}%) du Chiffre d’affaires HT" in alice
    assert f"au taux de vingt pour cent (20{NBSP}%)" in alice
    assert "au plus tard quinze (15) jours après la fin de la Période" in alice
    assert "préavis de quatre-vingt-dix (90) jours" in alice
    hosting = text_of(rendered["hebergement-movilab.fr"])
    assert f"huit pour cent (8{NBSP}%) du montant hors taxes de chaque somme" in hosting
    assert f"quinze pour cent (15{NBSP}%) de chaque Budget" in hosting
    assert (
        f"entre trente euros (30,00{NBSP}€) et quarante-cinq euros (45,00{NBSP}€) hors taxes"
        in hosting
    )
    assert "soit une durée de trente-six (36) mois" in hosting
    assert "au moins soixante (60) jours avant l’échéance" in hosting
    assert re.search(r"\b[0-9]+ (jours|mois)\b", hosting) is None  # never in figures alone
    english = text_of(rendered["hebergement-movilab.en"])
    assert "between thirty euros (€30.00) and forty-five euros (€45.00) excluding VAT" in english
    assert "a term of thirty-six (36) months" in english


def test_licences_are_named_in_full(rendered: dict[str, Path]) -> None:
    text = text_of(rendered["reciprocite-atelier-boussole.fr"])
    assert (
        "sous la licence GNU Affero General Public License v3.0 or later "
        f"(AGPL{NBHY}3.0{NBHY}or{NBHY}later)" in text
    )
    movilab = text_of(rendered["hebergement-movilab.en"])
    assert (
        "under the licence Creative Commons Attribution Share Alike 4.0 International "
        f"(CC{NBHY}BY{NBHY}SA{NBHY}4.0)" in movilab
    )


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
    assert "tacite reconduction" in hosting


def test_tiers_are_a_table_of_a_scale_by_tiers(rendered: dict[str, Path]) -> None:
    """One row per tier (the {%tr %} rows are gone), bounds and rates in words and figures; a
    scale whose rates fall (0, 5, 3 %) is "par tranches", never "progressif"."""
    tables = table_rows(rendered["reciprocite-atelier-boussole.fr"])
    tiers = tables[0]
    assert tiers == [
        ["Tranche du Chiffre d’affaires HT cumulé de l’année civile", "Taux"],
        [f"Jusqu’à mille euros (1{NNBSP}000,00{NBSP}€)", f"zéro pour cent (0{NBSP}%)"],
        [
            f"Au-delà de mille euros (1{NNBSP}000,00{NBSP}€) et jusqu’à vingt mille euros "
            f"(20{NNBSP}000,00{NBSP}€)",
            f"cinq pour cent (5{NBSP}%)",
        ],
        [f"Au-delà de vingt mille euros (20{NNBSP}000,00{NBSP}€)", f"trois pour cent (3{NBSP}%)"],
    ]
    text = text_of(rendered["reciprocite-atelier-boussole.fr"])
    assert "calculée par tranches du Chiffre d’affaires HT cumulé" in text
    assert "progressi" not in text
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


# --------------------------------------------------------------------------------------------
# What the contracts say: royalty, gifts, hosting


def test_a_royalty_is_the_price_of_real_rights(rendered: dict[str, Path]) -> None:
    """A royalty pays for a licence to use the commons' name and a partner label, and for a
    listing among its partners that cannot be withdrawn during the term (art. 1169 C. civ.)."""
    text = words(rendered["reciprocite-alice-movilab.fr"])
    assert "de la mention « Partenaire de Movilab »" in text
    assert "Il ne peut l’en retirer avant la fin du contrat" in text
    assert "la Redevance en est le prix" in text
    assert "n’est pas un don : elle n’ouvre droit à aucun reçu fiscal" in text
    assert "l’Hôte émet, sous sa propre numérotation, une facture de la Redevance" in text
    assert "quarante euros (40,00 €)" in text
    assert "238 bis" not in text


def test_gifts_are_free_hand_gifts_at_an_indicative_rate(rendered: dict[str, Path]) -> None:
    """Gifts to the host, earmarked for the commons, each a don manuel at an indicative rate:
    no obligation to give, no audit, no penalty, no termination for not giving, counterparts
    kept to a mention of the name; the tax receipt stated from the host's record."""
    text = words(rendered["reciprocite-scic-communs.fr"])
    assert "Dons affectés aux communs" in text
    assert "articles 931 et 943 du Code civil" in text
    assert "Chaque Don est un don manuel fait à l’Hôte" in text
    assert "le présent contrat ne l’oblige à aucun versement, ne comporte ni pénalité" in text
    assert "L’absence de Don n’est jamais une cause de résiliation" in text
    assert "L’Hôte déclare être habilité à délivrer des reçus fiscaux au titre de l’article" in text
    assert "ce qu’a confirmé le rescrit fiscal du 14 mars 2025" in text
    assert "sans commune mesure avec le montant des Dons" in text
    for absent in (
        "Redevance",
        "indemnité forfaitaire",
        "CONTRÔLE",
        "Partenaire",
        "Lorsque l’Hôte",
    ):
        assert absent not in text, absent


def test_a_host_that_may_not_issue_tax_receipts_says_so(registry: Registry, tmp_path: Path) -> None:
    """The eligibility comes from the party record: not eligible (or not said) is stated as a
    fact, never as a condition."""
    host = dataclasses.replace(registry.parties["tiers-lieux-hdf"], tax_receipts=None)
    changed = dataclasses.replace(registry, parties={**registry.parties, host.id: host})
    path = render_contract(changed, EXAMPLES, "reciprocite-scic-communs", "fr", tmp_path)
    assert "L’Hôte n’est pas habilité à délivrer des reçus fiscaux au titre de l’article" in words(
        path
    )


def test_the_hosting_contract_has_no_mandate_fiction(rendered: dict[str, Path]) -> None:
    """The host owns the funds, earmarked on a dedicated account, and undertakes to the
    representatives and, through art. 1205 C. civ., to the contributors; dissolution and
    insolvency are provided for; no "faute détachable", no principal."""
    text = words(rendered["hebergement-movilab.fr"])
    assert "L’Hôte est propriétaire des Fonds du Commun, qu’il reçoit en son nom." in text
    assert "un compte bancaire dédié au Commun, distinct de ses autres comptes" in text
    assert "en fonds dédiés dans ses comptes annuels" in text
    assert "au profit des Contributeurs, qui peuvent en exiger l’exécution" in text
    assert "avant toute dévolution de son actif net" in text
    assert "article L. 622-13 du Code de commerce" in text
    for absent in ("détachable", "pour le compte du Commun", "mandataire", "intermédiaire"):
        assert absent not in text, absent
    reciprocity = words(rendered["reciprocite-atelier-boussole.fr"])
    assert "l’Hôte peut conclure des contrats de réciprocité au bénéfice du Commun" in reciprocity
    assert "le Commun peut conclure" not in reciprocity


def test_instructions_and_expenses_need_the_approvals_the_contract_asks(
    rendered: dict[str, Path],
) -> None:
    """`expense_approval: {approvals: N}` decides who signs an instruction and approves an
    expense, in the defined terms; nobody approves a payment to themselves."""
    two = words(rendered["hebergement-movilab.fr"])
    assert "qui émane de deux (2) Représentants distincts n’ayant pas d’intérêt personnel" in two
    assert "Toute Instruction émane de deux (2) Représentants distincts" in two
    assert "Toute dépense fait l’objet, avant d’être engagée, d’une Instruction" in two
    assert "nul n’approuve un paiement qui lui est destiné" in two
    one = words(rendered["hebergement-boussole.fr"])
    assert "Toute Instruction émane d’un Représentant et mentionne" in one
    english = words(rendered["hebergement-movilab.en"])
    assert "comes from two (2) different Representatives and states" in english


def test_the_host_refuses_only_a_manifestly_unlawful_instruction(
    rendered: dict[str, Path],
) -> None:
    text = words(rendered["hebergement-movilab.fr"])
    assert "ne peut refuser d’exécuter une Instruction que dans les trois cas suivants" in text
    assert "manifestement illicite" in text
    assert "risque" not in clause(rendered["hebergement-movilab.fr"], "4.2")
    assert "conserve à son égard le pouvoir de direction" in text


def test_subsidies_cite_the_right_text_for_each_funder(rendered: dict[str, Path]) -> None:
    text = words(rendered["hebergement-movilab.fr"])
    assert "Une subvention de l’État" in text and "article 15 du décret-loi du 2 mai 1938" in text
    assert "collectivité territoriale" in text
    assert "les frais de gestion prévus à l’article 7 sont réduits à ce plafond" in text


def test_the_reciprocity_contract_follows_the_community(rendered: dict[str, Path]) -> None:
    """Rate, audit, amendment and termination follow a decision of the community; the
    contract may be assigned to the successor host (art. 1216 C. civ.)."""
    text = words(rendered["reciprocite-atelier-boussole.fr"])
    assert "ne demande le contrôle prévu à l’article 9, ne conclut d’avenant et ne résilie" in text
    assert "Sur Décision de la Communauté notifiée par l’Hôte, au plus une fois par année" in text
    assert "en application de l’article 1216 du Code civil, à la cession du présent contrat" in text
    assert "article L. 233-3 du Code de commerce" in text


def test_missing_clauses_are_there(rendered: dict[str, Path]) -> None:
    """Annual review, hardship organised, force majeure, notices, confidentiality, survival,
    credit notes, the host fee's base excluding VAT, L. 102 B LPF, the French version."""
    hosting = words(rendered["hebergement-movilab.fr"])
    royalty = words(rendered["reciprocite-atelier-boussole.fr"])
    for text in (hosting, royalty):
        assert "article 1195 du Code civil" in text
        assert "article 1218 du Code civil" in text
        assert "lettre recommandée avec demande d’avis de réception" in text
        assert "seule la version française fait foi" in text
    assert "survivent à l’expiration ou à la résiliation du contrat" in hosting
    assert "du montant hors taxes de chaque somme" in hosting
    assert "L. 123" not in hosting
    assert "CONFIDENTIALITÉ" in hosting
    assert "Chaque année, au cours du premier trimestre, les Parties examinent" in royalty
    assert "l’Hôte émet une facture d’avoir de ce montant, qui s’impute" in royalty
    english = words(rendered["reciprocite-atelier-boussole.en"])
    assert "only the French version is authentic, and it prevails" in english
    assert "reversal" not in english.lower()


def test_mediation_names_who_appoints_the_mediator(rendered: dict[str, Path]) -> None:
    default = words(rendered["reciprocite-alice-movilab.fr"])
    assert (
        "elle demande au Centre de médiation et d’arbitrage de Paris (CMAP) de désigner" in default
    )
    assert "sans médiation préalable est irrecevable" in default
    named = words(rendered["hebergement-movilab.fr"])
    assert (
        "elle demande au centre de médiation du barreau de Lille de désigner un médiateur" in named
    )
    assert "it asks the mediation centre of the Lille bar to appoint a mediator" in words(
        rendered["hebergement-movilab.en"]
    )


def test_personal_data_and_consent_to_be_named(rendered: dict[str, Path]) -> None:
    """A real GDPR clause; consent to be named with figures is separate from the price and
    withdrawable, and recorded as given or refused."""
    alice = words(rendered["reciprocite-alice-movilab.fr"])
    assert "Ce consentement est distinct du prix" in alice
    assert "retirer à tout moment, par un simple courrier électronique" in alice
    assert "L’Acteur consent à cette publication." in alice
    assert "article 6, paragraphe 1, a) du RGPD" in alice
    assert "Commission nationale de l’informatique et des libertés" in alice
    scic = words(rendered["reciprocite-scic-communs.fr"])
    assert "L’Acteur ne consent pas à cette publication" in scic
    hosting = words(rendered["hebergement-movilab.fr"])
    assert "L’Hôte est responsable du traitement des données personnelles" in hosting
    assert "cinq (5) ans après sa fin" in hosting


# --------------------------------------------------------------------------------------------
# Signatories, originals, signature, fingerprint, footer, properties


def test_everyone_named_as_a_party_signs(rendered: dict[str, Path], registry: Registry) -> None:
    """By default every representative of the commons signs the hosting contract, and the
    originals are one per party with a distinct interest (the representatives share one)."""
    contract = registry.contracts["hebergement-movilab"]
    assert [s.id for s in registry.signatories(contract)] == ["host", "community-1", "community-2"]
    assert [s.id for s in registry.signatories(registry.contracts["hebergement-boussole"])] == [
        "host",
        "community",
    ]
    path = rendered["hebergement-movilab.fr"]
    left, right = table_rows(path)[-1][0]
    assert (
        "Pour l’Hôte\nRéseau des tiers-lieux des Hauts-de-France\nClaire Martin, présidente" in left
    )
    assert "Représentante de la communauté\ndu commun «\u202fMovilab\u202f»\nInès Dubois" in right
    assert (
        "Représentant de la communauté\ndu commun «\u202fMovilab\u202f»\nThomas Lefebvre" in right
    )
    text = text_of(path)
    assert "Fait à Lille, le ____________________, en deux (2) exemplaires originaux." in text
    assert "les Représentants, qui ont un même intérêt, reçoivent ensemble un exemplaire" in text
    english = table_rows(rendered["hebergement-movilab.en"])[-1][0][1]
    assert "Representative of the community\nof the commons “Movilab”\nInès Dubois" in english
    assert "Signed in Lille on ____________________, in two (2) originals." in text_of(
        rendered["hebergement-movilab.en"]
    )


def test_a_signatory_is_named_in_the_language_of_the_document(
    rendered: dict[str, Path],
) -> None:
    """ "présidente" and "gérant" come out in English; a person signs in their own name."""
    left, right = table_rows(rendered["reciprocite-atelier-boussole.en"])[-1][0]
    assert "Claire Martin, president" in left
    assert "Karim Benali, managing director (gérant)" in right
    person = table_rows(rendered["reciprocite-alice-movilab.fr"])[-1][0][1]
    assert person.startswith("L’Acteur\nAlice Moreau\nen son nom propre")


def test_an_electronic_signature_states_its_level_and_the_evidence_agreement(
    rendered: dict[str, Path],
) -> None:
    """The contract signed electronically names the eIDAS level and agrees on evidence (art.
    1368 C. civ.); "Fait à ..., en N exemplaires" is for a handwritten signature only."""
    electronic = words(rendered["reciprocite-atelier-boussole.fr"])
    assert "au moyen d’une signature électronique avancée, au sens des articles 3, 11) et 26" in (
        electronic
    )
    assert "en application de l’article 1368 du Code civil" in electronic
    assert "Fait à" not in electronic and "exemplaires originaux" not in electronic
    handwritten = words(rendered["reciprocite-alice-movilab.fr"])
    assert "signé de manière manuscrite, en autant d’exemplaires originaux que de Parties" in (
        handwritten
    )
    assert "1368" not in handwritten


def test_the_whole_fingerprint_is_on_the_signature_page_and_its_start_in_every_footer(
    rendered: dict[str, Path], registry: Registry
) -> None:
    path = rendered["reciprocite-alice-movilab.fr"]
    digest = document_terms(registry, "reciprocite-alice-movilab", "fr").sha256
    assert f"Empreinte des termes{NNBSP}: {digest}" in body_lines(path)
    footer = " ".join(footer_lines(path))
    assert f"Contrat reciprocite-alice-movilab · empreinte des termes {digest[:16]}" in footer
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/footer1.xml").decode("utf-8")
    assert " PAGE " in xml and " NUMPAGES " in xml and "sur" in xml
    # Each language has its own terms: the template differs.
    assert document_terms(registry, "reciprocite-alice-movilab", "en").sha256 != digest


def test_document_properties_carry_the_provenance(
    rendered: dict[str, Path], registry: Registry
) -> None:
    path = rendered["reciprocite-atelier-boussole.fr"]
    template = builtin_templates_dir() / "reciprocity-fr.docx"
    assert document_properties(path) == {
        "ContractId": "reciprocite-atelier-boussole",
        "TermsSha256": document_terms(registry, "reciprocite-atelier-boussole", "fr").sha256,
        "TemplateName": "reciprocity-fr.docx",
        "TemplateSha256": hashlib.sha256(template.read_bytes()).hexdigest(),
        "ToolVersion": __version__,
        "Language": "fr",
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
# Texts of the records in the document's language


def test_the_english_document_prints_the_english_text(rendered: dict[str, Path]) -> None:
    text = text_of(rendered["hebergement-movilab.en"])
    assert "The collaborative wiki of third places: guides, lessons learnt" in text
    assert "decisions are taken by the committee of Movilab’s contributors, by consent" in text
    assert "designated by the committee of 12 January 2026 to coordinate the commons" in text
    assert "association governed by the French law of 1 July 1901" in text
    assert "wiki collaboratif" not in text
    french = text_of(rendered["hebergement-movilab.fr"])
    assert "Le wiki collaboratif des tiers-lieux" in french


def test_a_text_without_english_is_printed_as_it_is_and_reported(
    example_copy: Path, tmp_path: Path
) -> None:
    """A record text given in French only: the English document prints it and `render` warns,
    located at the field; the French document does not warn."""
    path = example_copy / "commons" / "boussole.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("description:")
    end = text.index("url:")
    path.write_text(text[:start] + "description: Un logiciel libre de gestion.\n" + text[end:])
    registry = validate_registry(example_copy).registry
    assert registry is not None
    english = render_contracts(
        registry, example_copy, ["hebergement-boussole"], ["en"], tmp_path, jobs=1
    )
    assert "Un logiciel libre de gestion." in text_of(english.path)
    assert [w.format_text() for w in english.warnings] == [
        "commons/boussole.yaml:4:14: warning missing-translation: no English text: the English "
        "document of this record prints 'Un logiciel libre de gestion.'; give the text per "
        "language, e.g. {fr: ..., en: ...} ($.description)"
    ]
    french = render_contracts(
        registry, example_copy, ["hebergement-boussole"], ["fr"], tmp_path, jobs=1
    )
    assert french.warnings == []


def test_a_usual_french_title_needs_no_translation(registry: Registry) -> None:
    """`présidente` and `gérant` are translated from the table of titles, without a warning;
    a title the table does not know is reported."""
    context, warnings = document_context(registry, "reciprocite-atelier-boussole", "en")
    assert context.host.representative is not None
    assert str(context.host.representative.role) == "president"
    assert [s.role for s in context.signatories] == ["president", "managing director (gérant)"]
    assert not [w for w in warnings if "role" in w.json_path]
    actor = registry.parties["atelier-des-communs"]
    assert actor.representative is not None
    unusual = dataclasses.replace(
        actor, representative=dataclasses.replace(actor.representative, role=LocalText("cogérante"))
    )
    changed = dataclasses.replace(registry, parties={**registry.parties, actor.id: unusual})
    _, warnings = document_context(changed, "reciprocite-atelier-boussole", "en")
    assert [w.json_path for w in warnings] == ["$.representative.role"]


def test_agreement_of_the_representatives_role_with_the_person(registry: Registry) -> None:
    """ "représentante" for Inès, "représentant" for Thomas, the neutral form when unknown."""
    roles = [
        str(s.role) for s in template_context(registry, "hebergement-movilab", "fr").signatories
    ]
    assert roles == [
        "présidente",
        "représentante de la communauté",
        "représentant de la communauté",
    ]
    commons = registry.commons["movilab"]
    unknown = dataclasses.replace(
        commons,
        representatives=tuple(dataclasses.replace(r, gender=None) for r in commons.representatives),
    )
    changed = dataclasses.replace(registry, commons={**registry.commons, "movilab": unknown})
    roles = [
        str(s.role) for s in template_context(changed, "hebergement-movilab", "fr").signatories
    ]
    assert roles[1:] == ["représentant(e) de la communauté"] * 2


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
    # (not "49" anywhere: a fingerprint's hexadecimal digits may hold it)
    assert not any(line.startswith("49") or "49 x" in line for line in lines)


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


@pytest.mark.slow  # a pool of worker processes
def test_render_contracts_in_parallel_gives_the_same_files_in_order(
    registry: Registry, tmp_path: Path
) -> None:
    ids = sorted(registry.contracts)
    serial = render_contracts(registry, EXAMPLES, ids, ["fr", "en"], tmp_path / "one", jobs=1).paths
    parallel = render_contracts(
        registry, EXAMPLES, ids, ["fr", "en"], tmp_path / "two", jobs=2
    ).paths
    assert [p.name for p in parallel] == [p.name for p in serial]
    assert [p.name for p in serial][:2] == [f"{ids[0]}.fr.docx", f"{ids[0]}.en.docx"]
    for one, two in zip(serial, parallel, strict=True):
        assert one.read_bytes() == two.read_bytes()
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(p.name for p in parallel)


def test_each_contract_renders_in_its_own_language_by_default(
    registry: Registry, tmp_path: Path
) -> None:
    paths = render_contracts(registry, EXAMPLES, ["hebergement-movilab"], None, tmp_path).paths
    assert [p.name for p in paths] == ["hebergement-movilab.fr.docx"]


def test_a_new_registry_renders(starter: Path, tmp_path: Path) -> None:
    """The registry `init` creates renders every contract in both languages."""
    registry = validate_registry(starter).registry
    assert registry is not None
    rendered = render_contracts(
        registry, starter, sorted(registry.contracts), ["fr", "en"], tmp_path
    )
    paths = rendered.paths
    assert len(paths) == 2 * len(registry.contracts) > 0
    # The starter's texts are in French: an English document says which ones it prints so.
    assert {w.code.value for w in rendered.warnings} <= {"missing-translation"}
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
    assert [title for _, title in articles(path)] == ROYALTY_ARTICLES["fr"]
    assert f"plafonné à trois mille euros (3{NNBSP}000,00{NBSP}€) hors taxes" in text


def test_a_clause_with_an_address_is_ragged_right_and_the_others_justified(
    rendered: dict[str, Path],
) -> None:
    """An e-mail address cannot break: the notices clause, which names the parties' addresses,
    is aligned left so that no line before an address is stretched; clauses without one stay
    justified (by their style)."""
    document = docx.Document(str(rendered["reciprocite-alice-movilab.fr"]))
    notices = next(p for p in document.paragraphs if "Les notifications prévues" in p.text)
    assert "contact@tiers-lieux-hdf.example.org" in notices.text
    assert notices.alignment == WD_ALIGN_PARAGRAPH.LEFT
    plain = next(p for p in document.paragraphs if p.text.startswith("21.1"))
    assert plain.alignment is None
    style = plain.style
    while style.paragraph_format.alignment is None and style.base_style is not None:
        style = style.base_style
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    justified = [p for p in document.paragraphs if p.alignment is None and p.text[:1].isdigit()]
    assert len(justified) > 40
