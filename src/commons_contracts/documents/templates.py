"""The document templates: their names, and where each one is found.

A template is a Word document with docxtpl (Jinja) tags, one per document kind and language
(`hosting-fr.docx`, `reciprocity-en.docx`, `statement-fr.docx`, `annual-report-fr.docx`...).
The built-in ones ship in the package; a registry overrides any of them with a file of the
same name in its templates folder.
"""

from __future__ import annotations

import contextlib
from importlib import resources
from pathlib import Path

from commons_contracts.core.paths import resolved_inside
from commons_contracts.errors import CommonsContractsError
from commons_contracts.i18n.languages import LANGUAGES

# lxml comes with python-docx; it has no type stubs.
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import (
    Amendment,
    Registry,
    Signable,
)


class TemplateError(CommonsContractsError):
    """A template is missing, malformed, or uses a value that the context lacks."""


_KIND_PREFIX = {"hosting-contract": "hosting", "reciprocity-contract": "reciprocity"}


STATEMENT_KIND = "reversal-statement"
"""The `kind` of a reversal statement's context, beside the two contract kinds."""


AMENDMENT_KIND = "amendment"
"""The `kind` of an amendment's context (an *avenant*), beside the two contract kinds."""

INVOICE_KIND = "invoice"
"""The `kind` of an invoice's (or a credit note's) context."""

RECEIPT_KIND = "receipt"
"""The `kind` of a tax receipt's context."""


ANNUAL_REPORT_KIND = "annual-report"
"""The `kind` of an annual financial report's context."""


# Every kind of document, with the prefix of its templates' names.
_DOCUMENT_PREFIX = {
    **_KIND_PREFIX,
    STATEMENT_KIND: "statement",
    AMENDMENT_KIND: "amendment",
    ANNUAL_REPORT_KIND: "annual-report",
    INVOICE_KIND: "invoice",
    RECEIPT_KIND: "receipt",
}


TEMPLATE_NAMES = tuple(
    f"{prefix}-{lang}" for prefix in _DOCUMENT_PREFIX.values() for lang in LANGUAGES
)
"""The names of the templates, as files `<name>.docx`: one per contract kind and language,
then the reversal statement's, the amendment's and the annual financial report's in each
language."""


def builtin_templates_dir() -> Path:
    """The folder of the built-in templates, inside the installed package."""
    return Path(str(resources.files("commons_contracts") / "templates"))


def template_name(signable: Signable, lang: str) -> str:
    """The template a contract or an amendment renders with in `lang`, e.g. `reciprocity-fr`,
    `amendment-fr` (one template for the amendments of both kinds of contract)."""
    if isinstance(signable, Amendment):
        return f"{_DOCUMENT_PREFIX[AMENDMENT_KIND]}-{lang}"
    return f"{_KIND_PREFIX[signable.kind]}-{lang}"


def _registry_templates_dir(root: Path, registry: Registry | None) -> Path:
    folder = registry.workspace.templates if registry is not None else "templates"
    inside = resolved_inside(root, folder)
    if inside is None:  # validation reports it (outside-registry); never read from there
        raise TemplateError(
            _("the templates folder '{folder}' leads outside the registry").format(folder=folder)
        )
    return inside


def find_template(name: str, root: Path | None = None, registry: Registry | None = None) -> Path:
    """The file of the template `name` (`hosting-fr` or `hosting-fr.docx`): the registry's own
    file in its templates folder when `root` is given and holds one, else the built-in one.

    Raises :class:`TemplateError` for an unknown name, listing the known ones.
    """
    file_name = name if name.endswith(".docx") else f"{name}.docx"
    if Path(file_name).name != file_name or file_name.startswith("."):
        raise TemplateError(
            _("{name!r} is not a template name (e.g. hosting-fr)").format(name=name)
        )
    if root is not None:
        override = _registry_templates_dir(root, registry) / file_name
        if override.is_file() and resolved_inside(root, override) is not None:
            return override
    builtin = builtin_templates_dir() / file_name
    if builtin.is_file():
        return builtin
    known = ", ".join(TEMPLATE_NAMES)
    raise TemplateError(
        _("no template named {name!r}: the templates are {known}").format(name=name, known=known)
    )


def display_name(path: Path, root: Path | None) -> str:
    """How a template is named in messages: relative to the registry, or as built-in."""
    if root is not None:
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(root.resolve()).as_posix()
    if path.resolve().parent == builtin_templates_dir().resolve():
        return f"built-in template {path.name}"
    return str(path)


def document_kind(path: Path) -> str | None:
    for kind, prefix in _DOCUMENT_PREFIX.items():
        if path.name.startswith(prefix):
            return kind
    return None
