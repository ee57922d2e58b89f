"""An amendment as a document of its own: rendered (the *avenant*), signed, verified, and the
statuses that follow, which are always those of the current version (DESIGN.md section 11)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.documents.amendment import ARTICLES
from commons_contracts.documents.fingerprint import document_terms
from commons_contracts.documents.provenance import document_properties, pdf_provenance
from commons_contracts.registry.schemas import kind_schemas
from commons_contracts.registry.versions import FIXED_FIELDS
from commons_contracts.validation.validate import validate_registry

ALICE = "reciprocite-alice-movilab"
AMENDMENT = f"{ALICE}-avenant-1"
ATELIER = "reciprocite-atelier-boussole"
MOVILAB = "hebergement-movilab"


def _run(runner: CliRunner, root: Path, *arguments: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*arguments, "-r", str(root)])
    return result.exit_code, result.stdout, result.stderr


def _status(runner: CliRunner, root: Path, as_of: str) -> dict[str, dict[str, object]]:
    code, stdout, stderr = _run(runner, root, "status", "--as-of", as_of, "--format", "json")
    assert code == 0, stderr
    return {entry["contract"]: entry for entry in json.loads(stdout)}


def _status_line(runner: CliRunner, root: Path, contract_id: str, as_of: str) -> str:
    code, stdout, stderr = _run(runner, root, "status", "--as-of", as_of)
    assert code == 0, stderr
    (line,) = (line for line in stdout.splitlines() if line.startswith(f"{contract_id}: "))
    return line


def _sign(runner: CliRunner, root: Path, record_id: str, signatory: str, day: str) -> Path:
    code, stdout, stderr = _run(
        runner, root, "sign", record_id, "-s", signatory, "-d", day, "-m", "handwritten"
    )
    assert code == 0, stderr
    return Path(stdout.strip())


def _plain(text: str) -> str:
    """Text with its no-break spaces (French typography) as plain spaces, to read it."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _paragraphs(path: Path) -> list[str]:
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        lines.extend(cell.text for row in table.rows for cell in row.cells)
    return lines


def test_the_example_amendment_is_signed_by_the_host_only(
    runner: CliRunner, example_copy: Path
) -> None:
    """The example registry shows the partial state on purpose: the contract stays in force in
    the version all have signed, and its amendment says who is missing."""
    line = _status_line(runner, example_copy, ALICE, "2026-12-01")
    assert line == (
        f"{ALICE}: in-force (2/2 signed), ends 2027-12-31; amendment 1 ({AMENDMENT}, from "
        "2027-01-01): partially-signed (1/2 signed; missing: actor); signed by all: the "
        "contract as first signed"
    )
    entry = _status(runner, example_copy, "2026-12-01")[ALICE]
    assert entry["version"] == 0
    assert entry["end"] == "2027-12-31"
    (amendment,) = entry["amendments"]  # type: ignore[misc]
    assert amendment == {
        "amendment": AMENDMENT,
        "number": 1,
        "effective_date": "2027-01-01",
        "status": "partially-signed",
        "signed": ["host"],
        "missing": ["actor"],
        "changed_since_signature": False,
        "changes": [],
    }


def test_statuses_through_signatures_and_amendments(runner: CliRunner, example_copy: Path) -> None:
    """The actor signs the amendment: version 1 is signed by all, `signed` before its effective
    date and `in-force` after; a second amendment, unsigned, leaves version 1 the one signed by
    all; editing the signed amendment's record makes its signatures stale, with a warning."""
    _sign(runner, example_copy, AMENDMENT, "actor", "2026-12-05")
    line = _status_line(runner, example_copy, ALICE, "2026-12-10")
    assert line.endswith(f"amendment 1 ({AMENDMENT}, from 2027-01-01): signed (2/2 signed)")
    assert _status(runner, example_copy, "2026-12-10")[ALICE]["version"] == 1
    after = _status(runner, example_copy, "2027-02-01")[ALICE]
    assert after["amendments"][0]["status"] == "in-force"  # type: ignore[index]

    code, _, stderr = _run(
        runner,
        example_copy,
        "amend",
        ALICE,
        "--effective",
        "2027-06-01",
        "--set",
        "annual_cap=2500",
        "--rationale",
        "Plafond annuel décidé par le comité.",
    )
    assert code == 0, stderr
    line = _status_line(runner, example_copy, ALICE, "2027-02-01")
    assert f"amendment 2 ({ALICE}-avenant-2, from 2027-06-01): draft (0/2 signed" in line
    assert line.endswith("signed by all: as amended by amendment 1")

    record = example_copy / "amendments" / f"{AMENDMENT}.yaml"
    record.write_text(record.read_text("utf-8").replace("rate_percent: 6", "rate_percent: 7"))
    result = validate_registry(example_copy)
    changed = [d for d in result.diagnostics if d.code.value == "signed-record-changed"]
    assert [(d.path, d.json_path) for d in changed] == [
        (f"amendments/{AMENDMENT}.yaml", "$.changes")
    ]
    assert "changed since actor, host signed it (changes.rate_percent)" in changed[0].message
    entry = _status(runner, example_copy, "2027-02-01")[ALICE]
    assert entry["version"] == 0
    assert entry["amendments"][0]["changes"] == ["amendment.changes.rate_percent"]  # type: ignore[index]


