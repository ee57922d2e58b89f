"""Canonical terms and their SHA-256: the identity of the version of a document that is signed.

Terms are mappings of registry values (records as written, every field, defaults not added),
with numbers written in one canonical way (`5`, `5.0` and `5.00` are the same rate) and keys
sorted, so that only a change of meaning changes the hash, never a change of layout or comments.
What goes into a document's terms is decided by the documents (see
:mod:`commons_contracts.documents.fingerprint`); this module only makes them canonical, hashes
them and names what differs between two of them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

SHORT_HASH_LENGTH = 16
"""Characters of the terms hash printed in a document's footer (the whole hash is printed on
its signature page)."""


def canonical_terms(contract_data: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical terms of a contract record: JSON-ready, numbers as canonical strings."""
    canonical = _canonical(dict(contract_data))
    assert isinstance(canonical, dict)
    return canonical


def _canonical(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | Decimal):
        text = format(Decimal(value).normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, Mapping):
        return {str(key): _canonical(item) for key, item in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    raise TypeError(f"not a registry value: {value!r}")


def terms_sha256(terms: Mapping[str, Any]) -> str:
    """The SHA-256 (hex) of canonical terms, over their compact, key-sorted UTF-8 JSON."""
    text = json.dumps(
        terms, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: object) -> Any:
    # A record's mapping is read-only (a mapping proxy): JSON writes it as the dict it is.
    if isinstance(value, Mapping):
        return dict(value)
    # A number typed by hand into a signature's terms (canonical terms hold texts): hashed as
    # its canonical text, so that the record is reported as edited, never a traceback.
    if isinstance(value, Decimal):
        return _canonical(value)
    raise TypeError(f"not a registry value: {value!r}")


def changed_paths(signed: Any, current: Any, prefix: str = "") -> list[str]:
    """The paths of the values that differ between two versions of canonical terms, sorted:
    `rate_percent`, `host.address.street`, `commons.representatives[1].email`. A value
    added or removed is named by its own path; two lists of different lengths by the paths of
    the items that differ or are missing on one side."""
    if isinstance(signed, Mapping) and isinstance(current, Mapping):
        found: list[str] = []
        for key in sorted(signed.keys() | current.keys()):
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in signed or key not in current:
                found.append(path)
            else:
                found.extend(changed_paths(signed[key], current[key], path))
        return found
    if isinstance(signed, list) and isinstance(current, list):
        found = []
        for index in range(max(len(signed), len(current))):
            path = f"{prefix}[{index}]"
            if index >= len(signed) or index >= len(current):
                found.append(path)
            else:
                found.extend(changed_paths(signed[index], current[index], path))
        return found
    return [] if signed == current else [prefix]
