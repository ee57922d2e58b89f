"""The host's books: the chart, the journal's check, the payments' entries and the three
exports, each read back as its reader would (the FEC as the DGFiP's checker parses it, Paheko's
CSV with its own columns, beancount with beancount's loader)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data as beancount_data
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.fr import siren as siren_number
from typer.testing import CliRunner

from commons_contracts.books import movements
from commons_contracts.books.chart import PCA, ROLES, chart_account, chart_for
from commons_contracts.books.exports import (
    FEC_COLUMNS,
    PAHEKO_COLUMNS,
    BooksFormat,
    export_books,
    transfers,
)
from commons_contracts.books.journal import (
    Entry,
    Journal,
    JournalRefusedError,
    Line,
    Origin,
    journal_problems,
)
from commons_contracts.books.movements import year_journal
from commons_contracts.cli import app
from commons_contracts.core.diagnostics import Code
from commons_contracts.core.money import ZERO
from commons_contracts.funds.fund import compute_funds
from commons_contracts.ledger.allocation import payment_values
from commons_contracts.ledger.balances import compute_balances
from commons_contracts.ledger.reversal import ReversalTerms, compute_reversal
from commons_contracts.registry.model import (
    Declaration,
    HostingContract,
    Payment,
    Registry,
    Workspace,
)
from commons_contracts.registry.records import Accounts, Books
from commons_contracts.validation.validate import validate_registry

D = Decimal
YEAR = 2026
REPOSITORY = Path(__file__).resolve().parents[1]
ORIGIN = Origin("payments/2026/p.yaml", 1, 1, "payment", "p")


def _registry(root: Path) -> Registry:
    result = validate_registry(root)
    assert result.registry is not None, [d.format_text() for d in result.diagnostics]
    return result.registry


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _donation_paid(root: Path) -> Decimal:
    """Pay the donation contract of the example (two commons, 70/30 and more) in full at the
    end of the year, and return what was paid."""
    (balance,) = compute_balances(
        _registry(root), datetime.date(YEAR, 12, 31), contract_id="reciprocite-scic-communs"
    )
    amount = balance.reversal.balance
    _write(
        root,
        "payments/2026/2026-12-20-scic.yaml",
        "kind: payment\nid: 2026-12-20-scic\ncontract: reciprocite-scic-communs\n"
        f"date: 2026-12-20\namount: {amount}\nreference: VIR SCIC 2026\n",
    )
    return amount


# --- the chart -----------------------------------------------------------------------------


def test_every_default_account_is_in_the_chart_with_its_class() -> None:
    """Each role's default is an account of the chart; incomes are class 7, expenses class 6,
    dedicated funds class 1, money class 5, third parties and VAT class 4."""
    classes = {"royalties": "7", "donations": "7", "subsidies": "7", "contributions": "7"}
    classes |= {"bank": "5", "vat_collected": "4", "customers": "4", "suppliers": "4"}
    for role, number in ROLES.items():
        assert number in PCA, role
        assert number[0] == classes.get(role, number[0])
        if role.startswith("dedicated_"):
            assert number.startswith("19")
        if role.startswith("to_dedicated_"):
            assert number.startswith("689")
        if role.startswith("from_dedicated_"):
            assert number.startswith("789")


def test_the_schema_names_every_role_with_its_default() -> None:
    """The workspace's `books.accounts` has one field per role, whose description gives the
    role's default account and its label in the chart, as docs/fields.md shows them."""
    schema = json.loads((REPOSITORY / "schemas" / "workspace.schema.json").read_text("utf-8"))
    fields = schema["properties"]["books"]["properties"]["accounts"]["properties"]
    assert list(fields) == list(ROLES)
    for role, number in ROLES.items():
        description = fields[role]["description"]
        assert description.endswith(f"Default {number}."), role
        assert f"({number} {PCA[number].label}" in description, role


def test_a_sub_account_takes_its_parent_label_and_kind() -> None:
    found = chart_account("5121")
    assert found is not None
    assert (found.number, found.label, found.kind) == ("5121", "Banques", "asset")
    assert chart_account("999") is None
    assert chart_account("8741") is None


def test_the_workspace_replaces_the_account_of_a_role() -> None:
    workspace = Workspace(name="x", books=Books(accounts=Accounts(bank="5121", royalties="7061")))
    chart = chart_for(workspace)
    assert chart.account("bank").number == "5121"
    assert chart.account("royalties").number == "7061"
    assert chart.account("donations").number == "754"
    assert chart.label("7061") == "Prestations de services"


# --- the journal's check -------------------------------------------------------------------


