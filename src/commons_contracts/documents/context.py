"""The values a template sees: the context of a contract, and of a reversal statement.

The context is typed: :class:`ContractContext` and :class:`StatementContext` hold the records
themselves (a contract, its parties and commons, with every field of their schemas, see
:mod:`commons_contracts.registry.records`) and only what is derived for the document (the tiers
with their lower bounds, the signatories with the party they sign for, the number of originals,
the statement's figures). A field added to a schema reaches the templates with no other change.
How values are written (amounts in words, a SIREN in groups, a country's name) is the work of
the template filters of :mod:`commons_contracts.i18n.wording`. No template library is imported.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from babel.dates import format_date

from commons_contracts import __version__
from commons_contracts.books.invoicing import donor_model, period_bounds
from commons_contracts.core.dates import period_end, period_start
from commons_contracts.core.diagnostics import Diagnostic
from commons_contracts.core.money import ZERO
from commons_contracts.core.terms import SHORT_HASH_LENGTH
from commons_contracts.documents.fingerprint import document_terms
from commons_contracts.documents.localized import Localizer
from commons_contracts.documents.templates import INVOICE_KIND, RECEIPT_KIND, STATEMENT_KIND
from commons_contracts.errors import RefusedError
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.languages import babel_locale, check_language
from commons_contracts.i18n.translation import _
from commons_contracts.i18n.wording import number_words, quoted_names
from commons_contracts.ledger.balances import PeriodStatement
from commons_contracts.ledger.reversal import DeclarationDue
from commons_contracts.registry.model import (
    Commons,
    Contract,
    Declaration,
    Invoice,
    Party,
    Receipt,
    ReciprocityContract,
    Registry,
    Signable,
    Workspace,
)
from commons_contracts.registry.records import Language
from commons_contracts.registry.versions import version_on, versions
from commons_contracts.registry.yaml_walk import JsonPath


@dataclass(frozen=True, slots=True)
class TierRow:
    """One tier of a reciprocity contract's schedule, with the bound it starts from."""

    lower: Decimal
    """The yearly revenue the tier starts from (0 for the first)."""
    up_to: Decimal | None
    """The yearly revenue the tier ends at (None: the last, open tier)."""
    rate_percent: Decimal
    """The rate applied to the revenue between the two."""


@dataclass(frozen=True, slots=True)
class SignatoryLine:
    """Someone who signs the document, and for whom."""

    id: str
    """A stable id within the contract (`host`, `actor`, `community`...)."""
    name: str
    """The person who signs."""
    role: str
    """The capacity in which they sign."""
    party: Party | None
    """The party they sign for (None: the community of a commons)."""
    side: Literal["host", "actor", "community", "other"]
    """Which side of the contract they sign on."""


@dataclass(frozen=True, slots=True)
class Originals:
    """How many originals a handwritten signature makes (art. 1375 C. civ.)."""

    count: int
    """One original per party with a distinct interest, at least two."""
    words: str
    """The count in words, in the document's language."""


@dataclass(frozen=True, slots=True)
class ContractContext:
    """What a contract template sees (documented in docs/templates.md). Optional data is None,
    never missing, so that a template can test it and `StrictUndefined` catches typos."""

    lang: Language
    """The language being rendered."""
    kind: str
    """`hosting-contract`, `reciprocity-contract` or `reversal-statement`."""
    contract: Contract
    """The contract record, every field of its schema (and `end`, `schedule`, `flat_rate`)."""
    host: Party
    """The host (a party record)."""
    actor: Party | None
    """The economic actor of a reciprocity contract (None for a hosting contract)."""
    commons: Commons
    """The first (usually the only) commons of the contract."""
    commons_list: tuple[Commons, ...]
    """Every commons of the contract (one for hosting)."""
    commons_names: str
    """The commons' names, quoted and joined (`« Movilab » et « Dokos »`)."""
    listing_consent: bool
    """Whether the actor consents to be named in the transparency report (`public_listing`;
    False for a hosting contract)."""
    several_commons: bool
    """Whether the contract benefits more than one commons."""
    tiers: tuple[TierRow, ...]
    """A reciprocity contract's schedule (one row for a flat rate); empty for hosting."""
    signatories: tuple[SignatoryLine, ...]
    """Who signs, in order."""
    copies: Originals
    """How many originals a handwritten signature makes."""
    workspace: Workspace
    """The registry's own record: `workspace.name`, `workspace.currency`."""
    terms_sha256: str
    """SHA-256 of the document's terms, everything that decides its text (64 hex digits),
    printed whole on the signature page."""
    short_hash: str
    """Its first 16 digits, printed in the footer of every page."""
    tool_version: str
    """Version of commons-contracts."""

    def as_mapping(self) -> dict[str, Any]:
        """The top-level names a template uses, bound to their values."""
        return {item.name: getattr(self, item.name) for item in dataclasses.fields(self)}


