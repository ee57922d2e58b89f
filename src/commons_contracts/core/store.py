"""Writing files safely: atomically, never over a record, and a batch whole or not at all.

Every file the tool writes goes through :func:`write_atomic`: the content is written to a
temporary file in the same folder, flushed to disk, then renamed into place, so a reader or a
crash never sees half a file. Records are created with `overwrite=False`: an existing file is
never replaced, even by a concurrent run (the final step is a hard link, which fails if the name
was taken in the meantime). Derived outputs (documents, reports, schemas) may be replaced.

A batch of new records (an import of 5,000 declarations) lands whole or not at all, even if the
command is killed with `kill -9` (:func:`write_new_files`): under the registry's lock, every
file is first written in the hidden folder :data:`~commons_contracts.core.paths.PENDING_FOLDER`
at the registry's root, then a journal listing them is written there in one rename (the commit
point), then each file is hard-linked into its place and the folder removed. A command killed
before the journal leaves only the hidden folder, which the next command rolls back (removes);
killed after it, the next command completes the journal. Every command that reads or writes
the registry first does so, under the lock (:func:`registry_lock`), so no command ever sees
part of a batch. Temporary files carry the id of the process that wrote them; those of a
process that no longer runs are removed by the next writer.

Readers hold the lock shared, writers exclusive: `balance` or `report` during an import read the
registry before it or after it. A command waits for the lock at most
:data:`DEFAULT_LOCK_TIMEOUT_SECONDS` (the environment variable :data:`LOCK_TIMEOUT_VARIABLE`
changes it), telling the user it waits (:func:`set_wait_notice`) and which process holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from commons_contracts.core.paths import (
    DATED_KINDS,
    PENDING_FOLDER,
    RECORD_FOLDERS,
    resolved_inside,
)
from commons_contracts.core.processes import process_alive
from commons_contracts.core.text import translated as _
from commons_contracts.errors import RefusedError

LOCK_TIMEOUT_VARIABLE = "COMMONS_CONTRACTS_LOCK_TIMEOUT"
"""The environment variable giving, in seconds, how long a command waits for the registry's
lock before giving up (`0`: do not wait)."""
DEFAULT_LOCK_TIMEOUT_SECONDS = 60.0
"""How long a command waits for another one holding the registry's lock, by default."""
NOTICE_AFTER_SECONDS = 1.0
"""A command that has waited this long for the lock says so."""

