"""The template engine: docxtpl in a sandboxed Jinja environment, with its caches. This is the
only module that imports docxtpl.

Templates run in a sandboxed Jinja environment with `StrictUndefined`, so a missing value is an
error, never a blank in a contract, and values are XML-escaped (`Dupont & Fils <SARL>` comes out
exactly so) and never evaluated (`{{ 7*7 }}` typed in a name stays literal).

docxtpl cleans the XML of every part of the document (body, headers, footers) with regular
expressions and compiles it with Jinja on each render, which is most of its time although that
XML is the same for every contract rendered from a template. Both results are kept for the life
of the process, keyed by the XML itself, so that a render after the first from a template costs
about a quarter of a plain docxtpl render (see bench/bench_render.py).

A template is data a registry may bring, so its rendering is bounded (docs/diagnostics.md,
"Limits"): a template file of at most :data:`MAX_TEMPLATE_BYTES`, unpacking to at most
:data:`MAX_UNPACKED_BYTES` (checked from the archive's directory before anything is unpacked:
a zip bomb is refused unopened; Python's zip reader never unpacks more than an entry declares);
loops over `range` of at most :data:`MAX_LOOP_STEPS` steps in all, `lipsum` of a few paragraphs,
a text or list made by `*` of at most :data:`MAX_MADE_LENGTH` items and `**` with small
exponents; no more than :data:`MAX_RENDER_SECONDS` of rendering; a macro calling itself
without end is stopped by Python's recursion limit. Each is a :class:`TemplateError` naming
the template, never a traceback or a hang.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import signal
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import Iterator, MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

# lxml comes with python-docx; it has no type stubs.
from lxml import etree  # type: ignore[import-untyped]
from markupsafe import Markup, escape

from commons_contracts.documents.numbering import Numbering, reference_placeholder
from commons_contracts.documents.templates import TemplateError, display_name
from commons_contracts.i18n.languages import LANGUAGES
from commons_contracts.i18n.translation import _
from commons_contracts.i18n.wording import jinja_filters, typography

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
"""Largest template file read (20 MiB; the built-in ones are about 40 kB)."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""Most a template may unpack to, all its parts together (100 MiB)."""
MAX_TEMPLATE_PARTS = 2000
"""Most files a template's archive may hold."""
MAX_LOOP_STEPS = 1_000_000
"""Most steps all the `range` loops of one document may take together."""
MAX_MADE_LENGTH = 1_000_000
"""Longest text or list a template may make with `*` (characters or items)."""
MAX_POWER_EXPONENT = 1000
"""Largest exponent of `**` in a template."""
MAX_LIPSUM_PARAGRAPHS = 20
"""Most paragraphs of `lipsum()` (placeholder text)."""
MAX_RENDER_SECONDS = 60
"""Longest the rendering of one document may take."""


class _Budget(threading.local):
    steps = 0
    deadline = float("inf")


_BUDGET = _Budget()


def _spend(steps: int = 1) -> None:
    _BUDGET.steps += steps
    if _BUDGET.steps > MAX_LOOP_STEPS:
        raise SecurityError(
            _("the template loops more than {value:,} times").format(value=MAX_LOOP_STEPS)
        )
    if _BUDGET.steps % 1024 == 0 and time.monotonic() > _BUDGET.deadline:
        raise SecurityError(
            _("rendering took more than {value} s").format(value=MAX_RENDER_SECONDS)
        )


def _bounded_range(*arguments: int) -> Iterator[int]:
    """`range` for templates: every step counts against the document's budget."""
    steps = range(*arguments)
    if len(steps) > MAX_LOOP_STEPS:
        raise SecurityError(
            _("range of {count:,} steps: at most {value:,}").format(
                count=len(steps), value=MAX_LOOP_STEPS
            )
        )
    for step in steps:
        _spend()
        yield step


def _bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if not 0 <= n <= MAX_LIPSUM_PARAGRAPHS or not 0 <= min <= max <= 1000:
        raise SecurityError(
            _("lipsum of at most {value} paragraphs").format(value=MAX_LIPSUM_PARAGRAPHS)
        )
    return str(generate_lorem_ipsum(n, html, min, max))


class _RenderTimeoutError(Exception):
    pass


@contextlib.contextmanager
def bounded_rendering(display: str) -> Iterator[None]:
    """Render one document within the limits of the module's documentation: its loop budget
    starts again, and a rendering longer than :data:`MAX_RENDER_SECONDS` is stopped (by a
    timer signal in the main thread, by the loops' own check elsewhere); each overrun is a
    :class:`TemplateError` naming the template."""
    _BUDGET.steps = 0
    _BUDGET.deadline = time.monotonic() + MAX_RENDER_SECONDS
    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def stop(_signal: int, _frame: object) -> None:
        raise _RenderTimeoutError

    previous = signal.signal(signal.SIGALRM, stop) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, MAX_RENDER_SECONDS)
    try:
        yield
    except _RenderTimeoutError:
        raise TemplateError(
            _("{display}: rendering took more than {value} s: the template loops too long").format(
                display=display, value=MAX_RENDER_SECONDS
            )
        ) from None
    except RecursionError:
        raise TemplateError(
            _("{display}: the template calls itself without end (a macro calling itself)").format(
                display=display
            )
        ) from None
    except MemoryError:
        raise TemplateError(
            _("{display}: the template needs more memory than there is").format(display=display)
        ) from None
    except OverflowError as error:
        raise TemplateError(
            _("{display}: a number too large: {error}").format(display=display, error=error)
        ) from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _BUDGET.deadline = float("inf")