def _entry(*lines: Line, number: int = 1) -> Entry:
    return Entry(datetime.date(YEAR, 3, 1), "BQ", number, "x", "p", tuple(lines), ORIGIN)


def test_a_balanced_entry_on_known_accounts_checks() -> None:
    entry = _entry(
        Line("512", debit=D("120.00")),
        Line("706", credit=D("100.00")),
        Line("44571", credit=D("20.00")),
    )
    assert journal_problems(Journal(YEAR, (entry,)), chart_for(Workspace(name="x"))) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            (Line("512", debit=D("120.00")), Line("706", credit=D("100.00"))),
            "does not balance: debits 120.00, credits 100.00",
        ),
        (
            (Line("512", debit=D("1.00")), Line("999", credit=D("1.00"))),
            "account '999' is not in the chart",
        ),
        (
            (Line("512", debit=D("1.00"), credit=D("1.00")), Line("706")),
            "a line carries one positive amount",
        ),
        (
            (Line("512", debit=D("1.005")), Line("706", credit=D("1.005"))),
            "a line carries one positive amount of whole cents",
        ),
        (
            (Line("512", debit=D("-5.00")), Line("706", credit=D("-5.00"))),
            "a line carries one positive amount",
        ),
        ((Line("512", debit=D("1.00")),), "has 1 line(s), not 2"),
    ],
)
def test_a_wrong_entry_is_reported_at_its_record(lines: tuple[Line, ...], expected: str) -> None:
    """Every problem is located at the record the entry comes from, with its code."""
    problems = journal_problems(Journal(YEAR, (_entry(*lines),)), chart_for(Workspace(name="x")))
    assert problems, expected
    assert any(expected in p.message for p in problems), [p.message for p in problems]
    for problem in problems:
        assert (problem.path, problem.line, problem.column) == ("payments/2026/p.yaml", 1, 1)
        assert problem.code in (Code.UNBALANCED_ENTRY, Code.UNKNOWN_ACCOUNT)
        assert problem.message.startswith("entry 1 (payment p)")


def test_a_refund_is_entered_the_other_way_round() -> None:
    line = Line.signed("512", D("-40.00"))
    assert (line.debit, line.credit, line.amount) == (ZERO, D("40.00"), D("-40.00"))


