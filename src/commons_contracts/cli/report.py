"""The command of the transparency report: `report`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from commons_contracts.cli.app import (
    AsOfOption,
    NoCacheOption,
    RegistryOption,
    app,
    parse_day,
    reports_errors,
    stderr,
    valid_registry,
)


@app.command()
@reports_errors
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of the site.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="fr or en.")] = "fr",
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Write the transparency report: a static site (HTML, CSV, JSON) that works offline.

    Actors whose contract says `public_listing: false` appear only in an aggregate line.
    """
    from commons_contracts.report.site import build_report  # noqa: PLC0415

    day = parse_day(as_of, "--as-of")
    _, valid = valid_registry(registry, no_cache)
    result = build_report(valid, out, lang, day)
    stderr.print(f"wrote {len(result.written)} files; open {result.index}", markup=False)
