"""Located problems in user data.

A :class:`Diagnostic` says where (file, 1-based line and column, JSON path), how bad
(error or warning), what (a stable code) and why (a message a host can act on). Every stage
returns them instead of raising, so one run shows every problem at once, sorted by file and line.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import asdict, dataclass


class Severity(enum.StrEnum):
    """How bad a problem is: errors make `validate` exit 1, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem; fields are ordered so that sorting sorts by file, line, column."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    json_path: str = "$"

    def format_text(self) -> str:
        """Render as `path:line:column: severity CODE: message ($.json.path)`."""
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity.value} {self.code}: "
            f"{self.message} ({self.json_path})"
        )

    def as_json(self) -> dict[str, str | int]:
        """The record as a JSON-ready mapping with the documented keys."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any diagnostic is an error (warnings alone leave a registry valid)."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line, column, then code; exact duplicates removed."""
    return sorted(set(diagnostics))
