"""Packaging: the schemas, templates and starter files are found through importlib.resources
from a wheel installed in a clean virtual environment and from an editable install.

Both installs are made from copies of the repository (its tracked files and its untracked,
not ignored ones, symlinks kept as symlinks), so that building writes nothing in the working
tree. Each check runs in a subprocess whose current directory is outside the repository, so
that nothing is imported from `src/` by accident.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from commons_contracts.registry.schemas import KINDS

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[1]
PIP_OPTIONS = ("--disable-pip-version-check", "-q")

# Printed as JSON by the installed package's interpreter.
PROBE = """
import hashlib, json, sysconfig
from importlib import resources

import commons_contracts

root = resources.files("commons_contracts")


def names(folder):
    entry = root / folder
    return sorted(e.name for e in entry.iterdir()) if entry.is_dir() else []


def files(folder, prefix=""):
    found = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found.extend(files(entry, f"{prefix}{entry.name}/"))
        else:
            found.append(prefix + entry.name)
    return sorted(found)


schemas = root / "schemas"
print(json.dumps({
    "module": commons_contracts.__file__,
    "purelib": sysconfig.get_paths()["purelib"],
    "schemas_folder": str(schemas),
    "schemas": names("schemas"),
    "schema_sha256": {
        e.name: hashlib.sha256(e.read_bytes()).hexdigest()
        for e in schemas.iterdir() if e.name.endswith(".schema.json")
    },
    "templates": names("templates"),
    "starter": files(root / "registry" / "starter"),
    "report_templates": files(root / "report" / "templates"),
    "catalogue": names("i18n"),
    "translations": files(root / "i18n" / "locale"),
}))
"""


# --- helpers ----------------------------------------------------------------------------------


def _run(*command: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run `command`, failing the test with its output when it exits non-zero."""
    completed = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")},
    )
    assert completed.returncode == 0, (
        f"{command} exited {completed.returncode}\n{completed.stdout}\n{completed.stderr}"
    )
    return completed


def _git_files(*options: str) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", *options],
        cwd=REPOSITORY,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [name for name in listed.split("\0") if name]


def _copy_repository(target: Path) -> Path:
    """Copy the repository's tracked and untracked-but-not-ignored files to `target`, keeping
    symbolic links as links (so `src/commons_contracts/schemas` still points to `schemas/`)."""
    for relative in sorted({*_git_files(), *_git_files("--others", "--exclude-standard")}):
        source = REPOSITORY / relative
        destination = target / relative
        if source.is_symlink():
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.symlink_to(source.readlink())
        elif source.is_file():  # a tracked file deleted in the working tree is skipped
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    return target


def _venv(directory: Path) -> Path:
    """A fresh virtual environment at `directory`; returns its bin folder."""
    _run(sys.executable, "-m", "venv", directory, cwd=directory.parent)
    return directory / "bin"


def _probe(bin_folder: Path, cwd: Path) -> dict[str, Any]:
    completed = _run(bin_folder / "python", "-c", PROBE, cwd=cwd)
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _repository_schemas() -> dict[str, str]:
    return {p.name: _sha256(p) for p in sorted((REPOSITORY / "schemas").glob("*.schema.json"))}


def _repository_templates() -> list[str]:
    folder = REPOSITORY / "templates"
    return sorted(p.name for p in folder.glob("*.docx")) if folder.is_dir() else []


def _files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _init_and_validate(bin_folder: Path, workdir: Path) -> None:
    """`commons-contracts init` then `validate` with the venv's console script both exit 0."""
    registry = workdir / "reg"
    script = bin_folder / "commons-contracts"
    _run(script, "init", registry, cwd=workdir)
    assert (registry / "commons-contracts.yaml").is_file()
    completed = _run(script, "validate", "-r", registry, cwd=workdir)
    assert "registry is valid" in completed.stdout + completed.stderr


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository to build the wheel from."""
    return _copy_repository(tmp_path_factory.mktemp("wheel-source") / "commons-contracts")


def _build_artifacts(root: Path) -> dict[str, float]:
    """The build outputs setuptools leaves in a source tree, with their modification times."""
    candidates = [root / "build", root / "dist", *root.glob("*.egg-info")]
    candidates += (root / "src").glob("*.egg-info")
    return {str(p.relative_to(root)): p.stat().st_mtime for p in candidates if p.exists()}


@pytest.fixture(scope="module")
def build(source_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The wheel built once from the copy, and the working tree's build outputs before and
    after."""
    out = tmp_path_factory.mktemp("dist")
    before = _build_artifacts(REPOSITORY)
    _run(sys.executable, "-m", "build", "--wheel", "--outdir", out, source_copy, cwd=out)
    (built,) = out.glob("commons_contracts-*.whl")
    return {"wheel": built, "before": before, "after": _build_artifacts(REPOSITORY)}


@pytest.fixture(scope="module")
def wheel(build: dict[str, Any]) -> Path:
    """The built wheel."""
    path: Path = build["wheel"]
    return path


