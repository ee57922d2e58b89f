"""The terms of a document: everything that decides its text, and their SHA-256.

Two documents with the same terms hash say the same words. From terms format 2 on, the terms of
a contract in a language are:

* `contract`: the contract record as written;
* `host`, `actor` (a reciprocity contract) and `commons`: the records it refers to, as they stand
  (a commons with its governance and representatives; several commons by id);
* `signatories`: who signs, with the capacity printed in that language;
* `template`: the name and SHA-256 of the template of that language (the registry's own, or
  the built-in one);
* `language` and `registry_format` (the format version, which decides some defaults).

The terms of an amendment in a language are the amendment record (`amendment`), the terms of
the contract it amends in that language (`amends`), the records of the amendments before it
(`earlier_amendments`), its signatories and its own template: a signature of an amendment
signs the change and the text it changes.

A change of `template` is a change of wording; any other change is a change of data. Signatures
made before format 2 hold the contract record alone (:func:`record_terms`) and are checked
against it. :func:`document_terms` is the entry point for any signable record, in a language.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commons_contracts.core.terms import canonical_terms, terms_sha256
from commons_contracts.documents.localized import text_in
from commons_contracts.documents.templates import find_template, template_name
from commons_contracts.i18n.languages import check_language
from commons_contracts.registry.model import (
    Amendment,
    Contract,
    ReciprocityContract,
    Registry,
    Signable,
)
from commons_contracts.registry.records import Language
from commons_contracts.registry.versions import amendments_of

TERMS_FORMAT = 2
"""The format of the terms that new signatures record."""

WORDING = "template"
"""The key of the terms that holds the template: a change under it is a change of wording."""


@dataclass(frozen=True)
class Terms:
    """The canonical terms of a document and their SHA-256."""

    data: dict[str, Any]
    sha256: str
    format: int
    """2: the whole text (see the module); 1: the contract record alone."""
    language: str | None
    """The language of the document (None for format 1, which does not depend on it)."""


def document_language(registry: Registry, contract: Contract, lang: str | None) -> Language:
    """The language a contract's document is written in: `lang`, else the contract's, else
    the registry's; a :class:`UsageError` for an unknown one."""
    chosen = lang or contract.language or registry.workspace.language
    check_language(chosen)
    return chosen  # type: ignore[return-value]  # checked just above


def record_terms(registry: Registry, contract: Contract) -> Terms:
    """Terms of format 1: the contract record alone, as signatures made before format 2
    recorded them."""
    data = canonical_terms(registry.source(contract.kind, contract.id).data)
    return Terms(data, terms_sha256(data), 1, None)


def template_identity(path: Path) -> dict[str, str]:
    """A template's part of the terms: its file name and the SHA-256 of its bytes."""
    return {"name": path.name, "sha256": file_sha256(path)}


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read once for each version of the file (its size and
    modification time) in a process."""
    stat = path.stat()
    return _sha256_of(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _sha256_of(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def document_terms(registry: Registry, record_id: str, lang: str) -> Terms:
    """The terms of format 2 of the signable record `record_id` (a contract or an amendment)
    in `lang`: what its document in that language says (see the module). Raises
    :class:`~commons_contracts.errors.UsageError` for an unknown id or language."""
    check_language(lang)
    language: Language = lang  # type: ignore[assignment]  # checked just above
    signed = registry.signable(record_id)
    if isinstance(signed, Amendment):
        return _amendment_terms(registry, signed, language)
    contract = signed
    data: dict[str, Any] = {
        "format": TERMS_FORMAT,
        "language": language,
        "registry_format": registry.workspace.format,
        "contract": _record(registry, contract.kind, contract.id),
        "host": _record(registry, "party", contract.host),
    }
    if isinstance(contract, ReciprocityContract):
        data["actor"] = _record(registry, "party", contract.actor)
    commons = {
        commons_id: _record(registry, "commons", commons_id) for commons_id in contract.commons_ids
    }
    single = isinstance(registry.source(contract.kind, contract.id).data.get("commons"), str)
    data["commons"] = next(iter(commons.values())) if single else commons
    data["signatories"] = _signatories(registry, contract, language)
    template = find_template(template_name(contract, language), registry.root, registry)
    data[WORDING] = template_identity(template)
    canonical = canonical_terms(data)
    return Terms(canonical, terms_sha256(canonical), TERMS_FORMAT, language)


def _amendment_terms(registry: Registry, amendment: Amendment, language: Language) -> Terms:
    contract = registry.contract_of(amendment)
    earlier = [a for a in amendments_of(registry, contract.id) if a.number < amendment.number]
    data: dict[str, Any] = {
        "format": TERMS_FORMAT,
        "language": language,
        "registry_format": registry.workspace.format,
        "amendment": _record(registry, "amendment", amendment.id),
        "amends": document_terms(registry, contract.id, language).data,
        "earlier_amendments": [_record(registry, "amendment", a.id) for a in earlier],
        "signatories": _signatories(registry, amendment, language),
    }
    template = find_template(template_name(amendment, language), registry.root, registry)
    data[WORDING] = template_identity(template)
    canonical = canonical_terms(data)
    return Terms(canonical, terms_sha256(canonical), TERMS_FORMAT, language)


def terms_as_signed(registry: Registry, signed: Signable, terms_format: int, lang: str) -> Terms:
    """The terms of `signed` (a contract or an amendment) now, made as a signature of
    `terms_format` made them (in `lang` for format 2), to compare with what it signed."""
    if terms_format == 1 and not isinstance(signed, Amendment):
        return record_terms(registry, signed)
    return document_terms(registry, signed.id, lang)


def _record(registry: Registry, kind: str, record_id: str) -> Mapping[str, Any]:
    return registry.source(kind, record_id).data


def _signatories(registry: Registry, signed: Signable, lang: Language) -> list[dict[str, Any]]:
    found = []
    for signatory in registry.signatories(signed, lang):
        role, _ = text_in(signatory.role, lang, registry.workspace.language, title=True)
        entry: dict[str, Any] = {"id": signatory.id, "name": signatory.name, "role": role}
        if signatory.party is not None:
            entry["party"] = signatory.party
        found.append(entry)
    return found
