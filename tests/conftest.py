"""Shared fixtures: the example registry, fresh starter registries and the CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_contracts.registry.scaffold import create_registry

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLES = REPOSITORY / "examples"


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner that keeps standard error apart from standard output."""
    return CliRunner()


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """A new registry made by `init`, the base of most tests."""
    root = tmp_path / "registry"
    create_registry(root)
    return root


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example registry, free to modify."""
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    return root