@pytest.fixture(scope="module")
def wheel_install(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A fresh venv with the wheel installed: its bin folder, a work folder and the probe."""
    base = tmp_path_factory.mktemp("wheel-install")
    bin_folder = _venv(base / "venv")
    _run(bin_folder / "python", "-m", "pip", "install", *PIP_OPTIONS, wheel, cwd=base)
    workdir = base / "work"
    workdir.mkdir()
    return {"bin": bin_folder, "workdir": workdir, "probe": _probe(bin_folder, workdir)}


@pytest.fixture(scope="module")
def editable_install(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A fresh venv with an editable install of another copy of the repository."""
    base = tmp_path_factory.mktemp("editable-install")
    copy = _copy_repository(base / "commons-contracts")
    bin_folder = _venv(base / "venv")
    _run(bin_folder / "python", "-m", "pip", "install", *PIP_OPTIONS, "-e", copy, cwd=base)
    workdir = base / "work"
    workdir.mkdir()
    return {
        "bin": bin_folder,
        "workdir": workdir,
        "copy": copy,
        "probe": _probe(bin_folder, workdir),
    }


# --- the copy ---------------------------------------------------------------------------------


def test_copy_keeps_the_package_data_symlinks(source_copy: Path) -> None:
    """The copy keeps `schemas` and `templates` as links to the top-level folders."""
    package = source_copy / "src" / "commons_contracts"
    original = REPOSITORY / "src" / "commons_contracts"
    for name in ("schemas", "templates"):
        assert (package / name).is_symlink()
        assert (package / name).readlink() == (original / name).readlink()
    schemas = {p.name: _sha256(p) for p in (package / "schemas").glob("*.schema.json")}
    assert schemas == _repository_schemas()


def test_build_writes_only_in_the_copy(build: dict[str, Any], source_copy: Path) -> None:
    """Building leaves build/ and *.egg-info in the copy and nothing new in the working tree."""
    assert build["after"] == build["before"]
    assert _build_artifacts(source_copy)


# --- the wheel --------------------------------------------------------------------------------


def test_wheel_module_lives_in_site_packages(wheel_install: dict[str, Any]) -> None:
    """The wheel's venv imports the package from its site-packages, not from the repository."""
    probe = wheel_install["probe"]
    module = Path(probe["module"]).resolve()
    assert module.is_relative_to(Path(probe["purelib"]).resolve())
    assert not module.is_relative_to(REPOSITORY)
    assert Path(probe["schemas_folder"]).resolve().is_relative_to(Path(probe["purelib"]).resolve())


def test_wheel_ships_every_schema(wheel_install: dict[str, Any]) -> None:
    """Every schema file (one per kind, and the shared definitions) is in the wheel, with the
    repository's bytes."""
    probe = wheel_install["probe"]
    expected = _repository_schemas()
    assert len(expected) == len(KINDS) + 1
    assert [n for n in probe["schemas"] if n.endswith(".schema.json")] == sorted(expected)
    assert probe["schema_sha256"] == expected


def test_wheel_ships_the_templates(wheel_install: dict[str, Any]) -> None:
    """The wheel's templates folder lists exactly the repository's top-level .docx files."""
    probe = wheel_install["probe"]
    assert [n for n in probe["templates"] if n.endswith(".docx")] == _repository_templates()


def test_wheel_ships_the_starter_registry(wheel_install: dict[str, Any], source_copy: Path) -> None:
    """Every file of the starter registry is in the wheel."""
    starter = _files_under(source_copy / "src" / "commons_contracts" / "registry" / "starter")
    assert "commons-contracts.yaml" in starter
    assert wheel_install["probe"]["starter"] == starter


def test_wheel_ships_the_report_templates(wheel_install: dict[str, Any], source_copy: Path) -> None:
    """Every file of the report's templates and stylesheet is in the wheel."""
    expected = _files_under(source_copy / "src" / "commons_contracts" / "report" / "templates")
    assert "index.html.j2" in expected
    assert wheel_install["probe"]["report_templates"] == expected


def test_wheel_ships_the_catalogue_of_strings(wheel_install: dict[str, Any]) -> None:
    """The one catalogue of user-facing strings is in the wheel."""
    assert "messages.json" in wheel_install["probe"]["catalogue"]


def test_wheel_ships_the_french_of_the_schemas(wheel_install: dict[str, Any]) -> None:
    """The French catalogue of the fields' explanations (`new`) is in the wheel."""
    assert "fr/LC_MESSAGES/schemas.po" in wheel_install["probe"]["translations"]


def test_wheel_console_script_inits_and_validates(wheel_install: dict[str, Any]) -> None:
    """The wheel's `commons-contracts` creates a starter registry that validates."""
    _init_and_validate(wheel_install["bin"], wheel_install["workdir"])


# --- the editable install ---------------------------------------------------------------------


def test_editable_module_lives_in_the_copy(editable_install: dict[str, Any]) -> None:
    """The editable venv imports the package from the copy's src/ folder."""
    probe = editable_install["probe"]
    copy: Path = editable_install["copy"]
    module = Path(probe["module"]).resolve()
    assert module == (copy / "src" / "commons_contracts" / "__init__.py").resolve()
    assert Path(probe["schemas_folder"]).resolve() == (copy / "schemas").resolve()


def test_editable_finds_the_top_level_schemas(editable_install: dict[str, Any]) -> None:
    """The editable install reads the copy's top-level schemas/ files, byte for byte."""
    probe = editable_install["probe"]
    copy: Path = editable_install["copy"]
    expected = {p.name: _sha256(p) for p in sorted((copy / "schemas").glob("*.schema.json"))}
    assert len(expected) == len(KINDS) + 1
    assert [n for n in probe["schemas"] if n.endswith(".schema.json")] == sorted(expected)
    assert probe["schema_sha256"] == expected == _repository_schemas()


def test_editable_finds_the_templates_and_starter(editable_install: dict[str, Any]) -> None:
    """The editable install lists the repository's .docx templates and every starter file."""
    probe = editable_install["probe"]
    copy: Path = editable_install["copy"]
    assert [n for n in probe["templates"] if n.endswith(".docx")] == _repository_templates()
    starter = _files_under(copy / "src" / "commons_contracts" / "registry" / "starter")
    assert "commons-contracts.yaml" in starter
    assert probe["starter"] == starter


def test_editable_console_script_inits_and_validates(editable_install: dict[str, Any]) -> None:
    """The editable venv's `commons-contracts` creates a starter registry that validates."""
    _init_and_validate(editable_install["bin"], editable_install["workdir"])
