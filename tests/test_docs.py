"""The documentation stays true: the field reference is the schemas', every documented code
exists, and every diagnostic code the code can emit is documented."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

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
    unused = [code.name for code in Code if not re.search(rf"\bCode\.{code.name}\b", source)]
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
