"""Generate a synthetic registry: N actors, each with a reciprocity contract, and M declarations.

    python bench/generate.py OUT --actors 200 --declarations 100000
    python bench/generate.py OUT --actors 200 --declarations 0 --fund-records 100000

With `--fund-records`, the commons' hosted fund gets about that many records (incomes,
expenses, approvals and payouts, see `generate_funds`).

Records are written one per file, as the command line writes them (declarations under
`declarations/YYYY/`), with realistic field values. The output validates without error.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from stdnum import luhn

HEADER = "kind: workspace\nformat_version: 1\nname: Registre synthétique\nlanguage: fr\n"


def siren(number: int) -> str:
    """A valid SIREN built from an 8-digit number."""
    base = f"{number:08d}"
    return base + luhn.calc_check_digit(base)


def generate(
    out: Path, actors: int, declarations: int, seed: int = 2026, fund_records: int = 0
) -> None:
    """Write the registry to `out` (replaced if it exists)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("commons", "parties", "contracts", "declarations/2026", "payments/2026"):
        (out / folder).mkdir(parents=True)
    (out / "commons-contracts.yaml").write_text(HEADER)
    (out / "commons" / "wiki.yaml").write_text(
        "kind: commons\nid: wiki\nname: Le Wiki\ndescription: Un wiki partagé.\n"
        "licence: CC-BY-SA-4.0\ngovernance:\n  decision_body: le comité\n"
        "  decision_rule: au consentement\nrepresentatives:\n  - name: Ana Lopez\n"
        "    email: ana@example.org\n    mandate: coordination\n"
        "  - name: Tom Petit\n    email: tom@example.org\n    mandate: budget\n"
    )
    (out / "parties" / "host.yaml").write_text(
        f"kind: party\nid: host\ntype: organisation\nname: Hébergeur\nlegal_form: association\n"
        f'siren: "{siren(10000000)}"\nvat_regime: liable\n'
        'address: {street: 1 rue A, postcode: "59000", city: Lille}\n'
        "representative: {name: Claire Martin, role: présidente}\n"
    )
    (out / "contracts" / "hosting.yaml").write_text(
        "kind: hosting-contract\nid: hosting\ncommons: wiki\nhost: host\n"
        "effective_date: 2025-01-01\nduration_months: 60\nnotice_days: 60\n"
        "host_fee_percent: 8\ncoordination_percent: 25\nhourly_rate: {min: 30, max: 45}\n"
        "expense_approval: {approvals: 2, by: representatives}\nplace_of_signature: Lille\n"
    )
    for a in range(actors):
        (out / "parties" / f"actor-{a}.yaml").write_text(
            f"kind: party\nid: actor-{a}\ntype: person\nname: Acteur {a}\n"
            f'siren: "{siren(20000000 + a)}"\nvat_regime: franchise\n'
            'address: {street: 2 rue B, postcode: "59100", city: Roubaix}\n'
        )
        (out / "contracts" / f"reciprocity-{a}.yaml").write_text(
            f"kind: reciprocity-contract\nid: reciprocity-{a}\ncommons: wiki\nhost: host\n"
            f"actor: actor-{a}\neffective_date: 2026-01-01\nend_date: 2026-12-31\n"
            "covered_activities: [conseil]\nqualification: royalty\n"
            "tiers:\n  - up_to: 1000\n    rate_percent: 0\n  - up_to: 20000\n    rate_percent: 5\n"
            "  - rate_percent: 3\nannual_cap: 3000\nperiod: quarter\npayment_days: 30\n"
            "vat_rate_percent: 20\nplace_of_signature: Lille\n"
        )
    for d in range(declarations):
        actor = d % actors
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        amount = f"{rng.randint(-20000, 900000) / 100:.2f}"
        record_id = f"2026-{month:02d}-{day:02d}-actor-{actor}-{d}"
        (out / "declarations" / "2026" / f"{record_id}.yaml").write_text(
            f"kind: declaration\nid: {record_id}\ncontract: reciprocity-{actor}\n"
            f"date: 2026-{month:02d}-{day:02d}\nclient: Client {rng.randint(1, 500)}\n"
            f"description: Accompagnement numéro {d}\namount_excl_tax: {amount}\n"
            f'invoice_ref: "F-2026-{d:06d}"\n'
        )
    for a in range(actors):
        (out / "payments" / "2026" / f"pay-{a}.yaml").write_text(
            f"kind: payment\nid: pay-{a}\ncontract: reciprocity-{a}\ndate: 2026-07-15\n"
            "amount: 100.00\nreference: VIR\n"
        )
    if fund_records:
        generate_funds(out, fund_records, rng)


