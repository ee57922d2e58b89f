"""The `commons-contracts` command line: a thin adapter over the library.

Each command parses its options, calls one library function, shows the result and picks the
exit code: 0 when the command did its job, 1 when the data has errors or an action is refused,
2 on a usage error. With `--format json`, standard output holds exactly one JSON document and
human messages go to standard error.
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, ParamSpec

import typer
from rich.console import Console

from commons_contracts import __version__, scaffold
from commons_contracts.diagnostics import Diagnostic, Severity
from commons_contracts.errors import CommonsContractsError, RegistryNotFoundError, UsageError
from commons_contracts.loader import find_registry_root
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

    return wrapper


def fail(message: str, code: int = 1) -> NoReturn:
    """Print `message` on standard error and leave with `code`."""
    stderr.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


def registry_root(option: Path | None) -> Path:
    """The registry folder: the one given, or the nearest upward from the current folder."""
    try:
        return find_registry_root(option if option is not None else Path.cwd())
    except RegistryNotFoundError as error:
        fail(str(error), 2)


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
    result = validate_registry(registry_root(registry))
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


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="commons-contracts")
