"""Every file and folder name the tool knows in a registry, in one place."""

from __future__ import annotations

import os
from pathlib import Path

WORKSPACE_FILE = "commons-contracts.yaml"
"""The file that marks a registry's root and holds its `workspace` record."""

IGNORED_FOLDERS = frozenset({"out", "templates", "node_modules", "__pycache__"})
"""Folders never searched for records, besides hidden ones (whose name starts with a dot)."""

RECORD_FOLDERS = {
    "commons": "commons",
    "party": "parties",
    "hosting-contract": "contracts",
    "reciprocity-contract": "contracts",
    "declaration": "declarations",
    "payment": "payments",
    "signature": "signatures",
    "income": "funds/income",
    "expense": "funds/expenses",
    "approval": "funds/approvals",
    "payout": "funds/payouts",
    "campaign": "funds/campaigns",
    "pledge": "funds/pledges",
    "contribution": "funds/contributions",
    "ballot": "ballots",
    "vote": "ballots/votes",
    "amendment": "amendments",
    "termination": "terminations",
    "void": "voids",
    "invoice": "invoices",
    "receipt": "receipts",
}
"""Where the command line writes a new record of each kind (a human may put records anywhere)."""

DATED_KINDS = frozenset(
    {"declaration", "payment", "income", "expense", "payout", "invoice", "receipt"}
)
"""Kinds whose new records go in a folder per year of their date (`declarations/2026/`)."""

PENDING_FOLDER = ".commons-contracts-pending"
"""The hidden folder, at a registry's root, where a batch of new records is staged and its
journal kept until every file is in place (:mod:`commons_contracts.core.store`)."""


def resolved_inside(root: Path, path: Path | str) -> Path | None:
    """The one rule for paths that come from data or name a folder to write to: `path`
    (relative to `root`, or absolute), with every `..` and every symbolic link resolved, if
    it lies inside `root` (itself resolved); None if it leads outside. A path that does not
    exist yet is resolved as far as it exists (its last existing folder decides)."""
    base = Path(os.path.realpath(root))
    target = Path(os.path.realpath(Path(root) / path))
    return target if target == base or target.is_relative_to(base) else None
