"""The life of a contract: amendments and terminations, written by the command line as a user
types them, and the figures that follow (DESIGN.md section 11)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.registry.versions import current_end, final_end, terms_on, versions
from commons_contracts.validation.validate import validate_registry

ALICE = "reciprocite-alice-movilab"
ATELIER = "reciprocite-atelier-boussole"


def _run(runner: CliRunner, root: Path, *arguments: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*arguments, "-r", str(root)])
    return result.exit_code, result.stdout, result.stderr


def _periods(runner: CliRunner, root: Path, as_of: str) -> dict[str, dict[str, object]]:
    code, stdout, stderr = _run(
        runner, root, "balance", "--contract", ALICE, "--as-of", as_of, "--format", "json"
    )
    assert code == 0, stderr
    (contract,) = json.loads(stdout)["contracts"]
    return {period["period"]: period for period in contract["periods"]}


def test_an_amendment_prices_only_what_follows_it(runner: CliRunner, example_copy: Path) -> None:
    """Raising the rate from 5 % to 6 % from 1 October by an amendment leaves the paid periods
    as they were (Q1 342.00, Q3 126.00 still due) and prices Q4's 5,250.00 at 6 %: 315.00."""
    before = _periods(runner, example_copy, "2026-11-28")
    code, stdout, stderr = _run(
        runner,
        example_copy,
        "amend",
        ALICE,
        "--effective",
        "2026-10-01",
        "--set",
        "rate_percent=6",
        "--rationale",
        "Hausse du taux décidée par le comité du 15 septembre 2026.",
    )
    assert code == 0, stderr
    written = Path(stdout.strip())
    # The example registry already holds amendment 1 (from 2027): this is number 2.
    assert written == example_copy / "amendments" / f"{ALICE}-avenant-2.yaml"
    assert "number: 2\n" in written.read_text() and "  rate_percent: 6\n" in written.read_text()
    after = _periods(runner, example_copy, "2026-11-28")
    for period in ("2026-Q1", "2026-Q2", "2026-Q3"):
        assert after[period] == before[period]
    assert after["2026-Q4"]["due_excl_tax"] == "315.00"  # 5,250.00 at 6 %
    assert after["2026-Q4"]["amendments"] == [2]
    assert before["2026-Q4"]["due_excl_tax"] == "262.50"  # 5,250.00 at 5 %


def test_amend_refuses_what_an_amendment_cannot_do(runner: CliRunner, example_copy: Path) -> None:
    """A misspelt field, a change of commons and a date after the contract are each refused,
    located at the command line, and nothing is written."""
    code, _, stderr = _run(
        runner,
        example_copy,
        "amend",
        ALICE,
        "--effective",
        "2029-01-01",
        "--set",
        "rate_pourcent=6",
        "--set",
        "commons=dokos",
        "--rationale",
        "Essai.",
    )
    assert code == 1
    assert "error unknown-key: 'rate_pourcent' is not a field" in stderr
    assert "(did you mean 'rate_percent'?)" in stderr
    assert "error change-not-allowed: an amendment cannot change 'commons'" in stderr
    assert "error date-outside-contract: 2029-01-01 is outside the contract" in stderr
    assert not (example_copy / "amendments" / f"{ALICE}-avenant-2.yaml").exists()


def test_amend_of_an_unknown_contract_is_a_usage_error(
    runner: CliRunner, example_copy: Path
) -> None:
    code, _, stderr = _run(
        runner,
        example_copy,
        "amend",
        "reciprocite-alice",
        "--effective",
        "2026-10-01",
        "--set",
        "rate_percent=6",
        "--rationale",
        "x",
    )
    assert code == 2
    assert "did you mean" in stderr


