"""The cache of what each registry file yields, so that an unchanged file is not read again.

For every record file, the cache keeps its :class:`~commons_contracts.registry.yields.FileYield`
(its records and its own diagnostics, as JSON text), keyed as git keys its index: size,
modification time, change time, inode and device. A file whose key has changed is read again;
so is a file changed too close to the moment its entry was made (the *racy* case: a second
change within the same tick of the file system's clock would keep the key), whose entry is
used only if reading it again gives the very same yield. The rules across records are not
cached per file: they run again on the cached records. What is cached beside the files is the
last result of those rules for an exact state of the registry (every file's path and key) and
of this program, with the kinds of records each file held in it and, by contract, the files
that held only declarations and payments of one contract (with their records' ids), so that
validating an unchanged registry reads no file at all, a command that needs only some kinds
reads only the files that hold them, and one that needs only some contracts' declarations and
payments (`balance --contract`, and a writer adding records to one contract: see
:mod:`commons_contracts.validation.entries`) leaves the others' unread. Beside them, results
that a command computes contract by contract (each contract's balance: :class:`Keeping`) are
kept by the paths and keys of the files they were computed from, so that a contract whose
files are unchanged is neither read nor computed again.

Where: one SQLite database per registry in the user's cache folder,
`$XDG_CACHE_HOME/commons-contracts/registries/` (by default `~/.cache/...`), named after a hash
of the registry's absolute path. The cache is never inside the registry, so a clone can never
bring one, nothing needs to be ignored in git, and a read-only registry is cached too. Clear
it by deleting that folder; `--no-cache` (or `COMMONS_CONTRACTS_NO_CACHE=1`) bypasses it.

Safety: the format holds JSON text, integers and arrays of integers (as bytes) only, never
anything that runs code; every entry carries a CRC-32 of its text; a database that is damaged,
truncated, of another format or written by another version of this program is deleted and
rebuilt; SQLite's own locking keeps two processes writing at once from losing anything, and of
two views of one file the later one wins. A cache that cannot be opened at all (no writable
cache folder) is simply not used.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import hashlib
import importlib.util
import operator
import os
import sqlite3
import sys
import zlib
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from commons_contracts.core.dates import today
from commons_contracts.core.diagnostics import Diagnostic, has_errors
from commons_contracts.core.processes import (
    die_with_parent,
    usable_cores,
    without_cycle_collection,
)
from commons_contracts.core.store import registry_lock
from commons_contracts.registry.scan import (
    FileState,
    Scan,
    cache_enabled,
    cache_file,
    stat_files,
    taken_scan,
)
from commons_contracts.registry.schemas import kind_schemas
from commons_contracts.registry.yields import (
    FileYield,
    YieldFormatError,
    decode_diagnostics,
    decode_yields,
    encode_diagnostics,
    encode_yield,
    file_yield,
    yields_from_json,
)

FORMAT = "commons-contracts registry cache 7"

RACY_MARGIN_NS = 2_000_000_000
"""A file changed less than this before its entry was made is read again before its entry is
trusted. Two seconds cover the coarsest file system clocks (FAT counts in steps of two seconds;
ext3, HFS+ and many network file systems in whole seconds)."""

PARALLEL_MIN_FILES = 1000
"""Below this many files to read, one process reads them; above, one process per core."""


def _shown(state: FileState) -> str:
    return state.shown


@dataclass
class RegistryState:
    """The files of a registry and what each yields, from the cache or read again; and, when
    the cache knows it, the diagnostics of the whole registry in exactly this state."""

    root: Path
    files: list[FileState]
    yields: list[FileYield]
    """One per file, in file order (empty when only the known diagnostics were asked for)."""
    known_diagnostics: tuple[Diagnostic, ...] | None
    """The diagnostics of `validate` on this state, when the cache holds them."""
    _store: _Store | None = field(default=None, repr=False)
    _scanned_ns: int = 0
    _crcs: dict[str, int] = field(default_factory=dict, repr=False)
    partial: bool = False
    """True when `yields` are those of only some files (:func:`read_registry` with
    `leave_out` or `entries_of`): then they are not one per file, and nothing is added or
    remembered, but in a state read in part for a writer (:attr:`unread`)."""
    _read: list[str] | None = field(default=None, repr=False)
    """For a writer's state read in part (:func:`read_registry` with `entries_only_with`): the
    files read, in file order, which `yields` are those of; the others are left unread."""
    contracts_read: frozenset[str] | None = None
    """For a state read in part by contract (`entries_of`), the contracts whose declarations and
    payments were read."""
    _groups: _Groups | None = field(default=None, repr=False)
    """For a writer's state read in part, its files grouped as the remembered result keeps
    them."""
    _scanned_on: datetime.date | None = field(default=None, repr=False)
    """The day when the files were examined, which validation counts from (a date far ahead)."""
    kept: KeptResults[Any] | None = None
    """With :func:`read_registry`'s `keeping`, the results kept for the contracts left unread,
    and where to keep those computed of the others (for a state read whole, once it is
    remembered: of the contracts that have files of their own)."""

    def remember(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Keep `diagnostics` as the result of validating the registry in this state."""
        if self.partial and self._groups is None:
            raise ValueError("a registry read in part is never remembered")
        if self._store is None or any(state.key is None for state in self.files):
            return
        day = self._scanned_on
        if day is None or today() != day:
            return  # midnight passed since the files were examined: validation saw either day
        racy: list[tuple[str, int]] = []
        for state in self.files:
            if state.changed_ns >= self._scanned_ns - RACY_MARGIN_NS:
                crc = self._crcs.get(state.shown)
                if crc is None:  # a clock set back: a file racy now that was not then
                    return
                racy.append((state.shown, crc))
        groups = self._groups if self._groups is not None else _Groups.of(self.yields)
        self._store.put_memo(
            _state_digest(self.files, day),
            self._scanned_ns,
            racy,
            encode_diagnostics(diagnostics),
            groups,
        )
        if self.kept is not None and not self.partial:  # read whole: its results can be kept
            with contextlib.suppress(sqlite3.Error, YieldFormatError):  # if not damaged
                by_contract = groups.by_contract()
                self.kept = _kept_results(
                    self._store,
                    self.files,
                    self.kept.keeping,
                    alone=groups.alone(),
                    by_contract=by_contract,
                    chosen=by_contract.keys(),
                    scanned_ns=self._scanned_ns,
                )

    def add_files(self, shown_paths: Sequence[str]) -> dict[str, FileYield]:
        """Take in files just written to the registry (by this process, under the registry's
        lock): they are read, their entries stored, and they join the state; gives what each
        yields. A writer's state read in part takes them in too, so that it can be remembered
        with them."""
        if self.partial and self._groups is None:
            raise ValueError("records are added to a registry read whole")
        if not shown_paths:
            return {}
        base = os.fspath(self.root)
        added = {state.shown: state for state in stat_files(base, shown_paths)}
        found = [file_yield(os.path.join(base, shown), shown) for shown in shown_paths]  # noqa: PTH118
        texts = [encode_yield(one) for one in found]
        rows = []
        for shown, text, one in zip(shown_paths, texts, found, strict=True):
            key = added[shown].key
            self._crcs[shown] = _crc(key, text)
            if key is not None:
                rows.append((shown, key, self._scanned_ns, self._crcs[shown], text, _kinds(one)))
        new = dict(zip(shown_paths, found, strict=True))
        if self._groups is not None:
            self._groups = self._groups.with_files(self.files, new)
        by_shown = {**self.yields_by_file(), **new}
        files = list(self.files)
        for state in added.values():
            bisect.insort(files, state, key=_shown)
        self.files = files
        if self._read is None:
            self.yields = [by_shown[state.shown] for state in files]
        else:
            self._read = sorted(by_shown)
            self.yields = [by_shown[shown] for shown in self._read]
        self.known_diagnostics = None
        if self._store is not None:
            self._store.update(rows, [], self._scanned_ns)
        return dict(zip(shown_paths, found, strict=True))

    def yields_by_file(self) -> dict[str, FileYield]:
        """The yields read, by file, in file order: every file, but for a writer's state read
        in part those :attr:`unread` (not for another state read in part)."""
        shown = [state.shown for state in self.files] if self._read is None else self._read
        return dict(zip(shown, self.yields, strict=True))

    @property
    def unread(self) -> frozenset[str]:
        """For a writer's state read in part, the files left unread, whose diagnostics are
        those known."""
        if self._read is None:
            return frozenset()
        read = set(self._read)
        return frozenset(state.shown for state in self.files if state.shown not in read)

    def unread_diagnostics(self) -> list[Diagnostic]:
        """What the cache knows of the files :attr:`unread`: what validation says of them,
        which the new records of a writer do not change (see `validation.entries`)."""
        if self._read is None:
            return []
        assert self.known_diagnostics is not None, "files are left unread only on a known state"
        read = set(self._read)
        return [d for d in self.known_diagnostics if d.path not in read and self.holds(d.path)]

    def holds(self, shown: str) -> bool:
        """Whether `shown` is one of the state's files (they are sorted: no set of a hundred
        thousand paths is made)."""
        at = bisect.bisect_left(self.files, shown, key=_shown)
        return at < len(self.files) and self.files[at].shown == shown

    def record_ids(self) -> set[str]:
        """The id of every record of the registry: of those read, and of those `unread` (which
        the remembered result keeps)."""
        ids = {record.id for found in self.yields for record in found.records if record.id}
        if self._groups is not None:
            ids.update(self._groups.entry_ids)
        return ids


