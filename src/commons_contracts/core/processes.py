"""Child processes that never outlive the command, telling whether a process still runs, work
shared with a forked child, and the cycle collector paused over work that makes many objects.

A command killed with `kill -9` cannot clean up after itself: its children (LibreOffice, the
workers converting documents) would run on, orphans. On Linux every child the tool starts
asks the kernel to kill it when its parent dies (`prctl(PR_SET_PDEATHSIG, SIGKILL)`) and runs
in a process group of its own, so that its own children can be killed with it. Temporary files
and folders carry the id of the process that made them, so that the next run removes those
of a process that no longer runs (:func:`process_alive`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import gc
import marshal
import mmap
import os
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO, Generic, NoReturn, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a child process (as `preexec_fn`, or first thing in a worker): be killed when the
    parent dies. Does nothing where `prctl` does not exist."""
    libc = _libc()
    if libc is not None:
        with contextlib.suppress(OSError, AttributeError):
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    # Found once per process (`find_library` runs `ldconfig`, a process of its own), and before
    # any fork, so that a child needs no process of its own to ask for its parent's death.
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def process_alive(pid: int) -> bool:
    """Whether a process of this id runs (one of another user counts as running)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def usable_cores() -> int:
    """How many cores this process may run on: those of its affinity where the system says
    (a container or `taskset` may allow fewer than the machine has), else the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def shared_with_a_child(work: Callable[[Sequence[T]], list[R]], items: Sequence[T]) -> list[R]:
    """`work(items)`, shared with a forked child process: for work made mostly of system calls
    (a `stat` per file), which a second core shortens (by a third on the two cores of the
    benchmarks: BENCHMARKS.md). See :class:`SharedWork`."""
    return SharedWork(work, lambda: list(items), listed=True).result()[1]


_CHUNK = 1000
"""Items in each chunk of shared work (a few milliseconds of `stat`s)."""

_MOST_CHUNKS = 1 << 16
"""Chunks of shared work at most (more items make larger chunks): one byte each is shared."""

_MINE, _THEIRS = 1, 2


