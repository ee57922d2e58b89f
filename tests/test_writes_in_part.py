"""Declarations and payments added after reading only their contract's (DESIGN.md section 9,
docs/registry.md "A record added to one contract").

The proof is a second computation: every sequence of writes is made twice, on two copies of
one registry, once through the cache (the writer reads its contract's entries and the other
kinds of records, and knows the rest from the remembered result) and once without it (the
whole registry read and validated). Everything must come out the same: what each write
answers, the files written, and the diagnostics remembered for the registry afterwards, which
must be those of a validation from nothing.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commons_contracts.registry.cache import read_registry
from commons_contracts.registry.files import load_file
from commons_contracts.registry.root import registry_files
from commons_contracts.signatures.signing import sign_contract
from commons_contracts.validation.entries import (
    WRITTEN_IN_PART_KINDS,
    AddResult,
    Draft,
    add_records,
    declaration_draft,
    payment_draft,
)
from commons_contracts.validation.validate import registry_diagnostics, validate_registry

EXAMPLES = Path(__file__).parent.parent / "examples"
CONTRACTS = (
    "reciprocite-alice-movilab",
    "reciprocite-atelier-boussole",
    "reciprocite-scic-communs",
)


def reciprocity_only(root: Path) -> Path:
    """A copy of the example registry at `root` with only the kinds a writer reads in part
    for, and without the signatures of its last contract: its declarations are then warned
    about, so that the other contracts' entries have diagnostics of their own from the start."""
    shutil.copytree(EXAMPLES, root)
    only_kinds_written_in_part(
        root, lambda data: data.get("kind") == "signature" and data.get("contract") == CONTRACTS[-1]
    )
    return root


def only_kinds_written_in_part(
    root: Path, also: Callable[[dict[str, object]], bool] = lambda _data: False
) -> None:
    """Leave in the registry at `root` only the files of WRITTEN_IN_PART_KINDS (and none of
    the records a void it held cancelled, which would count again), nor those of the records
    `also` tells."""
    found = {}
    for shown in registry_files(root):
        found[shown] = [record.data for record in load_file(str(root / shown), shown)[0]]
    voided = {
        (data.get("target_kind"), data.get("target"))
        for records in found.values()
        for data in records
        if data.get("kind") == "void"
    }
    for shown, records in found.items():
        if any(
            data.get("kind") not in WRITTEN_IN_PART_KINDS
            or (data.get("kind"), data.get("id")) in voided
            or also(data)
            for data in records
        ):
            (root / shown).unlink()


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return reciprocity_only(tmp_path / "registry")


def test_the_base_registry_is_one_a_writer_reads_in_part(registry: Path) -> None:
    """The registry of these tests is valid and holds only the kinds a writer reads in part
    for: once validated, a writer's read leaves the other contracts' entries unread."""
    result = validate_registry(registry, cache=True)
    assert result.ok, [d.format_text() for d in result.diagnostics]
    state = _writer_read(registry, CONTRACTS[0])
    assert state.partial
    assert state.unread
    assert all(path.startswith(("declarations/", "payments/")) for path in state.unread)


def _writer_read(root: Path, contract: str):  # type: ignore[no-untyped-def]
    return read_registry(
        root,
        cache=True,
        entries_of=lambda _others: {contract},
        entries_only_with=WRITTEN_IN_PART_KINDS,
    )


days = st.sampled_from(
    [
        "2025-06-01",
        "2026-01-20",
        "2026-03-31",
        "2026-07-15",
        "2026-12-31",
        "2027-02-01",
        "2031-01-01",
    ]
)
amounts = st.sampled_from(["1500.00", "250", "0.01", "-300.00", "99999.99", "12.345", "20000"])
references = st.sampled_from([None, "AM-2026-001", "F-1", "F-2"])
clients = st.sampled_from([None, "ANCT", "Mairie de Lille", "Région"])
shares = st.sampled_from([None, {"movilab": "100"}, {"movilab": "60", "boussole": "40"}])


Write = tuple[str, Callable[[Path, bool], AddResult]]
"""One write: the contract it bears on, and how to make it (on a registry, through the cache
or not)."""


def adding(made: list[Draft]) -> Write:
    return str(made[0].fields["contract"]), lambda root, cache: add_records(root, made, cache=cache)


def signing(record_id: str, signatory: str) -> Write:
    contract = record_id.removesuffix("-avenant-1")

    def sign(root: Path, cache: bool) -> AddResult:
        return sign_contract(
            root,
            record_id,
            signatory=signatory,
            signed_on="2026-11-30",
            method="handwritten",
            signed_file=None,
            recorded_at=datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC),
            cache=cache,
        )[0]

    return contract, sign


