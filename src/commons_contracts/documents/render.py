"""Documents: hosting and reciprocity contracts, the reversal statements of reciprocity
contracts and the annual financial reports of hosted funds, rendered from editable .docx
templates into files.

This module puts the pieces together: the context (:mod:`.context`), the template engine
(:mod:`.engine`), the package's properties and fixed bytes (:mod:`.docx`), and writes each
document atomically; many contracts are rendered by a pool of processes.
"""

from __future__ import annotations

import datetime
import io
import multiprocessing
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

# lxml comes with python-docx; it has no type stubs.
from lxml import etree  # type: ignore[import-untyped]

from commons_contracts import __version__
from commons_contracts.core.diagnostics import Diagnostic, sort_diagnostics
from commons_contracts.core.processes import die_with_parent, usable_cores
from commons_contracts.core.store import write_atomic
from commons_contracts.documents.annual import (
    AnnualReportContext,
    annual_document_context,
    annual_report_language,
)
from commons_contracts.documents.context import (
    ContractContext,
    document_context,
    invoice_context,
    receipt_context,
    statement_document_context,
    statement_reference,
)
from commons_contracts.documents.docx import (
    blank_rendered_properties,
    midnight,
    normalize_docx,
    set_custom_properties,
    write_core_properties,
)
from commons_contracts.documents.engine import (
    TemplateFile,
    bounded_rendering,
    environment,
    open_template,
    read_template,
    template_numbering,
)
from commons_contracts.documents.fingerprint import document_language
from commons_contracts.documents.inspect import check_template
from commons_contracts.documents.layout import ragged_addresses
from commons_contracts.documents.numbering import NumberingError, freeze_numbering
from commons_contracts.documents.templates import (
    ANNUAL_REPORT_KIND,
    INVOICE_KIND,
    RECEIPT_KIND,
    STATEMENT_KIND,
    TemplateError,
    find_template,
    template_name,
)
from commons_contracts.errors import UsageError
from commons_contracts.funds.annual import AnnualReport, annual_report
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.translation import _
from commons_contracts.ledger.balances import period_statement
from commons_contracts.registry.model import (
    Amendment,
    Invoice,
    Receipt,
    ReciprocityContract,
    Registry,
    Signable,
)
from commons_contracts.registry.records import Language


def _render_error(
    error: Exception, template: TemplateFile, lang: str, contract_id: str, what: str = "contract"
) -> TemplateError:
    """A message that names the template and, for a missing value, the variable; `contract_id`
    is the id of the document rendered, `what` its kind (a contract, a statement)."""
    if isinstance(error, jinja2.UndefinedError):
        problems = check_template(template.path, lang)
        if problems:
            listed = "; ".join(problems)
            return TemplateError(
                _("{template_display}: cannot render {contract_id!r}: {listed}").format(
                    template_display=template.display, contract_id=contract_id, listed=listed
                )
            )
        return TemplateError(
            _(
                "{template_display}: a value is missing for {what} {contract_id!r} "
                "({error_message}): test optional values with {{% if ... %}}"
            ).format(
                template_display=template.display,
                what=what,
                contract_id=contract_id,
                error_message=error.message,
            )
        )
    if isinstance(error, jinja2.TemplateSyntaxError):
        return TemplateError(
            _("{template_display}: template syntax error: {error_message}").format(
                template_display=template.display, error_message=error.message
            )
        )
    if isinstance(error, jinja2.exceptions.SecurityError):
        return TemplateError(
            _("{template_display}: unsafe operation refused: {error}").format(
                template_display=template.display, error=error
            )
        )
    if isinstance(error, jinja2.TemplateError):
        return TemplateError(
            _("{template_display}: {value}").format(
                template_display=template.display, value=error.message or error
            )
        )
    return TemplateError(
        _("{template_display}: the rendered document is not valid XML: {error}").format(
            template_display=template.display, error=error
        )
    )


