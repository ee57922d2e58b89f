"""The life of a contract, derived from its signature records: who signed which version, and
the status that follows (`draft`, `partially-signed`, `signed`, `in-force`, `expired`).

A `signature` record keeps the terms of the version signed, in its language, and their SHA-256
(see :mod:`commons_contracts.documents.fingerprint`): from terms format 2 on, everything that
decides the document's text; before, the contract record alone, and such a signature is checked
as it was made. A status is always that of the current version: a signature counts only while
the terms it signed are still the contract's terms. Statuses come from these records alone,
without git history.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from commons_contracts.core.terms import changed_paths
from commons_contracts.documents.fingerprint import WORDING, Terms, terms_as_signed
from commons_contracts.registry.model import Contract, Registry, Signature


def signature_language(registry: Registry, contract: Contract, signature: Signature) -> str:
    """The language of the version a signature signed: its own, else the contract's, else the
    registry's."""
    return signature.language or contract.language or registry.workspace.language


class CurrentTerms:
    """The terms of contracts now, made as each signature made them, computed once each."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._made: dict[tuple[str, int, str], Terms] = {}

    def for_signature(self, contract: Contract, signature: Signature) -> Terms:
        """The terms `signature` would sign if it were made today (same format, language)."""
        terms_format = signature.terms_format or 1
        lang = signature_language(self.registry, contract, signature)
        key = (contract.id, terms_format, lang)
        if key not in self._made:
            self._made[key] = terms_as_signed(self.registry, contract, terms_format, lang)
        return self._made[key]

    def changes(self, contract: Contract, signature: Signature) -> list[str]:
        """What changed since `signature`, by path (`rate_percent`, `host.address.street`,
        `template.sha256`); empty when the signed terms are the terms now."""
        now = self.for_signature(contract, signature)
        if now.sha256 == signature.terms_sha256:
            return []
        return display_paths(changed_paths(signature.terms, now.data)) or ["terms_sha256"]


def display_paths(paths: list[str]) -> list[str]:
    """Paths of changed terms as a person names them: a contract's own fields without the
    `contract.` of format 2 (`rate_percent`, as a signature of format 1 names it)."""
    return [path.removeprefix("contract.") for path in paths]


def wording_changed(paths: list[str]) -> bool:
    """Whether a change of terms is a change of wording: the template of the language signed."""
    return any(path == WORDING or path.startswith(f"{WORDING}.") for path in paths)


def data_changes(paths: list[str]) -> list[str]:
    """The changes of terms that are changes of data (not of the template's wording)."""
    return [path for path in paths if path != WORDING and not path.startswith(f"{WORDING}.")]


def describe_changes(paths: list[str]) -> str:
    """A change of terms in words: the wording (the template) apart from the data, which is
    named by its paths, e.g. `the wording (template); data: host.address.street`."""
    parts = []
    if wording_changed(paths):
        parts.append("the wording (template)")
    data = data_changes(paths)
    if data:
        parts.append(f"data: {', '.join(data)}")
    return "; ".join(parts)


@dataclass(frozen=True)
class ContractStatus:
    """The derived status of one contract."""

    contract: str
    kind: str
    status: str
    signed: list[str]
    missing: list[str]
    changed_since_signature: bool
    changes: list[str] = field(default_factory=list)
    """What changed since the signatures that no longer count, by path."""

    def as_json(self) -> dict[str, object]:
        """The entry of `status --format json`."""
        return {
            "contract": self.contract,
            "kind": self.kind,
            "status": self.status,
            "signed": self.signed,
            "missing": self.missing,
            "changed_since_signature": self.changed_since_signature,
            "changes": self.changes,
        }


def latest_signatures(registry: Registry) -> dict[str, dict[str, Signature]]:
    """Each signatory's latest signature of each contract (by date signed, then date recorded):
    after a change of terms a signatory signs again, and the new signature supersedes the old."""
    latest: defaultdict[str, dict[str, Signature]] = defaultdict(dict)
    for signature in sorted(registry.signatures, key=lambda s: (s.signed_on, s.recorded_at)):
        latest[signature.contract][signature.signatory] = signature
    return latest


def contract_statuses(registry: Registry, today: datetime.date) -> list[ContractStatus]:
    """Every contract's status on `today`, by contract id.

    A signatory has signed the contract when their latest signature signed the terms as they
    are now. `draft`: nobody has; `partially-signed`: some have; `signed`: all have and the
    contract is not in effect yet; `in-force`: all have and `today` falls between its effective
    date and its end; `expired`: all have and its end has passed. The flag
    `changed_since_signature` is set when a latest signature signed other terms than today's,
    and `changes` says what changed.
    """
    latest = latest_signatures(registry)
    current = CurrentTerms(registry)
    statuses = []
    for contract_id, contract in sorted(registry.contracts.items()):
        expected = [s.id for s in registry.signatories(contract)]
        changes: list[str] = []
        signed_by: set[str] = set()
        for signatory, signature in latest.get(contract_id, {}).items():
            changed = current.changes(contract, signature)
            if changed:
                changes.extend(path for path in changed if path not in changes)
            else:
                signed_by.add(signatory)
        signed = [s for s in expected if s in signed_by]
        missing = [s for s in expected if s not in signed_by]
        if not signed:
            status = "draft"
        elif missing:
            status = "partially-signed"
        elif today < contract.effective_date:
            status = "signed"
        elif contract.end_date is not None and today > contract.end_date:
            status = "expired"
        else:
            status = "in-force"
        statuses.append(
            ContractStatus(
                contract_id, contract.kind, status, signed, missing, bool(changes), changes
            )
        )
    return statuses
