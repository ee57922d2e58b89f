"""Shared fixtures: the example registry, fresh starter registries and the CLI runner."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner

# The suite speaks English whatever the machine's locale, and whatever a registry's workspace
# says: tests that need French say so (tests/test_language.py). Set before the command line is
# imported, since its help is written in the language of that moment.
os.environ["LANGUAGE"] = "en"

from commons_contracts.i18n.translation import set_language
from commons_contracts.registry import cache
from commons_contracts.registry.scaffold import create_registry

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLES = REPOSITORY / "examples"

# The hypothesis tests of the schema predicate (tests/test_schemas.py) draw their examples from
# this profile: the full count when the slow tests run (`python -m pytest`, as CI does), fewer
# in a selection without them (`-m "not slow"`), where they would take a third of the time.
PREDICATE_PROFILE = "schema-predicate"
PREDICATE_EXAMPLES = 300
PREDICATE_EXAMPLES_WITHOUT_SLOW_TESTS = 50
# The other property tests that name no count of their own (the reversal's sums and orders,
# money, wording) draw hypothesis' default hundred examples with the slow tests, and a quarter
# of them in the quick selection (the hundred took about ten seconds of it).
QUICK_PROFILE = "quick"
QUICK_EXAMPLES = 25
MEMORY_FOLDER = "/dev/shm"
CACHE_FOLDER = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Register the hypothesis profiles for this selection, before collection; and
    give the run a cache folder of its own, so that the suite runs with the registry cache on
    (as a user runs the tool) without touching the user's cache (with
    COMMONS_CONTRACTS_NO_CACHE=1 the suite runs without it: CI does both)."""
    # Temporary registries and that cache folder in memory where the machine has a memory file
    # system and no TMPDIR is chosen: every write of the tool is atomic and synced, and on a disk
    # the syncs alone took a third of the quick suite's time (the same code runs either way).
    if "TMPDIR" not in os.environ and os.access(MEMORY_FOLDER, os.W_OK):
        os.environ["TMPDIR"] = MEMORY_FOLDER
        tempfile.tempdir = None  # read TMPDIR again, as the tool's own processes do
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="commons-contracts-tests-cache-")
    config.stash[CACHE_FOLDER] = os.environ["XDG_CACHE_HOME"]
    # The warnings about dates far ahead count from this day, whatever day the suite runs.
    os.environ.setdefault("COMMONS_CONTRACTS_TODAY", "2026-12-01")
    full = _selects_slow_tests(config.getoption("markexpr"))
    settings.register_profile(
        PREDICATE_PROFILE,
        max_examples=PREDICATE_EXAMPLES if full else PREDICATE_EXAMPLES_WITHOUT_SLOW_TESTS,
        deadline=None,
    )
    if not full:
        settings.register_profile(QUICK_PROFILE, max_examples=QUICK_EXAMPLES)
        settings.load_profile(QUICK_PROFILE)


# Two things a command does once per process, which each of the suite's processes would otherwise
# redo at each in-process command (several hundred of them, about a quarter of the quick
# suite's processor time): building the click command of the typer app, and the program's
# fingerprint that each opening of the registry cache compares (the whole package, hashed).
# Both are made once here, as a user's process makes them once: the command for each state
# of the environment it is built in (typer builds it before applying `invoke(env=...)`, as
# here), the fingerprint for the run, since the package's files do not change while it runs.
_build_command = typer.testing._get_command
_commands: dict[tuple[object, tuple[tuple[str, str], ...]], object] = {}


def _command_once(app: typer.Typer) -> object:
    environment = tuple(sorted(i for i in os.environ.items() if i[0] != "PYTEST_CURRENT_TEST"))
    key = (app, environment)
    if key not in _commands:
        _commands[key] = _build_command(app)
    return _commands[key]


typer.testing._get_command = _command_once  # type: ignore[assignment]
cache.program_fingerprint = functools.cache(cache.program_fingerprint)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the run's cache folder (tens of megabytes, in memory when /dev/shm is used)."""
    folder = config.stash.get(CACHE_FOLDER, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _selects_slow_tests(markexpr: str) -> bool:
    """Whether the `-m` expression keeps a test marked slow."""
    if not markexpr:
        return True
    # pytest has no public evaluator of `-m`; this is the one it uses to deselect.
    from _pytest.mark.expression import Expression  # noqa: PLC0415

    return Expression.compile(markexpr).evaluate(lambda name, **_: name == "slow")


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Each test starts in English, and a command run in French in-process does not leave the
    process speaking French."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner that keeps standard error apart from standard output."""
    return CliRunner()


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """A new registry made by `init`, the base of most tests."""
    root = tmp_path / "registry"
    create_registry(root)
    return root


@pytest.fixture
def forked_children(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the child processes forked during the test, in order."""
    children: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return children


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example registry, free to modify."""
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    return root