def _set_core_properties(
    document: Any, context: ContractContext, lang: str, template: TemplateFile, signed: Signable
) -> None:
    """The core properties of the rendered contract or amendment, from its data only (never
    the clock)."""
    host_name = context.host.name
    if context.actor is not None:
        other = context.actor.name
    else:
        other = message("document_community", lang, name=context.commons.name)
    write_core_properties(
        document,
        identifier=signed.id,
        subject=message("document_subject", lang, host=host_name, other=other),
        author=host_name,
        category=signed.kind,
        keywords=f"{signed.kind} {signed.id}",
        comments=(
            f"commons-contracts {__version__}; terms sha256 {context.terms_sha256}; "
            f"template {template.path.name} sha256 {template.sha256}"
        ),
        lang=lang,
        day=signed.effective_date,
    )


@dataclass(frozen=True)
class RenderedDocuments:
    """Documents written, and the warnings about what they print."""

    paths: list[Path]
    """The files written, in the order asked."""
    warnings: list[Diagnostic] = field(default_factory=list)
    """Texts of the records printed in a language they lack (located at the record), sorted."""

    @property
    def path(self) -> Path:
        """The one file written, when one document was asked for."""
        (only,) = self.paths
        return only


@dataclass(frozen=True)
class RenderedDocument:
    """One rendered .docx, as bytes, and the warnings about what it prints."""

    data: bytes
    warnings: list[Diagnostic]
    references: Mapping[str, str] = field(default_factory=dict)
    """The number of each bookmarked article or clause (`rate`: `6`), as the document prints
    it."""


def render_document(
    registry: Registry, root: Path, contract_id: str, lang: str | None = None
) -> bytes:
    """The rendered .docx of one contract, as bytes. `lang` None means the contract's language
    (else the registry's); the template is the registry's override under `root`, if any, else
    the built-in one. Raises :class:`TemplateError` when the template cannot be rendered.
    """
    return rendered_document(registry, root, contract_id, lang).data


def rendered_document(
    registry: Registry, root: Path, contract_id: str, lang: str | None = None
) -> RenderedDocument:
    """The rendered .docx of one contract or amendment and its warnings (see
    :func:`render_document`). An amendment names the articles of the contract it changes as
    the contract's document in the same language numbers them."""
    signed = registry.signable(contract_id)
    contract = registry.contract_of(signed)
    lang = document_language(registry, contract, lang)
    context: ContractContext
    if isinstance(signed, Amendment):
        from commons_contracts.documents.amendment import amendment_context  # noqa: PLC0415

        articles = rendered_document(registry, root, contract.id, lang).references
        context, warnings = amendment_context(registry, contract_id, lang, articles=articles)
        what, day = "amendment", signed.effective_date
    else:
        context, warnings = document_context(registry, contract_id, lang)
        what, day = "contract", contract.effective_date
    template = read_template(find_template(template_name(signed, lang), root, registry), root)
    document, references = _render_template(template, context, lang, contract_id, what)
    _set_core_properties(document.docx, context, lang, template, signed)
    provenance = _provenance(signed.id, context, template, lang)
    return RenderedDocument(_saved(document, provenance, day), warnings, references)


def _render_template(
    template: TemplateFile,
    context: ContractContext | AnnualReportContext,
    lang: str,
    document_id: str,
    what: str = "contract",
) -> tuple[Any, dict[str, str]]:
    """The docxtpl document of `template` rendered with `context` in the sandbox of `lang`,
    its core properties blank, and the number of each of its bookmarks; a failure is a
    :class:`TemplateError` naming the template and the `what` (contract, statement)
    `document_id`."""
    document = open_template(template)
    blank_rendered_properties(document.docx)
    try:
        with bounded_rendering(template.display):
            document.render(context.as_mapping(), environment(lang), autoescape=True)
        parts = tuple(
            rel.target_part.element
            for rel in document.docx.part.rels.values()
            if rel.reltype.endswith(("/header", "/footer"))
        )
        references = freeze_numbering(
            document.docx.element.body, template_numbering(template, document.docx), parts
        )
        ragged_addresses(document.docx.element.body, document.docx.styles.element)
    except NumberingError as error:
        raise TemplateError(
            _("{template_display}: cannot render {what} {document_id!r}: {error}").format(
                template_display=template.display, what=what, document_id=document_id, error=error
            )
        ) from error
    except (jinja2.TemplateError, etree.XMLSyntaxError) as error:
        raise _render_error(error, template, lang, document_id, what) from error
    except (TypeError, ValueError, ArithmeticError) as error:
        # A filter given a value it cannot take, e.g. `notice_days|money` (a number of days
        # is not an amount): the template's mistake, to be told as such.
        raise TemplateError(
            _("{template_display}: cannot render {what} {document_id!r}: {error}").format(
                template_display=template.display, what=what, document_id=document_id, error=error
            )
        ) from error
    return document, references


