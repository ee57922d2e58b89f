"""Child processes that never outlive the command, and telling whether a process still runs.

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
import os
import signal
import sys

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
