"""Mutated registries through the whole pipeline: no exception but the package's own.

Each case takes the example registry, mutates one of its files (a value replaced by a hostile
one, a line removed, doubled or cut, bytes inserted), then runs what a user runs: load and
validate, and on a registry that validates, balance, status, verify, render (one contract, in
this process, every `render_every`-th valid one) and the report's figures (every
`report_every`-th valid one, its site too). Anything
raised that is not a :class:`~commons_contracts.errors.CommonsContractsError` is a failure,
printed with the seed that reproduces it.

    python tools/fuzz_registries.py --count 100000 --seed 1

The suite runs 2,000 cases (tests/test_hardening.py); a long run's result is in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from commons_contracts.errors import CommonsContractsError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AS_OF = datetime.date(2026, 12, 1)

HOSTILE = [
    "9" * 5000,
    "1e999999",
    "-0.001",
    "999999999999.999",
    "1000000000000",
    "0.1234567890123456789012345678901",
    '"=HYPERLINK(\\"http://x\\")"',
    '"\\u202eevil"',
    '"\\u0007bell"',
    '"\\ufffe"',
    '"' + "Nom très long " * 25 + '"',
    "../../../../etc/passwd",
    "commons/../../evil",
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "9999-12-31",
    "null",
    "~",
    "[]",
    "{}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "&a x",
    "*a",
    "!!python/object:os.system x",
    "yes",
    "0x1F",
    ".nan",
    "-.inf",
    "'{{ 7*7 }}'",
    "'{% for i in range(99999) %}x{% endfor %}'",
    "true",
    "-1",
    "0",
    "100.01",
    "''",
]


@dataclass
class Outcome:
    """What a run found."""

    cases: int = 0
    valid: int = 0
    rendered: int = 0
    reported: int = 0
    failures: list[str] = field(default_factory=list)


def _mutate(text: str, generator: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    if not lines:
        return "x"
    index = generator.randrange(len(lines))
    operation = generator.randrange(7)
    line = lines[index]
    if operation <= 2 and ":" in line:
        key = line.split(":", 1)[0]
        lines[index] = f"{key}: {generator.choice(HOSTILE)}\n"
    elif operation == 3:
        del lines[index]
    elif operation == 4:
        lines.insert(index, line)
    elif operation == 5:
        lines[index] = line[: generator.randrange(len(line) + 1)]
    else:
        junk = bytes(generator.randrange(256) for _ in range(generator.randrange(1, 4)))
        lines[index] = junk.decode("latin-1") + line
    return "".join(lines)


def _pipeline(
    root: Path,
    out: Path,
    outcome: Outcome,
    yields: dict[str, object] | None,
    *,
    render_every: int,
    report_every: int,
) -> None:
    from commons_contracts.documents.render import render_contracts  # noqa: PLC0415
    from commons_contracts.ledger.balances import compute_balances  # noqa: PLC0415
    from commons_contracts.report.figures import report_figures  # noqa: PLC0415
    from commons_contracts.report.site import build_report  # noqa: PLC0415
    from commons_contracts.signatures.lifecycle import contract_statuses  # noqa: PLC0415
    from commons_contracts.signatures.signing import verify_signatures  # noqa: PLC0415
    from commons_contracts.validation.validate import (  # noqa: PLC0415
        validate_registry,
        validate_yields,
    )

    if yields is None:  # the whole command's way: every file read through the cache
        result = validate_registry(root)
    else:  # the same loader on the mutated file, the others' yields read once
        result = validate_yields(root, list(yields.values()))  # type: ignore[arg-type]
    registry = result.registry
    if registry is None:
        return
    outcome.valid += 1
    render = outcome.valid % render_every == 1
    report = outcome.valid % report_every == 1
    compute_balances(registry, AS_OF)
    contract_statuses(registry, AS_OF)
    verify_signatures(registry, root)
    if render and registry.contracts:
        contract = sorted(registry.contracts)[0]
        render_contracts(registry, root, [contract], None, out / "docs", jobs=1)
        outcome.rendered += 1
    report_figures(registry, AS_OF)
    if report:
        build_report(registry, out / "site", "fr", AS_OF)
        outcome.reported += 1


def run(
    count: int,
    seed: int,
    *,
    render_every: int = 4,
    report_every: int = 20,
    whole_every: int = 20,
) -> Outcome:
    """Run `count` mutated registries from `seed`; the outcome lists every failure. Every
    `whole_every`-th case reads the registry as `validate` does (through the cache); the others
    read only the mutated file, with the same loader."""
    outcome = Outcome()
    generator = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="commons-contracts-fuzz-") as work:
        root = Path(work) / "registry"
        shutil.copytree(EXAMPLES, root)
        from commons_contracts.registry.root import registry_files  # noqa: PLC0415
        from commons_contracts.registry.yields import file_yield  # noqa: PLC0415

        shown = registry_files(root)
        files = [root / name for name in shown]
        originals = {path: path.read_bytes() for path in files}
        known = {name: file_yield(str(root / name), name) for name in shown}
        for case in range(count):
            path = generator.choice(files)
            text = originals[path].decode("utf-8")
            for _ in range(generator.randrange(1, 4)):
                text = _mutate(text, generator)
            path.write_bytes(text.encode("utf-8", "surrogateescape"))
            name = path.relative_to(root).as_posix()
            try:
                yields: dict[str, object] | None = None
                if case % whole_every:
                    yields = {**known, name: file_yield(str(path), name)}
                _pipeline(
                    root,
                    Path(work) / "out",
                    outcome,
                    yields,
                    render_every=render_every,
                    report_every=report_every,
                )
            except CommonsContractsError:
                pass
            except Exception:  # what this tool looks for
                outcome.failures.append(
                    f"seed {seed}, case {case}, {path.relative_to(root)}:\n{traceback.format_exc()}"
                )
            finally:
                path.write_bytes(originals[path])
            outcome.cases += 1
    return outcome


def main() -> None:
    """Run from the command line and print the outcome."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    started = time.monotonic()
    outcome = run(arguments.count, arguments.seed)
    elapsed = time.monotonic() - started
    for failure in outcome.failures[:20]:
        print(failure)
    print(
        f"{outcome.cases} cases in {elapsed:.0f} s: {outcome.valid} valid, {outcome.rendered} "
        f"rendered, {outcome.reported} reported, {len(outcome.failures)} failures"
    )
    sys.exit(1 if outcome.failures else 0)


if __name__ == "__main__":
    main()
