"""Contract documents: hosting and reciprocity contracts, and the reversal statements of
reciprocity contracts, rendered from editable .docx templates.

A template is a Word document with docxtpl (Jinja) tags, one per document kind and language
(`hosting-fr.docx`, `reciprocity-en.docx`, `statement-fr.docx`...). The built-in ones ship in
the package; a registry overrides any of them with a file of the same name in its templates
folder. This is the only module that imports docxtpl.

Rendering is safe and exact:

* templates run in a sandboxed Jinja environment with `StrictUndefined`, so a missing value is
  a :class:`TemplateError` naming the template and the variable, never a blank in a contract;
* values are XML-escaped (`Dupont & Fils <SARL>` comes out exactly so) and never evaluated
  (`{{ 7*7 }}` typed in a name stays literal);
* the same registry gives the same bytes: zip entries carry a fixed date, the document dates
  come from the contract's effective date, and the provenance (contract id, terms hash,
  template hash, tool version) is written into the document properties after rendering, where
  no template tag can reach it.

docxtpl cleans the XML of every part of the document (body, headers, footers) with regular
expressions and compiles it with Jinja on each render, which is most of its time although that
XML is the same for every contract rendered from a template. Both results are kept for the life
of the process, keyed by the XML itself, so that a render after the first from a template costs
about a quarter of a plain docxtpl render (see bench/bench_render.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import difflib
import hashlib
import io
import multiprocessing
import os
import sys
import zipfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from babel.dates import format_date
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

# lxml comes with python-docx; it has no type stubs.
from lxml import etree  # type: ignore[import-untyped]
from num2words import num2words

from commons_contracts import __version__
from commons_contracts.errors import CommonsContractsError, RefusedError, UsageError
from commons_contracts.ledger import PeriodStatement, period_statement
from commons_contracts.loader import Position, Record
from commons_contracts.model import (
    Address,
    Commons,
    Contract,
    Declaration,
    HostingContract,
    Party,
    Payment,
    Person,
    ReciprocityContract,
    Registry,
    Representative,
    Signatory,
    Tier,
    Workspace,
)
from commons_contracts.money import ZERO
from commons_contracts.reversal import DeclarationDue, period_end
from commons_contracts.store import write_atomic
from commons_contracts.terms import SHORT_HASH_LENGTH, canonical_terms, terms_sha256
from commons_contracts.wording import LANGUAGES, babel_locale, check_language, jinja_filters

__all__ = [
    "LANGUAGES",
    "TEMPLATE_NAMES",
    "TemplateError",
    "builtin_templates_dir",
    "document_properties",
    "find_template",
    "normalize_docx",
    "output_path",
    "render_contract",
    "render_contracts",
    "render_document",
    "render_statement",
    "render_statement_document",
    "statement_context",
    "statement_output_path",
    "statement_reference",
    "template_check",
    "template_context",
    "template_name",
    "template_text",
]

"""The languages a contract can be rendered in."""

_KIND_PREFIX = {"hosting-contract": "hosting", "reciprocity-contract": "reciprocity"}
STATEMENT_KIND = "reversal-statement"
"""The `kind` of a reversal statement's context, beside the two contract kinds."""
# Every kind of document, with the prefix of its templates' names.
_DOCUMENT_PREFIX = {**_KIND_PREFIX, STATEMENT_KIND: "statement"}

TEMPLATE_NAMES = tuple(
    f"{prefix}-{lang}" for prefix in _DOCUMENT_PREFIX.values() for lang in LANGUAGES
)
"""The names of the templates, as files `<name>.docx`: one per contract kind and language,
then the reversal statement's in each language."""

_DOCUMENT_LANGUAGE = {"fr": "fr-FR", "en": "en-GB"}
_NBSP = "\u00a0"
_NNBSP = "\u202f"

# The custom document properties that carry a rendered contract's provenance.
_PROVENANCE_KEYS = ("ContractId", "TermsSha256", "TemplateName", "TemplateSha256", "ToolVersion")
REQUIRED_PROVENANCE = ("ContractId", "TermsSha256", "TemplateSha256", "ToolVersion")
"""What every rendered document says about itself; a statement adds `Period` and `AsOf`."""
# ... and those that a reversal statement carries besides: its period and its as-of date.
_STATEMENT_KEYS = ("Period", "AsOf")
PROVENANCE_KEYS = (*_PROVENANCE_KEYS, *_STATEMENT_KEYS)
"""Every provenance property a rendered document may carry, in the order they are written."""
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id that Word gives every user-defined property.
_USER_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

_EXPENSE_APPROVAL_DEFAULT = {"fr": "les Représentants", "en": "the Representatives"}
_COMMUNITY_SIDE = "community"


class TemplateError(CommonsContractsError):
    """A template is missing, malformed, or uses a value that the context lacks."""


