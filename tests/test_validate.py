"""Validation of whole registries: the bundled example and the starter made by `init`.

The rules across records are tested by the case catalogue (tests/cases, run by
tests/test_cases.py): each case is a folder of records with its golden diagnostics.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from tests.conftest import EXAMPLES

from commons_contracts.core.processes import without_cycle_collection
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
    assert (len(registry.approvals), len(registry.payouts)) == (14, 5)
    assert (len(registry.campaigns), len(registry.pledges)) == (1, 2)
    assert len(registry.contributions) == 1
    assert (len(registry.ballots), len(registry.votes)) == (1, 10)
    assert registry.workspace.name == "Réseau des tiers-lieux des Hauts-de-France"


def test_starter_registry_is_valid_without_warnings(starter: Path) -> None:
    """`init` gives a registry that validates with no diagnostic at all."""
    assert validate_registry(starter).diagnostics == []


class _Node:
    """An object that can be in a reference cycle and be watched with a weak reference."""

    other: object = None


def test_the_paused_collector_resumes_with_nothing_young_and_collects_garbage_later() -> None:
    # What a block makes is moved to the oldest generation on leaving: the collector's next
    # pass does not walk it (the 0.06-0.15 s after reading 100,000 declarations), and a cycle
    # made in the block is still collected by a full collection.
    assert gc.isenabled()
    with without_cycle_collection():
        assert not gc.isenabled()
        alive = [[number] for number in range(10_000)]
        cycle = _Node()
        cycle.other = cycle
        watched = weakref.ref(cycle)
        del cycle
    assert gc.isenabled()
    assert gc.get_count()[0] < 100, gc.get_count()
    assert watched() is not None
    gc.collect()
    assert watched() is None
    assert len(alive) == 10_000