def _lookup(mapping: Mapping[str, Any], key: str, what: str, contract: Contract) -> Any:
    try:
        return mapping[key]
    except KeyError:
        raise RefusedError(
            _(
                "contract {contract_id!r} refers to the {what} {key!r}, which is not in "
                "the registry: run 'commons-contracts validate'"
            ).format(contract_id=contract.id, what=what, key=key)
        ) from None


def _tier_rows(contract: Contract) -> tuple[TierRow, ...]:
    if not isinstance(contract, ReciprocityContract):
        return ()
    rows: list[TierRow] = []
    lower = Decimal(0)
    for tier in contract.schedule:
        rows.append(TierRow(lower, tier.up_to, tier.rate_percent))
        lower = tier.up_to if tier.up_to is not None else lower
    return tuple(rows)


def signatory_lines(
    registry: Registry, signed: Signable, lang: Language, localizer: Localizer
) -> tuple[SignatoryLine, ...]:
    """Who signs the document of `signed` (a contract or an amendment), in order."""
    # Default signatories' capacities are worded in the language being rendered, so that an
    # English copy of a French contract reads English.
    contract = registry.contract_of(signed)
    actor = contract.actor if isinstance(contract, ReciprocityContract) else None
    lister = signed if signed.signatories is not None else contract
    listed = lister.signatories is not None
    lines = []
    for index, signatory in enumerate(registry.signatories(signed, lang)):
        side: Literal["host", "actor", "community", "other"]
        if signatory.party is None:
            side = "community"
        elif signatory.party == contract.host:
            side = "host"
        elif signatory.party == actor:
            side = "actor"
        else:
            side = "other"
        party = registry.parties.get(signatory.party) if signatory.party else None
        # A capacity is reported, when it has no text in the language, where it is written: in
        # the contract's list of signatories, or as the role of a party's representative.
        where: tuple[str, str] | None
        path: JsonPath
        if listed:
            where, path = (lister.kind, lister.id), ("signatories", index, "role")
        elif party is not None and party.representative is not None:
            where, path = ("party", party.id), ("representative", "role")
        else:
            where, path = None, ("role",)
        role = localizer.text(signatory.role, where, path)
        if party is not None:
            party = localizer.record(party)
        lines.append(SignatoryLine(signatory.id, signatory.name, role, party, side))
    return tuple(lines)


def originals(signatories: Sequence[SignatoryLine], lang: str) -> Originals:
    """One original per party with a distinct interest (art. 1375 C. civ.), at least two: the
    host, the actor, and the representatives of the commons together, who sign for one same
    interest."""
    sides = {s.party.id if s.party is not None else s.side for s in signatories}
    count = max(2, len(sides))
    return Originals(count, number_words(count, lang))


def template_context(registry: Registry, contract_id: str, lang: str) -> ContractContext:
    """The context of one contract's document in `lang`. Raises
    :class:`~commons_contracts.errors.UsageError` for an unknown contract or language."""
    return document_context(registry, contract_id, lang, warn=False)[0]


