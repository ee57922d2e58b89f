"""PDF output and signatures, with real LibreOffice: render, sign, status, verify."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from commons_contracts.cli import app
from commons_contracts.core.diagnostics import Diagnostic
from commons_contracts.documents.pdf import (
    _SOFFICE_MALLOC,
    SOFFICE_VARIABLE,
    PdfUnavailableError,
    _soffice_environment,
    convert_to_pdf,
    soffice_command,
)
from commons_contracts.documents.provenance import pdf_provenance
from commons_contracts.documents.render import render_contract
from commons_contracts.registry.model import Registry
from commons_contracts.registry.rules import Rule
from commons_contracts.signatures.lifecycle import contract_statuses
from commons_contracts.validation import validate
from commons_contracts.validation.validate import validate_registry

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed (see README)"
)
ALICE = "reciprocite-alice-movilab"


@pytest.fixture
def unsigned(example_copy: Path) -> Path:
    """The example registry without the signatures of Alice's contract."""
    for path in (example_copy / "signatures").glob(f"{ALICE}-*.yaml"):
        path.unlink()
    return example_copy


def _status_line(stdout: str, contract_id: str) -> str:
    """The line of `status` about one contract."""
    (line,) = (line for line in stdout.splitlines() if line.startswith(f"{contract_id}: "))
    return line


def _invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
@needs_libreoffice
def test_pdf_is_pdfa_with_provenance_and_byte_identical_across_runs(tmp_path: Path) -> None:
    """Two conversions a second apart give the same bytes, with provenance in info and XMP."""
    registry = validate_registry(Path(__file__).parents[1] / "examples").registry
    assert registry is not None
    docx = render_contract(registry, tmp_path, ALICE, "fr", tmp_path / "docx")
    first = convert_to_pdf([docx], tmp_path / "a")[0].read_bytes()
    time.sleep(1.1)
    second = convert_to_pdf([docx], tmp_path / "b")[0].read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    pdf = tmp_path / "a" / f"{ALICE}.fr.pdf"
    provenance = pdf_provenance(pdf)
    assert provenance["ContractId"] == ALICE
    assert len(provenance["TermsSha256"]) == 64
    reader = PdfReader(pdf)
    xmp = reader.xmp_metadata.stream.get_data().decode("utf-8")  # type: ignore[union-attr]
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert f"<cc:ContractId>{ALICE}</cc:ContractId>" in xmp
    assert "<xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate>" in xmp
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Alice Moreau" in text
    assert "cinq pour cent" in text


@pytest.mark.slow
@needs_libreoffice
def test_render_sign_status_change_verify(runner: CliRunner, unsigned: Path) -> None:
    """The whole lifecycle on the example registry, through the command line."""
    root = str(unsigned)
    out = str(unsigned / "signed")
    code, stdout, _ = _invoke(runner, "render", ALICE, "--format", "pdf", "-r", root, "-o", out)
    assert code == 0
    pdf = Path(stdout.split()[-1])
    assert pdf.name == f"{ALICE}.fr.pdf"
    code, stdout, _ = _invoke(runner, "status", "-r", root, "--format", "json")
    entry = next(e for e in json.loads(stdout) if e["contract"] == ALICE)
    assert entry == {
        "contract": ALICE,
        "kind": "reciprocity-contract",
        "status": "draft",
        "signed": [],
        "missing": ["host", "actor"],
        "changed_since_signature": False,
        "changes": [],
        "end": "2027-12-31",
        "version": 0,
        # The fixture removes the amendment's signature too (its id starts with the contract's).
        "amendments": [
            {
                "amendment": f"{ALICE}-avenant-1",
                "number": 1,
                "effective_date": "2027-01-01",
                "status": "draft",
                "signed": [],
                "missing": ["host", "actor"],
                "changed_since_signature": False,
                "changes": [],
            }
        ],
    }
    for signatory in ("host", "actor"):
        code, _, stderr = _invoke(
            runner,
            "sign",
            ALICE,
            "-s",
            signatory,
            "-d",
            "2026-01-05",
            "-m",
            "handwritten",
            "--file",
            str(pdf),
            "-r",
            root,
        )
        assert code == 0, stderr
    record = (unsigned / "signatures" / f"{ALICE}-host.yaml").read_text()
    assert f"document: signed/{ALICE}.fr.pdf" in record
    assert f"document_sha256: {hashlib.sha256(pdf.read_bytes()).hexdigest()}" in record
    code, stdout, _ = _invoke(runner, "status", "-r", root, "--as-of", "2026-11-28")
    assert f"{ALICE}: in-force (2/2 signed)" in stdout
    code, stdout, _ = _invoke(runner, "verify", ALICE, "-r", root)
    assert code == 0
    contract = unsigned / "contracts" / f"{ALICE}.yaml"
    contract.write_text(contract.read_text().replace("rate_percent: 5\n", "rate_percent: 6\n"))
    code, stdout, _ = _invoke(runner, "status", "-r", root)
    assert _status_line(stdout, ALICE).startswith(
        f"{ALICE}: draft (0/2 signed; missing: host, actor), ends 2027-12-31 — changed since a "
        "signature: data: rate_percent; amendment 1"
    )
    code, stdout, _ = _invoke(runner, "verify", ALICE, "-r", root)
    assert code == 1
    assert f"{ALICE} (host): terms changed since signed: data: rate_percent" in stdout


