"""The command line as a user types it: exit codes, output formats, init and schema."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, REPOSITORY
from typer.models import CommandInfo
from typer.testing import CliRunner

from commons_contracts import __version__
from commons_contracts.cli import app
from commons_contracts.registry.schemas import KINDS
from commons_contracts.validation.validate import validate_registry


def test_validate_example_registry_exits_0(runner: CliRunner) -> None:
    """The example registry is valid: its one warning on standard output (the amendment that
    only the host has signed yet, on purpose), a summary on standard error."""
    result = runner.invoke(app, ["validate", "-r", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    (warning,) = result.stdout.splitlines()
    assert warning.startswith("amendments/reciprocite-alice-movilab-avenant-1.yaml:")
    assert "warning amendment-not-signed" in warning and "not signed yet by actor:" in warning
    assert "registry is valid: 0 error(s), 1 warning(s)" in result.stderr


def test_validate_finds_the_registry_upward_from_the_current_folder(
    runner: CliRunner, example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --registry, the nearest commons-contracts.yaml above the current folder is used."""
    monkeypatch.chdir(example_copy / "declarations" / "2026")
    (example_copy / "parties" / "alice-conseil.yaml").write_text("kind: party\nid: Alice\n")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "\nparties/alice-conseil.yaml:2:5: error invalid-id: 'Alice' " in result.stdout


def test_validate_outside_a_registry_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No registry here or above: exit 2 with a message that says what to do."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "commons-contracts init" in result.stderr


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    """A mistyped option exits 2, as every usage error does."""
    result = runner.invoke(app, ["validate", "--frmat", "json"])
    assert result.exit_code == 2


def test_validate_json_is_one_document_equal_to_the_library_result(
    runner: CliRunner, starter: Path
) -> None:
    """`--format json` prints exactly the library's diagnostics, with the documented keys."""
    (starter / "parties" / "bad.yaml").write_text(
        "kind: party\nid: bad\ntype: person\nname: X\nvat_regime: franchise\n"
        'address: {street: a, postcode: "1000", city: b}\nsiret: "00000010900075"\nnom: X\n'
    )
    result = runner.invoke(app, ["validate", "-r", str(starter), "--format", "json"])
    assert result.exit_code == 1
    printed = json.loads(result.stdout)
    expected = [d.as_json() for d in validate_registry(starter).diagnostics]
    assert printed == expected
    assert [(p["line"], p["code"]) for p in printed] == [(7, "invalid-siret"), (8, "unknown-key")]
    assert set(printed[0]) == {"path", "line", "column", "severity", "code", "message", "json_path"}


def test_warnings_alone_exit_0(runner: CliRunner, starter: Path) -> None:
    """A registry with only warnings is valid."""
    (starter / "signatures" / "reciprocite-mon-acteur-host.yaml").unlink()
    result = runner.invoke(app, ["validate", "-r", str(starter)])
    assert result.exit_code == 0
    assert " warning contract-not-signed: " in result.stdout


def test_init_then_validate(runner: CliRunner, tmp_path: Path) -> None:
    """`init DIR` writes one record of every kind, annotated, that validates."""
    target = tmp_path / "new"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    kinds = {
        line.split(":", 1)[1].split("#")[0].strip()
        for path in target.rglob("*.yaml")
        for line in path.read_text().splitlines()
        if line.startswith("kind:")
    }
    # The starter's host issues no tax receipts (`tax_receipts: {eligible: false}`), so a
    # receipt would not validate there: the example registry holds one.
    assert kinds == set(KINDS) - {"receipt"}
    contract = (target / "contracts" / "reciprocite-mon-acteur.yaml").read_text()
    assert "# " in contract  # annotated
    assert runner.invoke(app, ["validate", "-r", str(target)]).exit_code == 0


