"""The life of a contract, derived from its signature records: who signed which version, and
the status that follows (`draft`, `partially-signed`, `signed`, `in-force`, `expired`).

A `signature` record keeps the contract's canonical terms as they stood when it was signed, and
their SHA-256 (see :mod:`commons_contracts.core.terms`); statuses come from these records alone,
without git history.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from commons_contracts.core.terms import canonical_terms, terms_sha256
from commons_contracts.registry.model import Contract, Registry, Signature


def current_terms(registry: Registry, contract: Contract) -> dict[str, Any]:
    """The canonical terms of a contract as the registry holds it now."""
    return canonical_terms(registry.source(contract.kind, contract.id).data)


@dataclass(frozen=True)
class ContractStatus:
    """The derived status of one contract."""

    contract: str
    kind: str
    status: str
    signed: list[str]
    missing: list[str]
    changed_since_signature: bool

    def as_json(self) -> dict[str, object]:
        """The entry of `status --format json`."""
        return {
            "contract": self.contract,
            "kind": self.kind,
            "status": self.status,
            "signed": self.signed,
            "missing": self.missing,
            "changed_since_signature": self.changed_since_signature,
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

    `draft`: nobody signed; `partially-signed`: some signatories did; `signed`: all did and the
    contract is not in effect yet; `in-force`: all signed and `today` falls between its
    effective date and its end; `expired`: all signed and its end has passed. The flag
    `changed_since_signature` is set when a signature's terms hash differs from the terms now.
    """
    latest = latest_signatures(registry)
    statuses = []
    for contract_id, contract in sorted(registry.contracts.items()):
        expected = [s.id for s in registry.signatories(contract)]
        signatures = list(latest.get(contract_id, {}).values())
        signed_by = {s.signatory for s in signatures}
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
        current = terms_sha256(current_terms(registry, contract))
        statuses.append(
            ContractStatus(
                contract_id,
                contract.kind,
                status,
                signed,
                missing,
                any(s.terms_sha256 != current for s in signatures),
            )
        )
    return statuses