# --------------------------------------------------------------------------------------------
# Finding templates


def builtin_templates_dir() -> Path:
    """The folder of the built-in templates, inside the installed package."""
    return Path(str(resources.files("commons_contracts") / "templates"))


def template_name(contract: Contract, lang: str) -> str:
    """The template a contract renders with in `lang`, e.g. `reciprocity-fr`."""
    return f"{_KIND_PREFIX[contract.kind]}-{lang}"


def _registry_templates_dir(root: Path, registry: Registry | None) -> Path:
    folder = registry.workspace.templates if registry is not None else "templates"
    return root / folder


def find_template(name: str, root: Path | None = None, registry: Registry | None = None) -> Path:
    """The file of the template `name` (`hosting-fr` or `hosting-fr.docx`): the registry's own
    file in its templates folder when `root` is given and holds one, else the built-in one.

    Raises :class:`TemplateError` for an unknown name, listing the known ones.
    """
    file_name = name if name.endswith(".docx") else f"{name}.docx"
    if Path(file_name).name != file_name or file_name.startswith("."):
        raise TemplateError(f"{name!r} is not a template name (e.g. hosting-fr)")
    if root is not None:
        override = _registry_templates_dir(root, registry) / file_name
        if override.is_file():
            return override
    builtin = builtin_templates_dir() / file_name
    if builtin.is_file():
        return builtin
    known = ", ".join(TEMPLATE_NAMES)
    raise TemplateError(f"no template named {name!r}: the templates are {known}")


def _display(path: Path, root: Path | None) -> str:
    """How a template is named in messages: relative to the registry, or as built-in."""
    if root is not None:
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(root.resolve()).as_posix()
    if path.resolve().parent == builtin_templates_dir().resolve():
        return f"built-in template {path.name}"
    return str(path)


# --------------------------------------------------------------------------------------------
# The context


def _check_lang(lang: str) -> None:
    check_language(lang)


def _language(registry: Registry, contract: Contract, lang: str | None) -> str:
    chosen = lang or contract.language or registry.workspace.language
    _check_lang(chosen)
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
    _check_lang(lang)
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


# --------------------------------------------------------------------------------------------
# The context of a reversal statement

_QUARTER_ORDINALS = {
    "fr": ("premier", "deuxième", "troisième", "quatrième"),
    "en": ("first", "second", "third", "fourth"),
}
_YEAR_WORD = {"fr": "année", "en": "year"}


def _period_start(day: datetime.date, period: str) -> datetime.date:
    """The first day of the month, quarter or year holding `day`."""
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return datetime.date(day.year, 1, 1)


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
    _check_lang(lang)
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
    start = _period_start(first_day, contract.period)
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


# --------------------------------------------------------------------------------------------
# The Jinja environment, with its cache of compiled parts


class _TemplateEnvironment(SandboxedEnvironment):
    """The sandbox templates run in, remembering the templates it compiled.

    docxtpl calls `from_string` with the XML of each part of the document on every render.
    That XML depends only on the template file, and this environment only on the language, so
    the compiled template is kept, keyed by the exact XML: the cache is per (template content,
    language) and can never serve a stale template, whoever edits the file.
    """

    _CACHE_SIZE = 64  # parts: a template has 2 to 4 (body, footers, headers)

    def __init__(self, lang: str) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True)
        self.filters.update(jinja_filters(lang))
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[jinja2.Template] | None = None,
    ) -> jinja2.Template:
        """Compile `source`, or return the template compiled from the same text before."""
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            self._compiled[source] = template
            if len(self._compiled) > self._CACHE_SIZE:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(source)
        return template


@lru_cache(maxsize=len(LANGUAGES))
def _environment(lang: str) -> _TemplateEnvironment:
    return _TemplateEnvironment(lang)


class _BoundedCache(OrderedDict[str, str]):
    """A small least-recently-used map of strings."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: str, value: str) -> str:
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
        return value


class _DocxTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    """docxtpl's template, remembering how it cleaned each part's XML for Jinja.

    Before compiling, docxtpl rewrites each part's XML with some thirty regular expressions
    (`patch_xml`), a pure function of the text that costs a third of a cached render; the
    result is kept, keyed by the XML itself, like the compiled templates.
    """

    _patched = _BoundedCache(64)

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's `patch_xml`, computed once per distinct XML text."""
        found = self._patched.get(src_xml)
        if found is None:
            return self._patched.remember(src_xml, super().patch_xml(src_xml))
        self._patched.move_to_end(src_xml)
        return found


# --------------------------------------------------------------------------------------------
# Rendering


@dataclasses.dataclass(frozen=True, slots=True)
class _TemplateFile:
    path: Path
    display: str
    data: bytes
    sha256: str


def _read_template(path: Path, root: Path | None) -> _TemplateFile:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TemplateError(f"cannot read the template {path}: {error.strerror}") from error
    return _TemplateFile(path, _display(path, root), data, hashlib.sha256(data).hexdigest())


