"""Balances kept in the cache, contract by contract (ledger/balances.kept_balances): what
`balance` prints from kept balances is what it prints without the cache, in every format,
through a sequence of changes that each leave some contracts' balances kept and make others
computed again; racy files and damaged kept balances are never trusted.

The tests run "later" (the cache's clock ten seconds ahead, as in tests/test_cache.py), so that
the files just copied are old enough for their balances to be kept; one test shows that with
the clock as it is, nothing just written is kept.
"""

from __future__ import annotations

import datetime
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest
from tests.test_cache import later  # noqa: F401 - a fixture
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.ledger.balances import KEPT_KIND, balance_entries, balance_keeping
from commons_contracts.registry import cache, scan
from commons_contracts.validation.validate import validate_registry

AS_OF = datetime.date(2027, 6, 30)


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are of the cache itself: it is on, whatever the environment says (CI runs
    the quick suite again with it off)."""
    monkeypatch.delenv(scan.NO_CACHE_VARIABLE, raising=False)


def _balance_everywhere(
    runner: CliRunner, root: Path, *choice: str, as_of: datetime.date = AS_OF
) -> None:
    """`balance` in every format prints the same with the cache (keeping balances, then from
    them) as without it."""
    for output in ("json", "csv", "text"):
        command = ["balance", "-r", str(root), "--as-of", as_of.isoformat(), "-f", output]
        plain = runner.invoke(app, [*command, *choice, "--no-cache"])
        assert plain.exit_code == 0, plain.output
        for _ in range(2):  # balances computed and kept, then taken from the cache
            cached = runner.invoke(app, [*command, *choice])
            assert cached.exit_code == 0, cached.output
            assert cached.stdout == plain.stdout


def _kept(root: Path) -> set[str]:
    """The contracts whose balance as of AS_OF the cache gives without reading their entries."""
    result = validate_registry(
        root, cache=True, entries_of=balance_entries(None, None), keeping=balance_keeping(AS_OF)
    )
    assert result.registry is not None
    assert result.kept is not None
    return set(result.kept.found)


def _invoke(runner: CliRunner, *command: str) -> None:
    result = runner.invoke(app, list(command))
    assert result.exit_code == 0, result.output


@pytest.mark.slow
@pytest.mark.usefixtures("later")
def test_kept_balances_show_what_computed_ones_show_through_changes(
    example_copy: Path, runner: CliRunner
) -> None:
    """Every contract's balance is kept once computed; a declaration makes only its contract's
    computed again; a void, a record of no contract's alone, makes every one computed again; and
    at every step each format prints what it prints without the cache."""
    root = example_copy
    whole = validate_registry(root, cache=False).registry
    assert whole is not None
    contracts = {contract.id for contract in whole.reciprocity_contracts()}
    assert len(contracts) > 1
    assert whole.voids  # the voided lines of the text format come from kept balances too
    validate_registry(root, cache=True)  # remembered, as after a pre-commit hook
    _balance_everywhere(runner, root)
    assert _kept(root) == contracts

    declared = "reciprocite-atelier-boussole"
    _invoke(runner, "declare", "-r", str(root), "-c", declared, "-d", "2027-02-10",
            "-a", "1250.00", "--client", "Mairie de Lens", "--invoice-ref", "KEPT-1")  # fmt: skip
    assert _kept(root) == contracts - {declared}
    _balance_everywhere(runner, root, "--contract", declared)
    assert _kept(root) == contracts
    for contract in whole.reciprocity_contracts():  # each actor's, and one contract's with
        _balance_everywhere(runner, root, "--actor", contract.actor)  # its actor or another's
        for actor in {c.actor for c in whole.reciprocity_contracts()}:
            _balance_everywhere(runner, root, "--contract", contract.id, "--actor", actor)
    _balance_everywhere(runner, root, as_of=datetime.date(2026, 12, 31))  # another day
    assert _kept(root) == set()  # one day kept per contract: the last asked
    _balance_everywhere(runner, root)

    _invoke(runner, "void", "2027-02-10-reciprocite-atelier-boussole-mairie-de-lens", "-r",
            str(root), "--reason", "saisie en double", "-d", "2027-02-11")  # fmt: skip
    assert _kept(root) == set()
    _balance_everywhere(runner, root)
    assert _kept(root) == contracts


@pytest.mark.usefixtures("later")
def test_a_hand_edit_of_a_party_makes_every_balance_computed_again(
    example_copy: Path, runner: CliRunner
) -> None:
    """A party's name is shown in every text table: edited by hand (no command remembers the
    new state), the registry is read whole once, and the balances computed then are kept."""
    validate_registry(example_copy, cache=True)
    _balance_everywhere(runner, example_copy)
    party = next((example_copy / "parties").glob("*.yaml"))
    text = party.read_text(encoding="utf-8")
    party.write_text(text.replace("name: ", "name: Nouveau nom, ", 1), encoding="utf-8")
    command = ["balance", "-r", str(example_copy), "--as-of", AS_OF.isoformat()]
    _invoke(runner, *command)  # read whole, and remembered
    registry = validate_registry(example_copy, cache=False).registry
    assert registry is not None
    with_entries = {d.contract for d in registry.declarations} | {
        p.contract for p in registry.payments
    }
    assert _kept(example_copy) == {c.id for c in registry.reciprocity_contracts()} & with_entries
    _balance_everywhere(runner, example_copy)


def test_balances_of_files_changed_just_now_are_not_kept(
    example_copy: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files changed within the racy margin before the registry was read (here: every file,
    just copied) could change again without their key changing: their balances are not kept,
    and the next command computes them again. (The cache's clock stays at the moment just after
    the copy, however long the test takes.)"""
    just_after = time.time_ns()
    monkeypatch.setattr(scan, "now_ns", lambda: just_after)
    validate_registry(example_copy, cache=True)
    _balance_everywhere(runner, example_copy)
    assert _kept(example_copy) == set()


