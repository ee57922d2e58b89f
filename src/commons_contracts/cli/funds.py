"""Commands of hosted funds: `income`, `expense`, `approve`, `payout`, `funds`,
`annual-report`, and of co-financing: `campaigns`, `debt`, `ballot result`."""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from commons_contracts.cli.app import (
    AsOfOption,
    CommonsOption,
    DocumentFormat,
    NoCacheOption,
    OutFolderOption,
    OutputFormat,
    RegistryOption,
    TableFormat,
    app,
    cache_choice,
    parse_day,
    reports_errors,
    show_added,
    show_tables,
    valid_registry,
    write_documents,
)
from commons_contracts.errors import UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.registry.root import find_registry_root

# The libraries of entries, funds, tables and documents are imported by the command that uses
# them, so that the tool starts without them (tests/test_cli.py, BENCHMARKS.md "Start-up").


# The choices below mirror the enumerations of the schemas, which are their source: typer
# needs them as classes when the module loads, before any schema is read;
# tests/test_funds.py holds them equal.


class IncomeType(enum.StrEnum):
    """The types of an income record."""

    CO_FINANCING = "co-financing"
    SUBSIDY = "subsidy"
    DONATION = "donation"
    OTHER = "other"


class FunderType(enum.StrEnum):
    """Who grants a subsidy."""

    STATE = "state"
    LOCAL_AUTHORITY = "local-authority"
    EU = "eu"
    OTHER = "other"


class ExpenseType(enum.StrEnum):
    """The types of an expense."""

    INVOICE = "invoice"
    HOURS = "hours"
    REIMBURSEMENT = "reimbursement"
    GRANT = "grant"


class Category(enum.StrEnum):
    """The categories of an expense."""

    DEVELOPMENT = "development"
    COORDINATION = "coordination"
    OTHER = "other"


