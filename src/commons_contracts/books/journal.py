"""The journal of the host's books: balanced entries of exact amounts, and the check that stands
between them and any file.

An :class:`Entry` is one accounting entry (*écriture*): a date, the journal it belongs to (`BQ`
the bank), its number in the year's sequence, a label, the reference of its voucher (the record
it comes from) and its :class:`Line` s, each an account with one amount on the debit or the
credit side, the analytic project it concerns (the commons id) and the third party. Every
export goes through :func:`require_valid`, which refuses the whole journal, before anything is
written, when one entry does not balance or names an account the chart does not know, with a
located diagnostic per problem (at the record the entry was made from).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from types import MappingProxyType

from commons_contracts.books.chart import Chart
from commons_contracts.core.diagnostics import Code, Diagnostic, sort_diagnostics
from commons_contracts.core.money import ZERO, round_cents
from commons_contracts.errors import RefusedError
from commons_contracts.i18n.translation import _

JOURNALS = MappingProxyType({"BQ": "Banque", "VT": "Ventes", "OD": "Opérations diverses"})
"""The journals an entry may belong to, by code, with their label."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the movement an entry was made from is written: its record's file, line and column
    (1-based), and its kind and id."""

    path: str
    line: int
    column: int
    kind: str
    id: str


@dataclass(frozen=True, slots=True)
class Line:
    """One line of an entry: an amount on the debit or the credit side of an account."""

    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    project: str | None = None
    """The analytic project the amount concerns: the id of a commons."""
    third_party: str | None = None
    """The party the amount is owed by or to (its id), for the accounts of third parties."""
    third_party_name: str | None = None

    @classmethod
    def signed(
        cls,
        account: str,
        debit: Decimal,
        *,
        project: str | None = None,
        third_party: str | None = None,
        third_party_name: str | None = None,
    ) -> Line:
        """A line of `debit` on `account`, or of its opposite on the credit side when it is
        negative (a refund is entered the other way round, never as a negative amount)."""
        return cls(
            account,
            debit=max(debit, ZERO),
            credit=max(-debit, ZERO),
            project=project,
            third_party=third_party,
            third_party_name=third_party_name,
        )

    @property
    def amount(self) -> Decimal:
        """The line's amount, debit positive and credit negative."""
        return self.debit - self.credit


@dataclass(frozen=True, slots=True)
class Entry:
    """One accounting entry."""

    date: datetime.date
    journal: str
    number: int
    """The entry's number in the year's one sequence (1, 2, ...), in date order."""
    label: str
    reference: str
    """The voucher: the id of the record the entry comes from."""
    lines: tuple[Line, ...]
    origin: Origin
    payment_reference: str | None = None
    """The bank's reference of the money movement, when there is one."""

    @property
    def debit(self) -> Decimal:
        """The sum of the debit side."""
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def credit(self) -> Decimal:
        """The sum of the credit side."""
        return sum((line.credit for line in self.lines), ZERO)


@dataclass(frozen=True)
class Journal:
    """The entries of one year of the host's books, numbered in date order."""

    year: int
    entries: tuple[Entry, ...]

    @classmethod
    def numbered(cls, year: int, entries: Iterable[Entry]) -> Journal:
        """The journal of `entries` in date order (then journal, then voucher), numbered from 1
        in that order, as the FEC wants: one continuous sequence in the order of validation."""
        ordered = sorted(entries, key=lambda e: (e.date, e.journal, e.reference, e.label))
        return cls(
            year, tuple(replace(entry, number=n) for n, entry in enumerate(ordered, start=1))
        )

    @property
    def debit(self) -> Decimal:
        """The sum of every entry's debit side."""
        return sum((entry.debit for entry in self.entries), ZERO)

    @property
    def credit(self) -> Decimal:
        """The sum of every entry's credit side."""
        return sum((entry.credit for entry in self.entries), ZERO)


class JournalRefusedError(RefusedError):
    """A journal that does not check: nothing is exported. Its diagnostics say why."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__(
            f"{len(diagnostics)} problem(s) in the accounting entries: nothing was written"
        )
        self.diagnostics = tuple(diagnostics)


def _where(entry: Entry, code: Code, message: str) -> Diagnostic:
    origin = entry.origin
    return Diagnostic(origin.path, origin.line, origin.column, code, message)


def _amount_text(value: Decimal) -> str:
    return f"{value:.2f}"


def entry_problems(entry: Entry, chart: Chart) -> list[Diagnostic]:
    """What is wrong with one entry: an unknown journal or account, a line that is not one
    positive amount of whole cents on one side, fewer than two lines, or debits that differ
    from credits."""
    what = f"entry {entry.number} ({entry.origin.kind} {entry.origin.id})"
    problems: list[Diagnostic] = []
    if entry.journal not in JOURNALS:
        problems.append(
            _where(
                entry,
                Code.UNBALANCED_ENTRY,
                _("{what}: unknown journal '{entry_journal}'").format(
                    what=what, entry_journal=entry.journal
                ),
            )
        )
    if len(entry.lines) < 2:
        problems.append(
            _where(
                entry,
                Code.UNBALANCED_ENTRY,
                _("{what} has {count} line(s), not 2").format(what=what, count=len(entry.lines)),
            )
        )
    for index, line in enumerate(entry.lines, start=1):
        if not chart.knows(line.account):
            problems.append(
                _where(
                    entry,
                    Code.UNKNOWN_ACCOUNT,
                    _("{what}, line {index}: account '{line_account}' is not in the chart").format(
                        what=what, index=index, line_account=line.account
                    ),
                )
            )
        one_side = (line.debit > ZERO) != (line.credit > ZERO)
        cents = all(round_cents(a) == a for a in (line.debit, line.credit))
        if not one_side or min(line.debit, line.credit) < ZERO or not cents:
            problems.append(
                _where(
                    entry,
                    Code.UNBALANCED_ENTRY,
                    _(
                        "{what}, line {index} on {line_account}: debit {amount_text} and credit "
                        "{amount_text2}: a line carries one positive amount of whole cents, on "
                        "one side"
                    ).format(
                        what=what,
                        index=index,
                        line_account=line.account,
                        amount_text=_amount_text(line.debit),
                        amount_text2=_amount_text(line.credit),
                    ),
                )
            )
    if entry.debit != entry.credit:
        problems.append(
            _where(
                entry,
                Code.UNBALANCED_ENTRY,
                _("{what} does not balance: debits {amount_text}, credits {amount_text2}").format(
                    what=what,
                    amount_text=_amount_text(entry.debit),
                    amount_text2=_amount_text(entry.credit),
                ),
            )
        )
    return problems


def journal_problems(journal: Journal, chart: Chart) -> list[Diagnostic]:
    """Every problem of every entry of `journal`, sorted by file and line."""
    return sort_diagnostics(
        problem for entry in journal.entries for problem in entry_problems(entry, chart)
    )


def require_valid(journal: Journal, chart: Chart) -> None:
    """Refuse `journal` (:class:`JournalRefusedError`) when any entry does not check: every
    export calls this before it writes anything."""
    problems = journal_problems(journal, chart)
    if problems:
        raise JournalRefusedError(problems)
