"""Hardening (issue 15): nothing lost under `kill -9`, nothing outside the registry, never a
traceback nor a hang. Each test fails without the mechanism it checks."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.core.paths import PENDING_FOLDER

CONTRACT = "reciprocite-mon-acteur"
TOOL = [sys.executable, "-m", "commons_contracts"]


def _records(root: Path) -> dict[str, bytes]:
    """Every file of the registry outside its hidden folders, with its bytes."""
    found = {}
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [s for s in subfolders if not s.startswith(".")]
        for name in names:
            path = Path(folder) / name
            found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def _import_csv(path: Path, rows: int) -> None:
    lines = ["date;client;montant HT"]
    lines += [f"2026-05-{1 + i % 28:02d};Client {i};{10 + i % 90},50" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _visible(root: Path) -> int:
    return sum(1 for _ in (root / "declarations").rglob("*.yaml"))


@pytest.mark.slow
def test_an_import_killed_at_any_point_lands_whole_or_not_at_all(
    starter: Path, tmp_path: Path
) -> None:
    """`declare --csv` killed (SIGKILL) at seeded random moments: after the next command, the
    registry holds exactly the records before the import or all of them, never part; the
    same import then works, and no temporary file is left."""
    rows = 400
    csv = tmp_path / "factures.csv"
    _import_csv(csv, rows)
    before = _records(starter)
    command = [*TOOL, "declare", "-r", str(starter), "--csv", str(csv), "-c", CONTRACT]
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.monotonic() - started
    after = _records(starter)
    assert len(after) == len(before) + rows
    generator = random.Random(20261515)
    landed = 0
    for _ in range(10):
        for path in set(after) - set(before):
            (starter / path).unlink(missing_ok=True)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(generator.uniform(0.3, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        # Any command completes or rolls back what the killed one left.
        subprocess.run([*TOOL, "balance", "-r", str(starter)], check=True, capture_output=True)
        state = _records(starter)
        assert not (starter / PENDING_FOLDER).exists()
        assert state in (before, after), f"{_visible(starter)} declarations after a kill"
        landed += state == after
    # The same import after a kill that left nothing works.
    for path in set(after) - set(before):
        (starter / path).unlink(missing_ok=True)
    subprocess.run(command, check=True, capture_output=True)
    assert _records(starter) == after
    assert [p for p in starter.rglob(".*") if ".tmp-" in p.name] == []
    assert 0 < landed < 10 or landed in (0, 10)  # both outcomes are allowed


def test_a_batch_staged_but_not_committed_is_rolled_back(
    starter: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """What a killed import left before its commit point (staged files, no journal) is removed
    by the next command, and what it left after (a journal) is moved in whole."""
    pending = starter / PENDING_FOLDER
    (pending / "files").mkdir(parents=True)
    (pending / "files" / "000000.yaml").write_text("kind: declaration\n")
    before = _records(starter)
    assert runner.invoke(app, ["balance", "-r", str(starter)]).exit_code == 0
    assert not pending.exists()
    assert _records(starter) == before
    # Committed: a journal lists the files; the next command links them in.
    csv = tmp_path / "f.csv"
    _import_csv(csv, 3)
    result = runner.invoke(app, ["declare", "-r", str(starter), "--csv", str(csv), "-c", CONTRACT])
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.split()]
    (pending / "files").mkdir(parents=True)
    journal = []
    for number, path in enumerate(written):
        (pending / "files" / f"{number:06d}.yaml").write_bytes(path.read_bytes())
        journal.append([f"{number:06d}.yaml", path.relative_to(starter).as_posix()])
        if number:
            path.unlink()  # the first one was linked in before the kill
    (pending / "journal.json").write_text(str(journal).replace("'", '"'))
    assert runner.invoke(app, ["balance", "-r", str(starter)]).exit_code == 0
    assert not pending.exists()
    assert all(path.is_file() for path in written)


def test_stale_temporary_files_of_dead_processes_are_removed(
    starter: Path, runner: CliRunner
) -> None:
    """A temporary file of a process that no longer runs goes at the next write, in a folder
    where documents are written (`out/`, the default); one of a running process stays."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    folder = starter / "out"
    folder.mkdir(exist_ok=True)
    stale = folder / f".x.yaml.tmp-{dead.pid}-abcd1234"
    alive = folder / f".y.yaml.tmp-{os.getpid()}-abcd1234"
    stale.write_text("half")
    alive.write_text("half")
    result = runner.invoke(
        app,
        ["declare", "-r", str(starter), "-c", CONTRACT, "-d", "2026-05-04", "-a", "12"],
    )
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert alive.exists()


