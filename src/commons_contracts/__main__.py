"""The command line's entry point: `python -m commons_contracts` and the `commons-contracts`
script.

`commons-contracts --version` alone is answered here, before the command line is imported
(typer alone takes a tenth of a second to import); with anything else, or within a command,
the application's own `--version` prints the same line.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the console script (see :func:`commons_contracts.cli.main`)."""
    if sys.argv[1:] == ["--version"]:
        from commons_contracts import version_line  # noqa: PLC0415

        sys.stdout.write(version_line() + "\n")
        return
    from commons_contracts.cli import main as command_line  # noqa: PLC0415

    command_line()


if __name__ == "__main__":
    main()
