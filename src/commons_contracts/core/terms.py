"""A contract's canonical terms and their SHA-256: the identity of the version that is signed.

The terms are the contract record as written (every field, defaults not added), with numbers
written in one canonical way (`5`, `5.0` and `5.00` are the same rate) and keys sorted, so that
only a change of meaning changes the hash, never a change of layout or comments.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

SHORT_HASH_LENGTH = 12
"""Characters of the terms hash printed in a document's footer."""


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


def _plain(value: object) -> dict[str, Any]:
    # A record's mapping is read-only (a mapping proxy): JSON writes it as the dict it is.
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"not a registry value: {value!r}")


def changed_fields(signed: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """The top-level fields whose value differs between two versions of the terms, sorted."""
    return sorted(
        key for key in signed.keys() | current.keys() if signed.get(key) != current.get(key)
    )
