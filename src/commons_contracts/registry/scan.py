"""The record files of a registry as found on disk, each with its key, and where the registry's
cache lives: what every command that reads the registry does first, kept apart from the cache
itself so that a command can start it before it imports anything else.

A file's key is what git keeps in its index for it: size, modification and change times,
inode and device (:class:`FileState`). A registry of a hundred thousand files takes half a
second to examine; from :data:`PARALLEL_STAT_MIN_FILES` files a forked child shares the work
(:class:`~commons_contracts.core.processes.SharedWork`). A command that reads a large registry
(its cache is large: :data:`EARLY_MIN_CACHE_BYTES`) starts that work before it imports what it
needs (:func:`scan_started`): a child lists the files and examines them from the last one
backwards while the command imports the rest of the program, and the command's first look at
the files (:func:`taken_scan`) examines those the child has not reached and takes what it
found. The registry's lock is taken before the child starts, so that what it finds is what the
command reads.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from commons_contracts.core.dates import today
from commons_contracts.core.processes import SharedWork, shared_with_a_child, usable_cores
from commons_contracts.core.store import LockBusyError, registry_lock
from commons_contracts.i18n.translation import current_language
from commons_contracts.registry.root import registry_files

NO_CACHE_VARIABLE = "COMMONS_CONTRACTS_NO_CACHE"
"""Set to anything but `0` or nothing, the environment variable that turns the cache off."""

PARALLEL_STAT_MIN_FILES = 20_000
"""From this many files, a forked child shares their examination (BENCHMARKS.md)."""

EARLY_MIN_CACHE_BYTES = 10_000_000
"""From this size of a registry's cache, a command starts examining the registry's files as it
starts (:func:`scan_started`): the cache keeps about 500 bytes per file, so this is a registry
that had some :data:`PARALLEL_STAT_MIN_FILES` files when last read. Below it the files are
examined when they are read, as the extra process would cost more than it saves."""


def cache_enabled(cache: bool | None = None) -> bool:
    """Whether to use the cache: `cache` when given, else unless the environment variable
    :data:`NO_CACHE_VARIABLE` is set."""
    if cache is not None:
        return cache
    return os.environ.get(NO_CACHE_VARIABLE, "") in ("", "0")


def cache_folder() -> Path:
    """The folder of every registry's cache: `$XDG_CACHE_HOME/commons-contracts`, or
    `~/.cache/commons-contracts` (an `XDG_CACHE_HOME` that is not absolute is ignored, as the
    XDG specification says)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    home = Path(base) if os.path.isabs(base) else Path.home() / ".cache"  # noqa: PTH117
    return home / "commons-contracts"


def cache_file(root: Path) -> Path:
    """The cache database of the registry at `root`, one per language of the messages (the
    diagnostics it keeps are worded in it)."""
    name = hashlib.sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:32]
    return cache_folder() / "registries" / f"{name}.{current_language()}.sqlite"


class FileState(NamedTuple):
    """A record file as found on disk: its path in the registry and its key (a named tuple:
    a hundred thousand are made on every run)."""

    shown: str
    key: str | None
    """`size mtime ctime inode device` (nanoseconds), None when the file cannot be examined."""
    changed_ns: int
    """The later of its modification and change times."""


def now_ns() -> int:
    """The cache's clock: when a look at the files starts (tests move it ahead)."""
    return time.time_ns()


def scan_registry(root: Path) -> list[FileState]:
    """Every record file of the registry at `root`, sorted, with its key."""
    return stat_files(os.fspath(root), registry_files(root))


def stat_files(base: str, shown_paths: Sequence[str]) -> list[FileState]:
    """The state of each file of `shown_paths` (relative to `base`), in the same order."""
    # A hundred thousand files: plain strings and tuples, no pathlib, one system call each.
    if len(shown_paths) >= PARALLEL_STAT_MIN_FILES:
        found = shared_with_a_child(functools.partial(_states, base), shown_paths)
    else:
        found = _states(base, shown_paths)
    return list(map(FileState._make, found))


