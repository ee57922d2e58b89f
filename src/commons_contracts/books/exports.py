"""The host's books as files an accountant or an accounting tool takes: the FEC, Paheko's
"simplifié" CSV import, and a beancount journal.

Each format is a function of a checked :class:`~commons_contracts.books.journal.Journal`;
:func:`export_books` builds the year's journal, refuses it before anything is written when an
entry does not check, and writes the one file atomically. The formats, field by field, and their
sources are in docs/books.md:

- **FEC** (art. A47 A-1 of the livre des procédures fiscales): the 18 fields in their order,
  named on the first line, separated by `|`, records separated by CR LF, dates `AAAAMMJJ`,
  amounts with a decimal comma and no thousands separator, ISO 8859-15 text; the file is named
  `<SIREN>FEC<AAAAMMJJ>.txt` after the closing day of the year.
- **Paheko** "simplifié": one row per transaction of one debit account and one credit account
  (Paheko's `Accounting/Export.php`, `COLUMNS[SIMPLE]`), dates `JJ/MM/AAAA`, amounts `173,00`,
  the commons as analytic project; an entry of more than two lines becomes one row per pair of
  debit and credit, with the same voucher number.
- **beancount**: one `open` per account used (with its chart label), one transaction per entry,
  the voucher, the entry number and the analytic project as metadata.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from commons_contracts.books.chart import Chart, chart_account, chart_for
from commons_contracts.books.formats import BooksFormat
from commons_contracts.books.journal import JOURNALS, Entry, Journal, Line, require_valid
from commons_contracts.books.movements import host_of, year_journal
from commons_contracts.core.dates import YEARS
from commons_contracts.core.money import ZERO
from commons_contracts.core.store import write_atomic
from commons_contracts.errors import RefusedError, UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import Party, Registry

# --- FEC -------------------------------------------------------------------------------------

FEC_COLUMNS = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
"""The 18 fields of the FEC, in the order of art. A47 A-1 LPF (their names as the DGFiP's own
checker, Test Compta Demat, reads them)."""

FEC_ENCODING = "iso-8859-15"
"""One of the character sets the article allows (ASCII, ISO 8859-15, EBCDIC): it holds French."""

# Characters of French typography outside ISO 8859-15, and their plain equivalent.
_PLAIN = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def _fec_text(text: str | None) -> str:
    # A field holds no separator and no line break, and only characters the encoding has.
    if not text:
        return ""
    text = " ".join(text.replace("|", "/").split()).translate(_PLAIN)
    kept = []
    for char in text:
        try:
            char.encode(FEC_ENCODING)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char).encode(FEC_ENCODING, "ignore")
            kept.append(plain.decode(FEC_ENCODING) or "?")
        else:
            kept.append(char)
    return "".join(kept)


def _fec_amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _fec_date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def _third_party_account(number: str) -> bool:
    # Auxiliary accounts exist for the accounts of third parties (suppliers, customers, others).
    return number.startswith(("40", "41", "46"))


def fec_file_name(siren: str, year: int) -> str:
    """`<SIREN>FEC<AAAAMMJJ>.txt`, the day being the closing day of the year (31 December)."""
    return f"{siren}FEC{year:04d}1231.txt"


def fec_text(journal: Journal, chart: Chart) -> str:
    """The FEC of `journal`: a header line, then one line per line of every entry."""
    rows = ["|".join(FEC_COLUMNS)]
    for entry in journal.entries:
        for line in entry.lines:
            auxiliary = line.third_party is not None and _third_party_account(line.account)
            fields = (
                entry.journal,
                JOURNALS[entry.journal],
                str(entry.number),
                _fec_date(entry.date),
                line.account,
                chart.label(line.account),
                line.third_party if auxiliary else "",
                line.third_party_name if auxiliary else "",
                entry.reference,
                _fec_date(entry.date),
                entry.label,
                _fec_amount(line.debit),
                _fec_amount(line.credit),
                "",
                "",
                _fec_date(entry.date),
                "",
                "",
            )
            rows.append("|".join(_fec_text(field) for field in fields))
    return "\r\n".join(rows) + "\r\n"


# --- Paheko ----------------------------------------------------------------------------------

PAHEKO_COLUMNS = (
    "Numéro d'écriture",
    "Type",
    "Statut",
    "Libellé",
    "Date",
    "Remarques",
    "Numéro pièce comptable",
    "Référence paiement",
    "Compte de débit",
    "Compte de crédit",
    "Montant",
    "Projet analytique",
    "Membres associés",
)
"""The columns of Paheko's "simplifié" format, in its order (`Export::COLUMNS[SIMPLE]`)."""


@dataclass(frozen=True, slots=True)
class Transfer:
    """One amount from a debit account to a credit account: a row of Paheko's simple format."""

    debit: Line
    credit: Line
    amount: Decimal

    @property
    def project(self) -> str | None:
        """The analytic project of the pair: that of its credit line, else of its debit line."""
        return self.credit.project or self.debit.project


def transfers(entry: Entry) -> list[Transfer]:
    """`entry` as pairs of one debit and one credit line (debit lines in order, each matched
    with the credit lines in order), whose amounts add up to the entry's."""
    debits = [line for line in entry.lines if line.debit > ZERO]
    credits = [line for line in entry.lines if line.credit > ZERO]
    debit_left = [line.debit for line in debits]
    credit_left = [line.credit for line in credits]
    pairs: list[Transfer] = []
    d = c = 0
    while d < len(debits) and c < len(credits):
        amount = min(debit_left[d], credit_left[c])
        pairs.append(Transfer(debits[d], credits[c], amount))
        debit_left[d] -= amount
        credit_left[c] -= amount
        if debit_left[d] == ZERO:
            d += 1
        if credit_left[c] == ZERO:
            c += 1
    return pairs


