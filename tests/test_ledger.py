"""Declare, pay and balance, through the command line as a user types them."""

from __future__ import annotations

import csv
import datetime
import io
import json
import multiprocessing
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import EXAMPLES
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.ledger.balances import balances_as_json, compute_balances
from commons_contracts.validation.entries import add_records, declaration_draft
from commons_contracts.validation.validate import validate_registry

CONTRACT = "reciprocite-mon-acteur"


def _balance_json(runner: CliRunner, root: Path, *args: str) -> dict:
    result = runner.invoke(app, ["balance", "-r", str(root), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_balance_json_equals_the_library_result(runner: CliRunner) -> None:
    """The CLI's JSON is exactly the library's result for the same date."""
    printed = _balance_json(runner, EXAMPLES, "--as-of", "2026-11-28")
    registry = validate_registry(EXAMPLES).registry
    assert registry is not None
    day = datetime.date(2026, 11, 28)
    assert printed == json.loads(json.dumps(balances_as_json(compute_balances(registry, day), day)))


def test_balance_of_the_example_registry_by_hand(runner: CliRunner) -> None:
    """Figures of the example registry, computed by hand."""
    document = _balance_json(runner, EXAMPLES, "--as-of", "2026-11-28")
    contracts = {c["contract"]: c for c in document["contracts"]}
    alice = contracts["reciprocite-alice-movilab"]
    # Q1: 4500 + 1200 = 5700 at 5 % = 285.00, VAT 20 % = 57.00, 342.00 paid on 24 April.
    assert alice["periods"][0] == {
        "period": "2026-Q1",
        "revenue_excl_tax": "5700.00",
        "due_excl_tax": "285.00",
        "vat": "57.00",
        "due_incl_tax": "342.00",
        "paid": "342.00",
        "outstanding": "0.00",
        # Invoiced on 3 April (RC-0001): due 30 days after the invoice, not after the quarter.
        "payment_due_date": "2026-05-03",
        "overdue": False,
        "amendments": [],
    }
    # Q2: 3333.33 - 450 (credit note) = 2883.33; D(8583.33) - D(5700) = 429.17 - 285 = 144.17.
    assert alice["periods"][1]["due_excl_tax"] == "144.17"
    # Q3 (2100 -> 105 + 21 VAT = 126) is unpaid and past 30 October: overdue.
    assert alice["periods"][2]["overdue"] is True
    assert alice["overdue"] == "126.00"
    atelier = contracts["reciprocite-atelier-boussole"]
    # Q3 crosses the 20,000 tier: 12,800 -> 22,200 owes 5 % of 7,200 + 3 % of 2,200 = 426.00.
    assert atelier["periods"][2]["due_excl_tax"] == "426.00"
    shared = contracts["reciprocite-scic-communs"]
    # 2.5 % of 8400 split 70/30 and of 9150 split 50/50.
    assert shared["by_commons"] == {"cahier-activites": "177.38", "movilab": "261.37"}


def test_a_donation_is_never_overdue(
    runner: CliRunner, example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example donation's indicative amount for 2026 (438.75, "due" on 1 March 2027 if it
    were owed), without the gift the example registry records in January 2027, is still
    outstanding in June 2027, and not late: a gift is free. The royalty of the same registry,
    unpaid past its due date, is."""
    monkeypatch.setenv("LANGUAGE", "fr")  # its tables, in French as its users read them
    for folder in ("payments/2027", "receipts/2027"):
        for path in (example_copy / folder).glob("*.yaml"):
            path.unlink()
    document = _balance_json(runner, example_copy, "--as-of", "2027-06-30")
    contracts = {c["contract"]: c for c in document["contracts"]}
    gift = contracts["reciprocite-scic-communs"]
    assert gift["periods"][0]["payment_due_date"] == "2027-03-01"
    assert gift["periods"][0]["outstanding"] == "438.75"
    assert gift["periods"][0]["overdue"] is False
    assert gift["overdue"] == "0.00"
    assert contracts["reciprocite-alice-movilab"]["overdue"] == "441.00"
    table = runner.invoke(app, ["balance", "-r", str(EXAMPLES), "--as-of", "2027-06-30"])
    assert table.exit_code == 0, table.output
    gift_table = table.stdout.split("reciprocite-scic-communs")[1]
    assert "2027-03-01 !" not in gift_table
    assert "En retard\u00a0: 0,00\u00a0€" in gift_table


def test_as_of_ignores_later_records_and_filters(runner: CliRunner) -> None:
    """--as-of cuts declarations and payments after it; --contract and --actor filter."""
    document = _balance_json(runner, EXAMPLES, "--as-of", "2026-03-31", "--actor", "alice-conseil")
    assert [c["contract"] for c in document["contracts"]] == ["reciprocite-alice-movilab"]
    assert [p["period"] for p in document["contracts"][0]["periods"]] == ["2026-Q1"]
    assert document["contracts"][0]["paid"] == "0.00"
    one = _balance_json(runner, EXAMPLES, "--as-of", "2026-12-31", "-c", "reciprocite-scic-communs")
    assert [c["contract"] for c in one["contracts"]] == ["reciprocite-scic-communs"]


def test_balance_csv_and_text(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """CSV has one row per period with the documented columns; text is a readable table."""
    monkeypatch.setenv("LANGUAGE", "fr")  # its tables, in French as its users read them
    result = runner.invoke(
        app, ["balance", "-r", str(EXAMPLES), "--as-of", "2026-11-28", "-f", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 9
    assert rows[0]["due_incl_tax"] == "342.00"
    text = runner.invoke(app, ["balance", "-r", str(EXAMPLES), "--as-of", "2026-11-28"]).stdout
    assert "2026-10-30 !" in text
    assert "Solde\u00a0: 441,00\u00a0€. En retard\u00a0: 126,00\u00a0€." in text


def test_balance_usage_errors(runner: CliRunner) -> None:
    """A bad date or an unknown contract is a usage error (exit 2)."""
    assert (
        runner.invoke(app, ["balance", "-r", str(EXAMPLES), "--as-of", "2026-13-01"]).exit_code == 2
    )
    assert runner.invoke(app, ["balance", "-r", str(EXAMPLES), "-c", "nope"]).exit_code == 2


def test_balance_refuses_a_registry_with_errors(runner: CliRunner, starter: Path) -> None:
    """Nothing is computed from a registry with errors: exit 1 with its problems."""
    (starter / "payments" / "2026" / "2026-04-20-mon-acteur.yaml").write_text("kind: payment\n")
    result = runner.invoke(app, ["balance", "-r", str(starter)])
    assert result.exit_code == 1
    assert "missing-field" in result.stderr


def test_declare_pay_then_balance(runner: CliRunner, starter: Path) -> None:
    """A consultant declares, the host records a payment, the balance shows both."""
    result = runner.invoke(
        app,
        [
            "declare",
            "-r",
            str(starter),
            "--contract",
            CONTRACT,
            "--date",
            "2026-11-20",
            "--amount",
            "3000.00",
            "--client",
            "Dupont & Fils <SARL>",
            "--invoice-ref",
            "0042",
        ],
    )
    assert result.exit_code == 0, result.output
    written = Path(result.stdout.strip())
    assert written.parent == starter / "declarations" / "2026"
    text = written.read_text()
    assert 'client: "Dupont & Fils <SARL>"' in text
    assert 'invoice_ref: "0042"' in text
    assert "amount_excl_tax: 3000.00" in text
    paid = runner.invoke(
        app, ["pay", "-r", str(starter), "-c", CONTRACT, "-d", "2026-12-01", "-a", "100"]
    )
    assert paid.exit_code == 0, paid.output
    assert validate_registry(starter).diagnostics == []
    document = _balance_json(runner, starter, "--as-of", "2026-12-31")
    periods = {p["period"]: p for p in document["contracts"][0]["periods"]}
    # 4200 (Q1) then 3000: D(7200) = 5 % of 5200 = 260.00 -> Q4 owes 260 - 110 = 150.00.
    assert periods["2026-Q1"]["due_excl_tax"] == "110.00"
    assert periods["2026-Q4"]["due_excl_tax"] == "150.00"
    assert document["contracts"][0]["paid"] == "210.00"


def test_declare_refuses_bad_values_and_writes_nothing(runner: CliRunner, starter: Path) -> None:
    """Each bad value is reported; no file is created."""
    before = sorted(starter.rglob("*"))
    result = runner.invoke(
        app,
        [
            "declare",
            "-r",
            str(starter),
            "-c",
            CONTRACT,
            "-d",
            "2026-02-30",
            "-a",
            "12.345",
        ],
    )
    assert result.exit_code == 1
    assert "<command line>:1:1: error invalid-date:" in result.stderr
    assert "error too-many-decimals:" in result.stderr
    assert sorted(starter.rglob("*")) == before


def test_declare_outside_the_contract_and_on_an_unknown_contract(
    runner: CliRunner, starter: Path
) -> None:
    """The same rules as validate apply to what is about to be written."""
    late = runner.invoke(
        app, ["declare", "-r", str(starter), "-c", CONTRACT, "-d", "2028-01-02", "-a", "10"]
    )
    assert "error date-outside-contract:" in late.stderr
    unknown = runner.invoke(
        app,
        [
            "declare",
            "-r",
            str(starter),
            "-c",
            "reciprocite-mon-acteu",
            "-d",
            "2026-05-02",
            "-a",
            "10",
        ],
    )
    assert "did you mean 'reciprocite-mon-acteur'?" in unknown.stderr
    assert late.exit_code == unknown.exit_code == 1


def test_declare_without_required_options_is_a_usage_error(
    runner: CliRunner, starter: Path
) -> None:
    """--contract, --date and --amount are needed unless --csv is given."""
    assert runner.invoke(app, ["declare", "-r", str(starter), "-c", CONTRACT]).exit_code == 2


def test_same_declaration_twice_gets_a_second_id(starter: Path) -> None:
    """Ids stay unique: the second identical declaration is suffixed, nothing is overwritten."""
    draft = declaration_draft(CONTRACT, "2026-06-01", "10", client="Mairie")
    first = add_records(starter, [draft]).written
    second = add_records(starter, [draft]).written
    assert [p.name for p in first + second] == [
        "2026-06-01-reciprocite-mon-acteur-mairie.yaml",
        "2026-06-01-reciprocite-mon-acteur-mairie-2.yaml",
    ]


def _declare_in_a_process(arguments: tuple[str, int]) -> str:
    root, index = arguments
    result = add_records(
        Path(root), [declaration_draft(CONTRACT, "2026-06-02", f"{index}.00", client="Client")]
    )
    return result.written[0].name


@pytest.mark.slow
def test_two_processes_declaring_at_once_lose_nothing(starter: Path) -> None:
    """Eight processes declaring the same thing at once: eight files, eight ids."""
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        names = pool.map(_declare_in_a_process, [(str(starter), i) for i in range(1, 9)])
    assert len(set(names)) == 8
    amounts = sorted(
        int(Decimal(line.split(": ")[1]))
        for path in (starter / "declarations" / "2026").glob("2026-06-02-*.yaml")
        for line in path.read_text().splitlines()
        if line.startswith("amount_excl_tax")
    )
    assert amounts == list(range(1, 9))
    assert validate_registry(starter).ok


CSV_HEADER = "date;amount_excl_tax;client;description;invoice_ref\n"


def test_declare_csv_writes_every_row(runner: CliRunner, starter: Path, tmp_path: Path) -> None:
    """A semicolon export from a spreadsheet: one record per row."""
    export = tmp_path / "factures.csv"
    export.write_text(
        CSV_HEADER + "2026-05-04;1200.00;ANCT;Atelier;F-1\n2026-06-10;800;Mairie;Suivi;F-2\n"
    )
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--csv", str(export), "-c", CONTRACT]
    )
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


def test_declare_csv_is_all_or_nothing_with_located_errors(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """Two bad rows among good ones: each located at its line and column, nothing written (an
    English thousands comma is refused, never read as a decimal comma)."""
    export = tmp_path / "factures.csv"
    export.write_text(
        "contract,date,amount_excl_tax,client\n"
        f"{CONTRACT},2026-05-04,1200.00,ANCT\n"
        f"{CONTRACT},2026-05-32,100,Mairie\n"
        f'{CONTRACT},2026-06-01,"1,200.50",Région\n'
    )
    before = sorted(starter.rglob("*"))
    result = runner.invoke(app, ["declare", "-r", str(starter), "--csv", str(export)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if " error " in line]
    assert lines[0].startswith(f"{export}:3:2: error invalid-date:")
    assert lines[1].startswith(f"{export}:4:3: error wrong-type:")
    assert sorted(starter.rglob("*")) == before


def test_declare_csv_with_an_unknown_column(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """A misspelt header is located at its column."""
    export = tmp_path / "x.csv"
    export.write_text("contract,date,montant\n")
    result = runner.invoke(app, ["declare", "-r", str(starter), "--csv", str(export)])
    assert result.exit_code == 1
    assert f"{export}:1:3: error unknown-column:" in result.stderr


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1))
def test_totals_do_not_depend_on_the_order_files_are_read(example_copy: Path, seed: int) -> None:
    """Renaming declaration files (which changes the reading order) changes no figure."""
    registry = validate_registry(example_copy).registry
    assert registry is not None
    day = datetime.date(2026, 12, 31)
    expected = balances_as_json(compute_balances(registry, day), day)
    folder = example_copy / "declarations" / "2026"
    files = sorted(folder.iterdir())
    names = [f"{random.Random(seed).random()}-{i}" for i in range(len(files))]
    random.Random(seed).shuffle(names)
    for path, name in zip(files, names, strict=True):
        path.rename(folder / f"{name}.yaml")
    shuffled = validate_registry(example_copy).registry
    assert shuffled is not None
    assert balances_as_json(compute_balances(shuffled, day), day) == expected
    for path, original in zip(
        sorted(folder.iterdir(), key=lambda p: names.index(p.stem)), files, strict=True
    ):
        path.rename(original)


def test_statement_command_writes_the_period_statement(runner: CliRunner, tmp_path: Path) -> None:
    """`statement ID --period P` writes `<id>.<period>.<lang>.docx`; an unknown period is a
    usage error naming the periods that exist."""
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "statement",
            "reciprocite-alice-movilab",
            "--period",
            "2026-Q3",
            "-r",
            str(EXAMPLES),
            "--as-of",
            "2026-11-28",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()) == out / "reciprocite-alice-movilab.2026-Q3.fr.docx"
    missing = runner.invoke(
        app,
        [
            "statement",
            "reciprocite-alice-movilab",
            "-p",
            "2026-Q2",
            "-r",
            str(EXAMPLES),
            "--as-of",
            "2026-02-01",
            "-o",
            str(out / "none"),
        ],
    )
    assert missing.exit_code == 2
    assert "periods with declarations: 2026-Q1" in missing.stderr
    assert not (out / "none").exists()


def test_the_same_csv_twice_is_refused_and_a_repeated_payment_warned(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """Re-running an import would count revenue twice: the second run is refused."""
    export = tmp_path / "factures.csv"
    export.write_text(CSV_HEADER + "2026-05-04;1200.00;ANCT;Atelier;F-1\n")
    args = ["declare", "-r", str(starter), "--csv", str(export), "-c", CONTRACT]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 1
    assert f"{export}:2:5: error duplicate-invoice:" in again.stderr
    pay = [
        "pay",
        "-r",
        str(starter),
        "-c",
        CONTRACT,
        "-d",
        "2026-06-01",
        "-a",
        "10",
        "--reference",
        "V1",
    ]
    assert runner.invoke(app, pay).exit_code == 0
    second = runner.invoke(app, pay)
    assert second.exit_code == 0
    assert "warning possible-duplicate:" in second.stderr


def test_csv_from_a_french_spreadsheet_and_malformed_rows(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    """Semicolons and decimal commas are read; a repeated column and a row with surplus cells
    are located errors, and nothing is written."""
    export = tmp_path / "factures.csv"
    export.write_text(CSV_HEADER + "2026-05-04;1\u202f200,50;ANCT;Atelier;F-9\n", encoding="utf-8")
    result = runner.invoke(
        app, ["declare", "-r", str(starter), "--csv", str(export), "-c", CONTRACT]
    )
    assert result.exit_code == 0, result.output
    assert "amount_excl_tax: 1200.50" in Path(result.stdout.strip()).read_text()
    bad = tmp_path / "bad.csv"
    bad.write_text("date,date,amount_excl_tax\n2026-05-04,x,10,extra\n")
    before = sorted(starter.rglob("*"))
    result = runner.invoke(app, ["declare", "-r", str(starter), "--csv", str(bad), "-c", CONTRACT])
    assert result.exit_code == 1
    assert f"{bad}:1:2: error duplicate-column:" in result.stderr
    assert sorted(starter.rglob("*")) == before


def test_declare_on_a_contract_not_fully_signed_warns(runner: CliRunner, starter: Path) -> None:
    """The warning reaches the consultant declaring, even after earlier declarations."""
    (starter / "signatures" / "reciprocite-mon-acteur-host.yaml").unlink()
    args = ["declare", "-r", str(starter), "-c", CONTRACT, "-d", "2026-06-03", "-a", "10"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "warning contract-not-signed: 2 declaration(s)" in result.stderr
