"""The context of an amendment's document (*avenant*, DESIGN.md section 11): the contract it
amends, as it stood before it, and each clause it changes with the old and the new value in
words and figures, in the document's language.

A value is worded from the typed contract, by what the field holds: a rate, an amount or a
number of days or months in words then in figures, a date written out, a text in the
document's language, a schedule tier by tier. What a field is called is the catalogue's
(`amendment_field_<field>` in `i18n/messages.json`); the articles of the contract that state it
are :data:`ARTICLES`, as bookmarks of the built-in contract templates, numbered as the
contract's own document numbers them.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from commons_contracts.core.diagnostics import Diagnostic
from commons_contracts.core.terms import SHORT_HASH_LENGTH
from commons_contracts.documents.context import (
    ContractContext,
    document_context,
    originals,
    signatory_lines,
)
from commons_contracts.documents.fingerprint import document_terms
from commons_contracts.documents.localized import Localizer
from commons_contracts.documents.templates import AMENDMENT_KIND
from commons_contracts.errors import UsageError
from commons_contracts.i18n.catalog import message, messages
from commons_contracts.i18n.translation import _
from commons_contracts.i18n.wording import (
    amount_in_full,
    days,
    long_date,
    months,
    number_words,
    rate_in_full,
)
from commons_contracts.registry.model import BUILDERS, Amendment, Contract, Registry
from commons_contracts.registry.records import (
    ExpenseApproval,
    HourlyRate,
    Language,
    LocalText,
    Signatory,
    Tier,
)
from commons_contracts.registry.schemas import kind_schemas
from commons_contracts.registry.versions import amendments_of, apply_changes

ARTICLES: dict[str, dict[str, tuple[str, ...]]] = {
    "reciprocity-contract": {
        "language": ("amendments",),
        "effective_date": ("term",),
        "end_date": ("term",),
        "notice_days": ("termination",),
        "breach_notice_days": ("termination",),
        "covered_activities": ("definitions",),
        "rate_percent": ("rate",),
        "tiers": ("rate",),
        "annual_cap": ("rate",),
        "declaration_days": ("declaration",),
        "payment_days": ("payment",),
        "vat_rate_percent": ("qualification", "payment"),
        "late_interest_percent": ("payment",),
        "public_listing": ("recognition",),
        "signing_method": ("signature",),
        "mediator": ("disputes",),
        "place_of_signature": ("signature",),
        "signatories": ("signature",),
    },
    "hosting-contract": {
        "language": ("amendments",),
        "effective_date": ("term",),
        "end_date": ("term",),
        "duration_months": ("term",),
        "renewal": ("term",),
        "notice_days": ("term",),
        "breach_notice_days": ("term",),
        "host_fee_percent": ("fee",),
        "coordination_percent": ("fee",),
        "hourly_rate": ("pay",),
        "expense_approval": ("definitions", "representation"),
        "payment_days": ("expenses",),
        "dispute_days": ("transparency",),
        "successor_transfer_days": ("successor",),
        "signing_method": ("signature",),
        "mediator": ("disputes",),
        "place_of_signature": ("signature",),
        "signatories": ("signature",),
    },
}
"""For each field an amendment may change, the bookmarks of the articles of the built-in
contract template that state it (a test holds each to the template's text)."""


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One clause an amendment changes."""

    field: str
    """The contract's field (`rate_percent`)."""
    clause: str
    """What the field is, as the contract's reader names it (`le taux`)."""
    old: str | None
    """The value before, worded in the document's language (None: the contract had none)."""
    new: str | None
    """The value after (None: the amendment removes it)."""
    articles: tuple[str, ...]
    """The numbers of the contract's articles that state it (`6`), as its document numbers
    them; empty when the contract's template does not mark them."""


@dataclass(frozen=True, slots=True)
class AmendmentContext(ContractContext):
    """What an amendment template sees: the context of the contract as it stood before the
    amendment (`contract` is that version; `signatories`, `copies`, `terms_sha256` and
    `short_hash` are the amendment's own), and the amendment."""

    amendment: Amendment
    """The amendment record (`number`, `effective_date`, `rationale`...)."""
    contract_kind: str
    """The kind of the contract amended: `hosting-contract` or `reciprocity-contract`."""
    changes: tuple[ChangeLine, ...]
    """Each changed clause, in the order of the contract's fields."""
    earlier_amendments: tuple[int, ...]
    """The numbers of the amendments before this one (already part of `contract`)."""
    contract_terms_sha256: str
    """The fingerprint of the contract's terms in this language, as its signatures record
    them: the amendment names the exact text it amends."""
    amendments_article: str | None
    """The number of the contract's article on amendments (None: not marked)."""


def amendment_context(
    registry: Registry,
    amendment_id: str,
    lang: str,
    *,
    warn: bool = True,
    articles: Mapping[str, str] | None = None,
) -> tuple[AmendmentContext, list[Diagnostic]]:
    """The context of one amendment's document in `lang`, and (when `warn`) the warnings of
    its texts that have no version in `lang`; `articles` gives the number of each bookmarked
    article of the contract's document (see :data:`ARTICLES`). Raises
    :class:`~commons_contracts.errors.UsageError` for an unknown id or language."""
    articles = articles or {}
    found = registry.signable(amendment_id)
    if not isinstance(found, Amendment):
        raise UsageError(
            _("'{amendment_id}' is a contract, not an amendment").format(amendment_id=amendment_id)
        )
    contract = registry.contract_of(found)
    base, warnings = document_context(registry, contract.id, lang, warn=warn)
    language: Language = base.lang
    localizer = Localizer(registry, language, warn)
    earlier = [a for a in amendments_of(registry, contract.id) if a.number < found.number]
    source = registry.source(contract.kind, contract.id).data
    before: Contract = BUILDERS[contract.kind](apply_changes(source, earlier))
    after: Contract = BUILDERS[contract.kind](apply_changes(source, [*earlier, found]))
    signatories = signatory_lines(registry, found, language, localizer)
    terms = document_terms(registry, found.id, language)
    fields = {item.name: getattr(base, item.name) for item in dataclasses.fields(ContractContext)}
    fields.update(
        kind=AMENDMENT_KIND,
        contract=localizer.record(before),
        signatories=signatories,
        copies=originals(signatories, language),
        terms_sha256=terms.sha256,
        short_hash=terms.sha256[:SHORT_HASH_LENGTH],
    )
    context = AmendmentContext(
        **fields,
        amendment=localizer.record(found),
        contract_kind=contract.kind,
        changes=tuple(
            ChangeLine(
                name,
                _clause(name, language),
                _worded(contract.kind, name, getattr(before, name), language),
                _worded(contract.kind, name, getattr(after, name), language),
                tuple(
                    articles[mark]
                    for mark in ARTICLES[contract.kind].get(name, ())
                    if mark in articles
                ),
            )
            for name in _fields_in_order(contract.kind)
            if name in found.changes
        ),
        earlier_amendments=tuple(a.number for a in earlier),
        contract_terms_sha256=document_terms(registry, contract.id, language).sha256,
        amendments_article=articles.get("amendments"),
    )
    return context, list(dict.fromkeys([*warnings, *localizer.warnings]))


def _fields_in_order(kind: str) -> list[str]:
    return list(kind_schemas()[kind].schema["properties"])


@functools.cache
def _money_fields(kind: str) -> frozenset[str]:
    """The fields of a kind that hold an amount (their schema is an amount of money)."""
    properties = kind_schemas()[kind].schema["properties"]
    return frozenset(
        name for name, schema in properties.items() if str(schema.get("$ref", "")).endswith("money")
    )


def _clause(name: str, lang: str) -> str:
    """What a field is, as the contract's reader names it; the field's name when the
    catalogue has no words for it."""
    key = f"amendment_field_{name}"
    return message(key, lang) if key in messages(lang) else name


def _worded(kind: str, name: str, value: object, lang: str) -> str | None:
    """A field's value in words and figures, in `lang` (None: no value)."""
    if value is None or value == ():
        return None
    if isinstance(value, bool):
        return message("amendment_yes" if value else "amendment_no", lang)
    if isinstance(value, datetime.date):
        return long_date(value, lang)
    if isinstance(value, LocalText):
        return value.in_language(lang, lang)[0]
    if isinstance(value, Decimal | int):
        if name.endswith("_percent"):
            return rate_in_full(value, lang)
        if name.endswith("_days"):
            return days(int(value), lang)
        if name.endswith("_months"):
            return months(int(value), lang)
        if name in _money_fields(kind):
            return amount_in_full(Decimal(value), lang)
        return f"{number_words(int(value), lang)} ({value})"
    if isinstance(value, HourlyRate):
        return message(
            "amendment_hourly_rate",
            lang,
            min=amount_in_full(value.min, lang),
            max=amount_in_full(value.max, lang),
        )
    if isinstance(value, ExpenseApproval):
        return message(
            "amendment_expense_approval",
            lang,
            count=f"{number_words(value.approvals, lang)} ({value.approvals})",
        )
    if isinstance(value, tuple) and all(isinstance(item, Tier) for item in value):
        return _schedule(value, lang)
    if isinstance(value, tuple) and all(isinstance(item, Signatory) for item in value):
        return "; ".join(item.name for item in value)
    if isinstance(value, tuple):
        return "; ".join(str(_worded(kind, name, item, lang)) for item in value)
    key = f"amendment_value_{value}"
    return message(key, lang) if isinstance(value, str) and key in messages(lang) else str(value)


def _schedule(tiers: tuple[Tier, ...], lang: str) -> str:
    """A schedule of tiers in words: each rate with the part of the yearly revenue it applies
    to."""
    parts = []
    lower = Decimal(0)
    for tier in tiers:
        rate = rate_in_full(tier.rate_percent, lang)
        if tier.up_to is None and lower == 0:
            parts.append(message("amendment_tier_all", lang, rate=rate))
        elif tier.up_to is None:
            parts.append(
                message("amendment_tier_above", lang, rate=rate, lower=amount_in_full(lower, lang))
            )
        else:
            parts.append(
                message(
                    "amendment_tier_up_to",
                    lang,
                    rate=rate,
                    lower=amount_in_full(lower, lang),
                    upper=amount_in_full(tier.up_to, lang),
                )
            )
            lower = tier.up_to
    return "; ".join(parts)
