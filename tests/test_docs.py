"""The documentation stays true: the field reference is the schemas', every documented code
exists, and every diagnostic code the code can emit is documented."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def test_field_reference_is_generated_from_the_schemas() -> None:
    """docs/fields.md is exactly what tools/schema_docs.py writes from the current schemas."""
    render = runpy.run_path(str(REPOSITORY / "tools" / "schema_docs.py"))["render"]
    assert (REPOSITORY / "docs" / "fields.md").read_text(encoding="utf-8") == render()


# Hyphenated strings of loader.py and validate.py that are not diagnostic codes.
NOT_CODES = {"hosting-contract", "reciprocity-contract", "date-time", "vat-number", "utf-8"}


def test_every_diagnostic_code_is_documented() -> None:
    """Each code the loader and the validation can emit has a row in docs/diagnostics.md, and
    every code the page documents can be emitted."""
    source = "".join(
        (REPOSITORY / "src" / "commons_contracts" / name).read_text(encoding="utf-8")
        for name in ("loader.py", "validate.py")
    )
    emitted = set(re.findall(r'"([a-z]+(?:-[a-z0-9]+)+)"', source)) - NOT_CODES
    page = (REPOSITORY / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    first_cells = re.findall(r"^\| (`[a-z0-9-]+`(?:, `[a-z0-9-]+`)*) \|", page, re.MULTILINE)
    documented = {code for cell in first_cells for code in re.findall(r"`([a-z0-9-]+)`", cell)}
    assert sorted(emitted - documented) == []
    assert sorted(documented - emitted) == []