T = TypeVar("T")


@dataclass(frozen=True)
class Keeping(Generic[T]):
    """Results that a command computes contract by contract, each from that contract's own
    declarations and payments and the registry's other records (`balance`), and asks the cache
    to keep (:class:`KeptResults`)."""

    kind: str
    """What they are (`balance`): one result of each kind is kept by contract."""
    parameters: str
    """What they depend on besides the records (the day they are computed at)."""
    encode: Callable[[T], str]
    """A result as the text kept."""
    decode: Callable[[str], T]
    """A kept text as the result; ValueError for a text it cannot read, whose result is then
    computed again and kept in its place."""


@dataclass
class KeptResults(Generic[T]):
    """The results of :class:`Keeping` that the cache keeps for one state: by what they were
    computed from (the path and key of each of those files, and the parameters). A contract
    whose result is kept for its files as they are now has its entries left unread
    (:func:`read_registry`)."""

    keeping: Keeping[T]
    found: dict[str, T]
    """By contract, its result kept for its files as they are now."""
    _inputs: dict[str, str] = field(default_factory=dict, repr=False)
    """By contract whose entries were read, the digest of what its result is computed from,
    when none of those files was changed too recently for its key to be trusted."""
    _store: _Store | None = field(default=None, repr=False)

    def keep(self, results: Mapping[str, T]) -> None:
        """Keep the results, by contract, computed from the state read (those of a contract it
        did not read, or whose files were racy, are not kept)."""
        rows = []
        for contract, result in results.items():
            digest = self._inputs.get(contract)
            if digest is not None:
                text = self.keeping.encode(result)
                rows.append((self.keeping.kind, contract, digest, _crc(digest, text), text))
        if rows and self._store is not None:
            self._store.put_results(rows)


