"""The values a template sees: the context of a contract, and of a reversal statement.

Everything here is data: the registry's records and the ledger's figures, shaped for the
templates (documented in docs/templates.md). No template library is imported.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date

# lxml comes with python-docx; it has no type stubs.
from num2words import num2words

from commons_contracts import __version__
from commons_contracts.core.dates import period_end, period_start
from commons_contracts.core.money import ZERO
from commons_contracts.core.terms import SHORT_HASH_LENGTH, canonical_terms, terms_sha256
from commons_contracts.documents.templates import STATEMENT_KIND
from commons_contracts.errors import RefusedError
from commons_contracts.i18n.wording import babel_locale, check_language
from commons_contracts.ledger.balances import PeriodStatement
from commons_contracts.ledger.reversal import DeclarationDue
from commons_contracts.registry.model import (
    Address,
    Commons,
    Contract,
    Declaration,
    HostingContract,
    Party,
    Person,
    ReciprocityContract,
    Registry,
    Tier,
)

_NBSP = "\u00a0"


_NNBSP = "\u202f"


_EXPENSE_APPROVAL_DEFAULT = {"fr": "les Représentants", "en": "the Representatives"}


_COMMUNITY_SIDE = "community"


def document_language(registry: Registry, contract: Contract, lang: str | None) -> str:
    chosen = lang or contract.language or registry.workspace.language
    check_language(chosen)
    return chosen


@lru_cache(maxsize=64)
def _country_name(code: str, lang: str) -> str:
    name: str | None = Locale.parse(babel_locale(lang)).territories.get(code)
    return name or code


def _grouped(digits: str | None, sizes: Sequence[int]) -> str | None:
    """`732829320` as `732 829 320` (no-break spaces), the way registration numbers are read."""
    if digits is None:
        return None
    groups, start = [], 0
    for size in sizes:
        groups.append(digits[start : start + size])
        start += size
    return _NBSP.join(group for group in groups if group)


def _party(party: Party, lang: str) -> dict[str, object]:
    representative = party.representative
    return {
        "id": party.id,
        "type": party.type,
        "name": party.name,
        "legal_form": party.legal_form,
        "share_capital": party.share_capital,
        "rcs_city": party.rcs_city,
        "siren": party.siren,
        "siren_spaced": _grouped(party.siren, (3, 3, 3)),
        "siret": party.siret,
        "siret_spaced": _grouped(party.siret, (3, 3, 3, 5)),
        "rna": party.rna,
        "vat_number": party.vat_number,
        "vat_regime": party.vat_regime,
        "address": _address(party.address, lang),
        "representative": None if representative is None else _person(representative),
        "email": party.email,
        "iban": party.iban,
        "bic": party.bic,
    }


def _address(address: Address, lang: str) -> dict[str, object]:
    return {
        "street": address.street,
        "postcode": address.postcode,
        "city": address.city,
        "country": address.country,
        "country_name": _country_name(address.country, lang),
    }


def _person(person: Person) -> dict[str, object]:
    return {"name": person.name, "role": person.role, "email": person.email}


def _commons(commons: Commons) -> dict[str, object]:
    return {
        "id": commons.id,
        "name": commons.name,
        "description": commons.description,
        "licence": commons.licence,
        "url": commons.url,
        "social_code": commons.social_code,
        "decision_body": commons.decision_body,
        "decision_rule": commons.decision_rule,
        "charter_url": commons.charter_url,
        "representatives": [
            {"name": r.name, "email": r.email, "mandate": r.mandate}
            for r in commons.representatives
        ],
    }


def _quoted_names(names: Sequence[str], lang: str) -> str:
    """`« Movilab » et « Dokos »` or `“Movilab” and “Dokos”`."""
    if lang == "fr":
        quoted = [f"«{_NNBSP}{name}{_NNBSP}»" for name in names]
        conjunction = " et "
    else:
        quoted = [f"“{name}”" for name in names]
        conjunction = " and "
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + conjunction + quoted[-1]


def _hosting(contract: HostingContract, lang: str) -> dict[str, object]:
    return {
        "id": contract.id,
        "kind": contract.kind,
        "language": contract.language,
        "commons": contract.commons,
        "host": contract.host,
        "effective_date": contract.effective_date,
        "end_date": contract.end_date,
        "duration_months": contract.duration_months,
        "renewal": contract.renewal,
        "notice_days": contract.notice_days,
        "breach_notice_days": contract.breach_notice_days,
        "host_fee_percent": contract.host_fee_percent,
        "coordination_percent": contract.coordination_percent,
        "hourly_rate_min": contract.hourly_rate_min,
        "hourly_rate_max": contract.hourly_rate_max,
        "expense_approval": contract.expense_approval or _EXPENSE_APPROVAL_DEFAULT[lang],
        "payment_days": contract.payment_days,
        "dispute_days": contract.dispute_days,
        "successor_transfer_days": contract.successor_transfer_days,
        "place_of_signature": contract.place_of_signature,
    }


def _tiers(tiers: Sequence[Tier]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    lower = Decimal(0)
    for tier in tiers:
        rows.append({"lower": lower, "up_to": tier.up_to, "rate_percent": tier.rate_percent})
        lower = tier.up_to if tier.up_to is not None else lower
    return rows


def _reciprocity(contract: ReciprocityContract) -> dict[str, object]:
    return {
        "id": contract.id,
        "kind": contract.kind,
        "language": contract.language,
        "commons": list(contract.commons),
        "host": contract.host,
        "actor": contract.actor,
        "effective_date": contract.effective_date,
        "end_date": contract.end_date,
        "notice_days": contract.notice_days,
        "covered_activities": list(contract.covered_activities),
        "qualification": contract.qualification,
        "flat_rate": contract.flat_rate,
        "rate_percent": contract.tiers[0].rate_percent if contract.flat_rate else None,
        "tiers": _tiers(contract.tiers),
        "annual_cap": contract.annual_cap,
        "period": contract.period,
        "declaration_days": contract.declaration_days,
        "payment_days": contract.payment_days,
        "vat_rate_percent": contract.vat_rate_percent,
        "late_interest_percent": contract.late_interest_percent,
        "public_listing": contract.public_listing,
        "place_of_signature": contract.place_of_signature,
    }


def _lookup(mapping: Mapping[str, Any], key: str, what: str, contract: Contract) -> Any:
    try:
        return mapping[key]
    except KeyError:
        raise RefusedError(
            f"contract {contract.id!r} refers to the {what} {key!r}, which is not in the "
            "registry: run 'commons-contracts validate'"
        ) from None


def _signatories(
    registry: Registry, contract: Contract, lang: str, parties: Mapping[str, dict[str, object]]
) -> list[dict[str, object]]:
    # Default signatories' capacities are worded in the language being rendered, so that an
    # English copy of a French contract reads English.
    listed = registry.signatories(contract, lang)  # type: ignore[arg-type]
    actor = contract.actor if isinstance(contract, ReciprocityContract) else None
    result: list[dict[str, object]] = []
    for signatory in listed:
        if signatory.party is None:
            side = _COMMUNITY_SIDE
        elif signatory.party == contract.host:
            side = "host"
        elif signatory.party == actor:
            side = "actor"
        else:
            side = "other"
        party = None
        if signatory.party is not None:
            party = parties.get(signatory.party)
            if party is None and signatory.party in registry.parties:
                party = _party(registry.parties[signatory.party], lang)
        result.append(
            {
                "id": signatory.id,
                "name": signatory.name,
                "role": signatory.role,
                "party": party,
                "side": side,
            }
        )
    return result


def _copies(signatories: Sequence[Mapping[str, object]], lang: str) -> dict[str, object]:
    """One original per party with a distinct interest (art. 1375 C. civ.), at least two."""
    sides = {(s["party"]["id"] if isinstance(s["party"], dict) else s["side"]) for s in signatories}
    count = max(2, len(sides))
    return {"count": count, "words": str(num2words(count, lang=lang))}


def template_context(registry: Registry, contract_id: str, lang: str) -> dict[str, object]:
    """The values a template sees for one contract in `lang` (documented in
    docs/templates.md): plain dicts, lists, strings, Decimals, dates and booleans; optional data
    is None, never missing, so that a template can test it and StrictUndefined catches typos.
    Raises :class:`~commons_contracts.errors.UsageError` for an unknown contract or language.
    """
    check_language(lang)
    contract = registry.contract(contract_id)
    host = _party(_lookup(registry.parties, contract.host, "party", contract), lang)
    parties = {contract.host: host}
    if isinstance(contract, ReciprocityContract):
        actor_party = _party(_lookup(registry.parties, contract.actor, "party", contract), lang)
        parties[contract.actor] = actor_party
        actor: dict[str, object] | None = actor_party
        details = _reciprocity(contract)
    else:
        actor = None
        details = _hosting(contract, lang)
    commons_list = [
        _commons(_lookup(registry.commons, commons_id, "commons", contract))
        for commons_id in contract.commons_ids
    ]
    signatories = _signatories(registry, contract, lang, parties)
    digest = terms_sha256(canonical_terms(registry.source(contract.kind, contract.id).data))
    return {
        "lang": lang,
        "kind": contract.kind,
        "contract": details,
        "host": host,
        "actor": actor,
        "commons": commons_list[0],
        "commons_list": commons_list,
        "commons_names": _quoted_names([str(c["name"]) for c in commons_list], lang),
        "several_commons": len(commons_list) > 1,
        "signatories": signatories,
        "copies": _copies(signatories, lang),
        "workspace": {
            "name": registry.workspace.name,
            "currency": registry.workspace.currency,
        },
        "terms_sha256": digest,
        "short_hash": digest[:SHORT_HASH_LENGTH],
        "tool_version": __version__,
    }


_QUARTER_ORDINALS = {
    "fr": ("premier", "deuxième", "troisième", "quatrième"),
    "en": ("first", "second", "third", "fourth"),
}


_YEAR_WORD = {"fr": "année", "en": "year"}


def _period_name(start: datetime.date, period: str, lang: str) -> str:
    """`novembre 2026`, `troisième trimestre 2026`, `année 2026`; `November 2026`, `third
    quarter of 2026`, `year 2026`: the period as a sentence names it."""
    if period == "month":
        name: str = format_date(start, format="LLLL y", locale=babel_locale(lang))
        return name
    if period == "quarter":
        ordinal = _QUARTER_ORDINALS[lang][(start.month - 1) // 3]
        if lang == "fr":
            return f"{ordinal} trimestre {start.year}"
        return f"{ordinal} quarter of {start.year}"
    return f"{_YEAR_WORD[lang]} {start.year}"


def _iban_grouped(iban: str | None) -> str | None:
    """`FR76 4255 9100 ...`: the IBAN in groups of four, as printed on paper, with no-break
    spaces so that it never breaks across lines."""
    if iban is None:
        return None
    compact = "".join(iban.split()).upper()
    return _NBSP.join(compact[start : start + 4] for start in range(0, len(compact), 4))


def statement_reference(contract_id: str, period: str) -> str:
    """A statement's reference, also the payment reference asked for: `<contract-id>-<period>`
    (`reciprocite-alice-movilab-2026-Q3`), the same in every language and at every as-of date."""
    return f"{contract_id}-{period}"


def statement_context(
    registry: Registry, statement: PeriodStatement, lang: str
) -> dict[str, object]:
    """The values a reversal statement template sees (documented in docs/templates.md): every
    value of the reciprocity contract's own context (:func:`template_context`), with `kind`
    `reversal-statement`, plus `statement`, `declarations`, `totals`, `by_commons` and
    `payment`. Amounts are exact Decimals, dates `datetime.date`; optional data is None.
    Raises :class:`~commons_contracts.errors.UsageError` for an unknown language.
    """
    check_language(lang)
    contract = statement.contract
    figures_ = statement.period
    context = template_context(registry, contract.id, lang)
    names = {
        commons_id: _lookup(registry.commons, commons_id, "commons", contract).name
        for commons_id in contract.commons
    }
    records: dict[str, Declaration] = {
        d.id: d for d in registry.declarations if d.contract == contract.id
    }
    declarations = [
        _declaration_row(records[due.id], due, contract, names) for due in figures_.declarations
    ]
    period_split = dict.fromkeys(contract.commons, ZERO)
    for due in figures_.declarations:
        for commons_id, part in due.by_commons.items():
            period_split[commons_id] += part
    first_day = figures_.declarations[0].date
    start = period_start(first_day, contract.period)
    end = period_end(first_day, contract.period)
    reference = statement_reference(contract.id, figures_.period)
    host = _lookup(registry.parties, contract.host, "party", contract)
    context.update(
        kind=STATEMENT_KIND,
        statement={
            "reference": reference,
            "period": figures_.period,
            "period_name": _period_name(start, contract.period, lang),
            "period_start": start,
            "period_end": end,
            "period_closed": statement.as_of > end,
            "year": start.year,
            "as_of": statement.as_of,
            "payment_due_date": figures_.payment_due_date,
            "overdue": figures_.overdue,
            "currency": statement.currency,
        },
        declarations=declarations,
        totals={
            "revenue_excl_tax": figures_.revenue_excl_tax,
            "due_excl_tax": figures_.due_excl_tax,
            "vat_rate_percent": contract.vat_rate_percent,
            "vat": figures_.vat,
            "due_incl_tax": figures_.due_incl_tax,
            "paid": figures_.paid,
            "outstanding": figures_.outstanding,
            "carried_balance": statement.carried_balance,
            "carried_overdue": statement.carried_overdue,
            "balance_due": statement.balance_due,
            "cumulative_revenue": figures_.declarations[-1].cumulative_revenue,
        },
        by_commons=[
            {"id": commons_id, "name": names[commons_id], "due_excl_tax": part}
            for commons_id, part in period_split.items()
        ],
        payment={
            "account_holder": host.name,
            "iban": _iban_grouped(host.iban),
            "bic": host.bic,
            "reference": reference,
        },
    )
    return context


def _declaration_row(
    record: Declaration,
    due: DeclarationDue,
    contract: ReciprocityContract,
    names: Mapping[str, str],
) -> dict[str, object]:
    shares = record.commons_shares
    return {
        "id": record.id,
        "date": record.date,
        "client": record.client,
        "description": record.description,
        "invoice_ref": record.invoice_ref,
        "amount_excl_tax": due.amount_excl_tax,
        "due_excl_tax": due.due_excl_tax,
        "cumulative_revenue": due.cumulative_revenue,
        "credit_note": due.amount_excl_tax < 0,
        "shares": [
            {
                "commons": commons_id,
                "name": names[commons_id],
                "percent": shares[commons_id] if shares is not None else Decimal(100),
                "due_excl_tax": due.by_commons[commons_id],
            }
            for commons_id in contract.commons
            if commons_id in due.by_commons
        ],
    }
