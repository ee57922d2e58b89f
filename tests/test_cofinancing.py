"""Co-financing campaigns, contributive debt and ballots from records, through the command line
as a user types it, on hand-computed cases (docs/cofinancing.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.report.site import build_report
from commons_contracts.validation.validate import validate_registry

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLES = REPOSITORY / "examples"
CHROMIUM = Path("/usr/bin/chromium")


def _run(runner: CliRunner, root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "-r", str(root)])
    return result.exit_code, result.stdout, result.stderr


def _json(runner: CliRunner, root: Path, *args: str) -> object:
    code, out, err = _run(runner, root, *args, "--format", "json")
    assert code == 0, out + err
    return json.loads(out)


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- campaigns ----------------------------------------------------------------------------------


def test_movilab_campaign_reached_by_hand(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Budget 18,700 + 3,300 = 22,000, all eligible; ADEME 70 % of it is 15,400, capped at
    12,000; the call must raise 22,000 - 12,000 = 10,000. L'Atelier des Communs pays 4,000 on
    10 February, France Tiers-Lieux 6,000 on 16 February: reached that day."""
    monkeypatch.setenv("LANGUAGE", "fr")  # its tables, in French as its users read them
    (entry,) = _json(runner, EXAMPLES, "campaigns", "--as-of", "2026-12-31")  # type: ignore[misc]
    assert entry["budget"] == "22000.00" and entry["coordination"] == "3300.00"
    assert entry["matching"] == [
        {"funder": "ADEME", "percent": "70", "maximum": "12000.00", "amount": "12000.00",
         "capped": True}
    ]  # fmt: skip
    assert (entry["matched"], entry["target"]) == ("12000.00", "10000.00")
    assert (entry["pledged"], entry["received"], entry["remaining"]) == (
        "10000.00",
        "10000.00",
        "0.00",
    )
    assert entry["matching_received"] == "12000.00"
    assert (entry["outcome"], entry["reached_on"], entry["refunds"]) == (
        "reached",
        "2026-02-16",
        [],
    )
    # Before the second payment, the call is open with 6,000 to go.
    (early,) = _json(runner, EXAMPLES, "campaigns", "--as-of", "2026-02-12")  # type: ignore[misc]
    assert (early["received"], early["remaining"], early["outcome"]) == (
        "4000.00",
        "6000.00",
        "open",
    )
    code, out, _ = _run(runner, EXAMPLES, "campaigns", "--as-of", "2026-12-31")
    assert code == 0
    assert "objectif atteint le 16 février 2026" in out and "plafonné" in out


MISSED = """\
kind: campaign
id: ateliers-2026
commons: mon-commun
title: Trois ateliers
opens: 2026-05-01
closes: 2026-06-30
rule: all-or-nothing
budget_lines:
  - label: Ateliers
    amount: 3400.00
    category: development
  - label: Animation
    amount: 600.00
    category: coordination
  - label: Location de salle
    amount: 1000.00
    category: other
    eligible: false
matching_funds:
  - funder: Région Exemple
    percent: 50
    maximum: 2000.00
"""


def _missed_campaign(root: Path) -> None:
    _write(root, "funds/campaigns/ateliers-2026.yaml", MISSED)
    _write(
        root,
        "funds/pledges/ateliers-2026-mon-acteur.yaml",
        "kind: pledge\nid: ateliers-2026-mon-acteur\ncampaign: ateliers-2026\n"
        "funder: mon-acteur\namount: 500.00\ndate: 2026-05-02\nnamed: true\n",
    )
    _write(
        root,
        "funds/pledges/ateliers-2026-voisine.yaml",
        "kind: pledge\nid: ateliers-2026-voisine\ncampaign: ateliers-2026\n"
        "funder: Une voisine\namount: 300.00\ndate: 2026-05-03\n",
    )
    for name, source, amount, day in (
        ("acteur", "Paul Bernard", "400.00", "2026-05-20"),  # the party's name: the same funder
        ("voisine", "une  Voisine", "300.00", "2026-06-02"),
        ("region", "Région Exemple", "1500.00", "2026-06-10"),
    ):
        _write(
            root,
            f"funds/income/2026/ateliers-{name}.yaml",
            f"kind: income\nid: ateliers-{name}\ncommons: mon-commun\ndate: {day}\n"
            f"amount: {amount}\nsource: {source}\ntype: co-financing\ncampaign: ateliers-2026\n",
        )


