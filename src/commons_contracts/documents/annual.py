"""The values an annual financial report template sees: the records themselves (the commons, its
host, the hosting contract, the workspace) and the year's figures of the fund, with every label
already worded in the document's language (see docs/funds.md and docs/templates.md).

Names are those :mod:`commons_contracts.funds.annual` allows; a pooled line is labelled here
("2 sources non nommées"), so a template never has to decide who may be named.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from commons_contracts import __version__
from commons_contracts.core.diagnostics import Diagnostic
from commons_contracts.core.terms import SHORT_HASH_LENGTH
from commons_contracts.documents.fingerprint import document_terms
from commons_contracts.documents.localized import Localizer
from commons_contracts.documents.templates import ANNUAL_REPORT_KIND
from commons_contracts.funds.annual import AnnualReport
from commons_contracts.funds.fund import CATEGORIES, CATEGORY_LABELS, INCOME_LABELS, INCOME_TYPES
from commons_contracts.i18n.catalog import message, plural
from commons_contracts.i18n.languages import check_language
from commons_contracts.registry.model import (
    Commons,
    HostingContract,
    Party,
    Registry,
    Workspace,
)
from commons_contracts.registry.records import Language


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """The report itself: its year, date, reference and the dispute period."""

    year: int
    """The calendar year reported on."""
    period_start: datetime.date
    """1 January of the year."""
    period_end: datetime.date
    """31 December of the year."""
    previous_year_end: datetime.date
    """31 December of the year before (the date of the opening balance)."""
    issued_on: datetime.date
    """The report's date ("Fait à ..., le ...")."""
    dispute_days: int
    """The hosting contract's `dispute_days`."""
    dispute_until: datetime.date
    """The last day the community may dispute the report: `issued_on` plus `dispute_days`."""
    reference: str
    """`<commons>-<year>`: the report's reference."""
    currency: str
    """The registry's currency (`EUR`)."""


@dataclass(frozen=True, slots=True)
class AmountLine:
    """A labelled amount: an income type, a payout category."""

    key: str
    """The type or category (`subsidy`, `coordination`...)."""
    label: str
    """Its name in the document's language, with a capital (`Réciprocité (HT)`)."""
    amount: Decimal


@dataclass(frozen=True, slots=True)
class SourceRow:
    """The year's income of one type from one source, or from the unnamed sources of that type."""

    type: str
    """The type of income (`co-financing`, `subsidy`, `donation`, `reciprocity`, `other`)."""
    type_label: str
    """The type in the document's language, with a capital."""
    name: str
    """The source's name, or the pooled line's label (`2 sources non nommées`)."""
    named: bool
    """Whether the line names its source (false: a pooled line)."""
    count: int
    """How many incomes the line holds."""
    amount: Decimal
    host_fee: Decimal
    """The host fee taken on these incomes."""


@dataclass(frozen=True, slots=True)
class PayeeRow:
    """What one payee was paid in the year, or the unnamed payees together."""

    name: str
    """The payee's name, or the pooled line's label (`4 bénéficiaires non nommés`)."""
    named: bool
    """Whether the line names its payee."""
    payouts: int
    """How many payouts."""
    amount: Decimal


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    """An approved expense still to be paid at the year's end."""

    expense: str
    """The expense's id."""
    date: datetime.date
    """The expense's date."""
    description: str
    """What it pays for."""
    payee: str
    """The payee's name, or `bénéficiaire non nommé`."""
    category_label: str
    """Its category in the document's language."""
    amount: Decimal
    """What is left to pay of it."""


@dataclass(frozen=True, slots=True)
class AnnualTotals:
    """The year's figures of the fund."""

    opening_balance: Decimal
    """Available on 31 December of the year before."""
    income: Decimal
    """The year's income (reciprocity excl. VAT)."""
    host_fee: Decimal
    """The host fees taken on the year's income."""
    paid_out: Decimal
    """The year's payouts."""
    coordination: Decimal
    """The year's payouts for coordination and animation."""
    closing_balance: Decimal
    """Available on 31 December: opening + income - host fee - paid out."""
    committed: Decimal
    """What approved expenses still have to be paid on 31 December."""
    uncommitted: Decimal
    """`closing_balance - committed`."""


@dataclass(frozen=True, slots=True)
class AnnualReportContext:
    """What an annual financial report template sees (documented in docs/templates.md)."""

    lang: Language
    """The language being rendered."""
    kind: str
    """Always `annual-report`."""
    commons: Commons
    """The commons (its record, every field of its schema)."""
    host: Party
    """The host (a party record)."""
    contract: HostingContract
    """The hosting contract in force at the year's end (`host_fee_percent`, `dispute_days`...)."""
    workspace: Workspace
    """The registry's own record."""
    report: ReportInfo
    """The report itself."""
    totals: AnnualTotals
    """The year's figures."""
    income_by_type: tuple[AmountLine, ...]
    """The year's income per type, every type in order."""
    sources: tuple[SourceRow, ...]
    """The year's income by type, then by source (named sources first, largest first)."""
    paid_out_by_category: tuple[AmountLine, ...]
    """The year's payouts per category, every category in order."""
    payees: tuple[PayeeRow, ...]
    """The year's payouts by payee (named payees first, largest first)."""
    commitments: tuple[CommitmentRow, ...]
    """Approved expenses still to be paid at the year's end, by date."""
    terms_sha256: str
    """SHA-256 of the hosting contract's canonical terms, as it stands."""
    short_hash: str
    """Its first 12 digits."""
    tool_version: str
    """Version of commons-contracts."""

    def as_mapping(self) -> dict[str, Any]:
        """The top-level names a template uses, bound to their values."""
        return {item.name: getattr(self, item.name) for item in dataclasses.fields(self)}


