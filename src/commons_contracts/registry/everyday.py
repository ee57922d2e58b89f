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
from commons_contracts.i18n.translation import _
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
                _("a void cancels one of {items}; not a '{void_target_kind}'{suggestion}").format(
                    items=", ".join(VOIDABLE_KINDS),
                    void_target_kind=void.target_kind,
                    suggestion=did_you_mean(void.target_kind, VOIDABLE_KINDS),
                ),
            )
            continue
        if void.target in registry.invalid_ids:
            continue  # the record's own errors are reported
        ids = [i for k, i in registry.sources if k == void.target_kind]
        if void.target not in ids:
            yield source.diagnostic(
                ("target",),
                Code.UNKNOWN_REFERENCE,
                _("no {void_target_kind} with id '{void_target}'{suggestion}").format(
                    void_target_kind=void.target_kind,
                    void_target=void.target,
                    suggestion=did_you_mean(void.target, ids),
                ),
            )
            continue
        key = (void.target_kind, void.target)
        if key in first:
            yield source.diagnostic(
                ("target",),
                Code.VOIDED_TWICE,
                _("the {void_target_kind} '{void_target}' is already voided by '{value}'").format(
                    void_target_kind=void.target_kind, void_target=void.target, value=first[key]
                ),
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
                _(
                    "the payment is dated {payment_date}, more than a year from today: is the "
                    "year right?"
                ).format(payment_date=payment.date),
            )
    for signature in registry.signatures:
        if signature.signed_on > limit:
            yield registry.source("signature", signature.id).diagnostic(
                ("signed_on",),
                Code.DATE_FAR_AHEAD,
                _(
                    "the signature is dated {signature_signed_on}, more than a year from "
                    "today: is the year right?"
                ).format(signature_signed_on=signature.signed_on),
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
                _(
                    "same contract, date, amount and client as the declaration '{value}', and "
                    "no invoice_ref to tell them apart: was it declared twice? (void one: "
                    "commons-contracts void {declaration_id} --reason ...)"
                ).format(value=seen[same], declaration_id=declaration.id),
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
                    _(
                        "'{signatory_name}' signs for the community of '{commons_id}' but is not "
                        "one of its representatives{suggestion} (representatives: {items})"
                    ).format(
                        signatory_name=signatory.name,
                        commons_id=commons.id,
                        suggestion=did_you_mean(signatory.name, names),
                        items=", ".join(names),
                    ),
                )
