"""Benchmark PDF conversion: N contracts in one LibreOffice call against one call per file.

    python bench/bench_pdf.py --count 50 --runs 3

The contracts of the example registry are rendered once, copied to N distinct .docx files,
then converted with `convert_to_pdf` (provenance stamping included), either all in one call or
one call per file. Printed: the median wall time of each way over the runs, and the speed-up.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from commons_contracts.documents.pdf import convert_to_pdf
from commons_contracts.documents.render import render_contracts
from commons_contracts.validation.validate import validate_registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def prepare(folder: Path, count: int) -> list[Path]:
    """`count` rendered contracts with distinct names, cycling over the example registry's."""
    registry = validate_registry(EXAMPLES).registry
    assert registry is not None
    rendered = render_contracts(
        registry, EXAMPLES, sorted(registry.contracts), ["fr", "en"], folder / "rendered", jobs=1
    ).paths
    copies = []
    for index in range(count):
        source = rendered[index % len(rendered)]
        target = folder / "in" / f"{index:03d}-{source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copies.append(target)
    return copies


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        files = prepare(Path(work), arguments.count)
        batched, single = [], []
        for run in range(arguments.runs):
            start = time.perf_counter()
            convert_to_pdf(files, Path(work) / f"batch-{run}")
            batched.append(time.perf_counter() - start)
            start = time.perf_counter()
            for path in files:
                convert_to_pdf([path], Path(work) / f"single-{run}")
            single.append(time.perf_counter() - start)
    one_call, per_file = statistics.median(batched), statistics.median(single)
    print(
        f"{arguments.count} files, one call:      median {one_call:6.1f} s  runs "
        f"{[round(t, 1) for t in batched]}"
    )
    print(
        f"{arguments.count} files, one call each: median {per_file:6.1f} s  runs "
        f"{[round(t, 1) for t in single]}"
    )
    print(f"speed-up: {per_file / one_call:.1f}x")


if __name__ == "__main__":
    main()
