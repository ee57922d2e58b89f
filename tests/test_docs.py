"""The documentation stays true: the field reference is the schemas', every documented code
exists, every diagnostic code the code can emit is documented, and the README's examples run
as written."""

from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from commons_contracts.core.diagnostics import Code

REPOSITORY = Path(__file__).resolve().parents[1]


def test_field_reference_is_generated_from_the_schemas() -> None:
    """docs/fields.md is exactly what tools/schema_docs.py writes from the current schemas."""
    render = runpy.run_path(str(REPOSITORY / "tools" / "schema_docs.py"))["render"]
    assert (REPOSITORY / "docs" / "fields.md").read_text(encoding="utf-8") == render()


def test_diagnostic_codes_are_documented_from_their_enumeration() -> None:
    """docs/diagnostics.md lists exactly the codes of the enumeration, as
    tools/diagnostics_docs.py writes them."""
    tool = runpy.run_path(str(REPOSITORY / "tools" / "diagnostics_docs.py"))
    page = (REPOSITORY / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert page == tool["render"](page)


def test_every_diagnostic_code_is_emitted_somewhere() -> None:
    """No code is documented that the package cannot emit: each member is used in the source."""
    source = "".join(
        path.read_text(encoding="utf-8")
        for path in (REPOSITORY / "src" / "commons_contracts").rglob("*.py")
        if path.name != "diagnostics.py"
    )
    # `\bCode\.NAME\b` is found where NAME is the whole run of word characters after a
    # `Code.`: one pass gathers them all (a search of the source for each code took seconds).
    named = set(re.findall(r"\bCode\.(\w+)", source))
    unused = [code.name for code in Code if code.name not in named]
    assert unused == []


def test_records_are_generated_from_the_schemas() -> None:
    """src/commons_contracts/registry/records.py is exactly what tools/generate_records.py
    writes from the schemas: each field is declared once, in its schema."""
    tool = runpy.run_path(str(REPOSITORY / "tools" / "generate_records.py"))
    records = REPOSITORY / "src" / "commons_contracts" / "registry" / "records.py"
    assert records.read_text(encoding="utf-8") == tool["formatted"]()


def test_template_context_reference_is_generated_from_the_code() -> None:
    """docs/templates.md documents the template context as tools/context_docs.py writes it."""
    tool = runpy.run_path(str(REPOSITORY / "tools" / "context_docs.py"))
    page = (REPOSITORY / "docs" / "templates.md").read_text(encoding="utf-8")
    assert page == tool["render"](page)


def _readme_examples() -> list[tuple[str, str]]:
    """The shell examples of the README's workflows (the set-up's own are run by CI), with the
    reason of those marked `readme-run: skip`, which a user cannot run as written."""
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    workflows = readme.split("\n## Workflows\n", 1)[1]
    found = []
    for match in re.finditer(
        r"(<!-- readme-run: skip \(([^)]*)\) -->\n)?```sh\n(.*?)```", workflows, re.S
    ):
        found.append((match.group(3), match.group(2) or ""))
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    "block", [b for b, skip in _readme_examples() if not skip], ids=lambda b: b.split()[1]
)
def test_every_readme_example_runs_as_written(block: str, tmp_path: Path) -> None:
    """Each example of the README's workflows, typed in a shell on a fresh copy of the example
    registry as the README says (in `examples/`, or from above it when it names `-r examples`
    or goes there itself), exits 0 without a traceback."""
    shutil.copytree(REPOSITORY / "examples", tmp_path / "examples")
    if "pipx install" in block:
        return  # installing for the user's account is not done in a test
    above = "-r examples" in block or "cd examples" in block
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("COMMONS_CONTRACTS_NO_CACHE", None)
    completed = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", block],
        cwd=tmp_path if above else tmp_path / "examples",
        env={**env, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr


def test_the_readme_skips_only_what_it_says_why() -> None:
    """Every example of the workflows runs in the test above but those the README marks, each
    with its reason."""
    skipped = [reason for _, reason in _readme_examples() if reason]
    assert len(skipped) == 2 and all(skipped)