def test_editing_a_signed_contract_warns_at_the_changed_field(example_copy: Path) -> None:
    """A signed contract edited in place: `validate` warns at the field that changed that the
    change must be an amendment (and the registry stays valid: figures follow the record)."""
    path = example_copy / "contracts" / f"{ALICE}.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("rate_percent: 5\n", "rate_percent: 6\n"), "utf-8")
    line = 1 + text.split("rate_percent: 5\n")[0].count("\n")
    result = validate_registry(example_copy)
    assert result.registry is not None
    (warning,) = [d for d in result.diagnostics if d.code.value == "signed-record-changed"]
    assert (warning.path, warning.line, warning.column) == (f"contracts/{ALICE}.yaml", line, 1)
    assert f"commons-contracts amend {ALICE} --effective DAY" in warning.message
    assert "(rate_percent)" in warning.message


def test_a_terminated_contract_ends_on_its_termination(
    runner: CliRunner, example_copy: Path
) -> None:
    """The example's termination of the Atelier's contract: in force with its end until then,
    `terminated` after it."""
    assert _status_line(runner, example_copy, ATELIER, "2027-01-01") == (
        f"{ATELIER}: in-force (2/2 signed), ends 2027-02-18"
    )
    assert _status_line(runner, example_copy, ATELIER, "2027-03-01") == (
        f"{ATELIER}: terminated (2/2 signed), ended 2027-02-18"
    )


