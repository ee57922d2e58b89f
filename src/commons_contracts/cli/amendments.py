"""Commands of a contract's life: `amend`, `terminate`."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from commons_contracts.cli.app import (
    FormatOption,
    NoCacheOption,
    OutputFormat,
    RegistryOption,
    app,
    cache_choice,
    reports_errors,
    show_added,
)
from commons_contracts.errors import UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.registry.root import find_registry_root

if TYPE_CHECKING:
    from commons_contracts.registry.model import Registry
    from commons_contracts.validation.entries import Draft


def parse_changes(items: list[str]) -> dict[str, str]:
    """`["rate_percent=6", "end_date=2028-12-31"]` as a mapping of fields to YAML values."""
    changes: dict[str, str] = {}
    for item in items:
        field, sign, value = item.partition("=")
        if not sign or not field.strip() or not value.strip():
            raise UsageError(
                _("write --set FIELD=VALUE (e.g. --set rate_percent=6), not {item!r}").format(
                    item=item
                )
            )
        changes[field.strip()] = value.strip()
    return changes


@app.command(
    help=_(
        "Write the contract's next amendment (avenant) as a new record under "
        "amendments/.\n\n"
        "The amendment is validated with the whole registry first: a field the contract "
        "does not have, a change of parties, commons, period or qualification, a value "
        "its schema refuses or a date outside the contract is refused, located, and "
        "nothing is written."
    )
)
@reports_errors
def amend(
    contract: Annotated[str, typer.Argument(help=_("The contract amended."))],
    effective: Annotated[
        str, typer.Option("--effective", help=_("Day the changes apply from, YYYY-MM-DD."))
    ],
    changes: Annotated[
        list[str],
        typer.Option(
            "--set",
            help=_(
                "FIELD=VALUE, once per field changed; VALUE is YAML (6, 2028-12-31, "
                "[...]), null removes the field."
            ),
        ),
    ],
    rationale: Annotated[str, typer.Option("--rationale", help=_("Why the terms change."))],
    output_format: FormatOption = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.registry.versions import amendments_of  # noqa: PLC0415
    from commons_contracts.validation.entries import add_records, amendment_draft  # noqa: PLC0415

    parsed = parse_changes(changes)

    def make(valid: Registry) -> list[Draft]:
        valid.contract(contract)  # an unknown contract is a usage error, with a suggestion
        number = len(amendments_of(valid, contract)) + 1
        return [amendment_draft(contract, number, effective, rationale, parsed)]

    root = find_registry_root(registry)
    show_added(
        add_records(root, make, cache=cache_choice(no_cache), registry_must_be_valid=True),
        output_format,
    )


class Reason(enum.StrEnum):
    """Why a contract is terminated."""

    NOTICE = "notice"
    BREACH = "breach"


@app.command(help=_("Record the termination of a contract, as a new record under terminations/."))
@reports_errors
def terminate(
    contract: Annotated[str, typer.Argument(help=_("The contract terminated."))],
    notified: Annotated[
        str, typer.Option("--notified", help=_("Day the notice was given, YYYY-MM-DD."))
    ],
    by: Annotated[str, typer.Option("--by", help=_("Who gives notice: a signatory id."))],
    reason: Annotated[
        Reason, typer.Option("--reason", help=_("notice (without fault) or breach."))
    ],
    effective: Annotated[
        str | None,
        typer.Option(
            "--effective",
            help=_("The contract's last day (default: the notice day plus the contract's notice)."),
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.validation.entries import add_records, termination_draft  # noqa: PLC0415

    def make(valid: Registry) -> list[Draft]:
        valid.contract(contract)  # an unknown contract is a usage error, with a suggestion
        return [termination_draft(contract, notified, by, reason.value, effective)]

    root = find_registry_root(registry)
    show_added(
        add_records(root, make, cache=cache_choice(no_cache), registry_must_be_valid=True),
        output_format,
    )
