"""PDF output: rendered .docx files to PDF/A-2b through LibreOffice, then provenance with pypdf.

Many files go through one `soffice` process (starting LibreOffice costs a second; converting a
contract a tenth of one); a large batch is split across one worker process per core, each
running its own LibreOffice with its own profile folder (so that they never collide with each
other or with a user's LibreOffice) and a timeout, then mending and stamping its own PDFs. The
PDF is re-written with pypdf:

* its document information and its XMP packet carry the contract id, the terms hash, the
  template hash and the tool version; the XMP is merged into LibreOffice's, keeping its PDF/A
  identification, and the custom properties are declared in a PDF/A extension schema;
* its dates are those of the .docx (fixed by the renderer, not the time of conversion) and its
  file identifier is derived from the provenance, so that two conversions give the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import logging
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject

from commons_contracts.core.processes import die_with_parent, process_alive, usable_cores
from commons_contracts.core.store import write_atomic
from commons_contracts.documents.layout import orphans, with_page_breaks
from commons_contracts.documents.provenance import (
    PROVENANCE_KEYS,
    REQUIRED_PROVENANCE,
    document_properties,
)
from commons_contracts.errors import CommonsContractsError
from commons_contracts.i18n.translation import N_, _, current_language, set_language

SOFFICE_VARIABLE = "COMMONS_CONTRACTS_SOFFICE"
"""The environment variable that names LibreOffice's `soffice` program, where it is not found."""

_INSTALLED = {
    "darwin": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
    "win32": (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ),
}
"""Where LibreOffice's installers put `soffice` on systems that do not put it on the PATH."""

INSTALL_HINT = N_(
    "PDF output needs LibreOffice, which was not found: install it (Debian or Ubuntu: "
    "sudo apt-get install libreoffice-writer-nogui fonts-crosextra-carlito "
    "fonts-crosextra-caladea; Fedora: sudo dnf install libreoffice-writer; macOS: brew install "
    "--cask libreoffice, or the installer of libreoffice.org; Windows: winget install "
    "TheDocumentFoundation.LibreOffice, or the installer of libreoffice.org), or set "
    "{variable} to the path of its soffice program; the .docx output works without it"
)
CONVERSION_TIMEOUT_SECONDS = 300
"""Longest a LibreOffice conversion may take, for all the files of one call."""
MIN_FILES_PER_PROCESS = 4
"""A batch is split across processes only so far as each gets at least this many files
(a LibreOffice process costs a second to start and a few hundred megabytes)."""

_RESTART_REQUESTED = 81
_PDFA2B_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
_NAMESPACE = "https://schemas.commons-contracts.org/v1/pdf/"
_PREFIX = "cc"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XMP = "http://ns.adobe.com/xap/1.0/"


# pypdf logs its repairs of damaged files ("EOF marker not found"); what matters reaches the
# user as an error message instead.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False


class PdfUnavailableError(CommonsContractsError):
    """LibreOffice is not installed, or could not convert a document."""


@dataclass(frozen=True)
class Provenance:
    """What a rendered document says about itself: its provenance properties (`ContractId`,
    `TermsSha256`, ..., and `Period` and `AsOf` for a statement) and its fixed date."""

    properties: dict[str, str]
    date: datetime.datetime
    """The document's fixed date (from the .docx), used for every date in the PDF."""


def soffice_command() -> str:
    """The path of LibreOffice's `soffice`: the one `COMMONS_CONTRACTS_SOFFICE` names, else the
    one on the PATH, else where LibreOffice's installer puts it on macOS or Windows; a
    :class:`PdfUnavailableError` saying how to install it otherwise. Where the program beside
    it, `soffice.bin`, exists, it is run directly: `soffice` is a script starting a launcher
    that starts `soffice.bin` as its own child, which would outlive a killed command (see
    :func:`~commons_contracts.core.processes.die_with_parent`)."""
    found = _soffice_found()
    program = Path(os.path.realpath(found)).with_name("soffice.bin")
    return str(program) if os.access(program, os.X_OK) else found


