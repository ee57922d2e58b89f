"""The registry's files examined from a command's start (registry.scan): the same results as
when they are examined at the read, whatever the child does, and the lock held from the start."""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.core import processes
from commons_contracts.core.processes import SharedWork
from commons_contracts.core.store import LOCK_TIMEOUT_VARIABLE
from commons_contracts.registry import scan
from commons_contracts.registry.cache import read_registry

PARENT = os.getpid()


def _squares(items: Sequence[int]) -> list[int]:
    return [item * item for item in items]


def _listing() -> list[int]:
    return list(range(101))


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child process even on a machine of one core."""
    monkeypatch.setattr(processes, "usable_cores", lambda: 2)
    monkeypatch.setattr(scan, "usable_cores", lambda: 2)


@pytest.fixture
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache on, even in the suite's run without it: the early look needs it."""
    monkeypatch.delenv(scan.NO_CACHE_VARIABLE, raising=False)


def _dies_in_the_child() -> list[int]:
    if os.getpid() != PARENT:
        os._exit(3)
    return _listing()


def _sends_a_short_half(items: Sequence[int]) -> list[int]:
    return _squares(items)[: 1 if os.getpid() != PARENT else None]


def _dies_after_listing(items: Sequence[int]) -> list[int]:
    if os.getpid() != PARENT:
        os._exit(3)
    return _squares(items)


@pytest.mark.parametrize(
    ("work", "listing"),
    [
        (_squares, _listing),
        (_squares, _dies_in_the_child),
        (_sends_a_short_half, _listing),
        (_dies_after_listing, _listing),
    ],
)
def test_work_listed_by_a_child_is_whole_whatever_the_child_does(
    two_cores: None, work: object, listing: object
) -> None:
    """The child lists the items and does half the work; a child that dies before or after
    sending the items, or sends a short half, has its part done again here."""
    started = SharedWork(work, listing)  # type: ignore[arg-type]
    assert started.result() == (_listing(), _squares(_listing()))


def test_a_look_never_taken_leaves_no_child_and_no_open_pipe(
    two_cores: None, forked_children: list[int]
) -> None:
    """A command that stops before it reads the registry (a usage error) stops the child that
    examines the files, and waits for it."""

    def slow_listing() -> list[int]:
        if os.getpid() != PARENT:
            time.sleep(30)
        return _listing()

    descriptors = len(list(Path("/proc/self/fd").iterdir()))
    started_at = time.monotonic()
    started = SharedWork(_squares, slow_listing)
    started.cancel()
    started.cancel()  # once is enough
    assert time.monotonic() - started_at < 10
    assert len(list(Path("/proc/self/fd").iterdir())) == descriptors
    (child,) = forked_children
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # already waited for: no zombie left


def test_the_child_does_its_part_before_it_is_asked_for(two_cores: None, tmp_path: Path) -> None:
    """A list of items far larger than a pipe holds does not hold the child back: its part
    of the work is done while this process does something else, before :meth:`result`."""
    done = tmp_path / "done"

    def work(items: Sequence[str]) -> list[str]:
        if os.getpid() != PARENT:
            done.touch()
        return [item.upper() for item in items]

    def listing() -> list[str]:
        return [f"declarations/2026/{number:06}.yaml" for number in range(200_000)]

    started = SharedWork(work, listing)
    waited = time.monotonic()
    while not done.exists() and time.monotonic() - waited < 20:
        time.sleep(0.01)
    assert done.exists(), "the child's part waited for this process"
    assert started.result() == (listing(), work(listing()))


