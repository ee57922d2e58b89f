"""Finding a registry and its record files, and reading each file safely.

A registry is the folder holding `commons-contracts.yaml`; its records are every other
`*.yaml`/`*.yml` file below it, except in hidden and ignored folders and in nested registries.
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
from commons_contracts.core.paths import IGNORED_FOLDERS, WORKSPACE_FILE, resolved_inside
from commons_contracts.core.store import registry_lock
from commons_contracts.errors import RegistryNotFoundError
from commons_contracts.i18n.translation import _
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


def find_registry_root(given: Path | None = None) -> Path:
    """The registry's root folder: `given` itself, which must hold `commons-contracts.yaml`;
    or, when None, the nearest folder from the current one upward that holds it, as git finds
    its repository. Raises :class:`RegistryNotFoundError` otherwise."""
    if given is not None:
        if (given / WORKSPACE_FILE).is_file():
            return given.resolve()
        raise RegistryNotFoundError(
            _(
                "{given} is not a registry (it has no {value}); create one with "
                "'commons-contracts init {given}'"
            ).format(given=given, value=WORKSPACE_FILE)
        )
    start = Path.cwd().resolve()
    for folder in (start, *start.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return folder
    raise RegistryNotFoundError(
        _(
            "no {value} in {start} or any folder above it: run the command inside a "
            "registry, give one with --registry, or create one with "
            "'commons-contracts init DIR'"
        ).format(value=WORKSPACE_FILE, start=start)
    )


def registry_files(root: Path) -> list[str]:
    """The path, relative to `root` and with `/` separators, of every `*.yaml`/`*.yml` file of
    the registry, sorted, skipping hidden folders, :data:`IGNORED_FOLDERS` and any folder that
    is a registry of its own (it holds a `commons-contracts.yaml`, as git skips a nested
    repository)."""
    # Plain strings and os.walk: with 100,000 files, pathlib objects cost a second.
    found: list[str] = []
    prefix = len(os.fspath(root)) + 1
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in IGNORED_FOLDERS
            and not os.path.isfile(os.path.join(folder, name, WORKSPACE_FILE))  # noqa: PTH113, PTH118
        ]
        relative = folder[prefix:].replace(os.sep, "/")
        found.extend(
            f"{relative}/{name}" if relative else name
            for name in files
            if name.endswith((".yaml", ".yml"))
        )
        # os.walk never follows a symbolic link to a folder: listed, it is reported (a
        # `declarations/2026` linked elsewhere must not be silently left out).
        found.extend(
            f"{relative}/{name}" if relative else name
            for name in subfolders
            if os.path.islink(os.path.join(folder, name))  # noqa: PTH114, PTH118
        )
        subfolders[:] = [
            name
            for name in subfolders
            if not os.path.islink(os.path.join(folder, name))  # noqa: PTH114, PTH118
        ]
    return sorted(found)


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


_WORKSPACE_LANGUAGE = re.compile(r"""^language[ \t]*:[ \t]*["']?([A-Za-z]{2})["']?[ \t]*(?:#|$)""")


def workspace_language(given: Path | None = None) -> str | None:
    """The `language` of the workspace of the registry that `given` names (as
    :func:`find_registry_root` finds it), read from its `language: fr` line alone, without
    parsing the file: the command line asks it before it builds its help. None when there is
    no registry, the file cannot be read or has no such line (its language is then checked by
    `validate`, like any field)."""
    try:
        root = find_registry_root(given)
        with (root / WORKSPACE_FILE).open("rb") as handle:
            head = handle.read(65536)
    except (OSError, RegistryNotFoundError):
        return None
    for line in head.decode("utf-8", "replace").splitlines():
        found = _WORKSPACE_LANGUAGE.match(line)
        if found:
            return found.group(1).lower()
    return None