def document_context(
    registry: Registry, contract_id: str, lang: str, *, warn: bool = True
) -> tuple[ContractContext, list[Diagnostic]]:
    """The context of one contract's document in `lang`, and (when `warn`) the warnings of its
    texts that have no version in `lang`, printed in the language they have. Raises
    :class:`~commons_contracts.errors.UsageError` for an unknown contract or language."""
    check_language(lang)
    language: Language = lang  # type: ignore[assignment]  # checked just above
    localizer = Localizer(registry, language, warn)
    record = registry.contract(contract_id)
    contract = localizer.record(record)
    host: Party = localizer.record(_lookup(registry.parties, contract.host, "party", contract))
    actor: Party | None = None
    if isinstance(contract, ReciprocityContract):
        actor = localizer.record(_lookup(registry.parties, contract.actor, "party", contract))
    commons_list: tuple[Commons, ...] = tuple(
        localizer.record(_lookup(registry.commons, commons_id, "commons", contract))
        for commons_id in contract.commons_ids
    )
    signatories = signatory_lines(registry, record, language, localizer)
    terms = document_terms(registry, contract_id, lang)
    listing = isinstance(record, ReciprocityContract) and registry.consents_to_listing(record)
    context = ContractContext(
        lang=language,
        kind=contract.kind,
        contract=contract,
        host=host,
        actor=actor,
        commons=commons_list[0],
        commons_list=commons_list,
        commons_names=quoted_names([c.name for c in commons_list], lang),
        listing_consent=listing,
        several_commons=len(commons_list) > 1,
        tiers=_tier_rows(contract),
        signatories=signatories,
        copies=originals(signatories, lang),
        workspace=registry.workspace,
        terms_sha256=terms.sha256,
        short_hash=terms.sha256[:SHORT_HASH_LENGTH],
        tool_version=__version__,
    )
    return context, list(dict.fromkeys(localizer.warnings))


# --------------------------------------------------------------------------------------------
# The context of a reversal statement


@dataclass(frozen=True, slots=True)
class StatementPeriod:
    """The period a statement covers, and when it falls due."""

    reference: str
    """`<contract-id>-<period>`: the statement's reference and the payment reference asked."""
    period: str
    """The period's label: `2026-11`, `2026-Q3`, `2026`."""
    period_name: str
    """The period as a sentence names it (`3e trimestre 2026`, `novembre 2026`, `third quarter
    of 2026`)."""
    period_start: datetime.date
    """The period's first day."""
    period_end: datetime.date
    """The period's last day."""
    period_closed: bool
    """Whether the as-of date is after the period's last day."""
    year: int
    """The calendar year of the period (tiers and the cap count per year)."""
    as_of: datetime.date
    """The date of the statement: what it counts, and "Fait à ..., le ..."."""
    payment_due_date: datetime.date
    """The period's last day plus the contract's `payment_days`."""
    overdue: bool
    """The as-of date is after the due date and something of the period is outstanding."""
    currency: str
    """The registry's currency (`EUR`)."""
    amendments: tuple[int, ...] = ()
    """The numbers of the amendments in force on the period's last day: the statement's
    `contract` is the contract with them applied (empty: the contract as signed)."""
    repriced: bool = False
    """Whether the period's declarations were not all priced with the schedule in force on
    its last day (an amendment took effect during the period)."""


@dataclass(frozen=True, slots=True)
class ShareLine:
    """The part of a declaration's due that goes to one commons."""

    commons: str
    """The commons' id."""
    name: str
    """The commons' name."""
    percent: Decimal
    """Its share of the declaration's due (100 for a single commons)."""
    due_excl_tax: Decimal
    """Its part of the due, excl. VAT."""


@dataclass(frozen=True, slots=True)
class DeclarationLine:
    """One declaration of the period, with what it owes."""

    id: str
    """The declaration's id."""
    date: datetime.date
    """Its date (print it with `short_date` in a table)."""
    client: str | None
    """Who the service was sold to."""
    description: str | None
    """What the service was."""
    invoice_ref: str | None
    """The invoice's reference."""
    amount_excl_tax: Decimal
    """Revenue excl. VAT, negative for a credit note."""
    due_excl_tax: Decimal
    """What it owes: `D(B_k) − D(B_{k−1})` (see reversal.md)."""
    cumulative_revenue: Decimal
    """The year's cumulative revenue excl. VAT after it."""
    credit_note: bool
    """Whether the amount is negative."""
    shares: tuple[ShareLine, ...]
    """Its due per commons, in the contract's order."""


