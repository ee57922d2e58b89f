"""Benchmark the commands as a user runs them: whole processes, median of several runs.

    python bench/generate.py bench/data/reg100k --actors 200 --declarations 100000
    python bench/bench_commands.py bench/data/reg100k --runs 5

Every measure starts a new process of the installed `commons-contracts` console script (or of
Python, for the bare parse) and times it from start to exit (wall time; also the processor time
of the process and its children, which other work on the machine disturbs less); its peak
resident memory is that of the largest process (`wait4`). The cache lives in a folder of its
own (`XDG_CACHE_HOME`), emptied before every cold run. Measured, in this order:

* a bare whole-process parse of every record file with PyYAML's `CSafeLoader` (the reference of
  the cold target);
* `validate` with no cache (a first run: it reads every file and writes the cache);
* `validate` on the unchanged registry (warm);
* `declare`, `pay` and `sign` of one record, `status`, `balance` of every contract and of one
  (warm), and `balance` of every contract with no balance kept (as on a day's first); the
  records written
  are deleted after each run and the registry validated again (untimed), so every run sees the
  same registry and a cache that knows it;
* `--help` and `--version`, and `validate -r examples` (warm, and cold).

Printed: one line per measure with its median and runs, then a JSON summary.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
SCRIPT = str(Path(sys.executable).with_name("commons-contracts"))

BARE_PARSE = """
import os, sys, yaml
root = sys.argv[1]
for folder, subfolders, files in os.walk(root):
    subfolders[:] = [n for n in subfolders if n[0] != "." and n not in ("out", "templates")]
    for name in files:
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name), "rb") as handle:
                list(yaml.load_all(handle.read(), Loader=yaml.CSafeLoader))
