"""Commands of the registry itself: `validate`, `init`, `remove-samples`, `schema`."""

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

    root = find_registry_root(registry)
    diagnostics = registry_diagnostics(root, cache=cache_choice(no_cache))
    show_diagnostics(diagnostics, output_format)
    if output_format is OutputFormat.TEXT:
        _tell_of_samples(root)
    if has_errors(diagnostics):
        raise typer.Exit(1)


def _tell_of_samples(root: Path) -> None:
    from commons_contracts.registry.scaffold import unchanged_samples  # noqa: PLC0415

    samples = unchanged_samples(root)
    if samples:
        stderr.print(
            f"note: {len(samples)} of the sample records of init are still here, unchanged "
            "(mon-commun, mon-acteur, mon-hebergeur...); once your own records are in, remove "
            f"them with: commons-contracts remove-samples -r {root}",
            markup=False,
        )


@app.command("remove-samples")
@reports_errors
def remove_samples(registry: RegistryOption = None) -> None:
    """Delete the sample records of init that the registry still holds unchanged, and nothing
    else: a sample you edited is yours and stays. Refused, with nothing removed, when one of
    your records still needs a sample (the errors say which)."""
    from commons_contracts.registry.files import find_registry_root  # noqa: PLC0415
    from commons_contracts.validation.entries import remove_samples as remove  # noqa: PLC0415

    root = find_registry_root(registry)
    result = remove(root)
    show_diagnostics(result.diagnostics, OutputFormat.TEXT)
    if result.diagnostics and not result.ok:
        stderr.print("error: no sample was removed", markup=False)
        raise typer.Exit(1)
    for path in result.written:
        typer.echo(str(path))
    stderr.print(f"removed {len(result.written)} sample records from {root}", markup=False)


@app.command()
@reports_errors
def init(
    directory: Annotated[
        Path, typer.Argument(help="Folder to create (must not exist or be empty).")
    ],
    empty: Annotated[
        bool,
        typer.Option("--empty", help="The workspace file only, without the sample records."),
    ] = False,
) -> None:
    """Create a new registry: annotated sample records, one of every kind (or, with --empty,
    the workspace file only), a .gitignore, and a git repository when git is installed.

    Every field of the samples is explained in a comment; the registry validates and its
    contracts render. Remove the samples once your own records are in.
    """
    from commons_contracts.registry import scaffold  # noqa: PLC0415

    written = scaffold.create_registry(directory, empty=empty)
    git = scaffold.start_git_repository(directory)
    what = "an empty registry" if empty else "a registry of sample records"
    stderr.print(
        f"created {what} ({len(written)} files) in {directory}"
        + ("; it is a new git repository" if git else "")
        + f"; next: commons-contracts validate -r {directory}",
        markup=False,
    )
    if not empty:
        stderr.print(
            "the sample records (mon-commun, mon-acteur...) show one record of every kind: "
            "replace them by your own, or start with commons-contracts init --empty",
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
