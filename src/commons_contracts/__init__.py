"""commons-contracts: hosting and reciprocity contracts for commons.

The package is a library first: every stage (load, validate, compute, render, report) is a
function that returns values and diagnostics. The `commons-contracts` command line in
:mod:`commons_contracts.cli` is a thin adapter over it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("commons-contracts")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
