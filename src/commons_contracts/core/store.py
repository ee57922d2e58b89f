"""Writing files safely: atomically, and never over a record.

Every file the tool writes goes through :func:`write_atomic`: the content is written to a
temporary file in the same folder, flushed to disk, then renamed into place, so a reader or a
crash never sees half a file. Records are created with `overwrite=False`: an existing file is
never replaced, even by a concurrent run (the final step is a hard link, which fails if the name
was taken in the meantime). Derived outputs (documents, reports, schemas) may be replaced.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from commons_contracts.errors import RefusedError


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> Path:
    """Write `data` to `path` in one step; with `overwrite=False`, refuse an existing file.
    A file that cannot be written (a folder in the way, no permission, a full disk) is a
    :class:`RefusedError` naming it, and leaves nothing behind."""
    try:
        return _write_atomic(path, data, overwrite=overwrite)
    except OSError as error:
        raise RefusedError(f"cannot write {path}: {error.strerror or error}") from error


def _write_atomic(path: Path, data: bytes, *, overwrite: bool) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite and path.exists():
        raise RefusedError(f"{path} already exists: it is never overwritten")
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    temporary = Path(name)
    try:
        # mkstemp makes the file private (0600); give it the permissions of any new file.
        os.fchmod(descriptor, 0o666 & ~current_umask())
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            temporary.replace(path)
        else:
            try:
                path.hardlink_to(temporary)
            except FileExistsError:
                raise RefusedError(f"{path} already exists: it is never overwritten") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return path


def current_umask() -> int:
    """The process's umask (the only way to read it is to set it; it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def registry_lock(root: Path) -> Iterator[None]:
    """Hold the registry's write lock: a second command writing records waits for the first,
    so that two runs never choose the same id or validate against a stale registry.

    The lock is taken on the registry folder itself, so no lock file is left in the registry.
    """
    descriptor = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def write_new_files(files: dict[Path, bytes]) -> list[Path]:
    """Create every file of `files`, or none: if one cannot be written, those already written
    are removed before the error goes on."""
    written: list[Path] = []
    try:
        for path, data in files.items():
            written.append(write_atomic(path, data, overwrite=False))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
