"""Spreadsheet imports as a consultant or a host runs them: `declare --from` and `pay --from`
on real .ods and .xlsx files (made by LibreOffice Calc, or written here with openpyxl and
odfpy), a Windows-1252 CSV, a tab-separated file, a total row."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.core.dates import normalise_date_text
from commons_contracts.core.diagnostics import Code, Diagnostic, column_letter
from commons_contracts.core.money import (
    decimal_text,
    normalise_amount_text,
    normalise_percent_text,
)
from commons_contracts.ledger.balances import compute_balances
from commons_contracts.validation.spreadsheets import column_key
from commons_contracts.validation.validate import validate_registry

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "spreadsheets"
CONTRACT = "reciprocite-mon-acteur"
SHEET = "Factures 2026"
RULE = f"""imports:
  factures:
    records: declaration
    header_row: 3
    contract: {CONTRACT}
    skip:
      - column: Client
        matches: "total.*"
"""


def _with_rule(root: Path, rule: str = RULE) -> None:
    workspace = root / "commons-contracts.yaml"
    workspace.write_text(workspace.read_text(encoding="utf-8") + rule, encoding="utf-8")


def _declarations(root: Path) -> dict[str, str]:
    """Every new declaration's text, by file name (the starter's own left out)."""
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((root / "declarations").rglob("*.yaml"))
        if "mairie" not in path.name or "roubaix" in path.name
    }


def _amounts(root: Path) -> list[Decimal]:
    return sorted(
        Decimal(line.split(": ", 1)[1])
        for text in _declarations(root).values()
        for line in text.splitlines()
        if line.startswith("amount_excl_tax:")
    )


def _xlsx(path: Path, rows: list[list[object]], title: str = "Factures") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _ods(path: Path, rows: list[list[object]], title: str = "Factures") -> Path:
    document = OpenDocumentSpreadsheet()
    table = Table(name=title)
    for row in rows:
        table_row = TableRow()
        for value in row:
            if isinstance(value, float | int):
                cell = TableCell(valuetype="float", value=value)
            elif isinstance(value, datetime.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


@pytest.mark.parametrize("name", ["factures.ods", "factures.xlsx"])
def test_a_calc_invoice_list_with_a_rule(runner: CliRunner, starter: Path, name: str) -> None:
    """The LibreOffice file: the rule gives the header row, the contract and the total row to
    skip; French names, a date cell and French dates are read; computed amounts are exact."""
    _with_rule(starter)
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(FIXTURES / name), "--rules", "factures"]
    )
    assert result.exit_code == 0, result.output
    assert f"{FIXTURES / name}:{SHEET}:8: skipped: Client matches 'total.*'" in result.stderr
    assert len(result.stdout.splitlines()) == 4
    texts = _declarations(starter)
    first = texts["2026-11-04-reciprocite-mon-acteur-mairie-de-roubaix.yaml"]
    assert "date: 2026-11-04\n" in first
    assert "amount_excl_tax: 1500.50\n" not in first  # written as the cell says
    assert "amount_excl_tax: 1500.5\n" in first
    assert 'invoice_ref: "F-2026-101"' in first or "invoice_ref: F-2026-101" in first
    anct = texts["2026-11-05-reciprocite-mon-acteur-anct.yaml"]
    assert 'invoice_ref: "102"' in anct  # a number cell, kept as the text it shows
    assert 'client: "Dupont & Fils"' in texts["2026-11-07-reciprocite-mon-acteur-dupont-fils.yaml"]
    # 0.1, 0.2 and the formula =0.1+0.2 are read as 0.1, 0.2 and 0.3: with the 1500.5 they add
    # up to the sheet's own total row, 1501.1, to the cent.
    assert _amounts(starter) == [Decimal("0.1"), Decimal("0.2"), Decimal("0.3"), Decimal("1500.5")]
    assert sum(_amounts(starter)) == Decimal("1501.10")
    registry = validate_registry(starter).registry
    assert registry is not None
    balance = compute_balances(registry, datetime.date(2026, 12, 31), contract_id=CONTRACT)[0]
    q4 = next(p for p in balance.reversal.periods if p.period == "2026-Q4")
    assert q4.revenue_excl_tax == Decimal("1501.10")


@pytest.mark.parametrize("name", ["factures.ods", "factures.xlsx"])
def test_without_a_rule_problems_are_located_by_sheet_row_and_letter(
    runner: CliRunner, starter: Path, name: str
) -> None:
    """Without a rule the title row is taken as the header; with a header row but no skip
    rule the total row is an error at its cell; nothing is written either way."""
    path = FIXTURES / name
    before = sorted(starter.rglob("*"))
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT]
    )
    assert result.exit_code == 1
    assert f"{path}:{SHEET}:1:A: error unknown-column: unknown column 'Factures de" in result.stderr
    _with_rule(
        starter, RULE.replace('    skip:\n      - column: Client\n        matches: "total.*"\n', "")
    )
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "--rules", "factures"]
    )
    assert result.exit_code == 1
    assert f"{path}:{SHEET}:8:A: error empty-cell: the date of this row is empty" in result.stderr
    assert "nothing was written" in result.stderr
    assert sorted(p for p in starter.rglob("*") if p.name != "commons-contracts.yaml") == [
        p for p in before if p.name != "commons-contracts.yaml"
    ]


def test_an_excel_number_with_seventeen_digits_is_the_cent_it_shows(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """Excel stores =0.1+0.2 as 0.30000000000000004: it is read as 0.3, not refused or
    rounded elsewhere."""
    path = _xlsx(
        tmp_path / "excel.xlsx",
        [["date", "montant HT", "client"], [datetime.date(2026, 5, 4), 0.5, "ANCT"]],
    )
    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert b"<v>0.5</v>" in entries[sheet]
    entries[sheet] = entries[sheet].replace(b"<v>0.5</v>", b"<v>0.30000000000000004</v>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for filename, data in entries.items():
            target.writestr(filename, data)
    path.write_bytes(buffer.getvalue())
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT]
    )
    assert result.exit_code == 0, result.output
    assert "amount_excl_tax: 0.3\n" in Path(result.stdout.strip()).read_text()


@pytest.mark.parametrize("write", [_xlsx, _ods])
def test_bad_cells_are_located_and_nothing_is_written(
    runner: CliRunner, starter: Path, tmp_path: Path, write: object
) -> None:
    """A date that does not exist and an amount with a third decimal (a formula not rounded)
    are reported at their sheet, row and column letter, by the rules of validate."""
    assert callable(write)
    path = write(
        tmp_path / f"bad{'.xlsx' if write is _xlsx else '.ods'}",
        [
            ["Date", "Client", "Montant HT"],
            ["04/11/2026", "ANCT", 1200],
            ["31/02/2026", "Mairie", 100],
            [datetime.date(2026, 6, 1), "Région", 10 / 3],
        ],
    )
    before = sorted(starter.rglob("*"))
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if " error " in line]
    assert errors[0].startswith(f"{path}:Factures:3:A: error invalid-date: '2026-02-31'")
    assert errors[1].startswith(f"{path}:Factures:4:C: error too-many-decimals:")
    assert "3.33333333333333" in errors[1]
    assert sorted(starter.rglob("*")) == before


def test_a_windows_1252_csv_is_read_with_a_warning(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """Excel's CSV on Windows: read as Windows-1252, the warning quotes the first accented word
    so that a wrong guess shows; a rule saying so silences it."""
    path = tmp_path / "factures.csv"
    path.write_bytes(
        "Date;Montant HT;Client;Objet\n04/11/2026;1 500,50;Région;Atelier d’été\n".encode("cp1252")
    )
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT]
    )
    assert result.exit_code == 0, result.output
    assert f"{path}:2:21: warning legacy-encoding:" in result.stderr
    assert "where line 2 reads 'Région'" in result.stderr
    text = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "client: Région" in text or 'client: "Région"' in text
    assert '"Atelier d’été"' in text
    assert "amount_excl_tax: 1500.50" in text


def test_a_csv_in_neither_encoding_says_how_to_export_utf8(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """A byte that Windows-1252 does not define: refused at its place, with how to save UTF-8
    from LibreOffice and Excel."""
    path = tmp_path / "factures.csv"
    path.write_bytes(b"date;montant HT\n2026-11-04;12\x81\n")
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT]
    )
    assert result.exit_code == 1
    assert f"{path}:2:14: error unreadable-file:" in result.stderr
    assert "Unicode (UTF-8)" in result.stderr
    assert "CSV UTF-8" in result.stderr


def test_a_tab_separated_file_and_a_mapping_saved_in_the_registry(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """A copy from a spreadsheet is tab-separated; columns with the consultant's own names are
    mapped by a rule of the workspace, and a column of no use is ignored by name."""
    _with_rule(
        starter,
        f"""imports:
  alice:
    records: declaration
    contract: {CONTRACT}
    columns:
      Jour: date
      Total hors taxe: amount_excl_tax
      Statut: ignore