def test_an_export_of_an_unbalanced_journal_writes_nothing(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A movement whose entry does not balance refuses the whole export, before any file: here
    a mapper that loses a cent, beside the real one."""

    def losing_a_cent(registry: Registry, chart, host: str, year: int):  # type: ignore[no-untyped-def]
        for entry in movements.payment_entries(registry, chart, host, year):
            first, *rest = entry.lines
            yield Entry(
                entry.date,
                entry.journal,
                0,
                entry.label,
                entry.reference,
                (Line(first.account, debit=first.debit - D("0.01")), *rest),
                entry.origin,
            )

    monkeypatch.setattr(movements, "MAPPERS", (losing_a_cent,))
    out = tmp_path / "out"
    with pytest.raises(JournalRefusedError) as refused:
        export_books(_registry(example_copy), BooksFormat.FEC, YEAR, out)
    assert not out.exists()
    messages = [d.format_text() for d in refused.value.diagnostics]
    assert len(messages) == 4, messages
    assert messages[0].startswith(
        "payments/2026/2026-04-24-alice-q1.yaml:1:1: error "
        "unbalanced-entry: entry 1 (payment 2026-04-24-alice-q1) "
        # The quarter is invoiced (RC-0001): the payment also moves its 57.00 of VAT from
        # waiting (4458) to collected (44571).
        "does not balance: debits 398.99, credits 399.00"
    )


# --- payments as the books see them ---------------------------------------------------------

amounts = st.decimals(min_value=D("-3000"), max_value=D("20000"), places=2)


@settings(max_examples=60, deadline=None)
@given(
    revenues=st.lists(
        st.tuples(st.integers(1, 365), amounts, st.integers(0, 100)), min_size=1, max_size=8
    ),
    paid=st.lists(
        st.tuples(
            st.integers(1, 400), st.decimals(min_value=D("0.01"), max_value=D("900"), places=2)
        ),
        max_size=5,
    ),
    vat=st.sampled_from([D(0), D(20), D("5.5")]),
)
def test_payments_paid_in_full_add_up_to_the_dues(
    revenues: list[tuple[int, Decimal, int]], paid: list[tuple[int, Decimal]], vat: Decimal
) -> None:
    """Each payment is exactly its parts excluding VAT plus its VAT; and once the payments
    equal what the contract owes, their parts add up exactly to the ledger's figures, computed
    independently: the dues of each commons, and the VAT of every period."""
    start = datetime.date(YEAR, 1, 1)
    terms = ReversalTerms.flat(
        D(5), commons=("a", "b"), period="quarter", payment_days=30, vat_rate_percent=vat
    )
    declarations = [
        Declaration(
            id=f"d{i}",
            contract="c",
            date=start + datetime.timedelta(day - 1),
            amount_excl_tax=amount,
            commons_shares={"a": D(share), "b": D(100 - share)},
        )
        for i, (day, amount, share) in enumerate(revenues)
    ]
    payments = [
        Payment(id=f"p{i}", contract="c", date=start + datetime.timedelta(day - 1), amount=amount)
        for i, (day, amount) in enumerate(paid)
    ]
    as_of = datetime.date(YEAR + 1, 6, 30)
    due = compute_reversal(terms, declarations, (), as_of)
    rest = due.due_incl_tax - sum((p.amount for p in payments), ZERO)
    if rest > ZERO:
        payments.append(Payment(id="zz", contract="c", date=as_of, amount=rest))
    values = payment_values(terms, declarations, payments, as_of)
    for payment in payments:
        value = values[payment.id]
        assert sum(value.excl_tax_by_commons.values(), ZERO) + value.vat == payment.amount
    if rest >= ZERO and due.due_incl_tax > ZERO:
        by_commons: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
        for value in values.values():
            for commons_id, part in value.excl_tax_by_commons.items():
                by_commons[commons_id] += part
        assert {c: by_commons[c] for c in ("a", "b")} == dict(due.by_commons)
        assert sum((v.vat for v in values.values()), ZERO) == sum(
            (p.vat for p in due.periods), ZERO
        )


def test_a_payment_of_two_periods_takes_each_period_s_vat() -> None:
    """A payment that settles a period at 20 % and half of the next is split in each
    period's own proportion: 120.00 = 100.00 + 20.00, then 60.00 = 50.00 + 10.00."""
    terms = ReversalTerms.flat(
        D(10), commons=("a",), period="quarter", payment_days=30, vat_rate_percent=D(20)
    )
    declarations = [
        Declaration(id="q1", contract="c", date=datetime.date(YEAR, 2, 1), amount_excl_tax=D(1000)),
        Declaration(id="q2", contract="c", date=datetime.date(YEAR, 5, 1), amount_excl_tax=D(1000)),
    ]
    payment = Payment(id="p", contract="c", date=datetime.date(YEAR, 7, 1), amount=D(180))
    (value,) = payment_values(terms, declarations, [payment], datetime.date(YEAR, 12, 31)).values()
    assert dict(value.excl_tax_by_commons) == {"a": D("150.00")}
    assert value.vat == D("30.00")


def test_a_payment_is_valued_on_the_terms_amended_on_its_declarations_day(
    example_copy: Path,
) -> None:
    """Alice's contract: 5 % and VAT at 20 % at first; 6 % from 2027 (the example's amendment);
    a second amendment takes VAT out from 2027-04-01. A declaration of 1,000.00 in May 2027
    owes 60.00 with no VAT. A payment of everything still owed then gives the commons' fund
    exactly the dues excl. VAT the ledger computes (compute_balances, the second computation)
    less what the earlier payments gave, and its VAT is the rest: valued on the original
    terms, the May declaration would have been 50.00 + 10.00 of VAT."""
    _write(
        example_copy,
        "amendments/reciprocite-alice-movilab-avenant-2.yaml",
        "kind: amendment\nid: reciprocite-alice-movilab-avenant-2\n"
        "contract: reciprocite-alice-movilab\nnumber: 2\neffective_date: 2027-04-01\n"
        "rationale: l'Acteur relève désormais de la franchise en base de TVA.\n"
        "changes:\n  vat_rate_percent: 0\n",
    )
    _write(
        example_copy,
        "declarations/2027/2027-05-10-alice.yaml",
        "kind: declaration\nid: 2027-05-10-alice\ncontract: reciprocite-alice-movilab\n"
        "date: 2027-05-10\namount_excl_tax: 1000\nclient: Mairie de Roubaix\n",
    )
    day, contract = datetime.date(2027, 7, 15), "reciprocite-alice-movilab"
    (before,) = compute_balances(_registry(example_copy), day, contract_id=contract)
    _write(
        example_copy,
        "payments/2027/2027-07-15-alice.yaml",
        f"kind: payment\nid: 2027-07-15-alice\ncontract: {contract}\n"
        f"date: {day}\namount: {before.reversal.balance}\nreference: VIR ALICE SOLDE\n",
    )
    registry = _registry(example_copy)
    (balance,) = compute_balances(registry, day, contract_id=contract)
    assert balance.reversal.balance == ZERO
    periods = balance.reversal.periods
    assert [(p.due_excl_tax, p.vat) for p in periods if p.period == "2027-Q2"] == [
        (D("60.00"), ZERO)
    ]
    incomes = {
        i.id: i.amount for i in compute_funds(registry)["movilab"].incomes if i.contract == contract
    }
    paid = {p.id: p.amount for p in registry.payments if p.contract == contract}
    earlier = [i for i in incomes if i != "2027-07-15-alice"]
    expected = sum((p.due_excl_tax for p in periods), ZERO) - sum(
        (incomes[i] for i in earlier), ZERO
    )
    assert incomes["2027-07-15-alice"] == expected
    vat = sum((p.vat for p in periods), ZERO) - sum((paid[i] - incomes[i] for i in earlier), ZERO)
    assert paid["2027-07-15-alice"] - incomes["2027-07-15-alice"] == vat
    chart = chart_for(registry.workspace)
    (entry,) = [
        e
        for e in movements.payment_entries(registry, chart, "tiers-lieux-hdf", 2027)
        if e.reference == "2027-07-15-alice"
    ]
    vat_accounts = {chart.account(role).number for role in ("vat_collected", "vat_pending")}
    assert -sum((line.amount for line in entry.lines if line.account in vat_accounts), ZERO) == vat


# --- the exports, read back -----------------------------------------------------------------


def _fec_rows(path: Path) -> list[dict[str, str]]:
    """The FEC read as the DGFiP's Test Compta Demat reads it: ISO 8859-15, one record a line,
    `|` between fields, the field names on the first line."""
    text = path.read_bytes().decode("iso-8859-15")
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    header = lines[0].split("|")
    assert tuple(header) == FEC_COLUMNS
    rows = []
    for line in lines[1:]:
        fields = line.split("|")
        assert len(fields) == 18, line
        rows.append(dict(zip(header, fields, strict=True)))
    return rows


def _fec_amount(text: str) -> Decimal:
    assert re.fullmatch(r"\d+,\d{2}", text), text  # decimal comma, no thousands separator
    return Decimal(text.replace(",", "."))


def test_the_fec_is_the_article_s_file_and_balances(example_copy: Path, tmp_path: Path) -> None:
    """Named <SIREN>FEC<closing day>.txt; 18 fields in order; AAAAMMJJ dates; each entry and
    the whole file balance; entries numbered 1, 2, ... in date order; the bank's debits are
    the payments of the year (counted from the records) and the VAT is the periods' VAT."""
    paid = _donation_paid(example_copy)
    registry = _registry(example_copy)
    result = export_books(registry, BooksFormat.FEC, YEAR, tmp_path)
    host = registry.parties["tiers-lieux-hdf"]
    assert result.path.name == f"{host.siren}FEC20261231.txt"
    assert siren_number.is_valid(result.path.name[:9])
    rows = _fec_rows(result.path)
    by_entry: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_entry[row["EcritureNum"]].append(row)
        for field in ("EcritureDate", "PieceDate", "ValidDate"):
            day = datetime.datetime.strptime(row[field], "%Y%m%d").date()
            assert day.year == YEAR
        assert re.fullmatch(r"[1-8]\d{2,9}", row["CompteNum"])
        assert row["CompteLib"] and row["EcritureLib"] and row["PieceRef"]
        # Money in the bank journal, invoices in the sales journal, host fees and dedicated
        # funds in the miscellaneous journal.
        assert (row["JournalCode"], row["JournalLib"]) in {
            ("BQ", "Banque"),
            ("VT", "Ventes"),
            ("OD", "Opérations diverses"),
        }
    assert list(by_entry) == [str(n) for n in range(1, len(by_entry) + 1)]
    dates = [by_entry[n][0]["EcritureDate"] for n in by_entry]
    assert dates == sorted(dates)
    for lines in by_entry.values():
        debit = sum((_fec_amount(r["Debit"]) for r in lines), ZERO)
        credit = sum((_fec_amount(r["Credit"]) for r in lines), ZERO)
        assert debit == credit > ZERO
        assert len({(r["EcritureDate"], r["PieceRef"]) for r in lines}) == 1
    payments = [p for p in registry.payments if p.date.year == YEAR]
    incomes = [i for i in registry.incomes if i.date.year == YEAR]
    payouts = [p for p in registry.payouts if p.date.year == YEAR]
    bank = sum((_fec_amount(r["Debit"]) for r in rows if r["CompteNum"] == "512"), ZERO)
    received = sum((p.amount for p in payments), ZERO) + sum((i.amount for i in incomes), ZERO)
    assert bank == received
    paid_out = sum((_fec_amount(r["Credit"]) for r in rows if r["CompteNum"] == "512"), ZERO)
    assert paid_out == sum((p.amount for p in payouts), ZERO)
    invoices = [i for i in registry.invoices if i.date.year == YEAR]
    assert len(payments) == 5
    assert len(invoices) == 2
    journals = {n: lines[0]["JournalCode"] for n, lines in by_entry.items()}
    assert list(journals.values()).count("BQ") == len(payments) + len(incomes) + len(payouts)
    assert list(journals.values()).count("VT") == len(invoices)
    donations = sum((_fec_amount(r["Credit"]) for r in rows if r["CompteNum"] == "754"), ZERO)
    assert donations == paid
    balances = compute_balances(registry, datetime.date(YEAR, 12, 31))
    settled_vat = sum(
        (p.vat for b in balances for p in b.reversal.periods if p.outstanding == ZERO), ZERO
    )
    assert sum((_fec_amount(r["Credit"]) for r in rows if r["CompteNum"] == "44571"), ZERO) == (
        settled_vat
    )
    assert "Redevance de réciprocité reciprocite-alice-movilab (Alice Moreau)" in {
        r["EcritureLib"] for r in rows
    }


def test_fec_text_keeps_to_its_character_set_and_separators(
    example_copy: Path, tmp_path: Path
) -> None:
    """A name with a `|`, a curly apostrophe and a character outside ISO 8859-15 still gives
    18 fields a line, readable in the file's encoding."""
    party = example_copy / "parties" / "alice-conseil.yaml"
    party.write_text(
        party.read_text(encoding="utf-8").replace("name: Alice Moreau", "name: Alice | L’Ōmoreau"),
        encoding="utf-8",
    )
    result = export_books(_registry(example_copy), BooksFormat.FEC, YEAR, tmp_path)
    labels = {row["EcritureLib"] for row in _fec_rows(result.path)}
    assert "Redevance de réciprocité reciprocite-alice-movilab (Alice / L'Omoreau)" in labels


def test_the_paheko_csv_has_paheko_s_columns_and_one_project_per_commons(
    example_copy: Path, tmp_path: Path
) -> None:
    """The columns of Paheko's "simplifié" format in its order (src/include/lib/Paheko/
    Accounting/Export.php, COLUMNS[SIMPLE]); dates JJ/MM/AAAA; amounts 173,00; a type Paheko
    knows; the rows of one voucher add up to its payment; each commons its analytic project."""
    _donation_paid(example_copy)
    registry = _registry(example_copy)
    result = export_books(registry, BooksFormat.PAHEKO, YEAR, tmp_path)
    assert result.path.name == "paheko-tiers-lieux-hdf-2026.csv"
    text = result.path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [
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
    ]
    assert tuple(rows[0]) == PAHEKO_COLUMNS
    by_voucher: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    projects: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    fees: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    fund_accounts = {"741", "7551", "611", "6226", "6571", "194", "195", "196", "6894", "6896"}
    for row in rows[1:]:
        record = dict(zip(rows[0], row, strict=True))
        assert record["Numéro d'écriture"] == ""
        assert record["Type"] in ("Avancé", "Recette", "Dépense", "Virement", "Dette", "Créance")
        assert re.fullmatch(r"\d{2}/\d{2}/2026", record["Date"])
        assert re.fullmatch(r"\d+,\d{2}", record["Montant"])
        amount = Decimal(record["Montant"].replace(",", "."))
        voucher = record["Numéro pièce comptable"]
        if record["Compte de crédit"] == "7588":
            # The host fee on an income: taken from the commons' resource, its voucher the
            # income's.
            fees[voucher] += amount
            assert record["Projet analytique"] in registry.commons
            continue
        if voucher.startswith("fonds-dedies-"):
            assert record["Projet analytique"] in registry.commons
            continue
        by_voucher[voucher] += amount
        if record["Compte de crédit"] in ("706", "754"):
            # Received in the bank, or invoiced (the customer owes it).
            expected = "Créance" if record["Compte de débit"] == "411" else "Recette"
            assert record["Type"] == expected
            projects[record["Projet analytique"]] += amount
        elif {record["Compte de débit"], record["Compte de crédit"]} & fund_accounts:
            assert record["Projet analytique"] in registry.commons
        else:
            assert record["Projet analytique"] == ""
    payments = {p.id: p.amount for p in registry.payments if p.date.year == YEAR}
    # An invoiced payment settles 411 and moves its VAT (4458 to 44571): that row adds its VAT.
    invoiced = {"2026-04-24-alice-q1": D("57.00"), "2026-07-28-alice-q2": D("28.83")}
    invoices = {i.number: i.amount_incl_tax for i in registry.invoices}
    assert dict(by_voucher) == {
        **{k: v + invoiced.get(k, ZERO) for k, v in payments.items()},
        **invoices,
        **{i.id: i.amount for i in registry.incomes if i.date.year == YEAR},
        **{p.id: p.amount for p in registry.payouts if p.date.year == YEAR},
    }
    assert set(fees) <= set(payments) | {i.id for i in registry.incomes}
    assert set(projects) == {"movilab", "boussole", "cahier-activites"}
    balances = {b.contract.id: b for b in compute_balances(registry, datetime.date(YEAR, 12, 31))}
    assert (
        projects["cahier-activites"]
        == balances["reciprocite-scic-communs"].reversal.by_commons["cahier-activites"]
    )


def test_an_entry_of_many_lines_becomes_pairs_that_add_up() -> None:
    entry = _entry(
        Line("512", debit=D("150.00")),
        Line("706", credit=D("70.00"), project="a"),
        Line("706", credit=D("55.00"), project="b"),
        Line("44571", credit=D("25.00")),
    )
    pairs = transfers(entry)
    assert [(p.debit.account, p.credit.account, p.amount, p.project) for p in pairs] == [
        ("512", "706", D("70.00"), "a"),
        ("512", "706", D("55.00"), "b"),
        ("512", "44571", D("25.00"), None),
    ]


def test_beancount_loads_the_journal_without_error(example_copy: Path, tmp_path: Path) -> None:
    """beancount's own loader accepts the file (it checks that every transaction balances and
    every account is open); the incomes per analytic project add up to the FEC's."""
    _donation_paid(example_copy)
    registry = _registry(example_copy)
    result = export_books(registry, BooksFormat.BEANCOUNT, YEAR, tmp_path)
    entries, errors, options = loader.load_file(str(result.path))
    assert errors == []
    assert options["operating_currency"] == ["EUR"]
    transactions = [e for e in entries if isinstance(e, beancount_data.Transaction)]
    journal = year_journal(registry, chart_for(registry.workspace), "tiers-lieux-hdf", YEAR)
    assert len(transactions) == len(journal.entries)
    assert len([e for e in journal.entries if e.journal in ("BQ", "VT")]) == (
        7  # five payments, two invoices
        + len([i for i in registry.incomes if i.date.year == YEAR])
        + len([p for p in registry.payouts if p.date.year == YEAR])
    )
    incomes: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for transaction in transactions:
        assert transaction.meta["reference"] in {
            *(p.id for p in registry.payments),
            *(i.number for i in registry.invoices),
            *(i.id for i in registry.incomes),
            *(p.id for p in registry.payouts),
            *(f"fonds-dedies-{c}-{YEAR}" for c in registry.commons),
        }
        for posting in transaction.postings:
            if posting.account.startswith("Income:"):
                # The host's own fees (7588) concern no commons.
                incomes[posting.meta.get("project", "")] -= posting.units.number
    fec = export_books(registry, BooksFormat.FEC, YEAR, tmp_path).path
    assert sum(incomes.values(), ZERO) == sum(
        (
            _fec_amount(r["Credit"]) - _fec_amount(r["Debit"])
            for r in _fec_rows(fec)
            if r["CompteNum"][0] == "7"
        ),
        ZERO,
    )


def test_the_workspace_accounts_reach_every_export(example_copy: Path, tmp_path: Path) -> None:
    workspace = example_copy / "commons-contracts.yaml"
    workspace.write_text(
        workspace.read_text(encoding="utf-8")
        + 'books:\n  accounts:\n    bank: "5121"\n    royalties: "7061"\n',
        encoding="utf-8",
    )
    registry = _registry(example_copy)
    rows = _fec_rows(export_books(registry, BooksFormat.FEC, YEAR, tmp_path).path)
    assert {"5121", "7061", "44571", "411", "4458"} <= {r["CompteNum"] for r in rows}
    assert not {"512", "706"} & {r["CompteNum"] for r in rows}
    assert {r["CompteLib"] for r in rows if r["CompteNum"] == "5121"} == {"Banques"}
    entries, errors, _ = loader.load_file(
        str(export_books(registry, BooksFormat.BEANCOUNT, YEAR, tmp_path).path)
    )
    assert errors == []
    assert {"Assets:5121", "Income:7061"} <= {
        e.account for e in entries if isinstance(e, beancount_data.Open)
    }


# --- the command line -----------------------------------------------------------------------


def test_books_export_from_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "compta"
    result = runner.invoke(
        app,
        [
            "books",
            "export",
            "-r",
            "examples",
            "--format",
            "fec",
            "--year",
            "2026",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "000000307FEC20261231.txt")
    # Four payments and two invoices, whose invoiced payments also move their VAT (85.83):
    # 1,823.83; Movilab's four incomes (30,000.00) and five payouts (11,813.75), the eight
    # host fees on them and on the reciprocity payments (2,481.53: 2,400.00 on the incomes,
    # 34.33 on Alice's, 47.20 on L'Atelier's), and Movilab's dedicated funds (15,786.25).
    assert "24 entries of 2026" in result.stderr
    assert "debits = credits = 61905.36 EUR" in result.stderr


def test_books_export_refuses_a_fec_without_siren(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    party = example_copy / "parties" / "tiers-lieux-hdf.yaml"
    text = party.read_text(encoding="utf-8")
    text = re.sub(r"^(siren|siret|vat_number): .*\n", "", text, flags=re.MULTILINE)
    party.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "books",
            "export",
            "-r",
            str(example_copy),
            "--format",
            "fec",
            "--year",
            "2026",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 1
    assert "has no siren" in result.stderr
    assert not (tmp_path / "out").exists()


def test_books_export_asks_which_host_when_there_are_several(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    contract = example_copy / "contracts" / "reciprocite-atelier-boussole.yaml"
    contract.write_text(
        contract.read_text(encoding="utf-8").replace(
            "host: tiers-lieux-hdf", "host: scic-territoires"
        ),
        encoding="utf-8",
    )
    arguments = [
        "books",
        "export",
        "-r",
        str(example_copy),
        "--format",
        "beancount",
        "--year",
        "2026",
        "--out",
        str(tmp_path),
    ]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert "several hosts (scic-territoires, tiers-lieux-hdf): say which with --host" in (
        result.stderr
    )
    result = runner.invoke(app, [*arguments, "--host", "scic-territoires"])
    assert result.exit_code == 0, result.output
    entries, errors, _ = loader.load_file(result.stdout.strip())
    assert errors == []
    assert len([e for e in entries if isinstance(e, beancount_data.Transaction)]) == 2


def test_books_export_refuses_a_registry_with_errors(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    workspace = example_copy / "commons-contracts.yaml"
    workspace.write_text(
        workspace.read_text(encoding="utf-8") + 'books:\n  accounts:\n    royalties: "7999"\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        [
            "books",
            "export",
            "-r",
            str(example_copy),
            "--format",
            "paheko",
            "--year",
            "2026",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 1
    assert "commons-contracts.yaml:10:16: error unknown-account" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_books_export_as_a_user_types_it(tmp_path: Path) -> None:
    """The console script, in a subprocess: the file is written, the exit code is 0, and a
    year out of range is a usage error without a traceback."""
    registry = tmp_path / "registry"
    shutil.copytree(Path(__file__).resolve().parents[1] / "examples", registry)
    script = Path(sys.executable).parent / "commons-contracts"
    done = subprocess.run(
        [str(script), "books", "export", "--format", "paheko", "--year", "2026"],
        cwd=registry,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (registry / "paheko-tiers-lieux-hdf-2026.csv").is_file()
    done = subprocess.run(
        [str(script), "books", "export", "--format", "fec", "--year", "12026"],
        cwd=registry,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "--year 12026 is not a year" in done.stderr


# --- the movements of hosted funds ------------------------------------------------------------


def test_movilab_s_fund_in_the_books_of_2026_by_hand() -> None:
    """Movilab's fund in the example's books of 2026, each entry against figures counted here
    from the records: each income in the bank on the account of its type (co-financing 7551,
    subsidy 741), no VAT; the host fee (8 % of each, half-up to the cent) taken from that
    account to 7588; each payout from the bank on the account of its category (611
    development, 6226 coordination, 6571 a grant); at 31 December, what remains of the two
    subsidies once the payouts used the oldest money first (the two co-financings, then the
    ADEME subsidy) is carried to 194 through 6894. Every entry balances."""
    registry = _registry(REPOSITORY / "examples")
    journal = year_journal(registry, chart_for(registry.workspace), "tiers-lieux-hdf", YEAR)
    for entry in journal.entries:
        assert entry.debit == entry.credit > ZERO, entry.reference
    by_reference: defaultdict[str, list[Entry]] = defaultdict(list)
    for entry in journal.entries:
        by_reference[entry.reference].append(entry)
    hosting = registry.contracts["hebergement-movilab"]
    assert isinstance(hosting, HostingContract)
    rate = hosting.host_fee_percent / Decimal(100)
    accounts = {"co-financing": "7551", "subsidy": "741"}
    net: dict[str, Decimal] = defaultdict(lambda: ZERO)
    incomes = [i for i in registry.incomes if i.commons == "movilab" and i.date.year == YEAR]
    assert len(incomes) == 4
    for income in incomes:
        fee = (income.amount * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        net[income.type] += income.amount - fee
        received, kept = sorted(by_reference[income.id], key=lambda e: e.journal)
        assert (received.journal, kept.journal) == ("BQ", "OD")
        assert [(line.account, line.amount, line.project) for line in received.lines] == [
            ("512", income.amount, None),
            (accounts[income.type], -income.amount, "movilab"),
        ]
        assert not {"44571", "4458"} & {line.account for line in received.lines}
        assert [(line.account, line.amount, line.project) for line in kept.lines] == [
            (accounts[income.type], fee, "movilab"),
            ("7588", -fee, None),
        ]
    paid = ZERO
    for payout in (p for p in registry.payouts if p.date.year == YEAR):
        expense = registry.expenses_by_id[payout.expense]
        if expense.commons != "movilab":
            continue
        paid += payout.amount
        expected = {"development": "611", "coordination": "6226"}.get(expense.category)
        account = "6571" if expense.type == "grant" else expected
        (entry,) = by_reference[payout.id]
        assert [(line.account, line.amount, line.project) for line in entry.lines] == [
            (account, payout.amount, "movilab"),
            ("512", -payout.amount, None),
        ]
    assert paid == D("11813.75")  # 4,200 + 60 h x 38 + 45.5 h x 42.50 + 1,400 + 2,000
    # The oldest money first: the payouts use up both co-financings, then part of the ADEME
    # subsidy (the reciprocity payments came after it and are untouched).
    (ademe,) = (i for i in incomes if i.source == "ADEME")
    ademe_net = ademe.amount - (ademe.amount * rate).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert net["co-financing"] < paid < net["co-financing"] + ademe_net
    carried = net["subsidy"] - (paid - net["co-financing"])
    assert carried == D("15786.25")
    (year_end,) = by_reference["fonds-dedies-movilab-2026"]
    assert year_end.date == datetime.date(YEAR, 12, 31) and year_end.journal == "OD"
    assert [(line.account, line.amount) for line in year_end.lines] == [
        ("6894", carried),
        ("194", -carried),
    ]


def test_the_next_year_takes_back_the_dedicated_funds_it_uses(example_copy: Path) -> None:
    """2027: the approved search engine (3,000.00, committed at the end of 2026) is paid in
    February. The oldest money first: it uses what was carried of the subsidies, so at 31
    December 2027 the books take 3,000.00 back from 194 to 7894, and 194 keeps the rest of the
    15,786.25 carried in 2026, as the fund's own unspent subsidies say. The year's one income,
    Movilab's share of the SCIC's gift for 2026 (261.37, paid in January), is a gift: what is
    left of it after the host fee (8 %: 20.91) is carried to 196 through 6896."""
    _write(
        example_copy,
        "funds/payouts/2027/2027-02-15-2026-11-16-movilab-studio-lumen.yaml",
        "kind: payout\nid: 2027-02-15-2026-11-16-movilab-studio-lumen\n"
        "expense: 2026-11-16-movilab-studio-lumen\ndate: 2027-02-15\namount: 3000.00\n"
        'reference: "VIR MOVILAB 2027-02-A"\n',
    )
    registry = _registry(example_copy)
    chart = chart_for(registry.workspace)
    journal = year_journal(registry, chart, "tiers-lieux-hdf", 2027)
    (year_end,) = [e for e in journal.entries if e.reference == "fonds-dedies-movilab-2027"]
    assert [(line.account, line.amount) for line in year_end.lines] == [
        ("194", D("3000.00")),
        ("7894", D("-3000.00")),
        ("6896", D("240.46")),
        ("196", D("-240.46")),
    ]
    fund = compute_funds(registry)["movilab"]
    (gift,) = [i for i in fund.incomes if i.date.year == 2027]
    assert (gift.amount, gift.host_fee) == (D("261.37"), D("20.91"))
    left = movements.dedicated_balances(registry, fund, datetime.date(2027, 12, 31))
    assert left[movements.DEDICATED["subsidy"]] == D("15786.25") - D("3000.00")