def annual_report_language(registry: Registry, report: AnnualReport, lang: str | None) -> Language:
    """The language of an annual report: `lang`, else the hosting contract's, else the
    registry's; a :class:`UsageError` for an unknown one."""
    chosen = lang or report.contract.language or registry.workspace.language
    check_language(chosen)
    return chosen  # type: ignore[return-value]  # checked just above


def annual_report_context(
    registry: Registry, report: AnnualReport, lang: Language
) -> AnnualReportContext:
    """The context of an annual financial report in `lang` (without the warnings of
    :func:`annual_document_context`)."""
    return annual_document_context(registry, report, lang, warn=False)[0]


def annual_document_context(
    registry: Registry, report: AnnualReport, lang: Language, *, warn: bool = True
) -> tuple[AnnualReportContext, list[Diagnostic]]:
    """The context of an annual financial report in `lang`: the commons, the host and the
    hosting contract's terms with every text in `lang`, and (when `warn`) the warnings of the
    texts that have no version in `lang`, printed in the language they have."""
    localizer = Localizer(registry, lang, warn)
    figures = report.figures
    contract = localizer.record(report.contract)
    year = figures.year
    unnamed_payee = message("fund_unnamed_payee", lang)
    sources = tuple(
        SourceRow(
            type=line.type,
            type_label=_first_upper(message(INCOME_LABELS[line.type], lang)),
            name=line.name or plural("fund_unnamed_sources", line.sources, lang),
            named=line.name is not None,
            count=line.count,
            amount=line.amount,
            host_fee=line.host_fee,
        )
        for line in figures.sources
    )
    payees = tuple(
        PayeeRow(
            name=line.name or plural("fund_unnamed_payees", line.payees, lang),
            named=line.name is not None,
            payouts=line.payouts,
            amount=line.amount,
        )
        for line in figures.payees
    )
    commitments = tuple(
        CommitmentRow(
            expense=c.expense,
            date=c.date,
            description=c.description,
            payee=c.payee or unnamed_payee,
            category_label=_first_upper(message(CATEGORY_LABELS[c.category], lang)),
            amount=c.amount,
        )
        for c in figures.commitments
    )
    # The fingerprint of the hosting contract in this language, as its signatures record it.
    digest = document_terms(registry, contract.id, lang).sha256
    context = AnnualReportContext(
        lang=lang,
        kind=ANNUAL_REPORT_KIND,
        commons=localizer.record(registry.commons[figures.commons]),
        host=localizer.record(registry.parties[contract.host]),
        contract=contract,
        workspace=registry.workspace,
        report=ReportInfo(
            year=year,
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            previous_year_end=datetime.date(year - 1, 12, 31),
            issued_on=report.issued_on,
            dispute_days=contract.dispute_days,
            dispute_until=report.dispute_until,
            reference=annual_report_reference(figures.commons, year),
            currency=registry.workspace.currency,
        ),
        totals=AnnualTotals(
            opening_balance=figures.opening_balance,
            income=figures.income,
            host_fee=figures.host_fee,
            paid_out=figures.paid_out,
            coordination=figures.paid_out_by_category["coordination"],
            closing_balance=figures.closing_balance,
            committed=figures.committed,
            uncommitted=figures.uncommitted,
        ),
        income_by_type=tuple(
            AmountLine(
                kind, _first_upper(message(INCOME_LABELS[kind], lang)), figures.income_by_type[kind]
            )
            for kind in INCOME_TYPES
        ),
        sources=sources,
        paid_out_by_category=tuple(
            AmountLine(
                category,
                _first_upper(message(CATEGORY_LABELS[category], lang)),
                figures.paid_out_by_category[category],
            )
            for category in CATEGORIES
        ),
        payees=payees,
        commitments=commitments,
        terms_sha256=digest,
        short_hash=digest[:SHORT_HASH_LENGTH],
        tool_version=__version__,
    )
    return context, list(dict.fromkeys(localizer.warnings))


def annual_report_reference(commons_id: str, year: int) -> str:
    """An annual report's reference: `<commons>-<year>` (`movilab-2026`)."""
    return f"{commons_id}-{year}"


def _first_upper(text: str) -> str:
    # Jinja's `capitalize` would lower the rest ("Réciprocité (ht)").
    return text[:1].upper() + text[1:]
