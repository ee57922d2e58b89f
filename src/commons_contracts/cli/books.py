"""The commands of the host's books: `books export`, `invoice` and `receipt`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from commons_contracts.books.formats import BooksFormat
from commons_contracts.cli.app import (
    DocumentFormat,
    NoCacheOption,
    RegistryOption,
    app,
    cache_choice,
    fail,
    parse_day,
    reports_errors,
    show_added,
    stderr,
    valid_registry,
)

if TYPE_CHECKING:
    from commons_contracts.documents.issuing import Issued

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


def _issued_documents(
    issued: Issued,
    kind: str,
    registry: Path | None,
    no_cache: bool,
    lang: str | None,
    output_format: DocumentFormat,
    out: Path,
) -> None:
    """Show what issuing did, then write the record's documents."""
    from commons_contracts.documents.issuing import (  # noqa: PLC0415
        invoice_documents,
        receipt_documents,
    )

    if issued.new or issued.record_id is None:
        show_added(issued.added)
    if issued.record_id is None:
        fail(f"no {kind} was issued")
    if not issued.new:
        stderr.print(
            f"nothing new to issue: the documents of {kind} {issued.record_id} are written again",
            markup=False,
        )
    root, valid = valid_registry(registry, no_cache)
    make = invoice_documents if kind == "invoice" else receipt_documents
    record_id = issued.record_id
    if output_format is DocumentFormat.PDF:
        from commons_contracts.documents.pdf import soffice_command  # noqa: PLC0415

        soffice_command()
    rendered = make(valid, root, record_id, [lang], output_format=output_format.value, out_dir=out)
    for warning in rendered.warnings:
        stderr.print(warning.format_text(), markup=False)
    for path in rendered.paths:
        typer.echo(str(path))


@app.command()
@reports_errors
def invoice(
    contract_id: Annotated[str, typer.Argument(help="A royalty reciprocity contract.")],
    period: Annotated[
        str, typer.Option("--period", "-p", help="2026-11 (month), 2026-Q4 (quarter) or 2026.")
    ],
    date: Annotated[
        str | None, typer.Option("--date", help="The date of issue (default: today).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help="fr or en (default: the contract's).")
    ] = None,
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="pdf (Factur-X) or docx.")
    ] = DocumentFormat.PDF,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Issue the invoice of one period of a royalty contract, numbered in the host's one
    sequence (a record under invoices/), and write it as a Factur-X PDF.

    A period whose due went down after its invoice gets a credit note; a period invoiced in
    full gets its invoice written again, and nothing new is issued.
    """
    from commons_contracts.documents.issuing import issue_invoice  # noqa: PLC0415
    from commons_contracts.registry.files import find_registry_root  # noqa: PLC0415 - not for --help

    day = parse_day(date, "--date")
    root = find_registry_root(registry)
    issued = issue_invoice(root, contract_id, period, day, cache=cache_choice(no_cache))
    _issued_documents(issued, "invoice", registry, no_cache, lang, output_format, out)


@app.command()
@reports_errors
def receipt(
    payment_id: Annotated[str, typer.Argument(help="A payment under a donation contract.")],
    date: Annotated[
        str | None, typer.Option("--date", help="The date of issue (default: today).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help="fr or en (default: the contract's).")
    ] = None,
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="pdf or docx.")
    ] = DocumentFormat.PDF,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Issue the tax receipt of one gift (a payment under a donation contract), numbered in
    the host's sequence of receipts (a record under receipts/), with the mentions of the
    official model; refused, with the reason, when the host may issue none."""
    from commons_contracts.documents.issuing import issue_receipt  # noqa: PLC0415
    from commons_contracts.registry.files import find_registry_root  # noqa: PLC0415 - not for --help

    day = parse_day(date, "--date")
    root = find_registry_root(registry)
    issued = issue_receipt(root, payment_id, day, cache=cache_choice(no_cache))
    _issued_documents(issued, "receipt", registry, no_cache, lang, output_format, out)