def _provenance(
    contract_id: str, context: ContractContext, template: TemplateFile, lang: str
) -> dict[str, str]:
    """The custom properties that tie a rendered document to its contract and template."""
    return {
        "ContractId": contract_id,
        "TermsSha256": context.terms_sha256,
        "TemplateName": template.path.name,
        "TemplateSha256": template.sha256,
        "ToolVersion": __version__,
        "Language": lang,
    }


def _saved(document: Any, custom_properties: Mapping[str, str], day: datetime.date) -> bytes:
    """The rendered document's bytes, with `custom_properties` and every zip entry dated
    `day`: the same document gives the same bytes."""
    set_custom_properties(document.docx, custom_properties)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_docx(buffer.getvalue(), midnight(day))


def output_path(out_dir: Path, contract_id: str, lang: str) -> Path:
    """Where a rendered contract goes: `<out_dir>/<contract-id>.<lang>.docx`."""
    return out_dir / f"{contract_id}.{lang}.docx"


def render_contract(
    registry: Registry, root: Path, contract_id: str, lang: str | None, out_dir: Path
) -> Path:
    """Render one contract to `<out_dir>/<contract-id>.<lang>.docx` atomically (replacing a
    previous render) and return its path. `lang` None means the contract's own language.
    """
    return _write_contract(registry, root, contract_id, lang, out_dir)[0]


def _write_contract(
    registry: Registry, root: Path, contract_id: str, lang: str | None, out_dir: Path
) -> tuple[Path, list[Diagnostic]]:
    contract = registry.contract_of(registry.signable(contract_id))
    lang = document_language(registry, contract, lang)
    rendered = rendered_document(registry, root, contract_id, lang)
    # Documents are derived outputs: a new render replaces the previous one, atomically.
    path = write_atomic(output_path(out_dir, contract_id, lang), rendered.data, overwrite=True)
    return path, rendered.warnings


# State of a worker process of render_contracts, set once by its initializer.
_WORKER: dict[str, Any] = {}


def _init_worker(registry: Registry, root: Path, out_dir: Path) -> None:
    die_with_parent()  # a render killed with kill -9 leaves no worker behind
    _WORKER.update(registry=registry, root=root, out_dir=out_dir)


def _render_task(task: tuple[str, str | None]) -> tuple[Path, list[Diagnostic]]:
    contract_id, lang = task
    return _write_contract(
        _WORKER["registry"], _WORKER["root"], contract_id, lang, _WORKER["out_dir"]
    )


def render_contracts(
    registry: Registry,
    root: Path,
    contract_ids: Sequence[str],
    langs: Sequence[str] | None,
    out_dir: Path,
    *,
    jobs: int | None = None,
) -> RenderedDocuments:
    """Render every contract of `contract_ids` in every language of `langs` (None: each
    contract's own language) into `out_dir`, and return the paths in input order (contract by
    contract, languages in the given order) with the warnings about what they print. `jobs`
    processes share the work (None: one per core; 1: in this process). Unknown ids and
    languages are refused before anything is written.
    """
    tasks: list[tuple[str, str | None]] = []
    for contract_id in contract_ids:
        contract = registry.contract_of(registry.signable(contract_id))
        requested: Sequence[str | None] = langs if langs else [None]
        for lang in requested:
            tasks.append((contract_id, document_language(registry, contract, lang)))
    workers = min(jobs or usable_cores(), len(tasks))
    if workers <= 1:
        return _documents(
            [_write_contract(registry, root, cid, lang, out_dir) for cid, lang in tasks]
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    # fork starts a worker without pickling the registry or importing the package again;
    # where it does not exist (Windows, macOS's default) the registry is pickled once per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context(
        "fork" if sys.platform == "linux" and "fork" in methods else None
    )
    chunk = max(1, len(tasks) // (workers * 4))
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(registry, root, out_dir),
    ) as executor:
        return _documents(list(executor.map(_render_task, tasks, chunksize=chunk)))


