"""Benchmark `balance` on a synthetic registry: the time beyond loading, and the peak memory.

    python bench/generate.py bench/data/reg100k --actors 200 --declarations 100000
    python bench/bench_balance.py bench/data/reg100k --runs 5

Each run is a fresh process that validates the registry (loading), then computes every
contract's balance and its JSON document (the work of `balance` beyond loading). Printed: the
median of each, and the process's peak resident memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

PROGRAM = """
import datetime, json, resource, time
from pathlib import Path
from commons_contracts.ledger.balances import balances_as_json, compute_balances
from commons_contracts.validation.validate import validate_registry
root = Path({root!r})
start = time.perf_counter()
registry = validate_registry(root).registry
loaded = time.perf_counter()
day = datetime.date(2026, 12, 31)
document = json.dumps(balances_as_json(compute_balances(registry, day), day))
done = time.perf_counter()
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"load": loaded - start, "balance": done - loaded, "peak_mib": peak_mib}}))
"""


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    code = PROGRAM.format(root=str(arguments.root.resolve()))
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(arguments.runs)
    ]
    for key in ("load", "balance", "peak_mib"):
        values = [round(run[key], 2) for run in runs]
        print(f"{key:10} median {statistics.median(values):8.2f}  runs {values}")


if __name__ == "__main__":
    main()