""",
    )
    path = tmp_path / "copie.tsv"
    path.write_text("Jour\tTotal hors taxe\tClient\tstatut\n2026-11-04\t1500,50\tANCT\tpayée\n")
    plain = runner.invoke(app, ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT])
    assert plain.exit_code == 1
    assert f"{path}:1:1: error unknown-column: unknown column 'Jour'" in plain.stderr
    assert "'ignore'" in plain.stderr
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "--rules", "alice"]
    )
    assert result.exit_code == 0, result.output
    assert "amount_excl_tax: 1500.50" in Path(result.stdout.strip()).read_text()


def test_header_problems(runner: CliRunner, starter: Path, tmp_path: Path) -> None:
    """Two columns giving the date, a misspelt French name with a suggestion, a missing
    amount column, and `montant` alone, which may include VAT on an invoice list."""
    path = tmp_path / "x.csv"
    path.write_text("Date;Date de facture;Montant HTT\n2026-11-04;2026-11-04;12\n")
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT]
    )
    assert result.exit_code == 1
    assert f"{path}:1:2: error duplicate-column: the columns 'Date' (A) and 'Date de facture'" in (
        result.stderr
    )
    assert "unknown column 'Montant HTT' (did you mean 'montant ht'?)" in result.stderr
    assert "needs a column 'amount_excl_tax' (or 'montant ht')" in result.stderr
    path.write_text("date;montant\n2026-11-04;12\n")
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT]
    )
    assert "unknown column 'montant'" in result.stderr


def test_sheets_rules_and_options_that_do_not_fit(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """An unknown sheet is located with a suggestion; an unknown rule, a payment rule given to
    declare and --rules without --from are usage errors (exit 2)."""
    path = FIXTURES / "factures.xlsx"
    args = ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT]
    result = runner.invoke(app, [*args, "--sheet", "Note"])
    assert result.exit_code == 1
    assert f"{path}:1:1: error unknown-sheet: no sheet 'Note' in the workbook (did you mean " in (
        result.stderr
    )
    _with_rule(starter, "imports:\n  banque:\n    records: payment\n")
    wrong = runner.invoke(app, [*args, "--rules", "banqe"])
    assert wrong.exit_code == 2
    assert "no import rule 'banqe' (did you mean 'banque'?)" in wrong.stderr
    other = runner.invoke(app, [*args, "--rules", "banque"])
    assert other.exit_code == 2
    assert "reads payments: use pay --from" in other.stderr
    alone = runner.invoke(app, ["declare", "-r", str(starter), "--rules", "banque"])
    assert alone.exit_code == 2
    unknown_type = tmp_path / "factures.pdf"
    unknown_type.write_bytes(b"%PDF")
    result = runner.invoke(app, ["declare", "-r", str(starter), "--from", str(unknown_type)])
    assert result.exit_code == 2
    assert "give a .csv, .ods or .xlsx file" in result.stderr


def test_a_broken_rule_is_an_error_of_validate(starter: Path) -> None:
    """A rule is part of the registry: a bad regular expression or an unknown field is located
    in commons-contracts.yaml like any error."""
    _with_rule(
        starter,
        "imports:\n  x:\n    records: declaration\n    columns:\n      Jour: jour\n"
        '    skip:\n      - column: Client\n        matches: "total("\n',
    )
    lines = (starter / "commons-contracts.yaml").read_text(encoding="utf-8").splitlines()
    codes = {(d.line, d.code.value) for d in validate_registry(starter).diagnostics}
    assert (lines.index("      Jour: jour") + 1, "invalid-value") in codes
    assert (lines.index('        matches: "total("') + 1, "invalid-format") in codes


def test_pay_from_a_bank_export_and_french_amounts_on_the_command_line(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """A host's bank export becomes payments; --amount takes 1 500,50 like a file does."""
    path = _ods(
        tmp_path / "banque.ods",
        [["Date", "Libellé", "Montant"], ["20/05/2026", "VIR MON ACTEUR T1", "126,00"]],
        title="Relevé",
    )
    result = runner.invoke(app, ["pay", "-r", str(starter), "--from", str(path), "-c", CONTRACT])
    assert result.exit_code == 0, result.output
    text = Path(result.stdout.strip()).read_text()
    assert "amount: 126.00" in text
    assert 'reference: "VIR MON ACTEUR T1"' in text
    declared = runner.invoke(
        app,
        ["declare", "-r", str(starter), "-c", CONTRACT, "-d", "2026-06-02", "--amount", "1 500,50"],
    )
    assert declared.exit_code == 0, declared.output
    assert "amount_excl_tax: 1500.50" in Path(declared.stdout.strip()).read_text()
    paid = runner.invoke(
        app, ["pay", "-r", str(starter), "-c", CONTRACT, "-d", "2026-06-03", "-a", "75,5"]
    )
    assert paid.exit_code == 0, paid.output
    assert "amount: 75.5" in Path(paid.stdout.strip()).read_text()
    ambiguous = runner.invoke(
        app, ["pay", "-r", str(starter), "-c", CONTRACT, "-d", "2026-06-03", "-a", "1,500"]
    )
    assert ambiguous.exit_code == 1
    assert "error wrong-type: 'amount' must be a number, not '1,500'" in ambiguous.stderr


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1500,50", "1500.50"),
        ("1 500,50", "1500.50"),
        ("1\u202f500,50\u00a0€", "1500.50"),
        ("−450,00", "-450.00"),
        ("-1 234 567,8", "-1234567.8"),
        ("1500.50", "1500.50"),
        ("1 500", "1500"),
        ("1,500", "1,500"),  # a thousands comma or three decimals: left for validation to refuse
        ("1.500,50", "1.500,50"),
        ("douze", "douze"),
    ],
)
def test_amounts_typed_the_french_way(typed: str, read: str) -> None:
    assert normalise_amount_text(typed) == read


