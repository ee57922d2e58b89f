"""Recording and re-checking signatures.

* :func:`signature_draft` prepares a new signature record of the terms of the version signed,
  in its language, refusing a signed PDF whose provenance names another contract, another
  language or another version of the terms;
* :func:`verify_signatures` re-checks every signature's terms and signed copy and names what
  changed, by path, telling a change of wording (the template) from a change of data.

Cryptographic checks of PAdES signatures use pyHanko when it is installed (the `signing` extra).
"""

from __future__ import annotations

import datetime
import hashlib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from commons_contracts.core.paths import IGNORED_FOLDERS, resolved_inside
from commons_contracts.core.terms import terms_sha256
from commons_contracts.documents.fingerprint import TERMS_FORMAT, document_language, document_terms
from commons_contracts.documents.provenance import (
    SignatureField,
    document_properties,
    pdf_provenance,
    signature_fields,
)
from commons_contracts.errors import CommonsContractsError, RefusedError, UsageError
from commons_contracts.i18n.languages import check_language
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import Registry
from commons_contracts.signatures.lifecycle import (
    CurrentTerms,
    data_changes,
    wording_changed,
)
from commons_contracts.validation.entries import AddResult, Draft, add_records


@dataclass(frozen=True)
class SignedCopy:
    """What was read in a signed copy given to `sign --file`."""

    path: Path
    sha256: str
    signature_fields: list[SignatureField] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    """The SHA-256 (hex) of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class _Copy:
    path: Path
    provenance: dict[str, str]
    fields: list[SignatureField]


def _read_copy(path: Path, contract_id: str) -> _Copy:
    """What a signed copy says about itself: the provenance of a PDF or .docx rendered by this
    tool (empty for another file, such as a scan) and a PDF's signature fields."""
    from pypdf.errors import PyPdfError  # noqa: PLC0415 - only when a copy is read

    if path.is_dir():
        raise UsageError(_("{path} is a folder: give the signed file").format(path=path))
    if not path.is_file():
        raise UsageError(_("{path}: no such file").format(path=path))
    with path.open("rb") as handle:
        magic = handle.read(5)
    provenance: dict[str, str] = {}
    fields: list[SignatureField] = []
    try:
        if magic == b"%PDF-":
            provenance = pdf_provenance(path)
            fields = signature_fields(path)
        elif magic[:2] == b"PK" and path.suffix == ".docx":
            provenance = document_properties(path)
    except (PyPdfError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise RefusedError(
            _("{path} cannot be read as a PDF or .docx file: {error}").format(
                path=path, error=error
            )
        ) from error
    if "Period" in provenance:
        raise RefusedError(_("{path} is a statement, not a copy of the contract").format(path=path))
    named = provenance.get("ContractId")
    if named is not None and named != contract_id:
        raise RefusedError(
            _("{path} is the contract '{named}', not '{contract_id}'").format(
                path=path, named=named, contract_id=contract_id
            )
        )
    return _Copy(path, provenance, fields)


def check_signed_copy(path: Path, contract_id: str, current_sha256: str) -> SignedCopy:
    """Read a signed copy: a PDF or .docx rendered by this tool must name this contract and
    this version of its terms (`current_sha256`), or the signature is refused; other files (a
    scan) are only hashed. A PDF's signature fields are listed."""
    return _checked(_read_copy(path, contract_id), contract_id, current_sha256)


def _checked(copy: _Copy, contract_id: str, current_sha256: str) -> SignedCopy:
    hashed = copy.provenance.get("TermsSha256")
    if hashed is not None and hashed != current_sha256:
        raise RefusedError(
            _(
                "{copy_path} is another version of the terms of '{contract_id}' (terms "
                "hash {value}, the contract's is now {value2}): render the contract again "
                "and have that version signed"
            ).format(
                copy_path=copy.path,
                contract_id=contract_id,
                value=hashed[:16],
                value2=current_sha256[:16],
            )
        )
    return SignedCopy(copy.path, file_sha256(copy.path), copy.fields)


def signature_draft(
    registry: Registry,
    root: Path,
    contract_id: str,
    *,
    signatory: str,
    signed_on: str,
    method: str,
    signed_file: Path | None,
    recorded_at: datetime.datetime,
    language: str | None = None,
) -> tuple[Draft, SignedCopy | None]:
    """A new signature record for `signatory` on the version of the contract in `language`
    as it stands (its terms of format 2), and what was read in the signed copy (see
    :func:`check_signed_copy`). The language is `language`, else the one a signed copy
    rendered by this tool is in, else the contract's; a copy in another language than
    `language` is refused. Validation of the record, as for every new record, refuses an
    unknown signatory or a second signature by the same one."""
    contract = registry.contract_of(registry.signable(contract_id))
    copy = None if signed_file is None else _read_copy(signed_file, contract_id)
    written = copy.provenance.get("Language") if copy is not None else None
    if language is not None:
        check_language(language)
        if written is not None and written != language:
            raise RefusedError(
                _(
                    "{signed_file} is the version in {written!r} of '{contract_id}', not the "
                    "one in {language!r}: sign with --lang {written}, or give the copy in "
                    "{language}"
                ).format(
                    signed_file=signed_file,
                    written=written,
                    contract_id=contract_id,
                    language=language,
                )
            )
    lang = document_language(registry, contract, language or written)
    terms = document_terms(registry, contract_id, lang)
    signed_copy = None if copy is None else _checked(copy, contract_id, terms.sha256)
    fields: dict[str, object] = {
        "contract": contract_id,
        "signatory": signatory,
        "signed_on": signed_on,
        "method": method,
        "language": lang,
        "terms_format": TERMS_FORMAT,
        "terms_sha256": terms.sha256,
    }
    if signed_copy is not None:
        fields["document_sha256"] = signed_copy.sha256
        fields["document"] = _document_path(signed_copy.path, root)
    fields["recorded_at"] = recorded_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    fields["terms"] = terms.data
    return Draft("signature", fields, id_parts=(contract_id, signatory)), signed_copy


def sign_contract(
    root: Path,
    contract_id: str,
    *,
    signatory: str,
    signed_on: str,
    method: str,
    signed_file: Path | None,
    recorded_at: datetime.datetime,
    language: str | None = None,
    cache: bool | None = None,
) -> tuple[AddResult, SignedCopy | None]:
    """Record a signature of `contract_id` as it stands (see :func:`signature_draft`): the
    draft is made from the registry under its lock and validated with it once; a registry
    with errors refuses it. Gives what was written and what was read in the signed copy."""
    copies: list[SignedCopy | None] = []

    def make(registry: Registry) -> list[Draft]:
        draft, copy = signature_draft(
            registry,
            root,
            contract_id,
            signatory=signatory,
            signed_on=signed_on,
            method=method,
            signed_file=signed_file,
            recorded_at=recorded_at,
            language=language,
        )
        copies[:] = [copy]
        return [draft]

    def signed(registry: Registry) -> set[str]:
        # The contract whose declarations and payments the signature bears on: the one
        # signed, or the amendment's (nothing, for an id the draft will refuse).
        try:
            return {registry.contract_of(registry.signable(contract_id)).id}
        except (CommonsContractsError, LookupError):
            return set()

    result = add_records(root, make, cache=cache, registry_must_be_valid=True, signing=signed)
    return result, (copies[0] if copies else None)


def _document_path(path: Path, root: Path) -> str:
    """How a signature record names its signed copy: relative to the registry root (so the
    registry can move); a copy outside the registry is refused (the one rule for paths).
    A copy in a folder of generated files (`out/`) is refused: the next render replaces it."""
    absolute = path.resolve()
    try:
        relative = absolute.relative_to(root.resolve())
    except ValueError:
        raise RefusedError(
            _(
                "{path} lies outside the registry: copy the signed file into it (e.g. "
                "signed/) and sign with that copy, so that the registry holds what it "
                "vouches for"
            ).format(path=path)
        ) from None
    if relative.parts[0] in IGNORED_FOLDERS:
        raise RefusedError(
            _(
                "{path} is in {value}/, whose files commands regenerate: keep the signed "
                "copy elsewhere (e.g. signed/) and sign with that file"
            ).format(path=path, value=relative.parts[0])
        )
    return relative.as_posix()


@dataclass(frozen=True)
class SignatureCheck:
    """The outcome of re-checking one signature."""

    contract: str
    signatory: str
    signature: str
    changed_fields: list[str]
    """What differs from the terms signed, by path (`rate_percent`, `host.address.street`,
    `template.sha256`); empty: unchanged."""
    document: str | None
    document_problem: str | None
    pades: list[str] = field(default_factory=list)
    """One line per PAdES signature of the signed PDF, when pyHanko is installed."""
    pades_ok: bool = True

    @property
    def ok(self) -> bool:
        """True when terms, signed copy and PAdES signatures are all as signed."""
        return not self.changed_fields and self.document_problem is None and self.pades_ok

    @property
    def wording_changed(self) -> bool:
        """Whether the template of the language signed changed since: a change of wording."""
        return wording_changed(self.changed_fields)

    @property
    def data_changes(self) -> list[str]:
        """The paths of the data that changed since (not the template's wording)."""
        return data_changes(self.changed_fields)


def verify_signatures(
    registry: Registry, root: Path, contract_ids: Sequence[str] = ()
) -> list[SignatureCheck]:
    """Re-check the latest signature of each signatory of `contract_ids` (contracts, with their
    amendments, or amendments; every one when empty): its terms against the terms of the same
    language today (made as it made them: the whole text from format 2 on, the contract record
    before), and its signed copy's SHA-256 against the file (a relative path is taken from the
    registry root)."""
    for contract_id in contract_ids:
        registry.signable(contract_id)  # an unknown id is a usage error
    wanted = set(contract_ids) or {*registry.contracts, *registry.amendments_by_id}
    wanted |= {a.id for a in registry.amendments if a.contract in wanted}
    latest = registry.latest_signatures
    current = [
        signature
        for contract_id in sorted(wanted)
        for _, signature in sorted(latest.get(contract_id, {}).items())
    ]
    checks = []
    terms_now = CurrentTerms(registry)
    for signature in current:
        changed = terms_now.changes(registry.signable(signature.contract), signature)
        if not changed and signature.terms_sha256 != terms_sha256(signature.terms):
            changed = ["terms_sha256"]  # the record itself was edited by hand
        document_problem = None
        pades: list[str] = []
        pades_ok = True
        if signature.document is not None:
            inside = resolved_inside(root, signature.document)
            path = inside if inside is not None else root / signature.document
            if inside is None:
                document_problem = _(
                    "the signed copy {signature_document} lies outside the registry: not read"
                ).format(signature_document=signature.document)
            elif not path.is_file():
                document_problem = _("the signed copy {signature_document} is missing").format(
                    signature_document=signature.document
                )
            elif file_sha256(path) != signature.document_sha256:
                document_problem = _(
                    "the signed copy {signature_document} was modified since"
                ).format(signature_document=signature.document)
            elif path.suffix.lower() == ".pdf":
                pades, pades_ok = pades_report(path)
            if (
                signature.method in EMBEDDED_SIGNATURE_METHODS
                and document_problem is None
                and (not pades)
            ):
                # An advanced or qualified signature is in the file itself: a copy without one
                # (or one that cannot be checked here) does not show the signature recorded.
                pades = [
                    f"no electronic signature could be checked in the signed copy, though the "
                    f"method is {signature.method}"
                    + ("" if pades_available() else " (install the signing extra to check it)")
                ]
                pades_ok = False
        checks.append(
            SignatureCheck(
                signature.contract,
                signature.signatory,
                signature.id,
                changed,
                signature.document,
                document_problem,
                pades,
                pades_ok,
            )
        )
    return checks


EMBEDDED_SIGNATURE_METHODS = frozenset({"advanced-electronic", "qualified-electronic"})
"""Methods whose signature is embedded in the signed copy (PAdES), and checked there."""


def pades_available() -> bool:
    """Whether pyHanko (the `signing` extra) is installed, to check PAdES signatures."""
    import importlib.util  # noqa: PLC0415

    return importlib.util.find_spec("pyhanko") is not None


def pades_report(path: Path) -> tuple[list[str], bool]:
    """Lines describing each PAdES signature of a PDF (intact, valid, what it covers), and
    whether all are intact; nothing when pyHanko (the `signing` extra) is not installed."""
    try:
        from commons_contracts.signatures import pades  # noqa: PLC0415 - optional dependency
    except ImportError:
        return [], True
    return pades.describe(path)
