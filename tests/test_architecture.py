"""The package's house: folders in floors that show the pipeline (README, "Development"), each
using only the folders below it, and within a folder each module using only those of lower
floors in it; heavy or optional libraries stay behind one module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "commons_contracts"

# Folders, from the ground up. A module may import any module of a lower folder.
FOLDERS = {
    "errors": -1,  # below everything: any module may raise the package's errors
    "core": 0,
    "i18n": 1,
    "registry": 2,
    "ledger": 3,
    "funds": 4,
    "books": 4.5,
    "validation": 5,
    "documents": 6,
    "signatures": 7,
    "report": 8,
    "output": 9,
    "cli": 10,
    "__main__": 11,
    "__init__": -1,
}

# Within a folder, the floor of each module: it may import the modules of lower floors only.
MODULES = {
    "core": {
        "diagnostics": 0,
        "money": 0,
        "dates": 0,
        "text": 0,
        "terms": 0,
        "paths": 0,
        "processes": 0,
        "store": 1,
        "csvfile": 0,
        "publish": 2,
        "pooling": 1,
    },
    "i18n": {"languages": 0, "translation": 1, "catalog": 1, "wording": 2},
    "registry": {
        "root": 0,
        "yaml_walk": 0,
        "records": 0,
        "schemas": 0,
        "files": 1,
        "explain": 1,
        "model": 1,
        "scaffold": 1,
        "versions": 2,
        "samples": 2,
        "rules": 3,
        "life_rules": 3,
        "everyday": 3,
        "yields": 2,
        "scan": 1,
        "cache": 3,
    },
    "ledger": {"reversal": 0, "balances": 1, "allocation": 1, "checks": 2},
    "funds": {
        "ballots": 0,
        "approvals": 0,
        "campaigns": 0,
        "fund": 1,
        "debt": 1,
        "votes": 1,
        "rules": 2,
        "annual": 2,
    },
    "books": {
        "formats": 0,
        "chart": 0,
        "facturx": 0,
        "invoicing": 1,
        "journal": 1,
        "movements": 2,
        "exports": 3,
    },
    "validation": {"validate": 0, "entries": 1, "spreadsheets": 2, "questions": 2},
    "documents": {
        "templates": 0,
        "provenance": 0,
        "docx": 0,
        "numbering": 0,
        "localized": 0,
        "layout": 0,
        "fingerprint": 1,
        "engine": 1,
        "pdf": 1,
        "context": 2,
        "annual": 2,
        "amendment": 3,
        "inspect": 4,
        "render": 5,
        "issuing": 6,
    },
    "signatures": {"pades": 0, "lifecycle": 0, "signing": 1},
    "report": {"privacy": 0, "figures": 1, "cofinancing": 1, "exports": 2, "site": 3},
    "output": {"tables": 0},
    "cli": {
        "language": -1,
        "app": 0,
        "validation": 1,
        "ledger": 1,
        "funds": 1,
        "documents": 1,
        "signatures": 1,
        "amendments": 1,
        "new": 1,
        "report": 1,
        "books": 1,
        "__init__": 2,
    },
}

# Libraries that only one module may import.
ONLY_IN = {
    "docxtpl": "documents/engine",
    "pyhanko": "signatures/pades",
    "facturx": "books/facturx",
}

SOURCES = sorted(
    path.relative_to(PACKAGE).with_suffix("").as_posix() for path in PACKAGE.rglob("*.py")
)


def _target(module: str, name: str | None) -> str | None:
    """The package module (`folder/module`, or a top-level one) an import names."""
    parts = module.split(".")[1:]
    if name is not None and (PACKAGE.joinpath(*parts, f"{name}.py")).is_file():
        parts.append(name)
    if not parts:
        if name is None:
            return None
        # `from commons_contracts import x`: a folder, a top-level module, or a name of the
        # package's own `__init__` (its version).
        is_module = PACKAGE.joinpath(name).is_dir() or PACKAGE.joinpath(f"{name}.py").is_file()
        return name if is_module else "__init__"
    return "/".join(parts[:2])


def _imports(source: str) -> tuple[set[str], set[str]]:
    """(package modules, outside top-level packages) that a module imports."""
    inside: set[str] = set()
    outside: set[str] = set()
    for node in ast.walk(ast.parse((PACKAGE / f"{source}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] == "commons_contracts":
                for alias in node.names:
                    found = _target(node.module, alias.name)
                    if found is not None:
                        inside.add(found)
            else:
                outside.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            outside.update(alias.name.split(".")[0] for alias in node.names)
    return inside, outside


def _floor(module: str) -> tuple[int, int]:
    folder, _, name = module.partition("/")
    return FOLDERS[folder], MODULES.get(folder, {}).get(name or "__init__", 0)


def test_every_module_has_a_place() -> None:
    """A new folder or module is placed on a floor here and in the README."""
    for source in SOURCES:
        folder, _, name = source.partition("/")
        assert folder in FOLDERS, source
        if name and name != "__init__":
            assert name in MODULES[folder], source


@pytest.mark.parametrize("source", SOURCES)
def test_module_uses_only_lower_floors(source: str) -> None:
    """No module imports a folder above its own, nor a module of its folder on its own floor
    or above (so the computation never imports the rendering)."""
    inside, _ = _imports(source)
    folder = source.partition("/")[0]
    mine = _floor(source)
    above = sorted(
        module
        for module in inside
        if module != "__init__"
        and module.partition("/")[0] != "__init__"
        and (
            _floor(module)[0] > mine[0]
            or (module.partition("/")[0] == folder and _floor(module) >= mine and module != source)
        )
    )
    assert above == []


@pytest.mark.parametrize("source", SOURCES)
def test_heavy_libraries_stay_behind_one_module(source: str) -> None:
    """docxtpl is imported by the template engine only, pyHanko by the PAdES check only,
    factur-x by the Factur-X module only."""
    _, outside = _imports(source)
    for library, owner in ONLY_IN.items():
        assert (library in outside) == (source == owner), library
