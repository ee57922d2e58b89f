"""Generate a synthetic registry: N actors, each with a reciprocity contract, and M declarations.

    python bench/generate.py OUT --actors 200 --declarations 100000

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


def generate(out: Path, actors: int, declarations: int, seed: int = 2026) -> None:
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
        "host_fee_percent: 8\nplace_of_signature: Lille\n"
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


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--declarations", type=int, default=100_000)
    arguments = parser.parse_args()
    generate(arguments.out, arguments.actors, arguments.declarations)


if __name__ == "__main__":
    main()
