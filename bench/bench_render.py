"""Benchmark of contract rendering: plain docxtpl against `commons_contracts.documents.render`.

Renders 200 contracts (the example registry's six contracts, cloned under new ids, in French
and English) and prints:

* the median milliseconds per contract of plain docxtpl on the same templates and contexts
  (a new `DocxTemplate`, `render`, `save` each time, as its documentation shows);
* the median milliseconds per contract of `render_contract` (context and terms fingerprint,
  render with the cached compiled templates and typography, numbering frozen, provenance,
  normalised zip, atomic write);
* the wall time of `render_contracts` for all 200 with `jobs=1` and with one job per core.

Each measure is repeated `--runs` times and the median of the runs is printed. Run it from the
repository root:

    .venv/bin/python bench/bench_render.py [--runs 5] [--count 200]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from commons_contracts.documents.context import template_context
from commons_contracts.documents.numbering import reference_placeholder
from commons_contracts.documents.render import render_contract, render_contracts
from commons_contracts.documents.templates import find_template, template_name
from commons_contracts.i18n.wording import jinja_filters
from commons_contracts.registry.model import Registry
from commons_contracts.registry.yaml_walk import Record
from commons_contracts.validation.validate import validate_registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LANGS = ("fr", "en")


def synthetic_registry(registry: Registry, contracts: int) -> Registry:
    """The example registry with `contracts` contracts, cloned from its own under new ids."""
    originals = [registry.contracts[key] for key in sorted(registry.contracts)]
    cloned: dict[str, Any] = {}
    sources = dict(registry.sources)
    for index in range(contracts):
        base = originals[index % len(originals)]
        new_id = f"{base.id}-{index:03d}"
        cloned[new_id] = dataclasses.replace(base, id=new_id)
        record = registry.source(base.kind, base.id)
        sources[(base.kind, new_id)] = Record(
            record.path, record.display_path, record.document, record.start,
            {**record.data, "id": new_id},
        )  # fmt: skip
    return dataclasses.replace(registry, contracts=cloned, sources=sources)


def plain_docxtpl(registry: Registry, tasks: list[tuple[str, str]]) -> list[float]:
    """Milliseconds per contract with docxtpl alone: same template, same context."""
    environments = {}
    for lang in LANGS:
        environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
        environment.filters.update(jinja_filters(lang))
        environment.globals["ref"] = reference_placeholder  # the templates' cross-references
        environments[lang] = environment
    timings = []
    for contract_id, lang in tasks:
        context = template_context(registry, contract_id, lang).as_mapping()
        path = find_template(template_name(registry.contracts[contract_id], lang), EXAMPLES)
        start = time.perf_counter()
        document = DocxTemplate(path)
        document.render(context, environments[lang], autoescape=True)
        document.save(io.BytesIO())
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def ours(registry: Registry, tasks: list[tuple[str, str]], out: Path) -> list[float]:
    """Milliseconds per contract with `render_contract`, file written."""
    timings = []
    for contract_id, lang in tasks:
        start = time.perf_counter()
        render_contract(registry, EXAMPLES, contract_id, lang, out)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def wall(registry: Registry, ids: list[str], out: Path, jobs: int) -> float:
    """Seconds to render every contract of `ids` in both languages with `jobs` processes."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    render_contracts(registry, EXAMPLES, ids, list(LANGS), out, jobs=jobs)
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print its results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each measure")
    parser.add_argument("--count", type=int, default=200, help="contracts rendered per run")
    arguments = parser.parse_args()
    result = validate_registry(EXAMPLES)
    assert result.registry is not None, result.diagnostics
    registry = synthetic_registry(result.registry, arguments.count // len(LANGS))
    ids = sorted(registry.contracts)
    tasks = [(contract_id, lang) for contract_id in ids for lang in LANGS]
    cores = os.cpu_count() or 1
    print(f"{len(tasks)} contracts, {arguments.runs} runs, {cores} cores, "
          f"Python {platform.python_version()}, {platform.machine()}")  # fmt: skip
    # Other processes on the machine take cores from the parallel run: say how busy it is.
    print("load average before the runs: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))

    # Warm up both paths once (imports, Babel data, the first compilation).
    plain_docxtpl(registry, tasks[:4])
    with tempfile.TemporaryDirectory() as folder:
        ours(registry, tasks[:4], Path(folder))

    plain, cached, serial, parallel = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for _ in range(arguments.runs):
            plain.append(statistics.median(plain_docxtpl(registry, tasks)))
            cached.append(statistics.median(ours(registry, tasks, out / "ours")))
            serial.append(wall(registry, ids, out / "serial", jobs=1))
            parallel.append(wall(registry, ids, out / "parallel", jobs=cores))
    median = statistics.median
    print(f"plain docxtpl (new DocxTemplate + render + save): {median(plain):6.1f} ms/contract")
    print(f"render_contract (cached, provenance, written):    {median(cached):6.1f} ms/contract")
    print(f"render_contracts, {len(tasks)} contracts, jobs=1:       {median(serial):6.2f} s")
    print(f"render_contracts, {len(tasks)} contracts, jobs={cores}:       {median(parallel):6.2f} s"
          f"  (speed-up x{median(serial) / median(parallel):.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