def _open_template(template: _TemplateFile) -> _DocxTemplate:
    document = _DocxTemplate(io.BytesIO(template.data))
    try:
        document.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise TemplateError(f"{template.display} is not a readable .docx file: {error}") from error
    return document


def _render_error(
    error: Exception, template: _TemplateFile, lang: str, contract_id: str, what: str = "contract"
) -> TemplateError:
    """A message that names the template and, for a missing value, the variable; `contract_id`
    is the id of the document rendered, `what` its kind (a contract, a statement)."""
    if isinstance(error, jinja2.UndefinedError):
        problems = _check(template.path, lang)
        if problems:
            listed = "; ".join(problems)
            return TemplateError(f"{template.display}: cannot render {contract_id!r}: {listed}")
        return TemplateError(
            f"{template.display}: a value is missing for {what} {contract_id!r} "
            f"({error.message}): test optional values with {{% if ... %}}"
        )
    if isinstance(error, jinja2.TemplateSyntaxError):
        return TemplateError(f"{template.display}: template syntax error: {error.message}")
    if isinstance(error, jinja2.exceptions.SecurityError):
        return TemplateError(f"{template.display}: unsafe operation refused: {error}")
    if isinstance(error, jinja2.TemplateError):
        return TemplateError(f"{template.display}: {error.message or error}")
    return TemplateError(f"{template.display}: the rendered document is not valid XML: {error}")


def _document_title(document: Any, fallback: str) -> str:
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Title":
            text = " ".join(paragraph.text.split())
            if text:
                return text
    return fallback


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day)


def _set_core_properties(
    document: Any, context: Mapping[str, Any], lang: str, template: _TemplateFile
) -> None:
    """The core properties of the rendered contract, from its data only (never the clock)."""
    contract = context["contract"]
    host_name = context["host"]["name"]
    if context["actor"] is not None:
        other = context["actor"]["name"]
    elif lang == "fr":
        other = f"la communauté du commun {context['commons']['name']}"
    else:
        other = f"the community of the commons {context['commons']['name']}"
    _write_core_properties(
        document,
        identifier=contract["id"],
        subject=(
            f"Entre {host_name} et {other}" if lang == "fr" else f"Between {host_name} and {other}"
        ),
        author=host_name,
        category=contract["kind"],
        keywords=f"{contract['kind']} {contract['id']}",
        comments=(
            f"commons-contracts {__version__}; terms sha256 {context['terms_sha256']}; "
            f"template {template.path.name} sha256 {template.sha256}"
        ),
        lang=lang,
        day=contract["effective_date"],
    )


def _write_core_properties(
    document: Any,
    *,
    identifier: str,
    subject: str,
    author: str,
    category: str,
    keywords: str,
    comments: str,
    lang: str,
    day: datetime.date,
) -> None:
    """Set every core property a rendered document carries; the title is the document's first
    `Title` paragraph (else `identifier`), the creation and modification dates are `day`."""
    properties = document.core_properties
    properties.title = _document_title(document, identifier)
    properties.subject = subject
    properties.author = author
    properties.identifier = identifier
    properties.keywords = keywords
    properties.category = category
    properties.comments = comments
    properties.language = _DOCUMENT_LANGUAGE[lang]
    properties.revision = 1
    created = _midnight(day)
    properties.created = created
    properties.modified = created