def test_missed_all_or_nothing_campaign_owes_refunds(runner: CliRunner, starter: Path) -> None:
    """Budget 3,400 + 600 + 1,000 = 5,000; eligible costs 4,000 (the room is not eligible);
    the Région adds 50 % of 4,000 = 2,000, exactly its maximum, so not capped; the call must
    raise 3,000. By 30 June it received 400 + 300 = 700: missed, and every funder who paid is
    owed what they paid back, the Région's 1,500 too."""
    _missed_campaign(starter)
    document = _json(runner, starter, "campaigns", "--as-of", "2026-07-01")
    entry = next(e for e in document if e["campaign"] == "ateliers-2026")  # type: ignore[union-attr]
    assert (entry["eligible_costs"], entry["matched"], entry["target"]) == (
        "4000.00",
        "2000.00",
        "3000.00",
    )
    assert entry["matching"][0]["capped"] is False
    assert (entry["pledged"], entry["received"], entry["remaining"]) == (
        "800.00",
        "700.00",
        "2300.00",
    )
    assert entry["outcome"] == "missed"
    assert entry["refunds"] == [
        {"funder": "Région Exemple", "amount": "1500.00"},
        {"funder": "mon-acteur", "amount": "400.00"},
        {"funder": "Une voisine", "amount": "300.00"},  # as its pledge first wrote it
    ]
    acteur = next(f for f in entry["funders"] if f["funder"] == "mon-acteur")
    assert (acteur["pledged"], acteur["received"], acteur["outstanding"]) == (
        "500.00",
        "400.00",
        "100.00",
    )
    # Still open on its last day.
    open_day = _json(runner, starter, "campaigns", "--as-of", "2026-06-30")
    assert next(e for e in open_day if e["campaign"] == "ateliers-2026")["outcome"] == "open"  # type: ignore[union-attr]


def test_matching_capped_on_the_starter(runner: CliRunner, starter: Path) -> None:
    """The starter's call: 50 % of 5,000 is 2,500, capped at 2,000; it must raise 3,000."""
    (entry,) = _json(runner, starter, "campaigns", "--commons", "mon-commun")  # type: ignore[misc]
    assert entry["matching"][0] == {
        "funder": "Région Exemple",
        "percent": "50",
        "maximum": "2000.00",
        "amount": "2000.00",
        "capped": True,
    }
    assert (entry["target"], entry["pledged"], entry["received"]) == ("3000.00", "500.00", "0.00")


def test_campaigns_of_an_unknown_commons_is_a_clear_error(runner: CliRunner) -> None:
    code, _, err = _run(runner, EXAMPLES, "campaigns", "--commons", "movilb")
    assert code != 0 and "did you mean 'movilab'" in err and "Traceback" not in err


# --- contributive debt --------------------------------------------------------------------------


def _repaying(root: Path, expense_id: str, day: str, paid_on: str, amount: str) -> None:
    _write(
        root,
        f"funds/expenses/2026/{expense_id}.yaml",
        f"kind: expense\nid: {expense_id}\ncommons: mon-commun\ndate: {day}\npayee: Léa Martin\n"
        "iban: FR76 3000 6000 0112 3456 7890 189\ndescription: Remboursement de dette\n"
        f"type: reimbursement\namount: {amount}\ncategory: development\n"
        "repays: [mon-commun-lea-martin-2026, mon-commun-lea-martin-2025]\n",
    )
    _write(
        root,
        f"funds/approvals/{expense_id}-camille.yaml",
        f"kind: approval\nid: {expense_id}-camille\ntarget: {expense_id}\n"
        f"by: camille.durand@example.org\ndate: {day}\n",
    )
    _write(
        root,
        f"funds/payouts/2026/{expense_id}.yaml",
        f"kind: payout\nid: {expense_id}-paid\nexpense: {expense_id}\ndate: {paid_on}\n"
        f"amount: {amount}\n",
    )


