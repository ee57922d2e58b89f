"""Two versions of the program timed in turn on the same registry, whole process: for a machine
whose speed drifts from one minute to the next, where figures taken minutes apart cannot be
compared.

    git worktree add /tmp/before COMMIT
    python bench/bench_ab.py bench/data/reg100k /tmp/before/src src --runs 5

Each version runs from its own `src` folder (`PYTHONPATH`) with its own cache folder; the runs
alternate (before, after, then after, before...). `declare`, `pay` and `sign` write one record,
which is deleted after each run (every file that was not there at the start) and the registry
validated again by the same version (untimed), as in bench_commands.py. Printed: each
command's median for each version, the change and the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "validate": ["validate"],
    "declare": ["declare", "-c", "reciprocity-0", "-d", "2026-11-20", "-a", "1500.00",
                "--client", "Mairie de Roubaix", "--invoice-ref", "BENCH-1"],
    "pay": ["pay", "-c", "reciprocity-0", "-d", "2026-12-05", "-a", "126.00",
            "--reference", "VIR BENCH"],
    "sign": ["sign", "reciprocity-0", "--signatory", "host", "--date", "2026-01-05",
             "--method", "handwritten"],
    "status": ["status"],
    "balance": ["balance", "--as-of", "2026-12-31", "--format", "json"],
    "balance --contract": ["balance", "--as-of", "2026-12-31", "--format", "json",
                           "--contract", "reciprocity-0"],
}  # fmt: skip


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("before", type=Path, help="the `src` folder of the version before")
    parser.add_argument("after", type=Path, help="the `src` folder of the version after")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("commands", nargs="*", default=list(COMMANDS), metavar="COMMAND")
    arguments = parser.parse_intermixed_args()
    root = arguments.root.resolve()
    versions = {"before": arguments.before.resolve(), "after": arguments.after.resolve()}
    caches = {name: tempfile.mkdtemp(prefix=f"bench-ab-{name}-") for name in versions}

    def run(name: str, command: list[str]) -> float:
        env = {**os.environ, "PYTHONPATH": str(versions[name]), "XDG_CACHE_HOME": caches[name]}
        env.pop("COMMONS_CONTRACTS_NO_CACHE", None)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "commons_contracts", *command, "-r", str(root)],
            env=env,
            capture_output=True,
            check=False,
        )
        return time.perf_counter() - start

    present = set(root.rglob("*.yaml"))

    def tidy(name: str) -> None:
        for path in set(root.rglob("*.yaml")) - present:  # what the last command wrote
            path.unlink()
        run(name, ["validate"])

    for name in versions:
        tidy(name)
    times: dict[str, dict[str, list[float]]] = {
        c: {n: [] for n in versions} for c in arguments.commands
    }
    for index in range(arguments.runs):
        for command in arguments.commands:
            order = list(versions) if index % 2 == 0 else list(reversed(versions))
            for name in order:
                times[command][name].append(run(name, COMMANDS[command]))
                if command in ("declare", "pay", "sign"):
                    tidy(name)
    for command, by_version in times.items():
        before, after = (statistics.median(by_version[n]) for n in versions)
        runs = "  ".join(f"{n} {[round(t, 2) for t in by_version[n]]}" for n in versions)
        print(
            f"{command:20s} before {before:.2f} s  after {after:.2f} s  "
            f"({after / before - 1:+.0%})  {runs}"
        )


if __name__ == "__main__":
    main()
