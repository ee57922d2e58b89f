"""Rules against everyday mistakes: voids (a record cancelled by a record, never by deleting a
file), and warnings on what is probably a slip of the keyboard: a payment or a signature dated
more than a year ahead, the same service declared twice without an invoice reference, a
community signatory who is not one of the commons' representatives.

A voided record is left out of the registry's declarations and payments when the registry is
built (`validation/validate.py`), so these rules, like every other, see only live records; the
rules on voids themselves look the target up among every record of its kind, voided or not.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from commons_contracts.core.dates import today
from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.text import did_you_mean
from commons_contracts.registry.model import VOIDABLE_KINDS, HostingContract, Registry

FAR_AHEAD = datetime.timedelta(days=366)
"""How far after today a payment or a signature may be dated without a warning: a year."""


def check_voids(registry: Registry) -> Iterator[Diagnostic]:
    """A void names a record of a kind that can be voided (:data:`VOIDABLE_KINDS`) that
    exists, and no record is voided twice."""
    first: dict[tuple[str, str], str] = {}
    for void in registry.voids:
        source = registry.source("void", void.id)
        if void.target_kind not in VOIDABLE_KINDS:
            yield source.diagnostic(
                ("target_kind",),
                Code.VOID_TARGET_KIND,
                f"a void cancels one of {', '.join(VOIDABLE_KINDS)}; not a '{void.target_kind}'"
                f"{did_you_mean(void.target_kind, VOIDABLE_KINDS)}",
            )
            continue
        if void.target in registry.invalid_ids:
            continue  # the record's own errors are reported
        ids = [i for k, i in registry.sources if k == void.target_kind]
        if void.target not in ids:
            yield source.diagnostic(
                ("target",),
                Code.UNKNOWN_REFERENCE,
                f"no {void.target_kind} with id '{void.target}'{did_you_mean(void.target, ids)}",
            )
            continue
        key = (void.target_kind, void.target)
        if key in first:
            yield source.diagnostic(
                ("target",),
                Code.VOIDED_TWICE,
                f"the {void.target_kind} '{void.target}' is already voided by '{first[key]}'",
            )
            continue
        first[key] = void.id


def check_dates_far_ahead(registry: Registry) -> Iterator[Diagnostic]:
    """A payment or a signature dated more than a year after today is probably a mistyped
    year: a warning (a declaration is checked against its contract's dates already)."""
    limit = today() + FAR_AHEAD
    for payment in registry.payments:
        if payment.date > limit:
            yield registry.source("payment", payment.id).diagnostic(
                ("date",),
                Code.DATE_FAR_AHEAD,
                f"the payment is dated {payment.date}, more than a year from today: "
                "is the year right?",
            )
    for signature in registry.signatures:
        if signature.signed_on > limit:
            yield registry.source("signature", signature.id).diagnostic(
                ("signed_on",),
                Code.DATE_FAR_AHEAD,
                f"the signature is dated {signature.signed_on}, more than a year from today: "
                "is the year right?",
            )


def check_repeated_declarations(registry: Registry) -> Iterator[Diagnostic]:
    """Two declarations without an invoice reference alike in contract, date, amount and
    client are probably one service declared twice: a warning at the later one (with an
    invoice reference, the same invoice twice is an error of its own)."""
    seen: dict[tuple[object, ...], str] = {}
    for declaration in registry.declarations:
        if declaration.invoice_ref is not None:
            continue
        same = (
            declaration.contract,
            declaration.date,
            declaration.amount_excl_tax,
            declaration.client,
        )
        if same in seen:
            yield registry.source("declaration", declaration.id).diagnostic(
                ("amount_excl_tax",),
                Code.POSSIBLE_DUPLICATE_DECLARATION,
                f"same contract, date, amount and client as the declaration '{seen[same]}', "
                "and no invoice_ref to tell them apart: was it declared twice? (void one: "
                f"commons-contracts void {declaration.id} --reason ...)",
            )
        seen.setdefault(same, declaration.id)


def check_community_signatories(registry: Registry) -> Iterator[Diagnostic]:
    """A hosting contract's listed signatory for the community (one without `party`) is one of
    the commons' representatives, by name: the community signs through those it mandated."""
    for contract in registry.contracts.values():
        if not isinstance(contract, HostingContract) or contract.signatories is None:
            continue
        commons = registry.commons.get(contract.commons)
        if commons is None:
            continue
        names = [person.name for person in commons.representatives]
        for index, signatory in enumerate(contract.signatories):
            if signatory.party is None and signatory.name not in names:
                yield registry.source(contract.kind, contract.id).diagnostic(
                    ("signatories", index, "name"),
                    Code.SIGNATORY_NOT_REPRESENTATIVE,
                    f"'{signatory.name}' signs for the community of '{commons.id}' but is not "
                    f"one of its representatives{did_you_mean(signatory.name, names)} "
                    f"(representatives: {', '.join(names)})",
                )
