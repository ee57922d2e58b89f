"""The package's floors: each module uses only modules of the floors below it (README,
"Development"), and only the rendering imports docxtpl."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "commons_contracts"
FLOORS = {
    "errors": -1,  # below everything: any module may raise the package's errors
    "diagnostics": 0,
    "money": 0,
    "terms": 0,
    "store": 0,
    "pades": 0,
    "loader": 1,
    "schemas": 1,
    "wording": 1,
    "model": 2,
    "scaffold": 2,
    "validate": 3,
    "reversal": 3,
    "ledger": 4,
    "entries": 4,
    "render": 5,
    "tables": 5,
    "pdf": 6,
    "signatures": 7,
    "report": 8,
    "cli": 9,
    "__main__": 10,
    "__init__": 0,
}


def _imports(module: Path) -> tuple[set[str], set[str]]:
    """(package modules, outside top-level packages) imported by a module."""
    inside: set[str] = set()
    outside: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "commons_contracts":
                inside.update(alias.name for alias in node.names if alias.name in FLOORS)
            elif node.module.startswith("commons_contracts."):
                inside.add(node.module.split(".")[1])
            else:
                outside.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            outside.update(alias.name.split(".")[0] for alias in node.names)
    return inside, outside


MODULES = sorted(p.stem for p in PACKAGE.glob("*.py"))


def test_every_module_has_a_floor() -> None:
    """A new module must be placed on a floor here and in the README."""
    assert set(MODULES) <= set(FLOORS)


@pytest.mark.parametrize("name", MODULES)
def test_module_uses_only_lower_floors(name: str) -> None:
    """No module imports one of its own floor or above (the computation never imports the
    rendering)."""
    inside, _ = _imports(PACKAGE / f"{name}.py")
    above = sorted(m for m in inside if m != "__init__" and FLOORS[m] >= FLOORS[name])
    assert above == []


@pytest.mark.parametrize("name", MODULES)
def test_only_render_imports_docxtpl(name: str) -> None:
    """docxtpl stays behind one module."""
    _, outside = _imports(PACKAGE / f"{name}.py")
    assert ("docxtpl" in outside) == (name == "render")
