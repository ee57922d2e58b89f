"""Reading each record file of a registry safely (:mod:`~commons_contracts.registry.root`
finds the registry and its files).

Whole-file problems are caught before parsing: files over :data:`MAX_FILE_BYTES`, binary and
non-UTF-8 files, and unresolved merge-conflict markers. Each file's text then goes to
:func:`~commons_contracts.registry.yaml_walk.parse_records`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.paths import resolved_inside
from commons_contracts.core.store import registry_lock
from commons_contracts.i18n.translation import _
from commons_contracts.registry.root import registry_files
from commons_contracts.registry.yaml_walk import Record, parse_records

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest YAML file read (5 MiB). A record file is a few hundred bytes and a year of
declarations in one file a few hundred kilobytes; anything larger is a mistake or an attack."""

_CONFLICT_START = re.compile(rb"^<<<<<<<(?: |$)", re.MULTILINE)
_CONFLICT_END = re.compile(rb"^>>>>>>>(?: |$)", re.MULTILINE)


@dataclass(slots=True)
class LoadResult:
    """Every record read from a registry, and the problems met while reading."""

    root: Path
    records: list[Record]
    diagnostics: list[Diagnostic]


def load_registry(root: Path) -> LoadResult:
    """Read every record of the registry at `root` (under its shared lock: never in the middle
    of a batch being written); never raises on bad data."""
    with registry_lock(root, shared=True):
        return _load_registry(root)


def _load_registry(root: Path) -> LoadResult:
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    for shown in registry_files(root):
        file_records, file_diagnostics = load_file(os.path.join(root, shown), shown)  # noqa: PTH118
        records.extend(file_records)
        diagnostics.extend(file_diagnostics)
    return LoadResult(root, records, diagnostics)


def load_file(path: str | Path, shown: str) -> tuple[list[Record], list[Diagnostic]]:
    """Read the records of one YAML file (`shown` is its path as diagnostics print it);
    problems come back as diagnostics, never raised."""

    def whole_file(code: Code, message: str, line: int = 1, column: int = 1) -> Diagnostic:
        return Diagnostic(shown, line, column, code, message)

    not_read = _not_a_record_file(os.fspath(path), shown)
    if not_read is not None:
        return [], [whole_file(*not_read)]
    try:
        # Never blocks: only a regular file gets here, and O_NONBLOCK covers a swap since.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            # Read one byte past the limit rather than stat first: one system call less per
            # file, and a huge file is never read in full.
            raw = handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                size = os.fstat(handle.fileno()).st_size
                return [], [
                    whole_file(
                        Code.FILE_TOO_LARGE,
                        _(
                            "file is {size:,} bytes, over the limit of {value:,} bytes "
                            "(5 MiB): split it into several files"
                        ).format(size=size, value=MAX_FILE_BYTES),
                    )
                ]
    except OSError as error:
        return [], [
            whole_file(
                Code.UNREADABLE_FILE,
                _("cannot read the file: {error_strerror}").format(error_strerror=error.strerror),
            )
        ]
    problem = _check_raw_text(raw)
    if problem is not None:
        code, message, line, column = problem
        return [], [whole_file(code, message, line, column)]
    return parse_records(raw.decode("utf-8"), path=os.fspath(path), shown=shown)


def _not_a_record_file(path: str, shown: str) -> tuple[Code, str] | None:
    """Why the file at `path` is not read: a symbolic link leading outside the registry or to
    a folder, or something that is not a regular file (a pipe would block forever)."""
    import stat  # noqa: PLC0415

    try:
        found = os.lstat(path)
    except OSError:
        return None  # reported when it is opened
    if stat.S_ISLNK(found.st_mode):
        root = path[: len(path) - len(shown)].rstrip(os.sep) or os.sep
        if resolved_inside(Path(root), shown) is None:
            return (
                Code.OUTSIDE_REGISTRY,
                _(
                    "a symbolic link to {realpath}, outside the registry: records are read "
                    "only inside it (copy the file in, or link the other way round)"
                ).format(realpath=os.path.realpath(path)),
            )
        try:
            found = os.stat(path)  # noqa: PTH116 - str paths: see registry_files
        except OSError:
            return (Code.UNREADABLE_FILE, _("a symbolic link to nothing"))
        if stat.S_ISDIR(found.st_mode):
            return (
                Code.NOT_A_FILE,
                _("a symbolic link to a folder, never followed: move the folder here instead"),
            )
        if stat.S_ISREG(found.st_mode):
            return None
    if not stat.S_ISREG(found.st_mode):
        return (
            Code.NOT_A_FILE,
            _("not a regular file (a pipe, a device or a socket): it is never read"),
        )
    return None


def _check_raw_text(raw: bytes) -> tuple[Code, str, int, int] | None:
    """Whole-file problems found before parsing, as (code, message, line, column)."""
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return (Code.BINARY_FILE, _("this is a binary file, not YAML text"), line, 1)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return (
            Code.NOT_UTF8,
            _("byte 0x{value:02x} is not UTF-8: save the file as UTF-8").format(
                value=raw[error.start]
            ),
            line,
            column,
        )
    start = _CONFLICT_START.search(raw)
    if start is not None and _CONFLICT_END.search(raw, start.end()):
        line = raw.count(b"\n", 0, start.start()) + 1
        return (
            Code.MERGE_CONFLICT,
            _(
                "unresolved git merge conflict (<<<<<<<, =======, >>>>>>>): keep one "
                "side, remove the markers, then commit"
            ),
            line,
            1,
        )
    return None
