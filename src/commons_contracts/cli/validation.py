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
    examines_early,
    reports_errors,
    show_diagnostics,
    stderr,
)
from commons_contracts.i18n.translation import _, ngettext
from commons_contracts.registry.root import find_registry_root


@app.command(
    help=_(
        "Check every record against its schema and the rules across records.\n\n"
        "Prints every problem as `path:line:column: severity CODE: message "
        "($.json.path)`, sorted by file and line. Exits 1 when there is an error "
        "(warnings alone exit 0)."
    )
)
@reports_errors
@examines_early()
def validate(
    registry: RegistryOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=_("text or json."))
    ] = OutputFormat.TEXT,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.core.diagnostics import has_errors  # noqa: PLC0415
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

    count = len(unchanged_samples(root))
    if count:
        stderr.print(
            ngettext(
                "note: {n} of the sample records of init is still here, unchanged "
                "(mon-commun, mon-acteur, mon-hebergeur...); once your own records are in, "
                "remove it with: commons-contracts remove-samples -r {root}",
                "note: {n} of the sample records of init are still here, unchanged "
                "(mon-commun, mon-acteur, mon-hebergeur...); once your own records are in, "
                "remove them with: commons-contracts remove-samples -r {root}",
                count,
            ).format(n=count, root=root),
            markup=False,
        )


@app.command(
    "remove-samples",
    help=_(
        "Delete the sample records of init that the registry still holds unchanged, and "
        "nothing else: a sample you edited is yours and stays. Refused, with nothing removed, "
        "when one of your records still needs a sample (the errors say which)."
    ),
)
@reports_errors
def remove_samples(registry: RegistryOption = None) -> None:
    from commons_contracts.validation.entries import remove_samples as remove  # noqa: PLC0415

    root = find_registry_root(registry)
    result = remove(root)
    for diagnostic in result.diagnostics:
        typer.echo(diagnostic.format_text())
    if result.diagnostics and not result.ok:
        stderr.print(_("error: no sample was removed"), markup=False)
        raise typer.Exit(1)
    if not result.written:
        stderr.print(
            _("no sample record of init is left in {root}").format(root=root), markup=False
        )
        return
    for path in result.written:
        typer.echo(str(path))
    count = len(result.written)
    stderr.print(
        ngettext(
            "removed {n} sample record from {root}",
            "removed {n} sample records from {root}",
            count,
        ).format(n=count, root=root),
        markup=False,
    )


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