@dataclass(frozen=True, slots=True)
class StatementTotals:
    """The period's totals, and the balance carried from earlier periods."""

    revenue_excl_tax: Decimal
    """The period's revenue excl. VAT (credit notes deducted)."""
    due_excl_tax: Decimal
    """The period's due excl. VAT, the sum of its declarations'."""
    vat_rate_percent: Decimal
    """The contract's VAT rate (0: no VAT)."""
    vat: Decimal
    """The period's VAT, rounded to the cent."""
    due_incl_tax: Decimal
    """`due_excl_tax + vat`."""
    paid: Decimal
    """What the payments counted settle of this period (oldest periods first)."""
    outstanding: Decimal
    """`due_incl_tax − paid`."""
    carried_balance: Decimal
    """What the earlier periods still owe, less any payment beyond every due; negative: a credit of
    the actor. Payments that went to this period or to later ones are not in it."""
    carried_overdue: Decimal
    """The part of `carried_balance` whose due date has passed."""
    balance_due: Decimal
    """What the actor has to pay now: `carried_balance + outstanding`; negative: a credit."""
    cumulative_revenue: Decimal
    """The year's cumulative revenue excl. VAT after the period's last declaration."""


@dataclass(frozen=True, slots=True)
class CommonsDue:
    """What the period owes one commons, excl. VAT."""

    id: str
    """The commons' id."""
    name: str
    """The commons' name."""
    due_excl_tax: Decimal
    """The period's due for it, excl. VAT."""


@dataclass(frozen=True, slots=True)
class PaymentDetails:
    """Where and how to pay."""

    account_holder: str
    """The host's name."""
    iban: str | None
    """The host's IBAN as written (print it with `iban`: groups of four, no-break spaces)."""
    bic: str | None
    """The host's BIC."""
    reference: str
    """The reference to quote on the transfer: `statement.reference`."""


@dataclass(frozen=True, slots=True)
class StatementContext(ContractContext):
    """What a reversal statement template sees: the reciprocity contract's context, with
    `kind` `reversal-statement`, and the period's figures."""

    statement: StatementPeriod
    """The statement itself."""
    declarations: tuple[DeclarationLine, ...]
    """The declarations of the period, in (date, id) order."""
    totals: StatementTotals
    """The period's totals and the balance."""
    by_commons: tuple[CommonsDue, ...]
    """The period's due split per commons, every commons of the contract in its order."""
    payment: PaymentDetails
    """How to pay."""


def period_name(start: datetime.date, period: str, lang: str) -> str:
    """`novembre 2026`, `3e trimestre 2026`, `année 2026`; `November 2026`, `third quarter
    of 2026`, `year 2026`: the period as a sentence names it."""
    if period == "month":
        name: str = format_date(start, format="LLLL y", locale=babel_locale(lang))
        return name
    if period == "quarter":
        ordinal = message(f"quarter_{(start.month - 1) // 3 + 1}", lang)
        return message("period_quarter", lang, ordinal=ordinal, year=start.year)
    return message("period_year", lang, year=start.year)


def statement_reference(contract_id: str, period: str) -> str:
    """A statement's reference, also the payment reference asked for: `<contract-id>-<period>`
    (`reciprocite-alice-movilab-2026-Q3`), the same in every language and at every as-of date."""
    return f"{contract_id}-{period}"


def statement_context(
    registry: Registry, statement: PeriodStatement, lang: str
) -> StatementContext:
    """The context of a reversal statement in `lang`. Raises
    :class:`~commons_contracts.errors.UsageError` for an unknown language."""
    return statement_document_context(registry, statement, lang, warn=False)[0]


