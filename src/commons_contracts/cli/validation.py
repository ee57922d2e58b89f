"""Commands of the registry itself: `validate`, `init`, `schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from commons_contracts.cli.app import (
    NoCacheOption,
    OutputFormat,
    RegistryOption,
    app,
    cache_choice,
    reports_errors,
    show_diagnostics,
    stderr,
)


@app.command()
@reports_errors
def validate(
    registry: RegistryOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text or json.")
    ] = OutputFormat.TEXT,
    no_cache: NoCacheOption = False,
) -> None:
    """Check every record against its schema and the rules across records.

    Prints every problem as `path:line:column: severity CODE: message ($.json.path)`, sorted by
    file and line. Exits 1 when there is an error (warnings alone exit 0).
    """
    from commons_contracts.core.diagnostics import has_errors  # noqa: PLC0415
    from commons_contracts.registry.files import find_registry_root  # noqa: PLC0415
    from commons_contracts.validation.validate import registry_diagnostics  # noqa: PLC0415

    diagnostics = registry_diagnostics(find_registry_root(registry), cache=cache_choice(no_cache))
    show_diagnostics(diagnostics, output_format)
    if has_errors(diagnostics):
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
    from commons_contracts.registry import scaffold  # noqa: PLC0415

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
    from commons_contracts.registry import scaffold  # noqa: PLC0415

    written = scaffold.write_schemas(out)
    for path in written:
        typer.echo(str(path))