@dataclass
class _Groups:
    """The files of a state, by their position, as the remembered result keeps them: the kinds
    of each file's records and, for a file that holds only declarations and payments of one
    contract, that contract, with the ids of those records.

    Each is one code per file, in an array: a new file is one code inserted in each, and the
    arrays are written and read as bytes (a hundred thousand positions in lists of numbers took
    a fifth of a second to move, write and read again on every `declare`: BENCHMARKS.md)."""

    kinds: list[str]
    """Each set of kinds (:func:`_kinds`) held by a file, by its code."""
    kinds_of: array[int]
    """For each file, the code of its kinds."""
    contracts: list[str]
    """Each contract some file holds the declarations and payments of alone; its code is its
    place in this list plus one."""
    contract_of: array[int]
    """For each file, the code of the contract whose entries are all it holds, 0 for none."""
    entry_ids: list[str]
    """The ids of the records of the files that are a contract's."""

    @classmethod
    def of(cls, yields: Iterable[FileYield]) -> _Groups:
        """The groups of the files that yield `yields`, in file order."""
        groups = cls([], array(_CODE), [], array(_CODE), [])
        kinds_at: dict[str, int] = {}
        contracts_at: dict[str, int] = {}
        for found in yields:
            kinds, contract = groups._codes(found, kinds_at, contracts_at)
            groups.kinds_of.append(kinds)
            groups.contract_of.append(contract)
        return groups

    def _codes(
        self, found: FileYield, kinds_at: dict[str, int], contracts_at: dict[str, int]
    ) -> tuple[int, int]:
        """The codes of a file that yields `found` (new codes added: `kinds_at` and
        `contracts_at` give those known, by text), its records' ids counted in if it is a
        contract's."""
        kinds = _kinds(found)
        kinds_code = kinds_at.get(kinds)
        if kinds_code is None:
            kinds_code = kinds_at[kinds] = len(self.kinds)
            self.kinds.append(kinds)
        contract = _entries_contract(found)
        if contract is None:
            return kinds_code, 0
        contract_code = contracts_at.get(contract)
        if contract_code is None:
            self.contracts.append(contract)
            contract_code = contracts_at[contract] = len(self.contracts)
        self.entry_ids.extend(record.id for record in found.records if record.id)
        return kinds_code, contract_code

    def with_files(self, files: Sequence[FileState], added: Mapping[str, FileYield]) -> _Groups:
        """The groups of `files` (sorted) once the new files `added` (by path) join them."""
        groups = _Groups(
            list(self.kinds),
            array(_CODE, self.kinds_of),
            list(self.contracts),
            array(_CODE, self.contract_of),
            list(self.entry_ids),
        )
        kinds_at = {kinds: code for code, kinds in enumerate(groups.kinds)}
        contracts_at = {name: code for code, name in enumerate(groups.contracts, 1)}
        for before, shown in enumerate(sorted(added)):  # each lands after those added before
            place = bisect.bisect_left(files, shown, key=_shown) + before
            kinds, contract = groups._codes(added[shown], kinds_at, contracts_at)
            groups.kinds_of.insert(place, kinds)
            groups.contract_of.insert(place, contract)
        return groups

    def alone(self) -> list[int]:
        """The files that are no contract's."""
        return _where(self.contract_of, [0])

    def of_contracts(self, contracts: Iterable[str]) -> dict[str, list[int]]:
        """The files of each of `contracts` that has some."""
        codes = {name: code for code, name in enumerate(self.contracts, 1)}
        wanted = [name for name in contracts if name in codes]
        if len(wanted) > _SEARCHED_CONTRACTS:
            every = self.by_contract()
            return {name: every[name] for name in wanted if name in every}
        return {name: _where(self.contract_of, [codes[name]]) for name in wanted}

    def by_contract(self) -> dict[str, list[int]]:
        """The files of every contract."""
        found: dict[str, list[int]] = {}
        names = self.contracts
        for position, code in enumerate(self.contract_of):
            if code:
                found.setdefault(names[code - 1], []).append(position)
        return found


_SEARCHED_CONTRACTS = 16
"""Up to this many contracts, the files of each are found by searching the codes' bytes
(1.4 ms a contract on 100,000 files); for more, one pass over every file (23 ms) is faster:
`balance` of 200 contracts took 250 ms to find their files one by one."""

_CODE = "I"
"""The type of the groups' codes in an :class:`array.array` (four bytes, as written)."""