def test_init_empty_starts_a_git_repository_with_its_gitignore(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`init --empty DIR`: the workspace file only (it validates, with nothing to say), a
    .gitignore that keeps rendered documents out of git, and a new git repository; inside a
    repository already, `init` makes none."""
    target = tmp_path / "registre"
    result = runner.invoke(app, ["init", "--empty", str(target)])
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert [f for f in files if not f.startswith(".git/")] == [
        ".gitignore",
        "commons-contracts.yaml",
    ]
    assert "out/" in (target / ".gitignore").read_text("utf-8").splitlines()
    if shutil.which("git") is not None:
        assert "it is a new git repository" in result.stderr
        ignored = subprocess.run(
            ["git", "-C", str(target), "check-ignore", "out/contrat.fr.docx"],
            capture_output=True,
            check=False,
        )
        assert ignored.returncode == 0
    validated = runner.invoke(app, ["validate", "-r", str(target)])
    assert validated.exit_code == 0
    assert "0 error(s), 0 warning(s)" in validated.stderr
    inner = target / "autre"
    result = runner.invoke(app, ["init", str(inner)])
    assert result.exit_code == 0, result.output
    assert not (inner / ".git").exists()
    assert "new git repository" not in result.stderr
    assert "replace them by your own, or start with commons-contracts init --empty" in (
        result.stderr
    )


def test_validate_tells_how_to_remove_the_samples_and_removal_keeps_what_is_yours(
    runner: CliRunner, tmp_path: Path
) -> None:
    """On a registry still holding init's samples, `validate` says how to remove them;
    `remove-samples` deletes exactly the unchanged samples: a sample the user edited stays, the
    workspace stays, the registry still validates, and `validate` stops saying it."""
    target = tmp_path / "registre"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    starter = {p.relative_to(target).as_posix() for p in target.rglob("*.yaml")}
    validated = runner.invoke(app, ["validate", "-r", str(target)])
    assert validated.exit_code == 0
    assert "of the sample records of init are still here" in validated.stderr
    assert f"commons-contracts remove-samples -r {target}" in validated.stderr
    commons = target / "commons" / "mon-commun.yaml"
    commons.write_text(commons.read_text("utf-8").replace("Mon commun", "Notre guide"), "utf-8")

    removed = runner.invoke(app, ["remove-samples", "-r", str(target)])
    assert removed.exit_code == 0, removed.output
    left = {p.relative_to(target).as_posix() for p in target.rglob("*.yaml")}
    assert left == {"commons-contracts.yaml", "commons/mon-commun.yaml"}
    assert sorted(Path(line).relative_to(target).as_posix() for line in removed.stdout.split()) == (
        sorted(starter - left)
    )
    assert "Notre guide" in commons.read_text("utf-8")
    again = runner.invoke(app, ["validate", "-r", str(target)])
    assert again.exit_code == 0
    assert "sample records" not in again.stderr
    twice = runner.invoke(app, ["remove-samples", "-r", str(target)])
    assert twice.exit_code == 0
    assert "no sample record of init is left in" in twice.stderr
    assert "registry is valid" not in twice.stderr  # it says nothing of what it did not check


def test_remove_samples_never_deletes_through_a_link_and_knows_earlier_releases(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`parties/` made a link to a folder outside: the two sample parties there are not
    deleted (they are not the registry's files). The samples of an earlier release (the
    starter of commit 040a6c0, before its identifiers changed) are recognised as samples, from
    the history that tools/sample_history.py writes; and that history holds today's samples."""
    from commons_contracts.registry.scaffold import (  # noqa: PLC0415
        _sample_history,
        starter_files,
        unchanged_samples,
    )

    history = _sample_history()
    for relative, content in starter_files().items():
        if relative.endswith(".yaml") and relative != "commons-contracts.yaml":
            digest = hashlib.sha256(content).hexdigest()
            assert (
                digest
                in json.loads(
                    (REPOSITORY / "src/commons_contracts/registry/sample_history.json").read_text()
                )[relative]
            ), f"run tools/sample_history.py: {relative}"
            assert digest in history[relative]
    target = tmp_path / "registre"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    (target / "parties").rename(elsewhere)
    (target / "parties").symlink_to(elsewhere, target_is_directory=True)
    assert not any(name.startswith("parties/") for name in unchanged_samples(target))
    runner.invoke(app, ["remove-samples", "-r", str(target)])
    assert sorted(p.name for p in elsewhere.iterdir()) == ["mon-acteur.yaml", "mon-hebergeur.yaml"]

    old = "040a6c0"
    shown = subprocess.run(
        ["git", "-C", str(REPOSITORY), "show", f"{old}:src/commons_contracts/registry/starter/"
         "parties/mon-acteur.yaml"],
        capture_output=True, check=False,
    )  # fmt: skip
    if shown.returncode != 0:
        pytest.skip(f"the repository's history (commit {old}) is not in this clone")
    earlier = tmp_path / "earlier"
    assert runner.invoke(app, ["init", str(earlier)]).exit_code == 0
    (earlier / "parties" / "mon-acteur.yaml").write_bytes(shown.stdout)
    assert "552081317" in shown.stdout.decode()  # the identifier that release had
    assert "parties/mon-acteur.yaml" in unchanged_samples(earlier)


def test_remove_samples_refuses_when_a_record_of_yours_needs_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A declaration of the user's on the sample contract: removing the samples would leave it
    pointing at nothing, so nothing is removed and the error says where."""
    target = tmp_path / "registre"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    declared = runner.invoke(
        app,
        [
            "declare", "-r", str(target), "--contract", "reciprocite-mon-acteur",
            "--date", "2026-05-04", "--client", "Ville de Lille", "--amount", "1000",
            "--description", "Atelier",
        ],
    )  # fmt: skip
    assert declared.exit_code == 0, declared.output
    before = sorted(p.read_bytes() for p in target.rglob("*.yaml"))
    refused = runner.invoke(app, ["remove-samples", "-r", str(target)])
    assert refused.exit_code == 1
    assert "no sample was removed" in refused.stderr
    assert "declarations/2026/2026-05-04-" in refused.stdout
    assert sorted(p.read_bytes() for p in target.rglob("*.yaml")) == before


def test_init_refuses_a_folder_that_is_not_empty(runner: CliRunner, tmp_path: Path) -> None:
    """Nothing is overwritten: a non-empty target is refused with exit 1."""
    (tmp_path / "keep.txt").write_text("mine")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "not an empty folder" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_schema_out_writes_self_contained_schemas(runner: CliRunner, tmp_path: Path) -> None:
    """`schema --out` writes every kind's schema and the record dispatcher, without file $refs."""
    result = runner.invoke(app, ["schema", "--out", str(tmp_path / "schemas")])
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert "record.schema.json" in names
    assert "declaration.schema.json" in names
    declaration = (tmp_path / "schemas" / "declaration.schema.json").read_text()
    assert "common.schema.json#" not in declaration
    assert json.loads(declaration)["$defs"]["money"]["format"] == "money"


def test_every_command_and_group_is_made_as_declared() -> None:
    """The application makes a command when it is first used: each one declared can be made
    (a mistake in one's options shows here, not only when a user runs it), under its name."""
    made = {name: app.make(name) for name in app.declared}
    assert all(command.name == name for name, command in made.items())
    leaves = [
        sub
        for command in made.values()
        for sub in (getattr(command, "commands", {}).values() or [command])
    ]
    sources = (Path(__file__).parents[1] / "src" / "commons_contracts" / "cli").glob("*.py")
    declarations = re.findall(r"^@\w+\.command\(", "".join(p.read_text() for p in sources), re.M)
    assert len(leaves) == len(declarations)


def test_every_command_is_documented_in_the_readme() -> None:
    """Each command of the app appears in the README as `commons-contracts NAME`."""
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    names = [name for name, declared in app.declared.items() if isinstance(declared, CommandInfo)]
    missing = [n for n in names if f"commons-contracts {n}" not in readme]
    assert missing == []


@pytest.mark.slow
def test_console_script_end_to_end(tmp_path: Path) -> None:
    """The installed console script, run in a subprocess as a user types it."""
    script = shutil.which("commons-contracts", path=str(Path(sys.executable).parent))
    assert script is not None
    target = tmp_path / "reg"
    env = {**os.environ, "COLUMNS": "200"}
    subprocess.run([script, "init", str(target)], check=True, env=env, capture_output=True)
    (target / "payments" / "2026" / "bad.yaml").write_text(
        "kind: payment\nid: bad\ncontract: reciprocite-mon-acteur\ndate: 2026-02-30\namount: 1\n"
    )
    completed = subprocess.run(
        [script, "validate"],
        cwd=target / "payments",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout == (
        "payments/2026/bad.yaml:4:7: error invalid-date: '2026-02-30' is not a real date "
        "written YYYY-MM-DD (years 1900 to 2199) ($.date)\n"
    )
    assert "Traceback" not in completed.stderr


def test_unwritable_outputs_are_clear_errors(runner: CliRunner, tmp_path: Path) -> None:
    """An output path blocked by a file is a message and exit 1, never a traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for args in (
        ["render", "reciprocite-alice-movilab", "-r", str(EXAMPLES), "-o", str(blocker)],
        ["schema", "--out", str(blocker)],
        ["init", str(blocker / "sub")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, args
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert str(blocker) in result.stderr


def test_as_of_takes_only_iso_dates(runner: CliRunner) -> None:
    """`--as-of 20261128` is refused like `--date 20261128`, with the expected form."""
    result = runner.invoke(app, ["balance", "-r", str(EXAMPLES), "--as-of", "20261128"])
    assert result.exit_code == 2
    assert "is not a date written YYYY-MM-DD" in result.stderr


def test_a_filter_misused_in_a_custom_template_is_a_template_error(
    runner: CliRunner, example_copy: Path
) -> None:
    """`{{ contract.notice_days|money }}` in an override names the template, no traceback."""
    from docx import Document  # noqa: PLC0415

    document = Document(str(EXAMPLES.parent / "templates" / "hosting-fr.docx"))
    document.add_paragraph("{{ contract.notice_days|money }}")
    (example_copy / "templates").mkdir()
    document.save(str(example_copy / "templates" / "hosting-fr.docx"))
    result = runner.invoke(
        app,
        ["render", "hebergement-movilab", "-r", str(example_copy), "-o", str(example_copy / "o")],
    )
    assert result.exit_code == 1
    assert (
        "templates/hosting-fr.docx: cannot render contract 'hebergement-movilab'" in result.stderr
    )


HEAVY_LIBRARIES = ("docxtpl", "docx", "pypdf", "jinja2", "jsonschema", "num2words")
IMPORTED_BY = """
import os, sys
sys.argv = ["commons-contracts", *sys.argv[1:]]
from commons_contracts.__main__ import main
leave = os._exit
def modules_then_leave(status):  # the command line leaves with os._exit once it is over
    print(" ".join(sorted(sys.modules)), file=sys.stderr, flush=True)
    leave(0)  # whatever the command's status (`-r examples --help` is a usage error)
os._exit = modules_then_leave
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["validate", "--help"], ["validate", "-r", "examples"]],
    ids=["help", "version", "validate-help", "validate"],
)
def test_start_up_imports_no_document_library(args: list[str], tmp_path: Path) -> None:
    """`--help`, `--version` and validating a valid registry, as a user runs them (a new
    interpreter): docxtpl, python-docx, pypdf, Jinja and num2words (amounts in words, for
    documents) are never imported, nor jsonschema
    but to explain a record that fails its schema (and, today, to check the terms of an
    amendment, which the example registry has: validating it imports jsonschema the first
    time, and not once the cache knows the registry: the cache is on here, whatever the
    suite's own setting)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("COMMONS_CONTRACTS_NO_CACHE", None)
    for run in range(2 if args[0] == "validate" else 1):
        imported = {name.split(".")[0] for name in _modules_imported(args, env)}
        assert "commons_contracts" in imported
        allowed = {"jsonschema"} if args[1:2] == ["-r"] and run == 0 else set()
        assert imported & set(HEAVY_LIBRARIES) <= allowed


def _modules_imported(args: list[str], env: dict[str, str]) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-c", IMPORTED_BY, *args],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        check=True,
        timeout=60,
        env=env,
    )
    return set(completed.stderr.splitlines()[-1].split())


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["-r", "examples", "--help"]],
    ids=["help", "version", "registry-help"],
)
@pytest.mark.parametrize("locale", ["en", None], ids=["language-set", "language-from-workspace"])
def test_help_and_version_import_neither_the_yaml_reader_nor_rich(
    args: list[str], locale: str | None
) -> None:
    """What the start of every command costs: no YAML, no rich, no record model; also when no
    variable decides the language and the workspace is looked for (a `C` locale)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update({"LANGUAGE": locale} if locale else {"LANG": "C.UTF-8"})
    imported = _modules_imported(args, env)
    if args == ["--version"]:
        assert "typer" not in imported  # answered before the command line is imported
    else:
        assert "commons_contracts.cli" in imported
    assert {"yaml", "rich", "commons_contracts.registry.model"}.isdisjoint(imported)


