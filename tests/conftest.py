"""Shared fixtures: the example registry, fresh starter registries and the CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# The suite speaks English whatever the machine's locale, and whatever a registry's workspace
# says: tests that need French say so (tests/test_language.py). Set before the command line is
# imported, since its help is written in the language of that moment.
os.environ["LANGUAGE"] = "en"

from commons_contracts.i18n.translation import set_language
from commons_contracts.registry.scaffold import create_registry

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLES = REPOSITORY / "examples"

# The hypothesis tests of the schema predicate (tests/test_schemas.py) draw their examples from
# this profile: the full count when the slow tests run (`python -m pytest`, as CI does), fewer
# in a selection without them (`-m "not slow"`), where they would take a third of the time.
PREDICATE_PROFILE = "schema-predicate"
PREDICATE_EXAMPLES = 300
PREDICATE_EXAMPLES_WITHOUT_SLOW_TESTS = 50


def pytest_configure(config: pytest.Config) -> None:
    """Register the predicate's hypothesis profile for this selection, before collection; and
    give the run a cache folder of its own, so that the suite runs with the registry cache on
    (as a user runs the tool) without touching the user's cache (with
    COMMONS_CONTRACTS_NO_CACHE=1 the suite runs without it: CI does both)."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="commons-contracts-tests-cache-")
    # The warnings about dates far ahead count from this day, whatever day the suite runs.
    os.environ.setdefault("COMMONS_CONTRACTS_TODAY", "2026-12-01")
    full = _selects_slow_tests(config.getoption("markexpr"))
    settings.register_profile(
        PREDICATE_PROFILE,
        max_examples=PREDICATE_EXAMPLES if full else PREDICATE_EXAMPLES_WITHOUT_SLOW_TESTS,
        deadline=None,
    )


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
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example registry, free to modify."""
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    return root