def test_a_termination_ends_the_contract_after_its_notice(
    runner: CliRunner, example_copy: Path
) -> None:
    """Notice given on 15 December 2026 with the contract's 90 days ends it on 15 March 2027:
    a declaration after it is then refused by `declare`, one before it is accepted."""
    code, stdout, stderr = _run(
        runner,
        example_copy,
        "terminate",
        ALICE,
        "--notified",
        "2026-12-15",
        "--by",
        "actor",
        "--reason",
        "notice",
    )
    assert code == 0, stderr
    assert Path(stdout.strip()).name == f"{ALICE}-resiliation.yaml"
    registry = validate_registry(example_copy).registry
    assert registry is not None
    assert final_end(registry, registry.contracts[ALICE]) == datetime.date(2027, 3, 15)
    code, _, stderr = _run(
        runner,
        example_copy,
        "declare",
        "--contract",
        ALICE,
        "--date",
        "2027-03-16",
        "--amount",
        "100",
    )
    assert code == 1
    assert "date-outside-contract" in stderr and "to 2027-03-15" in stderr
    code, _, stderr = _run(
        runner,
        example_copy,
        "declare",
        "--contract",
        ALICE,
        "--date",
        "2027-03-15",
        "--amount",
        "100",
    )
    assert code == 0, stderr


def test_a_record_that_would_break_another_is_refused(
    runner: CliRunner, example_copy: Path
) -> None:
    """A termination effective on 30 November 2026 would leave the contract's amendment of
    1 January 2027 after its end: refused, with the amendment's own error, nothing written."""
    code, _, stderr = _run(
        runner,
        example_copy,
        "terminate",
        ALICE,
        "--notified",
        "2026-09-01",
        "--by",
        "actor",
        "--reason",
        "notice",
    )
    assert code == 1
    assert f"amendments/{ALICE}-avenant-1.yaml:5:17: error date-outside-contract" in stderr
    assert "to 2026-11-30" in stderr
    assert not (example_copy / "terminations").exists() or not list(
        (example_copy / "terminations").glob(f"{ALICE}*")
    )


def test_terminate_by_someone_who_does_not_sign_is_refused(
    runner: CliRunner, example_copy: Path
) -> None:
    code, _, stderr = _run(
        runner,
        example_copy,
        "terminate",
        ALICE,
        "--notified",
        "2026-09-01",
        "--by",
        "acteur",
        "--reason",
        "breach",
    )
    assert code == 1
    assert "'acteur' is not a signatory" in stderr and "(did you mean 'actor'?)" in stderr


def test_terms_in_force_and_versions_of_the_example_registry() -> None:
    """The example amendment raises Alice's rate to 6 % from 1 January 2027; the example
    termination of the Atelier's contract takes effect 90 days after its notice."""
    registry = validate_registry(Path(__file__).parents[1] / "examples").registry
    assert registry is not None
    alice = registry.contracts[ALICE]
    assert [(v.start, v.amendments) for v in versions(registry, alice)] == [
        (datetime.date(2026, 1, 1), ()),
        (datetime.date(2027, 1, 1), (1,)),
    ]
    assert terms_on(registry, alice, datetime.date(2026, 12, 31)).rate_percent == Decimal(5)
    assert terms_on(registry, alice, datetime.date(2027, 1, 1)).rate_percent == Decimal(6)
    atelier = registry.contracts[ATELIER]
    assert final_end(registry, atelier) == datetime.date(2027, 2, 18)  # 20 Nov. + 90 days


def test_a_tacitly_renewed_contract_shows_its_current_end() -> None:
    """The Movilab hosting contract (36 months from 2026, renewed tacitly) ends its first term
    on 31 December 2028 and, with no termination, its second on 31 December 2031."""
    registry = validate_registry(Path(__file__).parents[1] / "examples").registry
    assert registry is not None
    hosting = registry.contracts["hebergement-movilab"]
    assert final_end(registry, hosting) is None
    assert current_end(registry, hosting, datetime.date(2026, 6, 1)) == datetime.date(2028, 12, 31)
    assert current_end(registry, hosting, datetime.date(2029, 1, 1)) == datetime.date(2031, 12, 31)
