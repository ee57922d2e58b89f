"""Benchmark `books export`: the whole command as a user runs it, and its work beyond loading.

    python bench/generate.py bench/data/reg100k --actors 200 --declarations 100000
    python bench/bench_books.py bench/data/reg100k --runs 5

Two measures, each run in fresh processes (the files are in the operating system's cache for
every run alike):

* the wall time of `commons-contracts books export --format fec --year 2026`, from start to
  exit, validation of the registry included, as a user runs it;
* in one process per run, the time `validate_registry` takes, then the time of `export_books`
  in each format (the year's journal, its check, the file written): what the export adds
  beyond loading.

Printed: the median of each over the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "commons-contracts"

PROGRAM = """
import json, time
from pathlib import Path
from commons_contracts.books.exports import BooksFormat, export_books
from commons_contracts.validation.validate import validate_registry
start = time.perf_counter()
registry = validate_registry(Path({root!r})).registry
times = {{"load": time.perf_counter() - start}}
for output_format in BooksFormat:
    start = time.perf_counter()
    export_books(registry, output_format, 2026, Path({out!r}))
    times[output_format.value] = time.perf_counter() - start
print(json.dumps(times))
"""


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    root = str(arguments.root.resolve())
    with tempfile.TemporaryDirectory() as out:
        command = [str(SCRIPT), "books", "export", "-r", root, "--format", "fec"]
        walls = []
        for _ in range(arguments.runs):
            start = time.perf_counter()
            subprocess.run([*command, "--year", "2026", "--out", out], capture_output=True,
                           check=True)  # fmt: skip
            walls.append(time.perf_counter() - start)
        code = PROGRAM.format(root=root, out=out)
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True
                ).stdout
            )
            for _ in range(arguments.runs)
        ]
    print(f"books export --format fec, whole process: {statistics.median(walls):.2f} s")
    for key in runs[0]:
        median = statistics.median(run[key] for run in runs)
        print(f"{key}: {median:.3f} s (median of {arguments.runs})")


if __name__ == "__main__":
    main()