class SharedWork(Generic[T, R]):
    """`work(items)` over the items that `listing()` gives, started now and shared with a
    forked child process while this one goes on with other things (importing what the command
    needs): :meth:`result` gives the items and the work's results, in order.

    The items are done in chunks: the child from the last one backwards, this process (from
    :meth:`result`) from the first one onwards, each claiming a chunk in a page of memory they
    share before doing it, until they meet. A child that started early does more than half;
    two processes that claim the same chunk at once both do it, which changes nothing. Unless
    `listed` (the items are known here), the child lists the items itself and sends them
    first; :meth:`result` waits for them. The child's data come back through a pipe as
    :mod:`marshal` data, so items and results must be texts, numbers, None and tuples or lists
    of them.

    Whatever happens to the child (killed, its data cut short, its exit status lost to a
    parent program that ignores SIGCHLD), this process does what the child did not send
    whole, so the result is always that of `listing()` and `work` done here. Ctrl-C is held
    back across the fork, so that it reaches the command, never a child still running the
    command's code; the child is killed with this process, and by :meth:`cancel` (or at the
    end of :meth:`result`, if it runs on). Where `fork` does not exist, or with one core,
    everything is done here, in :meth:`result`."""

    def __init__(
        self,
        work: Callable[[Sequence[T]], list[R]],
        listing: Callable[[], list[T]],
        *,
        listed: bool = False,
    ) -> None:
        self._work = work
        self._listing = listing
        self._items = listing() if listed else None
        self._pid = 0
        self._pipe: BinaryIO | None = None
        self._spool: BinaryIO | None = None
        self._claims: mmap.mmap | None = None
        self._done = False
        few = self._items is not None and len(self._items) < 2
        if hasattr(os, "fork") and usable_cores() >= 2 and not few:
            self._start()

    def _start(self) -> None:
        _libc()
        # The child's list of items is large (a hundred thousand paths, 5 MB) and a pipe holds
        # 64 KiB: through the pipe, the child would wait for this process to read it before
        # doing its part of the work. It is written to an unnamed file instead, and the pipe
        # only says how long it is.
        spool = None if self._items is not None else tempfile.TemporaryFile()  # noqa: SIM115
        claims = mmap.mmap(-1, _MOST_CHUNKS)  # anonymous, shared with the child
        reading, writing = os.pipe()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
            if pid == 0:  # the child: its part, then gone without running the parent's cleanup
                self._claims = claims
                _child(functools.partial(self._child_frames, spool), reading, writing)
            os.close(writing)
            self._pid, self._pipe, self._spool = pid, os.fdopen(reading, "rb"), spool
            self._claims = claims
        except OSError:  # no process to be had (a limit reached): all of it here
            os.close(reading)
            os.close(writing)
            claims.close()
            if spool is not None:
                spool.close()
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

    def _child_frames(self, spool: BinaryIO | None) -> Iterator[bytes]:
        items = self._items
        if items is None:
            assert spool is not None
            items = self._listing()
            listed = marshal.dumps(items)
            spool.write(listed)
            spool.flush()
            yield marshal.dumps(len(listed))
        assert self._claims is not None
        size, count = _chunks(len(items))
        parts: list[list[R]] = []
        first = count
        while first > 0 and not self._claims[first - 1]:
            first -= 1
            self._claims[first] = _THEIRS
            parts.append(self._work(items[first * size : (first + 1) * size]))
        results = [result for part in reversed(parts) for result in part]
        yield marshal.dumps((first, results))

    def result(self) -> tuple[list[T], list[R]]:
        """The items and `work`'s results for them (the child's part joined)."""
        try:
            items = self._items
            if items is None:
                sent = self._received_listing()
                if isinstance(sent, list):
                    items = sent
                else:  # not listed by the child: all of it here
                    self.cancel()
                    items = self._listing()
            if self._claims is None:
                return items, self._work(items)
            size, count = _chunks(len(items))
            mine: list[R] = []
            done = 0
            while done < count and not self._claims[done]:
                self._claims[done] = _MINE
                mine.extend(self._work(items[done * size : (done + 1) * size]))
                done += 1
            if done < count:  # the child's from here
                theirs = self._their_part(items, size, done)
                mine.extend(self._work(items[done * size :]) if theirs is None else theirs)
            return items, mine
        finally:
            self.cancel()

    def _their_part(self, items: Sequence[T], size: int, done: int) -> list[R] | None:
        """The child's results for the items from chunk `done` on, or None when they did not
        come whole."""
        sent = self._received()
        if not isinstance(sent, tuple) or len(sent) != 2:
            return None
        first, theirs = sent
        if type(first) is not int or not 0 <= first <= done:
            return None
        part = items[first * size :]
        if not isinstance(theirs, list) or len(theirs) != len(part):
            return None
        self._done = True
        return theirs[(done - first) * size :]

    def _received_listing(self) -> Any:
        """The items the child listed, or None when they did not come whole."""
        if self._pipe is None or self._spool is None:
            return None
        size = self._received()
        if type(size) is not int:
            return None
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            data = os.pread(self._spool.fileno(), size, 0)
            if len(data) == size:
                return marshal.loads(data)  # our own child's data: texts and numbers
        return None

    def _received(self) -> Any:
        """The child's next frame, or None when it did not come whole."""
        assert self._pipe is not None
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            head = self._pipe.read(8)
            if len(head) == 8:
                size = int.from_bytes(head, "little")
                data = self._pipe.read(size)
                if len(data) == size:
                    return marshal.loads(data)  # our own child's data: texts and numbers
        return None

    def cancel(self) -> None:
        """Stop the child if it may still run, wait for it and close the pipe (done once). A
        child that sent all its part is only waited for: it has ended or is ending, and where
        the kernel has already reaped it (SIGCHLD ignored) its id may be another's."""
        if self._pipe is None:
            return
        if not self._done:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
        _reap(self._pid)
        self._pipe.close()
        self._pipe = None
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        if self._claims is not None:
            self._claims.close()
            self._claims = None


def _chunks(count: int) -> tuple[int, int]:
    """The size of each chunk of `count` items of shared work, and how many chunks."""
    size = max(_CHUNK, -(-count // _MOST_CHUNKS))
    return size, -(-count // size)


def _child(frames: Callable[[], Iterator[bytes]], reading: int, writing: int) -> NoReturn:
    status = 1
    try:
        gc.disable()  # a short life, and no cycles to collect
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        os.close(reading)
        die_with_parent()
        with os.fdopen(writing, "wb") as pipe:
            for frame in frames():
                pipe.write(len(frame).to_bytes(8, "little"))
                pipe.write(frame)
                pipe.flush()
        status = 0
    finally:
        os._exit(status)


def _reap(pid: int) -> None:
    # A parent program that ignores SIGCHLD leaves no status to wait for: the kernel reaped it.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a registry is read and checked, or its balances
    computed.

    Reading 100,000 records keeps millions of small objects alive, and each automatic pass of
    the collector walks them all again: with it running, validation takes half as long again.
    The records form no reference cycles, so nothing is left uncollected; memory is still
    freed by reference counting as usual.

    On leaving, every object is moved to the collector's oldest generation (:func:`gc.freeze`
    then :func:`gc.unfreeze`) before it resumes: otherwise its next pass walks every object
    made in the block, all of them still in its youngest generation, to find nothing to
    collect (0.06-0.15 s after reading a registry of 100,000 declarations, BENCHMARKS.md).
    They are walked again only by a full collection, which Python makes once the old objects
    have grown enough; any garbage among them is collected then.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