def _documents(written: Sequence[tuple[Path, list[Diagnostic]]]) -> RenderedDocuments:
    warnings = sort_diagnostics(dict.fromkeys(w for _, found in written for w in found))
    return RenderedDocuments([path for path, _ in written], warnings)


def statement_output_path(out_dir: Path, contract_id: str, period: str, lang: str) -> Path:
    """Where a rendered statement goes: `<out_dir>/<contract-id>.<period>.<lang>.docx`."""
    return out_dir / f"{contract_id}.{period}.{lang}.docx"


def _statement_contract(registry: Registry, contract_id: str) -> ReciprocityContract:
    contract = registry.contract(contract_id)
    if not isinstance(contract, ReciprocityContract):
        raise UsageError(
            _(
                "{contract_id!r} is a hosting contract: statements (royalty statements "
                "and calls for a gift) are for reciprocity contracts"
            ).format(contract_id=contract_id)
        )
    return contract


def render_statement_document(  # noqa: PLR0917  # the order of render_contract's
    registry: Registry,
    root: Path,
    contract_id: str,
    period: str,
    lang: str | None,
    as_of: datetime.date,
) -> bytes:
    """The rendered .docx of the reversal statement of one period (`2026-Q3`, `2026-11`,
    `2026`) of a reciprocity contract as of `as_of` (records dated after it are ignored), as
    bytes. `lang` None means the contract's language (else the registry's); the template is
    `statement-<lang>`, the registry's override under `root` if any. The document is dated
    `as_of`, which also dates its zip entries: the same registry and date give the same bytes.

    Raises :class:`~commons_contracts.errors.UsageError` for an unknown contract, a hosting
    contract, a period without declarations or an unknown language, and
    :class:`TemplateError` when the template cannot be rendered.
    """
    return _rendered_statement(registry, root, contract_id, period, lang, as_of).data


def _rendered_statement(  # noqa: PLR0917  # the order of render_contract's
    registry: Registry,
    root: Path,
    contract_id: str,
    period: str,
    lang: str | None,
    as_of: datetime.date,
) -> RenderedDocument:
    contract = _statement_contract(registry, contract_id)
    lang = document_language(registry, contract, lang)
    statement = period_statement(registry, contract_id, period, as_of)
    context, warnings = statement_document_context(registry, statement, lang)
    reference = statement_reference(contract_id, period)
    template = read_template(find_template(f"statement-{lang}", root, registry), root)
    document, _ = _render_template(template, context, lang, reference, "statement")
    host_name = registry.parties[contract.host].name
    actor_name = registry.parties[contract.actor].name
    write_core_properties(
        document.docx,
        identifier=reference,
        subject=message("statement_subject", lang, actor=actor_name, host=host_name, period=period),
        author=host_name,
        category=STATEMENT_KIND,
        keywords=f"{STATEMENT_KIND} {contract_id} {period}",
        comments=(
            f"commons-contracts {__version__}; period {period} as of {as_of.isoformat()}; "
            f"terms sha256 {context.terms_sha256}; "
            f"template {template.path.name} sha256 {template.sha256}"
        ),
        lang=lang,
        day=as_of,
    )
    properties = _provenance(contract_id, context, template, lang)
    properties.update(Period=period, AsOf=as_of.isoformat())
    return RenderedDocument(_saved(document, properties, as_of), warnings)


def render_statement(  # noqa: PLR0917  # the order of render_contract's
    registry: Registry,
    root: Path,
    contract_id: str,
    period: str,
    lang: str | None,
    as_of: datetime.date,
    out_dir: Path,
) -> RenderedDocuments:
    """Render the reversal statement of one period of a reciprocity contract to
    `<out_dir>/<contract-id>.<period>.<lang>.docx` atomically (replacing a previous render);
    its path is the result's `path`. `lang` None means the contract's own language."""
    contract = _statement_contract(registry, contract_id)
    lang = document_language(registry, contract, lang)
    rendered = _rendered_statement(registry, root, contract_id, period, lang, as_of)
    # Statements are derived outputs: a new render replaces the previous one, atomically.
    path = write_atomic(
        statement_output_path(out_dir, contract_id, period, lang), rendered.data, overwrite=True
    )
    return RenderedDocuments([path], rendered.warnings)


