"""Finding a registry: its root folder, its workspace's language and its record files.

A registry is the folder holding `commons-contracts.yaml`; its records are every other
`*.yaml`/`*.yml` file below it, except in hidden and ignored folders and in nested registries.
Nothing here parses YAML: the command line finds the registry and its language before it builds
its help, and every command walks the files before the cache says which to read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from commons_contracts.core.paths import IGNORED_FOLDERS, WORKSPACE_FILE
from commons_contracts.errors import RegistryNotFoundError
from commons_contracts.i18n.translation import _


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