def statement_document_context(
    registry: Registry, statement: PeriodStatement, lang: str, *, warn: bool = True
) -> tuple[StatementContext, list[Diagnostic]]:
    """The context of a reversal statement in `lang`, and (when `warn`) the warnings of its
    texts that have no version in `lang` (see :func:`document_context`)."""
    contract = statement.contract
    figures = statement.period
    base, warnings = document_context(registry, contract.id, lang, warn=warn)
    names = {
        commons_id: _lookup(registry.commons, commons_id, "commons", contract).name
        for commons_id in contract.commons
    }
    records: dict[str, Declaration] = {
        d.id: d for d in registry.declarations if d.contract == contract.id
    }
    declarations = tuple(
        _declaration_line(records[due.id], due, contract, names) for due in figures.declarations
    )
    period_split = dict.fromkeys(contract.commons, ZERO)
    for due in figures.declarations:
        for commons_id, part in due.by_commons.items():
            period_split[commons_id] += part
    first_day = figures.declarations[0].date
    start = period_start(first_day, contract.period)
    end = period_end(first_day, contract.period)
    reference = statement_reference(contract.id, figures.period)
    host = base.host
    fields = {item.name: getattr(base, item.name) for item in dataclasses.fields(base)}
    fields["kind"] = STATEMENT_KIND
    # The rates, VAT and payment terms printed are those in force on the period's last day,
    # the ones its VAT and due date were computed with (DESIGN.md section 11).
    version = version_on(versions(registry, contract), end)
    terms = base.contract
    if version.amendments:
        terms = Localizer(registry, base.lang, warn=False).record(version.contract)
        fields["contract"] = terms
        fields["tiers"] = _tier_rows(terms)
    assert isinstance(terms, ReciprocityContract)  # a statement's, and an amendment keeps it
    context = StatementContext(
        **fields,
        statement=StatementPeriod(
            reference=reference,
            period=figures.period,
            period_name=period_name(start, contract.period, lang),
            period_start=start,
            period_end=end,
            period_closed=statement.as_of > end,
            year=start.year,
            as_of=statement.as_of,
            payment_due_date=figures.payment_due_date,
            overdue=figures.overdue,
            currency=statement.currency,
            amendments=version.amendments,
            repriced=any(due.amendments != version.amendments for due in figures.declarations),
        ),
        declarations=declarations,
        totals=StatementTotals(
            revenue_excl_tax=figures.revenue_excl_tax,
            due_excl_tax=figures.due_excl_tax,
            vat_rate_percent=terms.vat_rate_percent,
            vat=figures.vat,
            due_incl_tax=figures.due_incl_tax,
            paid=figures.paid,
            outstanding=figures.outstanding,
            carried_balance=statement.carried_balance,
            carried_overdue=statement.carried_overdue,
            balance_due=statement.balance_due,
            cumulative_revenue=figures.declarations[-1].cumulative_revenue,
        ),
        by_commons=tuple(
            CommonsDue(commons_id, names[commons_id], part)
            for commons_id, part in period_split.items()
        ),
        payment=PaymentDetails(host.name, host.iban, host.bic, reference),
    )
    return context, warnings


def _declaration_line(
    record: Declaration,
    due: DeclarationDue,
    contract: ReciprocityContract,
    names: Mapping[str, str],
) -> DeclarationLine:
    shares = record.commons_shares
    return DeclarationLine(
        id=record.id,
        date=record.date,
        client=record.client,
        description=record.description,
        invoice_ref=record.invoice_ref,
        amount_excl_tax=due.amount_excl_tax,
        due_excl_tax=due.due_excl_tax,
        cumulative_revenue=due.cumulative_revenue,
        credit_note=due.amount_excl_tax < 0,
        shares=tuple(
            ShareLine(
                commons=commons_id,
                name=names[commons_id],
                percent=shares[commons_id] if shares is not None else Decimal(100),
                due_excl_tax=due.by_commons[commons_id],
            )
            for commons_id in contract.commons
            if commons_id in due.by_commons
        ),
    )


# --------------------------------------------------------------------------------------------
# The context of an invoice or a credit note, and of a tax receipt


