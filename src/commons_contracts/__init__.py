"""commons-contracts: hosting and reciprocity contracts for commons.

The package is a library first: every stage (load, validate, compute, render, report) is a
function that returns values and diagnostics. The `commons-contracts` command line in
:mod:`commons_contracts.cli` is a thin adapter over it.
"""

from __future__ import annotations

import functools

__all__ = ["__version__"]


@functools.cache
def _version() -> str:
    # importlib.metadata takes a tenth of a second to import and search: only when asked.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("commons-contracts")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        return "0.0.0"


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed package's metadata the first time it is used."""
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