def _paheko_type(transfer: Transfer) -> str:
    # Paheko's transaction types (Transaction::TYPES_NAMES); a pair that is neither a receipt,
    # a payment nor a transfer between money accounts is an "advanced" entry.
    debit_class, credit_class = transfer.debit.account[0], transfer.credit.account[0]
    if debit_class == "5" and credit_class == "7":
        return "Recette"
    if transfer.debit.account.startswith("41") and credit_class == "7":
        return "Créance"  # an invoice: income the customer owes
    if debit_class == "6" and credit_class == "5":
        return "Dépense"
    if debit_class == "5" and credit_class == "5":
        return "Virement"
    return "Avancé"


def paheko_csv(journal: Journal) -> str:
    """Paheko's "simplifié" import of `journal`: semicolons, one row per pair of lines."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(PAHEKO_COLUMNS)
    for entry in journal.entries:
        pairs = transfers(entry)
        for index, pair in enumerate(pairs, start=1):
            writer.writerow(
                (
                    "",  # empty: a new transaction (a number would update an existing one)
                    _paheko_type(pair),
                    "",
                    entry.label,
                    entry.date.strftime("%d/%m/%Y"),
                    f"{entry.journal} {entry.number} ({index}/{len(pairs)})",
                    entry.reference,
                    entry.payment_reference or "",
                    pair.debit.account,
                    pair.credit.account,
                    f"{pair.amount:.2f}".replace(".", ","),
                    pair.project or "",
                    "",
                )
            )
    return out.getvalue()


# --- beancount -------------------------------------------------------------------------------

_ROOTS = {
    "asset": "Assets",
    "liability": "Liabilities",
    "equity": "Equity",
    "income": "Income",
    "expense": "Expenses",
}


def beancount_account(number: str) -> str:
    """The beancount name of account `number`: its root after its kind, then its number
    (`Income:706`)."""
    account = chart_account(number)
    assert account is not None, "accounts are checked before any export"
    return f"{_ROOTS[account.kind]}:{number}"


def _quoted(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _postings(line: Line) -> Iterator[str]:
    yield f"  {beancount_account(line.account)}  {line.amount:.2f} EUR"
    if line.project:
        yield f"    project: {_quoted(line.project)}"
    if line.third_party:
        yield f"    third_party: {_quoted(line.third_party)}"


def beancount_text(journal: Journal, chart: Chart, title: str) -> str:
    """A beancount journal of `journal`: options, an `open` per account, the transactions."""
    rows = [f'option "title" {_quoted(title)}', 'option "operating_currency" "EUR"', ""]
    opened = datetime.date(journal.year, 1, 1).isoformat()
    for number in sorted({line.account for entry in journal.entries for line in entry.lines}):
        rows.append(f"{opened} open {beancount_account(number)} EUR")
        rows.append(f"  name: {_quoted(chart.label(number))}")
    for entry in journal.entries:
        payee = next((line.third_party_name for line in entry.lines if line.third_party_name), "")
        rows.append("")
        rows.append(f"{entry.date.isoformat()} * {_quoted(payee)} {_quoted(entry.label)}")
        rows.append(f"  number: {_quoted(f'{entry.journal} {entry.number}')}")
        rows.append(f"  reference: {_quoted(entry.reference)}")
        if entry.payment_reference:
            rows.append(f"  payment_reference: {_quoted(entry.payment_reference)}")
        for line in entry.lines:
            rows.extend(_postings(line))
    return "\n".join(rows) + "\n"


# --- the command -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BooksExport:
    """What `books export` wrote: the file, and the journal it holds."""

    path: Path
    journal: Journal
    host: Party


def export_books(
    registry: Registry,
    output_format: BooksFormat,
    year: int,
    out: Path,
    *,
    host_id: str | None = None,
) -> BooksExport:
    """Write the books of `year` of the registry's host in `output_format` into `out`.

    The journal is checked first: an entry that does not balance or an unknown account refuses
    the export (:class:`~commons_contracts.books.journal.JournalRefusedError`) and nothing is
    written. The file is replaced when it exists (it is derived from the registry)."""
    if year not in YEARS:
        raise UsageError(
            _("--year {year} is not a year from {value} to {value2}").format(
                year=year, value=YEARS.start, value2=YEARS.stop - 1
            )
        )
    host = host_of(registry, host_id)
    if output_format is BooksFormat.FEC and not host.siren:
        raise RefusedError(
            _(
                "the host '{host_id}' has no siren: the FEC is named after it (add "
                "`siren` to its party record)"
            ).format(host_id=host.id)
        )
    chart = chart_for(registry.workspace)
    journal = year_journal(registry, chart, host.id, year)
    require_valid(journal, chart)
    if output_format is BooksFormat.FEC:
        assert host.siren is not None
        name, data = fec_file_name(host.siren, year), fec_text(journal, chart).encode(FEC_ENCODING)
    elif output_format is BooksFormat.PAHEKO:
        name, data = f"paheko-{host.id}-{year}.csv", paheko_csv(journal).encode("utf-8")
    else:
        text = beancount_text(journal, chart, f"{host.name} {year}")
        name, data = f"{host.id}-{year}.beancount", text.encode("utf-8")
    path = write_atomic(out / name, data, overwrite=True)
    return BooksExport(path, journal, host)