@pytest.mark.slow
@needs_libreoffice
def test_signed_copy_of_another_contract_or_version_is_refused(
    runner: CliRunner, unsigned: Path
) -> None:
    """A PDF naming another contract, or another version of the terms, is refused."""
    root, out = str(unsigned), str(unsigned / "signed")
    _invoke(runner, "render", "hebergement-movilab", ALICE, "-f", "pdf", "-r", root, "-o", out)
    other = unsigned / "signed" / "hebergement-movilab.fr.pdf"
    code, _, stderr = _invoke(
        runner,
        "sign",
        ALICE,
        "-s",
        "host",
        "-d",
        "2026-01-05",
        "-m",
        "handwritten",
        "--file",
        str(other),
        "-r",
        root,
    )
    assert code == 1
    assert "is the contract 'hebergement-movilab', not 'reciprocite-alice-movilab'" in stderr
    contract = unsigned / "contracts" / f"{ALICE}.yaml"
    contract.write_text(contract.read_text().replace("payment_days: 30", "payment_days: 45"))
    code, _, stderr = _invoke(
        runner,
        "sign",
        ALICE,
        "-s",
        "host",
        "-d",
        "2026-01-05",
        "-m",
        "handwritten",
        "--file",
        str(unsigned / "signed" / f"{ALICE}.fr.pdf"),
        "-r",
        root,
    )
    assert code == 1
    assert "another version of the terms" in stderr
    assert not list((unsigned / "signatures").glob(f"{ALICE}-*"))


def test_signing_twice_and_unknown_signatory_are_refused(runner: CliRunner, unsigned: Path) -> None:
    """The same signatory cannot sign twice; a signatory must be one of the contract's."""
    root = str(unsigned)
    base = ["sign", ALICE, "-d", "2026-01-05", "-m", "handwritten", "-r", root]
    assert _invoke(runner, *base, "-s", "host")[0] == 0
    code, _, stderr = _invoke(runner, *base, "-s", "host")
    assert code == 1
    assert "error duplicate-signature:" in stderr
    code, _, stderr = _invoke(runner, *base, "-s", "hots")
    assert code == 1
    assert "did you mean 'host'?" in stderr
    code, _, stderr = _invoke(runner, *base[:-4], "-m", "by-pigeon", "-r", root, "-s", "actor")
    assert code == 1
    assert "error invalid-value:" in stderr


def test_verify_of_an_unsigned_contract_says_so(runner: CliRunner, unsigned: Path) -> None:
    """Nothing to verify is said, not silent, and is no mismatch."""
    code, stdout, _ = _invoke(runner, "verify", ALICE, "-r", str(unsigned))
    assert code == 0
    assert stdout == f"{ALICE}: no signature recorded\n"


def test_verify_names_a_modified_or_missing_signed_copy(runner: CliRunner, unsigned: Path) -> None:
    """A signed copy whose bytes changed, or which is gone, makes verify exit 1."""
    scan = unsigned / "scans" / "signed.jpg"
    scan.parent.mkdir()
    scan.write_bytes(b"\xff\xd8 a scan")
    code, _, stderr = _invoke(
        runner,
        "sign",
        ALICE,
        "-s",
        "host",
        "-d",
        "2026-01-05",
        "-m",
        "handwritten",
        "--file",
        str(scan),
        "-r",
        str(unsigned),
    )
    assert code == 0, stderr
    assert _invoke(runner, "verify", ALICE, "-r", str(unsigned))[0] == 0
    scan.write_bytes(b"\xff\xd8 another scan")
    code, stdout, _ = _invoke(runner, "verify", ALICE, "-r", str(unsigned))
    assert code == 1
    assert "the signed copy scans/signed.jpg was modified since" in stdout
    scan.unlink()
    assert "is missing" in _invoke(runner, "verify", ALICE, "-r", str(unsigned))[1]