def _soffice_found() -> str:
    configured = os.environ.get(SOFFICE_VARIABLE)
    if configured:
        if Path(configured).is_file() and os.access(configured, os.X_OK):
            return configured
        raise PdfUnavailableError(
            _(
                "{value}={configured} is not an executable file: give the path of "
                "LibreOffice's soffice program, or unset it to look for LibreOffice where "
                "it is installed"
            ).format(value=SOFFICE_VARIABLE, configured=configured)
        )
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is not None:
        return found
    for candidate in _INSTALLED.get(sys.platform, ()):
        if Path(candidate).is_file():
            return candidate
    raise PdfUnavailableError(_(INSTALL_HINT).format(variable=SOFFICE_VARIABLE))


WORK_FOLDER_PREFIX = "commons-contracts-pdf-"
"""The temporary folder of a conversion: `commons-contracts-pdf-PID-RANDOM`."""


def remove_stale_work_folders() -> None:
    """Remove the temporary folders of conversions whose process no longer runs (killed
    before it could remove its own)."""
    base = Path(tempfile.gettempdir())
    pattern = re.compile(rf"^{re.escape(WORK_FOLDER_PREFIX)}(\d+)-")
    with contextlib.suppress(OSError):
        for entry in os.scandir(base):
            found = pattern.match(entry.name)
            if found is None or process_alive(int(found.group(1))):
                continue
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False) and entry.stat().st_uid == os.getuid():
                    shutil.rmtree(entry.path, ignore_errors=True)


