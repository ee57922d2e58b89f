"""Every file and folder name the tool knows in a registry, in one place."""

from __future__ import annotations

WORKSPACE_FILE = "commons-contracts.yaml"
"""The file that marks a registry's root and holds its `workspace` record."""

IGNORED_FOLDERS = frozenset({"out", "templates", "node_modules", "__pycache__"})
"""Folders never searched for records, besides hidden ones (whose name starts with a dot)."""

RECORD_FOLDERS = {
    "declaration": "declarations",
    "payment": "payments",
    "signature": "signatures",
    "income": "funds/income",
    "expense": "funds/expenses",
    "approval": "funds/approvals",
    "payout": "funds/payouts",
}
"""Where the command line writes a new record of each kind, below the registry's root."""

DATED_KINDS = frozenset({"declaration", "payment", "income", "expense", "payout"})
"""Kinds whose new records go in a sub-folder of their year (`declarations/2026/`)."""
