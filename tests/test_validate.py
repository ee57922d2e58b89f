"""Validation of whole registries: the bundled example and the starter made by `init`.

The rules across records are tested by the case catalogue (tests/cases, run by
tests/test_cases.py): each case is a folder of records with its golden diagnostics.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES

from commons_contracts.validation.validate import validate_registry


def test_example_registry_is_valid_with_its_one_warning() -> None:
    """The bundled example registry validates with no error, and no warning but the one it
    shows on purpose (an amendment that only the host has signed yet); every record becomes
    an object."""
    result = validate_registry(EXAMPLES)
    assert [d.code.value for d in result.diagnostics] == ["amendment-not-signed"]
    registry = result.registry
    assert registry is not None
    assert len(registry.commons) == 3
    assert len(registry.parties) == 5
    assert len(registry.contracts) == 6
    assert len(registry.declarations) == 13
    assert (len(registry.incomes), len(registry.expenses)) == (4, 6)
    assert (len(registry.approvals), len(registry.payouts)) == (12, 5)
    assert registry.workspace.name == "Réseau des tiers-lieux des Hauts-de-France"


def test_starter_registry_is_valid_without_warnings(starter: Path) -> None:
    """`init` gives a registry that validates with no diagnostic at all."""
    assert validate_registry(starter).diagnostics == []
