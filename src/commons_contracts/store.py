"""Writing files safely: atomically, and never over a record.

Every file the tool writes goes through :func:`write_atomic`: the content is written to a
temporary file in the same folder, flushed to disk, then renamed into place, so a reader or a
crash never sees half a file. Records are created with `overwrite=False`: an existing file is
never replaced, even by a concurrent run (the final step is a hard link, which fails if the name
was taken in the meantime). Derived outputs (documents, reports, schemas) may be replaced.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from commons_contracts.errors import RefusedError


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> Path:
    """Write `data` to `path` in one step; with `overwrite=False`, refuse an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite and path.exists():
        raise RefusedError(f"{path} already exists: it is never overwritten")
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    temporary = Path(name)
    try:
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
