"""The `commons-contracts` command line (see :mod:`commons_contracts.cli.app`).

Importing this package registers every command on :data:`app`, one module per group.
"""

from __future__ import annotations

from commons_contracts.cli import (
    amendments,
    books,
    documents,
    funds,
    ledger,
    new,
    report,
    signatures,
    validation,
)
from commons_contracts.cli.app import app

__all__ = ["app", "main"]

# The command modules register their commands on `app` when imported.
_COMMAND_MODULES = (
    validation,
    new,
    ledger,
    funds,
    documents,
    signatures,
    amendments,
    report,
    books,
)


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="commons-contracts")