def _custom_properties_xml(existing: bytes | None, values: Mapping[str, str]) -> bytes:
    """docProps/custom.xml holding `values`, keeping the template's other properties."""
    namespaces = {None: _CUSTOM_NS, "vt": _VT_NS}
    if existing:
        root = etree.fromstring(existing)
        for prop in list(root):
            if prop.get("name") in values:
                root.remove(prop)
    else:
        root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap=namespaces)
    for name, value in values.items():
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property")
        prop.set("fmtid", _USER_FMTID)
        prop.set("name", name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    # Property ids are sequential from 2, as Word numbers them.
    for pid, prop in enumerate(root, start=2):
        prop.set("pid", str(pid))
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml


def _set_custom_properties(document: Any, values: Mapping[str, str]) -> None:
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.CUSTOM_PROPERTIES:
            part = rel.target_part
            part._blob = _custom_properties_xml(part.blob, values)
            return
    part = Part(
        PackURI("/docProps/custom.xml"),
        CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
        _custom_properties_xml(None, values),
        package,
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def _blank_rendered_properties(document: Any) -> None:
    # docxtpl renders these core properties through Jinja, which escapes `&` twice with
    # autoescape on; they are all set after rendering, so give docxtpl nothing to render.
    properties = document.core_properties
    for name in ("author", "comments", "identifier", "language", "subject", "title"):
        setattr(properties, name, "")


def normalize_docx(data: bytes, timestamp: datetime.datetime) -> bytes:
    """The same .docx with every zip entry dated `timestamp` and stored in a stable order
    (`[Content_Types].xml` first, then by name), so that equal content gives equal bytes.

    python-docx stamps the current time into each entry; this is what makes two renders of
    the same contract byte-identical, and a rendered file's SHA-256 a stable identity.
    """
    stamp = timestamp.timetuple()[:6]
    # Zip dates run from 1980 to 2107.
    stamp = max((1980, 1, 1, 0, 0, 0), min(stamp, (2107, 12, 31, 23, 59, 58)))
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        names = sorted(source.namelist(), key=lambda name: (name != "[Content_Types].xml", name))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same bytes on every platform
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return output.getvalue()


def render_document(
    registry: Registry, root: Path, contract_id: str, lang: str | None = None
) -> bytes:
    """The rendered .docx of one contract, as bytes. `lang` None means the contract's language
    (else the registry's); the template is the registry's override under `root`, if any, else
    the built-in one. Raises :class:`TemplateError` when the template cannot be rendered.
    """
    contract = registry.contract(contract_id)
    lang = _language(registry, contract, lang)
    context = template_context(registry, contract_id, lang)
    template = _read_template(find_template(template_name(contract, lang), root, registry), root)
    document = _render_template(template, context, lang, contract_id)
    _set_core_properties(document.docx, context, lang, template)
    return _saved(document, _provenance(contract.id, context, template), contract.effective_date)


def _render_template(
    template: _TemplateFile,
    context: Mapping[str, Any],
    lang: str,
    document_id: str,
    what: str = "contract",
) -> Any:
    """The docxtpl document of `template` rendered with `context` in the sandbox of `lang`,
    its core properties blank; a failure is a :class:`TemplateError` naming the template and
    the `what` (contract, statement) `document_id`."""
    document = _open_template(template)
    _blank_rendered_properties(document.docx)
    try:
        document.render(context, _environment(lang), autoescape=True)
    except (jinja2.TemplateError, etree.XMLSyntaxError) as error:
        raise _render_error(error, template, lang, document_id, what) from error
    except (TypeError, ValueError, ArithmeticError) as error:
        # A filter given a value it cannot take, e.g. `notice_days|money` (a number of days
        # is not an amount): the template's mistake, to be told as such.
        raise TemplateError(
            f"{template.display}: cannot render {what} {document_id!r}: {error}"
        ) from error
    return document


def _provenance(
    contract_id: str, context: Mapping[str, Any], template: _TemplateFile
) -> dict[str, str]:
    """The custom properties that tie a rendered document to its contract and template."""
    return {
        "ContractId": contract_id,
        "TermsSha256": str(context["terms_sha256"]),
        "TemplateName": template.path.name,
        "TemplateSha256": template.sha256,
        "ToolVersion": __version__,
    }


def _saved(document: Any, custom_properties: Mapping[str, str], day: datetime.date) -> bytes:
    """The rendered document's bytes, with `custom_properties` and every zip entry dated
    `day`: the same document gives the same bytes."""
    _set_custom_properties(document.docx, custom_properties)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_docx(buffer.getvalue(), _midnight(day))


def output_path(out_dir: Path, contract_id: str, lang: str) -> Path:
    """Where a rendered contract goes: `<out_dir>/<contract-id>.<lang>.docx`."""
    return out_dir / f"{contract_id}.{lang}.docx"


def render_contract(
    registry: Registry, root: Path, contract_id: str, lang: str | None, out_dir: Path
) -> Path:
    """Render one contract to `<out_dir>/<contract-id>.<lang>.docx` atomically (replacing a
    previous render) and return its path. `lang` None means the contract's own language.
    """
    contract = registry.contract(contract_id)
    lang = _language(registry, contract, lang)
    data = render_document(registry, root, contract_id, lang)
    # Documents are derived outputs: a new render replaces the previous one, atomically.
    return write_atomic(output_path(out_dir, contract_id, lang), data, overwrite=True)


# State of a worker process of render_contracts, set once by its initializer.
_WORKER: dict[str, Any] = {}


def _init_worker(registry: Registry, root: Path, out_dir: Path) -> None:
    _WORKER.update(registry=registry, root=root, out_dir=out_dir)


def _render_task(task: tuple[str, str | None]) -> Path:
    contract_id, lang = task
    return render_contract(
        _WORKER["registry"], _WORKER["root"], contract_id, lang, _WORKER["out_dir"]
    )


def render_contracts(
    registry: Registry,
    root: Path,
    contract_ids: Sequence[str],
    langs: Sequence[str] | None,
    out_dir: Path,
    *,
    jobs: int | None = None,
) -> list[Path]:
    """Render every contract of `contract_ids` in every language of `langs` (None: each
    contract's own language) into `out_dir`, and return the paths in input order (contract by
    contract, languages in the given order). `jobs` processes share the work (None: one per
    core; 1: in this process). Unknown ids and languages are refused before anything is written.
    """
    tasks: list[tuple[str, str | None]] = []
    for contract_id in contract_ids:
        contract = registry.contract(contract_id)
        requested: Sequence[str | None] = langs if langs else [None]
        for lang in requested:
            tasks.append((contract_id, _language(registry, contract, lang)))
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    if workers <= 1:
        return [render_contract(registry, root, cid, lang, out_dir) for cid, lang in tasks]
    out_dir.mkdir(parents=True, exist_ok=True)
    # fork starts a worker without pickling the registry or importing the package again;
    # where it does not exist (Windows, macOS's default) the registry is pickled once per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context(
        "fork" if sys.platform == "linux" and "fork" in methods else None
    )
    chunk = max(1, len(tasks) // (workers * 4))
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(registry, root, out_dir),
    ) as executor:
        return list(executor.map(_render_task, tasks, chunksize=chunk))


# --------------------------------------------------------------------------------------------
# Reversal statements


def statement_output_path(out_dir: Path, contract_id: str, period: str, lang: str) -> Path:
    """Where a rendered statement goes: `<out_dir>/<contract-id>.<period>.<lang>.docx`."""
    return out_dir / f"{contract_id}.{period}.{lang}.docx"


def _statement_contract(registry: Registry, contract_id: str) -> ReciprocityContract:
    contract = registry.contract(contract_id)
    if not isinstance(contract, ReciprocityContract):
        raise UsageError(
            f"{contract_id!r} is a hosting contract: reversal statements are for reciprocity "
            "contracts"
        )
    return contract


def render_statement_document(  # noqa: PLR0917  # the order of render_contract's
    registry: Registry,
    root: Path,
    contract_id: str,
    period: str,
    lang: str | None,
    as_of: datetime.date,
) -> bytes:
    """The rendered .docx of the reversal statement of one period (`2026-Q3`, `2026-11`,
    `2026`) of a reciprocity contract as of `as_of` (records dated after it are ignored), as
    bytes. `lang` None means the contract's language (else the registry's); the template is
    `statement-<lang>`, the registry's override under `root` if any. The document is dated
    `as_of`, which also dates its zip entries: the same registry and date give the same bytes.

    Raises :class:`~commons_contracts.errors.UsageError` for an unknown contract, a hosting
    contract, a period without declarations or an unknown language, and
    :class:`TemplateError` when the template cannot be rendered.
    """
    contract = _statement_contract(registry, contract_id)
    lang = _language(registry, contract, lang)
    statement = period_statement(registry, contract_id, period, as_of)
    context = statement_context(registry, statement, lang)
    reference = statement_reference(contract_id, period)
    template = _read_template(find_template(f"statement-{lang}", root, registry), root)
    document = _render_template(template, context, lang, reference, "statement")
    host_name = registry.parties[contract.host].name
    actor_name = registry.parties[contract.actor].name
    _write_core_properties(
        document.docx,
        identifier=reference,
        subject=(
            f"De {actor_name} à {host_name}, période {period}"
            if lang == "fr"
            else f"From {actor_name} to {host_name}, period {period}"
        ),
        author=host_name,
        category=STATEMENT_KIND,
        keywords=f"{STATEMENT_KIND} {contract_id} {period}",
        comments=(
            f"commons-contracts {__version__}; period {period} as of {as_of.isoformat()}; "
            f"terms sha256 {context['terms_sha256']}; "
            f"template {template.path.name} sha256 {template.sha256}"
        ),
        lang=lang,
        day=as_of,
    )
    properties = _provenance(contract_id, context, template)
    properties.update(Period=period, AsOf=as_of.isoformat())
    return _saved(document, properties, as_of)


def render_statement(  # noqa: PLR0917  # the order of render_contract's
    registry: Registry,
    root: Path,
    contract_id: str,
    period: str,
    lang: str | None,
    as_of: datetime.date,
    out_dir: Path,
) -> Path:
    """Render the reversal statement of one period of a reciprocity contract to
    `<out_dir>/<contract-id>.<period>.<lang>.docx` atomically (replacing a previous render)
    and return its path. `lang` None means the contract's own language."""
    contract = _statement_contract(registry, contract_id)
    lang = _language(registry, contract, lang)
    data = render_statement_document(registry, root, contract_id, period, lang, as_of)
    # Statements are derived outputs: a new render replaces the previous one, atomically.
    return write_atomic(
        statement_output_path(out_dir, contract_id, period, lang), data, overwrite=True
    )


# --------------------------------------------------------------------------------------------
# Reading templates and rendered documents back


def document_properties(source: Path | bytes) -> dict[str, str]:
    """The provenance a rendered document carries in its custom properties (ContractId,
    TermsSha256, TemplateName, TemplateSha256, ToolVersion, and for a reversal statement
    Period and AsOf), those found; other custom properties a template may hold are left out.
    Empty for a document without provenance."""
    data = source.read_bytes() if isinstance(source, Path) else source
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            xml = archive.read("docProps/custom.xml")
        except KeyError:
            return {}
    found: dict[str, str] = {}
    for prop in etree.fromstring(xml):
        name = prop.get("name")
        if name in PROVENANCE_KEYS and len(prop):
            found[name] = prop[0].text or ""
    return found


def _paragraph_line(paragraph: Any) -> str:
    text: str = paragraph.text.replace("\t", " ")
    style = paragraph.style.name if paragraph.style is not None else ""
    if style == "Title":
        return f"# {text}"
    if style.startswith("Heading "):
        level = style.removeprefix("Heading ")
        return f"{'#' * (int(level) + 1 if level.isdigit() else 2)} {text}"
    return text


def _block_lines(container: Any) -> Iterator[str]:
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                # python-docx gives a merged cell once per grid column it spans: show it once.
                unique = [
                    c
                    for i, c in enumerate(row.cells)
                    if i == 0 or c._tc is not row.cells[i - 1]._tc
                ]
                cells = [[p.text for p in cell.paragraphs if p.text] for cell in unique]
                if all(len(cell) <= 1 for cell in cells):
                    yield "| " + " | ".join(cell[0] if cell else "" for cell in cells) + " |"
                    continue
                # A cell of several paragraphs (the signature block): one line each.
                for number, cell in enumerate(cells, start=1):
                    yield f"| cell {number}:"
                    yield from (f"|   {text}" for text in cell)
        else:
            yield _paragraph_line(block)


def template_text(
    template: str | Path, root: Path | None = None, registry: Registry | None = None
) -> str:
    """The text of a .docx template with its tags, one paragraph per line, table rows as
    `| cell | cell |`, then its headers and footers: what `template show` prints and what a
    git textconv driver diffs. `template` is a path to a .docx file or a template name
    (`hosting-fr`), looked up in the registry at `root` first.
    """
    if isinstance(template, Path) or Path(template).is_file():
        path = Path(template)
    else:
        path = find_template(template, root, registry)
    document = _open_template(_read_template(path, root)).docx
    lines = list(_block_lines(document))
    seen: set[int] = set()
    for section in document.sections:
        for label, part in (
            ("header", section.header),
            ("first page header", section.first_page_header),
            ("even page header", section.even_page_header),
            ("footer", section.footer),
            ("first page footer", section.first_page_footer),
            ("even page footer", section.even_page_footer),
        ):
            if part.is_linked_to_previous or id(part.part) in seen:
                continue
            seen.add(id(part.part))
            lines.append(f"--- {label} ---")
            lines.extend(_block_lines(part))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Checking a custom template against the context


def _template_sources(path: Path) -> list[tuple[str, str]]:
    """The Jinja source of each part of a template, as docxtpl prepares it for rendering."""
    template = _open_template(_read_template(path, None))
    sources = [("body", template.patch_xml(template.get_xml()))]
    for label, uri in (("header", template.HEADER_URI), ("footer", template.FOOTER_URI)):
        for _, part in template.get_headers_footers(uri):
            sources.append((label, template.patch_xml(template.get_part_xml(part))))
    return sources


class _Unknown:
    """A value the checker cannot know (set in the template, a loop over a filter...)."""


_UNKNOWN = _Unknown()


class _Checker:
    """Walks a template's syntax tree and reports the variables, attributes and filters that
    the context and the environment lack.

    Each expression is evaluated against a sample context (every optional value filled), as a
    pair (sample value, path for messages); a loop variable stands for the first item of what
    it loops over.
    """

    _PASS_THROUGH_FILTERS = frozenset(
        {"list", "selectattr", "rejectattr", "sort", "reverse", "unique", "batch"}
    )

    def __init__(
        self, context: Mapping[str, object], filters: Iterable[str], globals_: Iterable[str]
    ) -> None:
        self.context = context
        self.filters = set(filters)
        self.globals = set(globals_)
        self.problems: list[str] = []

    def visit(self, node: nodes.Node, scope: dict[str, tuple[object, str]]) -> None:
        if isinstance(node, nodes.Expr):
            self.value(node, scope)
        elif isinstance(node, nodes.For):
            element = self._element(self.value(node.iter, scope))
            inner = dict(scope, loop=(_UNKNOWN, "loop"))
            self._bind(node.target, element, inner)
            for child in (*node.body, *node.else_):
                self.visit(child, inner)
            if node.test is not None:
                self.value(node.test, inner)
        elif isinstance(node, nodes.Assign):
            self._bind(node.target, self.value(node.node, scope), scope)
        elif isinstance(node, nodes.Macro | nodes.CallBlock | nodes.With | nodes.AssignBlock):
            if isinstance(node, nodes.Macro):
                scope[node.name] = (_UNKNOWN, node.name)
            inner = dict(scope)
            for name in (*_declared_names(node), "caller", "varargs", "kwargs"):
                inner[name] = (_UNKNOWN, name)
            for child in node.iter_child_nodes():
                self.visit(child, inner)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def _bind(
        self, target: nodes.Node, value: tuple[object, str], scope: dict[str, tuple[object, str]]
    ) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        else:
            for name in target.find_all(nodes.Name):
                scope[name.name] = (_UNKNOWN, name.name)

    @staticmethod
    def _element(value: tuple[object, str]) -> tuple[object, str]:
        sample, path = value
        if isinstance(sample, list) and sample:
            return sample[0], f"{path}[]"
        return _UNKNOWN, f"{path}[]"

    def value(self, node: nodes.Node, scope: dict[str, tuple[object, str]]) -> tuple[object, str]:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.context:
                return self.context[node.name], node.name
            if node.name not in self.globals:
                self.problems.append(
                    f"unknown variable '{node.name}'" + _hint(node.name, self.context)
                )
            return _UNKNOWN, node.name
        if isinstance(node, nodes.Getattr):
            return self._attribute(self.value(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.value(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self._attribute(base, node.arg.value)
            self.value(node.arg, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int):
                return self._element(base)
            return _UNKNOWN, base[1]
        if isinstance(node, nodes.Filter):
            if node.name not in self.filters:
                self.problems.append(
                    f"unknown filter '{node.name}'" + _hint(node.name, self.filters)
                )
            base = self.value(node.node, scope) if node.node is not None else (_UNKNOWN, "")
            for argument in (*node.args, *(kw.value for kw in node.kwargs)):
                self.value(argument, scope)
            return base if node.name in self._PASS_THROUGH_FILTERS else (_UNKNOWN, base[1])
        for child in node.iter_child_nodes():
            self.visit(child, scope)
        return _UNKNOWN, ""

    def _attribute(self, base: tuple[object, str], attribute: str) -> tuple[object, str]:
        sample, path = base
        dotted = f"{path}.{attribute}"
        if isinstance(sample, _Unknown) or sample is None:
            return _UNKNOWN, dotted
        if isinstance(sample, dict):
            if attribute in sample:
                return sample[attribute], dotted
            if hasattr(sample, attribute):  # a dict method (items, keys...)
                return _UNKNOWN, dotted
            self.problems.append(
                f"'{dotted}' is not in the context: {path} has no field '{attribute}'"
                + _hint(attribute, sample)
            )
            return _UNKNOWN, dotted
        if hasattr(sample, attribute):
            found = getattr(sample, attribute)
            return (_UNKNOWN if callable(found) else found), dotted
        self.problems.append(
            f"'{dotted}' is not in the context: {path} is a {type(sample).__name__}, "
            f"which has no attribute '{attribute}'"
        )
        return _UNKNOWN, dotted


def _declared_names(node: nodes.Node) -> list[str]:
    names: list[str] = []
    for attribute in ("args", "targets", "target"):
        found = getattr(node, attribute, None)
        for item in found if isinstance(found, list) else [found]:
            if isinstance(item, nodes.Node):
                names.extend(name.name for name in item.find_all(nodes.Name))
                if isinstance(item, nodes.Name):
                    names.append(item.name)
    return names


def _hint(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=2)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _merge(left: object, right: object) -> object:
    """Two sample values as one: dicts merged key by key, a known value over None."""
    if isinstance(left, dict) and isinstance(right, dict):
        merged = dict(left)
        for key, value in right.items():
            merged[key] = _merge(left[key], value) if key in left else value
        return merged
    return right if left is None else left


def _sample_context(kind: str | None, lang: str) -> dict[str, object]:
    """A context with every optional value filled, for the kind (None: every kind merged)."""
    registry = _sample_registry()
    if kind == "hosting-contract":
        return template_context(registry, "sample-hosting", lang)
    if kind == "reciprocity-contract":
        return template_context(registry, "sample-reciprocity", lang)
    statement = statement_context(
        registry,
        period_statement(registry, "sample-reciprocity", "2026-Q1", datetime.date(2026, 5, 1)),
        lang,
    )
    if kind == STATEMENT_KIND:
        return statement
    merged = _merge(
        _merge(template_context(registry, "sample-reciprocity", lang), statement),
        template_context(registry, "sample-hosting", lang),
    )
    assert isinstance(merged, dict)
    return merged


def _kind_of(path: Path) -> str | None:
    for kind, prefix in _DOCUMENT_PREFIX.items():
        if path.name.startswith(prefix):
            return kind
    return None


def template_check(path: Path, lang: str | None = None) -> list[str]:
    """What a custom template uses that the context lacks: unknown top-level variables,
    unknown fields of the context's dicts (`host.sirne`), unknown filters and syntax errors,
    one message each, prefixed with `path`. The document kind and, when `lang` is None, the
    language come from the file name (`hosting-fr.docx`, `statement-en.docx`); a file named
    otherwise is checked against every kind merged, in French. An empty list means the template
    only uses what the context has.
    """
    if lang is None:
        lang = next((code for code in LANGUAGES if path.stem.endswith(f"-{code}")), "fr")
    _check_lang(lang)
    return [f"{path}: {problem}" for problem in _check(path, lang)]


def _check(path: Path, lang: str) -> list[str]:
    environment = _environment(lang)
    context = _sample_context(_kind_of(path), lang)
    problems: list[str] = []
    for where, source in _template_sources(path):
        try:
            tree = environment.parse(source)
        except jinja2.TemplateSyntaxError as error:
            problems.append(f"{where}: template syntax error: {error.message}")
            continue
        checker = _Checker(context, environment.filters, environment.globals)
        checker.visit(tree, {})
        problems.extend(checker.problems)
    return list(dict.fromkeys(problems))


@lru_cache(maxsize=1)
def _sample_registry() -> Registry:
    """A registry with one contract of each kind and every optional field filled, and one
    declaration and one payment on the reciprocity contract (for a statement)."""
    host = Party(
        id="sample-host",
        type="organisation",
        name="Hôte",
        vat_regime="liable",
        address=Address("1 rue de l'Exemple", "59000", "Lille", "FR"),
        legal_form="SCIC SAS",
        share_capital=Decimal(1000),
        rcs_city="Lille",
        siren="732829320",
        siret="73282932000074",
        rna="W595012345",
        vat_number="FR44732829320",
        representative=Person("Claire Martin", "présidente", "claire@example.org"),
        email="contact@example.org",
        iban="FR7630006000011234567890189",
        bic="AGRIFRPP",
    )
    commons = Commons(
        id="sample-commons",
        name="Commun",
        description="Un commun.",
        licence="CC-BY-SA-4.0",
        decision_body="le comité",
        decision_rule="au consentement",
        representatives=(Representative("Inès Dubois", "ines@example.org", "coordination"),),
        url="https://example.org",
        social_code="https://example.org/code",
        charter_url="https://example.org/charte",
    )
    signatories = (Signatory("host", "Claire Martin", "présidente", "sample-host"),)
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    hosting = HostingContract(
        id="sample-hosting",
        commons="sample-commons",
        host="sample-host",
        effective_date=start,
        end_date=end,
        notice_days=60,
        host_fee_percent=Decimal(8),
        place_of_signature="Lille",
        language="fr",
        duration_months=12,
        coordination_percent=Decimal(15),
        hourly_rate_min=Decimal(30),
        hourly_rate_max=Decimal(45),
        expense_approval="le comité",
        signatories=signatories,
    )
    reciprocity = ReciprocityContract(
        id="sample-reciprocity",
        commons=("sample-commons",),
        host="sample-host",
        actor="sample-actor",
        effective_date=start,
        covered_activities=("conseil",),
        qualification="royalty",
        tiers=(Tier(Decimal(5), Decimal(1000)), Tier(Decimal(3))),
        period="quarter",
        payment_days=30,
        vat_rate_percent=Decimal(20),
        place_of_signature="Lille",
        flat_rate=False,
        end_date=end,
        language="fr",
        annual_cap=Decimal(3000),
        late_interest_percent=Decimal(10),
        signatories=signatories,
    )

    def record(kind: str, record_id: str) -> Record:
        data: dict[str, Any] = {"kind": kind, "id": record_id}
        return Record("sample.yaml", "sample.yaml", 0, Position(1, 1), data)

    return Registry(
        workspace=Workspace("sample"),
        commons={"sample-commons": commons},
        parties={"sample-host": host, "sample-actor": dataclasses.replace(host, id="sample-actor")},
        contracts={"sample-hosting": hosting, "sample-reciprocity": reciprocity},
        declarations=(
            Declaration(
                id="sample-declaration",
                contract="sample-reciprocity",
                date=datetime.date(2026, 2, 1),
                amount_excl_tax=Decimal("1500.00"),
                client="Client",
                description="Prestation",
                invoice_ref="F-1",
            ),
        ),
        payments=(
            Payment(
                id="sample-payment",
                contract="sample-reciprocity",
                date=datetime.date(2026, 4, 1),
                amount=Decimal("10.00"),
                reference="VIR",
            ),
        ),
        signatures=(),
        sources={
            (kind, record_id): record(kind, record_id)
            for kind, record_id in (
                ("hosting-contract", "sample-hosting"),
                ("reciprocity-contract", "sample-reciprocity"),
            )
        },
    )
