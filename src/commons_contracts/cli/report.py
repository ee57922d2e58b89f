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
from commons_contracts.i18n.translation import _, ngettext


@app.command(
    help=_(
        "Write the transparency report: a static site (HTML, CSV, JSON) that works "
        "offline.\n\n"
        "Actors whose contract says `public_listing: false` appear only in an aggregate "
        "line."
    )
)
@reports_errors
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help=_("Output folder of the site."))],
    lang: Annotated[str, typer.Option("--lang", "-l", help=_("fr or en."))] = "fr",
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.report.site import build_report  # noqa: PLC0415

    day = parse_day(as_of, "--as-of")
    valid = valid_registry(registry, no_cache)[1]
    result = build_report(valid, out, lang, day)
    count = len(result.written)
    written = ngettext("wrote {n} file; open {index}", "wrote {n} files; open {index}", count)
    stderr.print(written.format(n=count, index=result.index), markup=False)
