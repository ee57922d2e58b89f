"""What the tool gives a host to start with: a starter registry and the schemas for editors.

The starter registry is a set of annotated YAML files shipped in the package (`starter/`):
one record of every kind, with comments explaining each field. It validates, and its contracts
render, which the tests check.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
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


def unchanged_samples(root: Path) -> list[str]:
    """The sample records of `init` that `root` still holds exactly as a release of this
    program wrote them (today's, or an earlier one's: `sample_history.json`, written by
    `tools/sample_history.py`), by path relative to it. The workspace file is the registry's
    own, never a sample; a file reached through a symbolic link, or outside the registry, is
    never one."""
    return [
        relative for relative in sorted(_sample_history()) if is_unchanged_sample(root, relative)
    ]


def is_unchanged_sample(root: Path, relative: str) -> bool:
    """Whether the file `relative` of `root` is, right now, one of the samples of a release."""
    path = root / relative
    if Path(os.path.realpath(path)) != Path(os.path.realpath(root)) / relative:
        return False  # a symbolic link on the way: never a sample
    with contextlib.suppress(OSError):
        if path.is_file() and path.stat().st_size <= _LARGEST_SAMPLE:
            return _sha256(path.read_bytes()) in _sample_history().get(relative, ())
    return False


_LARGEST_SAMPLE = 1 << 20
"""No sample is near this size (they are a few KiB): a larger file is never read to compare."""


@functools.cache
def _sample_history() -> dict[str, frozenset[str]]:
    text = (resources.files("commons_contracts.registry") / "sample_history.json").read_text(
        "utf-8"
    )
    history = {relative: frozenset(digests) for relative, digests in json.loads(text).items()}
    for relative, content in starter_files().items():  # today's, even before the tool ran
        if relative.endswith(".yaml") and relative != WORKSPACE_FILE:
            history[relative] = history.get(relative, frozenset()) | {_sha256(content)}
    return history


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