def test_numbers_dates_and_names_as_a_person_writes_them() -> None:
    assert [normalise_percent_text(t) for t in ("7,5", "5 %", "7,5\u00a0%", "x")] == [
        "7.5",
        "5",
        "7.5",
        "x",
    ]
    assert decimal_text(0.1 + 0.2) == "0.3"
    assert decimal_text(1e16) == "10000000000000000"
    assert decimal_text(42.0) == "42"
    assert [
        normalise_date_text(t) for t in ("04/11/2026", "4/1/2026", "04.11.2026", "04/11/26")
    ] == [
        "2026-11-04",
        "2026-01-04",
        "2026-11-04",
        "04/11/26",
    ]
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
    cell = Diagnostic("f.xlsx", 4, 2, Code.INVALID_DATE, "bad", "$.date", sheet="Factures")
    assert cell.format_text() == "f.xlsx:Factures:4:B: error invalid-date: bad ($.date)"
    assert list(cell.as_json()) == [
        "path",
        "sheet",
        "line",
        "column",
        "severity",
        "code",
        "message",
        "json_path",
    ]
    assert column_key(" N° de  Facture ") == column_key("n de facture") == "n de facture"
    assert column_key("Montant (HT)") == "montant ht"


def test_a_rule_gives_the_separator_and_the_encoding(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """A header with more commas than semicolons is still read by semicolons when the rule
    says so, and a rule saying windows-1252 reads the file without a warning."""
    _with_rule(
        starter,
        f"""imports:
  compta:
    records: declaration
    contract: {CONTRACT}
    separator: semicolon
    encoding: windows-1252
    columns:
      Objet, détail: description
""",
    )
    path = tmp_path / "compta.csv"
    path.write_bytes(
        "Date;Objet, détail;Montant HT\n04/11/2026;Atelier, été;12,50\n".encode("cp1252")
    )
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "--rules", "compta"]
    )
    assert result.exit_code == 0, result.output
    assert "legacy-encoding" not in result.stderr
    text = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert 'description: "Atelier, été"' in text
    assert "amount_excl_tax: 12.50" in text


def test_a_control_character_in_a_cell_or_an_option_is_located_not_a_traceback(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """The loader refuses a control character in any text; a new record holding one is
    refused at the cell or option where it was typed, like any bad value."""
    path = tmp_path / "nul.csv"
    path.write_bytes(b"date;client;montant HT\n2026-05-04;Mai\x01rie;12\n")
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--from", str(path), "-c", CONTRACT]
    )
    assert result.exit_code == 1
    assert f"{path}:2:2: error unsafe-character:" in result.stderr
    typed = runner.invoke(
        app,
        [
            "declare",
            "-r",
            str(starter),
            "-c",
            CONTRACT,
            "-d",
            "2026-05-04",
            "-a",
            "1",
            "--client",
            "a\x1bb",
        ],
    )
    assert typed.exit_code == 1
    assert "<command line>:1:1: error unsafe-character:" in typed.stderr