def docx_provenance(docx: Path) -> Provenance:
    """The provenance a rendered .docx carries (custom properties and creation date)."""
    properties = document_properties(docx)
    missing = [key for key in REQUIRED_PROVENANCE if key not in properties]
    if missing:
        raise CommonsContractsError(
            _(
                "{docx} carries no provenance ({items}): render it with commons-contracts render"
            ).format(docx=docx, items=", ".join(missing))
        )
    with zipfile.ZipFile(docx) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    created = re.search(r"<dcterms:created[^>]*>([^<]+)</dcterms:created>", core)
    date = (
        datetime.datetime.fromisoformat(created.group(1).replace("Z", "+00:00"))
        if created
        else datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    return Provenance(properties, date)


def convert_to_pdf(
    docx_files: Sequence[Path],
    out_dir: Path,
    *,
    timeout_seconds: int = CONVERSION_TIMEOUT_SECONDS,
    processes: int | None = None,
) -> list[Path]:
    """Convert rendered contracts to PDF/A-2b with provenance and write each as
    `<out_dir>/<stem>.pdf` (atomically, replacing an older one), in input order. The files are
    split across `processes` LibreOffice processes (default: one per core, see
    :data:`MIN_FILES_PER_PROCESS`); the PDFs are the same bytes however they are split."""
    if not docx_files:
        return []
    stems = [path.stem for path in docx_files]
    if len(set(stems)) != len(stems):
        raise CommonsContractsError(_("two documents to convert have the same file name"))
    soffice = soffice_command()
    provenances = [docx_provenance(path) for path in docx_files]
    wanted = processes if processes is not None else usable_cores()
    count = max(1, min(wanted, len(docx_files) // MIN_FILES_PER_PROCESS))
    batches = [list(range(index, len(docx_files), count)) for index in range(count)]
    remove_stale_work_folders()
    with tempfile.TemporaryDirectory(prefix=f"{WORK_FOLDER_PREFIX}{os.getpid()}-") as work:
        jobs = [
            _Batch(
                number,
                current_language(),
                soffice,
                tuple(docx_files[i] for i in batch),
                tuple(provenances[i] for i in batch),
                Path(work),
                out_dir,
                timeout_seconds,
            )
            for number, batch in enumerate(batches)
        ]
        if count == 1:
            done = [_convert_batch(jobs[0])]
        else:
            # One worker process per LibreOffice process: besides waiting for LibreOffice, each
            # finds its documents' page ends and stamps their provenance with pypdf, which in
            # threads would wait for each other (a third of the time of a batch).
            try:
                with ProcessPoolExecutor(max_workers=count, initializer=_worker_start) as pool:
                    done = list(pool.map(_convert_batch, jobs))
            except BrokenProcessPool:
                raise PdfUnavailableError(
                    _("a PDF conversion process stopped before its end (killed?)")
                ) from None
    by_index = {i: path for batch, paths in zip(batches, done, strict=True) for i, path in
                zip(batch, paths, strict=True)}  # fmt: skip
    return [by_index[i] for i in range(len(docx_files))]


def _worker_start() -> None:
    # Killed with the command; and Ctrl-C is the command's to handle (it waits for the
    # LibreOffice processes, which run in groups of their own), not each worker's.
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass(frozen=True)
class _Batch:
    """The documents one LibreOffice process converts, and where."""

    number: int
    language: str
    """The language of the messages (a worker started afresh would take the environment's)."""
    soffice: str
    files: tuple[Path, ...]
    provenances: tuple[Provenance, ...]
    work: Path
    out_dir: Path
    timeout_seconds: int


def _convert_batch(batch: _Batch) -> list[Path]:
    """Convert a batch with one LibreOffice process of its own profile, mend the page ends,
    and write each PDF stamped with its provenance (in this process, or in a worker)."""
    set_language(batch.language)
    soffice, files, timeout_seconds = batch.soffice, batch.files, batch.timeout_seconds
    converted = batch.work / "out"
    profile = batch.work / f"profile-{batch.number}"
    _run_soffice(soffice, files, converted, profile, timeout_seconds)
    _mend_page_ends(soffice, files, converted, profile, timeout_seconds)
    written = []
    for docx, provenance in zip(files, batch.provenances, strict=True):
        pdf = converted / f"{docx.stem}.pdf"
        if not pdf.is_file():
            raise PdfUnavailableError(_("LibreOffice did not convert {value}").format(value=docx))
        data = stamp_provenance(pdf.read_bytes(), provenance)
        written.append(write_atomic(batch.out_dir / pdf.name, data, overwrite=True))
    return written


_MENDING_ROUNDS = 3
"""How many times a document is converted again to move a heading left at a page's foot."""


def _mend_page_ends(
    soffice: str, docx_files: Sequence[Path], converted: Path, profile: Path, timeout_seconds: int
) -> None:
    """Convert again, with a page break before it, each document whose PDF left a heading (a
    paragraph kept with the next one) alone at the foot of a page (see :mod:`.layout`), with
    the LibreOffice profile `profile`."""
    sources = {path.stem: path.read_bytes() for path in docx_files}
    for attempt in range(_MENDING_ROUNDS):
        mended: list[Path] = []
        for stem, docx in sources.items():
            pdf = converted / f"{stem}.pdf"
            if not pdf.is_file():
                continue
            found = orphans(pdf.read_bytes(), docx)
            if found:
                sources[stem] = with_page_breaks(docx, found)
                copy = profile.with_name(f"{profile.name}-mended-{attempt}") / f"{stem}.docx"
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(sources[stem])
                mended.append(copy)
        if not mended:
            return
        _run_soffice(soffice, mended, converted, profile, timeout_seconds)


def _run_soffice(
    soffice: str, files: Sequence[Path], out_dir: Path, profile: Path, timeout_seconds: int
) -> None:
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        _PDFA2B_FILTER,
        "--outdir",
        str(out_dir),
        *map(str, files),
    ]
    try:
        for _attempt in range(3):  # not `_`: it is the translation
            # Its own process group, and killed by the kernel if this process dies (kill -9).
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout_seconds,
                check=False,
                preexec_fn=die_with_parent,
                process_group=0,
            )
            # soffice.bin asks to be started again after making a new profile (the launcher
            # that `soffice` runs does it otherwise).
            if done.returncode != _RESTART_REQUESTED:
                break
        done.check_returncode()
    except subprocess.TimeoutExpired:
        raise PdfUnavailableError(
            _("LibreOffice took more than {timeout_seconds} s to convert {count} file(s)").format(
                timeout_seconds=timeout_seconds, count=len(files)
            )
        ) from None
    except (subprocess.CalledProcessError, OSError) as error:
        raise PdfUnavailableError(_("LibreOffice failed: {error}").format(error=error)) from error


def stamp_provenance(pdf: bytes, provenance: Provenance) -> bytes:
    """The PDF re-written with its provenance in the document information and the XMP packet,
    its dates fixed to the provenance's date and a file identifier derived from it."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    pdf_date = provenance.date.astimezone(datetime.UTC).strftime("D:%Y%m%d%H%M%SZ")
    info = {f"/{key}": value for key, value in provenance.properties.items()}
    info |= {"/CreationDate": pdf_date, "/ModDate": pdf_date}
    writer.add_metadata(info)
    packet = reader.xmp_metadata.stream.get_data() if reader.xmp_metadata is not None else b""
    writer.xmp_metadata = merged_xmp(packet, provenance)
    _fix_icc_dates(writer, provenance.date)
    identifier = hashlib.sha256("\n".join(provenance.properties.values()).encode()).digest()[:16]
    # pypdf has no public setter for the trailer's /ID; a fixed one makes the output repeatable.
    writer._ID = ArrayObject([ByteStringObject(identifier), ByteStringObject(identifier)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fix_icc_dates(writer: PdfWriter, date: datetime.datetime) -> None:
    """Give the PDF/A output intent's colour profile the document's date: LibreOffice builds
    the sRGB profile at conversion time, and its header records that second."""
    stamp = date.astimezone(datetime.UTC)
    header_date = struct.pack(
        ">6H", stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second
    )
    for intent in writer.root_object.get("/OutputIntents", []):
        profile = intent.get_object().get("/DestOutputProfile")
        if profile is None:
            continue
        stream = profile.get_object()
        data = stream.get_data()
        if len(data) >= 36 and data[36:40] == b"acsp":  # an ICC profile header
            stream.set_data(data[:24] + header_date + data[36:])


def merged_xmp(packet: bytes, provenance: Provenance) -> bytes:
    """LibreOffice's XMP packet with fixed dates, the provenance properties and the PDF/A
    extension schema that declares them; the PDF/A identification is kept as it was."""
    ET.register_namespace("x", "adobe:ns:meta/")
    ET.register_namespace("rdf", _RDF)
    ET.register_namespace(_PREFIX, _NAMESPACE)
    for prefix, uri in _KNOWN_NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    body = packet.decode("utf-8") if packet else ""
    match = re.search(r"<x:xmpmeta.*</x:xmpmeta>", body, re.DOTALL)
    root = ET.fromstring(match.group(0) if match else _EMPTY_XMP)
    rdf = root.find(f"{{{_RDF}}}RDF")
    assert rdf is not None
    iso = provenance.date.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for description in rdf.findall(f"{{{_RDF}}}Description"):
        for name in ("CreateDate", "ModifyDate", "MetadataDate"):
            for element in description.findall(f"{{{_XMP}}}{name}"):
                description.remove(element)
        # LibreOffice escapes an apostrophe twice in dc:description; take the subject as is.
        for element in description.iter(f"{{{_RDF}}}li"):
            if element.text and "&apos;" in element.text:
                element.text = element.text.replace("&apos;", "'")
    dates = ET.SubElement(rdf, f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""})
    for name in ("CreateDate", "ModifyDate", "MetadataDate"):
        ET.SubElement(dates, f"{{{_XMP}}}{name}").text = iso
    own = ET.SubElement(rdf, f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""})
    for key, value in provenance.properties.items():
        ET.SubElement(own, f"{{{_NAMESPACE}}}{key}").text = value
    rdf.append(ET.fromstring(_EXTENSION_SCHEMA))
    text = ET.tostring(root, encoding="unicode")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        + text
        + '\n<?xpacket end="w"?>'
    ).encode("utf-8")


_KNOWN_NAMESPACES = {
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": _XMP,
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
_EMPTY_XMP = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="{_RDF}"/></x:xmpmeta>'
_EXTENSION_SCHEMA = f"""<rdf:Description xmlns:rdf="{_RDF}" rdf:about=""
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
 <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
  <pdfaSchema:schema>commons-contracts provenance</pdfaSchema:schema>
  <pdfaSchema:namespaceURI>{_NAMESPACE}</pdfaSchema:namespaceURI>
  <pdfaSchema:prefix>{_PREFIX}</pdfaSchema:prefix>
  <pdfaSchema:property><rdf:Seq>
   {
    "".join(
        f'''<rdf:li rdf:parseType="Resource"><pdfaProperty:name>{key}</pdfaProperty:name>
   <pdfaProperty:valueType>Text</pdfaProperty:valueType>
   <pdfaProperty:category>external</pdfaProperty:category>
   <pdfaProperty:description>{key} of the contract document</pdfaProperty:description></rdf:li>'''
        for key in PROVENANCE_KEYS
    )
}
  </rdf:Seq></pdfaSchema:property>
 </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""
