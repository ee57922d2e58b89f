"""PDF output: rendered .docx files to PDF/A-2b through LibreOffice, then provenance with pypdf.

Many files go through one `soffice` process (starting LibreOffice costs about half a second;
converting a contract a tenth of one); a large batch is split across one worker process per
core, each running its own LibreOffice with its own profile folder (so that they never collide
with each other or with a user's LibreOffice) and a timeout. Then half of them (one on two
cores) convert again every document that left a heading alone at the foot of a page, while
the others stamp the PDFs that need no mending (:func:`_converted`). The PDF is re-written
with pypdf:

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
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

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
(a LibreOffice process costs half a second to start and a few hundred megabytes)."""


def _processes_for(files: int, wanted: int) -> int:
    """How many LibreOffice processes share `files` documents: `wanted`, or fewer so that each
    gets at least :data:`MIN_FILES_PER_PROCESS`, and at least one."""
    return max(1, min(wanted, files // MIN_FILES_PER_PROCESS))


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

_P = ParamSpec("_P")
_T = TypeVar("_T")


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
    `<out_dir>/<stem>.pdf` (atomically, replacing an older one), in input order. The work is
    shared by `processes` processes (default: one per core, see :data:`MIN_FILES_PER_PROCESS`)
    as :func:`_converted` says; the PDFs are the same bytes however it is shared."""
    if not docx_files:
        return []
    stems = [path.stem for path in docx_files]
    if len(set(stems)) != len(stems):
        raise CommonsContractsError(_("two documents to convert have the same file name"))
    soffice = soffice_command()
    provenances = {path: docx_provenance(path) for path in docx_files}
    wanted = processes if processes is not None else usable_cores()
    count = _processes_for(len(docx_files), wanted)
    remove_stale_work_folders()
    with tempfile.TemporaryDirectory(prefix=f"{WORK_FOLDER_PREFIX}{os.getpid()}-") as work:
        conversion = _Conversion(soffice, Path(work), timeout_seconds)
        # Worker processes, not threads: besides waiting for LibreOffice, each finds page ends
        # and stamps provenance with pypdf, which in threads would wait for each other.
        executor: Executor = (
            ProcessPoolExecutor(count, initializer=_worker_start, initargs=(current_language(),))
            if count > 1
            else _InThisProcess()
        )
        try:
            with executor:
                written = _converted(executor, count, conversion, provenances, out_dir)
        except BrokenProcessPool:
            raise PdfUnavailableError(
                _("a PDF conversion process stopped before its end (killed?)")
            ) from None
    return [written[stem] for stem in stems]


def _converted(
    executor: Executor,
    count: int,
    conversion: _Conversion,
    provenances: Mapping[Path, Provenance],
    out_dir: Path,
) -> dict[str, Path]:
    """The PDF written of each document of `provenances`, by its stem, in three steps shared by
    the executor's `count` processes:

    1. each converts a batch with a LibreOffice process of its own, and finds the headings its
       PDFs leave alone at the foot of a page;
    2. the documents that left one are converted again, each with a page break, by half the
       processes (each given at least :data:`MIN_FILES_PER_PROCESS` of them, so one on two
       cores), while the others stamp the PDFs that need no mending;
    3. the mended ones are stamped, each process's as soon as it is done.

    On an error, the work not begun is cancelled; a mending that failed at once (in this
    process) stamps nothing."""
    documents = list(provenances)
    batches = [documents[number::count] for number in range(count)]

    def stamped(paths: Sequence[Path]) -> list[Future[list[Path]]]:
        chunks = (paths[i : i + _STAMPED_TOGETHER] for i in range(0, len(paths), _STAMPED_TOGETHER))
        return [
            executor.submit(conversion.stamp, [(p, provenances[p]) for p in chunk], out_dir)
            for chunk in chunks
        ]

    found: dict[Path, list[int]] = {}
    try:
        for batch, positions in zip(
            batches, executor.map(conversion.first, range(count), batches), strict=True
        ):
            found.update(zip(batch, positions, strict=True))
        mending = [(path, positions) for path, positions in found.items() if positions]
        runs = _processes_for(len(mending), (count + 1) // 2)
        parts = [mending[number::runs] for number in range(runs)] if mending else []
        mended = [executor.submit(conversion.mend, n, part) for n, part in enumerate(parts)]
        for future in mended:
            if future.done():
                future.result()  # its error, before anything is stamped
        stamping = stamped([path for path in documents if not found[path]])
        for future, part in zip(mended, parts, strict=True):
            future.result()
            stamping += stamped([path for path, _positions in part])
        return {path.stem: path for future in stamping for path in future.result()}
    except BaseException:
        executor.shutdown(cancel_futures=True)
        raise


_STAMPED_TOGETHER = 4
"""How many PDFs one task stamps: few enough that the processes not mending share the
stamping evenly, and take their part of it as soon as they are free."""

_MENDING_ROUNDS = 3
"""How many times a document is converted again to move a heading left at a page's foot."""


def _worker_start(language: str) -> None:
    # Killed with the command; and Ctrl-C is the command's to handle (it waits for the
    # LibreOffice processes, which run in groups of their own), not each worker's.
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_language(language)  # a worker started afresh would take the environment's


class _InThisProcess(Executor):
    """An executor that does each task at once, in this process: one process does the whole
    conversion, with one LibreOffice process at a time."""

    def submit(self, fn: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]:
        future: Future[_T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # handed over as a pool hands it over
            future.set_exception(error)
        return future


@dataclass(frozen=True)
class _Conversion:
    """The steps of one conversion (:func:`_converted`), done in whichever process is free:
    LibreOffice's PDFs of every document go to `work/out`, and the LibreOffice process of batch
    N runs with the profile `work/profile-N`."""

    soffice: str
    work: Path
    timeout_seconds: int

    def first(self, number: int, files: Sequence[Path]) -> list[list[int]]:
        """Convert the batch `number` of `files`, and return the positions of the headings
        each PDF leaves alone at the foot of a page (see :mod:`.layout`)."""
        self._run(files, self._profile(number))
        found = []
        for docx in files:
            pdf = self._pdf(docx.stem)
            if not pdf.is_file():
                raise PdfUnavailableError(
                    _("LibreOffice did not convert {value}").format(value=docx)
                )
            found.append(orphans(pdf.read_bytes(), docx.read_bytes()))
        return found

    def mend(self, number: int, documents: Sequence[tuple[Path, list[int]]]) -> None:
        """Convert again each of `documents` with a page break before each of its headings at
        `positions`, until none is left alone at a page's foot (at most
        :data:`_MENDING_ROUNDS` times), with one LibreOffice process each time, of the profile
        of batch `number` (made by its first conversion: no new profile to start)."""
        profile = self._profile(number)
        found = {docx.stem: positions for docx, positions in documents}
        sources = {docx.stem: docx.read_bytes() for docx, _positions in documents}
        for attempt in range(_MENDING_ROUNDS):
            if attempt:  # what the last conversion still left
                found = {
                    stem: positions
                    for stem in found
                    if (positions := orphans(self._pdf(stem).read_bytes(), sources[stem]))
                }
                if not found:
                    return
            copies = profile.with_name(f"{profile.name}-mended-{attempt}")
            copies.mkdir(parents=True)
            for stem, positions in found.items():
                sources[stem] = with_page_breaks(sources[stem], positions)
                (copies / f"{stem}.docx").write_bytes(sources[stem])
            self._run([copies / f"{stem}.docx" for stem in found], profile)

    def stamp(self, documents: Sequence[tuple[Path, Provenance]], out_dir: Path) -> list[Path]:
        """Write the PDF of each document to `out_dir`, stamped with its provenance."""
        written = []
        for docx, provenance in documents:
            pdf = self._pdf(docx.stem)
            data = stamp_provenance(pdf.read_bytes(), provenance)
            written.append(write_atomic(out_dir / pdf.name, data, overwrite=True))
        return written

    def _pdf(self, stem: str) -> Path:
        return self.work / "out" / f"{stem}.pdf"

    def _profile(self, number: int) -> Path:
        return self.work / f"profile-{number}"

    def _run(self, files: Sequence[Path], profile: Path) -> None:
        _run_soffice(self.soffice, files, self.work / "out", profile, self.timeout_seconds)


_SOFFICE_MALLOC = "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=1073741824"
"""glibc's allocator settings for LibreOffice. Converting allocates and frees a 64 MiB buffer
again and again (16 times for one contract); by default the memory goes back to the system
each time and returns as 16,000 page faults. One run on one contract took 0.8 s, 0.5 s of it
in the system; with these thresholds the memory stays in the process: 0.45 s, and about 50 MB
more at its peak, on one contract as on 51 (BENCHMARKS.md). Other C libraries ignore the
variable."""


def _soffice_environment() -> dict[str, str]:
    """The environment LibreOffice runs in: this process's, with :data:`_SOFFICE_MALLOC`
    before any `GLIBC_TUNABLES` of the user's (which win, coming last); without it where the
    user sets glibc's older variables of the same thresholds (`GLIBC_TUNABLES` would win)."""
    environment = dict(os.environ)
    if "MALLOC_MMAP_THRESHOLD_" in environment or "MALLOC_TRIM_THRESHOLD_" in environment:
        return environment
    given = environment.get("GLIBC_TUNABLES")
    environment["GLIBC_TUNABLES"] = f"{_SOFFICE_MALLOC}:{given}" if given else _SOFFICE_MALLOC
    return environment


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
    environment = _soffice_environment()
    try:
        for _attempt in range(3):  # not `_`: it is the translation
            # Its own process group, and killed by the kernel if this process dies (kill -9).
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout_seconds,
                check=False,
                env=environment,
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
