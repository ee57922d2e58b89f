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
from commons_contracts.i18n.translation import _, ngettext


@app.command(
    help=_(
        "Check every record against its schema and the rules across records.\n\n"
        "Prints every problem as `path:line:column: severity CODE: message "
        "($.json.path)`, sorted by file and line. Exits 1 when there is an error "
        "(warnings alone exit 0)."
    )
)
@reports_errors
def validate(
    registry: RegistryOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=_("text or json."))
    ] = OutputFormat.TEXT,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.core.diagnostics import has_errors  # noqa: PLC0415
    from commons_contracts.registry.files import find_registry_root  # noqa: PLC0415
    from commons_contracts.validation.validate import registry_diagnostics  # noqa: PLC0415

    diagnostics = registry_diagnostics(find_registry_root(registry), cache=cache_choice(no_cache))
    show_diagnostics(diagnostics, output_format)
    if has_errors(diagnostics):
        raise typer.Exit(1)


@app.command(
    help=_(
        "Create a new registry: annotated sample records, one of every kind (or, with "
        "--empty, the workspace file only), a .gitignore, and a git repository when git "
        "is installed.\n\n"
        "Every field of the samples is explained in a comment; the registry validates and "
        "its contracts render. Remove the samples once your own records are in."
    )
)
@reports_errors
def init(
    directory: Annotated[
        Path, typer.Argument(help=_("Folder to create (must not exist or be empty)."))
    ],
    empty: Annotated[
        bool,
        typer.Option("--empty", help=_("The workspace file only, without the sample records.")),
    ] = False,
) -> None:
    from commons_contracts.registry import scaffold  # noqa: PLC0415

    written = scaffold.create_registry(directory, empty=empty)
    git = scaffold.start_git_repository(directory)
    what = _("an empty registry") if empty else _("a registry of sample records")
    count = len(written)
    created = ngettext(
        "created {what} ({n} file) in {directory}",
        "created {what} ({n} files) in {directory}",
        count,
    ).format(what=what, n=count, directory=directory)
    if git:
        created += _("; it is a new git repository")
    created += _("; next: commons-contracts validate -r {directory}").format(directory=directory)
    stderr.print(created, markup=False)
    if not empty:
        stderr.print(
            _(
                "the sample records (mon-commun, mon-acteur...) show one record of every kind: "
                "replace them by your own, or start with commons-contracts init --empty"
            ),
            markup=False,
        )


@app.command(
    help=_(
        "Write the registry's JSON Schemas (draft 2020-12), self-contained, for editors and tools."
    )
)
@reports_errors
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help=_("Folder to write the schemas to."))],
) -> None:
    from commons_contracts.registry import scaffold  # noqa: PLC0415

    written = scaffold.write_schemas(out)
    for path in written:
        typer.echo(str(path))