def test_the_avenant_is_rendered_with_each_change_in_words_and_figures(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """`render AMENDMENT_ID` in both languages: the contract it amends, the change with its old
    and new value in words and figures, the effective date, the rationale, the signatories, and
    its own provenance and fingerprint (those a signature of it records)."""
    out = tmp_path / "out"
    code, stdout, stderr = _run(
        runner, example_copy, "render", AMENDMENT, "--lang", "fr", "--lang", "en", "--out", str(out)
    )
    assert code == 0, stderr
    french, english = (Path(line) for line in stdout.splitlines())
    assert french == out / f"{AMENDMENT}.fr.docx" and english == out / f"{AMENDMENT}.en.docx"
    typeset = "\n".join(_paragraphs(french))
    assert "Commun «\u202fMovilab\u202f»" in typeset and "(6\u00a0%)" in typeset
    text = _plain(typeset)
    registry = validate_registry(example_copy).registry
    assert registry is not None
    assert text.startswith(
        "AVENANT N° 1 AU CONTRAT DE RÉCIPROCITÉ AU BÉNÉFICE D’UN COMMUN\nCommun « Movilab »"
    )
    assert f"Référence de l’avenant : {AMENDMENT} · contrat {ALICE}" in text
    contract_terms = document_terms(registry, ALICE, "fr").sha256
    assert (
        f"référencé {ALICE}, en vigueur depuis le 1er janvier 2026, dont l’empreinte des termes "
        f"est {contract_terms} (ci-après « le Contrat »). L’article "
    ) in text
    # The change names the article of the contract that states it, as the contract numbers it.
    contract_docx = Path(stdout.splitlines()[0]).parent / "contract"
    code, rendered, stderr = _run(
        runner, example_copy, "render", ALICE, "--out", str(contract_docx)
    )
    assert code == 0, stderr
    (article,) = [p for p in _paragraphs(Path(rendered.strip())) if "TAUX ET ASSIETTE" in p]
    number = article.split()[1]
    assert (
        f"À l’article {number} du Contrat, s’agissant du taux : « cinq pour cent (5 %) » est "
        "remplacé par « six pour cent (6 %) »."
    ) in text
    assert "il prend effet le 1er janvier 2027, même s’il est signé après cette date." in text
    assert "pour le motif suivant : la révision annuelle du taux de la Redevance" in text
    assert "Claire Martin, présidente" in text and "Alice Moreau" in text
    registry = validate_registry(example_copy).registry
    assert registry is not None
    terms = document_terms(registry, AMENDMENT, "fr")
    assert f"Empreinte des termes : {terms.sha256}" in text
    provenance = document_properties(french)
    assert provenance["ContractId"] == AMENDMENT
    assert provenance["TermsSha256"] == terms.sha256
    assert provenance["TemplateName"] == "amendment-fr.docx"
    footer = Document(str(french)).sections[0].footer.paragraphs[0].text
    assert footer.startswith(f"Avenant {AMENDMENT} · empreinte des termes {terms.sha256[:16]}")
    english_text = _plain("\n".join(_paragraphs(english)))
    assert english_text.startswith("AMENDMENT NO. 1 TO THE RECIPROCITY AGREEMENT FOR THE")
    assert (
        f"In article {number} of the Agreement, as to the rate: “five percent (5%)” is replaced "
        "by “six percent (6%)”."
    ) in english_text
    assert "it takes effect on 1 January 2027, even if signed after that date." in english_text
    assert "for the following reason: the annual review of the Royalty rate" in english_text
    english_terms = document_terms(registry, AMENDMENT, "en")
    assert document_properties(english)["TermsSha256"] == english_terms.sha256


def test_an_amendment_of_a_hosting_contract_names_its_representatives(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """An amendment of a hosting contract: its parties are the host and each representative
    of the commons, every one a signatory; a fee changed reads in words and figures."""
    code, stdout, stderr = _run(
        runner,
        example_copy,
        "amend",
        MOVILAB,
        "--effective",
        "2027-01-01",
        "--set",
        "host_fee_percent=6",
        "--set",
        "payment_days=45",
        "--rationale",
        "Frais de gestion revus avec la communauté.",
    )
    assert code == 0, stderr
    amendment = Path(stdout.strip()).stem
    code, stdout, stderr = _run(runner, example_copy, "render", amendment, "--out", str(tmp_path))
    assert code == 0, stderr
    text = _plain("\n".join(_paragraphs(Path(stdout.strip()))))
    assert text.startswith("AVENANT N° 1 AU CONTRAT D’HÉBERGEMENT DE COMMUN")
    registry = validate_registry(example_copy).registry
    assert registry is not None
    old_fee = registry.contracts[MOVILAB].host_fee_percent  # type: ignore[union-attr]
    assert "s’agissant des frais de gestion de l’Hôte : « " in text and "(6 %) »" in text
    assert f"({old_fee} %)".replace(".", ",") in text
    assert (
        "s’agissant du délai de paiement : « trente (30) jours » est remplacé par « quarante-cinq"
        in text
    )
    assert "les Représentants, qui ont un même intérêt, reçoivent ensemble un exemplaire" in text
    for person in registry.commons["movilab"].representatives:
        assert person.name in text
    signatories = {s.id for s in registry.signatories(registry.amendments_by_id[amendment])}
    assert signatories == {"host", "community-1", "community-2"}


def test_sign_and_verify_take_an_amendment_id(runner: CliRunner, example_copy: Path) -> None:
    """A signature of the amendment with its signed copy (the rendered .docx), then `verify`
    of the amendment alone and of its contract (which checks its amendments too)."""
    out = example_copy / "signed"
    code, stdout, stderr = _run(runner, example_copy, "render", AMENDMENT, "--out", str(out))
    assert code == 0, stderr
    copy = Path(stdout.strip())
    code, stdout, stderr = _run(
        runner,
        example_copy,
        "sign",
        AMENDMENT,
        "-s",
        "actor",
        "-d",
        "2026-12-05",
        "-m",
        "handwritten",
        "--file",
        str(copy),
    )
    assert code == 0, stderr
    record = Path(stdout.strip()).read_text("utf-8")
    assert f"contract: {AMENDMENT}\n" in record and f"document: signed/{copy.name}" in record
    code, stdout, _ = _run(runner, example_copy, "verify", AMENDMENT)
    assert code == 0
    assert stdout.splitlines() == [f"{AMENDMENT} (actor): ok", f"{AMENDMENT} (host): ok"]
    code, stdout, _ = _run(runner, example_copy, "verify", ALICE)
    assert code == 0
    assert f"{AMENDMENT} (actor): ok" in stdout and f"{ALICE} (host): ok" in stdout
    code, _, stderr = _run(
        runner, example_copy, "sign", f"{ALICE}-avenant-9", "-s", "actor", "-d", "2026-12-05",
        "-m", "handwritten",
    )  # fmt: skip
    assert code == 2
    assert "no contract or amendment with id" in stderr and "did you mean" in stderr


def test_the_report_shows_the_amendment_awaiting_its_signatures(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """The transparency report states the contract's status truthfully: in force, with its
    amendment waiting for one signature out of two."""
    out = tmp_path / "site"
    code, _, stderr = _run(
        runner, example_copy, "report", "--as-of", "2026-12-01", "--out", str(out)
    )
    assert code == 0, stderr
    pages = "\n".join(p.read_text("utf-8") for p in out.rglob("*.html"))
    assert "en vigueur ; avenant n° 1 en attente de signature (1 sur 2 signataires)" in pages
    figures = json.loads((out / "data" / "figures.json").read_text("utf-8"))
    (alice,) = [c for c in figures["contracts"] if c["id"] == ALICE]
    assert alice["version"] == 0
    assert alice["amendments"] == [
        {
            "number": 1,
            "effective_date": "2027-01-01",
            "status": "partially-signed",
            "signed": 1,
            "signatories": 2,
        }
    ]


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are not installed (see README)",
)
def test_the_avenant_converts_to_pdf_with_its_own_provenance(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    """`render AMENDMENT --format pdf` in both languages through real LibreOffice: PDF/A with
    the amendment's provenance (its id and its own terms' fingerprint), its text readable."""
    code, stdout, stderr = _run(
        runner, example_copy, "render", AMENDMENT, "-l", "fr", "-l", "en", "-f", "pdf",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert code == 0, stderr
    french, english = (Path(line) for line in stdout.splitlines())
    registry = validate_registry(example_copy).registry
    assert registry is not None
    for pdf, lang in ((french, "fr"), (english, "en")):
        provenance = pdf_provenance(pdf)
        assert provenance["ContractId"] == AMENDMENT
        assert provenance["TermsSha256"] == document_terms(registry, AMENDMENT, lang).sha256
        assert provenance["TemplateName"] == f"amendment-{lang}.docx"
    text = _plain(
        subprocess.run(
            ["pdftotext", str(french), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert "AVENANT N° 1 AU CONTRAT DE RÉCIPROCITÉ" in text
    assert "« cinq pour cent (5 %) » est remplacé par « six pour cent (6 %) »" in " ".join(
        text.split()
    )


# What an article must show for it to state a field: the field itself, or the name under which
# the template context gives it.
_SHOWN_AS = {
    "tiers": "tiers",
    "public_listing": "listing_consent",
    "signatories": "signatories",
    "end_date": "contract.end",
    "language": "français",
}


def test_each_field_an_amendment_changes_names_the_articles_that_state_it() -> None:
    """`ARTICLES` is held to the built-in contract templates: every field an amendment may
    change has its articles, each a bookmark of the template whose text states the field."""
    kinds = {"reciprocity-contract": "reciprocity", "hosting-contract": "hosting"}
    for kind, prefix in kinds.items():
        text = (Path(__file__).parents[1] / "templates" / f"{prefix}-fr.txt").read_text("utf-8")
        articles = dict(
            re.findall(r"\n## ARTICLE\s# – [^\n]*\[#(\w+)\]\n(.*?)(?=\n## |\Z)", text, re.S)
        )
        amendable = set(kind_schemas()[kind].schema["properties"]) - FIXED_FIELDS
        assert set(ARTICLES[kind]) == amendable, kind
        for name, marks in ARTICLES[kind].items():
            shown = _SHOWN_AS.get(name, f"contract.{name}")
            for mark in marks:
                assert mark in articles, (kind, name, mark)
                assert shown in articles[mark], (kind, name, mark)