@pytest.mark.slow
def test_a_stopped_writer_makes_others_wait_with_a_message_then_give_up(starter: Path) -> None:
    """A writer stopped (SIGSTOP) holding the lock: `balance` says it waits, then gives up
    after the timeout of COMMONS_CONTRACTS_LOCK_TIMEOUT with a clear error."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys, time\n"
            "from commons_contracts.core.store import registry_lock\n"
            f"with registry_lock(__import__('pathlib').Path({str(starter)!r})):\n"
            "    print('held', flush=True)\n"
            "    os.kill(os.getpid(), 19)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        env = {**os.environ, "COMMONS_CONTRACTS_LOCK_TIMEOUT": "2"}
        started = time.monotonic()
        result = subprocess.run(
            [*TOOL, "balance", "-r", str(starter)],
            check=False,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        waited = time.monotonic() - started
        assert result.returncode == 1
        assert "waiting for another command" in result.stderr
        assert f"(process {holder.pid})" in result.stderr
        assert "COMMONS_CONTRACTS_LOCK_TIMEOUT" in result.stderr
        assert "Traceback" not in result.stderr
        assert waited >= 2
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_a_reader_during_an_import_sees_it_whole_or_not(starter: Path, tmp_path: Path) -> None:
    """`balance` run while an import writes its files waits for it: the declarations it counts
    are those before the import or after, never part."""
    csv = tmp_path / "f.csv"
    _import_csv(csv, 150)
    env = {**os.environ, "COMMONS_CONTRACTS_NO_CACHE": "1"}
    writer = subprocess.Popen(
        [*TOOL, "declare", "-r", str(starter), "--csv", str(csv), "-c", CONTRACT],
        stdout=subprocess.DEVNULL,
        env=env,
    )
    seen = set()
    while writer.poll() is None:
        result = subprocess.run(
            [*TOOL, "balance", "-r", str(starter), "--format", "json"],
            check=False,
            capture_output=True,
            text=True,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        seen.add(result.stdout)
    assert writer.returncode == 0
    assert len(seen) <= 2


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
            if text in command:
                found.append(int(entry.name))
    return found


@pytest.mark.slow
def test_a_pdf_render_killed_leaves_no_process_and_no_folder(tmp_path: Path) -> None:
    """`render --format pdf` killed with SIGKILL while LibreOffice converts: its LibreOffice
    processes die with it, and the next conversion removes its temporary folder."""
    from commons_contracts.documents.pdf import WORK_FOLDER_PREFIX  # noqa: PLC0415

    examples = Path(__file__).resolve().parents[1] / "examples"
    # Both languages: 14 documents, in two batches, each converted by a worker process of its
    # own. A temporary folder of this test's own: a conversion in another test (another
    # worker of the suite) would remove the killed command's folder, as the next one does.
    private = tmp_path / "tmp"
    private.mkdir()
    env = {**os.environ, "TMPDIR": str(private)}
    command = [*TOOL, "render", "--all", "-r", str(examples), "--format", "pdf", "-j", "2",
               "--lang", "fr", "--lang", "en"]  # fmt: skip
    process = subprocess.Popen(
        [*command, "--out", str(tmp_path / "a")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    marker = f"{WORK_FOLDER_PREFIX}{process.pid}-"
    deadline = time.monotonic() + 120
    while not _processes_mentioning(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_mentioning(marker), "LibreOffice never started"
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while _processes_mentioning(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(marker) == []
    left = [p for p in private.iterdir() if p.name.startswith(marker)]
    assert left  # killed: it could not remove its folder itself
    subprocess.run(
        [*TOOL, "render", "-r", str(examples), "reciprocite-alice-movilab", "--format", "pdf",
         "--out", str(tmp_path / "b")],
        check=True,
        capture_output=True,
        env=env,
    )  # fmt: skip
    assert all(not p.exists() for p in left)


def test_links_and_pipes_in_the_registry_are_located_errors(
    starter: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """A symbolic link to a record file outside, a linked record folder and a pipe named
    `*.yaml`: each is a located error of `validate` (a pipe never blocks it), and `declare`
    never writes through the linked folder."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = elsewhere / "x.yaml"
    outside.write_text("kind: commons\nid: ailleurs\nname: Ailleurs\n")
    (starter / "commons" / "x.yaml").symlink_to(outside)
    (starter / "declarations").mkdir(exist_ok=True)
    (starter / "declarations" / "2027").symlink_to(elsewhere, target_is_directory=True)
    os.mkfifo(starter / "commons" / "pipe.yaml")
    result = runner.invoke(app, ["validate", "-r", str(starter)])
    assert result.exit_code == 1
    assert "commons/x.yaml:1:1: error outside-registry:" in result.stdout
    assert "declarations/2027:1:1: error outside-registry:" in result.stdout
    assert "commons/pipe.yaml:1:1: error not-a-file:" in result.stdout
    (starter / "commons" / "x.yaml").unlink()
    (starter / "commons" / "pipe.yaml").unlink()
    (starter / "declarations" / "2027").unlink()
    (starter / "declarations" / "2027").symlink_to(elsewhere, target_is_directory=True)
    # declare checks the registry with the new record: the linked folder is an error first;
    # and the writer itself refuses a folder leading outside.
    from commons_contracts.core.store import registry_lock, write_new_files  # noqa: PLC0415
    from commons_contracts.errors import RefusedError  # noqa: PLC0415

    with registry_lock(starter), pytest.raises(RefusedError, match="outside the registry"):
        write_new_files(starter, {starter / "declarations/2027/new.yaml": b"kind: x\n"})
    assert sorted(p.name for p in elsewhere.iterdir()) == ["x.yaml"]


