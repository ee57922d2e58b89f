"""Child processes that never outlive the command, telling whether a process still runs, and
work shared with a forked child.

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
import marshal
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a child process (as `preexec_fn`, or first thing in a worker): be killed when the
    parent dies. Does nothing where `prctl` does not exist."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


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


def shared_with_a_child(work: Callable[[Sequence[T]], list[R]], items: Sequence[T]) -> list[R]:
    """`work(items)`, its second half done at the same time by a forked child process: for work
    made mostly of system calls (a `stat` per file), which a second core halves.

    The child's results come back through a pipe as :mod:`marshal` data, so they must be texts,
    numbers, None and tuples or lists of them. If the child fails in any way (killed, or its
    data cut short), this process does its half itself: the result is always `work(items)`.
    Where `fork` does not exist, or with one core, everything is done here."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2 or len(items) < 2:
        return work(items)
    half = len(items) // 2
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its half, then gone without running any of the parent's cleanup
        status = 1
        try:
            os.close(reading)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            die_with_parent()
            data = marshal.dumps(work(items[half:]))
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    try:
        mine = work(items[:half])
        with os.fdopen(reading, "rb") as pipe:
            data = pipe.read()
    except BaseException:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _, status = os.waitpid(pid, 0)
    theirs: list[R] | None = None
    if os.waitstatus_to_exitcode(status) == 0:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            theirs = marshal.loads(data)  # our own child's data: texts and numbers
    if not isinstance(theirs, list) or len(theirs) != len(items) - half:
        theirs = work(items[half:])
    return mine + theirs
