"""Benchmark `funds` on a registry with 100,000 fund records, whole process, as a user runs it.

    python bench/generate.py bench/data/funds100k --actors 200 --declarations 0 \
        --fund-records 100000
    python bench/bench_funds.py bench/data/funds100k --runs 5

Each run starts `commons-contracts funds --as-of 2026-12-31 --format json` (and, for
comparison, `commons-contracts validate`, and `annual-report` of the commons) in a fresh process,
exactly as typed in a shell, and measures its wall-clock time, its CPU time (user + system) and
its peak resident memory. Printed: the median of each over the runs, and every run. Then one
process, timed inside and without the cache, says where the time of `funds` goes: reading the
files and their schemas, the rules across records (the funds' rules included), and computing the
funds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPLIT = """
import datetime, json, time
from pathlib import Path
from commons_contracts.funds.fund import fund_summaries
from commons_contracts.registry.cache import read_registry
from commons_contracts.validation.validate import validate_yields
root = Path({root!r})
start = time.perf_counter()
state = read_registry(root, cache=False)
read = time.perf_counter()
registry = validate_yields(root, state.yields).registry
checked = time.perf_counter()
document = json.dumps([s.as_json() for s in fund_summaries(registry, datetime.date(2026, 12, 31))])
done = time.perf_counter()
print(json.dumps({{"read": read - start, "validate": checked - read, "funds": done - checked}}))
"""


def _script() -> str:
    found = Path(sys.executable).parent / "commons-contracts"
    return str(found) if found.exists() else "commons-contracts"


def _measure(command: list[str]) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds and peak resident MiB of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--commons", default="wiki")
    arguments = parser.parse_args()
    root = str(arguments.root.resolve())
    script = _script()
    out = tempfile.mkdtemp(prefix="bench-funds-")
    commands = {
        "funds": [script, "funds", "-r", root, "--as-of", "2026-12-31", "--format", "json"],
        "validate": [script, "validate", "-r", root],
        "annual-report": [script, "annual-report", arguments.commons, "--year", "2026",
                          "--date", "2027-01-15", "-r", root, "--out", out],
    }  # fmt: skip
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for name, command in commands.items():
        runs = [_measure(command) for _ in range(arguments.runs)]
        walls = [round(r[0], 2) for r in runs]
        cpus = [round(r[1], 2) for r in runs]
        peak = max(r[2] for r in runs)
        print(
            f"{name:14} wall median {statistics.median(walls):6.2f} s  cpu median "
            f"{statistics.median(cpus):6.2f} s  peak {peak:5.0f} MiB  walls {walls}"
        )
    splits = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", SPLIT.format(root=root)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(arguments.runs)
    ]
    for key in ("read", "validate", "funds"):
        values = [round(split[key], 2) for split in splits]
        print(f"  {key:10} median {statistics.median(values):6.2f} s  runs {values}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