class _TemplateEnvironment(SandboxedEnvironment):
    """The sandbox templates run in, remembering the templates it compiled.

    docxtpl calls `from_string` with the XML of each part of the document on every render.
    That XML depends only on the template file, and this environment only on the language, so
    the compiled template is kept, keyed by the exact XML: the cache is per (template content,
    language) and can never serve a stale template, whoever edits the file.
    """

    _CACHE_SIZE = 64  # parts: a template has 2 to 4 (body, footers, headers)
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """`*` and `**` within bounds: a text or list of at most :data:`MAX_MADE_LENGTH`, an
        exponent of at most :data:`MAX_POWER_EXPONENT`."""
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                made = isinstance(sequence, (str, list, tuple)) and isinstance(count, int)
                if made and len(sequence) * count > MAX_MADE_LENGTH:
                    raise SecurityError(
                        _("a text or list of {value:,} items: at most {value2:,}").format(
                            value=len(sequence) * count, value2=MAX_MADE_LENGTH
                        )
                    )
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER_EXPONENT:
            raise SecurityError(_("an exponent over {value}").format(value=MAX_POWER_EXPONENT))
        return super().call_binop(context, operator, left, right)

    def call(
        __self,  # noqa: N805 - Jinja's own signature
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Every call a template makes counts as a step (recursive macros, long loops)."""
        _spend()
        return super().call(__context, __obj, *args, **kwargs)

    def __init__(self, lang: str) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True, finalize=self._typeset)
        self.lang = lang
        self.filters.update(jinja_filters(lang))
        self.globals["ref"] = reference_placeholder
        self.globals["range"] = _bounded_range
        self.globals["lipsum"] = _bounded_lipsum
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()

    def _typeset(self, value: object) -> object:
        """Every value a template prints, with the typography of the document's language
        (the text of the records as much as the templates' own words)."""
        if isinstance(value, Markup):  # already escaped, e.g. by `join`: typeset its text
            return escape(typography(value.unescape(), self.lang))
        if isinstance(value, str):
            return typography(value, self.lang)
        return value

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[jinja2.Template] | None = None,
    ) -> jinja2.Template:
        """Compile `source`, or return the template compiled from the same text before."""
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            self._compiled[source] = template
            if len(self._compiled) > self._CACHE_SIZE:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(source)
        return template


@lru_cache(maxsize=len(LANGUAGES))
def environment(lang: str) -> _TemplateEnvironment:
    return _TemplateEnvironment(lang)


class _BoundedCache(OrderedDict[str, str]):
    """A small least-recently-used map of strings."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: str, value: str) -> str:
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
        return value


class _DocxTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    """docxtpl's template, remembering how it cleaned each part's XML for Jinja.

    Before compiling, docxtpl rewrites each part's XML with some thirty regular expressions
    (`patch_xml`), a pure function of the text that costs a third of a cached render; the
    result is kept, keyed by the XML itself, like the compiled templates.
    """

    _patched = _BoundedCache(64)

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's `patch_xml`, computed once per distinct XML text."""
        found = self._patched.get(src_xml)
        if found is None:
            return self._patched.remember(src_xml, super().patch_xml(src_xml))
        self._patched.move_to_end(src_xml)
        return found


@dataclasses.dataclass(frozen=True, slots=True)
class TemplateFile:
    path: Path
    display: str
    data: bytes
    sha256: str


def read_template(path: Path, root: Path | None) -> TemplateFile:
    """The template at `path`, read whole, once it is known not to be too large to read or to
    unpack (see the module's documentation)."""
    display = display_name(path, root)
    try:
        if not path.is_file():
            raise TemplateError(_("{display} is not a file").format(display=display))
        with path.open("rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as error:
        raise TemplateError(
            _("cannot read the template {path}: {error_strerror}").format(
                path=path, error_strerror=error.strerror
            )
        ) from error
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            _("{display} is over {value} MiB: not read").format(
                display=display, value=MAX_TEMPLATE_BYTES // 2**20
            )
        )
    _check_unpacked_size(data, display)
    return TemplateFile(path, display, data, hashlib.sha256(data).hexdigest())


def _check_unpacked_size(data: bytes, display: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise TemplateError(
            _("{display} is not a readable .docx file: {error}").format(
                display=display, error=error
            )
        ) from error
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_TEMPLATE_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise TemplateError(
            _(
                "{display} unpacks to {unpacked:,} bytes in {count} parts, over the limit "
                "of {value} MiB in {value2} parts: not opened"
            ).format(
                display=display,
                unpacked=unpacked,
                count=len(entries),
                value=MAX_UNPACKED_BYTES // 2**20,
                value2=MAX_TEMPLATE_PARTS,
            )
        )


def document_numbering(document: Any) -> Numbering:
    """The numbered lists of a python-docx document and the styles that carry them."""
    numbering_xml = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/numbering"):
            numbering_xml = rel.target_part.element
    return Numbering.read(numbering_xml, document.styles.element)


_NUMBERINGS: dict[str, Numbering] = {}
_CACHED_NUMBERINGS = 64


def template_numbering(template: TemplateFile, document: Any) -> Numbering:
    """The numbering of `document`, rendered from `template`: rendering changes neither its
    lists nor its styles, so it is read once per template content (its SHA-256) and kept for
    the life of the process, like the compiled templates."""
    found = _NUMBERINGS.get(template.sha256)
    if found is None:
        if len(_NUMBERINGS) >= _CACHED_NUMBERINGS:
            _NUMBERINGS.clear()  # a process that reads that many templates is rare
        found = _NUMBERINGS[template.sha256] = document_numbering(document)
    return found


def open_template(template: TemplateFile) -> _DocxTemplate:
    document = _DocxTemplate(io.BytesIO(template.data))
    try:
        document.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise TemplateError(
            _("{template_display} is not a readable .docx file: {error}").format(
                template_display=template.display, error=error
            )
        ) from error
    return document