@app.command(
    help=_(
        "Record money received for a commons' fund, as a new record under "
        "funds/income/YYYY/.\n\n"
        "Reciprocity payments are income of their commons already (`pay`): never enter "
        "them here."
    )
)
@reports_errors
def income(
    commons: Annotated[str, typer.Option("--commons", help=_("The commons whose fund receives."))],
    date: Annotated[str, typer.Option("--date", "-d", help=_("Date received, YYYY-MM-DD."))],
    amount: Annotated[str, typer.Option("--amount", "-a", help=_("Amount received."))],
    source: Annotated[str, typer.Option(help=_("Who paid: a party id, or a name."))],
    income_type: Annotated[
        IncomeType, typer.Option("--type", help=_("co-financing, subsidy, donation or other."))
    ],
    funder_type: Annotated[
        FunderType | None,
        typer.Option(help=_("For a subsidy: state, local-authority, eu or other.")),
    ] = None,
    regrant_permission: Annotated[
        bool | None,
        typer.Option(
            "--regrant-permission/--no-regrant-permission",
            help=_("For a subsidy: whether the funder allowed in writing passing it on."),
            show_default=False,
        ),
    ] = None,
    permission_ref: Annotated[
        str | None, typer.Option(help=_("Where that permission is written."))
    ] = None,
    reference: Annotated[str | None, typer.Option(help=_("Bank or agreement reference."))] = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.validation.entries import add_records, income_draft  # noqa: PLC0415

    draft = income_draft(
        commons,
        date,
        amount,
        source,
        income_type.value,
        funder_type=funder_type.value if funder_type else None,
        regrant_permission=regrant_permission,
        permission_ref=permission_ref,
        reference=reference,
    )
    show_added(add_records(find_registry_root(registry), [draft], cache=cache_choice(no_cache)))


@app.command(
    help=_(
        "Record an expense the community decided, as a new record under "
        "funds/expenses/YYYY/.\n\n"
        "The host pays it (`payout`) once the representatives the hosting contract asks "
        "for have approved it (`approve`)."
    )
)
@reports_errors
def expense(  # one option per field of the record
    commons: Annotated[str, typer.Option("--commons", help=_("The commons whose fund pays."))],
    date: Annotated[str, typer.Option("--date", "-d", help=_("Date, YYYY-MM-DD."))],
    payee: Annotated[str, typer.Option(help=_("Who is paid: a party id, or a name with --iban."))],
    description: Annotated[str, typer.Option(help=_("What is paid for."))],
    expense_type: Annotated[
        ExpenseType, typer.Option("--type", help=_("invoice, hours, reimbursement or grant."))
    ],
    category: Annotated[
        Category, typer.Option(help=_("development, coordination or other."))
    ] = Category.DEVELOPMENT,
    amount: Annotated[
        str | None, typer.Option("--amount", "-a", help=_("Amount (not for --type hours)."))
    ] = None,
    hours: Annotated[str | None, typer.Option(help=_("Hours worked (--type hours)."))] = None,
    hourly_rate: Annotated[
        str | None, typer.Option("--hourly-rate", help=_("Hourly rate excl. VAT (--type hours)."))
    ] = None,
    iban: Annotated[str | None, typer.Option(help=_("The payee's IBAN, for a name."))] = None,
    invoice_ref: Annotated[str | None, typer.Option(help=_("The payee's invoice."))] = None,
    funded_by: Annotated[
        list[str] | None,
        typer.Option(
            "--funded-by", help=_("An income that funds it (repeatable; a grant needs one).")
        ),
    ] = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.validation.entries import ExpenseEntry, add_records, expense_draft  # noqa: PLC0415

    entry = ExpenseEntry(
        commons=commons,
        date=date,
        payee=payee,
        description=description,
        expense_type=expense_type.value,
        category=category.value,
        amount=amount,
        hours=hours,
        hourly_rate=hourly_rate,
        iban=iban,
        invoice_ref=invoice_ref,
        funded_by=tuple(funded_by or ()),
    )
    show_added(
        add_records(
            find_registry_root(registry), [expense_draft(entry)], cache=cache_choice(no_cache)
        )
    )


@app.command(
    help=_(
        "Record a representative's approval of an expense, as a new record under funds/approvals/."
    )
)
@reports_errors
def approve(
    expense_id: Annotated[str, typer.Argument(help=_("The expense approved."))],
    by: Annotated[str, typer.Option("--by", help=_("The representative's e-mail address."))],
    date: Annotated[str, typer.Option("--date", "-d", help=_("Date, YYYY-MM-DD."))],
    comment: Annotated[str | None, typer.Option(help=_("The decision it refers to."))] = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.validation.entries import add_records, approval_draft  # noqa: PLC0415

    draft = approval_draft(expense_id, by, date, comment)
    show_added(add_records(find_registry_root(registry), [draft], cache=cache_choice(no_cache)))


@app.command(
    help=_(
        "Record money paid out for an approved expense, as a new record under "
        "funds/payouts/YYYY/; refused before the expense is approved, or beyond the fund."
    )
)
@reports_errors
def payout(
    expense_id: Annotated[str, typer.Argument(help=_("The expense paid."))],
    date: Annotated[str, typer.Option("--date", "-d", help=_("Date of the transfer, YYYY-MM-DD."))],
    amount: Annotated[
        str | None,
        typer.Option("--amount", "-a", help=_("Amount paid (default: what is left to pay).")),
    ] = None,
    reference: Annotated[str | None, typer.Option(help=_("Bank reference."))] = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.validation.entries import add_records, payout_draft, unpaid_amount  # noqa: PLC0415

    root = find_registry_root(registry)
    if amount is None:
        valid = valid_registry(root, no_cache)[1]
        amount = unpaid_amount(valid, expense_id)
    draft = payout_draft(expense_id, date, amount, reference)
    show_added(add_records(root, [draft], cache=cache_choice(no_cache)))


@app.command(
    help=_(
        "Each commons' hosted fund: income by type, host fee, payouts by category, what "
        "approved expenses commit, and what is available."
    )
)
@reports_errors
def funds(
    commons: CommonsOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        TableFormat, typer.Option("--format", "-f", help=_("text, csv or json."))
    ] = TableFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.funds.fund import fund_summaries, summaries_as_csv  # noqa: PLC0415
    from commons_contracts.output.tables import fund_tables  # noqa: PLC0415

    day = parse_day(as_of, "--as-of")
    valid = valid_registry(registry, no_cache)[1]
    summaries = fund_summaries(valid, day, commons)
    if output_format is TableFormat.JSON:
        document = [summary.as_json() for summary in summaries]
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif output_format is TableFormat.CSV:
        typer.echo(summaries_as_csv(summaries, valid.workspace.currency), nl=False)
    else:
        show_tables(fund_tables(valid, summaries))


@app.command(
    "annual-report",
    help=_(
        "Write the annual financial report of a commons' fund: the opening balance, "
        "income by type and source, the host fee, payouts by category and payee (named as "
        "consent allows), the closing balance, commitments, and the date until which it "
        "may be disputed."
    ),
)
@reports_errors
def annual_report_command(
    commons: Annotated[str, typer.Argument(help=_("The commons whose fund is reported on."))],
    year: Annotated[int, typer.Option("--year", "-y", help=_("The calendar year reported on."))],
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", help=_("The report's date, after the year (default: today).")),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help=_("fr or en (default: the hosting contract's).")),
    ] = None,
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help=_("docx or pdf."))
    ] = DocumentFormat.DOCX,
    out: OutFolderOption = Path("out"),
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.documents.render import render_annual_report  # noqa: PLC0415

    day = parse_day(date, "--date")
    root, valid = valid_registry(registry, no_cache)
    write_documents(
        lambda: render_annual_report(valid, root, commons, year, lang, day, out),
        output_format,
        out,
    )


def _parse_budget(text: str) -> Decimal:
    """A budget typed on the command line (`8000`, `8 000,00`); another text is a usage error
    (a negative one, or one finer than the cent, is refused by the count)."""
    from commons_contracts.core.money import normalise_amount_text, parse_decimal  # noqa: PLC0415

    amount = parse_decimal(normalise_amount_text(text))
    if amount is None:
        raise UsageError(
            _("--budget {text!r} is not an amount (write 8000.00 or 8 000,00)").format(text=text)
        )
    return amount


@app.command(
    help=_(
        "Each co-financing campaign: budget, matching funds, what the call must raise, "
        "what is pledged, received and left, its outcome (open, reached, missed) and the "
        "refunds due when an all-or-nothing call is missed."
    )
)
@reports_errors
def campaigns(
    commons: CommonsOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=_("text or json."))
    ] = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.funds.campaigns import campaigns_progress  # noqa: PLC0415
    from commons_contracts.output.tables import campaign_tables  # noqa: PLC0415

    day = parse_day(as_of, "--as-of")
    valid = valid_registry(registry, no_cache)[1]
    progress = campaigns_progress(valid, day, commons=commons)
    if output_format is OutputFormat.JSON:
        document = [entry.as_json() for entry in progress]
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        show_tables(campaign_tables(valid, progress))


