"""The bad-input catalogue: each folder of tests/cases is laid over a starter registry, and
`validate` must report exactly the diagnostics of its expected.txt.

Run with UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change of wording,
then review the diff.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from commons_contracts.registry.scaffold import create_registry
from commons_contracts.validation.validate import validate_registry

CASES = Path(__file__).parent / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def _registry_with(case: Path, root: Path) -> Path:
    create_registry(root)
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expected.txt":
            target = root / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return root


def _check_golden(expected_file: Path, lines: list[str]) -> None:
    text = "".join(f"{line}\n" for line in lines)
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(text, encoding="utf-8")
    assert text == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_reports_exactly_its_expected_diagnostics(name: str, tmp_path: Path) -> None:
    """Each bad input gives its exact located diagnostics and leaves the registry invalid."""
    root = _registry_with(CASES / name, tmp_path / "registry")
    result = validate_registry(root)
    _check_golden(CASES / name / "expected.txt", [d.format_text() for d in result.diagnostics])
    assert not result.ok
    assert result.registry is None


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A 50 MB file is refused at its first line, by size, before any parsing."""
    root = tmp_path / "registry"
    create_registry(root)
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


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_runs_in_bounded_memory_through_the_command_line(name: str, tmp_path: Path) -> None:
    """`commons-contracts validate` exits 1 on each case within 1 GiB of memory, no traceback."""
    root = _registry_with(CASES / name, tmp_path / "registry")
    completed = subprocess.run(
        [sys.executable, "-m", "commons_contracts", "validate", "-r", str(root)],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_cap_memory,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout.splitlines() == (CASES / name / "expected.txt").read_text().splitlines()