@dataclass(frozen=True, slots=True)
class InvoiceFacts:
    """An invoice or a credit note as issued (its record), with what its document prints."""

    number: str
    """Its number in the host's one sequence (`RC-0007`)."""
    credit_note: bool
    """Whether it is a credit note (*avoir*)."""
    date: datetime.date
    """Its date of issue."""
    due_date: datetime.date
    """When it must be paid: the date of issue plus `payment_days`."""
    payment_days: int
    """The days between its date and its due date (the contract's, in force that day)."""
    period: str
    """The period invoiced (`2026-Q3`)."""
    period_name: str
    """The period as a sentence names it (`3e trimestre 2026`)."""
    period_start: datetime.date
    """The period's first day."""
    period_end: datetime.date
    """The period's last day: the day the service was completed."""
    declared_revenue: Decimal
    """The revenue excluding VAT the actor declared for the period, up to the invoice date."""
    amount_excl_tax: Decimal
    """Its total excluding VAT (positive on a credit note too)."""
    vat_rate_percent: Decimal
    """The VAT rate applied."""
    vat: Decimal
    """Its VAT."""
    amount_incl_tax: Decimal
    """Its total including VAT."""
    vat_applies: bool
    """Whether it charges VAT (a rate above zero)."""
    vat_franchise: bool
    """The host is under the VAT franchise: the art. 293 B CGI mention."""
    vat_on_debits: bool
    """The host opted to pay VAT on debits: the mention of the option."""
    late_interest_percent: Decimal | None
    """The contract's yearly rate of late-payment penalties (None: three times the legal
    interest rate)."""
    corrects_number: str | None
    """For a credit note, the number of the invoice it refers to."""
    corrects_date: datetime.date | None
    """For a credit note, the date of that invoice."""


@dataclass(frozen=True, slots=True)
class InvoiceLineText:
    """One line of an invoice: the royalty of one commons."""

    commons: str
    """The commons' id."""
    name: str
    """The commons' name."""
    description: str
    """What the line invoices, in the document's language."""
    amount_excl_tax: Decimal
    """Its amount excluding VAT."""


@dataclass(frozen=True, slots=True)
class InvoiceContext(ContractContext):
    """What an invoice template sees: the reciprocity contract's context, with `kind`
    `invoice`, the invoice and its lines, and where to pay."""

    invoice: InvoiceFacts
    """The invoice itself."""
    lines: tuple[InvoiceLineText, ...]
    """Its lines, one per commons."""
    payment: PaymentDetails
    """How to pay (the reference is the invoice number)."""


@dataclass(frozen=True, slots=True)
class ReceiptFacts:
    """A tax receipt as issued (its record), with the mentions of its official model."""

    number: str
    """Its number in the host's sequence of receipts (`RF-0003`): the *numéro d'ordre*."""
    date: datetime.date
    """Its date of issue."""
    company: bool
    """Whether the donor is a company (Cerfa n° 16216, art. 238 bis CGI) rather than an
    individual (Cerfa n° 11580, art. 200 CGI)."""
    cerfa: str
    """The official model it follows: `11580*05` or `16216*02`."""
    article: str
    """The article of the CGI whose tax reduction the gift opens: `200` or `238 bis`."""
    amount: Decimal
    """The amount of the gift."""
    payment_date: datetime.date
    """The day the gift was received."""
    purpose: str
    """The host's object (`tax_receipts.purpose`)."""
    basis: str
    """The host's status and what makes it eligible (`tax_receipts.basis`)."""


@dataclass(frozen=True, slots=True)
class ReceiptContext(ContractContext):
    """What a tax receipt template sees: the donation contract's context, with `kind`
    `receipt`, and the receipt."""

    receipt: ReceiptFacts
    """The receipt itself."""