@app.command(
    help=_(
        "The contributive debt per commons and contributor: recognised, repaid (oldest "
        "first) and remaining, and what awaits the community's recognition."
    )
)
@reports_errors
def debt(
    commons: CommonsOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=_("text or json."))
    ] = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.funds.debt import debt_lines  # noqa: PLC0415
    from commons_contracts.output.tables import debt_table  # noqa: PLC0415

    day = parse_day(as_of, "--as-of")
    valid = valid_registry(registry, no_cache)[1]
    lines = debt_lines(valid, day, commons=commons)
    if output_format is OutputFormat.JSON:
        document = {"as_of": day.isoformat(), "debts": [line.as_json() for line in lines]}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        show_tables(debt_table(valid, lines, day))


ballot_app = typer.Typer(help=_("Majority-judgment ballots."), no_args_is_help=True)
app.add_typer(ballot_app, name="ballot")


@ballot_app.command(
    "result",
    help=_(
        "Count a ballot by majority judgment: every candidate's rank, majority grade, "
        "gauge and merit profile, as exact fractions; with --budget, which candidates are "
        "funded."
    ),
)
@reports_errors
def ballot_result_command(
    ballot_id: Annotated[str, typer.Argument(metavar="ID", help=_("The ballot's id."))],
    budget: Annotated[
        str | None,
        typer.Option("--budget", help=_("Fund the candidates in rank order within this amount.")),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=_("text or json."))
    ] = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    import datetime  # noqa: PLC0415

    from commons_contracts.funds.ballots import ballot_result_as_json  # noqa: PLC0415
    from commons_contracts.funds.votes import ballot_record, ballot_result  # noqa: PLC0415
    from commons_contracts.output.tables import ballot_table  # noqa: PLC0415

    amount = _parse_budget(budget) if budget is not None else None
    valid = valid_registry(registry, no_cache)[1]
    result = ballot_result(valid, ballot_id, today=datetime.date.today(), budget=amount)
    if output_format is OutputFormat.JSON:
        document = {"ballot": ballot_id, **ballot_result_as_json(result)}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        show_tables(ballot_table(valid, ballot_record(valid, ballot_id).question, result))
