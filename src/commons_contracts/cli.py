"""The `commons-contracts` command line: a thin adapter over the library.

Each command parses its options, calls one library function, shows the result and picks the
exit code: 0 when the command did its job, 1 when the data has errors or an action is refused,
2 on a usage error. With `--format json`, standard output holds exactly one JSON document and
human messages go to standard error.
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, ParamSpec

import typer
from rich.console import Console

from commons_contracts import __version__, scaffold
from commons_contracts.diagnostics import Diagnostic, Severity
from commons_contracts.entries import (
    AddResult,
    add_records,
    declaration_draft,
    drafts_from_csv,
    parse_shares,
    payment_draft,
)
from commons_contracts.errors import CommonsContractsError, RegistryNotFoundError, UsageError
from commons_contracts.ledger import balances_as_csv, balances_as_json, compute_balances
from commons_contracts.loader import find_registry_root
from commons_contracts.model import Registry
from commons_contracts.pdf import convert_to_pdf, soffice_command
from commons_contracts.render import (
    render_contracts,
    render_statement,
    template_check,
    template_text,
)
from commons_contracts.report import build_report
from commons_contracts.signatures import contract_statuses, signature_draft, verify_signatures
from commons_contracts.tables import balance_tables
from commons_contracts.validate import validate_registry

app = typer.Typer(
    name="commons-contracts",
    help="Hosting and reciprocity contracts for commons: validate the registry, render "
    "contracts, compute reversals, publish the transparency report.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
P = ParamSpec("P")
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        "-r",
        help="Registry folder (default: the nearest folder upward holding commons-contracts.yaml).",
        file_okay=False,
        show_default=False,
    ),
]


class OutputFormat(enum.StrEnum):
    """How a report is written on standard output."""

    TEXT = "text"
    JSON = "json"


def reports_errors(command: Callable[P, None]) -> Callable[P, None]:
    """Turn the package's errors raised by `command` into a message and an exit code (2 for a
    usage error, 1 otherwise), never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except UsageError as error:
            fail(str(error), 2)
        except CommonsContractsError as error:
            fail(str(error), 1)
        except OSError as error:  # a file or folder the system refused: say which, and why
            where = f"{error.filename}: " if error.filename else ""
            fail(f"{where}{error.strerror or error}", 1)

    return wrapper


def fail(message: str, code: int = 1) -> NoReturn:
    """Print `message` on standard error and leave with `code`."""
    stderr.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", is_eager=True)
    ] = False,
) -> None:
    if version:
        typer.echo(f"commons-contracts {__version__}")
        raise typer.Exit(0)


@app.command()
@reports_errors
def validate(
    registry: RegistryOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text or json.")
    ] = OutputFormat.TEXT,
) -> None:
    """Check every record against its schema and the rules across records.

    Prints every problem as `path:line:column: severity CODE: message ($.json.path)`, sorted by
    file and line. Exits 1 when there is an error (warnings alone exit 0).
    """
    result = validate_registry(find_registry_root(registry))
    show_diagnostics(result.diagnostics, output_format)
    if not result.ok:
        raise typer.Exit(1)


def show_diagnostics(diagnostics: list[Diagnostic], output_format: OutputFormat) -> None:
    """Print diagnostics as text lines, or as one JSON list, and a summary on standard error."""
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps([d.as_json() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            typer.echo(diagnostic.format_text())
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    summary = "registry is valid" if not errors else "registry has errors"
    stderr.print(f"{summary}: {errors} error(s), {warnings} warning(s)", markup=False)


@app.command()
@reports_errors
def init(
    directory: Annotated[
        Path, typer.Argument(help="Folder to create (must not exist or be empty).")
    ],
) -> None:
    """Create a new registry of annotated example records, one of every kind.

    Every field is explained in a comment; the registry validates and its contracts render.
    """
    written = scaffold.create_registry(directory)
    stderr.print(
        f"created a registry of {len(written)} files in {directory}; "
        f"next: commons-contracts validate -r {directory}",
        markup=False,
    )


@app.command()
@reports_errors
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the schemas to.")],
) -> None:
    """Write the registry's JSON Schemas (draft 2020-12), self-contained, for editors and tools."""
    written = scaffold.write_schemas(out)
    for path in written:
        typer.echo(str(path))


def parse_day(text: str | None, option: str) -> datetime.date:
    """An ISO date given on the command line (today when None); a bad one is a usage error."""
    if text is None:
        return datetime.date.today()
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)  # fromisoformat also takes 20261128 or 2026-W48-6
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date written YYYY-MM-DD") from None


