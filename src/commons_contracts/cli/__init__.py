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
    """The command line, as the console script runs it (through :mod:`commons_contracts.__main__`).

    Before parsing: an argument that is not valid text in the system's encoding (Python keeps
    its bytes as lone surrogates) is refused with a message, since it could reach a record or a
    file name only garbled; and on a terminal that cannot show a character (`→` or `€` in
    `PYTHONIOENCODING=cp1252`), it is shown as `?` rather than ending the command."""
    import sys  # noqa: PLC0415

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if reconfigure is not None and encoding != "utf8":
            reconfigure(errors="replace")
    for position, argument in enumerate(sys.argv[1:], start=1):
        if any("\udc80" <= character <= "\udcff" for character in argument):
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            from commons_contracts.i18n.translation import _  # noqa: PLC0415

            text = _(
                "error: argument {position} ({shown!r}) is not valid UTF-8 text: type it "
                "again, or rename the file it names"
            )
            sys.stderr.write(text.format(position=position, shown=shown) + "\n")
            raise SystemExit(2)
    app(prog_name="commons-contracts")
