"""commons-contracts: hosting and reciprocity contracts for commons.

The package is a library first: every stage (load, validate, compute, render, report) is a
function that returns values and diagnostics. The `commons-contracts` command line in
:mod:`commons_contracts.cli` is a thin adapter over it.
"""

from __future__ import annotations

__all__ = ["__version__", "version_line"]

__version__ = "0.1.0"
"""The package's version, the one place it is written (`pyproject.toml` reads it from here)."""


def version_line() -> str:
    """What `commons-contracts --version` prints."""
    return f"commons-contracts {__version__}"
