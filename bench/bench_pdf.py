"""Benchmark `render --all --format pdf` on 50 contracts: one LibreOffice process against one per
core, whole process, as a user runs it.

    python bench/bench_pdf.py --count 50 --runs 3

The example registry is copied and its six contracts cloned under new ids until it holds
`--count` contracts; each is rendered in its own language and converted to PDF/A-2b with its
provenance. `-j 1` makes one process do everything (one LibreOffice process for every file, as
before); without it, rendering and conversion use one process per core, each LibreOffice with
its own profile. Printed: the median wall time of each way over the runs, and the speed-up; the
PDFs of both ways are checked to be the same bytes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPT = str(Path(sys.executable).with_name("commons-contracts"))


def registry_with_contracts(folder: Path, count: int) -> Path:
    """A copy of the example registry with `count` contracts (its own, then clones)."""
    root = folder / "registry"
    shutil.copytree(EXAMPLES, root)
    originals = sorted((root / "contracts").glob("*.yaml"))
    for index in range(count - len(originals)):
        source = originals[index % len(originals)]
        text = source.read_text("utf-8")
        old_id = source.stem
        clone = text.replace(f"id: {old_id}\n", f"id: {old_id}-{index:03d}\n", 1)
        assert clone != text
        (root / "contracts" / f"{old_id}-{index:03d}.yaml").write_text(clone, "utf-8")
    return root


def render(root: Path, out: Path, jobs: list[str]) -> float:
    """Wall seconds of one `render --all --format pdf` process."""
    start = time.perf_counter()
    subprocess.run(
        [SCRIPT, "render", "--all", "--format", "pdf", "-r", str(root), "--out", str(out), *jobs],
        check=True,
        capture_output=True,
        env={**os.environ, "XDG_CACHE_HOME": str(out.parent / "cache")},
    )
    return time.perf_counter() - start


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = registry_with_contracts(Path(work), arguments.count)
        one, per_core = [], []
        for run in range(arguments.runs):
            one.append(render(root, Path(work) / f"one-{run}", ["-j", "1"]))
            per_core.append(render(root, Path(work) / f"cores-{run}", []))
        first = sorted((Path(work) / "one-0").glob("*.pdf"))
        second = sorted((Path(work) / "cores-0").glob("*.pdf"))
        # Every contract, and the example's amendment (its contract is not cloned).
        assert len(first) == arguments.count + 1, len(first)
        assert [p.name for p in first] == [p.name for p in second]
        assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))
    single, cores = statistics.median(one), statistics.median(per_core)
    print(f"{arguments.count} contracts and an amendment, {len(first)} PDFs")
    print(f"{arguments.count} contracts, one process:   median {single:6.1f} s  runs "
          f"{[round(t, 1) for t in one]}")  # fmt: skip
    print(f"{arguments.count} contracts, one per core: median {cores:6.1f} s  runs "
          f"{[round(t, 1) for t in per_core]}  ({os.cpu_count()} cores)")  # fmt: skip
    print(f"speed-up: {single / cores:.2f}x; same bytes both ways")


if __name__ == "__main__":
    main()