def test_a_registry_named_by_a_relative_path_is_written_inside_itself(
    starter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library given `Path("registry")` (as a script would) writes `registry/x/y.yaml`,
    never `registry/registry/x/y.yaml`."""
    from commons_contracts.core.store import registry_lock, write_new_files  # noqa: PLC0415

    monkeypatch.chdir(starter.parent)
    root = Path(starter.name)
    with registry_lock(root):
        written = write_new_files(root, {root / "notes" / "new.yaml": b"kind: x\n"})
    assert [path.resolve() for path in written] == [(starter / "notes" / "new.yaml").resolve()]
    assert (starter / "notes" / "new.yaml").read_bytes() == b"kind: x\n"
    assert not (starter / starter.name).exists()


def test_a_signed_copy_outside_the_registry_is_never_read(
    example_copy: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """A hand-written `document: ../../../../etc/passwd`: `validate` refuses it, located, and
    `verify` never reads it; `sign` refuses a copy outside the registry."""
    from commons_contracts.registry.model import Registry  # noqa: PLC0415
    from commons_contracts.signatures.signing import verify_signatures  # noqa: PLC0415
    from commons_contracts.validation.validate import validate_registry  # noqa: PLC0415

    registry = validate_registry(example_copy).registry
    assert isinstance(registry, Registry)
    signature = registry.signatures[0]
    import dataclasses  # noqa: PLC0415

    hostile = dataclasses.replace(
        signature, document="../../../../etc/passwd", document_sha256="0" * 64
    )
    forged = dataclasses.replace(registry, signatures=(hostile,))
    (check,) = verify_signatures(forged, example_copy, [signature.contract])
    assert check.document_problem is not None
    assert "outside the registry" in check.document_problem
    assert not check.ok


ALICE = "reciprocite-alice-movilab"


def _blank_pdf(path: Path) -> None:
    from pypdf import PdfWriter  # noqa: PLC0415

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as handle:
        writer.write(handle)


@pytest.mark.slow
def test_an_advanced_signature_whose_copy_holds_none_fails_verify(
    example_copy: Path, runner: CliRunner
) -> None:
    """method: advanced-electronic with a signed copy that has no electronic signature at all
    is not `ok`; through the command line, `verify` exits 1 and says so. A malformed PDF
    recorded as the copy is an invalid signature, never a traceback."""
    pytest.importorskip("pyhanko")
    for path in (example_copy / "signatures").glob(f"{ALICE}-*.yaml"):
        path.unlink()
    copy = example_copy / "signed" / "copie.pdf"
    copy.parent.mkdir()
    _blank_pdf(copy)
    sign = ["sign", ALICE, "-s", "host", "-d", "2026-01-05", "-r", str(example_copy)]
    result = runner.invoke(app, [*sign, "-m", "advanced-electronic", "--file", str(copy)])
    assert result.exit_code == 0, result.output
    record = Path(result.stdout.strip())
    verified = runner.invoke(app, ["verify", ALICE, "-r", str(example_copy)])
    assert verified.exit_code == 1
    assert "no electronic signature could be checked in the signed copy" in verified.stdout
    # A malformed "signed" PDF, recorded with its own hash: an invalid signature.
    import hashlib  # noqa: PLC0415

    malformed = b"%PDF-1.7\n1 0 obj << /Type /Catalog /AcroForm << /Fields [2 0 R] >> >>\n"
    malformed += b"2 0 obj << /FT /Sig /V << /ByteRange [0 10 20 99999] /Contents <00> >> >>\n"
    copy.write_bytes(malformed)
    text = record.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith("document_sha256:"))
    record.write_text(
        text.replace(old, f'document_sha256: "{hashlib.sha256(malformed).hexdigest()}"'), "utf-8"
    )
    process = subprocess.run(
        [*TOOL, "verify", ALICE, "-r", str(example_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 1, process.stdout + process.stderr
    assert "Traceback" not in process.stderr
    assert "cannot be checked as a signed PDF" in process.stdout or (
        "no electronic signature could be checked" in process.stdout
    )


def _template_with(path: Path, text: str) -> None:
    """The built-in French reciprocity template with one more paragraph, holding `text`."""
    import docx  # noqa: PLC0415

    from commons_contracts.documents.templates import builtin_templates_dir  # noqa: PLC0415

    document = docx.Document(str(builtin_templates_dir() / "reciprocity-fr.docx"))
    document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


@pytest.mark.parametrize(
    ("expression", "said"),
    [
        ("{{ 'a' * 10**10 }}", "at most 1,000,000"),
        ("{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
         "loops more than"),
        ("{{ lipsum(10**6) }}", "lipsum of at most"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself without end"),
        ("{{ 7 ** 100000000 }}", "exponent over"),
    ],
)  # fmt: skip
def test_a_hostile_template_is_a_located_error_not_a_hang(
    example_copy: Path, runner: CliRunner, expression: str, said: str
) -> None:
    """Templates are data: what would run until killed or end in a traceback is stopped
    within the sandbox's limits and reported, naming the template."""
    _template_with(example_copy / "templates" / "reciprocity-fr.docx", expression)
    started = time.monotonic()
    result = runner.invoke(
        app, ["render", ALICE, "-r", str(example_copy), "-o", str(example_copy / "out")]
    )
    assert time.monotonic() - started < 30
    assert result.exit_code == 1, result.output
    assert "templates/reciprocity-fr.docx" in result.stderr
    assert said in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(
    example_copy: Path, runner: CliRunner
) -> None:
    """A template whose parts unpack to more than the limit is refused from the archive's
    directory, without unpacking (a few hundred kilobytes that would unpack to 120 MiB)."""
    import zipfile  # noqa: PLC0415

    path = example_copy / "templates" / "reciprocity-fr.docx"
    _template_with(path, "x")
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/bomb.bin", "w") as handle,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(120):
            handle.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    result = runner.invoke(
        app, ["render", ALICE, "-r", str(example_copy), "-o", str(example_copy / "out")]
    )
    assert result.exit_code == 1
    assert "unpacks to 125," in result.stderr and "not opened" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "device", "huge-cell"])