def annual_report_output_path(out_dir: Path, commons_id: str, year: int, lang: str) -> Path:
    """Where a rendered annual report goes:
    `<out_dir>/<commons>.annual-report.<year>.<lang>.docx`."""
    return out_dir / f"{commons_id}.annual-report.{year}.{lang}.docx"


def render_annual_report_document(  # noqa: PLR0917  # the order of render_statement's
    registry: Registry,
    root: Path,
    commons_id: str,
    year: int,
    lang: str | None,
    issued_on: datetime.date,
) -> bytes:
    """The rendered .docx of the annual financial report of a commons' fund for `year`, issued
    on `issued_on`, as bytes. `lang` None means the hosting contract's language (else the
    registry's); the template is `annual-report-<lang>`, the registry's override under `root`
    if any. The document is dated `issued_on`: the same registry and date give the same bytes.

    Raises :class:`~commons_contracts.errors.UsageError` for an unknown commons, a year not
    over on `issued_on`, a commons not hosted at the year's end or an unknown language, and
    :class:`TemplateError` when the template cannot be rendered.
    """
    report = annual_report(registry, commons_id, year, issued_on)
    language = annual_report_language(registry, report, lang)
    return _rendered_annual_report(registry, root, report, language).data


def _rendered_annual_report(
    registry: Registry, root: Path, report: AnnualReport, language: Language
) -> RenderedDocument:
    commons_id, year, issued_on = report.figures.commons, report.figures.year, report.issued_on
    context, warnings = annual_document_context(registry, report, language)
    reference = context.report.reference
    template = read_template(find_template(f"annual-report-{language}", root, registry), root)
    document, _ = _render_template(template, context, language, reference, "annual report")
    host_name = context.host.name
    write_core_properties(
        document.docx,
        identifier=reference,
        subject=message("annual_report_subject", language, year=year, commons=context.commons.name),
        author=host_name,
        category=ANNUAL_REPORT_KIND,
        keywords=f"{ANNUAL_REPORT_KIND} {commons_id} {year}",
        # The hashes are in the custom properties: the comment must stay under 255 characters.
        comments=(
            f"commons-contracts {__version__}; year {year} issued on {issued_on.isoformat()}; "
            f"hosting contract {report.contract.id}; template {template.path.name} sha256 "
            f"{template.sha256[:16]}"
        ),
        lang=language,
        day=issued_on,
    )
    properties = {
        "ContractId": report.contract.id,
        "TermsSha256": context.terms_sha256,
        "TemplateName": template.path.name,
        "TemplateSha256": template.sha256,
        "ToolVersion": __version__,
        "Commons": commons_id,
        "Year": str(year),
        "Language": language,
        "IssuedOn": issued_on.isoformat(),
    }
    return RenderedDocument(_saved(document, properties, issued_on), warnings)


def render_annual_report(  # noqa: PLR0917  # the order of render_statement's
    registry: Registry,
    root: Path,
    commons_id: str,
    year: int,
    lang: str | None,
    issued_on: datetime.date,
    out_dir: Path,
) -> RenderedDocuments:
    """Render the annual financial report of a commons' fund to
    `<out_dir>/<commons>.annual-report.<year>.<lang>.docx` atomically (replacing a previous
    render); its path is the result's `path`."""
    report = annual_report(registry, commons_id, year, issued_on)
    language = annual_report_language(registry, report, lang)
    rendered = _rendered_annual_report(registry, root, report, language)
    # Reports are derived outputs: a new render replaces the previous one, atomically.
    path = write_atomic(
        annual_report_output_path(out_dir, commons_id, year, language),
        rendered.data,
        overwrite=True,
    )
    return RenderedDocuments([path], rendered.warnings)


def invoice_output_path(out_dir: Path, number: str, lang: str) -> Path:
    """Where a rendered invoice or credit note goes: `<out_dir>/<number>.<lang>.docx`."""
    return out_dir / f"{number}.{lang}.docx"