def _where(codes: array[int], wanted: Collection[int]) -> list[int]:
    """The positions in `codes` of the codes `wanted`, found by searching the array's bytes
    (fast for codes that few files have, as those of :meth:`_Groups.alone`)."""
    data = codes.tobytes()
    size = codes.itemsize
    found: list[int] = []
    for code in wanted:
        needle = code.to_bytes(size, sys.byteorder)
        at = data.find(needle)
        while at >= 0:
            if at % size:  # across two codes
                at = data.find(needle, at + 1)
                continue
            found.append(at // size)
            at = data.find(needle, at + size)
    found.sort()
    return found


def _codes_from(data: object, count: int, limit: int) -> array[int]:
    """The codes written as `data` (:func:`_codes_bytes`): one per file, each below `limit`;
    anything else is a damaged memo."""
    codes = array(_CODE)
    if type(data) is not bytes or len(data) != count * codes.itemsize:
        raise YieldFormatError("the remembered result is damaged")
    codes.frombytes(data)
    if sys.byteorder == "big":
        codes.byteswap()
    if codes and max(codes) >= limit:
        raise YieldFormatError("the remembered result is damaged")
    return codes


def _codes_bytes(codes: array[int]) -> bytes:
    """`codes` as written: little-endian, whatever the machine."""
    if sys.byteorder == "big":
        codes = array(_CODE, codes)
        codes.byteswap()
    return codes.tobytes()


def read_registry(
    root: Path,
    *,
    cache: bool | None = None,
    records: bool = True,
    leave_out: frozenset[str] = frozenset(),
    entries_of: EntriesOf | None = None,
    entries_only_with: frozenset[str] | None = None,
    keeping: Keeping[Any] | None = None,
) -> RegistryState:
    """The state of the registry at `root`: its files and their yields, through the cache
    unless it is off. With `records=False`, when the cache knows the diagnostics of this exact
    state, no yield is read at all (`validate` on an unchanged registry). With `leave_out`
    (kinds of records), when the cache knows the diagnostics of this exact state, the files
    whose cached entry holds only records of those kinds are left out of the yields (the state
    is then `partial`); otherwise every file is read, as without it. With `entries_of`, in the
    same case, the files that held only declarations and payments of one contract are read
    only for the contracts that `entries_of` names, given the yields of every other file
    read; with `entries_only_with` as well, only on the conditions of a writer's read
    (:func:`_read_in_part`), and the state can then take in new files and be remembered. With
    `entries_of` and `keeping`, a contract named whose result is kept for its files as they are
    now has its entries left unread too, and the state's `kept` gives those results. The
    files are read under the registry's shared lock: never in the middle of a batch
    being written."""
    with registry_lock(root, shared=True), taken_scan(root) as scan:
        state = _read_registry(
            scan,
            cache=cache,
            records=records,
            leave_out=leave_out,
            entries_of=entries_of,
            entries_only_with=entries_only_with,
            keeping=keeping,
        )
    if keeping is not None and state.kept is None:
        # Not read by contract (a state the cache does not know, the cache off or started
        # again): nothing is found, and nothing is kept unless the state is then remembered.
        state.kept = KeptResults(keeping, {})
    return state


EntriesOf = Callable[[list[FileYield]], Collection[str]]
"""The contracts whose declarations and payments a command reads, from the yields of the
files that hold anything else (:func:`read_registry`)."""


def _read_registry(
    scan: Scan,
    *,
    cache: bool | None,
    records: bool,
    leave_out: frozenset[str] = frozenset(),
    entries_of: EntriesOf | None = None,
    entries_only_with: frozenset[str] | None = None,
    keeping: Keeping[Any] | None = None,
) -> RegistryState:
    root, scanned_ns, scanned_on = scan.root, scan.scanned_ns, scan.scanned_on
    store = _Store.open(root) if cache_enabled(cache) else None  # as a child looks, maybe
    files = scan.files()
    if store is None:
        found = _read_files(root, [state.shown for state in files])
        return RegistryState(root, files, found, None)
    try:
        return _read_through(
            store,
            root,
            files,
            scanned_ns,
            scanned_on,
            records=records,
            leave_out=leave_out,
            entries_of=entries_of,
            entries_only_with=entries_only_with,
            keeping=keeping,
        )
    except (sqlite3.Error, YieldFormatError):
        # A damaged cache: start it again from nothing, and read every file.
        store = store.reset()
        if store is None:
            return RegistryState(root, files, _read_files(root, [s.shown for s in files]), None)
        return _read_through(store, root, files, scanned_ns, scanned_on, records=records)


def _read_through(
    store: _Store,
    root: Path,
    files: list[FileState],
    scanned_ns: int,
    scanned_on: datetime.date,
    *,
    records: bool,
    leave_out: frozenset[str] = frozenset(),
    entries_of: EntriesOf | None = None,
    entries_only_with: frozenset[str] | None = None,
    keeping: Keeping[Any] | None = None,
) -> RegistryState:
    base = os.fspath(root)
    memo = _known_memo(store, base, files, scanned_on)
    known = None
    if memo is not None:
        known = decode_diagnostics(_json_list(memo.diagnostics))
        if not records:
            return RegistryState(root, files, [], known, store, scanned_ns, _scanned_on=scanned_on)
        if leave_out or entries_of is not None:
            found = _read_in_part(
                store,
                root,
                files,
                known,
                memo,
                scanned_ns=scanned_ns,
                scanned_on=scanned_on,
                leave_out=leave_out,
                entries_of=entries_of,
                entries_only_with=entries_only_with,
                keeping=keeping,
            )
            if found is not None:
                return found
    entries = store.entries()
    texts: dict[str, str] = {}
    crcs: dict[str, int] = {}
    to_read: list[str] = []
    racy: list[str] = []
    for state in files:
        entry = entries.get(state.shown)
        if entry is None or state.key is None or entry[0] != state.key:
            to_read.append(state.shown)
            continue
        key, checked_ns, crc, text = entry
        if crc != _crc(key, text):
            raise YieldFormatError(f"the cached entry of {state.shown} is damaged")
        texts[state.shown] = text
        crcs[state.shown] = crc
        if state.changed_ns >= checked_ns - RACY_MARGIN_NS:
            racy.append(state.shown)
    fresh = _read_files_as_text(root, to_read + racy)
    states = {state.shown: state for state in files}
    new_entries = []
    for shown, text in fresh.items():
        state = states[shown]
        unchanged = texts.get(shown) == text
        texts[shown] = text
        crcs[shown] = _crc(state.key, text)
        if state.key is None:
            continue
        if unchanged and state.changed_ns >= scanned_ns - RACY_MARGIN_NS:
            continue  # read again and the same, but still too recent for a better entry
        new_entries.append((shown, state.key, scanned_ns, crcs[shown], text))
    names = [state.shown for state in files]
    yields = yields_from_json(decode_yields([texts[shown] for shown in names]), base, names)
    gone = [shown for shown in entries if shown not in states]
    if new_entries or gone:
        by_name = dict(zip(names, yields, strict=True))
        rows = [(*entry, _kinds(by_name[entry[0]])) for entry in new_entries]
        store.update(rows, gone, scanned_ns)
    return RegistryState(
        root, files, yields, known, store, scanned_ns, crcs, _scanned_on=scanned_on
    )


def _read_in_part(
    store: _Store,
    root: Path,
    files: list[FileState],
    known: tuple[Diagnostic, ...],
    memo: _Memo,
    *,
    scanned_ns: int,
    scanned_on: datetime.date,
    leave_out: frozenset[str],
    entries_of: EntriesOf | None,
    entries_only_with: frozenset[str] | None = None,
    keeping: Keeping[Any] | None = None,
) -> RegistryState | None:
    """The yields of the files of a registry whose diagnostics are `known` (`memo`), but for
    those that held only records of the kinds `leave_out` when those diagnostics were
    remembered, and, with `entries_of`, those of :func:`_read_contracts`: the remembered state
    is this very state, so they hold the same now. Every file kept is read as usual, from its
    entry or again from disk (without storing anything: the next whole read does), and the
    yields are in file order. None: read the registry whole."""
    kinds, kinds_of = _kinds_codes(memo, len(files))
    left_out = {code for code, held in enumerate(kinds) if held and _held(held) <= leave_out}
    if entries_of is None:
        wanted = _where(kinds_of, [code for code in range(len(kinds)) if code not in left_out])
        return RegistryState(
            root, files, _yields_at(store, root, files, wanted), known, store, partial=True
        )
    if entries_only_with is not None and (
        has_errors(known) or not set().union(*map(_held, kinds)) <= entries_only_with
    ):
        return None  # decided before the groups by contract are even fetched
    return _read_contracts(
        store,
        root,
        files,
        known,
        memo,
        kinds=kinds,
        kinds_of=kinds_of,
        left_out=left_out,
        scanned_ns=scanned_ns,
        scanned_on=scanned_on,
        entries_of=entries_of,
        writing=entries_only_with is not None,
        keeping=keeping,
    )


def _read_contracts(
    store: _Store,
    root: Path,
    files: list[FileState],
    known: tuple[Diagnostic, ...],
    memo: _Memo,
    *,
    kinds: list[str],
    kinds_of: array[int],
    left_out: set[int],
    scanned_ns: int,
    scanned_on: datetime.date,
    entries_of: EntriesOf,
    writing: bool,
    keeping: Keeping[Any] | None = None,
) -> RegistryState | None:
    """The files but those of the kinds `left_out` (codes of `kinds`) and those that held
    only declarations and payments of one contract that `entries_of` does not name (given the
    yields of the others). For a writer, only if every file holding declarations or payments
    holds those of one contract: the state then knows its groups, to be remembered with the
    files the writer adds."""
    entries = store.memo_entries(memo)
    if entries is None:  # remembered again since: read it all, as without the memo
        return None
    groups = _entry_groups(kinds, kinds_of, entries, len(files))
    ledger = {code for code, held in enumerate(kinds) if _held(held) & LEDGER_KINDS}
    only_ledger = {code for code in ledger if _held(kinds[code]) <= LEDGER_KINDS}
    contract_of = groups.contract_of
    # A contract's file holds declarations and payments only; for a writer, so do all of them.
    others_kinds = [code for code in range(len(kinds)) if code not in only_ledger]
    if any(contract_of[position] for position in _where(kinds_of, others_kinds)):
        raise YieldFormatError("the remembered result is damaged")
    alone = groups.alone()
    if writing and any(kinds_of[position] in ledger for position in alone):
        return None
    others = [position for position in alone if kinds_of[position] not in left_out]
    other_yields = _yields_at(store, root, files, others)
    chosen = frozenset(entries_of(other_yields))
    by_contract = groups.of_contracts(chosen)
    results = None
    if keeping is not None:
        results = _kept_results(
            store,
            files,
            keeping,
            alone=alone,
            by_contract=by_contract,
            chosen=chosen,
            scanned_ns=scanned_ns,
        )
        chosen -= results.found.keys()
    theirs = sorted(
        position
        for contract in chosen
        for position in by_contract.get(contract, ())
        if kinds_of[position] not in left_out
    )
    their_yields = _yields_at(store, root, files, theirs)
    if any(_entries_contract(found) not in chosen for found in their_yields):
        raise YieldFormatError("the remembered result is damaged")
    read = sorted(zip(others + theirs, other_yields + their_yields, strict=True))
    state = RegistryState(
        root,
        files,
        [one for _, one in read],
        known,
        store,
        scanned_ns,
        partial=True,
        _scanned_on=scanned_on,
    )
    state.contracts_read = chosen
    state.kept = results
    if writing:  # what remembering the state with the writer's new files takes
        state._read = [files[position].shown for position, _ in read]
        state._groups = groups
        state._crcs = dict(memo.racy)  # the racy files', checked again when the memo was trusted
    return state


def _kept_results(
    store: _Store,
    files: list[FileState],
    keeping: Keeping[T],
    *,
    alone: Sequence[int],
    by_contract: Mapping[str, list[int]],
    chosen: Collection[str],
    scanned_ns: int,
) -> KeptResults[T]:
    """The results kept of the contracts `chosen` for their files as they are now (a
    contract's are computed from its own files of declarations and payments, `by_contract`,
    and from every file that is no contract's alone, `alone`), and where to keep those of the
    others: not when one of their files was changed within the racy margin before the registry
    was examined."""
    since = scanned_ns - RACY_MARGIN_NS

    def trusted(positions: Collection[int]) -> bool:
        return all(files[position].changed_ns < since for position in positions)

    context_digest = _files_digest(files, alone, f"{keeping.kind}\0{keeping.parameters}")
    inputs = {
        contract: _files_digest(files, by_contract.get(contract, ()), context_digest)
        for contract in chosen
    }
    found: dict[str, T] = {}
    for contract, text in store.results(keeping.kind, inputs).items():
        with contextlib.suppress(ValueError):  # unreadable: computed again, and kept instead
            found[contract] = keeping.decode(text)
    context_trusted = trusted(alone)
    to_keep = {
        contract: digest
        for contract, digest in inputs.items()
        if contract not in found and context_trusted and trusted(by_contract.get(contract, ()))
    }
    return KeptResults(keeping, found, to_keep, store)


def _files_digest(files: Sequence[FileState], positions: Collection[int], before: str) -> str:
    return _digest([files[position] for position in positions], before)


LEDGER_KINDS = frozenset({"declaration", "payment"})
"""The kinds of records that the remembered result groups by contract."""


def _kinds_codes(memo: _Memo, count: int) -> tuple[list[str], array[int]]:
    """The kinds of the memo's files (:class:`_Groups`), for `count` files."""
    kinds = _json_list(memo.kinds)
    if not isinstance(kinds, list) or not all(type(held) is str for held in kinds):
        raise YieldFormatError("the remembered result is damaged")
    return kinds, _codes_from(memo.kinds_of, count, len(kinds))


def _entry_groups(
    kinds: list[str], kinds_of: array[int], entries: tuple[str, bytes, str], count: int
) -> _Groups:
    """The groups of the memo's `count` files, from their kinds and the memo's `entries`
    (:meth:`_Store.memo_entries`)."""
    contracts_text, contract_of, ids = entries
    contracts = _json_list(contracts_text)
    if (
        not isinstance(contracts, list)
        or not all(type(name) is str for name in contracts)
        or len(set(contracts)) != len(contracts)
    ):
        raise YieldFormatError("the remembered result is damaged")
    codes = _codes_from(contract_of, count, len(contracts) + 1)
    return _Groups(kinds, kinds_of, contracts, codes, ids.split("\n") if ids else [])


def _yields_at(
    store: _Store, root: Path, files: list[FileState], positions: list[int]
) -> list[FileYield]:
    """The yields of the files at `positions`, from their entries when those hold."""
    base = os.fspath(root)
    wanted = [files[position] for position in positions]
    entries = store.entries_at([state.shown for state in wanted])
    texts: list[str] = []
    for state in wanted:
        cached = entries.get(state.shown)
        if (
            cached is None
            or cached[0] != state.key
            or state.changed_ns >= cached[1] - RACY_MARGIN_NS
        ):
            path = os.path.join(base, state.shown)  # noqa: PTH118
            texts.append(encode_yield(file_yield(path, state.shown)))
            continue
        key, _, crc, text = cached
        if crc != _crc(key, text):
            raise YieldFormatError(f"the cached entry of {state.shown} is damaged")
        texts.append(text)
    names = [state.shown for state in wanted]
    return yields_from_json(decode_yields(texts), base, names)


def _held(kinds: str) -> set[str]:
    """The kinds of a file's entry (:func:`_kinds`) as a set: none for a file of no record."""
    return set(kinds.split(" ")) if kinds else set()


def _entries_contract(found: FileYield) -> str | None:
    """The contract whose declarations and payments are all the file holds, if so."""
    contract: str | None = None
    for record in found.records:
        data = record.data
        named = data.get("contract")
        if _kind_word(data.get("kind")) not in LEDGER_KINDS or type(named) is not str:
            return None
        if contract is None:
            contract = named
        elif named != contract:
            return None
    return contract


def _kinds(found: FileYield) -> str:
    """The kinds of a file's records, as its entry keeps them: sorted, space-separated, `?`
    for a record whose kind is not a text."""
    records = found.records
    if len(records) == 1:  # nearly every file: one record
        return _kind_word(records[0].data.get("kind"))
    return " ".join(sorted({_kind_word(record.data.get("kind")) for record in records}))


def _kind_word(kind: object) -> str:
    """A record's kind as the cache keeps it: the text, or `?` for anything else (a mapping
    written where the kind goes is no kind, and cannot be one of a set's members)."""
    return kind if isinstance(kind, str) and kind else "?"


class _Memo(NamedTuple):
    """The remembered result of validating the registry in one state (:meth:`_Store.memo`)."""

    digest: str
    scanned_ns: int
    racy: dict[str, int]
    """The CRC of each file that was changed too recently to trust its key then."""
    diagnostics: str
    kinds: str
    """The kinds of the files in that state (:attr:`_Groups.kinds`), as JSON text; with
    `kinds_of`, read only when a command reads in part."""
    kinds_of: bytes
    """Each file's code of its kinds, by its position in that state (:attr:`_Groups.kinds_of`)."""
    entries_crc: int
    """The CRC of the contracts of the files in that state, of each file's code of its contract
    and of their records' ids (:class:`_Groups`), fetched only when a command reads some
    contracts' entries (:meth:`_Store.memo_entries`)."""


def _known_memo(
    store: _Store, base: str, files: list[FileState], day: datetime.date
) -> _Memo | None:
    """The remembered result, if it is that of exactly this state on `day`: same files with
    the same keys, and every file that was racy then reads the same again now."""
    if any(state.key is None for state in files):
        return None
    memo = store.memo()
    if memo is None or memo.digest != _state_digest(files, day):
        return None
    since = memo.scanned_ns - RACY_MARGIN_NS
    changed = {state.shown: state.key for state in files if state.changed_ns >= since}
    if changed.keys() != memo.racy.keys():
        return None
    for shown, crc in memo.racy.items():
        text = encode_yield(file_yield(os.path.join(base, shown), shown))  # noqa: PTH118
        if _crc(changed[shown], text) != crc:
            return None
    return memo


def _json_list(text: str) -> Any:
    decoded = decode_yields([text])
    return decoded[0]


def _state_digest(files: Sequence[FileState], day: datetime.date) -> str:
    """The digest of the files' paths and keys on `day`: the day is part of the state, for
    some warnings depend on it (a date far ahead)."""
    return _digest(files, str(day))


def _digest(files: Sequence[FileState], before: str) -> str:
    """The digest of `before` and of the paths and keys (none None) of `files`."""
    # Every path, then every key, each ended by a NUL (which neither holds), after their
    # count: two joins of plain texts, half the time of one text made per file.
    digest = hashlib.sha256(f"{before}\0{len(files)}\0".encode())
    for column in (0, 1):  # FileState's shown, then its key
        digest.update("\0".join(map(operator.itemgetter(column), files)).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _crc(key: str | None, text: str) -> int:
    return zlib.crc32(text.encode(), zlib.crc32(str(key).encode()))


# --- reading files, in one process or one per core


def _read_files(root: Path, names: Sequence[str]) -> list[FileYield]:
    """The yields of `names`, read in this process, or by one process per core when there
    are many (their texts then come back and are decoded here)."""
    base = os.fspath(root)
    if _workers(len(names)) > 1:
        texts = _read_in_parallel(base, names)
        return yields_from_json(decode_yields(texts), base, names)
    return [file_yield(os.path.join(base, shown), shown) for shown in names]  # noqa: PTH118


def _read_files_as_text(root: Path, names: Sequence[str]) -> dict[str, str]:
    base = os.fspath(root)
    parallel = _workers(len(names)) > 1
    texts = _read_in_parallel(base, names) if parallel else _texts_of(base, names)
    return dict(zip(names, texts, strict=True))


def _workers(count: int) -> int:
    if count < PARALLEL_MIN_FILES:
        return 1
    return min(usable_cores(), 8)


def _read_in_parallel(base: str, names: Sequence[str]) -> list[str]:
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - only for big reads

    workers = _workers(len(names))
    kind_schemas()  # compiled once here, inherited by forked workers
    size = max(100, len(names) // (workers * 8) + 1)
    chunks = [list(names[i : i + size]) for i in range(0, len(names), size)]
    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
        results = pool.map(_texts_of, [base] * len(chunks), chunks)
        return [text for chunk in results for text in chunk]


def _texts_of(base: str, names: Sequence[str]) -> list[str]:
    """The yields of `names` as text (in a worker process, or in this one)."""
    with without_cycle_collection():  # many small objects and no cycles
        return [
            encode_yield(file_yield(os.path.join(base, shown), shown))  # noqa: PTH118
            for shown in names
        ]


# --- the database


_FINGERPRINT_MODULES = ("yaml", "_yaml", "jsonschema", "referencing", "stdnum")


def program_fingerprint() -> str:
    """What identifies this program for the cache: the text of its own modules
    and schemas, Python's version and the installed versions of the libraries a yield depends
    on. Any change (an upgrade, an edited rule or schema) makes the cache start again."""
    digest = hashlib.sha256(f"{sys.version}\0".encode())
    package = Path(__file__).resolve().parents[1]
    for folder, subfolders, names in os.walk(package, followlinks=True):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".json", ".mo")):
                path = os.path.join(folder, name)  # noqa: PTH118
                digest.update(os.path.relpath(path, package).encode())
                with open(path, "rb") as handle:  # noqa: PTH123
                    digest.update(handle.read())
    for module in _FINGERPRINT_MODULES:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec is not None else None
        if origin and os.path.exists(origin):  # noqa: PTH110
            found = os.stat(origin)  # noqa: PTH116
            digest.update(f"{module} {origin} {found.st_size} {found.st_mtime_ns}".encode())
    return digest.hexdigest()


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, key TEXT NOT NULL, checked_ns INTEGER NOT NULL,
    crc INTEGER NOT NULL, payload TEXT NOT NULL, kinds TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS memo (
    id INTEGER PRIMARY KEY CHECK (id = 1), digest TEXT NOT NULL, scanned_ns INTEGER NOT NULL,
    racy TEXT NOT NULL, diagnostics TEXT NOT NULL, kinds TEXT NOT NULL, kinds_of BLOB NOT NULL,
    contracts TEXT NOT NULL, contract_of BLOB NOT NULL, ids TEXT NOT NULL,
    entries_crc INTEGER NOT NULL, crc INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    kind TEXT NOT NULL, contract TEXT NOT NULL, inputs TEXT NOT NULL, crc INTEGER NOT NULL,
    payload TEXT NOT NULL, PRIMARY KEY (kind, contract)
) WITHOUT ROWID;
"""

_BUSY_TIMEOUT_SECONDS = 30.0
_PATHS_PER_QUERY = 500  # below every SQLite's limit of parameters in one statement


class _Store:
    """One registry's cache database."""

    def __init__(self, path: Path, root: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.root = root
        self.connection = connection

    @classmethod
    def open(cls, root: Path) -> _Store | None:
        """The registry's cache, made or emptied as needed; None when it cannot be had."""
        path = cache_file(root)
        for _ in range(2):
            try:
                return cls._open(path, root)
            except sqlite3.Error:
                _remove(path)  # damaged or foreign: it is only a cache
            except OSError:
                return None
        return None

    @classmethod
    def _open(cls, path: Path, root: Path) -> _Store:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            connection.executescript(_SCHEMA)
            meta = dict(connection.execute("SELECT name, value FROM meta").fetchall())
            wanted = {
                "format": FORMAT,
                "program": program_fingerprint(),
                "registry": os.path.realpath(root),
            }
            if meta != wanted:  # made again, tables and all: another format may have others
                with _transaction(connection):
                    for table in ("files", "memo", "results", "meta"):
                        connection.execute(f"DROP TABLE IF EXISTS {table}")
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            connection.execute(statement)
                    connection.executemany("INSERT INTO meta VALUES (?, ?)", wanted.items())
        except BaseException:
            connection.close()
            raise
        return cls(path, root, connection)

    def reset(self) -> _Store | None:
        """Delete this cache and start an empty one."""
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()
        _remove(self.path)
        return _Store.open(self.root)

    def entries(self) -> dict[str, tuple[str, int, int, str]]:
        """Every file's entry: path to (key, when it was made, CRC, text)."""
        rows = self.connection.execute("SELECT path, key, checked_ns, crc, payload FROM files")
        return {path: (key, checked, crc, text) for path, key, checked, crc, text in rows}

    def entries_at(self, paths: Sequence[str]) -> dict[str, tuple[str, int, int, str]]:
        """The entries of :meth:`entries` of the files `paths` that have one."""
        found: dict[str, tuple[str, int, int, str]] = {}
        for start in range(0, len(paths), _PATHS_PER_QUERY):
            chunk = paths[start : start + _PATHS_PER_QUERY]
            rows = self.connection.execute(
                "SELECT path, key, checked_ns, crc, payload FROM files "
                f"WHERE path IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update(
                (path, (key, checked, crc, text)) for path, key, checked, crc, text in rows
            )
        return found

    def update(
        self,
        rows: Sequence[tuple[str, str, int, int, str, str]],
        gone: Sequence[str],
        scanned_ns: int,
    ) -> None:
        """Store new entries and forget files that are gone; an entry made from an earlier
        look at its file never replaces one made from a later look."""
        with contextlib.suppress(sqlite3.Error), _transaction(self.connection):
            self.connection.executemany(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET "
                "key = excluded.key, checked_ns = excluded.checked_ns, crc = excluded.crc, "
                "payload = excluded.payload, kinds = excluded.kinds "
                "WHERE excluded.checked_ns >= files.checked_ns",
                rows,
            )
            self.connection.executemany(
                "DELETE FROM files WHERE path = ? AND checked_ns <= ?",
                [(shown, scanned_ns) for shown in gone],
            )

    def memo(self) -> _Memo | None:
        """The remembered result, if any."""
        row = self.connection.execute(
            "SELECT digest, scanned_ns, racy, diagnostics, kinds, kinds_of, entries_crc, crc "
            "FROM memo"
        ).fetchone()
        if row is None:
            return None
        digest, scanned_ns, racy_text, diagnostics, kinds, kinds_of, entries_crc, crc = row
        if (
            type(entries_crc) is not int
            or type(kinds_of) is not bytes
            or crc
            != _memo_crc(digest, scanned_ns, entries_crc, racy_text, diagnostics, kinds, kinds_of)
        ):
            raise YieldFormatError("the remembered result is damaged")
        racy = _json_list(racy_text)
        if not isinstance(racy, dict) or not all(type(v) is int for v in racy.values()):
            raise YieldFormatError("the remembered result is damaged")
        return _Memo(digest, scanned_ns, racy, diagnostics, kinds, kinds_of, entries_crc)

    def memo_entries(self, memo: _Memo) -> tuple[str, bytes, str] | None:
        """The contracts of the remembered result `memo`, each file's code of its contract and
        their records' ids (:class:`_Groups`); None when another result has been remembered
        since."""
        row = self.connection.execute(
            "SELECT contracts, contract_of, ids FROM memo "
            "WHERE digest = ? AND scanned_ns = ? AND entries_crc = ?",
            (memo.digest, memo.scanned_ns, memo.entries_crc),
        ).fetchone()
        if row is None:
            return None
        contracts, contract_of, ids = row
        if (
            type(contracts) is not str
            or type(contract_of) is not bytes
            or type(ids) is not str
            or _parts_crc(memo.digest, contracts, contract_of, ids) != memo.entries_crc
        ):
            raise YieldFormatError("the remembered result is damaged")
        return contracts, contract_of, ids

    def results(self, kind: str, inputs: Mapping[str, str]) -> dict[str, str]:
        """The results of `kind` kept for these `inputs` (a digest by contract), by contract."""
        rows = self.connection.execute(
            "SELECT contract, inputs, crc, payload FROM results WHERE kind = ?", (kind,)
        )
        found: dict[str, str] = {}
        for contract, digest, crc, text in rows:
            if inputs.get(contract) != digest:
                continue
            if type(text) is not str or crc != _crc(digest, text):
                raise YieldFormatError("a kept result is damaged")
            found[contract] = text
        return found

    def put_results(self, rows: Sequence[tuple[str, str, str, int, str]]) -> None:
        """Keep results (kind, contract, digest of their inputs, CRC, text), each in place of
        the last one kept of its kind and contract."""
        with contextlib.suppress(sqlite3.Error), _transaction(self.connection):
            self.connection.executemany(
                "INSERT INTO results VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, contract) DO "
                "UPDATE SET inputs = excluded.inputs, crc = excluded.crc, "
                "payload = excluded.payload",
                rows,
            )

    def put_memo(
        self,
        digest: str,
        scanned_ns: int,
        racy: Sequence[tuple[str, int]],
        diagnostics: str,
        groups: _Groups,
    ) -> None:
        """Remember `diagnostics` for the state `digest`, whose files are grouped as `groups`,
        unless a later one is remembered."""
        import json  # noqa: PLC0415

        racy_text = json.dumps(dict(racy), separators=(",", ":"))
        kinds = json.dumps(groups.kinds, separators=(",", ":"))
        kinds_of = _codes_bytes(groups.kinds_of)
        contracts = json.dumps(groups.contracts, separators=(",", ":"))
        contract_of = _codes_bytes(groups.contract_of)
        ids = "\n".join(groups.entry_ids)  # an id has no line break
        entries_crc = _parts_crc(digest, contracts, contract_of, ids)
        crc = _memo_crc(digest, scanned_ns, entries_crc, racy_text, diagnostics, kinds, kinds_of)
        with contextlib.suppress(sqlite3.Error), _transaction(self.connection):
            self.connection.execute(
                "INSERT INTO memo VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET digest = excluded.digest, "
                "scanned_ns = excluded.scanned_ns, racy = excluded.racy, "
                "diagnostics = excluded.diagnostics, kinds = excluded.kinds, "
                "kinds_of = excluded.kinds_of, contracts = excluded.contracts, "
                "contract_of = excluded.contract_of, ids = excluded.ids, "
                "entries_crc = excluded.entries_crc, crc = excluded.crc "
                "WHERE excluded.scanned_ns >= memo.scanned_ns",
                (
                    digest,
                    scanned_ns,
                    racy_text,
                    diagnostics,
                    kinds,
                    kinds_of,
                    contracts,
                    contract_of,
                    ids,
                    entries_crc,
                    crc,
                ),
            )


def _memo_crc(digest: str, scanned_ns: int, entries_crc: int, *parts: str | bytes) -> int:
    return _parts_crc(digest, str(scanned_ns), str(entries_crc), *parts)


def _parts_crc(first: str, *parts: str | bytes) -> int:
    """The CRC-32 of texts and bytes, each with its length (no two lists of parts that join
    into the same text have the same CRC by that alone)."""
    crc = zlib.crc32(first.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        crc = zlib.crc32(data, zlib.crc32(len(data).to_bytes(8, "little"), crc))
    return crc


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")  # noqa: PTH108
