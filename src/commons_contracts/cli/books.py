"""The commands of the host's books: `books export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from commons_contracts.books.formats import BooksFormat
from commons_contracts.cli.app import (
    NoCacheOption,
    RegistryOption,
    app,
    fail,
    reports_errors,
    stderr,
    valid_registry,
)

books_app = typer.Typer(help="The host's books: accounting exports of the money movements.")
app.add_typer(books_app, name="books")


@books_app.command("export")
@reports_errors
def books_export(
    output_format: Annotated[
        BooksFormat,
        typer.Option("--format", "-f", help="fec (for the accountant), paheko or beancount."),
    ],
    year: Annotated[int, typer.Option("--year", "-y", help="The calendar year exported.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the file in (default: here).")
    ] = Path(),
    host: Annotated[
        str | None,
        typer.Option("--host", help="The host whose books these are, when there are several."),
    ] = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Write one year of the host's books as balanced entries on the associations' chart.

    Every entry is checked before anything is written: an unbalanced entry or an unknown
    account refuses the whole export. See docs/books.md for each format.
    """
    from commons_contracts.books.exports import export_books  # noqa: PLC0415
    from commons_contracts.books.journal import JournalRefusedError  # noqa: PLC0415

    _, valid = valid_registry(registry, no_cache)
    try:
        result = export_books(valid, output_format, year, out, host_id=host)
    except JournalRefusedError as refused:
        for diagnostic in refused.diagnostics:
            stderr.print(diagnostic.format_text(), markup=False)
        fail(str(refused))
    entries = len(result.journal.entries)
    stderr.print(
        f"{entries} entries of {year} for {result.host.name}, debits = credits = "
        f"{result.journal.debit:.2f} EUR",
        markup=False,
    )
    typer.echo(str(result.path))
