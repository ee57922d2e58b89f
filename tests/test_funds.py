"""Hosted funds: the fund's figures computed by hand, reciprocity payments as income, the host
fee, and the commands `income`, `expense`, `approve`, `payout` and `funds` as a user types them."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES
from typer.testing import CliRunner

from commons_contracts.books.chart import chart_for
from commons_contracts.books.movements import hosts, payment_entries
from commons_contracts.cli import app
from commons_contracts.funds.fund import compute_funds, fund_summaries
from commons_contracts.ledger.allocation import payment_values
from commons_contracts.ledger.reversal import ReversalTerms
from commons_contracts.registry.model import Declaration, Payment
from commons_contracts.registry.versions import hosting_terms_on
from commons_contracts.validation.validate import validate_registry

D = Decimal
DAY = datetime.date


def _funds_json(runner: CliRunner, root: Path, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["funds", "-r", str(root), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, list)
    return document


def _run(runner: CliRunner, root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "-r", str(root)])
    return result.exit_code, result.stdout, result.stderr


# --- the example registry's year of Movilab, by hand ---------------------------------------


def test_movilab_fund_at_the_end_of_2026_by_hand(runner: CliRunner) -> None:
    """Income 4,000 + 6,000 (co-financing) + 12,000 (ADEME) + 8,000 (Région) + 285.00 and
    144.17 (Alice's Q1 and Q2 reversals excl. VAT) = 30,429.17; host fee 8 % income by income:
    320 + 480 + 960 + 640 + 22.80 + 11.53 (11.5336) = 2,434.33; payouts 4,200 + 2,280 (60 h at
    38) + 1,933.75 (45.5 h at 42.50) + 1,400 (coordination) + 2,000 (grant) = 11,813.75;
    available 30,429.17 - 2,434.33 - 11,813.75 = 16,181.09, of which 3,000 committed (the
    approved, unpaid invoice of November)."""
    (movilab,) = _funds_json(runner, EXAMPLES, "--commons", "movilab", "--as-of", "2026-12-31")
    assert movilab == {
        "commons": "movilab",
        "as_of": "2026-12-31",
        "income": {
            "total": "30429.17",
            "by_type": {
                "co-financing": "10000.00",
                "subsidy": "20000.00",
                "donation": "0.00",
                "reciprocity": "429.17",
                "other": "0.00",
            },
        },
        "host_fee": "2434.33",
        "paid_out": {
            "total": "11813.75",
            "by_category": {
                "development": "8413.75",
                "coordination": "1400.00",
                "other": "2000.00",
            },
        },
        "committed": "3000.00",
        "available": "16181.09",
    }


def test_movilab_fund_on_given_days_by_hand(runner: CliRunner) -> None:
    """Balances on given days: the day before and the day of a movement."""
    expected = {
        # Only the co-financing of 10 February: 4,000 - 320.
        "2026-02-10": ("3680.00", "0.00"),
        # Both co-financings and ADEME: 22,000 - 1,760 = 20,240; Studio Lumen's invoice of
        # 4,200 approved on 2 and 3 April: committed from the second approval.
        "2026-04-02": ("20240.00", "0.00"),
        "2026-04-03": ("20240.00", "4200.00"),
        # Paid on 10 April: 16,040, nothing committed.
        "2026-04-10": ("16040.00", "0.00"),
        # Alice's Q1 payment of 24 April: 342.00 incl. VAT, 285.00 excl. VAT, fee 22.80.
        "2026-04-24": ("16302.20", "0.00"),
    }
    for day, (available, committed) in expected.items():
        (fund,) = _funds_json(runner, EXAMPLES, "--commons", "movilab", "--as-of", day)
        assert (fund["available"], fund["committed"]) == (available, committed), day


def test_funds_json_equals_the_library_result(runner: CliRunner) -> None:
    """The command's JSON is the library's result, for every commons."""
    printed = _funds_json(runner, EXAMPLES, "--as-of", "2026-12-31")
    registry = validate_registry(EXAMPLES).registry
    assert registry is not None
    summaries = fund_summaries(registry, DAY(2026, 12, 31))
    assert printed == [summary.as_json() for summary in summaries]
    assert [entry["commons"] for entry in printed] == ["boussole", "cahier-activites", "movilab"]


def test_boussole_receives_its_reversals_excl_vat(runner: CliRunner) -> None:
    """L'Atelier des communs paid 84.00 and 624.00 incl. VAT at 20 %: 70.00 + 520.00 = 590.00
    excl. VAT, host fee 5.60 + 41.60 = 47.20."""
    (boussole,) = _funds_json(runner, EXAMPLES, "--commons", "boussole", "--as-of", "2026-12-31")
    assert boussole["income"] == {
        "total": "590.00",
        "by_type": {
            "co-financing": "0.00",
            "subsidy": "0.00",
            "donation": "0.00",
            "reciprocity": "590.00",
            "other": "0.00",
        },
    }
    assert (boussole["host_fee"], boussole["available"]) == ("47.20", "542.80")


def test_funds_csv_and_text(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """CSV has one row per commons with exact amounts; the text table reads French figures."""
    monkeypatch.setenv("LANGUAGE", "fr")  # its tables, in French as its users read them
    code, out, _ = _run(runner, EXAMPLES, "funds", "--as-of", "2026-12-31", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    movilab = next(row for row in rows if row["commons"] == "movilab")
    assert movilab["income_co_financing"] == "10000.00"
    assert movilab["paid_out_coordination"] == "1400.00"
    assert movilab["available"] == "16181.09"
    code, out, _ = _run(runner, EXAMPLES, "funds", "--as-of", "2026-12-31", "--commons", "movilab")
    assert code == 0
    assert "Movilab : fonds hébergé par Réseau des tiers-lieux des Hauts-de-France" in out
    assert "16\u202f181,09" in out
    assert "13\u202f181,09" in out  # free: available less committed


def test_unknown_commons_is_a_usage_error_with_a_suggestion(runner: CliRunner) -> None:
    code, _, err = _run(runner, EXAMPLES, "funds", "--commons", "movilb")
    assert code == 2
    assert "no commons with id 'movilb' (did you mean 'movilab'?)" in err


# --- reciprocity payments as income ---------------------------------------------------------


def _declaration(record_id: str, day: DAY, amount: str, shares: dict[str, int]) -> Declaration:
    return Declaration(
        id=record_id,
        contract="c",
        date=day,
        amount_excl_tax=D(amount),
        commons_shares={k: D(v) for k, v in shares.items()},
    )


def test_a_payment_is_split_as_the_dues_it_settles() -> None:
    """5 % with VAT 20 %, two commons. Q1: 1,000 declared 70/30, due 50.00 (35.00 + 15.00),
    60.00 incl. VAT. Q2: 1,000 declared 50/50, due 50.00 (25.00 + 25.00), 60.00 incl. VAT.
    A payment of 30.00 in February settles half of Q1: 25.00 excl. VAT, 17.50 and 7.50.
    A payment of 100.00 in May settles the rest of Q1 (30.00: 17.50 + 7.50), all of Q2 (25.00 +
    25.00) and leaves 10.00 beyond every due: 8.3333 excl. VAT, split as the dues so far (60/40):
    5.00 + 3.3333. So 83.3333 rounds to 83.33, split 47.50 and 35.8333, which the largest
    remainder makes 47.50 and 35.83."""
    terms = ReversalTerms.flat(
        D(5), commons=("a", "b"), period="quarter", payment_days=30, vat_rate_percent=D(20)
    )
    declarations = [
        _declaration("d1", DAY(2026, 1, 10), "1000.00", {"a": 70, "b": 30}),
        _declaration("d2", DAY(2026, 4, 10), "1000.00", {"a": 50, "b": 50}),
    ]
    payments = [
        Payment(id="p2", contract="c", date=DAY(2026, 5, 1), amount=D("100.00")),
        Payment(id="p1", contract="c", date=DAY(2026, 2, 1), amount=D("30.00")),
    ]
    values = payment_values(terms, declarations, payments, DAY(2026, 12, 31))
    assert dict(values["p1"].excl_tax_by_commons) == {"a": D("17.50"), "b": D("7.50")}
    assert values["p1"].vat == D("5.00")
    assert dict(values["p2"].excl_tax_by_commons) == {"a": D("47.50"), "b": D("35.83")}
    assert values["p2"].vat == D("16.67")


def test_a_payment_before_any_declaration_goes_to_the_commons_in_equal_parts() -> None:
    """Nothing is due yet: 12.00 incl. VAT at 20 % is 10.00, split equally (5.00 + 5.00)."""
    terms = ReversalTerms.flat(
        D(5), commons=("a", "b"), period="quarter", payment_days=30, vat_rate_percent=D(20)
    )
    payment = Payment(id="p", contract="c", date=DAY(2026, 1, 2), amount=D("12.00"))
    values = payment_values(terms, [], [payment], DAY(2026, 12, 31))
    assert dict(values["p"].excl_tax_by_commons) == {"a": D("5.00"), "b": D("5.00")}


def test_reciprocity_parts_add_up_to_the_payments_excl_vat() -> None:
    """Over the example registry, each commons' reciprocity income is the sum of its parts,
    and for a single-commons contract at 20 % VAT the parts are exactly the dues settled."""
    registry = validate_registry(EXAMPLES).registry
    assert registry is not None
    funds = compute_funds(registry)
    alice = [i for i in funds["movilab"].incomes if i.contract == "reciprocite-alice-movilab"]
    assert [(i.id, i.amount, i.host_fee) for i in alice] == [
        ("2026-04-24-alice-q1", D("285.00"), D("22.80")),
        ("2026-07-28-alice-q2", D("144.17"), D("11.53")),
    ]


def test_the_funds_reciprocity_income_is_what_the_books_credit_each_commons() -> None:
    """The fund and the host's books count a reciprocity payment the same way: for each
    payment of the example registry, the books' income lines per commons (the analytic project)
    are the fund's reciprocity incomes, for the commons that the contract's host hosts on the
    payment's date (a part for a commons hosted elsewhere is in no fund of this host)."""
    registry = validate_registry(EXAMPLES).registry
    assert registry is not None
    fund_parts = {
        (income.id, commons_id): income.amount
        for commons_id, fund in compute_funds(registry).items()
        for income in fund.incomes
        if income.type == "reciprocity"
    }
    payments = {payment.id: payment for payment in registry.payments}
    books_parts: dict[tuple[str, str], Decimal] = {}
    chart = chart_for(registry.workspace)
    years = {payment.date.year for payment in registry.payments}
    for host in hosts(registry):
        for year in sorted(years):
            for entry in payment_entries(registry, chart, host.id, year):
                payment = payments[entry.reference]
                contract = registry.contracts[payment.contract]
                for line in entry.lines:
                    if line.project is None:
                        continue
                    hosting = hosting_terms_on(registry, line.project, payment.date)
                    if hosting is not None and hosting.host == contract.host:
                        key = (entry.reference, line.project)
                        books_parts[key] = books_parts.get(key, D(0)) + line.credit - line.debit
    # A payment on an invoiced contract settles the actor's account (411) in the books: its
    # revenue per commons was entered when the period was invoiced (tests/test_invoices.py),
    # so only the payments of contracts without invoices are compared line by line here.
    invoiced = {invoice.contract for invoice in registry.invoices}
    compared = {k: v for k, v in fund_parts.items() if payments[k[0]].contract not in invoiced}
    in_books = {k: v for k, v in books_parts.items() if payments[k[0]].contract not in invoiced}
    assert len(compared) >= 3
    assert compared == in_books


# --- the commands as a user types them -----------------------------------------------------

IBAN = "FR76 1470 7000 1000 0456 7890 186"


def test_income_expense_approve_payout_on_the_starter(runner: CliRunner, starter: Path) -> None:
    """The host's week on the starter registry: a donation comes in, an expense by the hour is
    decided, approved by the commons' representative and paid in full by default. Each command
    writes one new file where `validate` finds it, and the fund follows, by hand: income 3,000
    (the subsidy) + 110.00 (the April reciprocity payment, without VAT) + 10.50 = 3,120.50; fee
    8 %: 240.00 + 8.80 + 0.84 = 249.64; payouts 800 + 12 h x 42.50 = 1,310.00; available
    3,120.50 - 249.64 - 1,310.00 = 1,560.86."""
    code, out, err = _run(
        runner, starter, "income", "--commons", "mon-commun", "--date", "2026-05-02",
        "--amount", "10.50", "--source", "Un donateur", "--type", "donation",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip().endswith("funds/income/2026/2026-05-02-mon-commun-un-donateur.yaml")
    code, out, err = _run(
        runner, starter, "expense", "--commons", "mon-commun", "--date", "2026-05-03",
        "--payee", "Léa Martin", "--iban", IBAN, "--description", "Relecture du guide",
        "--type", "hours", "--hours", "12", "--hourly-rate", "42.50",
    )  # fmt: skip
    assert code == 0, err
    expense_id = "2026-05-03-mon-commun-lea-martin"
    assert out.strip().endswith(f"funds/expenses/2026/{expense_id}.yaml")
    code, _, err = _run(runner, starter, "payout", expense_id, "--date", "2026-05-04")
    assert code == 1
    assert "payout-not-approved" in err and "nothing was written" in err
    code, out, err = _run(
        runner, starter, "approve", expense_id, "--by", "camille.durand@example.org",
        "--date", "2026-05-04", "--comment", "cercle du 4 mai",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip().endswith(f"funds/approvals/{expense_id}-camille-durand.yaml")
    code, out, err = _run(runner, starter, "payout", expense_id, "--date", "2026-05-05")
    assert code == 0, err
    written = Path(out.strip())
    assert written.name == f"2026-05-05-{expense_id}.yaml"
    assert "amount: 510.00" in written.read_text(encoding="utf-8")
    code, _, err = _run(runner, starter, "payout", expense_id, "--date", "2026-05-06")
    assert code == 1
    assert "paid in full" in err
    assert validate_registry(starter).diagnostics == []
    (fund,) = _funds_json(runner, starter, "--as-of", "2026-12-31")
    assert fund["income"] == {
        "total": "3120.50",
        "by_type": {
            "co-financing": "0.00",
            "subsidy": "3000.00",
            "donation": "10.50",
            "reciprocity": "110.00",
            "other": "0.00",
        },
    }
    assert fund["host_fee"] == "249.64"
    assert fund["paid_out"] == {
        "total": "1310.00",
        "by_category": {"development": "1310.00", "coordination": "0.00", "other": "0.00"},
    }
    assert (fund["committed"], fund["available"]) == ("0.00", "1560.86")


def test_the_host_fee_is_rounded_half_up_income_by_income(runner: CliRunner, starter: Path) -> None:
    """At 8.5 %: two donations of 0.06 owe 0.0051 each, 0.01 and 0.01 (not 0.01 on their sum,
    0.0102); 15.00 owes 1.275, 1.28 half-up. At 5 %: 0.06 owes 0.003, 0.00; 10.50 owes 0.525,
    0.53 half-up (half-even would give 0.52)."""
    contract = starter / "contracts" / "hebergement-mon-commun.yaml"
    text = contract.read_text(encoding="utf-8")
    contract.write_text(text.replace("host_fee_percent: 8 ", "host_fee_percent: 8.5 "), "utf-8")
    for day, amount in (("2026-06-01", "0.06"), ("2026-06-02", "0.06"), ("2026-06-03", "15.00")):
        code, _, err = _run(
            runner, starter, "income", "--commons", "mon-commun", "--date", day,
            "--amount", amount, "--source", "Un donateur", "--type", "donation",
        )  # fmt: skip
        assert code == 0, err
    (fund,) = _funds_json(runner, starter, "--as-of", "2026-12-31")
    # 3,000 x 8.5 % = 255.00; the April payment of 110.00, 9.35; 0.01 twice; 1.28.
    assert fund["host_fee"] == "265.65"
    contract.write_text(text.replace("host_fee_percent: 8 ", "host_fee_percent: 5 "), "utf-8")
    code, _, err = _run(
        runner, starter, "income", "--commons", "mon-commun", "--date", "2026-06-04",
        "--amount", "10.50", "--source", "Un donateur", "--type", "donation",
    )  # fmt: skip
    assert code == 0, err
    (fund,) = _funds_json(runner, starter, "--as-of", "2026-12-31")
    # 150.00 + 5.50 + 0.00 twice + 0.75 + 0.53.
    assert fund["host_fee"] == "156.78"


def test_refused_entries_write_nothing(runner: CliRunner, starter: Path) -> None:
    """An hourly rate outside the contract's range, a grant from a subsidy that may not be
    passed on, an approval by someone who is not a representative, a payout beyond the fund:
    each refused with its located reason, exit 1, and no file written."""
    before = sorted(p.relative_to(starter) for p in starter.rglob("*.yaml"))
    attempts = [
        (
            ["expense", "--commons", "mon-commun", "--date", "2026-05-03", "--payee", "Paul",
             "--iban", IBAN, "--description", "Relecture", "--type", "hours", "--hours", "3",
             "--hourly-rate", "60"],
            "rate-outside-range",
        ),
        (
            ["expense", "--commons", "mon-commun", "--date", "2026-05-03", "--payee", "Paul",
             "--iban", IBAN, "--description", "Aide", "--type", "grant", "--amount", "100",
             "--category", "other", "--funded-by", "2026-02-02-mon-commun-region-exemple"],
            "art. L. 1611-4 CGCT",
        ),
        (
            ["approve", "2026-03-02-mon-commun-lea-martin", "--by", "camile.durand@example.org",
             "--date", "2026-03-05"],
            "did you mean 'camille.durand@example.org'?",
        ),
        (
            ["payout", "2026-03-02-mon-commun-lea-martin", "--date", "2026-03-11",
             "--amount", "5000"],
            "fund-overdrawn",
        ),
        (
            ["income", "--commons", "mon-commun", "--date", "2026-05-02", "--amount", "10.505",
             "--source", "Un donateur", "--type", "donation"],
            "too-many-decimals",
        ),
    ]  # fmt: skip
    for arguments, reason in attempts:
        code, _, err = _run(runner, starter, *arguments)
        assert code == 1, arguments
        assert reason in err and "nothing was written" in err, err
        assert "Traceback" not in err
    assert sorted(p.relative_to(starter) for p in starter.rglob("*.yaml")) == before


def test_an_unknown_option_value_is_a_usage_error(runner: CliRunner, starter: Path) -> None:
    code, _, err = _run(
        runner, starter, "income", "--commons", "mon-commun", "--date", "2026-05-02",
        "--amount", "10", "--source", "X", "--type", "gift",
    )  # fmt: skip
    assert code == 2
    assert "gift" in err


# --- the README's host workflow, run as written ---------------------------------------------


def _readme_block(marker: str) -> str:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    after = readme.split(f"<!-- {marker}", 1)[1]
    return after.split("```", 2)[1].split("\n", 1)[1]


@pytest.mark.slow
def test_the_readmes_host_workflow_runs_as_written(tmp_path: Path) -> None:
    """The commands of the README's host workflow, typed in a shell on a copy of the example
    registry, succeed; `funds` prints what the README shows, and the annual report is a PDF
    when LibreOffice is installed (else the workflow stops at it, with the message that says
    what to install)."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    script = _readme_block("host-funds-workflow")
    if shutil.which("soffice") is None:  # pragma: no cover - CI installs LibreOffice
        script = script.replace("--format pdf", "--format docx")
    bin_dir = Path(sys.executable).parent
    # The README shows what its readers see: French, as the example registry's workspace says.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "LANGUAGE": "fr"}
    completed = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    shown = _readme_block("host-funds-output")
    assert shown in completed.stdout
    out = tmp_path / "examples" / "out"
    assert sorted(p.suffix for p in out.iterdir() if p.name.startswith("movilab.annual")) in (
        [".docx", ".pdf"],
        [".docx"],
    )


def test_the_host_fee_follows_the_hosting_contracts_amendments(
    runner: CliRunner, starter: Path
) -> None:
    """An amendment raising the host fee to 10 % from 1 April: the subsidy of 2 February keeps
    its 8 % (240.00), the reciprocity payment of 20 April (110.00) owes 10 % (11.00)."""
    amendment = starter / "amendments" / "hebergement-mon-commun-frais.yaml"
    amendment.write_text(
        "kind: amendment\nid: hebergement-mon-commun-frais\ncontract: hebergement-mon-commun\n"
        "number: 1\neffective_date: 2026-04-01\nrationale: Frais de gestion revus\n"
        "changes:\n  host_fee_percent: 10\n",
        encoding="utf-8",
    )
    (fund,) = _funds_json(runner, starter, "--as-of", "2026-12-31")
    assert fund["host_fee"] == "251.00"


def test_the_command_line_choices_are_the_schemas_enumerations() -> None:
    """The choices `income`, `expense` and `funds` offer are the schemas' own: the command
    line's enumerations mirror the schema, which is the source (a value added there must be
    added here, or this fails), and so do the categories and income types the fund counts."""
    from commons_contracts.cli import funds as funds_cli  # noqa: PLC0415
    from commons_contracts.funds.fund import CATEGORIES, INCOME_TYPES  # noqa: PLC0415
    from commons_contracts.registry.schemas import schema_files  # noqa: PLC0415

    def enum(kind: str, field: str) -> list[str]:
        return list(schema_files()[f"{kind}.schema.json"]["properties"][field]["enum"])

    assert [m.value for m in funds_cli.IncomeType] == enum("income", "type")
    assert [m.value for m in funds_cli.FunderType] == enum("income", "funder_type")
    assert [m.value for m in funds_cli.ExpenseType] == enum("expense", "type")
    assert [m.value for m in funds_cli.Category] == enum("expense", "category")
    assert list(CATEGORIES) == enum("expense", "category")
    assert [t for t in INCOME_TYPES if t != "reciprocity"] == enum("income", "type")
