"""Commands of signatures: `sign`, `status`, `verify`."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from commons_contracts.signatures.lifecycle import ContractStatus

from commons_contracts.cli.app import (
    FormatOption,
    NoCacheOption,
    OutputFormat,
    RegistryOption,
    app,
    cache_choice,
    examines_early,
    parse_day,
    reports_errors,
    show_added,
    stderr,
    valid_registry,
)
from commons_contracts.i18n.translation import _
from commons_contracts.registry.root import find_registry_root


@app.command(
    help=_(
        "Record that a signatory signed the contract as it stands, in a language, as a "
        "new signature record.\n\n"
        "The registry must have no error; it is validated once, with the new signature."
    )
)
@reports_errors
@examines_early(writes=True)
def sign(
    contract_id: Annotated[str, typer.Argument(help=_("The contract signed."))],
    signatory: Annotated[str, typer.Option("--signatory", "-s", help=_("Signatory id."))],
    date: Annotated[str, typer.Option("--date", "-d", help=_("Date signed, YYYY-MM-DD."))],
    method: Annotated[
        str,
        typer.Option(
            "--method",
            "-m",
            help=_("handwritten, simple-electronic, advanced-electronic or qualified-electronic."),
        ),
    ],
    file: Annotated[
        Path | None, typer.Option("--file", help=_("The signed copy (PDF, .docx, scan)."))
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help=_(
                "The language of the version signed, fr or en (default: the signed copy's, "
                "else the contract's)."
            ),
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.signatures.signing import sign_contract  # noqa: PLC0415

    result, copy = sign_contract(
        find_registry_root(registry),
        contract_id,
        signatory=signatory,
        signed_on=date,
        method=method,
        signed_file=file,
        recorded_at=datetime.datetime.now(datetime.UTC),
        language=lang,
        cache=cache_choice(no_cache),
    )
    for signature_field in copy.signature_fields if copy else []:
        state = (
            _("PDF signature field {name!r}: signed")
            if signature_field.signed
            else _("PDF signature field {name!r}: not signed")
        )
        stderr.print(state.format(name=signature_field.name), markup=False)
    show_added(result, output_format)


@app.command(
    help=_(
        "Every contract's status (draft, partially-signed, signed, in-force, expired, "
        "terminated) and end, its amendments' statuses, the signatories still missing, "
        "and a flag when terms changed after a signature."
    )
)
@reports_errors
@examines_early()
def status(
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=_("text or json."))
    ] = OutputFormat.TEXT,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=_("The day to judge on (default: today)."))
    ] = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    import json  # noqa: PLC0415

    from commons_contracts.signatures.lifecycle import (  # noqa: PLC0415
        STATUS_UNREAD_KINDS,
        contract_statuses,
    )

    valid = valid_registry(registry, no_cache, leave_out=STATUS_UNREAD_KINDS)[1]
    statuses = contract_statuses(valid, parse_day(as_of, "--as-of"))
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps([s.as_json() for s in statuses], ensure_ascii=False, indent=2))
        return
    for entry in statuses:
        typer.echo(status_line(entry))


def status_line(entry: ContractStatus) -> str:
    """One contract's status as `status` prints it: the contract's own, its end, each of its
    amendments', and the version signed by all when an amendment waits for signatures."""
    from commons_contracts.signatures.lifecycle import describe_changes  # noqa: PLC0415

    line = _("{contract}: {status} {signed}").format(
        contract=entry.contract,
        status=_status_word(entry.status),
        signed=_signed_count(entry.signed, entry.missing),
    )
    if entry.end is not None:
        ends = _(", ends {day}") if entry.status != "terminated" else _(", ended {day}")
        line += ends.format(day=entry.end)
    if entry.changed_since_signature:
        line += _(" — changed since a signature: {changes}").format(
            changes=describe_changes(entry.changes)
        )
    for amendment in entry.amendments:
        signing = amendment.signing
        line += _("; amendment {number} ({id}, from {day}): {status} {signed}").format(
            number=amendment.number,
            id=amendment.amendment,
            day=amendment.effective_date,
            status=_status_word(amendment.status),
            signed=_signed_count(signing.signed, signing.missing),
        )
        if signing.changes:
            line += _(" — changed since a signature: {changes}").format(
                changes=describe_changes(signing.changes)
            )
    if entry.awaiting:
        version = (
            _("the contract as first signed")
            if entry.version == 0
            else _("as amended by amendment {number}").format(number=entry.version)
        )
        line += _("; signed by all: {version}").format(version=version)
    return line


def _status_word(status: str) -> str:
    """A status as `status` shows it: the status itself (`in-force`), as in JSON, in English;
    in words in French (`en vigueur`)."""
    from commons_contracts.i18n.catalog import messages  # noqa: PLC0415
    from commons_contracts.i18n.translation import current_language  # noqa: PLC0415

    lang = current_language()
    return messages(lang).get(f"status_{status}", status) if lang != "en" else status


def _signed_count(signed: list[str], missing: list[str]) -> str:
    count = _("({signed}/{signatories} signed").format(
        signed=len(signed), signatories=len(signed) + len(missing)
    )
    return count + (_("; missing: {ids})").format(ids=", ".join(missing)) if missing else ")")


@app.command(
    help=_(
        "Re-check every signature: the terms signed against the contract today, the "
        "signed copy's SHA-256 against its file, PAdES signatures with pyHanko. Exit 1 on "
        "any mismatch."
    )
)
@reports_errors
def verify(
    contract_ids: Annotated[
        list[str] | None, typer.Argument(help=_("Contract ids (default: all)."), show_default=False)
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help=_("text or json (one document: ok, and each check's findings).")
        ),
    ] = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    from commons_contracts.signatures.lifecycle import describe_changes  # noqa: PLC0415
    from commons_contracts.signatures.signing import verify_signatures  # noqa: PLC0415

    root, valid = valid_registry(registry, no_cache)
    checks = verify_signatures(valid, root, contract_ids or [])
    signed = {check.contract for check in checks}
    unsigned = [c for c in contract_ids or [] if c not in signed]
    if output_format is OutputFormat.JSON:
        import json  # noqa: PLC0415

        document = {
            "ok": all(check.ok for check in checks),
            "checks": [
                {
                    "contract": check.contract,
                    "signatory": check.signatory,
                    "signature": check.signature,
                    "ok": check.ok,
                    "changed_fields": list(check.changed_fields),
                    "changes": describe_changes(check.changed_fields)
                    if check.changed_fields
                    else None,
                    "document_problem": check.document_problem,
                    "pades": list(check.pades),
                }
                for check in checks
            ],
            "unsigned": unsigned,
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        if not document["ok"]:
            raise typer.Exit(1)
        return
    for check in checks:
        who = f"{check.contract} ({check.signatory})"
        if check.changed_fields:
            changes = describe_changes(check.changed_fields)
            typer.echo(
                _("{who}: terms changed since signed: {changes}").format(who=who, changes=changes)
            )
        if check.document_problem:
            typer.echo(f"{who}: {check.document_problem}")
        for line in check.pades:
            typer.echo(f"{who}: {line}")
        if check.ok:
            typer.echo(_("{who}: ok").format(who=who))
    for contract_id in unsigned:
        typer.echo(_("{id}: no signature recorded").format(id=contract_id))
    if not all(check.ok for check in checks):
        raise typer.Exit(1)
