"""The command line in French and English (docs/language.md): the one rule for the language,
the help, the diagnostics' messages (codes and positions unchanged, in text and JSON),
`status`, `verify` and the tables; and the catalogue itself: every message of the code has its
French, with the same placeholders, and the shipped `.mo` is the `.po` compiled."""

from __future__ import annotations

import gettext
import importlib
import io
import json
import os
import shutil
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.cli.language import registry_argument
from commons_contracts.i18n.languages import command_line_language
from commons_contracts.i18n.translation import DOMAIN, LOCALE_FOLDER, _, set_language
from commons_contracts.registry.root import workspace_language

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLES = REPOSITORY / "examples"
CASES = REPOSITORY / "tests" / "cases"
PO = LOCALE_FOLDER / "fr" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO = PO.with_suffix(".mo")

sys.path.insert(0, str(REPOSITORY / "tools"))
import messages as catalogue_tool  # noqa: E402

NO_LOCALE = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
FRENCH = {**NO_LOCALE, "LANG": "fr_FR.UTF-8"}
ENGLISH = {**NO_LOCALE, "LANG": "en_US.UTF-8"}


def _case(name: str, into: Path) -> Path:
    """The registry of a case of tests/cases: the base with the case laid over it."""
    root = into / name
    shutil.copytree(CASES / "_base", root)
    shutil.copytree(CASES / name, root, dirs_exist_ok=True)
    removed = root / "removed.txt"
    if removed.exists():
        for line in removed.read_text("utf-8").split():
            (root / line).unlink()
    for extra in ("expected.txt", "removed.txt"):
        (root / extra).unlink(missing_ok=True)
    return root


# --- the rule


def test_the_one_rule_for_the_language() -> None:
    """LANGUAGE (first supported of its list), LC_ALL, LC_MESSAGES, LANG; C, POSIX or another
    language decides nothing: the workspace's, else French."""
    assert command_line_language({"LANG": "fr_FR.UTF-8"}, "en") == "fr"
    assert command_line_language({"LANG": "en_US.UTF-8"}, "fr") == "en"
    assert command_line_language({"LANGUAGE": "de:en", "LANG": "fr_FR.UTF-8"}, None) == "en"
    assert command_line_language({"LC_ALL": "fr_BE.UTF-8", "LANG": "en_GB.UTF-8"}, None) == "fr"
    assert command_line_language({"LC_MESSAGES": "en_GB", "LANG": "fr_FR"}, None) == "en"
    assert command_line_language({"LANG": "C"}, "en") == "en"
    assert command_line_language({"LANG": "POSIX"}, None) == "fr"
    assert command_line_language({"LANG": "de_DE.UTF-8"}, "en") == "en"
    assert command_line_language({}, None) == "fr"
    assert command_line_language({}, "xx") == "fr"


def test_the_workspace_is_read_from_the_registry_named(tmp_path: Path) -> None:
    assert registry_argument(["validate", "-r", "a"]) == Path("a")
    assert registry_argument(["status", "--registry=b", "x"]) == Path("b")
    assert registry_argument(["status", "-rc"]) == Path("c")
    assert registry_argument(["render", "--", "-r", "x"]) is None
    assert workspace_language(EXAMPLES) == "fr"
    english = tmp_path / "english"
    english.mkdir()
    (english / "commons-contracts.yaml").write_text(
        "kind: workspace\nname: Test\nlanguage: 'en'  # documents in English\n", "utf-8"
    )
    assert workspace_language(english) == "en"
    assert workspace_language(tmp_path) is None


# --- the catalogue


