"""The commands of the host's books: `books export`, `invoice`, `receipt` and `receipts`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from commons_contracts.books.formats import BooksFormat
from commons_contracts.cli.app import (
    DocumentFormat,
    NoCacheOption,
    OutFolderOption,
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
from commons_contracts.i18n.translation import _, ngettext
from commons_contracts.registry.root import find_registry_root

if TYPE_CHECKING:
    from commons_contracts.documents.issuing import Issued
    from commons_contracts.documents.render import RenderedDocuments

IssueDateOption = Annotated[
    str | None, typer.Option("--date", help=_("The date of issue (default: today)."))
]
ReceiptFormatOption = Annotated[
    DocumentFormat, typer.Option("--format", "-f", help=_("pdf or docx."))
]

books_app = typer.Typer(help=_("The host's books: accounting exports of the money movements."))
app.add_typer(books_app, name="books")


@books_app.command(
    "export",
    help=_(
        "Write one year of the host's books as balanced entries on the associations' "
        "chart.\n\n"
        "Every entry is checked before anything is written: an unbalanced entry or an "
        "unknown account refuses the whole export. See docs/books.md for each format."
    ),
)
@reports_errors
def books_export(
    output_format: Annotated[
        BooksFormat,
        typer.Option("--format", "-f", help=_("fec (for the accountant), paheko or beancount.")),
    ],
    year: Annotated[int, typer.Option("--year", "-y", help=_("The calendar year exported."))],
    out: Annotated[
        Path, typer.Option("--out", "-o", help=_("Folder to write the file in (default: here)."))
    ] = Path(),
    host: Annotated[
        str | None,
        typer.Option("--host", help=_("The host whose books these are, when there are several.")),
    ] = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.books.exports import export_books  # noqa: PLC0415
    from commons_contracts.books.journal import JournalRefusedError  # noqa: PLC0415

    valid = valid_registry(registry, no_cache)[1]
    try:
        result = export_books(valid, output_format, year, out, host_id=host)
    except JournalRefusedError as refused:
        for diagnostic in refused.diagnostics:
            stderr.print(diagnostic.format_text(), markup=False)
        fail(str(refused))
    entries = len(result.journal.entries)
    summary = ngettext(
        "{n} entry of {year} for {host}, debits = credits = {total} EUR",
        "{n} entries of {year} for {host}, debits = credits = {total} EUR",
        entries,
    )
    total = f"{result.journal.debit:.2f}"
    stderr.print(
        summary.format(n=entries, year=year, host=result.host.name, total=total), markup=False
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
        fail(_("no invoice was issued") if kind == "invoice" else _("no receipt was issued"))
    if not issued.new:
        again = (
            _("nothing new to issue: the documents of invoice {id} are written again")
            if kind == "invoice"
            else _("nothing new to issue: the documents of receipt {id} are written again")
        )
        stderr.print(again.format(id=issued.record_id), markup=False)
    root, valid = valid_registry(registry, no_cache)
    record_id = issued.record_id
    if output_format is DocumentFormat.PDF:
        from commons_contracts.documents.pdf import soffice_command  # noqa: PLC0415

        soffice_command()
    rendered = (
        invoice_documents(
            valid, root, record_id, [lang], output_format=output_format.value, out_dir=out
        )
        if kind == "invoice"
        else receipt_documents(
            valid, root, [record_id], [lang], output_format=output_format.value, out_dir=out
        )
    )
    _show_rendered(rendered)


def _show_rendered(rendered: RenderedDocuments) -> None:
    """The warnings about what the documents print, then their paths."""
    for warning in rendered.warnings:
        stderr.print(warning.format_text(), markup=False)
    for path in rendered.paths:
        typer.echo(str(path))


@app.command(
    help=_(
        "Issue the invoice of one period of a royalty contract, numbered in the host's "
        "one sequence (a record under invoices/), and write it as a Factur-X PDF.\n\n"
        "A period whose due went down after its invoice gets a credit note; a period "
        "invoiced in full gets its invoice written again, and nothing new is issued."
    )
)
@reports_errors
def invoice(
    contract_id: Annotated[str, typer.Argument(help=_("A royalty reciprocity contract."))],
    period: Annotated[
        str, typer.Option("--period", "-p", help=_("2026-11 (month), 2026-Q4 (quarter) or 2026."))
    ],
    date: IssueDateOption = None,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help=_("fr or en (default: the contract's)."))
    ] = None,
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help=_("pdf (Factur-X) or docx."))
    ] = DocumentFormat.PDF,
    out: OutFolderOption = Path("out"),
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.documents.issuing import issue_invoice  # noqa: PLC0415

    day = parse_day(date, "--date")
    root = find_registry_root(registry)
    issued = issue_invoice(root, contract_id, period, day, cache=cache_choice(no_cache))
    _issued_documents(issued, "invoice", registry, no_cache, lang, output_format, out)


@app.command(
    help=_(
        "Issue the tax receipt of one gift (a payment under a donation contract), "
        "numbered in the host's sequence of receipts (a record under receipts/), with the "
        "mentions of the official model; refused, with the reason, when the host may "
        "issue none."
    )
)
@reports_errors
def receipt(
    payment_id: Annotated[str, typer.Argument(help=_("A payment under a donation contract."))],
    date: IssueDateOption = None,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help=_("fr or en (default: the contract's)."))
    ] = None,
    output_format: ReceiptFormatOption = DocumentFormat.PDF,
    out: OutFolderOption = Path("out"),
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.documents.issuing import issue_receipt  # noqa: PLC0415

    day = parse_day(date, "--date")
    root = find_registry_root(registry)
    issued = issue_receipt(root, payment_id, day, cache=cache_choice(no_cache))
    _issued_documents(issued, "receipt", registry, no_cache, lang, output_format, out)


@app.command(
    help=_(
        "Issue the tax receipt of every gift of a year that has none yet, numbered in the "
        "order of the gifts, all of them or none, then write the documents of every receipt "
        "of the year's gifts (the new ones and those issued before). A gift whose host may "
        "issue no receipt is listed with the reason; running it again issues only what is new."
    )
)
@reports_errors
def receipts(
    year: Annotated[int, typer.Option("--year", "-y", help=_("The year of the gifts."))],
    date: IssueDateOption = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help=_("fr or en (default: each contract's).")),
    ] = None,
    output_format: ReceiptFormatOption = DocumentFormat.PDF,
    out: OutFolderOption = Path("out"),
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.documents.issuing import (  # noqa: PLC0415
        issue_receipts,
        receipt_documents,
        receipts_of_year,
    )

    day = parse_day(date, "--date")
    root = find_registry_root(registry)
    if output_format is DocumentFormat.PDF:
        from commons_contracts.documents.pdf import soffice_command  # noqa: PLC0415

        soffice_command()  # before any number is taken
    issued = issue_receipts(root, year, day, cache=cache_choice(no_cache))
    for payment_id, reason in issued.skipped:
        stderr.print(
            _("no tax receipt for '{payment_id}': {refusal}").format(
                payment_id=payment_id, refusal=reason
            ),
            markup=False,
        )
    if issued.record_ids or issued.added.diagnostics:
        show_added(issued.added)
    valid = valid_registry(registry, no_cache)[1]
    every = receipts_of_year(valid, year)
    rendered = receipt_documents(
        valid, root, every, [lang], output_format=output_format.value, out_dir=out
    )
    _show_rendered(rendered)
    stderr.print(
        _("the gifts of {year}: new receipts {new}, documents written {every}").format(
            year=year, new=len(issued.record_ids), every=len(every)
        ),
        markup=False,
    )