def generate_funds(out: Path, records: int, rng: random.Random) -> None:
    """About `records` records of the wiki's fund in 2026, one file each as the commands write
    them: a fifth incomes, a fifth expenses (by invoice and by the hour, a tenth coordination),
    two approvals per expense and a payout of each. The fund never goes negative."""
    folders = {kind: out / "funds" / kind for kind in ("income", "expenses", "approvals")}
    folders["payouts"] = out / "funds" / "payouts" / "2026"
    for name in ("income", "expenses"):
        folders[name] = folders[name] / "2026"
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    count = records // 5
    types = ("co-financing", "donation", "other")
    for index in range(count):
        day = (
            "2026-01-01"
            if index == 0
            else f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        )
        amount = "100000.00" if index == 0 else f"{rng.randint(100000, 500000) / 100:.2f}"
        record_id = f"{day}-wiki-source-{index}"
        (folders["income"] / f"{record_id}.yaml").write_text(
            f"kind: income\nid: {record_id}\ncommons: wiki\ndate: {day}\namount: {amount}\n"
            f"source: Financeur {index % 300}\ntype: {types[index % 3]}\n"
            f'reference: "VIR-{index:06d}"\n'
        )
    for index in range(count):
        month, day = rng.randint(1, 12), rng.randint(1, 24)
        date = f"2026-{month:02d}-{day:02d}"
        record_id = f"{date}-wiki-contributor-{index}"
        if index % 2:
            cost = f"hours: {rng.randint(2, 40)}\nhourly_rate: {rng.randint(30, 45)}.00\n"
            kind = "hours"
        else:
            cost = f"amount: {rng.randint(10000, 90000) / 100:.2f}\n"
            kind = "invoice"
        category = "coordination" if index % 10 == 0 else "development"
        (folders["expenses"] / f"{record_id}.yaml").write_text(
            f"kind: expense\nid: {record_id}\ncommons: wiki\ndate: {date}\n"
            f"payee: Contributeur {index % 500}\niban: FR76 3000 6000 0112 3456 7890 189\n"
            f"description: Contribution numéro {index}\ntype: {kind}\n{cost}"
            f"category: {category}\n"
        )
        for who in ("ana", "tom"):
            approval = f"{record_id}-{who}"
            (folders["approvals"] / f"{approval}.yaml").write_text(
                f"kind: approval\nid: {approval}\ntarget: {record_id}\n"
                f"by: {who}@example.org\ndate: 2026-{month:02d}-{day + 1:02d}\n"
            )
        payout = f"2026-{month:02d}-{day + 3:02d}-{record_id}"
        if kind == "hours":
            hours, rate = cost.split("\n")[0].split()[1], cost.split("\n")[1].split()[1]
            paid = f"{int(hours) * float(rate):.2f}"
        else:
            paid = cost.split()[1]
        (folders["payouts"] / f"{payout}.yaml").write_text(
            f"kind: payout\nid: {payout}\nexpense: {record_id}\n"
            f"date: 2026-{month:02d}-{day + 3:02d}\namount: {paid}\nreference: VIR\n"
        )


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--declarations", type=int, default=100_000)
    parser.add_argument("--fund-records", type=int, default=0)
    arguments = parser.parse_args()
    generate(
        arguments.out,
        arguments.actors,
        arguments.declarations,
        fund_records=arguments.fund_records,
    )


if __name__ == "__main__":
    main()