@pytest.mark.parametrize(
    ("today", "expected"),
    [("2025-12-31", "signed"), ("2026-06-01", "in-force"), ("2028-01-01", "expired")],
)
def test_status_follows_the_dates_once_signed(today: str, expected: str) -> None:
    """A fully signed contract is signed before its effective date, then in force, then expired."""
    registry = validate_registry(Path(__file__).parents[1] / "examples").registry
    assert registry is not None
    day = datetime.date.fromisoformat(today)
    statuses = {s.contract: s for s in contract_statuses(registry, day)}
    assert statuses[ALICE].status == expected
    assert statuses["hebergement-boussole"].status == "partially-signed"
    assert statuses["hebergement-boussole"].missing == ["community"]


def test_pdf_without_libreoffice_says_what_to_install(
    runner: CliRunner, example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without soffice on the PATH, PDF output fails with a clear message; .docx still works."""
    monkeypatch.setenv("PATH", "/nonexistent")
    out = str(example_copy / "out")
    code, _, stderr = _invoke(
        runner, "render", ALICE, "-f", "pdf", "-r", str(example_copy), "-o", out
    )
    assert code == 1
    assert "apt-get install libreoffice-writer-nogui" in stderr
    assert not (example_copy / "out").exists()
    assert _invoke(runner, "render", ALICE, "-r", str(example_copy), "-o", out)[0] == 0


def test_libreoffice_is_found_where_the_variable_says(
    runner: CliRunner, example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """COMMONS_CONTRACTS_SOFFICE names the soffice program when it is not on the PATH (as on
    macOS and Windows); a path that is not an executable file is refused, saying which
    variable to fix; an empty variable is as none."""
    monkeypatch.setenv("PATH", "/nonexistent")
    program = tmp_path / "LibreOffice" / "soffice"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", "utf-8")
    program.chmod(0o755)
    monkeypatch.setenv(SOFFICE_VARIABLE, str(program))
    assert soffice_command() == str(program)
    program.chmod(0o644)
    out = str(example_copy / "out")
    code, _, stderr = _invoke(
        runner, "render", ALICE, "-f", "pdf", "-r", str(example_copy), "-o", out
    )
    assert code == 1
    assert f"{SOFFICE_VARIABLE}={program} is not an executable file" in stderr
    monkeypatch.setenv(SOFFICE_VARIABLE, "")
    with pytest.raises(PdfUnavailableError, match="winget install"):
        soffice_command()


@pytest.mark.parametrize(
    "case",
    [
        ("exit 1", "1", "LibreOffice failed"),
        ("exit 1", "2", "LibreOffice failed"),
        # The LibreOffice of a batch kills the worker process that waits for it.
        ("kill -9 $PPID; sleep 5", "2", "a PDF conversion process stopped before its end"),
    ],
    ids=["fails-one-batch", "fails-two-batches", "worker-killed"],
)
def test_a_conversion_that_fails_is_an_error_not_a_traceback(
    runner: CliRunner,
    example_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[str, str, str],
) -> None:
    """LibreOffice failing, in one batch or in the worker process of each of two, or a worker
    killed: the command says so and exits 1, with no traceback and no temporary folder left."""
    import tempfile  # noqa: PLC0415

    from commons_contracts.documents.pdf import (  # noqa: PLC0415
        MIN_FILES_PER_PROCESS,
        WORK_FOLDER_PREFIX,
    )

    script, jobs, expected = case
    assert int(jobs) <= 14 // MIN_FILES_PER_PROCESS  # 7 documents in two languages
    program = tmp_path / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n", "utf-8")
    program.chmod(0o755)
    monkeypatch.setenv(SOFFICE_VARIABLE, str(program))
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    out = example_copy / "out"
    result = runner.invoke(
        app,
        ["render", "--all", "-f", "pdf", "--lang", "fr", "--lang", "en", "-j", jobs,
         "-r", str(example_copy), "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert expected in result.stderr
    assert "Traceback" not in result.output
    assert [p.name for p in private.iterdir() if p.name.startswith(WORK_FOLDER_PREFIX)] == []
    assert list(out.glob("*.pdf")) == []


@pytest.mark.slow
@needs_libreoffice
def test_pdf_through_the_variable_when_libreoffice_is_not_on_the_path(
    runner: CliRunner, example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real conversion with LibreOffice found only through COMMONS_CONTRACTS_SOFFICE."""
    found = shutil.which("soffice")
    assert found is not None
    # A PATH with every program of the usual one but LibreOffice (whose own script needs them).
    hidden = example_copy.parent / "bin"
    hidden.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        for program in Path(folder).glob("*") if Path(folder).is_dir() else ():
            link = hidden / program.name
            if program.name not in {"soffice", "libreoffice"} and not link.exists():
                link.symlink_to(program)
    monkeypatch.setenv("PATH", str(hidden))
    assert shutil.which("soffice") is None
    monkeypatch.setenv(SOFFICE_VARIABLE, found)
    out = example_copy / "out"
    code, stdout, stderr = _invoke(
        runner, "render", ALICE, "-f", "pdf", "-r", str(example_copy), "-o", str(out)
    )
    assert code == 0, stderr
    assert Path(stdout.split()[-1]).read_bytes().startswith(b"%PDF")


def _self_signed_signer(folder: Path) -> object:
    """A pyHanko signer with a fresh self-signed certificate."""
    from cryptography import x509  # noqa: PLC0415 - the signing extra
    from cryptography.hazmat.primitives import hashes, serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: PLC0415
    from cryptography.x509.oid import NameOID  # noqa: PLC0415
    from pyhanko.sign import signers  # noqa: PLC0415

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Claire Martin")])
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return signers.SimpleSigner.load(str(folder / "key.pem"), str(folder / "cert.pem"))


@pytest.mark.slow
@needs_libreoffice
def test_pades_signature_is_verified_and_a_flipped_byte_fails(
    runner: CliRunner, unsigned: Path, tmp_path: Path
) -> None:
    """Sign a rendered PDF with pyHanko: verify says intact; one flipped byte breaks it."""
    pytest.importorskip("pyhanko")
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
    from pyhanko.sign import signers  # noqa: PLC0415

    from commons_contracts.documents.provenance import signature_fields  # noqa: PLC0415
    from commons_contracts.signatures.pades import describe  # noqa: PLC0415

    root = str(unsigned)
    _invoke(runner, "render", ALICE, "-f", "pdf", "-r", root, "-o", str(unsigned / "signed"))
    rendered = unsigned / "signed" / f"{ALICE}.fr.pdf"
    signed = unsigned / "signed" / "signed.pdf"
    with rendered.open("rb") as source:
        writer = IncrementalPdfFileWriter(source, strict=False)
        metadata = signers.PdfSignatureMetadata(field_name="Signature1")
        output = signers.sign_pdf(writer, metadata, signer=_self_signed_signer(tmp_path))
        signed.write_bytes(output.getvalue())
    assert [(f.name, f.signed) for f in signature_fields(signed)] == [("Signature1", True)]
    code, _, stderr = _invoke(
        runner,
        "sign",
        ALICE,
        "-s",
        "host",
        "-d",
        "2026-01-05",
        "-m",
        "advanced-electronic",
        "--file",
        str(signed),
        "-r",
        root,
    )
    assert code == 0, stderr
    assert "PDF signature field 'Signature1': signed" in stderr
    code, stdout, stderr = _invoke(runner, "verify", ALICE, "-r", root)
    assert code == 0, stdout
    assert (
        "'Signature1' by Common Name: Claire Martin: intact, valid, certificate not checked"
        in stdout
    )
    assert "Traceback" not in stderr
    tampered = bytearray(signed.read_bytes())
    tampered[2000] ^= 1
    signed.write_bytes(bytes(tampered))
    lines, all_intact = describe(signed)
    assert not all_intact
    assert "NOT INTACT" in lines[0]
    code, stdout, _ = _invoke(runner, "verify", ALICE, "-r", root)
    assert code == 1
    assert "was modified since" in stdout


@pytest.mark.slow
@needs_libreoffice
def test_signed_copies_in_out_and_statements_are_refused(runner: CliRunner, unsigned: Path) -> None:
    """A copy in out/ (which render regenerates) and a statement's PDF are not signed copies."""
    root = str(unsigned)
    base = ["sign", ALICE, "-s", "host", "-d", "2026-01-05", "-m", "handwritten", "-r", root]
    _invoke(runner, "render", ALICE, "-f", "pdf", "-r", root, "-o", str(unsigned / "out"))
    code, _, stderr = _invoke(runner, *base, "--file", str(unsigned / "out" / f"{ALICE}.fr.pdf"))
    assert code == 1
    assert "is in out/, whose files commands regenerate" in stderr
    _invoke(
        runner,
        "statement",
        ALICE,
        "-p",
        "2026-Q1",
        "--as-of",
        "2026-11-28",
        "-f",
        "pdf",
        "-r",
        root,
        "-o",
        str(unsigned / "signed"),
    )
    statement = unsigned / "signed" / f"{ALICE}.2026-Q1.fr.pdf"
    code, _, stderr = _invoke(runner, *base, "--file", str(statement))
    assert code == 1
    assert "is a statement, not a copy of the contract" in stderr
    assert not list((unsigned / "signatures").glob(f"{ALICE}-*"))


def test_after_a_change_of_terms_each_signatory_signs_again(
    runner: CliRunner, unsigned: Path
) -> None:
    """A new signature of the new terms supersedes the old one: status and verify are clean."""
    root = str(unsigned)
    for signatory in ("host", "actor"):
        assert (
            _invoke(
                runner,
                "sign",
                ALICE,
                "-s",
                signatory,
                "-d",
                "2026-01-05",
                "-m",
                "handwritten",
                "-r",
                root,
            )[0]
            == 0
        )
    contract = unsigned / "contracts" / f"{ALICE}.yaml"
    contract.write_text(contract.read_text().replace("rate_percent: 5\n", "rate_percent: 6\n"))
    assert _invoke(runner, "verify", ALICE, "-r", root)[0] == 1
    for signatory in ("host", "actor"):
        code, _, stderr = _invoke(
            runner,
            "sign",
            ALICE,
            "-s",
            signatory,
            "-d",
            "2026-06-01",
            "-m",
            "handwritten",
            "-r",
            root,
        )
        assert code == 0, stderr
    assert (unsigned / "signatures" / f"{ALICE}-host-2.yaml").is_file()
    code, stdout, _ = _invoke(runner, "verify", ALICE, "-r", root)
    assert code == 0, stdout
    _, stdout, _ = _invoke(runner, "status", "-r", root, "--format", "json")
    entry = next(e for e in json.loads(stdout) if e["contract"] == ALICE)
    assert entry["changed_since_signature"] is False
    code, _, stderr = _invoke(
        runner, "sign", ALICE, "-s", "host", "-d", "2026-06-02", "-m", "handwritten", "-r", root
    )
    assert code == 1
    assert "already signed this version" in stderr


def test_sign_validates_the_registry_once(
    runner: CliRunner, unsigned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sign` reads the registry and runs the rules across records once, with the new
    signature (it used to validate the registry, then again with the new record)."""
    runs: list[str] = []

    def counted(rule: Rule) -> Rule:
        def run(registry: Registry) -> Iterable[Diagnostic]:
            runs.append(rule.__name__)
            return rule(registry)

        return run

    every_rule = sorted(rule.__name__ for rule in validate.RULES)
    monkeypatch.setattr(validate, "RULES", tuple(counted(rule) for rule in validate.RULES))
    for use_cache in ([], ["--no-cache"]):
        runs.clear()
        signatory = "host" if not use_cache else "actor"
        code, out, err = _invoke(
            runner,
            "sign",
            ALICE,
            "-r",
            str(unsigned),
            "--signatory",
            signatory,
            "--date",
            "2026-01-05",
            "--method",
            "handwritten",
            *use_cache,
        )
        assert code == 0, err
        assert out.strip().endswith(f"{ALICE}-{signatory}.yaml")
        assert sorted(runs) == every_rule


def test_sign_refuses_a_registry_with_errors(runner: CliRunner, unsigned: Path) -> None:
    """As before: errors anywhere in the registry refuse a signature, and are shown."""
    party = unsigned / "parties" / "alice-conseil.yaml"
    party.write_text(party.read_text("utf-8") + "unknown_field: 1\n", "utf-8")
    code, _, err = _invoke(
        runner,
        "sign",
        ALICE,
        "-r",
        str(unsigned),
        "--signatory",
        "host",
        "--date",
        "2026-01-05",
        "--method",
        "handwritten",
    )
    assert code == 1
    assert "parties/alice-conseil.yaml" in err and "unknown-key" in err
    assert "the registry has errors: fix them first" in err
    assert not list((unsigned / "signatures").glob(f"{ALICE}-*.yaml"))


@pytest.mark.slow
@needs_libreoffice
def test_pdf_conversion_split_across_processes_gives_the_same_bytes(tmp_path: Path) -> None:
    """Eight contracts converted by one LibreOffice process and by two, each with its own
    profile: the same PDFs, byte for byte, in the same order."""
    registry = validate_registry(Path(__file__).parents[1] / "examples").registry
    assert registry is not None
    docx = [
        render_contract(registry, tmp_path, contract_id, lang, tmp_path / "docx")
        for contract_id in sorted(registry.contracts)[:4]
        for lang in ("fr", "en")
    ]
    one = convert_to_pdf(docx, tmp_path / "one", processes=1)
    two = convert_to_pdf(docx, tmp_path / "two", processes=2)
    assert [p.name for p in one] == [p.name for p in two] == [f"{d.stem}.pdf" for d in docx]
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]


@pytest.mark.slow
@needs_libreoffice
def test_a_split_conversion_mends_every_batch_in_one_libreoffice_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example's contracts in French and English, in two batches (two processes): one run per
    batch, then one run, with the first batch's profile, for the documents of both batches that
    left a heading alone at a page's foot (before, each batch mended its own in a run of its
    own). Every run had the allocator's settings, the user's own after them. LibreOffice is
    the real one, started by a script that writes down each run."""
    registry = validate_registry(Path(__file__).parents[1] / "examples").registry
    assert registry is not None
    docx = [
        render_contract(registry, tmp_path, contract_id, lang, tmp_path / "docx")
        for contract_id in sorted(registry.contracts)
        for lang in ("fr", "en")
    ]
    log = tmp_path / "runs"  # a file per run: its status, GLIBC_TUNABLES and arguments
    log.mkdir()
    recorder = tmp_path / "soffice"
    recorder.write_text(
        "#!/bin/sh\n"
        f'"{soffice_command()}" "$@"\n'
        "code=$?\n"
        f'printf \'%s\\0\' "$code" "$GLIBC_TUNABLES" "$@" > "{log}/$$"\n'
        'exit "$code"\n',
        "utf-8",
    )
    recorder.chmod(0o755)
    monkeypatch.setenv(SOFFICE_VARIABLE, str(recorder))
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=4")
    pdfs = convert_to_pdf(docx, tmp_path / "pdf", processes=2)
    assert [p.name for p in pdfs] == [f"{d.stem}.pdf" for d in docx]
    first, mending = {}, []  # the documents of each run that converted, by profile
    for run in log.iterdir():
        code, tunables, *arguments = run.read_text("utf-8").split("\0")[:-1]
        assert tunables == f"{_SOFFICE_MALLOC}:glibc.malloc.arena_max=4"
        (profile,) = (a.rsplit("/", 1)[1] for a in arguments if "UserInstallation" in a)
        documents = [Path(a) for a in arguments if a.endswith(".docx")]
        if code == "81":  # a new profile made: LibreOffice asks to be started again
            continue
        assert code == "0", arguments
        if all("-mended-" in path.parent.name for path in documents):
            mending.append((profile, documents))
        else:
            assert profile not in first
            first[profile] = documents
    assert first.keys() == {"profile-0", "profile-1"}
    assert sorted(first["profile-0"] + first["profile-1"]) == sorted(docx)
    assert mending, "the example's documents leave no heading at a page's foot any more"
    assert len(mending) <= 3 and all(profile == "profile-0" for profile, _ in mending)
    mended = {path.name for _, documents in mending for path in documents}
    for batch in first.values():
        assert mended & {path.name for path in batch}, (
            "the example's documents no longer need mending in both batches: choose others"
        )


def test_libreoffice_keeps_the_user_s_older_allocator_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the user sets glibc's older variables of the same thresholds, which
    GLIBC_TUNABLES would override, LibreOffice runs in the user's environment as it is."""
    monkeypatch.delenv("GLIBC_TUNABLES", raising=False)
    assert _soffice_environment()["GLIBC_TUNABLES"] == _SOFFICE_MALLOC
    for variable in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"):
        with monkeypatch.context() as patched:
            patched.setenv(variable, "131072")
            assert "GLIBC_TUNABLES" not in _soffice_environment()
            patched.setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=4")
            assert _soffice_environment()["GLIBC_TUNABLES"] == "glibc.malloc.arena_max=4"


def _signed_blank_pdf(tmp_path: Path) -> bytes:
    """A one-page PDF, made by pypdf, signed by pyHanko with a self-signed certificate."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
    from pyhanko.sign import signers  # noqa: PLC0415
    from pypdf import PdfWriter  # noqa: PLC0415

    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(blank)
    blank.seek(0)
    incremental = IncrementalPdfFileWriter(blank, strict=False)
    metadata = signers.PdfSignatureMetadata(field_name="Signature1")
    signed = signers.sign_pdf(incremental, metadata, signer=_self_signed_signer(tmp_path))
    return signed.getvalue()


def test_a_page_added_after_signing_is_reported_and_fails(tmp_path: Path) -> None:
    """An incremental update that adds a page after the signature leaves the signature intact
    and valid, but the file says something else than what was signed: not good."""
    pytest.importorskip("pyhanko")
    from pypdf import PdfWriter  # noqa: PLC0415

    from commons_contracts.signatures.pades import describe  # noqa: PLC0415

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(_signed_blank_pdf(tmp_path))
    lines, good = describe(signed)
    assert good, lines
    update = PdfWriter(signed, incremental=True)
    update.add_blank_page(width=595, height=842)
    changed = tmp_path / "changed.pdf"
    with changed.open("wb") as handle:
        update.write(handle)
    assert changed.read_bytes().startswith(signed.read_bytes())  # a true incremental update
    lines, good = describe(changed)
    assert not good
    assert "intact, valid" in lines[0] and "MODIFIED AFTER SIGNING" in lines[0]


def test_a_broken_signed_pdf_is_an_invalid_signature_not_a_crash(tmp_path: Path) -> None:
    """A signed PDF cut in half cannot be checked: one line says so, and it is not good."""
    pytest.importorskip("pyhanko")
    from commons_contracts.signatures.pades import describe  # noqa: PLC0415

    data = _signed_blank_pdf(tmp_path)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: len(data) // 2])
    lines, good = describe(broken)
    assert not good
    assert lines and lines[0].startswith("the signed copy cannot be checked as a signed PDF")


# --------------------------------------------------------------------------------------------
# The fingerprint of format 2: the whole text, and what changed named by its path


def _edit(path: Path, old: str, new: str) -> str:
    """Replace `old` (which must be there) by `new` in a record; the original text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text


def test_a_party_s_street_is_in_the_terms_signed(runner: CliRunner, example_copy: Path) -> None:
    """The host's address is printed in the contract: once it changes, every signature of a
    contract of that host names `host.address.street` as a change of data."""
    root = str(example_copy)
    assert _invoke(runner, "verify", "-r", root)[0] == 0
    host = example_copy / "parties" / "tiers-lieux-hdf.yaml"
    _edit(host, "street: 12 rue des Arts", "street: 14 rue des Arts")
    code, stdout, _ = _invoke(runner, "verify", ALICE, "-r", root)
    assert code == 1
    assert stdout.splitlines() == [
        f"{ALICE} (actor): terms changed since signed: data: host.address.street",
        f"{ALICE} (host): terms changed since signed: data: host.address.street",
        # The amendment signs the terms of the contract it amends, the host's address with them.
        f"{ALICE}-avenant-1 (host): terms changed since signed: data: amends.host.address.street",
    ]
    _, stdout, _ = _invoke(runner, "status", "-r", root, "--as-of", "2026-11-28")
    assert _status_line(stdout, ALICE).startswith(
        f"{ALICE}: draft (0/2 signed; missing: host, actor), ends 2027-12-31 — changed since a "
        "signature: data: host.address.street; amendment 1"
    )
    # The terms are the content, not its history: the street back, the signatures count again.
    _edit(host, "street: 14 rue des Arts", "street: 12 rue des Arts")
    assert _invoke(runner, "verify", ALICE, "-r", root)[0] == 0


def test_a_representative_of_the_commons_is_in_the_terms_signed(
    runner: CliRunner, example_copy: Path
) -> None:
    """A representative's email changed: the hosting contract of that commons names the path,
    and so does the reciprocity contract that names the commons and its representatives."""
    root = str(example_copy)
    commons = example_copy / "commons" / "movilab.yaml"
    # The representative's approvals of expenses name them by e-mail address too.
    approvals = [
        path
        for path in sorted((example_copy / "funds" / "approvals").glob("*.yaml"))
        if "thomas.lefebvre@example.org" in path.read_text(encoding="utf-8")
    ]
    assert approvals
    for path in [commons, *approvals]:
        _edit(path, "thomas.lefebvre@example.org", "t.lefebvre@example.org")
    code, stdout, _ = _invoke(runner, "verify", "hebergement-movilab", "-r", root)
    assert code == 1
    lines = stdout.splitlines()
    assert len(lines) == 3  # the host and both representatives
    for line in lines:
        assert line.endswith(
            "terms changed since signed: data: commons.representatives[1].email"
        ), line
    # The new representative signs: the signatories are in the terms too.
    for path in [commons, *approvals]:
        _edit(path, "t.lefebvre@example.org", "thomas.lefebvre@example.org")
    assert _invoke(runner, "verify", "hebergement-movilab", "-r", root)[0] == 0
    text = _edit(commons, "  - name: Thomas Lefebvre", "  - name: Thomas Lefèvre")
    code, stdout, _ = _invoke(runner, "verify", "hebergement-movilab", "-r", root)
    assert code == 1
    assert "commons.representatives[1].name" in stdout
    assert "signatories[2].name" in stdout
    commons.write_text(text, encoding="utf-8")


def test_a_change_of_wording_is_told_from_a_change_of_data(
    runner: CliRunner, example_copy: Path
) -> None:
    """The registry's own template for French reciprocity contracts: the French signatures
    name the wording; with the rate changed too, both."""
    import docx as python_docx  # noqa: PLC0415

    from commons_contracts.documents.templates import builtin_templates_dir  # noqa: PLC0415

    root = str(example_copy)
    document = python_docx.Document(str(builtin_templates_dir() / "reciprocity-fr.docx"))
    document.add_paragraph("Clause propre au réseau.")
    (example_copy / "templates").mkdir()
    document.save(str(example_copy / "templates" / "reciprocity-fr.docx"))
    code, stdout, _ = _invoke(runner, "verify", ALICE, "-r", root)
    assert code == 1
    assert f"{ALICE} (host): terms changed since signed: the wording (template)" in stdout
    # The hosting contracts use another template: still signed.
    assert _invoke(runner, "verify", "hebergement-movilab", "-r", root)[0] == 0
    _edit(example_copy / "contracts" / f"{ALICE}.yaml", "rate_percent: 5\n", "rate_percent: 6\n")
    _, stdout, _ = _invoke(runner, "verify", ALICE, "-r", root)
    assert (
        f"{ALICE} (host): terms changed since signed: the wording (template); data: rate_percent"
    ) in stdout


def test_a_signature_of_format_1_is_checked_as_it_was_made(
    runner: CliRunner, unsigned: Path
) -> None:
    """A signature recorded before format 2 signed the contract record alone: it still
    verifies, a change of the host's street leaves it valid, a change of the record does not."""
    from commons_contracts.core.terms import canonical_terms, terms_sha256  # noqa: PLC0415

    registry = validate_registry(unsigned).registry
    assert registry is not None
    data = registry.source("reciprocity-contract", ALICE).data
    terms = canonical_terms(data)
    record = {
        "kind": "signature",
        "id": f"{ALICE}-actor",
        "contract": ALICE,
        "signatory": "actor",
        "signed_on": "2025-12-18",
        "method": "handwritten",
        "terms_sha256": terms_sha256(terms),
        "recorded_at": "2025-12-18T17:00:00Z",
        "terms": terms,
    }
    path = unsigned / "signatures" / f"{ALICE}-actor.yaml"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    root = str(unsigned)
    assert _invoke(runner, "verify", ALICE, "-r", root) == (0, f"{ALICE} (actor): ok\n", "")
    _edit(unsigned / "parties" / "tiers-lieux-hdf.yaml", "12 rue des Arts", "14 rue des Arts")
    assert _invoke(runner, "verify", ALICE, "-r", root)[0] == 0
    # The host signs today: format 2, which covers the host's new address.
    code, _, stderr = _invoke(
        runner, "sign", ALICE, "-s", "host", "-d", "2026-01-05", "-m", "handwritten", "-r", root
    )
    assert code == 0, stderr
    _, stdout, _ = _invoke(runner, "status", "-r", root, "--as-of", "2026-11-28")
    assert f"{ALICE}: in-force (2/2 signed)" in stdout
    _edit(unsigned / "contracts" / f"{ALICE}.yaml", "payment_days: 30", "payment_days: 45")
    code, stdout, _ = _invoke(runner, "verify", ALICE, "-r", root)
    assert code == 1
    assert f"{ALICE} (actor): terms changed since signed: data: payment_days" in stdout
    assert f"{ALICE} (host): terms changed since signed: data: payment_days" in stdout


def test_a_signature_records_its_language(runner: CliRunner, unsigned: Path) -> None:
    """`sign --lang en` signs the English version (its own template in the terms); a copy in
    another language than the one given is refused."""
    root = str(unsigned)
    base = ["sign", ALICE, "-d", "2026-01-05", "-m", "handwritten", "-r", root]
    assert _invoke(runner, *base, "-s", "actor", "--lang", "en")[0] == 0
    record = (unsigned / "signatures" / f"{ALICE}-actor.yaml").read_text(encoding="utf-8")
    assert "language: en\n" in record
    assert "name: reciprocity-en.docx" in record
    registry = validate_registry(unsigned).registry
    assert registry is not None
    signed = unsigned / "signed"
    english = render_contract(registry, unsigned, ALICE, "en", signed)
    code, _, stderr = _invoke(runner, *base, "-s", "host", "--lang", "fr", "--file", str(english))
    assert code == 1
    assert f"is the version in 'en' of '{ALICE}', not the one in 'fr'" in stderr
    # Without --lang, the copy's language is the one signed.
    code, _, stderr = _invoke(runner, *base, "-s", "host", "--file", str(english))
    assert code == 0, stderr
    assert "language: en\n" in (unsigned / "signatures" / f"{ALICE}-host.yaml").read_text()
    assert _invoke(runner, "verify", ALICE, "-r", root)[0] == 0