def test_debt_repaid_over_two_expenses_oldest_first(
    runner: CliRunner, starter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Léa Martin's 2025 work, 30 h at 40.00 = 1,200.00 (recognised on 12 January), and her
    February 2026 work, 10 h at 35.00 = 350.00 (recognised on 1 March): 1,550.00. A first
    expense pays 800.00, all of it to the older debt (400.00 left of it); a second pays 600.00:
    400.00 closes the older debt, 200.00 goes to the newer one, which keeps 150.00."""
    monkeypatch.setenv("LANGUAGE", "fr")  # its tables, in French as its users read them
    _write(
        starter,
        "funds/contributions/mon-commun-lea-martin-2026.yaml",
        "kind: contribution\nid: mon-commun-lea-martin-2026\ncommons: mon-commun\n"
        "contributor: Léa Martin\nstart_date: 2026-02-01\nend_date: 2026-02-28\nhours: 10\n"
        "hourly_rate: 35.00\ndescription: Relecture du guide\n",
    )
    _write(
        starter,
        "funds/approvals/mon-commun-lea-martin-2026-camille.yaml",
        "kind: approval\nid: mon-commun-lea-martin-2026-camille\n"
        "target: mon-commun-lea-martin-2026\nby: camille.durand@example.org\ndate: 2026-03-01\n",
    )
    _repaying(starter, "2026-04-01-mon-commun-dette", "2026-04-01", "2026-04-05", "800.00")
    _repaying(starter, "2026-05-01-mon-commun-dette", "2026-05-01", "2026-05-06", "600.00")
    result = validate_registry(starter)
    assert result.diagnostics == []
    after_first = _json(runner, starter, "debt", "--as-of", "2026-04-30")
    assert after_first["debts"] == [  # type: ignore[index]
        {
            "commons": "mon-commun",
            "contributor": "Léa Martin",
            "recognised": "1550.00",
            "repaid": "800.00",
            "remaining": "750.00",
            "pending": "0.00",
            "contributions": ["mon-commun-lea-martin-2025", "mon-commun-lea-martin-2026"],
        }
    ]
    (line,) = _json(runner, starter, "debt", "--as-of", "2026-12-31")["debts"]  # type: ignore[index]
    assert (line["recognised"], line["repaid"], line["remaining"]) == (
        "1550.00",
        "1400.00",
        "150.00",
    )
    # A second computation: what is left is the work's value less every repaying payout.
    values = [Decimal(30) * Decimal("40.00"), Decimal(10) * Decimal("35.00")]
    assert Decimal(line["remaining"]) == sum(values) - Decimal("800.00") - Decimal("600.00")
    # Oldest first: the 2025 work is repaid in full before the 2026 one gets anything.
    from commons_contracts.funds.debt import debt_ledger  # noqa: PLC0415

    assert result.registry is not None
    placed = [
        (r.payout.id, r.contribution, r.amount) for r in debt_ledger(result.registry).repayments
    ]
    assert placed == [
        ("2026-04-01-mon-commun-dette-paid", "mon-commun-lea-martin-2025", Decimal("800.00")),
        ("2026-05-01-mon-commun-dette-paid", "mon-commun-lea-martin-2025", Decimal("400.00")),
        ("2026-05-01-mon-commun-dette-paid", "mon-commun-lea-martin-2026", Decimal("200.00")),
    ]
    code, out, _ = _run(runner, starter, "debt", "--commons", "mon-commun", "--as-of", "2026-12-31")
    assert code == 0 and "1\u202f550,00" in out and "1\u202f400,00" in out and "150,00" in out


def test_debt_before_recognition_is_pending(runner: CliRunner, starter: Path) -> None:
    """Before its approval (12 January 2026), the 2025 work is pending, not a debt."""
    (line,) = _json(runner, starter, "debt", "--as-of", "2026-01-11")["debts"]  # type: ignore[index]
    assert (line["recognised"], line["pending"], line["remaining"]) == ("0.00", "1200.00", "0.00")


# --- ballots ------------------------------------------------------------------------------------


def test_ballot_result_of_the_example_is_the_worked_example(runner: CliRunner) -> None:
    """The example's ten votes are the worked example of docs/cofinancing.md: movilab Bien+,
    then boussole and cahier-activites Bien- by q; 8,000.00 funds movilab and
    cahier-activites, boussole does not fit."""
    document = _json(runner, EXAMPLES, "ballot", "result", "choix-2026", "--budget", "8 000,00")
    ranked = [
        (c["candidate"], c["rank"], c["majority_grade"], c["gauge_sign"], c["funding"])
        for c in document["candidates"]  # type: ignore[index]
    ]
    assert ranked == [
        ("movilab", 1, "Bien", "+", "funded"),
        ("boussole", 2, "Bien", "-", "does-not-fit"),
        ("cahier-activites", 3, "Bien", "-", "funded"),
    ]
    assert (document["funded_total"], document["remaining"]) == ("7000.00", "1000.00")  # type: ignore[index]
    assert document["candidates"][2]["worse_share"] == "2/5"  # type: ignore[index]


def test_ballot_with_a_campaign_candidate(runner: CliRunner, starter: Path) -> None:
    """The starter's ballot: mon-commun asks 1,500.00; the campaign asks what it has still to
    raise on the ballot's closing day, 3,000.00. One vote, Très bien and Bien. With 4,000.00,
    mon-commun is funded and the campaign does not fit in the 2,500.00 left; 4,500.00 funds
    both."""
    small = _json(runner, starter, "ballot", "result", "choix-2027", "--budget", "4000")
    assert [(c["candidate"], c["requested"], c["funding"]) for c in small["candidates"]] == [  # type: ignore[index]
        ("mon-commun", "1500.00", "funded"),
        ("mon-commun-guide-2026", "3000.00", "does-not-fit"),
    ]
    large = _json(runner, starter, "ballot", "result", "choix-2027", "--budget", "4500.00")
    assert [c["funding"] for c in large["candidates"]] == ["funded", "funded"]  # type: ignore[index]
    code, out, _ = _run(runner, starter, "ballot", "result", "choix-2027")
    assert code == 0 and "Très bien+" not in out and "Très bien-" in out


def test_ballot_result_refuses_what_a_user_gets_wrong(runner: CliRunner, starter: Path) -> None:
    code, _, err = _run(runner, starter, "ballot", "result", "choix-2072")
    assert code != 0 and "did you mean 'choix-2027'" in err and "Traceback" not in err
    code, _, err = _run(runner, starter, "ballot", "result", "choix-2027", "--budget", "beaucoup")
    assert code != 0 and "--budget" in err and "Traceback" not in err
    code, _, err = _run(runner, starter, "ballot", "result", "choix-2027", "--budget", "10.001")
    assert code != 0 and "2 decimals" in err
    (starter / "ballots" / "choix-2027.yaml").write_text(
        (starter / "ballots" / "choix-2027.yaml")
        .read_text(encoding="utf-8")
        .replace("    requested: 1500.00               # ce que le candidat demande\n", ""),
        encoding="utf-8",
    )
    code, _, err = _run(runner, starter, "ballot", "result", "choix-2027", "--budget", "4000")
    assert code != 0 and "give `requested` to mon-commun" in err


@pytest.mark.slow
def test_commands_in_a_subprocess() -> None:
    """As a user types them: JSON on standard output, exit 0."""
    for args in (["campaigns"], ["debt"], ["ballot", "result", "choix-2026"]):
        done = subprocess.run(
            [sys.executable, "-m", "commons_contracts", *args, "-r", str(EXAMPLES), "-f", "json"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        assert json.loads(done.stdout)


# --- the report ---------------------------------------------------------------------------------


def test_report_pages_of_campaigns_debt_and_ballots(tmp_path: Path) -> None:
    """The campaign page names ADEME (a matching funder, named whatever its consent) and pools
    France Tiers-Lieux (no consent) with L'Atelier des Communs: L'Atelier consented, but a pool
    of France Tiers-Lieux alone would be its gift, and so would the total less the named lines;
    the commons page shows the debt per commons without naming Léa Moreau; the ballot page
    draws each candidate's merit profile."""
    result = validate_registry(EXAMPLES)
    assert result.registry is not None
    build_report(result.registry, tmp_path, "fr", __import__("datetime").date(2026, 11, 28))
    campaign = (tmp_path / "campaigns" / "movilab-wiki-2026.html").read_text(encoding="utf-8")
    assert "Atelier des Communs" not in campaign
    assert "ADEME" in campaign and "France Tiers-Lieux" not in campaign
    assert "Autres financeurs (2)" in campaign
    assert 'width="600.0" height="20"' in campaign  # the progress bar is full: reached
    assert "Développement du wiki et des fiches" in campaign
    movilab = (tmp_path / "commons" / "movilab.html").read_text(encoding="utf-8")
    assert "Dette contributive" in movilab and "4\u202f200,00" in movilab
    assert "Léa Moreau" not in movilab and "Léa Moreau" not in campaign
    ballot = (tmp_path / "ballots" / "choix-2026.html").read_text(encoding="utf-8")
    assert ballot.count('class="grade"') >= 3 * 6  # a segment per grade given, and the legend
    assert "Bien+" in ballot and ballot.count("Bien-") >= 2
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "campaigns/movilab-wiki-2026.html" in index and "ballots/choix-2026.html" in index


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_browser_renders_the_campaign_and_ballot_pages(tmp_path: Path) -> None:
    result = validate_registry(EXAMPLES)
    assert result.registry is not None
    site = tmp_path / "site"
    build_report(result.registry, site, "fr", __import__("datetime").date(2026, 11, 28))
    for page in ("campaigns/movilab-wiki-2026.html", "ballots/choix-2026.html"):
        profile = tmp_path / "profile"
        command = [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", f"--user-data-dir={profile}",
        ]  # fmt: skip
        dom = subprocess.run(
            [*command, "--dump-dom", (site / page).as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        assert "<svg" in dom and "<rect" in dom and "<caption>" in dom
        shutil.rmtree(profile)
