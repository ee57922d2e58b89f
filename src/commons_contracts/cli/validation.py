"""Commands of the registry itself: `validate`, `init`, `schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from commons_contracts.cli.app import (
    OutputFormat,
    RegistryOption,
    app,
    reports_errors,
    show_diagnostics,
    stderr,
)
from commons_contracts.registry import scaffold
from commons_contracts.registry.files import find_registry_root
from commons_contracts.validation.validate import validate_registry


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
