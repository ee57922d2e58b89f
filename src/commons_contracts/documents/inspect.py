"""Looking at templates: their text (`template show`, a git textconv driver), and what a custom
template uses that the rendering context lacks (`template check`).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from commons_contracts.core.text import close_matches
from commons_contracts.documents.amendment import amendment_context
from commons_contracts.documents.annual import annual_report_context
from commons_contracts.documents.context import statement_context, template_context
from commons_contracts.documents.engine import (
    document_numbering,
    environment,
    open_template,
    read_template,
)
from commons_contracts.documents.numbering import Numbering, bookmarks, numbered_paragraphs
from commons_contracts.documents.templates import (
    AMENDMENT_KIND,
    ANNUAL_REPORT_KIND,
    STATEMENT_KIND,
    document_kind,
    find_template,
)
from commons_contracts.funds.annual import annual_report

# lxml comes with python-docx; it has no type stubs.
from commons_contracts.i18n.languages import LANGUAGES, check_language
from commons_contracts.ledger.balances import period_statement
from commons_contracts.registry import samples
from commons_contracts.registry.model import (
    Registry,
)
from commons_contracts.registry.samples import sample_registry


def _paragraph_line(paragraph: Any, labels: dict[Any, str]) -> str:
    text: str = paragraph.text.replace("\t", " ")
    label = labels.get(paragraph._p)
    if label is not None:
        text = f"{label} {text}" if label else text
        marks = [name for name in bookmarks(paragraph._p) if not name.startswith("_")]
        text += "".join(f" [#{name}]" for name in marks)
    style = paragraph.style.name if paragraph.style is not None else ""
    if style == "Title":
        return f"# {text}"
    if style.startswith("Heading "):
        level = style.removeprefix("Heading ")
        return f"{'#' * (int(level) + 1 if level.isdigit() else 2)} {text}"
    return text


def _labels(document: Any) -> dict[Any, str]:
    """The automatic number of each numbered paragraph of the body as the template shows it,
    each figure written `#` (`ARTICLE # –`, `#.#`): the text of a template does not change
    when an article is inserted before, so that a diff shows only what changed."""
    # Keyed by the elements themselves (which keeps lxml's proxies, and so their identity).
    found: dict[Any, str] = {}
    for numbered in numbered_paragraphs(document.element.body, document_numbering(document)):
        found[numbered.element] = re.sub(r"%[1-9]", "#", numbered.level.text).strip()
    return found


def _block_lines(container: Any, labels: dict[Any, str] | None = None) -> Iterator[str]:
    labels = labels or {}
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                # python-docx gives a merged cell once per grid column it spans: show it once.
                unique = [
                    c
                    for i, c in enumerate(row.cells)
                    if i == 0 or c._tc is not row.cells[i - 1]._tc
                ]
                cells = [[p.text for p in cell.paragraphs if p.text] for cell in unique]
                if all(len(cell) <= 1 for cell in cells):
                    yield "| " + " | ".join(cell[0] if cell else "" for cell in cells) + " |"
                    continue
                # A cell of several paragraphs (the signature block): one line each.
                for number, cell in enumerate(cells, start=1):
                    yield f"| cell {number}:"
                    yield from (f"|   {text}" for text in cell)
        else:
            yield _paragraph_line(block, labels)


def template_text(
    template: str | Path, root: Path | None = None, registry: Registry | None = None
) -> str:
    """The text of a .docx template with its tags, one paragraph per line, table rows as
    `| cell | cell |`, then its headers and footers: what `template show` prints, what a git
    textconv driver diffs, and the plain-text twin committed beside each built-in template.
    An automatic number is written with `#` for each figure (`## ARTICLE # – OBJET`, `#.# Le
    présent contrat...`) and followed by the bookmarks that references name (`[#fee]`).
    `template` is a path to a .docx file or a template name (`hosting-fr`), looked up in the
    registry at `root` first.
    """
    if isinstance(template, Path) or Path(template).is_file():
        path = Path(template)
    else:
        path = find_template(template, root, registry)
    document = open_template(read_template(path, root)).docx
    lines = list(_block_lines(document, _labels(document)))
    seen: set[int] = set()
    for section in document.sections:
        for label, part in (
            ("header", section.header),
            ("first page header", section.first_page_header),
            ("even page header", section.even_page_header),
            ("footer", section.footer),
            ("first page footer", section.first_page_footer),
            ("even page footer", section.even_page_footer),
        ):
            if part.is_linked_to_previous or id(part.part) in seen:
                continue
            seen.add(id(part.part))
            lines.append(f"--- {label} ---")
            lines.extend(_block_lines(part))
    return "\n".join(lines) + "\n"


def _template_sources(path: Path) -> list[tuple[str, str]]:
    """The Jinja source of each part of a template, as docxtpl prepares it for rendering."""
    template = open_template(read_template(path, None))
    sources = [("body", template.patch_xml(template.get_xml()))]
    for label, uri in (("header", template.HEADER_URI), ("footer", template.FOOTER_URI)):
        for _, part in template.get_headers_footers(uri):
            sources.append((label, template.patch_xml(template.get_part_xml(part))))
    return sources


class _Unknown:
    """A value the checker cannot know (set in the template, a loop over a filter...)."""


_UNKNOWN = _Unknown()


class _Checker:
    """Walks a template's syntax tree and reports the variables, attributes and filters that
    the context and the environment lack.

    Each expression is evaluated against a sample context (every optional value filled), as a
    pair (sample value, path for messages); a loop variable stands for the first item of what
    it loops over.
    """

    _PASS_THROUGH_FILTERS = frozenset(
        {"list", "selectattr", "rejectattr", "sort", "reverse", "unique", "batch"}
    )

    def __init__(
        self, context: Mapping[str, object], filters: Iterable[str], globals_: Iterable[str]
    ) -> None:
        self.context = context
        self.filters = set(filters)
        self.globals = set(globals_)
        self.problems: list[str] = []

    def visit(self, node: nodes.Node, scope: dict[str, tuple[object, str]]) -> None:
        if isinstance(node, nodes.Expr):
            self.value(node, scope)
        elif isinstance(node, nodes.For):
            element = self._element(self.value(node.iter, scope))
            inner = dict(scope, loop=(_UNKNOWN, "loop"))
            self._bind(node.target, element, inner)
            for child in (*node.body, *node.else_):
                self.visit(child, inner)
            if node.test is not None:
                self.value(node.test, inner)
        elif isinstance(node, nodes.Assign):
            self._bind(node.target, self.value(node.node, scope), scope)
        elif isinstance(node, nodes.Macro | nodes.CallBlock | nodes.With | nodes.AssignBlock):
            if isinstance(node, nodes.Macro):
                scope[node.name] = (_UNKNOWN, node.name)
            inner = dict(scope)
            for name in (*_declared_names(node), "caller", "varargs", "kwargs"):
                inner[name] = (_UNKNOWN, name)
            for child in node.iter_child_nodes():
                self.visit(child, inner)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def _bind(
        self, target: nodes.Node, value: tuple[object, str], scope: dict[str, tuple[object, str]]
    ) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        else:
            for name in target.find_all(nodes.Name):
                scope[name.name] = (_UNKNOWN, name.name)

    @staticmethod
    def _element(value: tuple[object, str]) -> tuple[object, str]:
        sample, path = value
        if isinstance(sample, list | tuple) and sample:
            return sample[0], f"{path}[]"
        return _UNKNOWN, f"{path}[]"

    def value(self, node: nodes.Node, scope: dict[str, tuple[object, str]]) -> tuple[object, str]:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.context:
                return self.context[node.name], node.name
            if node.name not in self.globals:
                self.problems.append(
                    f"unknown variable '{node.name}'" + _hint(node.name, self.context)
                )
            return _UNKNOWN, node.name
        if isinstance(node, nodes.Getattr):
            return self._attribute(self.value(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.value(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self._attribute(base, node.arg.value)
            self.value(node.arg, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int):
                return self._element(base)
            return _UNKNOWN, base[1]
        if isinstance(node, nodes.Filter):
            if node.name not in self.filters:
                self.problems.append(
                    f"unknown filter '{node.name}'" + _hint(node.name, self.filters)
                )
            base = self.value(node.node, scope) if node.node is not None else (_UNKNOWN, "")
            for argument in (*node.args, *(kw.value for kw in node.kwargs)):
                self.value(argument, scope)
            return base if node.name in self._PASS_THROUGH_FILTERS else (_UNKNOWN, base[1])
        for child in node.iter_child_nodes():
            self.visit(child, scope)
        return _UNKNOWN, ""

    def _attribute(self, base: tuple[object, str], attribute: str) -> tuple[object, str]:
        sample, path = base
        dotted = f"{path}.{attribute}"
        if isinstance(sample, _Unknown) or sample is None:
            return _UNKNOWN, dotted
        if isinstance(sample, _Either):
            having = [c for c in sample.candidates if attribute in (_names(c) or {attribute})]
            if having:
                return self._attribute((having[0], path), attribute)
            known = {name for c in sample.candidates for name in _names(c) or ()}
            self._missing(dotted, path, attribute, known)
            return _UNKNOWN, dotted
        names = _names(sample)
        if names is not None:
            if attribute in names:
                found = (
                    sample[attribute] if isinstance(sample, dict) else getattr(sample, attribute)
                )
                return found, dotted
            if isinstance(sample, dict) and hasattr(sample, attribute):  # items, keys...
                return _UNKNOWN, dotted
            self._missing(dotted, path, attribute, names)
            return _UNKNOWN, dotted
        if hasattr(sample, attribute):
            found = getattr(sample, attribute)
            return (_UNKNOWN if callable(found) else found), dotted
        self.problems.append(
            f"'{dotted}' is not in the context: {path} is a {type(sample).__name__}, "
            f"which has no attribute '{attribute}'"
        )
        return _UNKNOWN, dotted

    def _missing(self, dotted: str, path: str, attribute: str, known: Iterable[str]) -> None:
        self.problems.append(
            f"'{dotted}' is not in the context: {path} has no field '{attribute}'"
            + _hint(attribute, known)
        )


def _names(sample: object) -> set[str] | None:
    """The fields a template may read of a sample value: a dict's keys, a record's fields and
    properties; None for other values (a date, a number), whose attributes are looked up."""
    if isinstance(sample, dict):
        return set(sample)
    if dataclasses.is_dataclass(sample) and not isinstance(sample, type):
        found = {item.name for item in dataclasses.fields(sample)}
        for klass in type(sample).__mro__:
            found.update(n for n, v in vars(klass).items() if isinstance(v, property))
        return found | ({"kind"} if hasattr(type(sample), "kind") else set())
    return None


def _declared_names(node: nodes.Node) -> list[str]:
    names: list[str] = []
    for attribute in ("args", "targets", "target"):
        found = getattr(node, attribute, None)
        for item in found if isinstance(found, list) else [found]:
            if isinstance(item, nodes.Node):
                names.extend(name.name for name in item.find_all(nodes.Name))
                if isinstance(item, nodes.Name):
                    names.append(item.name)
    return names


def _hint(name: str, known: Iterable[str]) -> str:
    close = close_matches(name, known, count=2)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


class _Either:
    """A sample value that may be any of several objects (a template of unknown kind): an
    attribute is known when one of them has it."""

    def __init__(self, *candidates: object) -> None:
        self.candidates = candidates


def _merge(left: object, right: object) -> object:
    """Two sample values as one: dicts merged key by key, a known value over None, two
    different objects as either of them."""
    if isinstance(left, dict) and isinstance(right, dict):
        merged = dict(left)
        for key, value in right.items():
            merged[key] = _merge(left[key], value) if key in left else value
        return merged
    if left is None or right is None or left is right:
        return right if left is None else left
    if type(left) is type(right) or isinstance(left, _Either):
        return left
    return _Either(left, right)


def _sample_context(kind: str | None, lang: str) -> dict[str, object]:
    """A context with every optional value filled, for the kind (None: every kind merged)."""
    registry = sample_registry()
    hosting = template_context(registry, samples.HOSTING, lang).as_mapping()
    reciprocity = template_context(registry, samples.RECIPROCITY, lang).as_mapping()
    if kind == "hosting-contract":
        return hosting
    if kind == "reciprocity-contract":
        return reciprocity
    period = period_statement(
        registry, samples.RECIPROCITY, samples.STATEMENT_PERIOD, datetime.date(2026, 5, 1)
    )
    statement = statement_context(registry, period, lang).as_mapping()
    if kind == STATEMENT_KIND:
        return statement
    amendment = amendment_context(registry, samples.AMENDMENT, lang, warn=False)[0].as_mapping()
    if kind == AMENDMENT_KIND:
        return amendment
    merged = _merge(_merge(_merge(reciprocity, statement), amendment), hosting)
    year = samples.ANNUAL_REPORT_YEAR
    report = annual_report(registry, samples.COMMONS, year, datetime.date(year + 1, 1, 15))
    annual = annual_report_context(registry, report, lang).as_mapping()  # type: ignore[arg-type]
    if kind == ANNUAL_REPORT_KIND:
        return annual
    merged = _merge(_merge(_merge(reciprocity, statement), hosting), annual)
    assert isinstance(merged, dict)
    return merged


def template_check(path: Path, lang: str | None = None) -> list[str]:
    """What a custom template uses that the context lacks: unknown top-level variables,
    unknown fields of the context's dicts (`host.sirne`), unknown filters and syntax errors,
    one message each, prefixed with `path`. The document kind and, when `lang` is None, the
    language come from the file name (`hosting-fr.docx`, `statement-en.docx`); a file named
    otherwise is checked against every kind merged, in French. An empty list means the template
    only uses what the context has.
    """
    if lang is None:
        lang = next((code for code in LANGUAGES if path.stem.endswith(f"-{code}")), "fr")
    check_language(lang)
    return [f"{path}: {problem}" for problem in check_template(path, lang)]


def check_template(path: Path, lang: str) -> list[str]:
    jinja = environment(lang)
    context = _sample_context(document_kind(path), lang)
    problems: list[str] = []
    references: list[tuple[str, object]] = []
    for where, source in _template_sources(path):
        try:
            tree = jinja.parse(source)
        except jinja2.TemplateSyntaxError as error:
            problems.append(f"{where}: template syntax error: {error.message}")
            continue
        checker = _Checker(context, jinja.filters, jinja.globals)
        checker.visit(tree, {})
        problems.extend(checker.problems)
        references.extend((where, key) for key in _references(tree))
    problems.extend(_reference_problems(path, references))
    return list(dict.fromkeys(problems))


def _references(tree: nodes.Node) -> Iterator[object]:
    """The keys of the `ref(...)` calls of a template part (a key that is not a plain string
    is given as it is, to be reported)."""
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "ref":
            argument = call.args[0] if len(call.args) == 1 and not call.kwargs else None
            yield argument.value if isinstance(argument, nodes.Const) else argument


def _reference_problems(path: Path, references: list[tuple[str, object]]) -> list[str]:
    """A reference must name the bookmark of a numbered paragraph of the template."""
    if not references:
        return []
    document = open_template(read_template(path, None)).docx
    numbering: Numbering = document_numbering(document)
    targets = {
        name
        for numbered in numbered_paragraphs(document.element.body, numbering)
        for name in bookmarks(numbered.element)
    }
    problems = []
    for where, key in references:
        if not isinstance(key, str):
            problems.append(f"{where}: ref() takes one bookmark name in quotes: ref('fee')")
        elif key not in targets:
            problems.append(
                f"{where}: ref('{key}') names no bookmark of a numbered article or clause"
                + _hint(key, targets)
            )
    return problems
