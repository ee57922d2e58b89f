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
    parse_day,
    reports_errors,
    show_added,
    stderr,
    valid_registry,
)


@app.command()
@reports_errors
def sign(
    contract_id: Annotated[str, typer.Argument(help="The contract signed.")],
    signatory: Annotated[str, typer.Option("--signatory", "-s", help="Signatory id.")],
    date: Annotated[str, typer.Option("--date", "-d", help="Date signed, YYYY-MM-DD.")],
    method: Annotated[
        str,
        typer.Option(
            "--method",
            "-m",
            help="handwritten, simple-electronic, advanced-electronic or qualified-electronic.",
        ),
    ],
    file: Annotated[
        Path | None, typer.Option("--file", help="The signed copy (PDF, .docx, scan).")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="The language of the version signed, fr or en (default: the signed copy's, "
            "else the contract's).",
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Record that a signatory signed the contract as it stands, in a language, as a new
    signature record.

    The registry must have no error; it is validated once, with the new signature.
    """
    from commons_contracts.registry.files import find_registry_root  # noqa: PLC0415
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
        state = "signed" if signature_field.signed else "not signed"
        stderr.print(f"PDF signature field '{signature_field.name}': {state}", markup=False)
    show_added(result, output_format)


@app.command()
@reports_errors
def status(
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text or json.")
    ] = OutputFormat.TEXT,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The day to judge on (default: today).")
    ] = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Every contract's status (draft, partially-signed, signed, in-force, expired,
    terminated) and end, its amendments' statuses, the signatories still missing, and a flag
    when terms changed after a signature."""
    import json  # noqa: PLC0415

    from commons_contracts.signatures.lifecycle import (  # noqa: PLC0415
        STATUS_UNREAD_KINDS,
        contract_statuses,
    )

    _, valid = valid_registry(registry, no_cache, leave_out=STATUS_UNREAD_KINDS)
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

    line = f"{entry.contract}: {entry.status} {_signed_count(entry.signed, entry.missing)}"
    if entry.end is not None:
        line += f", ends {entry.end}" if entry.status != "terminated" else f", ended {entry.end}"
    if entry.changed_since_signature:
        line += f" — changed since a signature: {describe_changes(entry.changes)}"
    for amendment in entry.amendments:
        signing = amendment.signing
        line += (
            f"; amendment {amendment.number} ({amendment.amendment}, from "
            f"{amendment.effective_date}): {amendment.status} "
            f"{_signed_count(signing.signed, signing.missing)}"
        )
        if signing.changes:
            line += f" — changed since a signature: {describe_changes(signing.changes)}"
    if entry.awaiting:
        version = (
            "the contract as first signed"
            if entry.version == 0
            else f"as amended by amendment {entry.version}"
        )
        line += f"; signed by all: {version}"
    return line


def _signed_count(signed: list[str], missing: list[str]) -> str:
    count = f"({len(signed)}/{len(signed) + len(missing)} signed"
    return count + (f"; missing: {', '.join(missing)})" if missing else ")")


@app.command()
@reports_errors
def verify(
    contract_ids: Annotated[
        list[str] | None, typer.Argument(help="Contract ids (default: all).", show_default=False)
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="text or json (one document: ok, and each check's findings)."
        ),
    ] = OutputFormat.TEXT,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Re-check every signature: the terms signed against the contract today, the signed
    copy's SHA-256 against its file, PAdES signatures with pyHanko. Exit 1 on any mismatch."""
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
            typer.echo(
                f"{who}: terms changed since signed: {describe_changes(check.changed_fields)}"
            )
        if check.document_problem:
            typer.echo(f"{who}: {check.document_problem}")
        for line in check.pades:
            typer.echo(f"{who}: {line}")
        if check.ok:
            typer.echo(f"{who}: ok")
    for contract_id in unsigned:
        typer.echo(f"{contract_id}: no signature recorded")
    if not all(check.ok for check in checks):
        raise typer.Exit(1)
