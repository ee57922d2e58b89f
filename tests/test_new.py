"""Guided entry (`commons-contracts new`) as its users meet it: through a real terminal (a
pseudo-terminal driven by pexpect), typed answers piped in, and answers files for scripts."""

from __future__ import annotations

import os
import runpy
import signal
import sys
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.i18n.catalog import schema_text
from commons_contracts.i18n.languages import interface_language
from commons_contracts.registry.files import load_file
from commons_contracts.validation.questions import ENTRY_KINDS, help_texts
from commons_contracts.validation.validate import validate_registry

REPOSITORY = Path(__file__).resolve().parents[1]
COMMAND = Path(sys.executable).with_name("commons-contracts")
FRENCH = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}
ENGLISH = {**FRENCH, "LANG": "en_GB.UTF-8"}
BAD_SIREN = "000000100"
SIREN = "000000109"


def _record(path: Path) -> dict[str, object]:
    records, problems = load_file(path, path.name)
    assert problems == []
    return records[0].data


def _as_from_a_shell() -> None:
    # A shell at a terminal starts a command with Ctrl-C's default action. The test runner
    # may itself have been started with it ignored (every job a script starts in the
    # background is), and an ignored signal stays ignored in the processes it starts: the
    # command would then never hear Ctrl-C.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _spawn(root: Path, kind: str, env: dict[str, str]) -> pexpect.spawn:
    environment = {**os.environ, **env, "TERM": "xterm-256color", "COLUMNS": "200"}
    child = pexpect.spawn(
        str(COMMAND),
        ["new", kind, "-r", str(root)],
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 200),
        preexec_fn=_as_from_a_shell,
    )
    child.delaybeforesend = None
    return child


def _interrupt(child: pexpect.spawn, shown: str) -> None:
    """Ctrl-C, and what the command then says."""
    child.sendintr()
    if child.expect_exact([shown, pexpect.TIMEOUT], timeout=20) != 0:
        pytest.fail(f"no {shown!r} within 20 s of Ctrl-C; the terminal showed {child.before!r}")


def _answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


