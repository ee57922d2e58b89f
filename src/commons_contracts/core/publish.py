"""Replacing a folder of derived outputs (the transparency report's site) as a whole.

A site is built in a new folder beside its target, then the two are exchanged in one step
(Linux's `renameat2(RENAME_EXCHANGE)`), so a reader, or a run killed at any point, sees the
old site or the new one, never a mix. The folder may hold files of the user's own (notes, a
`.git`): every file the tool did not write is carried over into the new folder (hard-linked,
symbolic links copied as links, never followed), and only the files the previous run wrote,
listed in a manifest, can disappear. Nothing is ever written through a symbolic link, since
every file is created in the fresh folder.

Where `RENAME_EXCHANGE` does not exist (macOS, Windows, an old kernel or a file system without
it), the old folder is moved aside and the new one moved in: two renames, with a moment where
the folder is missing; the next run puts the old one back if it finds it missing.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from commons_contracts.core.store import current_umask

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True)
class Published:
    """What publishing a folder did."""

    written: tuple[Path, ...]
    """The files of the new folder that the tool wrote, by their final path."""
    removed: tuple[Path, ...]
    """Files the previous run wrote that the new one no longer has."""


def publish_folder(target: Path, files: Mapping[str, bytes], *, manifest: str) -> Published:
    """Make `target` hold exactly `files` (paths relative to it, with `/`) besides the files
    it holds that the tool did not write, in one exchange. `manifest` names the file, inside
    the folder, that lists what the tool wrote, for the next run."""
    target = target.absolute()
    if target.is_symlink():
        target = target.resolve()
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    _recover(target)
    _clean_stale(parent, target.name)
    ours_before = _manifest(target / manifest)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-{os.getpid()}-", dir=parent))
    try:
        staging.chmod(0o777 & ~current_umask())  # mkdtemp makes it private
        for relative, data in files.items():
            _write(staging, relative, data)
        _write(staging, manifest, (json.dumps(sorted(files), indent=0) + "\n").encode("utf-8"))
        removed = _carry_over(target, staging, set(files) | {manifest}, ours_before)
        if target.exists():
            _exchange(staging, target)
        else:
            staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Published(
        tuple(target / relative for relative in files), tuple(target / r for r in removed)
    )


def _write(root: Path, relative: str, data: bytes) -> None:
    path = root / relative
    if not path.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"{relative!r} is not a path inside the folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as handle:
        handle.write(data)


def _manifest(path: Path) -> set[str] | None:
    """The files the previous run wrote, or None when there is no readable manifest (then
    nothing in the folder is taken for the tool's own)."""
    try:
        listed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {item for item in listed if isinstance(item, str)} if isinstance(listed, list) else None


def _carry_over(old: Path, new: Path, written: set[str], ours_before: set[str] | None) -> list[str]:
    """Link every file of `old` that the tool did not write into `new`; return the files of
    the previous run that are not written again (they are left out)."""
    removed: list[str] = []
    if not old.is_dir():
        return removed
    for folder, subfolders, names in os.walk(old):  # os.walk never follows symbolic links
        relative_folder = Path(folder).relative_to(old)
        for name in [*names, *(s for s in subfolders if (Path(folder) / s).is_symlink())]:
            source = Path(folder) / name
            relative = (relative_folder / name).as_posix()
            if relative in written:
                continue
            if ours_before is not None and relative in ours_before:
                removed.append(relative)
                continue
            destination = new / relative
            if destination.exists() or destination.is_symlink():
                continue  # the tool's own file of the same name, or inside its folder
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                destination.symlink_to(source.readlink())
            else:
                try:
                    os.link(source, destination)
                except OSError:
                    shutil.copy2(source, destination)
        for subfolder in subfolders:
            made = new / relative_folder / subfolder
            if not (Path(folder) / subfolder).is_symlink() and not made.is_symlink():
                made.mkdir(parents=True, exist_ok=True)
    return sorted(removed)


def _exchange(new: Path, target: Path) -> None:
    """Swap `new` and `target` in one step, else by two renames."""
    libc_name = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None)
    if renameat2 is not None:
        result = renameat2(
            _AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE
        )
        if result == 0:
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(target))
    aside = target.with_name(f".{target.name}.old-{os.getpid()}")
    target.rename(aside)
    new.rename(target)
    aside.rename(new)  # removed with the staging folder


def _recover(target: Path) -> None:
    """Put back a folder that a run killed between two renames left aside."""
    if target.exists():
        return
    for aside in sorted(target.parent.glob(f".{target.name}.old-*")):
        aside.rename(target)
        return


def _clean_stale(parent: Path, name: str) -> None:
    """Remove the folders that runs killed while building left beside the target."""
    for pattern in (f".{name}.new-*", f".{name}.old-*"):
        for leftover in parent.glob(pattern):
            pid = leftover.name.split("-")[-2] if pattern.endswith("new-*") else ""
            if pattern.endswith("new-*") and pid.isdigit() and _alive(int(pid)):
                continue
            with contextlib.suppress(OSError):
                shutil.rmtree(leftover)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
