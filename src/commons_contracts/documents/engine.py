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
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from collections import OrderedDict
from collections.abc import MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

# lxml comes with python-docx; it has no type stubs.
from lxml import etree  # type: ignore[import-untyped]
from markupsafe import Markup, escape

from commons_contracts.documents.numbering import Numbering, reference_placeholder
from commons_contracts.documents.templates import TemplateError, display_name
from commons_contracts.i18n.languages import LANGUAGES
from commons_contracts.i18n.wording import jinja_filters, typography


class _TemplateEnvironment(SandboxedEnvironment):
    """The sandbox templates run in, remembering the templates it compiled.

    docxtpl calls `from_string` with the XML of each part of the document on every render.
    That XML depends only on the template file, and this environment only on the language, so
    the compiled template is kept, keyed by the exact XML: the cache is per (template content,
    language) and can never serve a stale template, whoever edits the file.
    """

    _CACHE_SIZE = 64  # parts: a template has 2 to 4 (body, footers, headers)

    def __init__(self, lang: str) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True, finalize=self._typeset)
        self.lang = lang
        self.filters.update(jinja_filters(lang))
        self.globals["ref"] = reference_placeholder
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
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TemplateError(f"cannot read the template {path}: {error.strerror}") from error
    return TemplateFile(path, display_name(path, root), data, hashlib.sha256(data).hexdigest())


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
        raise TemplateError(f"{template.display} is not a readable .docx file: {error}") from error
    return document