def test_an_import_file_that_cannot_be_a_spreadsheet_is_an_error_not_a_hang(
    starter: Path, tmp_path: Path, kind: str
) -> None:
    """A pipe given as `--csv` (it would wait forever), `/dev/zero` behind a `.csv` name (it
    never ends), and a cell over 128 KiB: each a located error, through the command line."""
    path = tmp_path / "factures.csv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.write_text("date;client;montant HT\n2026-05-04;" + "x" * 140_000 + ";12\n")
    result = subprocess.run(
        [*TOOL, "declare", "-r", str(starter), "--csv", str(path), "-c", CONTRACT],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = {
        "fifo": f"{path}:1:1: error not-a-file:",
        "device": f"{path}:1:1: error not-a-file:",
        "huge-cell": f"{path}:2:1: error unreadable-file: a cell of more than 131,072",
    }[kind]
    assert expected in result.stderr


@pytest.mark.slow
def test_output_to_a_terminal_that_cannot_show_every_character() -> None:
    """`PYTHONIOENCODING=cp1252 balance`: the table is shown (a character the encoding lacks
    as `?`), never a UnicodeEncodeError; and an argument that is not UTF-8 is refused."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    examples = Path(__file__).resolve().parents[1] / "examples"
    result = subprocess.run(
        [*TOOL, "balance", "-r", str(examples)], capture_output=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert "é".encode("cp1252") in result.stdout  # what cp1252 has is written in it
    bad = subprocess.run(
        [*TOOL, "validate", "-r", os.fsdecode(b"/tmp/caf\xe9")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "is not valid UTF-8 text" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_party_name_of_300_characters_renders(example_copy: Path, runner: CliRunner) -> None:
    """Valid data renders: a name longer than a document property may be is kept whole in
    the text, and only the properties are shortened."""
    import docx  # noqa: PLC0415

    name = " ".join(["Alice Moreau Conseil"] * 15)
    party = example_copy / "parties" / "alice-conseil.yaml"
    lines = party.read_text("utf-8").splitlines()
    lines = [f'name: "{name}"' if line.startswith("name:") else line for line in lines]
    party.write_text("\n".join(lines) + "\n", "utf-8")
    result = runner.invoke(
        app, ["render", ALICE, "-r", str(example_copy), "-o", str(example_copy / "out")]
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(result.stdout.strip())
    assert any(name in paragraph.text for paragraph in document.paragraphs)
    subject = document.core_properties.subject
    assert len(subject) <= 255
    assert subject.endswith("…")


def _amounts(revenue: str, vat: str = "0", paid: str = "0") -> object:
    from decimal import Decimal  # noqa: PLC0415

    from commons_contracts.report.privacy import Amounts  # noqa: PLC0415

    due = Decimal(revenue) / 20
    return Amounts(
        revenue_excl_tax=Decimal(revenue),
        due_excl_tax=due,
        vat=Decimal(vat),
        due_incl_tax=due + Decimal(vat),
        paid=Decimal(paid),
    )


def test_the_pooling_rule_covers_vat_and_what_is_left_to_pay() -> None:
    """Three actors of similar revenue, one alone liable to VAT: the pooled VAT would be its
    VAT, so the pool is withheld; likewise when one actor alone has not paid."""
    from commons_contracts.report.privacy import PoolingRule  # noqa: PLC0415

    rule = PoolingRule()
    even = {"a": _amounts("1000"), "b": _amounts("1100"), "c": _amounts("900")}
    assert rule.allows(even)
    one_vat = {**even, "a": _amounts("1000", vat="10")}
    assert not rule.allows(one_vat)
    all_paid_but_one = {
        "a": _amounts("1000", paid="50"),
        "b": _amounts("1100", paid="55"),
        "c": _amounts("900", paid="0"),
    }
    assert not rule.allows(all_paid_but_one)  # what is left to pay is c's


def test_two_report_dates_never_give_away_one_actors_declaration() -> None:
    """The same pool at two dates, where only one actor declared in between: the later value
    is withheld, since the difference would be that actor's declaration; once others have
    declared too, it is published again."""
    from commons_contracts.report.privacy import PoolingRule  # noqa: PLC0415

    rule = PoolingRule()
    march = {"a": _amounts("1000"), "b": _amounts("1100"), "c": _amounts("900")}
    june = {**march, "a": _amounts("1500")}
    assert rule.allows(june)  # on its own, June's pool passes
    assert not rule.allows_series([march, june])
    september = {"a": _amounts("1600"), "b": _amounts("1500"), "c": _amounts("1400")}
    assert rule.allows_series([march, june, september])  # compared with March, not June
    assert rule.allows_series([march, march])  # nothing changed: nothing to give away


@pytest.mark.slow
def test_two_thousand_mutated_registries_raise_only_the_packages_errors(
    tmp_path: Path,
) -> None:
    """The fuzz run of tools/fuzz_registries.py: 2,000 mutated example registries through
    load, validate, balance, status, verify, render and the report; nothing raised but the
    package's own errors."""
    import importlib.util  # noqa: PLC0415

    path = Path(__file__).resolve().parents[1] / "tools" / "fuzz_registries.py"
    spec = importlib.util.spec_from_file_location("fuzz_registries", path)
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_registries"] = fuzz  # its dataclasses look their module up
    spec.loader.exec_module(fuzz)
    outcome = fuzz.run(2000, seed=20261515)
    assert outcome.failures == [], outcome.failures[0]
    assert outcome.cases == 2000
    assert outcome.valid > 50 and outcome.rendered > 10 and outcome.reported > 2
