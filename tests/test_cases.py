"""The case catalogue: each folder of tests/cases is laid over the base registry of
tests/cases/_base, and `validate` must report exactly the diagnostics of its expected.txt.

A case adds files, replaces a base file with its own full copy (same path), and removes base
files listed in its removed.txt; an empty expected.txt is a valid case. tests/cases/README.md
says how to add one. Run with UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate
change of wording, then review the diff.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from commons_contracts.core.diagnostics import Code
from commons_contracts.funds import rules as fund_rules
from commons_contracts.ledger import checks
from commons_contracts.registry import everyday, life_rules, rules
from commons_contracts.registry.files import load_registry
from commons_contracts.validation.validate import validate_registry

CASES = Path(__file__).parent / "cases"
BASE = CASES / "_base"
EXPECTED = "expected.txt"
REMOVED = "removed.txt"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))

# `path:line:column: severity code: message ($.json.path)`, as `validate` prints it.
DIAGNOSTIC_LINE = re.compile(
    r"^(?P<path>[^:]+):\d+:\d+: (?P<severity>error|warning) (?P<code>[a-z-]+): "
)


def _registry_files(case: Path) -> list[Path]:
    """The files a case lays over the base, relative to the case folder."""
    return sorted(
        p.relative_to(case)
        for p in case.rglob("*")
        if p.is_file() and not (p.parent == case and p.name in (EXPECTED, REMOVED))
    )


def _removed(case: Path) -> list[str]:
    """The base files a case removes, one path a line in its removed.txt."""
    listing = case / REMOVED
    if not listing.exists():
        return []
    return [line.strip() for line in listing.read_text("utf-8").splitlines() if line.strip()]


def _registry_with(case: Path, root: Path) -> Path:
    shutil.copytree(BASE, root)
    for relative in _removed(case):
        (root / relative).unlink()
    for relative in _registry_files(case):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case / relative, target)
    return root


def _expected_lines(name: str) -> list[str]:
    return (CASES / name / EXPECTED).read_text("utf-8").splitlines()


def _expects_errors(name: str) -> bool:
    return any(_parsed(line)["severity"] == "error" for line in _expected_lines(name))


def _parsed(line: str) -> dict[str, str]:
    match = DIAGNOSTIC_LINE.match(line)
    assert match, f"not a diagnostic line: {line!r}"
    return match.groupdict()


def _check_golden(expected_file: Path, lines: list[str]) -> None:
    text = "".join(f"{line}\n" for line in lines)
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(text, encoding="utf-8")
    assert text == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_reports_exactly_its_expected_diagnostics(name: str, tmp_path: Path) -> None:
    """Each case gives its exact located diagnostics; with an error the registry is invalid and
    not built, with warnings alone or nothing it is valid and built."""
    root = _registry_with(CASES / name, tmp_path / "registry")
    result = validate_registry(root)
    _check_golden(CASES / name / EXPECTED, [d.format_text() for d in result.diagnostics])
    errors = _expects_errors(name)
    assert result.ok is not errors
    assert (result.registry is None) is errors


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_locates_its_diagnostics_in_its_own_files(name: str) -> None:
    """Every diagnostic of a case is in a file of the case folder, so that its line numbers are
    the case's own; what a case removes exists in the base, and is not also given."""
    case = CASES / name
    given = {relative.as_posix() for relative in _registry_files(case)}
    located = {_parsed(line)["path"] for line in _expected_lines(name)}
    assert located <= given, "copy these base files into the case folder"
    removed = set(_removed(case))
    assert {r for r in removed if not (BASE / r).is_file()} == set()
    assert removed & given == set()


def test_base_registry_is_valid_and_a_valid_case_exists() -> None:
    """The base is valid on its own (case valid-base), and the catalogue holds valid cases."""
    assert _expected_lines("valid-base") == []
    assert not list((CASES / "valid-base").rglob("*.yaml"))
    assert len([name for name in CASE_NAMES if not _expected_lines(name)]) > 1


def test_base_registry_holds_the_data_of_the_starter(starter: Path) -> None:
    """The base is the starter made by `init` without its comments: the same records, so that
    its signatures are genuine signatures of its contracts."""

    def records(root: Path) -> list[tuple[str, dict[str, object]]]:
        return [(r.display_path, r.data) for r in load_registry(root).records]

    assert records(BASE) == records(starter)


def test_every_code_of_the_rules_across_records_has_a_case() -> None:
    """Each diagnostic code that a rule across records emits (the registry's rules, a
    contract's life, everyday checks and the funds' rules) is reported by some case."""
    modules = (rules, life_rules, everyday, checks, fund_rules)
    source = "".join(Path(m.__file__ or "").read_text("utf-8") for m in modules)
    emitted = {Code[name].value for name in re.findall(r"\bCode\.([A-Z_]+)\b", source)}
    reported = {_parsed(line)["code"] for name in CASE_NAMES for line in _expected_lines(name)}
    assert emitted - reported == set()


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A 50 MB file is refused at its first line, by size, before any parsing."""
    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    big = root / "parties" / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"kind: party\nid: big\nname: ")
        handle.truncate(50 * 1024 * 1024)
    result = validate_registry(root)
    assert [d.format_text() for d in result.diagnostics] == [
        "parties/big.yaml:1:1: error file-too-large: file is 52,428,800 bytes, over the limit "
        "of 5,242,880 bytes (5 MiB): split it into several files ($)"
    ]


# The catalogue must never exhaust memory or hang: run each case in a child process whose
# address space is capped, with a timeout far above the few milliseconds each one takes.
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024


def _cap_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


# A new interpreter per case costs about a second, most of it importing the package: the
# exact diagnostics are checked in-process above on every run, and this run through the real
# command line (exit code, no traceback, bounded memory) with the slow tests.
@pytest.mark.slow
@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_runs_in_bounded_memory_through_the_command_line(name: str, tmp_path: Path) -> None:
    """`commons-contracts validate` prints each case's diagnostics within 1 GiB of memory and no
    traceback, and exits 1 on errors, 0 otherwise."""
    root = _registry_with(CASES / name, tmp_path / "registry")
    completed = subprocess.run(
        [sys.executable, "-m", "commons_contracts", "validate", "-r", str(root)],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_cap_memory,
        check=False,
    )
    assert completed.returncode == (1 if _expects_errors(name) else 0), completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout.splitlines() == _expected_lines(name)
