"""The life of a contract, derived from its signature records: who signed which version, and
the status that follows (`draft`, `partially-signed`, `signed`, `in-force`, `expired`,
`terminated`), for the contract and for each of its amendments.

A `signature` record keeps the terms of the version signed, in its language, and their SHA-256
(see :mod:`commons_contracts.documents.fingerprint`): from terms format 2 on, everything that
decides the document's text; before, the contract record alone, and such a signature is checked
as it was made. A status is always that of the current version: a signature counts only while
the terms it signed are still the contract's terms. Statuses come from these records alone,
without git history.

An amendment counts in every computation from its effective date whatever its signatures; its
signatures decide statuses only. The **version signed** of a contract is the latest amendment
that every signatory has signed, with every amendment before it (0: the contract as signed):
until an amendment is signed by all, the status says so and names who is missing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from commons_contracts.core.terms import changed_paths
from commons_contracts.documents.fingerprint import WORDING, Terms, terms_as_signed
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import Registry, Signable, Signature
from commons_contracts.registry.versions import amendments_of, current_end, termination_of


def signature_language(registry: Registry, signed: Signable, signature: Signature) -> str:
    """The language of the version a signature signed: its own, else the contract's, else the
    registry's."""
    contract = registry.contract_of(signed)
    return signature.language or contract.language or registry.workspace.language


class CurrentTerms:
    """The terms of contracts now, made as each signature made them, computed once each."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._made: dict[tuple[str, int, str], Terms] = {}

    def for_signature(self, signed: Signable, signature: Signature) -> Terms:
        """The terms `signature` would sign if it were made today (same format, language)."""
        terms_format = signature.terms_format or 1
        lang = signature_language(self.registry, signed, signature)
        key = (signed.id, terms_format, lang)
        if key not in self._made:
            self._made[key] = terms_as_signed(self.registry, signed, terms_format, lang)
        return self._made[key]

    def changes(self, signed: Signable, signature: Signature) -> list[str]:
        """What changed since `signature`, by path (`rate_percent`, `host.address.street`,
        `template.sha256`); empty when the signed terms are the terms now."""
        now = self.for_signature(signed, signature)
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
        parts.append(_("the wording (template)"))
    data = data_changes(paths)
    if data:
        parts.append(_("data: {paths}").format(paths=", ".join(data)))
    return _("; ").join(parts)


@dataclass(frozen=True)
class Signing:
    """Who has signed a contract or an amendment as it stands, and who has not yet."""

    signed: list[str]
    missing: list[str]
    changes: list[str]
    """What changed since the signatures that no longer count, by path."""

    @property
    def complete(self) -> bool:
        """Whether every signatory has signed the terms as they stand."""
        return bool(self.signed) and not self.missing

    @property
    def state(self) -> str:
        """`draft` (nobody has signed), `partially-signed` or `signed`."""
        if not self.signed:
            return "draft"
        return "partially-signed" if self.missing else "signed"


@dataclass(frozen=True)
class AmendmentStatus:
    """The derived status of one amendment: `draft`, `partially-signed`, `signed` (by all,
    not in effect yet) or `in-force` (by all, in effect)."""

    amendment: str
    number: int
    effective_date: datetime.date
    status: str
    signing: Signing

    def as_json(self) -> dict[str, object]:
        """An entry of `amendments` in `status --format json`."""
        return {
            "amendment": self.amendment,
            "number": self.number,
            "effective_date": self.effective_date.isoformat(),
            "status": self.status,
            "signed": self.signing.signed,
            "missing": self.signing.missing,
            "changed_since_signature": bool(self.signing.changes),
            "changes": self.signing.changes,
        }


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
    end: datetime.date | None = None
    """The contract's end as it stands on the day judged (its current term's when it renews
    tacitly, its termination's when one is recorded); None: open-ended."""
    amendments: list[AmendmentStatus] = field(default_factory=list)
    """Its amendments, in number order."""
    version: int = 0
    """The version signed by all: the number of the latest amendment that every signatory has
    signed, with all those before it (0: the contract as signed)."""

    @property
    def awaiting(self) -> list[AmendmentStatus]:
        """The amendments that some signatory has not signed (as they stand)."""
        return [a for a in self.amendments if not a.signing.complete]

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
            "end": self.end.isoformat() if self.end else None,
            "version": self.version,
            "amendments": [a.as_json() for a in self.amendments],
        }


def _signing(registry: Registry, current: CurrentTerms, signed: Signable) -> Signing:
    expected = [s.id for s in registry.signatories(signed)]
    changes: list[str] = []
    signed_by: set[str] = set()
    for signatory, signature in registry.latest_signatures.get(signed.id, {}).items():
        changed = current.changes(signed, signature)
        if changed:
            changes.extend(path for path in changed if path not in changes)
        else:
            signed_by.add(signatory)
    return Signing(
        [s for s in expected if s in signed_by],
        [s for s in expected if s not in signed_by],
        changes,
    )


STATUS_UNREAD_KINDS = frozenset({"declaration", "payment"})
"""Kinds of records that :func:`contract_statuses` never reads (nor anything it calls): `status`
has the registry built without them when the cache knows it is valid, which on a large
registry is nearly every record (tests/test_cache.py proves the statuses the same)."""


def contract_statuses(registry: Registry, today: datetime.date) -> list[ContractStatus]:
    """Every contract's status on `today`, by contract id, with its amendments'.

    A signatory has signed a contract or an amendment when their latest signature signed its
    terms as they are now. `draft`: nobody has; `partially-signed`: some have; `signed`: all
    have and it is not in effect yet; `in-force`: all have and `today` falls between its
    effective date and the contract's end; `expired`: all have and its end has passed;
    `terminated`: the same, the end being a termination's. The flag `changed_since_signature`
    is set when a latest signature signed other terms than today's, and `changes` says what
    changed.
    """
    current = CurrentTerms(registry)
    statuses = []
    for contract_id, contract in sorted(registry.contracts.items()):
        signing = _signing(registry, current, contract)
        end = current_end(registry, contract, today)
        status = signing.state
        if signing.complete and today >= contract.effective_date:
            status = "in-force"
            if end is not None and today > end:
                terminated = termination_of(registry, contract_id) is not None
                status = "terminated" if terminated else "expired"
        amendments = []
        version = 0
        for amendment in amendments_of(registry, contract_id):
            amended = _signing(registry, current, amendment)
            state = amended.state
            if amended.complete and today >= amendment.effective_date:
                state = "in-force"
            amendments.append(
                AmendmentStatus(amendment.id, amendment.number, amendment.effective_date, state,
                                amended)
            )  # fmt: skip
            if amended.complete and version == amendment.number - 1:
                version = amendment.number
        statuses.append(
            ContractStatus(
                contract_id,
                contract.kind,
                status,
                signing.signed,
                signing.missing,
                bool(signing.changes),
                signing.changes,
                end,
                amendments,
                version,
            )
        )
    return statuses