def test_validate_of_an_unchanged_registry_imports_no_rule(tmp_path: Path) -> None:
    """`validate` on a registry whose result the cache knows: neither the rules, nor the typed
    model, nor what they compute (the ledger, the funds, the books) are imported; the first run
    imports them."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("COMMONS_CONTRACTS_NO_CACHE", None)
    rules = {
        "commons_contracts.registry.rules",
        "commons_contracts.registry.model",
        "commons_contracts.ledger.reversal",
        "commons_contracts.funds.fund",
        "commons_contracts.books.invoicing",
    }
    first = _modules_imported(["validate", "-r", "examples"], env)
    assert rules <= first
    again = _modules_imported(["validate", "-r", "examples"], env)
    assert "commons_contracts.registry.cache" in again
    assert rules.isdisjoint(again)


def test_sign_without_a_copy_imports_no_document_library(example_copy: Path) -> None:
    """`sign` with no signed copy to read records the signature without importing pypdf,
    lxml or docxtpl (pypdf alone takes a tenth of a second to import)."""
    before = set((example_copy / "signatures").iterdir())
    imported = _modules_imported(
        [
            "sign",
            "hebergement-boussole",
            "--signatory",
            "community",
            "--date",
            "2026-01-05",
            "--method",
            "handwritten",
            "-r",
            str(example_copy),
        ],
        {**os.environ, "COLUMNS": "200"},
    )
    written = set((example_copy / "signatures").iterdir()) - before
    assert [path.name for path in written] == ["hebergement-boussole-community.yaml"]
    assert {"pypdf", "lxml.etree", "docxtpl"}.isdisjoint(imported)


def test_version_needs_no_command() -> None:
    """`commons-contracts --version`, as typed, prints the version and exits 0; it is the
    version the installed package's metadata holds (the build reads it from the package)."""
    from importlib.metadata import version  # noqa: PLC0415

    assert version("commons-contracts") == __version__
    script = shutil.which("commons-contracts", path=str(Path(sys.executable).parent))
    assert script is not None
    for typed in ([script, "--version"], [sys.executable, "-m", "commons_contracts", "--version"]):
        completed = subprocess.run(typed, capture_output=True, text=True, check=False)
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout == f"commons-contracts {__version__}\n"


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["status", "-r", str(EXAMPLES)],
        ["validate", "-r", str(EXAMPLES), "--format", "json"],
    ],
    ids=["version", "help", "status", "validate-json"],
)
@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_output_to_a_reader_that_has_gone_ends_quietly(args: list[str], unbuffered: bool) -> None:
    """`commons-contracts status | head -2`: when the output's reader has gone, the command
    leaves with 1 and nothing on standard error (no traceback, no "Broken pipe"), as typer's
    own commands do, whether the output is buffered or not (`PYTHONUNBUFFERED`)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    reader, writer = os.pipe()
    os.close(reader)  # gone before the first line
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "commons_contracts", *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert (completed.returncode, completed.stderr) == (1, b"")


def test_the_process_leaves_with_its_output_whole(tmp_path: Path) -> None:
    """The command line leaves without the interpreter's cleanup (`__main__._leave`): what a
    command printed reaches a file (where output waits in a buffer until flushed) as it
    reaches a pipe, and the exit status is the command's (0; 1 for a registry with errors; 2
    for a usage error)."""
    bad = tmp_path / "bad"
    shutil.copytree(EXAMPLES, bad)
    (bad / "payments" / "2026" / "bad.yaml").write_text(
        "kind: payment\nid: bad\ncontract: x\ndate: 2026-02-30\namount: 1\n", encoding="utf-8"
    )
    written = {}
    for name, args, status in (
        ("status", ["status", "-r", str(EXAMPLES)], 0),
        ("validate", ["validate", "-r", str(bad), "--format", "json"], 1),
        ("usage", ["no-such-command"], 2),
    ):
        command = [sys.executable, "-m", "commons_contracts", *args]
        piped = subprocess.run(command, capture_output=True, text=True, check=False)
        output = tmp_path / f"{name}.txt"
        with output.open("wb") as handle:
            to_file = subprocess.run(command, stdout=handle, stderr=subprocess.PIPE, check=False)
        assert (piped.returncode, to_file.returncode) == (status, status), args
        assert "Traceback" not in piped.stderr
        written[name] = output.read_text(encoding="utf-8")
        assert written[name] == piped.stdout, args
    assert "hebergement-boussole" in written["status"]
    codes = [diagnostic["code"] for diagnostic in json.loads(written["validate"])]
    assert "invalid-date" in codes
    assert written["usage"] == ""


def test_a_thread_still_running_leaves_the_usual_way() -> None:
    """With a thread still running, `_leave` does not cut it short: it leaves as SystemExit
    does, which waits for the thread (here, in the test's own process, it only raises)."""
    import threading  # noqa: PLC0415

    from commons_contracts.__main__ import _leave  # noqa: PLC0415

    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        with pytest.raises(SystemExit) as leaving:
            _leave(3)
        assert leaving.value.code == 3
    finally:
        release.set()
        waiting.join()


def test_template_show_and_check_are_commands(runner: CliRunner, example_copy: Path) -> None:
    """`template show` prints a built-in template's twin, by name or path (what the git
    textconv driver runs); `template check` is silent on a good template and names a typo."""
    from docx import Document  # noqa: PLC0415

    twin = (EXAMPLES.parent / "templates" / "reciprocity-fr.txt").read_text(encoding="utf-8")
    shown = runner.invoke(app, ["template", "show", "reciprocity-fr", "-r", str(example_copy)])
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout == twin
    path = EXAMPLES.parent / "templates" / "statement-en.docx"
    by_path = runner.invoke(app, ["template", "show", str(path)])
    assert by_path.exit_code == 0
    assert by_path.stdout.startswith("# {% if contract.qualification == 'royalty' %}ROYALTY")
    assert runner.invoke(app, ["template", "check", str(path)]).stdout == ""
    document = Document(str(EXAMPLES.parent / "templates" / "hosting-fr.docx"))
    document.add_paragraph("{{ hots.name }}, article {{ ref('nowhere') }}")
    (example_copy / "templates").mkdir()
    custom = example_copy / "templates" / "hosting-fr.docx"
    document.save(str(custom))
    checked = runner.invoke(app, ["template", "check", str(custom)])
    assert checked.exit_code == 1
    assert "unknown variable 'hots' (did you mean 'host'?)" in checked.stdout
    assert "nowhere" in checked.stdout