@pytest.mark.slow
def test_a_party_entered_in_french_through_a_terminal(starter: Path) -> None:
    """The dialogue speaks French, explains each field, says at once that a SIREN's key is
    wrong, offers the VAT number derived from the SIREN, and writes a party that validates."""
    child = _spawn(starter, "party", FRENCH)
    child.expect_exact("Nouvelle fiche\u00a0: une partie")
    child.expect_exact("organisation (association, société, coopérative…)")
    _answer(child, "type: ", "1")
    child.expect_exact("Dénomination (structure) ou prénom et nom (personne).")
    _answer(child, "name: ", "Atelier des Communs")
    _answer(child, "id [atelier-des-communs]: ", "")
    _answer(child, "legal_form: ", "SCOP SARL")
    child.expect_exact("Numéro SIREN (9 chiffres).")
    _answer(child, "siren: ", BAD_SIREN)
    child.expect_exact(
        f"Refusé (invalid-siren)\u00a0: «\u00a0{BAD_SIREN}\u00a0» n’est pas un SIREN valide"
    )
    _answer(child, "siren: ", "000 000 109")
    _answer(child, "siret: ", "")
    _answer(child, "rna: ", "")
    _answer(child, "vat_regime: ", "liable")
    _answer(child, "vat_number [FR48000000109, déduit du SIREN]: ", "")
    _answer(child, "share_capital: ", "10 000,00")
    _answer(child, "rcs_city: ", "Lille")
    _answer(child, "address › street: ", "3 rue des Arts")
    _answer(child, "address › postcode: ", "59000")
    _answer(child, "address › city: ", "Lille")
    _answer(child, "address › country [FR par défaut]: ", "")
    _answer(child, "representative › name: ", "Jeanne Dupont")
    _answer(child, "representative › role: ", "gérante")
    _answer(child, "representative › gender: ", "1")
    _answer(child, "representative › email: ", "jeanne@exemple")
    child.expect_exact("Refusé (invalid-email)")
    _answer(child, "representative › email: ", "jeanne@exemple.org")
    for prompt in (
        "email: ",
        "iban: ",
        "bic: ",
        "named_in_funds [non par défaut]: ",
        "vat_on_debits: ",
        "tax_receipts\u00a0»\u202f? (oui/non) [non]: ",
    ):
        _answer(child, prompt, "")
    child.expect_exact("La fiche à enregistrer\u00a0:")
    _answer(child, "Enregistrer cette fiche\u202f? (oui/non) [oui]: ", "")
    child.expect_exact("Fiche enregistrée\u00a0: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    written = starter / "parties" / "atelier-des-communs.yaml"
    assert _record(written) == {
        "kind": "party",
        "id": "atelier-des-communs",
        "type": "organisation",
        "name": "Atelier des Communs",
        "legal_form": "SCOP SARL",
        "share_capital": _record(written)["share_capital"],
        "rcs_city": "Lille",
        "siren": SIREN,
        "vat_number": "FR48000000109",
        "vat_regime": "liable",
        "address": {"street": "3 rue des Arts", "postcode": "59000", "city": "Lille"},
        "representative": {
            "name": "Jeanne Dupont",
            "role": "gérante",
            "gender": "feminine",
            "email": "jeanne@exemple.org",
        },
    }
    assert str(_record(written)["share_capital"]) == "10000.00"
    assert validate_registry(starter).ok


@pytest.mark.slow
def test_a_contract_through_a_terminal_with_french_dates_amounts_and_choices(
    starter: Path,
) -> None:
    """A reciprocity contract: the ids of the registry are offered by number, a French date
    and amount are understood, a date that does not exist is refused at once; then Ctrl-C on a
    second run stops without writing anything."""
    child = _spawn(starter, "reciprocity-contract", FRENCH)
    child.expect_exact("1) mon-commun — Mon commun")
    _answer(child, "commons › n°\u00a01: ", "1")
    _answer(child, "commons › n°\u00a02: ", "")
    child.expect_exact("2) mon-hebergeur")
    _answer(child, "host: ", "2")
    _answer(child, "actor: ", "mon-hebergeur")
    child.expect_exact("Refusé (same-party)")
    _answer(child, "actor: ", "mon-acteu")
    child.expect_exact(
        "aucune fiche party n’a l’identifiant «\u00a0mon-acteu\u00a0» "
        "(vouliez-vous dire «\u00a0mon-acteur\u00a0»\u202f?)"
    )
    _answer(child, "actor: ", "1")
    _answer(child, "id [reciprocite-mon-acteur-mon-commun]: ", "")
    _answer(child, "language: ", "")
    _answer(child, "effective_date: ", "30/02/2027")
    child.expect_exact(
        "Refusé (invalid-date)\u00a0: «\u00a02027-02-30\u00a0» n’est pas une date réelle"
    )
    _answer(child, "effective_date: ", "04/01/2027")
    _answer(child, "end_date: ", "")
    _answer(child, "notice_days [90 par défaut]: ", "")
    _answer(child, "breach_notice_days [30 par défaut]: ", "")
    _answer(child, "covered_activities › n°\u00a01: ", "conseil")
    _answer(child, "covered_activities › n°\u00a02: ", "")
    _answer(child, "qualification: ", "royalty")
    _answer(child, "rate_percent: ", "7,5 %")
    _answer(child, "annual_cap: ", "2 500,00")
    _answer(child, "period: ", "trimestre")
    child.expect_exact("Refusé (invalid-value)\u00a0: «\u00a0trimestre\u00a0» n’est pas permis ici")
    _answer(child, "period: ", "quarter")
    _answer(child, "declaration_days [15 par défaut]: ", "")
    _answer(child, "payment_days: ", "30")
    _answer(child, "vat_rate_percent: ", "0")
    _answer(child, "late_interest_percent: ", "")
    _answer(child, "public_listing: ", "non")
    _answer(child, "signing_method [handwritten par défaut]: ", "")
    _answer(child, "mediator: ", "")
    _answer(child, "place_of_signature: ", "Roubaix")
    _answer(child, "Renseigner «\u00a0signatories\u00a0»\u202f? (oui/non) [non]: ", "")
    _answer(child, "Enregistrer cette fiche\u202f? (oui/non) [oui]: ", "oui")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    written = starter / "contracts" / "reciprocite-mon-acteur-mon-commun.yaml"
    data = _record(written)
    assert data["effective_date"] == "2027-01-04"
    assert str(data["rate_percent"]) == "7.5"
    assert str(data["annual_cap"]) == "2500.00"
    assert data["public_listing"] is False
    assert data["commons"] == "mon-commun"
    assert validate_registry(starter).ok
    before = sorted(starter.rglob("*"))
    stopped = _spawn(starter, "commons", ENGLISH)
    stopped.expect_exact("name: ")
    stopped.sendline("Le Wiki")
    stopped.expect_exact("id [le-wiki]: ")
    _interrupt(stopped, "Stopped: nothing was written.")
    stopped.expect(pexpect.EOF)
    stopped.close()
    assert stopped.exitstatus == 1
    assert sorted(starter.rglob("*")) == before


def test_a_commons_with_two_representatives_from_typed_answers(
    runner: CliRunner, starter: Path
) -> None:
    """Answers piped in, in English: a list of groups asks for another item; a control
    character and an id already taken are refused at once."""
    typed = "\n".join(
        [
            "Le Wiki\x1b[2J",  # a control character: refused at once, as the loader would
            "Le Wiki des tiers-lieux",
            "mon-commun",  # taken by the starter's commons
            "wiki-tiers-lieux",
            "The wiki of third places.",
            "https://wiki.example.org",
            "CC-BY-SA-4.0",
            "",  # social_code
            "le comité des contributeurs",
            "au consentement",
            "",  # charter_url
            "Inès Dubois",
            "ines@example.org",
            "coordination depuis 2025",
            "1",  # gender: feminine
            "yes",
            "Marc Petit",
            "marc@example.org",
            "trésorier",
            "",  # gender: left out
            "",  # no third representative
            "",  # write it
        ]
    )
    result = runner.invoke(
        app, ["new", "commons", "-r", str(starter)], input=typed + "\n", env=ENGLISH
    )
    assert result.exit_code == 0, result.output
    assert (
        "Refused (duplicate-id): id 'mon-commun' is already used by the record at " in result.stdout
    )
    assert "Refused (unsafe-character): the text holds U+001B" in result.stdout
    data = _record(starter / "commons" / "wiki-tiers-lieux.yaml")
    assert [r["name"] for r in data["representatives"]] == ["Inès Dubois", "Marc Petit"]  # type: ignore[index]
    assert [r.get("gender") for r in data["representatives"]] == ["feminine", None]  # type: ignore[union-attr]
    assert data["governance"] == {
        "decision_body": "le comité des contributeurs",
        "decision_rule": "au consentement",
    }
    assert validate_registry(starter).ok


def test_a_refusal_of_the_whole_registry_asks_the_answer_again(
    runner: CliRunner, starter: Path
) -> None:
    """An end before the start is a rule across records: the record is refused when it is
    about to be written, the end date is asked again, and the second answer is written."""
    typed = [
        "1",  # commons
        "2",  # host: mon-hebergeur
        "",  # id
        "",  # language
        "01/01/2027",
        "31/12/2026",  # end_date before the start (duration_months is not asked then)
        "",  # renewal
        "60",
        "",
        "8",
        "15",
        "no",  # hourly_rate
        "no",  # expense_approval
        "",
        "",
        "",
        "",  # signing_method: handwritten
        "",  # mediator
        "Lille",
        "",  # signatories
        "",  # write
        "31/12/2029",  # end_date, asked again
        "",  # write
    ]
    result = runner.invoke(
        app,
        ["new", "hosting-contract", "-r", str(starter)],
        input="\n".join(typed) + "\n",
        env=ENGLISH,
    )
    assert result.exit_code == 0, result.output
    assert "Refused (end-before-start)" in result.stdout
    assert "the answers at fault are asked again" in result.stdout
    data = _record(starter / "contracts" / "hebergement-mon-commun-2.yaml")
    assert data["end_date"] == "2029-12-31"
    assert "duration_months" not in data


def test_an_answers_file_writes_a_record_like_the_dialogue(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """Answers written as a person types them (French dates and amounts, oui/non, a number
    among the choices is not needed: ids are given)."""
    answers = tmp_path / "alice.yaml"
    answers.write_text(
        "type: person\n"
        "name: Alice Moreau\n"
        "legal_form: entrepreneur individuel\n"
        f'siren: "{SIREN}"\n'  # a SIREN that opens with 0 is quoted in YAML, as validate says
        "vat_regime: liable\n"
        "address:\n"
        "  street: 4 place du Marché\n"
        '  postcode: "59100"\n'
        "  city: Roubaix\n"
        "email: alice@example.org\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["new", "party", "-r", str(starter), "--answers", str(answers)], env=FRENCH
    )
    assert result.exit_code == 0, result.output
    data = _record(Path(result.stdout.strip()))
    assert data["id"] == "alice-moreau"
    assert data["vat_number"] == "FR48000000109"  # the proposal, as Enter takes it
    assert data["siren"] == SIREN
    assert "representative" not in data


def test_every_bad_answer_of_a_file_is_located_and_nothing_is_written(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """A wrong SIREN key, an unknown answer with a suggestion, an answer no question asks, a
    missing required answer: all reported at once at their lines, nothing written."""
    answers = tmp_path / "bad.yaml"
    answers.write_text(
        "type: person\n"
        "name: Alice Moreau\n"
        f'siren: "{BAD_SIREN}"\n'
        "vat_regim: liable\n"
        "share_capital: 1000\n"
        "address:\n"
        "  street: 4 place du Marché\n"
        "  city: Roubaix\n",
        encoding="utf-8",
    )
    before = sorted(starter.rglob("*"))
    result = runner.invoke(
        app, ["new", "party", "-r", str(starter), "--answers", str(answers)], env=ENGLISH
    )
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if " error " in line]
    assert any(line.startswith(f"{answers}:3:8: error invalid-siren:") for line in lines), lines
    assert any(
        line.startswith(f"{answers}:4:1: error unknown-key: the answer 'vat_regim' is not used")
        and "(did you mean 'vat_regime'?)" in line
        for line in lines
    ), lines
    assert any(
        line.startswith(f"{answers}:5:1: error unknown-key: the answer 'share_capital'")
        for line in lines
    ), lines
    assert any("missing-field: an answer is needed ($.vat_regime)" in line for line in lines)
    assert any("missing-field: an answer is needed ($.address.postcode)" in line for line in lines)
    assert sorted(starter.rglob("*")) == before


def test_a_contract_needs_its_parties_first(runner: CliRunner, tmp_path: Path) -> None:
    """A registry with no party: a contract cannot be entered yet, and the message says
    what to create first."""
    root = tmp_path / "empty"
    root.mkdir()
    (root / "commons-contracts.yaml").write_text("kind: workspace\nname: Vide\n")
    result = runner.invoke(app, ["new", "hosting-contract", "-r", str(root)], env=ENGLISH)
    assert result.exit_code == 1
    assert "commons-contracts new commons" in result.stderr


def test_the_interface_language() -> None:
    """LANGUAGE, then the locale, then the workspace's language."""
    assert interface_language({"LANG": "fr_FR.UTF-8"}, "en") == "fr"
    assert interface_language({"LANG": "en_US.UTF-8"}, "fr") == "en"
    assert interface_language({"LANG": "C.UTF-8"}, "fr") == "fr"
    assert interface_language({}, "en") == "en"
    assert interface_language({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "en") == "fr"
    assert interface_language({"LC_ALL": "de_DE.UTF-8", "LANG": "fr_FR.UTF-8"}, "en") == "en"


def test_every_explanation_has_its_french_and_the_catalogue_follows_the_schemas() -> None:
    """Each description the dialogue shows is translated (one English source, the schema; its
    French in schemas.po), and schemas.po is what tools/schema_messages.py writes."""
    texts = set().union(*(help_texts(kind) for kind in ENTRY_KINDS))
    assert len(texts) > 50
    assert sorted(text for text in texts if schema_text(text, "fr") == text) == []
    tool = runpy.run_path(str(REPOSITORY / "tools" / "schema_messages.py"))
    catalogue = tool["CATALOGUE"]
    assert catalogue.read_bytes() == tool["render"](catalogue.read_bytes())


@pytest.mark.parametrize("kind", ENTRY_KINDS)
def test_every_field_of_the_schema_is_asked(kind: str, starter: Path) -> None:
    """No field of a kind is out of reach of the dialogue: each top-level property is asked
    when its conditions hold (a fresh field of a schema is asked without more code)."""
    from commons_contracts.validation.questions import interview  # noqa: PLC0415

    session = interview(starter, kind, ENGLISH)  # type: ignore[arg-type]
    asked: set[str] = set()
    for _ in range(200):
        question = session.next_question()
        if question is None:
            break
        asked.add(str(question.path[0]))
        session.give_up(question)
    properties = set(session.document["properties"]) - {"kind"}
    conditional = {"duration_months", "tiers", "share_capital", "rcs_city", "rna", "representative"}
    assert properties - asked <= conditional


def test_answers_files_for_a_commons_then_a_contract_with_tiers(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """Lists and groups from a file: a commons with its representatives, then a reciprocity
    contract for two commons with progressive tiers written the French way; the tier without
    an upper bound is the last."""
    commons = tmp_path / "wiki.yaml"
    commons.write_text(
        "name: Le Wiki\n"
        "description: Le wiki des tiers-lieux.\n"
        "licence: CC-BY-SA-4.0\n"
        "governance:\n"
        "  decision_body: le comité des contributeurs\n"
        "  decision_rule: au consentement\n"
        "representatives:\n"
        "  - name: Inès Dubois\n"
        "    email: ines@example.org\n"
        "    mandate: coordination depuis 2025\n"
        "  - name: Marc Petit\n"
        "    email: marc@example.org\n"
        "    mandate: trésorier\n",
        encoding="utf-8",
    )
    made = runner.invoke(app, ["new", "commons", "-r", str(starter), "--answers", str(commons)])
    assert made.exit_code == 0, made.output
    contract = tmp_path / "contrat.yaml"
    contract.write_text(
        "commons: [mon-commun, le-wiki]\n"
        "host: mon-hebergeur\n"
        "actor: mon-acteur\n"
        "effective_date: 04/11/2026\n"
        "covered_activities: [conseil, formation]\n"
        "qualification: royalty\n"
        "tiers:\n"
        "  - up_to: 2 000\n"
        "    rate_percent: 0\n"
        "  - rate_percent: 5 %\n"
        "annual_cap: 2 500,00\n"
        "period: quarter\n"
        "payment_days: 30\n"
        "vat_rate_percent: 0\n"
        "public_listing: non\n"
        "place_of_signature: Lille\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["new", "reciprocity-contract", "-r", str(starter), "--answers", str(contract)]
    )
    assert result.exit_code == 0, result.output
    data = _record(Path(result.stdout.strip()))
    assert data["id"] == "reciprocite-mon-acteur-mon-commun"
    assert data["commons"] == ["mon-commun", "le-wiki"]
    assert data["covered_activities"] == ["conseil", "formation"]
    assert [{k: str(v) for k, v in tier.items()} for tier in data["tiers"]] == [  # type: ignore[union-attr]
        {"up_to": "2000", "rate_percent": "0"},
        {"rate_percent": "5"},
    ]
    assert str(data["annual_cap"]) == "2500.00"
    assert data["public_listing"] is False
    assert validate_registry(starter).ok
