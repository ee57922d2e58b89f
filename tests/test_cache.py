"""The registry cache (registry/cache.py): the same result with it and without it, to the
diagnostic, on every case folder and across edits, renames and deletes; the racy case; damaged,
truncated and foreign caches; concurrent writers; the text form of a file's yield.

Most tests run "later": the cache's clock is moved ten seconds ahead, as if every file had been
written well before the command ran, so that entries are trusted (a file changed less than two
seconds before its entry was made is read again, which a test of its own shows).
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from tests.test_cases import BASE, CASE_NAMES, CASES, _registry_with
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.core import processes
from commons_contracts.core.processes import shared_with_a_child
from commons_contracts.registry import cache, scan
from commons_contracts.registry.files import load_file
from commons_contracts.registry.root import registry_files
from commons_contracts.registry.yields import (
    decode_yields,
    encode_yield,
    file_yield,
    records_yield,
    yields_from_json,
)
from commons_contracts.validation.validate import registry_diagnostics, validate_registry

LATER_NS = 10_000_000_000


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's clock ten seconds ahead: every file on disk is old enough to be trusted."""
    monkeypatch.setattr(scan, "now_ns", lambda: time.time_ns() + LATER_NS)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the cache reads (parses) itself, in order: a spy on the real reader."""
    seen: list[str] = []
    real = cache.file_yield

    def spy(path: str, shown: str) -> object:
        seen.append(shown)
        return real(path, shown)

    monkeypatch.setattr(cache, "file_yield", spy)
    return seen


def _texts(root: Path, *, use_cache: bool) -> list[str]:
    return [d.format_text() for d in validate_registry(root, cache=use_cache).diagnostics]


def _same_both_ways(root: Path) -> list[str]:
    """Validate without the cache, then with it (twice, and diagnostics only): all equal."""
    expected = validate_registry(root, cache=False)
    with_cache = validate_registry(root, cache=True)
    again = validate_registry(root, cache=True)
    known = registry_diagnostics(root, cache=True)
    assert with_cache.diagnostics == expected.diagnostics
    assert again.diagnostics == expected.diagnostics
    assert known == expected.diagnostics
    assert with_cache.registry == expected.registry
    assert again.registry == expected.registry
    return [d.format_text() for d in expected.diagnostics]


# Six validations of each of the hundred and more case folders take about twenty seconds: the
# whole sweep runs with the slow tests; the quick suite keeps a case of each stage (a file that
# cannot be read, YAML, a schema, the rules across records, a warning alone, funds, invoices,
# amendments, ballots, a void, a valid registry).
QUICK_CASES = {
    "valid-base",
    "binary-file",
    "merge-conflict",
    "malformed-yaml",
    "missing-field-and-wrong-enum",
    "unknown-contract",
    "same-id-two-files",
    "payment-far-ahead",
    "valid-void-removes-a-duplicate",
    "fund-overdrawn-and-approval-above-available",
    "invoice-mismatch",
    "amendment-problems",
    "ballot-problems",
    "valid-multi-commons-three-shares",
}


@pytest.mark.parametrize(
    "name",
    [
        name if name in QUICK_CASES else pytest.param(name, marks=pytest.mark.slow)
        for name in CASE_NAMES
    ],
)
def test_every_case_gives_the_same_result_with_and_without_the_cache(
    name: str, tmp_path: Path, later: None, reads: list[str]
) -> None:
    """Each case folder: the same diagnostics and the same typed registry, from files read
    now, from cached entries, and from the remembered result; the second run reads nothing."""
    root = _registry_with(CASES / name, tmp_path / "registry")
    lines = _same_both_ways(root)
    assert lines == (CASES / name / "expected.txt").read_text("utf-8").splitlines()
    reads.clear()
    validate_registry(root, cache=True)
    registry_diagnostics(root, cache=True)
    assert reads == []


def test_the_quick_cases_are_case_folders() -> None:
    """Each case the quick suite keeps for the cache is a folder of the catalogue."""
    assert QUICK_CASES - set(CASE_NAMES) == set()


def _edits(root: Path) -> Iterator[str]:
    """Changes a person makes between two commands, each followed by a comparison."""
    declaration = root / "declarations" / "2026" / "2026-03-12-mon-acteur-mairie.yaml"
    text = declaration.read_text("utf-8")
    # Same size, same second: only the modification time and the content tell.
    declaration.write_text(text.replace("4200.00", "4300.00"), "utf-8")
    yield "an amount changed, same size"
    declaration.write_text(text.replace("4200.00", "4200.001"), "utf-8")
    yield "an amount with three decimals"
    declaration.write_text(text, "utf-8")
    yield "the file as it was"
    renamed = declaration.with_name("renamed.yaml")
    declaration.rename(renamed)
    yield "a file renamed"
    shutil.copyfile(renamed, declaration)
    yield "a copy of it under its old name (same id twice)"
    renamed.unlink()
    yield "the copy deleted"
    (root / "parties" / "broken.yaml").write_text("kind: party\nid: [broken\n", "utf-8")
    yield "a file with broken YAML added"
    (root / "parties" / "broken.yaml").write_text("", "utf-8")
    yield "the file emptied"
    (root / "parties" / "broken.yaml").unlink()
    yield "the file deleted"
    contracts = root / "contracts"
    shutil.move(contracts, root / "contrats")
    yield "a folder renamed"
    (root / "contrats" / "commons-contracts.yaml").write_text("kind: workspace\n", "utf-8")
    yield "the folder made a registry of its own (so skipped)"
    (root / "contrats" / "commons-contracts.yaml").unlink()
    yield "and back"
    for path in sorted((root / "declarations").rglob("*.yaml")):
        path.unlink()
    yield "every declaration deleted"


def test_edits_renames_and_deletes_between_runs_give_the_same_result(
    tmp_path: Path, later: None
) -> None:
    """After each change, the cached result is the result without the cache."""
    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    _same_both_ways(root)
    seen = set()
    for change in _edits(root):
        seen.add(tuple(_same_both_ways(root)))
        assert change
    assert len(seen) > 4  # the changes did change the diagnostics


def test_only_changed_files_are_read_again(tmp_path: Path, later: None, reads: list[str]) -> None:
    """A command after one edit reads that one file, and nothing else."""
    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    validate_registry(root, cache=True)
    reads.clear()
    party = root / "parties" / "mon-acteur.yaml"
    party.write_text(party.read_text("utf-8") + "\n", "utf-8")
    validate_registry(root, cache=True)
    assert reads == ["parties/mon-acteur.yaml"]


def test_a_racy_change_is_read_again(tmp_path: Path) -> None:
    """A file changed in the same instant its entry is made can keep its key (same size, same
    tick of a coarse clock). Its entry is then used only after the file is read again: here the
    entry is given the file's new key while keeping the old content, as such a change leaves
    it, and the result is still that of the file as it is."""
    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    validate_registry(root, cache=True)  # just written: every file is racy
    declaration = "declarations/2026/2026-03-12-mon-acteur-mairie.yaml"
    path = root / declaration
    path.write_text(
        path.read_text("utf-8").replace("date: 2026-03-12", "date: 2025-03-12", 1), "utf-8"
    )
    _give_entry_the_current_key(root, declaration)
    expected = _texts(root, use_cache=False)
    assert any("date-outside-contract" in line for line in expected)
    assert _texts(root, use_cache=True) == expected
    assert (
        registry_diagnostics(root, cache=True) == validate_registry(root, cache=False).diagnostics
    )


def test_without_the_racy_rule_that_stale_entry_would_be_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counterpart: the same stale entry, judged ten seconds later (when the file is no
    longer racy), is trusted; so the racy rule is what keeps the previous test right."""
    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    validate_registry(root, cache=True)
    declaration = "declarations/2026/2026-03-12-mon-acteur-mairie.yaml"
    path = root / declaration
    path.write_text(
        path.read_text("utf-8").replace("date: 2026-03-12", "date: 2025-03-12", 1), "utf-8"
    )
    _give_entry_the_current_key(root, declaration, checked_ns=time.time_ns() + LATER_NS)
    monkeypatch.setattr(scan, "now_ns", lambda: time.time_ns() + 2 * LATER_NS)
    assert _texts(root, use_cache=True) != _texts(root, use_cache=False)


