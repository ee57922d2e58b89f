"""From the money movements of a registry to the entries of the host's books.

Each kind of movement has one mapper: a function `(registry, chart, host, year)` that yields the
entries of that host's movements dated in that year, listed in :data:`MAPPERS`: reciprocity
**payments** and **invoices** (with their credit notes), and the movements of hosted funds:
**incomes** (`512` against `741`/`7551`/`754`/`758`), **host fees** (taken from the income's
account to `7588`), **payouts** (`611`/`6226`/`604`/`6571` against `512`) and the year-end
**dedicated funds** (`689x`/`19x`, `19x`/`789x`), read from the funds as
:mod:`commons_contracts.funds.fund` computes them (docs/books.md says why each account).

A reciprocity payment is money received in the bank (`512` debit) for the commons it pays: its
value excluding VAT is credited to the income account of the contract's qualification (`706`
for a royalty, `754` for a donation), one line per commons, with the commons as analytic
project, and its VAT to `44571`. The split follows the dues that the payment settles
(:mod:`commons_contracts.ledger.allocation`), counted with the declarations known at the end of
the exported year. The part of a payment that settles an invoiced period settles the
customer's account (`411`) instead, since its income was entered with the invoice
(:func:`invoice_entries`); with VAT on receipts, its VAT then moves from `4458` (waiting) to
`44571`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from commons_contracts.books.chart import Chart
from commons_contracts.books.journal import Entry, Journal, Line, Origin
from commons_contracts.core.money import ZERO
from commons_contracts.errors import UsageError
from commons_contracts.funds.fund import Fund, FundIncome, compute_funds
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.translation import _
from commons_contracts.ledger.allocation import payment_values
from commons_contracts.ledger.balances import versioned_terms
from commons_contracts.registry.model import (
    Declaration,
    Party,
    Payment,
    ReciprocityContract,
    Registry,
)
from commons_contracts.registry.versions import hosting_terms_on

Mapper = Callable[[Registry, Chart, str, int], Iterable[Entry]]
"""Yields the entries of one kind of movement of one host (a party id) dated in one year."""


def origin_of(registry: Registry, kind: str, record_id: str) -> Origin:
    """Where the record an entry is made from is written."""
    record = registry.source(kind, record_id)
    return Origin(record.display_path, record.start.line, record.start.column, kind, record_id)


def payment_entries(registry: Registry, chart: Chart, host: str, year: int) -> Iterator[Entry]:
    """One bank entry per reciprocity payment received by `host` in `year`."""
    declarations: defaultdict[str, list[Declaration]] = defaultdict(list)
    for declaration in registry.declarations:
        declarations[declaration.contract].append(declaration)
    payments: defaultdict[str, list[Payment]] = defaultdict(list)
    for payment in registry.payments:
        payments[payment.contract].append(payment)
    lang = registry.workspace.language
    year_end = datetime.date(year, 12, 31)
    for contract in registry.reciprocity_contracts():
        in_year = [p for p in payments[contract.id] if p.date.year == year]
        if contract.host != host or not in_year:
            continue
        invoiced = frozenset(i.period for i in registry.invoices if i.contract == contract.id)
        values = payment_values(
            versioned_terms(registry, contract),
            declarations[contract.id],
            payments[contract.id],
            year_end,
            invoiced,
        )
        actor = registry.parties[contract.actor]
        royalty = contract.qualification == "royalty"
        income = chart.account("royalties" if royalty else "donations").number
        host_party = registry.parties[contract.host]
        on_receipts = not host_party.vat_on_debits
        label = message(
            "books_royalty_payment" if royalty else "books_donation_payment",
            lang,
            actor=actor.name,
            contract=contract.id,
        )
        for payment in sorted(in_year, key=lambda p: (p.date, p.id)):
            if payment.amount == ZERO:
                continue  # nothing moved
            value = values[payment.id]
            party = {"third_party": actor.id, "third_party_name": actor.name}
            lines = [Line.signed(chart.account("bank").number, payment.amount)]
            lines.extend(
                Line.signed(income, -part, project=commons_id, **party)
                for commons_id, part in value.excl_tax_by_commons.items()
                if part != ZERO
            )
            if value.vat != ZERO:
                lines.append(Line.signed(chart.account("vat_collected").number, -value.vat))
            if value.invoiced != ZERO:
                # The payment settles the invoices: the customer's account, and the VAT of
                # services falls due now, when the host pays it on receipts.
                lines.append(
                    Line.signed(chart.account("customers").number, -value.invoiced, **party)
                )
                if on_receipts and value.invoiced_vat != ZERO:
                    lines.append(
                        Line.signed(chart.account("vat_pending").number, value.invoiced_vat)
                    )
                    lines.append(
                        Line.signed(chart.account("vat_collected").number, -value.invoiced_vat)
                    )
            yield Entry(
                date=payment.date,
                journal="BQ",
                number=0,
                label=label,
                reference=payment.id,
                lines=tuple(lines),
                origin=origin_of(registry, "payment", payment.id),
                payment_reference=payment.reference,
            )


def invoice_entries(registry: Registry, chart: Chart, host: str, year: int) -> Iterator[Entry]:
    """One sales entry per invoice or credit note issued by `host` in `year`: the customer
    (`411`) owes the total, the royalty (`706`) is earned per commons, and the VAT is collected
    (`44571`) when the host opted for debits, else waits in `4458` until the invoice is paid."""
    lang = registry.workspace.language
    party_of = registry.parties
    for invoice in sorted(registry.invoices, key=lambda i: (i.date, i.sequence)):
        if invoice.host != host or invoice.date.year != year:
            continue
        contract = registry.contracts[invoice.contract]
        assert isinstance(contract, ReciprocityContract), "validated"
        actor = party_of[contract.actor]
        sign = -1 if invoice.type == "credit-note" else 1
        party = {"third_party": actor.id, "third_party_name": actor.name}
        lines = [
            Line.signed(chart.account("customers").number, sign * invoice.amount_incl_tax, **party)
        ]
        income = chart.account("royalties").number
        lines.extend(
            Line.signed(income, -sign * line.amount_excl_tax, project=line.commons, **party)
            for line in invoice.lines
        )
        if invoice.vat != ZERO:
            role = "vat_collected" if party_of[host].vat_on_debits else "vat_pending"
            lines.append(Line.signed(chart.account(role).number, -sign * invoice.vat))
        key = "books_credit_note" if invoice.type == "credit-note" else "books_invoice"
        yield Entry(
            date=invoice.date,
            journal="VT",
            number=0,
            label=message(key, lang, number=invoice.number, contract=contract.id, actor=actor.name),
            reference=invoice.number,
            lines=tuple(lines),
            origin=origin_of(registry, "invoice", invoice.id),
        )


INCOME_ROLES = {
    "subsidy": "subsidies",
    "co-financing": "contributions",
    "donation": "donations",
    "other": "other_income",
}
"""The account of an `income` record, by its type (a reciprocity payment is entered by
:func:`payment_entries`, on the royalty or donation account of its contract)."""

DEDICATED = {
    "subsidy": "subsidies",
    "co-financing": "contributions",
    "donation": "generosity",
}
"""The restricted resources carried in dedicated funds at year end, by type of income, with
the suffix of their roles (`dedicated_subsidies`, `to_dedicated_subsidies`,
`from_dedicated_subsidies`...). A royalty (a sale) and an income of type other are no resource
that règlement ANC n° 2018-06 carries in dedicated funds."""

EXPENSE_ROLES = {
    "development": "development_expenses",
    "coordination": "coordination_expenses",
    "other": "other_expenses",
}
"""The expense account of a payout, by the category of its expense (a grant is `grants`)."""


def _hosted_by(registry: Registry, host: str, commons_id: str, day: datetime.date) -> bool:
    """Whether `host` hosts `commons_id` on `day` (the fund's money is then in its books)."""
    terms = hosting_terms_on(registry, commons_id, day)
    return terms is not None and terms.host == host


def _income_type(registry: Registry, income: FundIncome) -> str:
    """An income's type as the books see it: a reciprocity payment is a donation or a royalty
    by its contract's qualification."""
    if income.contract is None:
        return income.type
    contract = registry.contracts[income.contract]
    assert isinstance(contract, ReciprocityContract)
    return "donation" if contract.qualification == "donation" else "royalty"


def _income_account(chart: Chart, registry: Registry, income: FundIncome) -> str:
    """The account an income of a fund was credited to."""
    kind = _income_type(registry, income)
    if kind == "royalty":
        return chart.account("royalties").number
    return chart.account(INCOME_ROLES[kind]).number


def _source_party(registry: Registry, source: str) -> dict[str, str]:
    """The third party of a line: a party id with its name, or a name as written."""
    party = registry.parties.get(source)
    if party is not None:
        return {"third_party": party.id, "third_party_name": party.name}
    return {"third_party_name": source}


def fund_income_entries(registry: Registry, chart: Chart, host: str, year: int) -> Iterator[Entry]:
    """One bank entry per `income` record of a commons that `host` hosts on its date: the bank
    (`512`) receives it, the income account of its type is credited (`741` a subsidy, `7551` a
    co-financing, `754` a donation, `758` other), with the commons as analytic project. No VAT:
    a subsidy, a contribution or a gift is no price of a service (art. 256 CGI)."""
    lang = registry.workspace.language
    for income in sorted(registry.incomes, key=lambda i: (i.date, i.id)):
        if income.date.year != year or not _hosted_by(registry, host, income.commons, income.date):
            continue
        if income.amount == ZERO:
            continue
        party = _source_party(registry, income.source)
        account = chart.account(INCOME_ROLES[income.type]).number
        yield Entry(
            date=income.date,
            journal="BQ",
            number=0,
            label=message(
                "books_fund_income",
                lang,
                commons=income.commons,
                source=registry.payee_name(income.source),
            ),
            reference=income.id,
            lines=(
                Line.signed(chart.account("bank").number, income.amount),
                Line.signed(account, -income.amount, project=income.commons, **party),
            ),
            origin=origin_of(registry, "income", income.id),
            payment_reference=income.reference,
        )


def _host_funds(registry: Registry, host: str) -> list[Fund]:
    """The funds of the commons `host` hosts at some point, by commons id."""
    hosted = {
        commons_id
        for commons_id, contracts in registry.hosting_by_commons.items()
        if any(contract.host == host for contract in contracts)
    }
    return [fund for commons_id, fund in compute_funds(registry).items() if commons_id in hosted]


def host_fee_entries(registry: Registry, chart: Chart, host: str, year: int) -> Iterator[Entry]:
    """One entry per income of a fund (income record or reciprocity part) that bears a host
    fee, on the income's date, in the miscellaneous journal: the fee is taken out of the
    commons' resource (a debit of the account the income was credited to, with the commons as
    project) and becomes the host's own resource (`7588`, no project). The fee is the fund's
    (:func:`~commons_contracts.funds.fund.host_fee`), counted once."""
    lang = registry.workspace.language
    for fund in _host_funds(registry, host):
        for income in fund.incomes:
            if income.date.year != year or income.host_fee == ZERO:
                continue
            if not _hosted_by(registry, host, income.commons, income.date):
                continue
            kind = "payment" if income.contract is not None else "income"
            yield Entry(
                date=income.date,
                journal="OD",
                number=0,
                label=message("books_host_fee", lang, income=income.id, commons=income.commons),
                reference=income.id,
                lines=(
                    Line.signed(
                        _income_account(chart, registry, income),
                        income.host_fee,
                        project=income.commons,
                    ),
                    Line.signed(chart.account("host_fees").number, -income.host_fee),
                ),
                origin=origin_of(registry, kind, income.id),
            )


def payout_entries(registry: Registry, chart: Chart, host: str, year: int) -> Iterator[Entry]:
    """One bank entry per payout of a fund that `host` hosts on the payout's date: the expense
    is the host's (`611` development, `6226` coordination, `604` other, `6571` a grant passed
    on), with the commons as project and the payee as third party, paid from the bank
    (`512`). Entered when paid, as payments are (cash basis)."""
    lang = registry.workspace.language
    expenses = registry.expenses_by_id
    for payout in sorted(registry.payouts, key=lambda p: (p.date, p.id)):
        expense = expenses.get(payout.expense)
        if expense is None or payout.date.year != year:
            continue
        if not _hosted_by(registry, host, expense.commons, payout.date):
            continue
        role = "grants" if expense.type == "grant" else EXPENSE_ROLES[expense.category]
        party = _source_party(registry, expense.payee)
        yield Entry(
            date=payout.date,
            journal="BQ",
            number=0,
            label=message(
                "books_payout",
                lang,
                commons=expense.commons,
                payee=registry.payee_name(expense.payee),
                description=expense.description,
            ),
            reference=payout.id,
            lines=(
                Line.signed(
                    chart.account(role).number, payout.amount, project=expense.commons, **party
                ),
                Line.signed(chart.account("bank").number, -payout.amount),
            ),
            origin=origin_of(registry, "payout", payout.id),
            payment_reference=payout.reference,
        )


def dedicated_balances(registry: Registry, fund: Fund, day: datetime.date) -> dict[str, Decimal]:
    """The dedicated funds of one commons on `day`, by kind of restricted resource
    (:data:`DEDICATED`): what is left of its restricted incomes net of their host fee once the
    payouts used them, the oldest first (:meth:`~commons_contracts.funds.fund.Fund.unspent`)."""
    found = dict.fromkeys(DEDICATED.values(), ZERO)
    for income, left in fund.unspent(day):
        kind = DEDICATED.get(_income_type(registry, income))
        if kind is not None and left > ZERO:
            found[kind] += left
    return found


def dedicated_fund_entries(
    registry: Registry, chart: Chart, host: str, year: int
) -> Iterator[Entry]:
    """At 31 December, for each commons `host` hosts that day, one entry of its dedicated
    funds: the previous year's dedicated funds used in the year are taken back (`19x` debit,
    `789x` credit), and what remains unspent of the year's restricted incomes is carried
    (`689x` debit, `19x` credit), by kind of resource (`4` subsidies, `5` contributions of
    other bodies, `6` generosity of the public). The older money is spent first, so what the
    year spent uses the previous year's dedicated funds before the year's own incomes."""
    lang = registry.workspace.language
    year_end = datetime.date(year, 12, 31)
    before = datetime.date(year - 1, 12, 31)
    for fund in _host_funds(registry, host):
        if not _hosted_by(registry, host, fund.commons, year_end):
            continue
        hosting = hosting_terms_on(registry, fund.commons, year_end)
        assert hosting is not None
        now = dedicated_balances(registry, fund, year_end)
        was = dedicated_balances(registry, fund, before)
        received: dict[str, Decimal] = dict.fromkeys(DEDICATED.values(), ZERO)
        for income in fund.incomes:
            kind = DEDICATED.get(_income_type(registry, income))
            if kind is not None and income.date.year == year:
                received[kind] += income.amount - income.host_fee
        lines: list[Line] = []
        for kind in DEDICATED.values():
            # What the year used of this kind: the balance before, the year's incomes, less
            # the balance after; the previous year's funds are used first.
            used = was[kind] + received[kind] - now[kind]
            taken_back = min(was[kind], max(used, ZERO))
            carried = now[kind] - (was[kind] - taken_back)
            dedicated = chart.account(f"dedicated_{kind}").number
            if taken_back > ZERO:
                lines.append(Line.signed(dedicated, taken_back, project=fund.commons))
                lines.append(
                    Line.signed(
                        chart.account(f"from_dedicated_{kind}").number,
                        -taken_back,
                        project=fund.commons,
                    )
                )
            if carried > ZERO:
                lines.append(
                    Line.signed(
                        chart.account(f"to_dedicated_{kind}").number,
                        carried,
                        project=fund.commons,
                    )
                )
                lines.append(Line.signed(dedicated, -carried, project=fund.commons))
        if not lines:
            continue
        yield Entry(
            date=year_end,
            journal="OD",
            number=0,
            label=message(
                "books_dedicated_funds", lang, commons=fund.commons, day=year_end.isoformat()
            ),
            reference=f"fonds-dedies-{fund.commons}-{year}",
            lines=tuple(lines),
            origin=origin_of(registry, "hosting-contract", hosting.id),
        )


MAPPERS: tuple[Mapper, ...] = (
    payment_entries,
    invoice_entries,
    fund_income_entries,
    host_fee_entries,
    payout_entries,
    dedicated_fund_entries,
)
"""Every kind of money movement the books know, each as its mapper."""


def hosts(registry: Registry) -> list[Party]:
    """The parties that host at least one contract of the registry, by id."""
    ids = {contract.host for contract in registry.contracts.values()}
    return [registry.parties[i] for i in sorted(ids) if i in registry.parties]


def host_of(registry: Registry, host_id: str | None) -> Party:
    """The host whose books are kept: `host_id`, or the registry's only host (a
    :class:`UsageError` when there is none, or several and none is named)."""
    found = hosts(registry)
    if host_id is not None:
        for party in found:
            if party.id == host_id:
                return party
        known = ", ".join(p.id for p in found) or "none"
        raise UsageError(
            _("'{host_id}' hosts no contract of this registry (hosts: {known})").format(
                host_id=host_id, known=known
            )
        )
    if not found:
        raise UsageError(
            _("no party of this registry hosts a contract: there are no books to keep")
        )
    if len(found) > 1:
        names = ", ".join(p.id for p in found)
        raise UsageError(
            _("this registry has several hosts ({names}): say which with --host").format(
                names=names
            )
        )
    return found[0]


def year_journal(registry: Registry, chart: Chart, host: str, year: int) -> Journal:
    """Every entry of `host`'s movements dated in `year`, numbered in date order."""
    return Journal.numbered(
        year, (entry for mapper in MAPPERS for entry in mapper(registry, chart, host, year))
    )