@pytest.fixture
def chunks_of_ten(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work shared in chunks of ten items: eleven for :func:`_listing`."""
    monkeypatch.setattr(processes, "_CHUNK", 10)


def test_a_slow_child_leaves_this_process_more_than_half(
    two_cores: None, chunks_of_ten: None
) -> None:
    """The two processes claim chunks until they meet: a child slower than this process does
    fewer of them, and the results are whole and in order."""
    done_here: list[int] = []

    def work(items: Sequence[int]) -> list[int]:
        if os.getpid() != PARENT:
            time.sleep(0.2)
        else:
            done_here.extend(items)
        return _squares(items)

    assert SharedWork(work, _listing).result() == (_listing(), _squares(_listing()))
    assert len(done_here) > 60
    assert done_here == _listing()[: len(done_here)]  # from the first chunk onwards


def test_a_child_started_early_may_do_all_of_it(
    two_cores: None, chunks_of_ten: None, tmp_path: Path
) -> None:
    """A child that had the time to do every chunk before :meth:`result` leaves nothing to do
    here."""
    done_here: list[int] = []

    def work(items: Sequence[int]) -> list[int]:
        if os.getpid() != PARENT:
            (tmp_path / str(items[0])).touch()
        else:
            done_here.extend(items)
        return _squares(items)

    started = SharedWork(work, _listing)
    waited = time.monotonic()
    while len(list(tmp_path.iterdir())) < 11 and time.monotonic() - waited < 20:
        time.sleep(0.01)
    assert started.result() == (_listing(), _squares(_listing()))
    assert done_here == []


@pytest.mark.parametrize("work", [_sends_a_short_half, _dies_after_listing])
def test_work_in_chunks_is_whole_whatever_the_child_does(
    two_cores: None, chunks_of_ten: None, work: object
) -> None:
    """In many chunks too, a child that dies or sends a short part has it done here."""
    started = SharedWork(work, _listing)  # type: ignore[arg-type]
    assert started.result() == (_listing(), _squares(_listing()))


COMMANDS = [
    ["validate"],
    ["status"],
    ["balance", "--as-of", "2026-12-31", "--format", "json"],
    ["declare", "-c", "reciprocite-atelier-boussole", "-d", "2026-11-20", "-a", "1500.00",
     "--client", "Mairie de Roubaix", "--invoice-ref", "EARLY-1"],
    ["pay", "-c", "reciprocite-atelier-boussole", "-d", "2026-12-05", "-a", "126.00",
     "--reference", "VIR EARLY"],
    ["declare", "-c", "reciprocite-atelier-boussole", "-d", "2026-11-20", "-a", "1500.00",
     "--client", "Mairie de Roubaix", "--invoice-ref", "EARLY-1"],
    ["sign", "reciprocite-atelier-boussole", "--signatory", "host", "--date", "2026-12-06",
     "--method", "handwritten"],
    ["validate", "--format", "json"],
    ["status", "--format", "json"],
]  # fmt: skip


def _run_all(runner: CliRunner, root: Path) -> list[tuple[int, str, str]]:
    results = []
    for command in COMMANDS:
        result = runner.invoke(app, [*command, "-r", str(root)])
        shown = (result.stdout + result.stderr).replace(str(root), "ROOT")
        results.append((result.exit_code, shown, result.stderr.replace(str(root), "ROOT")))
    return results


def _contents(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_commands_give_the_same_results_when_the_files_are_examined_early(
    example_copy: Path,
    tmp_path: Path,
    two_cores: None,
    cache_on: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading, declaring, paying, declaring the same again (refused), signing and validating
    again, with the files examined at each command's start by a child, show and write exactly
    what they do when the files are examined at the read; and the early look did happen."""
    late = tmp_path / "late"
    shutil.copytree(example_copy, late)
    runner = CliRunner()
    expected = _run_all(runner, late)
    monkeypatch.setattr(scan, "EARLY_MIN_CACHE_BYTES", 0)
    started: list[SharedWork[str, object]] = []

    taken: list[SharedWork[str, object]] = []

    class Recorded(SharedWork):  # type: ignore[type-arg]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            started.append(self)

        def result(self) -> tuple[list[str], list[object]]:
            taken.append(self)
            return super().result()

    monkeypatch.setattr(scan, "SharedWork", Recorded)
    assert _run_all(runner, example_copy) == expected
    assert len(started) == len(COMMANDS) - 1  # all but the first: no cache yet
    assert taken == started  # each taken by the command's read
    assert _contents(example_copy).keys() == _contents(late).keys()
    assert _contents(example_copy) == _contents(late)
    assert [code for code, _, _ in expected[3:6]] == [0, 0, 1]


def test_the_lock_is_held_from_the_start_and_a_shared_one_released_after_the_read(
    example_copy: Path, cache_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Taken before the child starts, so that a writer cannot change the files between the
    look and the read: a reader's shared lock is released once the read is over (as its read
    alone would), a writer's exclusive one only at the end of the command."""
    read_registry(example_copy)  # a cache to be found
    monkeypatch.setattr(scan, "EARLY_MIN_CACHE_BYTES", 0)
    with scan.scan_started(example_copy, exclusive=False):
        assert not _can_write(example_copy)
        read_registry(example_copy)
        assert _can_write(example_copy)
    with scan.scan_started(example_copy, exclusive=True):
        assert not _can_write(example_copy)
        read_registry(example_copy)
        assert not _can_write(example_copy)
    assert _can_write(example_copy)


def _can_write(root: Path) -> bool:
    """Whether another writer could take the registry's lock now (it is taken on the folder:
    another open description of it, as another process would have)."""
    descriptor = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)
    return True


def test_a_small_registry_or_no_cache_starts_nothing(
    example_copy: Path,
    cache_on: None,
    two_cores: None,
    forked_children: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Below :data:`scan.EARLY_MIN_CACHE_BYTES` of cache, with the cache off, or on one core,
    no child is started and no lock taken before the read."""
    read_registry(example_copy)
    with scan.scan_started(example_copy, exclusive=True):
        assert _can_write(example_copy)
    monkeypatch.setattr(scan, "EARLY_MIN_CACHE_BYTES", 0)
    with scan.scan_started(example_copy, exclusive=True, cache=False):
        assert _can_write(example_copy)
    monkeypatch.setattr(scan, "usable_cores", lambda: 1)
    with scan.scan_started(example_copy, exclusive=True):
        assert _can_write(example_copy)
    assert forked_children == []


def test_a_lock_held_by_another_command_starts_nothing_and_a_usage_error_is_told_at_once(
    example_copy: Path,
    cache_on: None,
    two_cores: None,
    forked_children: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While another command reads the registry (its shared lock, taken through another open
    description as another process would), a writer starts no early look and does not wait
    at its start: a `declare` with a usage error says so at once, where it used to wait for
    the lock first (up to its timeout), then fail on it. A reader beside the other reader
    still starts early."""
    read_registry(example_copy)
    monkeypatch.setattr(scan, "EARLY_MIN_CACHE_BYTES", 0)
    monkeypatch.setenv(LOCK_TIMEOUT_VARIABLE, "1")
    descriptor = os.open(example_copy, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH)
        with scan.scan_started(example_copy, exclusive=True):
            assert forked_children == []
        with scan.scan_started(example_copy, exclusive=False):
            assert len(forked_children) == 1
        result = CliRunner().invoke(
            app, ["declare", "-r", str(example_copy), "--contract", "reciprocite-alice-movilab"]
        )
        assert result.exit_code == 2
        assert "give --contract, --date and --amount" in result.stderr
        assert "locked" not in result.stderr
    finally:
        os.close(descriptor)
    assert len(forked_children) == 1