def _document_lang(registry: Registry, contract_id: str, lang: str | None) -> str:
    return document_language(registry, registry.contract(contract_id), lang)


def render_invoice(
    registry: Registry, root: Path, invoice: Invoice, lang: str | None, out_dir: Path
) -> RenderedDocuments:
    """Render an issued invoice or credit note to `<out_dir>/<number>.<lang>.docx` from the
    template `invoice-<lang>` (the registry's override if any), dated its date of issue: the
    same record gives the same bytes. `lang` None means the contract's language."""
    lang = _document_lang(registry, invoice.contract, lang)
    context, warnings = invoice_context(registry, invoice, lang)
    buyer = context.actor.name if context.actor is not None else ""
    issued = _Issued(
        number=invoice.number,
        day=invoice.date,
        contract=invoice.contract,
        host=invoice.host,
        kind=INVOICE_KIND,
        subject=f"{invoice.number} : {registry.parties[invoice.host].name} → {buyer}",
        keywords=f"{invoice.contract} {invoice.period}",
        what=invoice.type,
        properties={"Period": invoice.period, "InvoiceNumber": invoice.number},
    )
    return RenderedDocuments(
        [_write_issued(registry, root, issued, "invoice", context, lang, out_dir)], warnings
    )


def render_receipt(
    registry: Registry, root: Path, receipt: Receipt, lang: str | None, out_dir: Path
) -> RenderedDocuments:
    """Render an issued tax receipt to `<out_dir>/<number>.<lang>.docx` from the template
    `receipt-<lang>`, dated its date of issue. `lang` None means the contract's language."""
    payment = next(p for p in registry.payments if p.id == receipt.payment)
    lang = _document_lang(registry, payment.contract, lang)
    context, warnings = receipt_context(registry, receipt, lang)
    issued = _Issued(
        number=receipt.number,
        day=receipt.date,
        contract=payment.contract,
        host=receipt.host,
        kind=RECEIPT_KIND,
        subject=receipt.number,
        keywords=f"{payment.contract} {receipt.payment}",
        what="receipt",
        properties={"ReceiptNumber": receipt.number, "Payment": receipt.payment},
    )
    return RenderedDocuments(
        [_write_issued(registry, root, issued, "receipt", context, lang, out_dir)], warnings
    )


@dataclass(frozen=True, slots=True)
class _Issued:
    """What the properties of an issued document (an invoice, a receipt) say about it."""

    number: str
    day: datetime.date
    contract: str
    host: str
    kind: str
    """The document's category (`INVOICE_KIND`, `RECEIPT_KIND`)."""
    subject: str
    keywords: str
    """The keywords between its kind and its number."""
    what: str
    """What the comment calls it (`invoice`, `credit-note`, `receipt`)."""
    properties: Mapping[str, str]
    """Its own provenance properties, beside the contract's."""


def _write_issued(  # noqa: PLR0917  # the pieces of one document
    registry: Registry,
    root: Path,
    issued: _Issued,
    template_kind: str,
    context: ContractContext,
    lang: str,
    out_dir: Path,
) -> Path:
    """Render `context` with the template `<template_kind>-<lang>`, give the document its
    properties and provenance, dated its day of issue, and write `<number>.<lang>.docx`."""
    template = read_template(find_template(f"{template_kind}-{lang}", root, registry), root)
    document, _ = _render_template(template, context, lang, issued.number, template_kind)
    write_core_properties(
        document.docx,
        identifier=issued.number,
        subject=issued.subject,
        author=registry.parties[issued.host].name,
        category=issued.kind,
        keywords=f"{issued.kind} {issued.keywords} {issued.number}",
        comments=(
            f"commons-contracts {__version__}; {issued.what} {issued.number}; "
            f"template {template.path.name} sha256 {template.sha256}"
        ),
        lang=lang,
        day=issued.day,
    )
    properties = _provenance(issued.contract, context, template, lang)
    properties.update(issued.properties)
    data = _saved(document, properties, issued.day)
    return write_atomic(invoice_output_path(out_dir, issued.number, lang), data, overwrite=True)