@pytest.mark.usefixtures("later")
@pytest.mark.slow
@pytest.mark.parametrize("damage", ["crc", "payload", "crc, then a hand edit"])
def test_a_damaged_kept_balance_is_never_shown(
    example_copy: Path, runner: CliRunner, damage: str
) -> None:
    """A kept balance whose text does not match its CRC makes the cache start again, whether it
    is met reading the registry by contract or keeping balances after a whole read; one that
    matches it but that this program cannot read (written with a valid CRC, as no damage on disk
    would) is computed again from the contract's entries and kept in its place: either way
    `balance` prints what it prints without the cache."""
    validate_registry(example_copy, cache=True)
    _balance_everywhere(runner, example_copy)
    store = cache._Store.open(example_copy)
    assert store is not None
    rows = store.connection.execute(
        "SELECT contract, inputs, crc, payload FROM results WHERE kind = ?", (KEPT_KIND,)
    ).fetchall()
    assert rows
    contract, inputs, crc, payload = rows[0]
    if damage.startswith("crc"):
        store.put_results([(KEPT_KIND, contract, inputs, crc ^ 1, payload)])
    else:
        payload = payload.replace('"periods":[[', '"periods":[[0,', 1)  # eleven columns
        store.put_results([(KEPT_KIND, contract, inputs, cache._crc(inputs, payload), payload)])
    store.connection.close()
    if damage.endswith("hand edit"):  # of another contract's declaration: read whole, then
        # kept, and the damaged balance's files unchanged, so that it is met there
        registry = validate_registry(example_copy, cache=False).registry
        assert registry is not None
        other = next(d for d in registry.declarations if d.contract != contract)
        path = example_copy / registry.source("declaration", other.id).path
        path.write_text(path.read_text(encoding="utf-8") + "# relu\n", encoding="utf-8")
    _balance_everywhere(runner, example_copy)
    with sqlite3.connect(scan.cache_file(example_copy)) as connection:
        (count,) = connection.execute("SELECT count(*) FROM results").fetchone()
    assert count == len(rows)
    assert _kept(example_copy) == {row[0] for row in rows}  # kept again, and readable


def test_a_kept_balance_reads_back_as_every_figure_computed(example_copy: Path) -> None:
    """What the cache keeps of a balance reads back exactly: every amount with its own digits,
    every date and flag, the voided entries; only the declarations of each period are left."""
    from commons_contracts.ledger.balances import compute_balances  # noqa: PLC0415

    registry = validate_registry(example_copy, cache=False).registry
    assert registry is not None
    keeping = balance_keeping(AS_OF)
    balances = compute_balances(registry, AS_OF)
    assert any(balance.voided for balance in balances)
    for balance in balances:
        reversal, voided = keeping.decode(keeping.encode((balance.reversal, balance.voided)))
        periods = tuple(replace(p, declarations=()) for p in balance.reversal.periods)
        assert reversal == replace(balance.reversal, periods=periods)
        assert [str(p.due_incl_tax) for p in reversal.periods] == [
            str(p.due_incl_tax) for p in periods
        ]
        assert voided == balance.voided