def _states(base: str, shown_paths: Sequence[str]) -> list[tuple[str, str | None, int]]:
    """What makes each file's :class:`FileState`, as plain tuples (they may come from a child
    process)."""
    states: list[tuple[str, str | None, int]] = []
    prefix = base + os.sep
    stat = os.stat
    for shown in shown_paths:
        try:
            found = stat(prefix + shown)
        except OSError:
            states.append((shown, None, 0))
            continue
        mtime, ctime = found.st_mtime_ns, found.st_ctime_ns
        key = f"{found.st_size} {mtime} {ctime} {found.st_ino} {found.st_dev}"
        states.append((shown, key, mtime if mtime > ctime else ctime))
    return states


@dataclass
class Scan:
    """A look at a registry's files: when it started (the cache's clock, and the day) and,
    once :meth:`files` is called, what it found (by a child that :func:`scan_started` forked,
    or examined then)."""

    root: Path
    scanned_ns: int
    scanned_on: datetime.date
    _work: SharedWork[str, tuple[str, str | None, int]] | None = None

    def files(self) -> list[FileState]:
        """Every record file of the registry, sorted, with its key."""
        if self._work is None:
            return scan_registry(self.root)
        _, found = self._work.result()
        return list(map(FileState._make, found))


_started: dict[str, tuple[Scan, contextlib.ExitStack | None]] = {}
"""The looks :func:`scan_started` started, by registry, each with its shared lock (released
once the read that takes the look is over) or None (an exclusive lock, held to the end)."""


@contextlib.contextmanager
def scan_started(root: Path, *, exclusive: bool, cache: bool | None = None) -> Iterator[None]:
    """For the block, the registry's lock (`exclusive` for a command that writes records),
    and its files being examined from now on by a forked child, when its cache is large
    (:data:`EARLY_MIN_CACHE_BYTES`); the first look at the files of `root` in the block
    (:func:`taken_scan`) takes what it found. A shared lock is released when that read is over,
    as :func:`~commons_contracts.registry.cache.read_registry` releases its own; an exclusive one
    when the block ends. Otherwise (a small registry, the cache off, one core, or the lock
    another command's now), nothing: the command waits for the lock at its read, after its own
    checks of what it was asked (a usage error is told at once)."""
    if not _worth_starting(root, cache):
        yield
        return
    key = os.path.realpath(root)
    with contextlib.ExitStack() as stack:
        lock = stack.enter_context(contextlib.ExitStack())
        if not _locked_at_once(lock, root, exclusive=exclusive):
            yield
            return
        scanned_ns, scanned_on = now_ns(), today()
        work = SharedWork(
            functools.partial(_states, os.fspath(root)), functools.partial(registry_files, root)
        )
        stack.callback(work.cancel)
        _started[key] = (Scan(root, scanned_ns, scanned_on, work), None if exclusive else lock)
        stack.callback(_started.pop, key, None)
        yield


def _locked_at_once(
    stack: contextlib.ExitStack[bool | None], root: Path, *, exclusive: bool
) -> bool:
    """Whether the registry's lock was free, and is now held until `stack` closes."""
    try:
        stack.enter_context(registry_lock(root, shared=not exclusive, wait=False))
    except LockBusyError:
        return False
    return True


def _worth_starting(root: Path, cache: bool | None) -> bool:
    if not cache_enabled(cache) or not hasattr(os, "fork") or usable_cores() < 2:
        return False
    try:
        return cache_file(root).stat().st_size >= EARLY_MIN_CACHE_BYTES
    except OSError:
        return False


@contextlib.contextmanager
def taken_scan(root: Path) -> Iterator[Scan]:
    """A look at the files of the registry at `root` starting now, or the one
    :func:`scan_started` started (taken once); see :class:`Scan`."""
    started = _started.pop(os.path.realpath(root), None)
    if started is None:
        yield Scan(root, now_ns(), today())
        return
    scan, lock = started
    try:
        yield scan
    finally:
        if scan._work is not None:  # the child stopped before the lock it shares is released
            scan._work.cancel()
        if lock is not None:
            lock.close()
