"""Commands of the reversal ledger: `declare`, `pay`, `balance`, `statement`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from commons_contracts.cli.app import (
    AsOfOption,
    DocumentFormat,
    FormatOption,
    NoCacheOption,
    OutFolderOption,
    OutputFormat,
    RegistryOption,
    TableFormat,
    app,
    cache_choice,
    examines_early,
    parse_day,
    reports_errors,
    show_added,
    show_tables,
    stderr,
    valid_registry,
    valid_registry_keeping,
    write_documents,
)
from commons_contracts.errors import UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.registry.root import find_registry_root

if TYPE_CHECKING:
    from commons_contracts.validation.spreadsheets import ImportKind

FromOption = Annotated[
    Path | None,
    typer.Option(
        "--from",
        "--csv",
        help=_(
            "Read every row of a spreadsheet instead: .csv, .ods or .xlsx (see "
            "docs/entry-and-imports.md)."
        ),
        exists=True,
        dir_okay=False,
        show_default=False,
    ),
]
RulesOption = Annotated[
    str | None,
    typer.Option(
        "--rules", help=_("With --from: the import rule of the workspace to read the file with.")
    ),
]
SheetOption = Annotated[
    str | None,
    typer.Option("--sheet", help=_("With --from: the sheet of the workbook (default: the first).")),
]


@app.command(
    help=_(
        "Declare a service that owes a share, as a new record under declarations/YYYY/.\n\n"
        "The record is validated with the whole registry before it is written; with "
        "--from (or --csv), every row of the spreadsheet is checked first and nothing is "
        "written unless all are valid."
    )
)
@reports_errors
@examines_early(writes=True)
def declare(
    contract: Annotated[
        str | None, typer.Option("--contract", "-c", help=_("Reciprocity contract id."))
    ] = None,
    date: Annotated[str | None, typer.Option("--date", "-d", help=_("Date, YYYY-MM-DD."))] = None,
    amount: Annotated[
        str | None,
        typer.Option(
            "--amount",
            "-a",
            help=_("Revenue excl. VAT, 1500.50 or 1 500,50 (negative: credit note)."),
        ),
    ] = None,
    client: Annotated[str | None, typer.Option(help=_("Who the service was sold to."))] = None,
    description: Annotated[str | None, typer.Option(help=_("What the service was."))] = None,
    share: Annotated[
        list[str] | None,
        typer.Option("--share", help=_("COMMONS=PERCENT, once per commons of a shared contract.")),
    ] = None,
    invoice_ref: Annotated[str | None, typer.Option(help=_("Reference of the invoice."))] = None,
    from_file: FromOption = None,
    rules: RulesOption = None,
    sheet: SheetOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.validation.entries import (  # noqa: PLC0415
        add_records,
        declaration_draft,
        parse_shares,
    )

    root = find_registry_root(registry)
    if from_file is not None:
        if any(v is not None for v in (date, amount, client, description, share, invoice_ref)):
            raise UsageError(
                _("--from takes the values from the file: give only --contract with it")
            )
        _import(root, from_file, "declaration", contract, rules, sheet, no_cache, output_format)
        return
    if rules is not None or sheet is not None:
        raise UsageError(_("--rules and --sheet go with --from FILE"))
    if contract is None or date is None or amount is None:
        raise UsageError(_("give --contract, --date and --amount (or --from FILE)"))
    shares = parse_shares(share) if share else None
    if share and shares is None:
        raise UsageError(_("write --share COMMONS=PERCENT, e.g. --share movilab=70"))
    draft = declaration_draft(
        contract,
        date,
        amount,
        client=client,
        description=description,
        shares=shares,
        invoice_ref=invoice_ref,
    )
    show_added(add_records(root, [draft], cache=cache_choice(no_cache)), output_format)


@app.command(
    help=_(
        "Record a payment received by the host, as a new record under payments/YYYY/.\n\n"
        "With --from (or --csv), every row of a spreadsheet (a bank export) is a payment, "
        "all written or none."
    )
)
@reports_errors
@examines_early(writes=True)
def pay(
    contract: Annotated[
        str | None, typer.Option("--contract", "-c", help=_("Reciprocity contract id."))
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help=_("Date received, YYYY-MM-DD."))
    ] = None,
    amount: Annotated[
        str | None,
        typer.Option("--amount", "-a", help=_("Amount received, incl. VAT (1500.50 or 1 500,50).")),
    ] = None,
    reference: Annotated[str | None, typer.Option(help=_("Bank reference."))] = None,
    from_file: FromOption = None,
    rules: RulesOption = None,
    sheet: SheetOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.validation.entries import add_records, payment_draft  # noqa: PLC0415

    root = find_registry_root(registry)
    if from_file is not None:
        if any(v is not None for v in (date, amount, reference)):
            raise UsageError(
                _("--from takes the values from the file: give only --contract with it")
            )
        _import(root, from_file, "payment", contract, rules, sheet, no_cache, output_format)
        return
    if rules is not None or sheet is not None:
        raise UsageError(_("--rules and --sheet go with --from FILE"))
    if contract is None or date is None or amount is None:
        raise UsageError(_("give --contract, --date and --amount (or --from FILE)"))
    draft = payment_draft(contract, date, amount, reference)
    show_added(add_records(root, [draft], cache=cache_choice(no_cache)), output_format)


@app.command(
    help=_(
        "Cancel a declaration or a payment entered by mistake, as a new record under "
        "voids/.\n\n"
        "The record cancelled stays where it is (the registry's history is never "
        "rewritten); from now on balances, statements, the books and the report leave it "
        "out, and `balance` says it is voided."
    )
)
@reports_errors
@examines_early(writes=True)
def void(
    record_id: Annotated[str, typer.Argument(help=_("The declaration or payment cancelled."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Why it is cancelled."))],
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", help=_("Day of the cancellation (default: today).")),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help=_("declaration or payment, when both have this id.")),
    ] = None,
    output_format: FormatOption = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.validation.entries import add_records, void_draft  # noqa: PLC0415

    day = parse_day(date, "--date").isoformat()
    root = find_registry_root(registry)
    result = add_records(
        root,
        lambda valid: [void_draft(valid, record_id, reason, day, kind)],
        cache=cache_choice(no_cache),
    )
    show_added(result, output_format)


def _import(
    root: Path,
    path: Path,
    kind: ImportKind,
    contract: str | None,
    rules: str | None,
    sheet: str | None,
    no_cache: bool,
    output_format: OutputFormat = OutputFormat.TEXT,
) -> None:
    """Import a spreadsheet and show what happened: each problem, each row a rule skipped,
    then the files written (or that nothing was)."""
    from commons_contracts.validation.entries import AddResult  # noqa: PLC0415
    from commons_contracts.validation.spreadsheets import import_records  # noqa: PLC0415

    result = import_records(
        root, path, kind, contract=contract, rules=rules, sheet=sheet, cache=cache_choice(no_cache)
    )
    for skipped in result.skipped:
        shown = _("{where}: skipped: {reason}").format(where=skipped.where, reason=skipped.reason)
        stderr.print(shown, markup=False)
    show_added(AddResult(result.written, result.diagnostics), output_format)


@app.command(
    help=_(
        "Dues, payments and balances per reciprocity contract and period.\n\n"
        "Overdue periods are shown but are not an error: the command exits 0."
    )
)
@reports_errors
@examines_early()
def balance(
    as_of: AsOfOption = None,
    contract: Annotated[
        str | None, typer.Option("--contract", "-c", help=_("One contract only."))
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help=_("One actor's contracts only."))
    ] = None,
    output_format: Annotated[
        TableFormat, typer.Option("--format", "-f", help=_("text, csv or json."))
    ] = TableFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    import json  # noqa: PLC0415

    from commons_contracts.ledger.balances import (  # noqa: PLC0415
        balance_entries,
        balance_keeping,
        balances_as_csv,
        balances_as_json,
        kept_balances,
    )

    day = parse_day(as_of, "--as-of")
    _, valid, kept = valid_registry_keeping(
        registry,
        no_cache,
        entries_of=balance_entries(contract, actor),
        keeping=balance_keeping(day),
    )
    balances = kept_balances(valid, kept, day, contract_id=contract, actor_id=actor)
    if output_format is TableFormat.JSON:
        typer.echo(json.dumps(balances_as_json(balances, day), ensure_ascii=False, indent=2))
    elif output_format is TableFormat.CSV:
        typer.echo(balances_as_csv(balances), nl=False)
    else:
        from commons_contracts.output.tables import balance_tables  # noqa: PLC0415

        show_tables(balance_tables(valid, balances, day))


@app.command(
    help=_(
        "Write the statement of one period: a royalty statement (its declarations and "
        "dues, the totals in figures and words, the balance carried, the due date and the "
        "host's payment details), or for a donation contract a call for a gift (the "
        "indicative amount, free)."
    )
)
@reports_errors
@examines_early()
def statement(
    contract_id: Annotated[str, typer.Argument(help=_("A reciprocity contract."))],
    period: Annotated[
        str, typer.Option("--period", "-p", help=_("2026-11 (month), 2026-Q4 (quarter) or 2026."))
    ],
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help=_("fr or en (default: the contract's)."))
    ] = None,
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help=_("docx or pdf."))
    ] = DocumentFormat.DOCX,
    as_of: AsOfOption = None,
    out: OutFolderOption = Path("out"),
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.documents.render import render_statement  # noqa: PLC0415

    day = parse_day(as_of, "--as-of")
    root, valid = valid_registry(registry, no_cache)
    write_documents(
        lambda: render_statement(valid, root, contract_id, period, lang, day, out),
        output_format,
        out,
    )