def invoice_context(
    registry: Registry, invoice: Invoice, lang: str, *, warn: bool = True
) -> tuple[InvoiceContext, list[Diagnostic]]:
    """The context of an issued invoice or credit note in `lang`, and the warnings of its
    texts that have no version in `lang`."""
    base, warnings = document_context(registry, invoice.contract, lang, warn=warn)
    contract = registry.reciprocity_contract(invoice.contract)
    bounds = period_bounds(invoice.period)
    assert bounds is not None, "validated"
    start, end = bounds
    terms = version_on(versions(registry, contract), invoice.date).contract
    assert isinstance(terms, ReciprocityContract)
    corrected = next((i for i in registry.invoices if i.id == invoice.corrects), None)
    host = registry.parties[invoice.host]
    names = {c.id: c.name for c in base.commons_list}
    name = period_name(start, contract.period, lang)
    revenue = sum(
        (
            d.amount_excl_tax
            for d in registry.declarations
            if d.contract == contract.id and start <= d.date <= min(end, invoice.date)
        ),
        ZERO,
    )
    fields = {item.name: getattr(base, item.name) for item in dataclasses.fields(base)}
    fields["kind"] = INVOICE_KIND
    context = InvoiceContext(
        **fields,
        invoice=InvoiceFacts(
            number=invoice.number,
            credit_note=invoice.type == "credit-note",
            date=invoice.date,
            due_date=invoice.due_date,
            payment_days=(invoice.due_date - invoice.date).days,
            period=invoice.period,
            period_name=name,
            period_start=start,
            period_end=end,
            declared_revenue=revenue,
            amount_excl_tax=invoice.amount_excl_tax,
            vat_rate_percent=invoice.vat_rate_percent,
            vat=invoice.vat,
            amount_incl_tax=invoice.amount_incl_tax,
            vat_applies=invoice.vat_rate_percent > ZERO,
            vat_franchise=host.vat_regime == "franchise",
            vat_on_debits=bool(host.vat_on_debits) and invoice.vat_rate_percent > ZERO,
            late_interest_percent=terms.late_interest_percent,
            corrects_number=corrected.number if corrected is not None else None,
            corrects_date=corrected.date if corrected is not None else None,
        ),
        lines=tuple(
            InvoiceLineText(
                commons=line.commons,
                name=names.get(line.commons, line.commons),
                description=message(
                    "invoice_document_line",
                    lang,
                    commons=names.get(line.commons, line.commons),
                    period=name,
                ),
                amount_excl_tax=line.amount_excl_tax,
            )
            for line in invoice.lines
        ),
        payment=PaymentDetails(host.name, host.iban, host.bic, invoice.number),
    )
    return context, warnings


def receipt_context(
    registry: Registry, receipt: Receipt, lang: str, *, warn: bool = True
) -> tuple[ReceiptContext, list[Diagnostic]]:
    """The context of an issued tax receipt in `lang`, and the warnings of its texts that have
    no version in `lang`. A :class:`~commons_contracts.errors.RefusedError` when the host does
    not give its object (`tax_receipts.purpose`), which the official model prints."""
    payment = next(p for p in registry.payments if p.id == receipt.payment)
    base, warnings = document_context(registry, payment.contract, lang, warn=warn)
    host = base.host
    assert base.actor is not None, "a receipt's contract is a reciprocity contract"
    receipts = host.tax_receipts
    if receipts is None or receipts.purpose is None or receipts.basis is None:
        raise RefusedError(
            _(
                "the host '{host_id}' does not give its object: add "
                "`tax_receipts.purpose` to its party record (the official model of a tax "
                "receipt prints it)"
            ).format(host_id=host.id)
        )
    company = donor_model(registry.parties[base.actor.id]) == "company"
    fields = {item.name: getattr(base, item.name) for item in dataclasses.fields(base)}
    fields["kind"] = RECEIPT_KIND
    context = ReceiptContext(
        **fields,
        receipt=ReceiptFacts(
            number=receipt.number,
            date=receipt.date,
            company=company,
            cerfa="16216*02" if company else "11580*05",
            article="238 bis" if company else "200",
            amount=receipt.amount,
            payment_date=payment.date,
            purpose=str(receipts.purpose),
            basis=str(receipts.basis),
        ),
    )
    return context, warnings
