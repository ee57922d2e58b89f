"""Everyday use through the command line as a user types it: voiding a record, JSON output of
the record writers and of their errors, amounts written the French way."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_contracts.cli.app import app
from commons_contracts.ledger.balances import compute_balances
from commons_contracts.validation.validate import validate_registry

CONTRACT = "reciprocite-alice-movilab"


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _due(root: Path) -> Decimal:
    registry = validate_registry(root).registry
    assert registry is not None
    (found,) = compute_balances(registry, datetime.date(2027, 12, 31), contract_id=CONTRACT)
    return found.reversal.due_incl_tax


def test_void_cancels_a_declaration_everywhere_and_balance_says_so(
    runner: CliRunner, example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")  # its tables, in French as its users read them
    before = _due(example_copy)
    code, out, _ = _run(
        runner, "declare", "-r", str(example_copy), "-c", CONTRACT, "-d", "2026-11-20",
        "--amount", "1 000,00", "--client", "Mairie de Lille",
    )  # fmt: skip
    assert code == 0, out
    declared = Path(out.strip())
    assert _due(example_copy) > before
    record_id = declared.stem
    code, out, err = _run(
        runner, "void", record_id, "-r", str(example_copy), "--reason", "déclarée par erreur",
        "--date", "2026-11-21",
    )  # fmt: skip
    assert code == 0, err
    void_file = Path(out.strip())
    assert void_file.parent.name == "voids"
    assert declared.exists(), "the record voided stays where it is"
    assert f"target: {record_id}" in void_file.read_text(encoding="utf-8")
    assert _due(example_copy) == before
    code, out, _ = _run(
        runner, "balance", "-r", str(example_copy), "-c", CONTRACT, "--as-of", "2026-12-31"
    )
    assert code == 0
    flat = " ".join(out.split())
    assert f"la déclaration {record_id}" in flat and "déclarée par erreur" in flat
    assert "non comptée" in flat


def test_void_refuses_an_unknown_id_with_a_suggestion_and_a_second_void(
    runner: CliRunner, example_copy: Path
) -> None:
    payments = sorted((example_copy / "payments").rglob("*.yaml"))
    payment_id = payments[0].stem
    code, _, err = _run(runner, "void", payment_id[:-1], "-r", str(example_copy), "--reason", "x")
    assert code == 2
    assert f"did you mean '{payment_id}'" in err
    code, _, err = _run(runner, "void", payment_id, "-r", str(example_copy), "--reason", "x")
    assert code == 0, err
    voids = sorted((example_copy / "voids").glob("*.yaml"))
    code, out, err = _run(
        runner, "void", payment_id, "-r", str(example_copy), "--reason", "y", "--format", "json"
    )
    assert code == 1
    document = json.loads(out)
    assert document["ok"] is False
    assert [d["code"] for d in document["diagnostics"]] == ["voided-twice"]
    assert sorted((example_copy / "voids").glob("*.yaml")) == voids, "nothing more written"


def test_validate_reports_a_void_of_a_missing_record_at_its_line(
    runner: CliRunner, example_copy: Path
) -> None:
    (example_copy / "voids").mkdir(exist_ok=True)
    (example_copy / "voids" / "oops.yaml").write_text(
        "kind: void\nid: oops\ntarget_kind: paiement\ntarget: x\ndate: 2026-11-01\nreason: r\n",
        encoding="utf-8",
    )
    code, out, _ = _run(runner, "validate", "-r", str(example_copy))
    assert code == 1
    assert "voids/oops.yaml:3:14: error void-target-kind:" in out
    assert "did you mean 'payment'" in out


@pytest.mark.parametrize("typed", ["126,00", "126.00", "\u00a0126,00", "126,00\u202f€"])
def test_pay_takes_an_amount_written_the_french_way(
    runner: CliRunner, example_copy: Path, typed: str
) -> None:
    code, out, err = _run(
        runner, "pay", "-r", str(example_copy), "-c", CONTRACT, "-d", "2026-12-05",
        "--amount", typed, "--reference", "VIR", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    written = Path(json.loads(out)["written"][0])
    assert "amount: 126.00" in written.read_text(encoding="utf-8")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_declare_takes_thousands_separated_by_any_space(
    runner: CliRunner, example_copy: Path, space: str
) -> None:
    code, out, err = _run(
        runner, "declare", "-r", str(example_copy), "-c", CONTRACT, "-d", "2026-11-20",
        "--amount", f"1{space}500,50", "--client", "Région",
    )  # fmt: skip
    assert code == 0, err
    assert "amount_excl_tax: 1500.50" in Path(out.strip()).read_text(encoding="utf-8")


def test_record_writers_report_errors_as_one_json_document(
    runner: CliRunner, example_copy: Path
) -> None:
    code, out, err = _run(
        runner, "declare", "-r", str(example_copy), "-c", CONTRACT, "-d", "2031-01-01",
        "--amount", "100", "--format", "json",
    )  # fmt: skip
    assert code == 1
    document = json.loads(out)
    assert document["ok"] is False and document["exit_code"] == 1
    (problem,) = document["diagnostics"]
    assert problem["code"] == "date-outside-contract"
    assert {"path", "line", "column", "code", "severity", "message"} <= set(problem)
    assert "date-outside-contract" in err  # the human lines stay on standard error


def test_terminate_and_amend_and_verify_speak_json(runner: CliRunner, example_copy: Path) -> None:
    code, out, err = _run(
        runner, "amend", CONTRACT, "-r", str(example_copy), "--effective", "2027-01-01",
        "--set", "rate_percent=6", "--rationale", "nouveau taux", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["written"][0].endswith(".yaml")
    code, out, _ = _run(runner, "verify", "-r", str(example_copy), "--format", "json")
    document = json.loads(out)
    assert code == (0 if document["ok"] else 1)
    assert all({"contract", "signatory", "ok"} <= set(c) for c in document["checks"])


def test_render_reports_its_files_in_json(
    runner: CliRunner, example_copy: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    code, out, err = _run(
        runner, "render", CONTRACT, "-r", str(example_copy), "--format", "json",
        "--out", str(out_dir),
    )  # fmt: skip
    assert code == 0, err
    written = [Path(p) for p in json.loads(out)["written"]]
    assert written and all(p.suffix == ".docx" and p.is_file() for p in written)
    code, out, _ = _run(runner, "render", "nope", "-r", str(example_copy), "--format", "json")
    assert code == 2
    assert json.loads(out)["ok"] is False