def test_a_result_is_not_remembered_when_midnight_passes_during_validation(
    tmp_path: Path, later: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warnings about dates far ahead count from the day, which is part of the state the
    cache remembers a result for: the day the files were examined on. When midnight passes
    before validation ends, the result is not remembered, and the next day's command finds the
    next day's warnings (before, that day's result was kept under the next day's state)."""
    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    # The base's latest signatures (2026-12-01) are more than a year ahead on this day only.
    day = datetime.date(2026, 12, 1) - datetime.timedelta(days=367)
    next_day = (day + datetime.timedelta(days=1)).isoformat()
    monkeypatch.setenv("COMMONS_CONTRACTS_TODAY", day.isoformat())
    remember = cache.RegistryState.remember

    def after_midnight(state: cache.RegistryState, diagnostics: Sequence[object]) -> None:
        monkeypatch.setenv("COMMONS_CONTRACTS_TODAY", next_day)
        remember(state, diagnostics)  # type: ignore[arg-type]

    monkeypatch.setattr(cache.RegistryState, "remember", after_midnight)
    assert any("date-far-ahead" in line for line in _texts(root, use_cache=True))
    monkeypatch.setattr(cache.RegistryState, "remember", remember)
    expected = validate_registry(root, cache=False).diagnostics
    assert not any(d.code == "date-far-ahead" for d in expected)
    assert registry_diagnostics(root, cache=True) == expected
    assert _texts(root, use_cache=True) == [d.format_text() for d in expected]


def _give_entry_the_current_key(root: Path, shown: str, checked_ns: int | None = None) -> None:
    (state,) = scan.stat_files(os.fspath(root), [shown])
    assert state.key is not None
    with sqlite3.connect(scan.cache_file(root)) as connection:
        (text, old_checked) = connection.execute(
            "SELECT payload, checked_ns FROM files WHERE path = ?", (shown,)
        ).fetchone()
        connection.execute(
            "UPDATE files SET key = ?, checked_ns = ?, crc = ? WHERE path = ?",
            (state.key, checked_ns or old_checked, cache._crc(state.key, text), shown),
        )
        connection.execute("DELETE FROM memo")


def _damage_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _foreign_text(path: Path) -> None:
    path.write_text("this is not a database\n", "utf-8")


def _foreign_database(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE files (name TEXT)")
        connection.execute("INSERT INTO files VALUES ('x')")


def _changed_amount(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE files SET payload = replace(payload, '4200.00', '4200.50')")
        connection.execute("DELETE FROM memo")


def _changed_memo(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE memo SET diagnostics = '[]'")


def _other_program(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = 'another' WHERE name = 'program'")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "bytes overwritten": _damage_bytes,
    "truncated": _truncate,
    "a text file": _foreign_text,
    "another database": _foreign_database,
    "an amount changed in an entry": _changed_amount,
    "the remembered result changed": _changed_memo,
    "written by another version": _other_program,
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(
    damage: str, tmp_path: Path, later: None, reads: list[str]
) -> None:
    """Whatever happened to the cache file, the result is that of the files, and the cache
    is made again (the next run reads no file)."""
    root = _registry_with(CASES / "valid-near-duplicate-entries", tmp_path / "registry")
    shutil.copyfile(
        CASES / "unknown-key" / "contracts" / "typo.yaml", root / "contracts" / "typo.yaml"
    )
    expected = _texts(root, use_cache=False)
    assert _texts(root, use_cache=True) == expected
    DAMAGES[damage](scan.cache_file(root))
    assert _texts(root, use_cache=True) == expected
    assert [d.format_text() for d in registry_diagnostics(root, cache=True)] == expected
    reads.clear()
    assert _texts(root, use_cache=True) == expected
    assert reads == []


def test_an_unwritable_cache_folder_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder that cannot be made: the command works as with --no-cache."""
    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _texts(root, use_cache=True) == _texts(root, use_cache=False)


CONCURRENT_WRITER = """
import sys, time
from pathlib import Path
from commons_contracts.validation.validate import validate_registry
root, mine, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
for round in range(rounds):
    mine.write_text(f"kind: party\\nid: {mine.stem}\\ntype: person\\nname: Round {round}\\n"
                    "vat_regime: franchise\\n", "utf-8")
    validate_registry(root, cache=True)
"""


@pytest.mark.slow
def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    """Four processes each edit their own file and validate, over and over, at once: the
    cache ends with an entry for every file, each made from the file as it now is."""
    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    mine = [root / "parties" / f"writer-{index}.yaml" for index in range(4)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_WRITER, str(root), str(path), "6"],
            env={**os.environ, scan.NO_CACHE_VARIABLE: ""},
        )
        for path in mine
    ]
    assert [process.wait(timeout=120) for process in processes] == [0, 0, 0, 0]
    validate_registry(root, cache=True)  # the last look, after every writer
    with sqlite3.connect(scan.cache_file(root)) as connection:
        entries = dict(connection.execute("SELECT path, key FROM files").fetchall())
    current = {state.shown: state.key for state in scan.scan_registry(root)}
    assert entries == current
    assert _texts(root, use_cache=True) == _texts(root, use_cache=False)


def test_files_read_by_one_process_per_core_give_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later: None
) -> None:
    """Many files are read by worker processes: same result as reading them here."""
    root = _registry_with(
        CASES / "multi-commons-shares-missing-unknown-or-wrong-sum", tmp_path / "registry"
    )
    expected = validate_registry(root, cache=False)
    monkeypatch.setattr(cache, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(cache, "usable_cores", lambda: 2)
    assert validate_registry(root, cache=False).diagnostics == expected.diagnostics
    assert validate_registry(root, cache=True).diagnostics == expected.diagnostics
    assert validate_registry(root, cache=True).registry == expected.registry


def test_a_yield_reads_back_exactly(tmp_path: Path) -> None:
    """The text form keeps every value with its type: `1.` stays a Decimal with no decimal
    place, `12.50` keeps its two, integers stay integers, text that looks like a number or
    holds quotes, escapes or accents stays text."""
    path = tmp_path / "record.yaml"
    path.write_text(
        'kind: party\nid: p\nname: "Dupont \\u00e9 \\"& Fils\\"\\t\\u0000"\nn: 1.\nm: 12.50\n'
        "k: -0.0\ni: 7\nb: true\nz: null\nl: [1, 2.0, [x, {a: .5}]]\ns: '0123'\n"
        "date: 2026-02-30\nw: 0.0000001\n",
        "utf-8",
    )
    found = file_yield(str(path), "record.yaml")
    (value,) = decode_yields([encode_yield(found)])
    (back,) = yields_from_json([value], str(tmp_path), ["record.yaml"])
    assert back == found
    data = back.records[0].data
    assert data["n"] == Decimal(1) and data["n"].as_tuple().exponent == 0
    assert str(data["m"]) == "12.50" and str(data["k"]) == "-0.0" and type(data["i"]) is int
    assert [type(v) for v in data["l"]] == [int, Decimal, list]
    assert data["s"] == "0123" and data["date"] == "2026-02-30"


@pytest.mark.parametrize("name", ["_base", *CASE_NAMES])
def test_every_case_file_yields_the_same_from_its_text(name: str) -> None:
    """For every file of every case: what is read from the cache's text is what the file
    yields (records, positions, diagnostics)."""
    folder = BASE if name == "_base" else CASES / name
    for path in sorted(folder.rglob("*.y*ml")):
        shown = path.relative_to(folder).as_posix()
        found = file_yield(str(path), shown)
        (value,) = decode_yields([encode_yield(found)])
        assert yields_from_json([value], str(folder), [shown]) == [found]
        records, diagnostics = load_file(str(path), shown)
        assert records_yield(records, diagnostics) == found


def test_no_cache_option_and_variable_leave_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    """`--no-cache` and COMMONS_CONTRACTS_NO_CACHE=1 bypass the cache: none is made; without
    them, validate makes one."""
    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    assert runner.invoke(app, ["validate", "-r", str(root), "--no-cache"]).exit_code == 0
    assert not scan.cache_file(root).exists()
    monkeypatch.setenv(scan.NO_CACHE_VARIABLE, "1")
    assert runner.invoke(app, ["validate", "-r", str(root)]).exit_code == 0
    assert not scan.cache_file(root).exists()
    monkeypatch.delenv(scan.NO_CACHE_VARIABLE)
    assert runner.invoke(app, ["validate", "-r", str(root)]).exit_code == 0
    assert scan.cache_file(root).is_file()
    assert scan.cache_file(root).is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))


# --- a registry read in part (`status`: without the declarations and payments)


def _statuses_both_ways(root: Path, *, all_left_out: bool = True) -> None:
    """The registry built whole and built without the kinds `status` never reads, from a cache
    that knows it: the same diagnostics, the same statuses on several days, and none of the
    kinds left out, once the cache knows the registry."""
    from commons_contracts.signatures.lifecycle import (  # noqa: PLC0415
        STATUS_UNREAD_KINDS,
        contract_statuses,
    )

    whole = validate_registry(root, cache=False)
    validate_registry(root, cache=True)  # the cache knows this state now
    partial = validate_registry(root, cache=True, leave_out=STATUS_UNREAD_KINDS)
    assert partial.diagnostics == whole.diagnostics
    assert (partial.registry is None) == (whole.registry is None)
    if whole.registry is None or partial.registry is None:
        return
    if all_left_out:
        assert partial.registry.declarations == partial.registry.payments == ()
    assert all(found in whole.registry.declarations for found in partial.registry.declarations)
    assert partial.registry.contracts == whole.registry.contracts
    for day in ("2025-06-30", "2026-01-01", "2026-07-14", "2027-12-31", "2031-01-01"):
        on = datetime.date.fromisoformat(day)
        assert contract_statuses(partial.registry, on) == contract_statuses(whole.registry, on)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_case_gives_the_same_statuses_read_in_part(
    name: str, tmp_path: Path, later: None
) -> None:
    _statuses_both_ways(_registry_with(CASES / name, tmp_path / "registry"))


def test_the_example_gives_the_same_statuses_read_in_part(
    tmp_path: Path, later: None, runner: CliRunner
) -> None:
    """And `status` prints the same with the cache and without it, after edits too."""
    root = tmp_path / "examples"
    shutil.copytree(Path(__file__).parents[1] / "examples", root)
    _statuses_both_ways(root)
    for change in _edits_of_the_example(root):
        _statuses_both_ways(root, all_left_out=change == "as it is")
        for options in (["--format", "json"], ["--as-of", "2027-03-01"]):
            args = ["status", "-r", str(root), *options]
            cached = runner.invoke(app, args)
            uncached = runner.invoke(app, [*args, "--no-cache"])
            assert (cached.exit_code, cached.output) == (uncached.exit_code, uncached.output)
            assert change


def _edits_of_the_example(root: Path) -> Iterator[str]:
    yield "as it is"
    declaration = next((root / "declarations").rglob("*.yaml"))
    # A declaration file that now holds a contract's signature too: read, not left out.
    signature = next((root / "signatures").rglob("*.yaml"))
    declaration.write_text(
        declaration.read_text("utf-8") + "---\n" + signature.read_text("utf-8"), "utf-8"
    )
    signature.unlink()
    yield "a signature moved into a declaration's file"
    declaration.write_text("kind: declaration\nid: [broken\n", "utf-8")
    yield "a declaration broken (the registry has an error)"
    declaration.unlink()
    yield "the file deleted"


def test_files_just_written_are_read_again_before_any_is_left_out(
    tmp_path: Path, reads: list[str]
) -> None:
    """Within the racy margin (files just written), a file is left out only once it has been
    read again and found the same as when the result was remembered; one changed within the
    same tick of the clock (same key) is read, and with it the whole registry."""
    from commons_contracts.signatures.lifecycle import STATUS_UNREAD_KINDS  # noqa: PLC0415

    root = tmp_path / "registry"
    shutil.copytree(BASE, root)
    validate_registry(root, cache=True)
    declarations = sorted(
        path.relative_to(root).as_posix() for path in root.glob("declarations/*/*.yaml")
    )
    reads.clear()
    partial = validate_registry(root, cache=True, leave_out=STATUS_UNREAD_KINDS)
    assert partial.registry is not None
    assert partial.registry.declarations == ()
    assert set(declarations) <= set(reads)  # every file is racy: each was read again first
    changed = root / declarations[-1]  # the other is voided
    key = changed.stat()
    text = changed.read_text("utf-8")
    changed.write_text(text.replace("amount_excl_tax: 4", "amount_excl_tax: 5"), "utf-8")
    os.utime(changed, ns=(key.st_atime_ns, key.st_mtime_ns))
    assert changed.stat().st_size == key.st_size
    again = validate_registry(root, cache=True, leave_out=STATUS_UNREAD_KINDS)
    fresh = validate_registry(root, cache=False)
    assert again.registry is not None
    assert fresh.registry is not None
    assert again.registry.declarations == fresh.registry.declarations
    assert Decimal("5200.00") in {d.amount_excl_tax for d in again.registry.declarations}


@pytest.mark.parametrize("kind", ["{a: 1}", "[approval, party]", "12"])
def test_a_kind_that_is_not_a_text_is_an_error_read_fresh_or_from_the_cache(
    example_copy: Path, kind: str
) -> None:
    """A mutated file whose `kind` is a mapping, a list or a number (found by the fuzz run: the
    cache kept each file's kinds in a set, and a mapping cannot be one of its members): the
    same located error on a first run, on a run through the cache, and with the cache off."""
    path = next((example_copy / "funds" / "approvals").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: approval", f"kind: {kind}", 1), encoding="utf-8")
    first = registry_diagnostics(example_copy, cache=True)
    again = registry_diagnostics(example_copy, cache=True)
    os.utime(path)  # read again, the others from the cache
    fresh = registry_diagnostics(example_copy, cache=True)
    without = registry_diagnostics(example_copy, cache=False)
    assert first == again == fresh == without
    shown = path.relative_to(example_copy).as_posix()
    assert any(d.path == shown and d.severity == "error" for d in without)


def test_a_forked_child_shares_the_look_at_many_files_with_the_same_keys(
    example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From :data:`scan.PARALLEL_STAT_MIN_FILES` files, a child process shares their
    examination: the states are those found in one process, in the same order."""
    names = [*registry_files(example_copy), "declarations/2026/gone.yaml"]
    alone = scan.stat_files(os.fspath(example_copy), names)
    monkeypatch.setattr(processes, "usable_cores", lambda: 2)
    monkeypatch.setattr(scan, "PARALLEL_STAT_MIN_FILES", 2)
    shared = scan.stat_files(os.fspath(example_copy), names)
    assert shared == alone
    assert shared[-1] == scan.FileState("declarations/2026/gone.yaml", None, 0)
    assert all(state.key for state in shared[:-1])


def test_work_shared_with_a_child_is_whole_even_when_the_child_dies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A child that dies, or sends what is not its half, has its half done again here; so
    does one whose exit status a parent program ignoring SIGCHLD has let the kernel take."""
    monkeypatch.setattr(processes, "usable_cores", lambda: 2)  # a child even on one core
    parent = os.getpid()

    def squares(items: Sequence[int]) -> list[int]:
        return [item * item for item in items]

    def dies_in_the_child(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)
        return squares(items)

    def short_in_the_child(items: Sequence[int]) -> list[int]:
        return squares(items)[: 1 if os.getpid() != parent else None]

    items = list(range(101))
    for work in (squares, dies_in_the_child, short_in_the_child):
        assert shared_with_a_child(work, items) == squares(items)
    ignoring = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        for work in (squares, dies_in_the_child):
            assert shared_with_a_child(work, items) == squares(items)
    finally:
        signal.signal(signal.SIGCHLD, ignoring)


def test_work_that_fails_here_leaves_no_child_and_no_open_pipe(
    monkeypatch: pytest.MonkeyPatch, forked_children: list[int]
) -> None:
    """When this process's part raises, the child is stopped and waited for, the pipe closed,
    and the error is the caller's. Two chunks: the child takes the last one first (and sleeps
    in it), so this process always has the first (with one chunk, whichever process claims it
    first does it, and a child scheduled first would leave this process nothing to fail)."""
    monkeypatch.setattr(processes, "usable_cores", lambda: 2)
    parent = os.getpid()

    def fails_here(items: Sequence[int]) -> list[int]:
        if os.getpid() == parent:
            raise ValueError("this half")
        time.sleep(30)  # the child would run on
        return list(items)

    descriptors = len(list(Path("/proc/self/fd").iterdir()))
    started = time.monotonic()
    with pytest.raises(ValueError, match="this half"):
        shared_with_a_child(fails_here, list(range(2 * processes._CHUNK)))
    assert time.monotonic() - started < 10
    assert len(list(Path("/proc/self/fd").iterdir())) == descriptors
    (child,) = forked_children
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # already waited for: no zombie left


def _remembered_groups(store: cache._Store, root: Path) -> tuple[cache._Memo, cache._Groups]:
    """The remembered result of the registry at `root` and its groups of files."""
    memo = store.memo()
    assert memo is not None
    entries = store.memo_entries(memo)
    assert entries is not None
    count = len(scan.scan_registry(root))
    return memo, cache._entry_groups(*cache._kinds_codes(memo, count), entries, count)


def _remember_instead(store: cache._Store, memo: cache._Memo, groups: cache._Groups) -> None:
    """Put in place of `memo` the same result with other groups of files, written with valid
    CRCs, as no damage on disk would."""
    store.connection.execute("DELETE FROM memo")
    store.put_memo(memo.digest, memo.scanned_ns, list(memo.racy.items()), memo.diagnostics, groups)


def _one_file_left_out(groups: cache._Groups) -> None:
    groups.kinds_of.pop()


def _a_code_of_no_kinds(groups: cache._Groups) -> None:
    groups.kinds_of[0] = len(groups.kinds)


def _kinds_not_texts(groups: cache._Groups) -> None:
    groups.kinds[0] = 1  # type: ignore[call-overload]


@pytest.mark.parametrize("damage", [_one_file_left_out, _a_code_of_no_kinds, _kinds_not_texts])
def test_a_remembered_result_whose_kinds_do_not_fit_is_damaged_and_rebuilt(
    example_copy: Path, damage: Callable[[cache._Groups], None]
) -> None:
    """A memo whose kinds do not give each file one kind that it names (written with a valid
    CRC, as no damage on disk would) is refused as damaged: the cache starts again, nothing is
    left out on its word, and no traceback."""
    from commons_contracts.signatures.lifecycle import STATUS_UNREAD_KINDS  # noqa: PLC0415

    validate_registry(example_copy, cache=True)
    store = cache._Store.open(example_copy)
    assert store is not None
    memo, groups = _remembered_groups(store, example_copy)
    damage(groups)
    _remember_instead(store, memo, groups)
    partial = validate_registry(example_copy, cache=True, leave_out=STATUS_UNREAD_KINDS)
    whole = validate_registry(example_copy, cache=False)
    assert partial.diagnostics == whole.diagnostics
    assert partial.registry is not None
    assert whole.registry is not None
    assert partial.registry.declarations == whole.registry.declarations


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_the_cores_counted_are_those_the_process_may_run_on() -> None:
    """A process allowed one core (`taskset`, a container's limit) shares no work with a child
    and starts one worker, however many cores the machine has."""
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        assert processes.usable_cores() == 1
        assert cache._workers(10_000) == 1
    finally:
        os.sched_setaffinity(0, allowed)
    assert processes.usable_cores() == len(allowed)


@pytest.mark.slow
def test_one_contracts_balance_reads_only_its_entries_and_shows_the_same(
    example_copy: Path, runner: CliRunner
) -> None:
    """`balance --contract` and `--actor` on a state the cache knows read the declarations and
    payments of the contracts they show and of no other, and print what they print without the
    cache, in every format."""
    from commons_contracts.ledger.balances import balance_entries  # noqa: PLC0415

    whole = validate_registry(example_copy, cache=False).registry
    assert whole is not None
    contracts = whole.reciprocity_contracts()
    assert len(contracts) > 1
    validate_registry(example_copy, cache=True)  # remembered
    for contract in contracts:
        chosen = balance_entries(contract.id, None)
        part = validate_registry(example_copy, cache=True, entries_of=chosen).registry
        assert part is not None
        assert {d.contract for d in part.declarations} <= {contract.id}
        assert part.declarations == tuple(
            d for d in whole.declarations if d.contract == contract.id
        )
        assert part.payments == tuple(p for p in whole.payments if p.contract == contract.id)
        assert part.contracts == whole.contracts
        for choice in (["--contract", contract.id], ["--actor", contract.actor]):
            for output in ("json", "csv", "text"):
                command = ["balance", "-r", str(example_copy), "--as-of", "2027-06-30"]
                command += ["-f", output, *choice]
                cached = runner.invoke(app, command)
                plain = runner.invoke(app, [*command, "--no-cache"])
                assert cached.exit_code == plain.exit_code == 0, cached.output
                assert cached.stdout == plain.stdout


@pytest.mark.parametrize(
    "damage", ["no such contract", "workspace", "another contract's", "twice", "not texts"]
)
def test_a_remembered_result_whose_contracts_do_not_fit_is_damaged_and_rebuilt(
    example_copy: Path, damage: str
) -> None:
    """A memo that gives a file a contract it does not name, gives the workspace file (which
    holds no declaration) or another contract's file to a contract, names a contract twice or
    something else than a contract, is refused as damaged: the cache starts again, and one
    contract's balance reads every file it needs."""
    validate_registry(example_copy, cache=True)
    store = cache._Store.open(example_copy)
    assert store is not None
    memo, groups = _remembered_groups(store, example_copy)
    alice = groups.contracts.index("reciprocite-alice-movilab") + 1
    other = groups.contracts.index("reciprocite-atelier-boussole") + 1
    # Only one file's group is changed: read whole, the others' entries would be missing.
    if damage == "no such contract":
        groups.contract_of[groups.contract_of.index(alice)] = len(groups.contracts) + 1
    elif damage == "workspace":
        names = [state.shown for state in scan.scan_registry(example_copy)]
        groups.contract_of[names.index("commons-contracts.yaml")] = other  # left unread
    elif damage == "another contract's":
        groups.contract_of[groups.contract_of.index(other)] = alice
    elif damage == "twice":
        groups.contracts.append(groups.contracts[alice - 1])
    else:
        groups.contracts[0] = 1  # type: ignore[call-overload]
    _remember_instead(store, memo, groups)
    part = validate_registry(
        example_copy, cache=True, entries_of=lambda _: {"reciprocite-alice-movilab"}
    )
    whole = validate_registry(example_copy, cache=False)
    assert part.diagnostics == whole.diagnostics
    assert part.registry is not None
    assert whole.registry is not None
    assert part.registry.workspace == whole.registry.workspace
    assert part.registry.declarations == whole.registry.declarations


@pytest.mark.parametrize("count", [1, 3, 40])
def test_the_files_of_many_contracts_are_those_of_each(count: int) -> None:
    """The files of the contracts asked: found by searching the codes for a few contracts, by
    one pass over every file for many (`balance` of every contract); the same files either
    way, those a plain count gives."""
    import random  # noqa: PLC0415
    from array import array  # noqa: PLC0415

    chance = random.Random(count)
    contracts = [f"contract-{n}" for n in range(count)]
    contract_of = array("I", (chance.randrange(count + 1) for _ in range(5000)))
    groups = cache._Groups(["declaration"], array("I", [0] * 5000), contracts, contract_of, [])
    expected = {
        name: [at for at, code in enumerate(contract_of) if code == number]
        for number, name in enumerate(contracts, 1)
    }
    expected = {name: positions for name, positions in expected.items() if positions}
    asked = [*contracts, "no-such-contract"]
    assert groups.of_contracts(asked) == expected
    for name in contracts[:3]:
        assert groups.of_contracts([name]) == {name: expected[name]}
    if count == 40:  # more than are searched one by one: the pass over every file
        assert len(asked) > cache._SEARCHED_CONTRACTS