@st.composite
def writes(draw: st.DrawFn) -> Write:
    """One write: a declaration or a payment (sometimes two) of one contract, or a signature,
    valid or not."""
    if draw(st.integers(0, 5)) == 0:
        signed = draw(st.sampled_from([CONTRACTS[-1], "reciprocite-alice-movilab-avenant-1"]))
        return signing(signed, draw(st.sampled_from(["host", "actor", "personne"])))
    contract = draw(st.sampled_from([*CONTRACTS, "reciprocite-inconnue"]))
    made: list[Draft] = []
    for _ in range(draw(st.integers(1, 2))):
        if draw(st.booleans()):
            made.append(
                declaration_draft(
                    contract,
                    draw(days),
                    draw(amounts),
                    client=draw(clients),
                    shares=draw(shares),
                    invoice_ref=draw(references),
                )
            )
        else:
            made.append(payment_draft(contract, draw(days), draw(amounts), draw(references)))
    return adding(made)


def _answer(result: AddResult, root: Path) -> tuple[object, ...]:
    return (
        [path.relative_to(root).as_posix() for path in result.written],
        [d.format_text() for d in result.diagnostics],
        [d.format_text() for d in result.registry_errors],
    )


def _files(root: Path) -> Iterator[tuple[str, bytes]]:
    for shown in registry_files(root):
        yield shown, (root / shown).read_bytes()


@pytest.mark.slow
def test_chosen_writes_in_part_answer_and_remember_what_whole_ones_do() -> None:
    """A declaration on two contracts in turn (the unsigned one's count changes), an invoice
    declared again and a payment of an unknown contract (both refused), a payment above what
    is owed, the unsigned contract signed (its declarations' warning changes), an unknown
    signatory refused, and an amendment signed: see the test below."""
    alice, atelier, scic = CONTRACTS
    _compare(
        [
            adding([declaration_draft(alice, "2026-05-01", "1500", client="ANCT")]),
            adding([declaration_draft(scic, "2026-12-31", "250", client="Région")]),
            adding([declaration_draft(alice, "2026-06-01", "10", invoice_ref="AM-2026-001")]),
            adding([payment_draft("reciprocite-inconnue", "2026-06-01", "10")]),
            adding([payment_draft(atelier, "2026-07-15", "99999.99", "VIR 1")]),
            signing(scic, "host"),
            signing(scic, "personne"),
            signing("reciprocite-alice-movilab-avenant-1", "actor"),
        ]
    )


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(writes(), min_size=1, max_size=4))
def test_writes_in_part_answer_and_remember_what_whole_ones_do(made: list[Write]) -> None:
    """Each write answers the same through the cache and without it (written, or refused with
    the same problems), leaves the same files, and the diagnostics the cache then remembers
    are those of validating the registry from nothing."""
    _compare(made)


def _compare(made: list[Write]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cached = reciprocity_only(Path(folder) / "cached")
        plain = reciprocity_only(Path(folder) / "plain")
        validate_registry(cached, cache=True)
        for contract, write in made:
            assert _writer_read(cached, contract).partial
            through_cache = write(cached, True)
            whole = write(plain, False)
            assert _answer(through_cache, cached) == _answer(whole, plain)
            assert dict(_files(cached)) == dict(_files(plain))
            # Remembered, for the registry as it is now: validate reads no file.
            known = read_registry(cached, cache=True, records=False).known_diagnostics
            assert known is not None
            assert list(known) == validate_registry(cached, cache=False).diagnostics
            assert registry_diagnostics(cached, cache=True) == list(known)


@pytest.mark.slow
def test_each_contracts_entries_are_judged_by_themselves_and_the_other_kinds(
    tmp_path: Path,
) -> None:
    """The argument of WRITTEN_IN_PART_KINDS, checked on every case folder and the example,
    each with only those kinds: for every contract, validating the registry without the other
    contracts' entry files gives, at every file kept, what validating it whole gives: what
    validation says of a contract's entries depends on no other contract's. (A registry with
    an error is never read in part; 53 of them are checked today.)"""
    from tests.test_cases import CASE_NAMES, CASES, _registry_with  # noqa: PLC0415

    from commons_contracts.registry import cache  # noqa: PLC0415
    from commons_contracts.validation.validate import validate_yields  # noqa: PLC0415

    checked = 0
    registries = [_registry_with(CASES / name, tmp_path / name) for name in CASE_NAMES]
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    for root in [*registries, tmp_path / "examples"]:
        only_kinds_written_in_part(root)
        state = read_registry(root, cache=False)
        whole = validate_yields(root, state.yields)
        if not whole.ok:
            continue  # never read in part
        by_file = dict(zip([f.shown for f in state.files], state.yields, strict=True))
        groups: dict[str | None, list[str]] = {}
        for shown, found in by_file.items():
            groups.setdefault(cache._entries_contract(found), []).append(shown)
        for contract in [c for c in groups if c is not None]:
            kept = sorted(
                shown for c, listed in groups.items() for shown in listed if c in (None, contract)
            )
            part = validate_yields(root, [by_file[shown] for shown in kept])
            assert part.diagnostics == [d for d in whole.diagnostics if d.path in kept]
        checked += 1
    assert checked >= 20, checked