_JOURNAL = "journal.json"
_STAGED = "files"
_TEMPORARY = re.compile(r"^\..+\.tmp-(\d+)-[^.]+$")
"""A temporary file of :func:`write_atomic` (`.NAME.tmp-PID-RANDOM`)."""


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> Path:
    """Write `data` to `path` in one step; with `overwrite=False`, refuse an existing file.
    A file that cannot be written (a folder in the way, no permission, a full disk) is a
    :class:`RefusedError` naming it, and leaves nothing behind."""
    try:
        return _write_atomic(path, data, overwrite=overwrite)
    except OSError as error:
        raise RefusedError(
            _("cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)
        ) from error


def _write_atomic(path: Path, data: bytes, *, overwrite: bool) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite and (path.exists() or path.is_symlink()):
        raise RefusedError(_("{path} already exists: it is never overwritten").format(path=path))
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.tmp-{os.getpid()}-", dir=path.parent)
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
                raise RefusedError(
                    _("{path} already exists: it is never overwritten").format(path=path)
                ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return path


def current_umask() -> int:
    """The process's umask (the only way to read it is to set it; it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_wait_notice: Callable[[str], None] | None = None
_held: dict[str, int] = {}
"""The registries whose lock this process holds (by resolved path), and how: a command that
holds it exclusively reads the registry without asking again."""


def set_wait_notice(notice: Callable[[str], None] | None) -> None:
    """What to call, once, with a message, when a command has to wait for the lock (the
    command line prints it; the library never prints)."""
    global _wait_notice  # noqa: PLW0603 - one setting for the process, made by the command line
    _wait_notice = notice


def lock_timeout_seconds() -> float:
    """How long to wait for the lock: :data:`LOCK_TIMEOUT_VARIABLE`, or the default."""
    text = os.environ.get(LOCK_TIMEOUT_VARIABLE, "").strip()
    try:
        value = float(text) if text else DEFAULT_LOCK_TIMEOUT_SECONDS
    except ValueError:
        value = DEFAULT_LOCK_TIMEOUT_SECONDS
    return value if value >= 0 and value == value else DEFAULT_LOCK_TIMEOUT_SECONDS  # noqa: PLR0124


class LockBusyError(Exception):
    """The registry's lock is another command's now (:func:`registry_lock` with `wait` false)."""


@contextlib.contextmanager
def registry_lock(root: Path, *, shared: bool = False, wait: bool = True) -> Iterator[None]:
    """Hold the registry's lock: exclusive for a command writing records (a second one waits
    for the first, so that two runs never choose the same id or validate against a stale
    registry), shared for one reading them (it waits while a batch is written, so it sees the
    registry before or after, never between). Taking it finishes or rolls back a batch that a
    killed command left (see the module's documentation).

    The lock is taken on the registry folder itself, so no lock file is left in the registry.
    Waiting is bounded (:func:`lock_timeout_seconds`); without `wait`, a lock held by another
    command is a :class:`LockBusyError` at once. A reader on a file system without locks reads
    without one."""
    key = os.path.realpath(root)
    if key in _held and (shared or _held[key] == fcntl.LOCK_EX):
        yield  # this process holds it already
        return
    descriptor = os.open(root, os.O_RDONLY)
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            if shared and (Path(root) / PENDING_FOLDER).exists():
                _acquire(descriptor, fcntl.LOCK_EX, root, wait)
                _recover_quietly(root)
            _acquire(descriptor, mode, root, wait)  # from exclusive to shared, or taken now
        except OSError:
            if not shared:
                raise
            mode = 0  # no locks on this file system: read without
        if mode == fcntl.LOCK_EX:
            recover(root)
        _held[key] = mode
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(descriptor)  # closing releases the lock


def _acquire(descriptor: int, mode: int, root: Path, wait: bool) -> None:
    try:
        fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        if not wait:
            raise LockBusyError(root) from None
    timeout = lock_timeout_seconds()
    start = time.monotonic()
    told = False
    while True:
        waited = time.monotonic() - start
        if waited >= timeout:
            raise RefusedError(
                _(
                    "the registry {root} is locked by another command{holder} for more than "
                    "{timeout} s: let it finish, or stop it, then run this command again (set "
                    "{variable} to wait longer)"
                ).format(
                    root=root,
                    holder=_holder(descriptor),
                    timeout=f"{timeout:g}",
                    variable=LOCK_TIMEOUT_VARIABLE,
                )
            )
        if not told and waited >= NOTICE_AFTER_SECONDS and _wait_notice is not None:
            told = True
            _wait_notice(
                _(
                    "waiting for another command{holder} using the registry {root} (at most "
                    "{timeout} s; {variable} changes it)"
                ).format(
                    holder=_holder(descriptor),
                    root=root,
                    timeout=f"{timeout:g}",
                    variable=LOCK_TIMEOUT_VARIABLE,
                )
            )
        time.sleep(min(0.05, max(0.0, timeout - waited)))
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            continue


def _holder(descriptor: int) -> str:
    """`" (process 1234)"` when Linux says which process holds a lock on the folder."""
    try:
        found = os.fstat(descriptor)
        wanted = f"{os.major(found.st_dev):02x}:{os.minor(found.st_dev):02x}:{found.st_ino}"
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:  # noqa: PTH123
            for line in handle:
                fields = line.split()
                mine = fields[4:5] == [str(os.getpid())]
                if len(fields) > 5 and fields[1] == "FLOCK" and fields[5] == wanted and not mine:
                    return _(" (process {pid})").format(pid=fields[4])
    except OSError:
        pass
    return ""


def recover(root: Path, *, temporaries: bool = True) -> None:
    """Under the exclusive lock: complete the batch a killed command committed (its journal is
    written), or roll back one it had not (only staged files), and remove the temporary files
    of processes that no longer run (unless `temporaries` is False: a walk of the whole
    registry, which taking the exclusive lock has just done)."""
    pending = Path(root) / PENDING_FOLDER
    if pending.exists() or pending.is_symlink():
        journal = _read_journal(pending / _JOURNAL)
        if journal is not None:
            _move_in(Path(root), pending, journal)
        _remove_tree(pending)
    if temporaries:
        _clean_temporaries(Path(root))


def _recover_quietly(root: Path) -> None:
    with contextlib.suppress(OSError, RefusedError):
        recover(root)


def _remove_tree(folder: Path) -> None:
    if folder.is_symlink() or not folder.is_dir():
        folder.unlink(missing_ok=True)
    else:
        shutil.rmtree(folder)


def _read_journal(path: Path) -> list[tuple[str, str]] | None:
    try:
        listed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # no journal (or none written whole): nothing was committed
    if not isinstance(listed, list):
        return None
    return [(str(item[0]), str(item[1])) for item in listed if isinstance(item, list)]


def _move_in(root: Path, pending: Path, journal: list[tuple[str, str]]) -> None:
    """Link each staged file to its place; one in place already (linked before a kill) is
    left as it is. Idempotent: a command killed while doing this is finished by the next."""
    folders: set[Path] = set()
    for staged, relative in journal:
        source, target = pending / _STAGED / staged, root / relative
        if not source.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.link(source, target)
        folders.add(target.parent)
    for folder in folders:
        _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


_JOURNALED_FOLDERS = frozenset(RECORD_FOLDERS[kind] for kind in DATED_KINDS)
"""The folders of dated records, which only batches of new records write (staged, then
linked in place: :func:`write_new_files`), never :func:`write_atomic`."""


def _clean_temporaries(root: Path) -> None:
    """Remove the temporary files of :func:`write_atomic` left by processes that are gone,
    wherever it writes: everywhere in the registry but `.git` and the folders of dated records,
    which hold nearly all of a large registry's files (listing them took most of a write)."""
    base = os.fspath(root)
    for folder, subfolders, names in os.walk(base):
        relative = os.path.relpath(folder, base).replace(os.sep, "/")
        subfolders[:] = [
            name
            for name in subfolders
            if name != ".git"
            and (name if relative == "." else f"{relative}/{name}") not in _JOURNALED_FOLDERS
        ]
        for name in names:
            found = _TEMPORARY.match(name) if name[0] == "." else None
            if found and not process_alive(int(found.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))  # noqa: PTH108, PTH118


def write_new_files(root: Path, files: dict[Path, bytes]) -> list[Path]:
    """Create every file of `files` (each inside the registry at `root`), or none, even if the
    process is killed: staged, committed by a journal, then moved in (see the module's
    documentation). Must be called under the exclusive :func:`registry_lock`. A file that
    exists already, or whose folder leads outside the registry, refuses the whole batch."""
    root = Path(root)
    targets: list[tuple[Path, str]] = []
    for path in files:
        relative = (
            Path(path).relative_to(root).as_posix()
            if Path(path).is_relative_to(root)
            else Path(path).as_posix()
        )
        parent = resolved_inside(root, Path(relative).parent)
        if parent is None or parent != Path(os.path.realpath(root / relative)).parent:
            raise RefusedError(
                _(
                    "{path}: its folder leads outside the registry (a symbolic link): records "
                    "are written only inside the registry"
                ).format(path=root / relative)
            )
        if (root / relative).exists() or (root / relative).is_symlink():
            raise RefusedError(
                _("{path} already exists: it is never overwritten").format(path=root / relative)
            )
        targets.append((path, relative))
    pending = root / PENDING_FOLDER
    try:
        recover(root, temporaries=False)  # the exclusive lock removed them when it was taken
        (pending / _STAGED).mkdir(parents=True)
        journal = []
        for number, (path, relative) in enumerate(targets):
            staged = f"{number:06d}.yaml"
            with (pending / _STAGED / staged).open("xb") as handle:
                handle.write(files[path])
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(pending / _STAGED / staged, 0o666 & ~current_umask())  # noqa: PTH101
            journal.append([staged, relative])
        _sync_folder(pending / _STAGED)
        text = json.dumps(journal, ensure_ascii=False).encode("utf-8")
        write_atomic(pending / _JOURNAL, text, overwrite=False)  # the commit point
        _sync_folder(pending)
        _move_in(root, pending, [(staged, relative) for staged, relative in journal])
        _remove_tree(pending)
    except OSError as error:
        # Not committed: nothing moved in. Committed: the next command completes it.
        if _read_journal(pending / _JOURNAL) is None:
            with contextlib.suppress(OSError):
                _remove_tree(pending)
        raise RefusedError(
            _("cannot write the new records: {reason}").format(reason=error.strerror or error)
        ) from error
    except BaseException:
        if _read_journal(pending / _JOURNAL) is None:
            with contextlib.suppress(OSError):
                _remove_tree(pending)
        raise
    return [root / relative for _, relative in targets]