"""


def run(command: Sequence[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Run `command` once: (wall seconds, processor seconds of it and its children, peak
    resident KiB of its largest process, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=REPOSITORY
    )
    assert process.stdout is not None
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1, 2):  # 2: `--version` before it needed no command
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, output


def measure(
    name: str,
    command: Sequence[str],
    env: dict[str, str],
    runs: int,
    *,
    before: Callable[[], None] = lambda: None,
    after: Callable[[str], None] = lambda output: None,
) -> dict[str, object]:
    """The median wall time and the peak memory of `runs` runs of `command`."""
    times, processor, memory = [], [], []
    for _ in range(runs):
        before()
        elapsed, cpu, peak, output = run(command, env)
        after(output)
        times.append(elapsed)
        processor.append(cpu)
        memory.append(peak)
    median = statistics.median(times)
    print(
        f"{name:40} median {median:7.2f} s (processor {statistics.median(processor):6.2f} s) "
        f"peak {max(memory) / 1024:4.0f} MiB  runs {[round(t, 2) for t in times]}  "
        f"load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return {"median_s": round(median, 3), "runs_s": [round(t, 3) for t in times],
            "processor_s": round(statistics.median(processor), 3),
            "peak_mib": round(max(memory) / 1024)}  # fmt: skip


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--cold-runs",
        type=int,
        help="runs of the bare parse and of the cold validate (default: --runs; each takes "
        "a minute or more on a busy machine)",
    )
    parser.add_argument("--contract", default="reciprocity-0")
    parser.add_argument(
        "--no-revalidate",
        action="store_true",
        help="do not validate after each write (for a version without a cache)",
    )
    arguments = parser.parse_args()
    root = arguments.root.resolve()
    runs = arguments.runs
    cold_runs = arguments.cold_runs or runs
    cache_home = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONDONTWRITEBYTECODE": ""}
    env.pop("COMMONS_CONTRACTS_NO_CACHE", None)

    def empty_cache() -> None:
        shutil.rmtree(cache_home / "commons-contracts", ignore_errors=True)

    def forget_kept() -> None:
        # As on the first `balance` of a day (the day is part of what a balance is kept for).
        for database in (cache_home / "commons-contracts" / "registries").glob("*.sqlite"):
            with contextlib.closing(sqlite3.connect(database)) as connection, connection:
                connection.execute("DELETE FROM results")

    def remove_written(output: str) -> None:
        # The same registry for every run: the record written is deleted, and the registry
        # validated once (untimed), as a pre-commit hook would, so that the next command
        # starts from a cache that knows the registry, as in a day of declarations.
        for line in output.splitlines():
            if line.endswith(".yaml") and Path(line).is_file():
                Path(line).unlink()
        if not arguments.no_revalidate:
            run([SCRIPT, "validate", *r], env)

    r = ["-r", str(root)]
    results: dict[str, object] = {}
    run([SCRIPT, "--help"], env)  # bytecode compiled, as after any install
    run([sys.executable, "-c", BARE_PARSE, str(root)], env)  # files in the system's cache
    results["bare CSafeLoader parse"] = measure(
        "bare whole-process CSafeLoader parse", [sys.executable, "-c", BARE_PARSE, str(root)],
        env, cold_runs,
    )  # fmt: skip
    results["validate, no cache"] = measure(
        "validate, no cache (writes it)", [SCRIPT, "validate", *r], env, cold_runs,
        before=empty_cache,
    )  # fmt: skip
    results["validate, unchanged"] = measure(
        "validate, unchanged registry", [SCRIPT, "validate", *r], env, runs
    )
    contract = arguments.contract
    declare = [SCRIPT, "declare", *r, "-c", contract, "-d", "2026-11-20", "-a", "1500.00",
               "--client", "Mairie de Roubaix", "--invoice-ref", "BENCH-1"]  # fmt: skip
    results["declare"] = measure("declare one record", declare, env, runs, after=remove_written)
    pay = [SCRIPT, "pay", *r, "-c", contract, "-d", "2026-12-05", "-a", "126.00",
           "--reference", "VIR BENCH"]  # fmt: skip
    results["pay"] = measure("pay one record", pay, env, runs, after=remove_written)
    sign = [SCRIPT, "sign", contract, *r, "--signatory", "host", "--date", "2026-01-05",
            "--method", "handwritten"]  # fmt: skip
    results["sign"] = measure("sign one record", sign, env, runs, after=remove_written)
    results["status"] = measure("status", [SCRIPT, "status", *r], env, runs)
    balance = [SCRIPT, "balance", *r, "--as-of", "2026-12-31", "--format", "json"]
    results["balance"] = measure("balance (json, every contract)", balance, env, runs)
    results["balance, none kept"] = measure(
        "balance (json, every contract), no balance kept", balance, env, runs, before=forget_kept
    )
    results["balance --contract"] = measure(
        "balance --contract (json)", [*balance, "--contract", contract], env, runs
    )
    results["--help"] = measure("--help", [SCRIPT, "--help"], env, runs)
    results["--version"] = measure("--version", [SCRIPT, "--version"], env, runs)
    examples = ["-r", str(REPOSITORY / "examples")]
    results["validate -r examples, no cache"] = measure(
        "validate -r examples, no cache", [SCRIPT, "validate", *examples], env, runs,
        before=empty_cache,
    )  # fmt: skip
    results["validate -r examples"] = measure(
        "validate -r examples, unchanged", [SCRIPT, "validate", *examples], env, runs
    )
    bare = results["bare CSafeLoader parse"]["median_s"]  # type: ignore[index]
    cold = results["validate, no cache"]["median_s"]  # type: ignore[index]
    warm = results["validate, unchanged"]["median_s"]  # type: ignore[index]
    summary = {
        "cold_to_bare_parse": round(cold / bare, 2),
        "unchanged_to_cold": round(warm / cold, 3),
        "results": results,
        "load_average_after": os.getloadavg(),
    }
    print(json.dumps(summary, indent=1))
    shutil.rmtree(cache_home, ignore_errors=True)


if __name__ == "__main__":
    main()
