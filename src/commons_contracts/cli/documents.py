"""Commands of the contract documents: `render`, `template show`, `template check`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from commons_contracts.cli.app import (
    DocumentFormat,
    NoCacheOption,
    OutFolderOption,
    RegistryOption,
    app,
    cache_choice,
    reports_errors,
    stderr,
    valid_registry,
    write_documents,
)
from commons_contracts.errors import RegistryNotFoundError, UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.registry.root import find_registry_root


@app.command(
    help=_(
        "Render contracts and amendments (avenants) as .docx (and PDF) from the "
        "templates, one file per document and language, named `<id>.<lang>.docx`."
    )
)
@reports_errors
def render(
    contract_ids: Annotated[
        list[str] | None,
        typer.Argument(help=_("Contract or amendment ids (or --all)."), show_default=False),
    ] = None,
    all_contracts: Annotated[
        bool, typer.Option("--all", help=_("Every contract and every amendment."))
    ] = False,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", "-l", help=_("fr or en, repeatable (default: each contract's).")),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "docx or pdf; json (repeatable beside them: --format pdf --format json) prints "
                "one JSON document of the files written instead of their paths."
            ),
        ),
    ] = None,
    out: OutFolderOption = Path("out"),
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help=_("Processes, to render and to convert (default: one per core).")
        ),
    ] = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.documents.render import render_contracts  # noqa: PLC0415

    if bool(contract_ids) == all_contracts:
        raise UsageError(_("give contract ids or --all"))
    output_format, as_json = document_formats(formats)
    root, valid = valid_registry(registry, no_cache)
    every = [*sorted(valid.contracts), *sorted(valid.amendments_by_id)]
    ids = every if all_contracts else list(contract_ids or [])
    write_documents(
        lambda: render_contracts(valid, root, ids, lang, out, jobs=jobs),
        output_format,
        out,
        jobs,
        as_json=as_json,
    )


def document_formats(formats: list[str] | None) -> tuple[DocumentFormat, bool]:
    """The document format and whether to report in JSON, from `--format` given up to twice
    (`docx` or `pdf`, and `json`)."""
    documents = [DocumentFormat(f) for f in formats or [] if f in set(DocumentFormat)]
    unknown = [f for f in formats or [] if f not in {*DocumentFormat, "json"}]
    if unknown or len(documents) > 1:
        raise UsageError(
            "--format takes docx or pdf, and json beside one of them, not "
            + ", ".join(formats or [])
        )
    return (documents[0] if documents else DocumentFormat.DOCX), "json" in (formats or [])


template_app = typer.Typer(help=_("Look at templates: their text and what they use."))
app.add_typer(template_app, name="template")


@template_app.command(
    "show",
    help=_(
        "Print a template's text with its tags (also a git textconv driver for .docx "
        "files).\n\n"
        "A path prints that file; a name prints the registry's own template if it has one "
        "(in the templates folder its workspace names), else the built-in one."
    ),
)
@reports_errors
def template_show(
    name: Annotated[str, typer.Argument(help=_("A template name (hosting-fr) or a .docx path."))],
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.documents.inspect import template_text  # noqa: PLC0415
    from commons_contracts.validation.validate import validate_registry  # noqa: PLC0415

    if Path(name).is_file():
        typer.echo(template_text(Path(name)), nl=False)
        return
    root: Path | None = None
    try:
        root = find_registry_root(registry)
    except RegistryNotFoundError:
        if registry is not None:
            raise
    workspace_registry = (
        validate_registry(root, cache=cache_choice(no_cache)).registry if root is not None else None
    )
    typer.echo(template_text(name, root, workspace_registry), nl=False)


@template_app.command(
    "check",
    help=_(
        "List what a custom template uses that the rendering context lacks; exit 1 if anything."
    ),
)
@reports_errors
def template_check_command(
    path: Annotated[Path, typer.Argument(help=_("A .docx template."), exists=True, dir_okay=False)],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=_("fr or en."))] = None,
) -> None:
    from commons_contracts.documents.inspect import template_check  # noqa: PLC0415

    problems = template_check(path, lang)
    for problem in problems:
        typer.echo(problem)
    if problems:
        raise typer.Exit(1)
    stderr.print(_("{path}: uses only what the context provides").format(path=path), markup=False)