def _fields(text: str) -> list[tuple[str, str, str]]:
    return sorted(
        (name, conversion or "", spec or "")
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def test_every_message_has_its_french_with_the_same_placeholders() -> None:
    catalog = read_po(io.BytesIO(PO.read_bytes()), locale="fr")
    extracted = {m.id for m in catalogue_tool.extracted() if m.id}
    assert extracted == {m.id for m in catalog if m.id}, "run python tools/messages.py"
    for entry in catalog:
        if not entry.id:
            continue
        assert not entry.fuzzy, entry.id
        if isinstance(entry.id, tuple):
            assert all(entry.string), entry.id
            for form in entry.string:
                assert _fields(form) == _fields(entry.id[1]), entry.id
        else:
            assert entry.string, f"no French for {entry.id!r}"
            assert _fields(entry.string) == _fields(entry.id), entry.id


def test_the_catalogue_files_are_what_the_tool_writes() -> None:
    """The `.po` is up to date with the code and the shipped `.mo` is that `.po` compiled."""
    assert PO.read_bytes() == catalogue_tool.po_text("fr", PO.read_bytes())
    assert MO.read_bytes() == catalogue_tool.mo_bytes(PO.read_bytes(), "fr")
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext("registry is valid") == "le registre est valide"
    assert compiled.ngettext("wrote {n} file; open {index}", "wrote {n} files; open {index}", 2)
    assert "fichiers" in compiled.ngettext(
        "wrote {n} file; open {index}", "wrote {n} files; open {index}", 2
    )


def test_the_language_is_one_value_for_the_process() -> None:
    set_language("fr")
    assert _("nothing was written") == "rien n’a été écrit"
    set_language("en")
    assert _("nothing was written") == "nothing was written"


# --- the command line, in-process


@pytest.fixture
def french_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The command line built anew in a French environment (typer takes the help when the
    commands are declared), then the English one put back."""
    saved = {
        name: module
        for name, module in sys.modules.items()
        if name.startswith("commons_contracts.cli")
    }
    for name in saved:
        del sys.modules[name]
    monkeypatch.setenv("LANGUAGE", "fr")
    try:
        yield importlib.import_module("commons_contracts.cli").app
    finally:
        for name in [n for n in sys.modules if n.startswith("commons_contracts.cli")]:
            del sys.modules[name]
        sys.modules.update(saved)


def test_help_in_french(french_app: object, runner: CliRunner) -> None:
    result = runner.invoke(french_app, ["validate", "--help"])  # type: ignore[arg-type]
    assert result.exit_code == 0
    assert "Vérifier chaque fiche selon son schéma" in result.stdout
    assert "Relire chaque fichier, sans le cache du registre" in result.stdout


def test_a_diagnostic_in_french_with_the_same_code_and_place(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = _case("end-before-start", tmp_path)
    english = runner.invoke(app, ["validate", "-r", str(root)], env=ENGLISH)
    french = runner.invoke(app, ["validate", "-r", str(root)], env=FRENCH)
    assert english.exit_code == french.exit_code == 1
    where = "contracts/reciprocite-mon-acteur.yaml:8:11: error end-before-start: "
    assert f"{where}the contract ends (2025-12-31) before it takes effect (2026-01-01)" in (
        english.stdout
    )
    assert f"{where}le contrat prend fin (2025-12-31) avant de prendre effet (2026-01-01)" in (
        french.stdout
    )
    assert "le registre a des erreurs\u00a0: 2 erreur(s), 1 avertissement(s)" in french.stderr
    found = json.loads(
        runner.invoke(app, ["validate", "-r", str(root), "-f", "json"], env=FRENCH).stdout
    )
    wanted = next(d for d in found if d["code"] == "end-before-start")
    assert wanted["message"].startswith("le contrat prend fin")
    assert (wanted["line"], wanted["column"], wanted["severity"]) == (8, 11, "error")
    assert wanted["json_path"] == "$.end_date"


def test_status_verify_and_tables_in_french(runner: CliRunner) -> None:
    status = runner.invoke(
        app, ["status", "-r", str(EXAMPLES), "--as-of", "2026-12-01"], env=FRENCH
    )
    assert "hebergement-movilab\u00a0: en vigueur (3/3 signé(s)), prend fin le 2028-12-31" in (
        status.stdout
    )
    statuses = runner.invoke(
        app, ["status", "-r", str(EXAMPLES), "--as-of", "2026-12-01", "-f", "json"], env=FRENCH
    )
    assert {s["status"] for s in json.loads(statuses.stdout)} <= {
        "draft",
        "partially-signed",
        "signed",
        "in-force",
        "expired",
        "terminated",
    }
    verify = runner.invoke(app, ["verify", "-r", str(EXAMPLES)], env=FRENCH)
    assert "\u00a0: ok" in verify.stdout
    balance = runner.invoke(
        app, ["balance", "-r", str(EXAMPLES), "--as-of", "2026-11-28"], env=FRENCH
    )
    assert "Solde\u00a0:" in balance.stdout
    english = runner.invoke(
        app, ["balance", "-r", str(EXAMPLES), "--as-of", "2026-11-28"], env=ENGLISH
    )
    assert "Balance: " in english.stdout and "Solde" not in english.stdout


def test_a_usage_error_in_french(runner: CliRunner) -> None:
    result = runner.invoke(app, ["status", "-r", str(EXAMPLES), "--as-of", "demain"], env=FRENCH)
    assert result.exit_code == 2
    assert "erreur\u00a0: --as-of 'demain' n’est pas une date écrite AAAA-MM-JJ" in result.stderr


def test_a_refusal_of_the_ground_floor_in_french(tmp_path: Path) -> None:
    """`core/store` cannot import the catalogue, yet its refusal of a file that exists is in
    the command line's language: the hook of core/text carries it."""
    from commons_contracts.core.store import write_atomic  # noqa: PLC0415
    from commons_contracts.errors import RefusedError  # noqa: PLC0415

    target = tmp_path / "fiche.yaml"
    target.write_text("kind: party\n", encoding="utf-8")
    set_language("fr")
    with pytest.raises(RefusedError, match="existe déjà\u00a0: il n’est jamais écrasé"):
        write_atomic(target, b"kind: x\n", overwrite=False)
    set_language("en")
    with pytest.raises(RefusedError, match="already exists: it is never overwritten"):
        write_atomic(target, b"kind: x\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "kind: party\n"


def test_the_workspace_decides_when_the_locale_does_not(runner: CliRunner) -> None:
    """`LANG=C` decides nothing: the example registry's workspace says `language: fr`."""
    result = runner.invoke(
        app,
        ["status", "-r", str(EXAMPLES), "--as-of", "2026-12-01"],
        env={**NO_LOCALE, "LANG": "C"},
    )
    assert "en vigueur" in result.stdout


@pytest.mark.parametrize("where", ["inside", "outside"])
def test_a_registry_named_from_outside_speaks_its_workspace_s_language(
    starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A workspace in English, a locale that decides nothing: `status -r DIR` answers in
    English whether it is typed inside the registry or from another folder (the command's
    `--registry` names the workspace, not the current folder)."""
    workspace = starter / "commons-contracts.yaml"
    text = workspace.read_text(encoding="utf-8")
    workspace.write_text(text.replace("language: fr ", "language: en ", 1), encoding="utf-8")
    assert workspace_language(starter) == "en"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(starter if where == "inside" else elsewhere)
    english = CliRunner().invoke(
        app, ["status", "-r", str(starter), "--as-of", "2026-12-01"], env=ENGLISH
    )
    french = CliRunner().invoke(
        app, ["status", "-r", str(starter), "--as-of", "2026-12-01"], env=FRENCH
    )
    assert english.stdout != french.stdout
    plain = CliRunner().invoke(
        app, ["status", "-r", str(starter), "--as-of", "2026-12-01"], env={**NO_LOCALE, "LANG": "C"}
    )
    assert plain.exit_code == 0, plain.stderr
    assert plain.stdout == english.stdout, plain.stdout


# --- as a user types it


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "Vérifier chaque fiche"),
        ({"LANG": "en_US.UTF-8"}, "Check every record"),
        ({"LANG": "C"}, "Vérifier chaque fiche"),  # outside a registry: French
    ],
)
def test_help_as_typed(tmp_path: Path, environment: dict[str, str], expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in NO_LOCALE}
    result = subprocess.run(
        [sys.executable, "-m", "commons_contracts", "validate", "--help"],
        env={**env, **environment},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