def valid_registry(option: Path | None) -> tuple[Path, Registry]:
    """The registry, validated: a registry with errors stops the command, with its problems."""
    root = find_registry_root(option)
    result = validate_registry(root)
    if result.registry is None:
        for diagnostic in result.diagnostics:
            if diagnostic.severity is Severity.ERROR:
                stderr.print(diagnostic.format_text(), markup=False)
        fail("the registry has errors: fix them first (commons-contracts validate)")
    return root, result.registry


def show_added(result: AddResult) -> None:
    """The files written by declare or pay, or the problems that refused them."""
    for diagnostic in result.diagnostics:
        stderr.print(diagnostic.format_text(), markup=False)
    if not result.ok:
        fail("nothing was written")
    for path in result.written:
        typer.echo(str(path))


@app.command()
@reports_errors
def declare(
    contract: Annotated[
        str | None, typer.Option("--contract", "-c", help="Reciprocity contract id.")
    ] = None,
    date: Annotated[str | None, typer.Option("--date", "-d", help="Date, YYYY-MM-DD.")] = None,
    amount: Annotated[
        str | None,
        typer.Option("--amount", "-a", help="Revenue excl. VAT (negative: credit note)."),
    ] = None,
    client: Annotated[str | None, typer.Option(help="Who the service was sold to.")] = None,
    description: Annotated[str | None, typer.Option(help="What the service was.")] = None,
    share: Annotated[
        list[str] | None,
        typer.Option("--share", help="COMMONS=PERCENT, once per commons of a shared contract."),
    ] = None,
    invoice_ref: Annotated[str | None, typer.Option(help="Reference of the invoice.")] = None,
    csv_file: Annotated[
        Path | None,
        typer.Option(
            "--csv",
            help="Declare every row of a CSV export instead (see docs).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """Declare a service that owes a share, as a new record under declarations/YYYY/.

    The record is validated with the whole registry before it is written; with --csv, every row
    is checked first and nothing is written unless all are valid.
    """
    root = find_registry_root(registry)
    if csv_file is not None:
        if any(v is not None for v in (date, amount, client, description, share, invoice_ref)):
            raise UsageError("--csv takes the values from the file: give only --contract with it")
        drafts, problems = drafts_from_csv(csv_file, contract)
        if problems:
            for diagnostic in problems:
                stderr.print(diagnostic.format_text(), markup=False)
            fail("nothing was written")
    else:
        if contract is None or date is None or amount is None:
            raise UsageError("give --contract, --date and --amount (or --csv FILE)")
        shares = parse_shares(share) if share else None
        if share and shares is None:
            raise UsageError("write --share COMMONS=PERCENT, e.g. --share movilab=70")
        drafts = [
            declaration_draft(
                contract,
                date,
                amount,
                client=client,
                description=description,
                shares=shares,
                invoice_ref=invoice_ref,
            )
        ]
    show_added(add_records(root, drafts))


@app.command()
@reports_errors
def pay(
    contract: Annotated[str, typer.Option("--contract", "-c", help="Reciprocity contract id.")],
    date: Annotated[str, typer.Option("--date", "-d", help="Date received, YYYY-MM-DD.")],
    amount: Annotated[str, typer.Option("--amount", "-a", help="Amount received, incl. VAT.")],
    reference: Annotated[str | None, typer.Option(help="Bank reference.")] = None,
    registry: RegistryOption = None,
) -> None:
    """Record a payment received by the host, as a new record under payments/YYYY/."""
    draft = payment_draft(contract, date, amount, reference)
    show_added(add_records(find_registry_root(registry), [draft]))


class BalanceFormat(enum.StrEnum):
    """How `balance` writes its figures."""

    TEXT = "text"
    CSV = "csv"
    JSON = "json"


@app.command()
@reports_errors
def balance(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Count records dated up to this day (default: today)."),
    ] = None,
    contract: Annotated[
        str | None, typer.Option("--contract", "-c", help="One contract only.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="One actor's contracts only.")
    ] = None,
    output_format: Annotated[
        BalanceFormat, typer.Option("--format", "-f", help="text, csv or json.")
    ] = BalanceFormat.TEXT,
    registry: RegistryOption = None,
) -> None:
    """Dues, payments and balances per reciprocity contract and period.

    Overdue periods are shown but are not an error: the command exits 0.
    """
    day = parse_day(as_of, "--as-of")
    _, valid = valid_registry(registry)
    balances = compute_balances(valid, day, contract_id=contract, actor_id=actor)
    if output_format is BalanceFormat.JSON:
        typer.echo(json.dumps(balances_as_json(balances, day), ensure_ascii=False, indent=2))
    elif output_format is BalanceFormat.CSV:
        typer.echo(balances_as_csv(balances), nl=False)
    else:
        console = Console(highlight=False)
        if not console.is_terminal:  # a file or a pipe: room for every column
            console.width = 120
        console.print(balance_tables(valid, balances, day))


class DocumentFormat(enum.StrEnum):
    """The file format of rendered documents."""

    DOCX = "docx"
    PDF = "pdf"


def write_documents(
    make: Callable[[], list[Path]], output_format: DocumentFormat, out: Path
) -> None:
    """Make the .docx documents, convert them to PDF when asked (LibreOffice is looked for
    before anything is rendered, so a missing one costs nothing), and print their paths."""
    if output_format is DocumentFormat.PDF:
        soffice_command()
    paths = make()
    if output_format is DocumentFormat.PDF:
        paths = convert_to_pdf(paths, out)
    for path in paths:
        typer.echo(str(path))


@app.command()
@reports_errors
def render(
    contract_ids: Annotated[
        list[str] | None, typer.Argument(help="Contract ids (or --all).", show_default=False)
    ] = None,
    all_contracts: Annotated[bool, typer.Option("--all", help="Every contract.")] = False,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", "-l", help="fr or en, repeatable (default: each contract's)."),
    ] = None,
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="docx or pdf.")
    ] = DocumentFormat.DOCX,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Processes (default: one per core).")
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """Render contracts as .docx (and PDF) from the templates, one file per contract and
    language, named `<id>.<lang>.docx`."""
    if bool(contract_ids) == all_contracts:
        raise UsageError("give contract ids or --all")
    root, valid = valid_registry(registry)
    ids = sorted(valid.contracts) if all_contracts else list(contract_ids or [])
    write_documents(
        lambda: render_contracts(valid, root, ids, lang, out, jobs=jobs), output_format, out
    )


@app.command()
@reports_errors
def statement(
    contract_id: Annotated[str, typer.Argument(help="A reciprocity contract.")],
    period: Annotated[
        str, typer.Option("--period", "-p", help="2026-11 (month), 2026-Q4 (quarter) or 2026.")
    ],
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help="fr or en (default: the contract's).")
    ] = None,
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="docx or pdf.")
    ] = DocumentFormat.DOCX,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Count records dated up to this day (default: today)."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    registry: RegistryOption = None,
) -> None:
    """Write the reversal statement of one period: its declarations and dues, the totals in
    figures and words, the balance carried, the due date and the host's payment details."""
    day = parse_day(as_of, "--as-of")
    root, valid = valid_registry(registry)
    write_documents(
        lambda: [render_statement(valid, root, contract_id, period, lang, day, out)],
        output_format,
        out,
    )


template_app = typer.Typer(help="Look at templates: their text and what they use.")
app.add_typer(template_app, name="template")


@template_app.command("show")
@reports_errors
def template_show(
    name: Annotated[str, typer.Argument(help="A template name (hosting-fr) or a .docx path.")],
    registry: RegistryOption = None,
) -> None:
    """Print a template's text with its tags (also a git textconv driver for .docx files).

    A path prints that file; a name prints the registry's own template if it has one (in the
    templates folder its workspace names), else the built-in one.
    """
    if Path(name).is_file():
        typer.echo(template_text(Path(name)), nl=False)
        return
    root: Path | None = None
    try:
        root = find_registry_root(registry)
    except RegistryNotFoundError:
        if registry is not None:
            raise
    workspace_registry = validate_registry(root).registry if root is not None else None
    typer.echo(template_text(name, root, workspace_registry), nl=False)


@template_app.command("check")
@reports_errors
def template_check_command(
    path: Annotated[Path, typer.Argument(help="A .docx template.", exists=True, dir_okay=False)],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="fr or en.")] = None,
) -> None:
    """List what a custom template uses that the rendering context lacks; exit 1 if anything."""
    problems = template_check(path, lang)
    for problem in problems:
        typer.echo(problem)
    if problems:
        raise typer.Exit(1)
    stderr.print(f"{path}: uses only what the context provides", markup=False)


@app.command()
@reports_errors
def sign(
    contract_id: Annotated[str, typer.Argument(help="The contract signed.")],
    signatory: Annotated[str, typer.Option("--signatory", "-s", help="Signatory id.")],
    date: Annotated[str, typer.Option("--date", "-d", help="Date signed, YYYY-MM-DD.")],
    method: Annotated[
        str,
        typer.Option(
            "--method",
            "-m",
            help="handwritten, simple-electronic, advanced-electronic or qualified-electronic.",
        ),
    ],
    file: Annotated[
        Path | None, typer.Option("--file", help="The signed copy (PDF, .docx, scan).")
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """Record that a signatory signed the contract as it stands, as a new signature record."""
    root, valid = valid_registry(registry)
    draft, copy = signature_draft(
        valid,
        root,
        contract_id,
        signatory=signatory,
        signed_on=date,
        method=method,
        signed_file=file,
        recorded_at=datetime.datetime.now(datetime.UTC),
    )
    for signature_field in copy.signature_fields if copy else []:
        state = "signed" if signature_field.signed else "not signed"
        stderr.print(f"PDF signature field '{signature_field.name}': {state}", markup=False)
    show_added(add_records(root, [draft]))


@app.command()
@reports_errors
def status(
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text or json.")
    ] = OutputFormat.TEXT,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The day to judge on (default: today).")
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """Every contract's status (draft, partially-signed, signed, in-force, expired), the
    signatories still missing, and a flag when its terms changed after a signature."""
    _, valid = valid_registry(registry)
    statuses = contract_statuses(valid, parse_day(as_of, "--as-of"))
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps([s.as_json() for s in statuses], ensure_ascii=False, indent=2))
        return
    for entry in statuses:
        expected = len(entry.signed) + len(entry.missing)
        line = f"{entry.contract}: {entry.status} ({len(entry.signed)}/{expected} signed"
        line += f"; missing: {', '.join(entry.missing)})" if entry.missing else ")"
        if entry.changed_since_signature:
            line += " — terms changed since a signature: run commons-contracts verify"
        typer.echo(line)


@app.command()
@reports_errors
def verify(
    contract_ids: Annotated[
        list[str] | None, typer.Argument(help="Contract ids (default: all).", show_default=False)
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """Re-check every signature: the terms signed against the contract today, the signed
    copy's SHA-256 against its file, PAdES signatures with pyHanko. Exit 1 on any mismatch."""
    root, valid = valid_registry(registry)
    checks = verify_signatures(valid, root, contract_ids or [])
    for check in checks:
        who = f"{check.contract} ({check.signatory})"
        if check.changed_fields:
            typer.echo(f"{who}: terms changed since signed: {', '.join(check.changed_fields)}")
        if check.document_problem:
            typer.echo(f"{who}: {check.document_problem}")
        for line in check.pades:
            typer.echo(f"{who}: {line}")
        if check.ok:
            typer.echo(f"{who}: ok")
    signed = {check.contract for check in checks}
    for contract_id in contract_ids or []:
        if contract_id not in signed:
            typer.echo(f"{contract_id}: no signature recorded")
    if not all(check.ok for check in checks):
        raise typer.Exit(1)


@app.command()
@reports_errors
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of the site.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="fr or en.")] = "fr",
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Count records dated up to this day (default: today)."),
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """Write the transparency report: a static site (HTML, CSV, JSON) that works offline.

    Actors whose contract says `public_listing: false` appear only in an aggregate line.
    """
    day = parse_day(as_of, "--as-of")
    _, valid = valid_registry(registry)
    result = build_report(valid, out, lang, day)
    stderr.print(f"wrote {len(result.written)} files; open {result.index}", markup=False)


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="commons-contracts")
