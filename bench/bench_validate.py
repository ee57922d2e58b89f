"""Benchmark `validate` on a synthetic registry against bare YAML parsing of the same files.

    python bench/generate.py bench/data/reg100k --actors 200 --declarations 100000
    python bench/bench_validate.py bench/data/reg100k --runs 5

Each measure runs in a fresh process (cold: schemas compiled, nothing cached; the files are in
the operating system's cache for every measure alike) and times only the work, not the
interpreter's start-up. Printed: the median of the runs, in seconds, and the ratio to bare
parsing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

MEASURES = {
    "bare yaml.load (CSafeLoader)": """
import os, time, yaml
from commons_contracts.registry.root import registry_files
start = time.perf_counter()
for name in registry_files(root):
    with open(os.path.join(root, name), "rb") as handle:
        list(yaml.load_all(handle.read(), Loader=yaml.CSafeLoader))
elapsed = time.perf_counter() - start
""",
    "yaml.load + plain jsonschema": """
import os, time, yaml
from jsonschema import Draft202012Validator
from commons_contracts.registry.root import registry_files
from commons_contracts.registry.schemas import kind_schemas
start = time.perf_counter()
schemas = kind_schemas()
validators = {k: Draft202012Validator(s.schema, registry=s.validator._registry,
              format_checker=s.validator.format_checker) for k, s in schemas.items()}
for name in registry_files(root):
    with open(os.path.join(root, name), "rb") as handle:
        for data in yaml.load_all(handle.read(), Loader=yaml.CSafeLoader):
            for key, value in data.items():  # dates as text, as in the registry's schemas
                if hasattr(value, "isoformat"):
                    data[key] = value.isoformat()
            list(validators[data["kind"]].iter_errors(data))
elapsed = time.perf_counter() - start
""",
    "commons-contracts validate": """
import time
from commons_contracts.validation.validate import validate_registry
start = time.perf_counter()
result = validate_registry(root)
elapsed = time.perf_counter() - start
assert result.ok, result.diagnostics[:3]
""",
}


def run_once(code: str, root: Path) -> float:
    """Run one measure in a fresh interpreter and return its elapsed seconds."""
    program = f"from pathlib import Path\nroot = Path({str(root)!r})\n{code}\nprint(elapsed)\n"
    completed = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return float(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    root = arguments.root.resolve()
    run_once(MEASURES["bare yaml.load (CSafeLoader)"], root)  # warm the file cache
    medians: dict[str, float] = {}
    for name, code in MEASURES.items():
        times = [run_once(code, root) for _ in range(arguments.runs)]
        medians[name] = statistics.median(times)
        print(f"{name:32} median {medians[name]:7.2f} s  runs {[round(t, 2) for t in times]}")
    bare = medians["bare yaml.load (CSafeLoader)"]
    ratios = {name: round(value / bare, 2) for name, value in medians.items()}
    print(json.dumps({"ratio_to_bare_parse": ratios}))


if __name__ == "__main__":
    main()
