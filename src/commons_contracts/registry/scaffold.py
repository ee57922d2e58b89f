"""What the tool gives a host to start with: a starter registry and the schemas for editors.

The starter registry is a set of annotated YAML files shipped in the package (`starter/`):
one record of every kind, with comments explaining each field. It validates, and its contracts
render, which the tests check.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from decimal import Decimal
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from commons_contracts.core.paths import WORKSPACE_FILE
from commons_contracts.core.store import current_umask, write_atomic
from commons_contracts.errors import RefusedError
from commons_contracts.i18n.translation import _
from commons_contracts.registry.schemas import bundled_schemas


def starter_files() -> dict[str, bytes]:
    """The starter registry's files, by path relative to the registry root."""
    found: dict[str, bytes] = {}

    def walk(folder: Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith((".yaml", ".md")):
                found[prefix + entry.name] = entry.read_bytes()

    walk(resources.files("commons_contracts.registry") / "starter", "")
    return dict(sorted(found.items()))


GITIGNORE = """\
# Ce que les commandes produisent et refont à la demande : à ne pas versionner.
# (Files the commands make again whenever asked: not to be versioned.)
out/
"""
"""The `.gitignore` of a new registry: the documents rendered into `out/` (the cache of the
commands lives in the user's cache folder, outside the registry)."""


def create_registry(directory: Path, *, empty: bool = False) -> list[Path]:
    """Create a new registry in `directory` (absent or empty) from the starter files (with
    `empty`, the workspace file only), with a `.gitignore`.

    The files are written in a temporary folder beside it, then moved into place in one
    rename, so an interrupted `init` leaves nothing behind.
    """
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise RefusedError(
            _("{directory} already exists and is not an empty folder").format(directory=directory)
        )

    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    staging.chmod(0o777 & ~current_umask())  # mkdtemp makes it private
    try:
        files = starter_files()
        if empty:
            files = {WORKSPACE_FILE: files[WORKSPACE_FILE]}
        files[".gitignore"] = GITIGNORE.encode("utf-8")
        for relative, content in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if directory.exists():
            directory.rmdir()  # empty, checked above
        staging.replace(directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(p for p in directory.rglob("*") if p.is_file())


def start_git_repository(directory: Path) -> bool:
    """Make `directory` a git repository (`git init`) when git is installed and the folder is
    not already inside one; whether it did. A failure of git leaves the registry as it is."""
    git = shutil.which("git")
    if git is None:
        return False
    inside = subprocess.run(
        [git, "-C", str(directory), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if inside.returncode == 0:
        return False
    started = subprocess.run(
        [git, "init", "--quiet", str(directory)], capture_output=True, check=False, timeout=60
    )
    return started.returncode == 0


def _number(value: object) -> float:
    # The schemas are read with exact decimals; JSON writes a number, whose shortest form
    # (999999999999.99) is the text of the schema file.
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"not JSON: {value!r}")


def write_schemas(out: Path) -> list[Path]:
    """Write the self-contained JSON Schemas of every kind (and `record.schema.json`) to `out`."""
    return [
        write_atomic(
            out / name,
            (json.dumps(document, ensure_ascii=False, indent=2, default=_number) + "\n").encode(
                "utf-8"
            ),
            overwrite=True,
        )
        for name, document in bundled_schemas().items()
    ]
