"""The command line's entry point: `python -m commons_contracts` and the `commons-contracts`
script.

`commons-contracts --version` alone is answered here, before the command line is imported
(typer alone takes a tenth of a second to import); with anything else, or within a command,
the application's own `--version` prints the same line.

The cycle collector is paused while the command line is imported, and once the command is
over the process leaves without freeing its memory one object at a time (:func:`_leave`): on
a large registry, 0.05-0.06 s of every command in all (BENCHMARKS.md).
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Entry point of the console script (see :func:`commons_contracts.cli.main`)."""
    if sys.argv[1:] == ["--version"]:
        from commons_contracts import version_line  # noqa: PLC0415

        try:
            sys.stdout.write(version_line() + "\n")
        except BrokenPipeError:  # as in _leave
            os._exit(1)
        _leave(0)
        return
    # The command line's modules make a hundred thousand objects and no garbage: the cycle
    # collector would walk them 40 times while they are imported (10 ms), and again later.
    gc.disable()
    try:
        from commons_contracts.cli import main as command_line  # noqa: PLC0415
    finally:
        gc.freeze()  # kept for the whole run: never walked again
        gc.enable()
    try:
        command_line()
    except SystemExit as leaving:
        _leave(leaving.code)
    _leave(0)


def _leave(code: object) -> None:
    """End the process with `code`, as :class:`SystemExit` would, but without its cleanup: a
    command that read 100,000 records holds millions of objects, which the interpreter would
    free one by one before it exits (as mypy does, `os._exit` once the output is flushed).

    Nothing is lost: every file the commands write is closed (and synced) before they return,
    the cache's transactions are committed, and child processes are waited for or die with
    this one. Where anything could still be pending (a thread running, the output not
    flushed), the process leaves the usual way."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        raise SystemExit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # a message, printed as SystemExit prints it
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:  # its reader has gone (`| head`): quietly, as typer leaves
            status = status or 1
        except (OSError, ValueError):  # a closed stream, a full disk: as Python reports it
            raise SystemExit(status) from None
    os._exit(status)


if __name__ == "__main__":
    main()
