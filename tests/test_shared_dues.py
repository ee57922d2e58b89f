"""The rules of validation price each contract's declarations once (`dues_shared`): the same
diagnostics, balances and funds as when every rule computes its own, on every case folder, the
example registry and generated registries with random records added."""

from __future__ import annotations

import datetime
import random
import shutil
import sys
from pathlib import Path

import pytest
from tests.test_cases import CASE_NAMES, CASES, _registry_with

from commons_contracts.core.diagnostics import Diagnostic, sort_diagnostics
from commons_contracts.funds.fund import compute_funds
from commons_contracts.ledger.balances import compute_balances, reversal_terms
from commons_contracts.ledger.reversal import declaration_dues, dues_shared
from commons_contracts.registry.cache import read_registry
from commons_contracts.validation import validate
from commons_contracts.validation.entries import Draft, add_records

EXAMPLES = Path(__file__).parents[1] / "examples"
sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))


def _each_rule_alone(root: Path) -> list[Diagnostic]:
    """What validation finds when every rule computes what it needs by itself."""
    state = read_registry(root, cache=False)
    registry, problems = validate._registry_and_problems(root, state.yields)
    found = [d for y in state.yields for d in (*y.load_diagnostics, *y.schema_diagnostics)]
    found.extend(problems)
    for rule in validate.RULES:
        found.extend(rule(registry))
    return sort_diagnostics(found)


def _check(root: Path) -> None:
    shared = validate.validate_registry(root, cache=False)
    assert shared.diagnostics == _each_rule_alone(root)
    registry = shared.registry
    if registry is None:
        return
    day = datetime.date(2199, 12, 31)
    alone = (compute_balances(registry, day), compute_funds(registry))
    with dues_shared():
        assert (compute_balances(registry, day), compute_funds(registry)) == alone
        assert (compute_balances(registry, day), compute_funds(registry)) == alone


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_case_is_the_same_with_shared_dues(name: str, tmp_path: Path) -> None:
    _check(_registry_with(CASES / name, tmp_path / "registry"))


def test_the_example_registry_is_the_same_with_shared_dues(tmp_path: Path) -> None:
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    _check(root)


def test_shared_dues_are_those_of_the_same_declarations_and_terms(tmp_path: Path) -> None:
    """Dues asked again under other terms, or for fewer declarations, are computed again."""
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    registry = validate.validate_registry(root, cache=False).registry
    assert registry is not None
    for contract in registry.reciprocity_contracts():
        mine = [d for d in registry.declarations if d.contract == contract.id]
        terms = reversal_terms(contract)
        flat = type(terms).flat(
            terms.tiers[0].rate_percent + 1,
            commons=terms.commons,
            period=terms.period,
            payment_days=terms.payment_days,
            vat_rate_percent=terms.vat_rate_percent,
        )
        expected = [declaration_dues(t, ds) for t in (terms, flat) for ds in (mine, mine[:1])]
        with dues_shared():
            for _ in range(2):
                found = [declaration_dues(t, ds) for t in (terms, flat) for ds in (mine, mine[:1])]
                assert found == expected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_records_added_to_a_generated_registry(seed: int, tmp_path: Path) -> None:
    """A generated registry, then random declarations and payments (some after the contract,
    some repeated, some above what is owed) added one by one by the record writer: after each,
    the same diagnostics with shared dues and with every rule alone."""
    from generate import generate  # noqa: PLC0415 - bench/generate.py

    root = tmp_path / "registry"
    generate(root, actors=4, declarations=60, seed=seed)
    rng = random.Random(seed)
    _check(root)
    for number in range(6):
        contract = f"reciprocity-{rng.randrange(4)}"
        day = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(-40, 420))
        if rng.random() < 0.5:
            fields = {
                "contract": contract,
                "date": day.isoformat(),
                "amount_excl_tax": f"{rng.randrange(-500, 90_000)}.{rng.randrange(100):02d}",
                "client": rng.choice(["Mairie de Lille", "ANCT", f"Client {number}"]),
            }
            draft = Draft("declaration", fields, id_parts=(day.isoformat(), contract, str(number)))
        else:
            fields = {
                "contract": contract,
                "date": day.isoformat(),
                "amount": f"{rng.randrange(1, 40_000)}.00",
                "reference": f"VIR {number}",
            }
            draft = Draft("payment", fields, id_parts=(day.isoformat(), contract, str(number)))
        add_records(root, [draft], cache=False)
        _check(root)
