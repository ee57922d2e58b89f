"""Start a new document template in the house style, never over an existing file.

    .venv/bin/python tools/new_template.py NAME [--like TEMPLATE] [--folder DIR]

writes `DIR/NAME.docx` (by default in `templates/`) and its plain-text twin `DIR/NAME.txt`,
and refuses if either exists: a template is edited in Word or LibreOffice, never rewritten by a
script. The new file takes everything but the text from the built-in template `--like`
(`hosting-fr` by default; `statement-fr` for a document with sections numbered `1.`): page
size and margins, fonts and named styles (`Heading 1` numbered `ARTICLE 1 –`, `Clause`
numbered `1.1`, `Enumeration`, `Template Tag`...), the automatic numbering and the footer with
page numbers. Its body is a short skeleton showing each kind of paragraph: replace it.

Name it `<kind>-<lang>` (`amendment-fr`, `invoice-en`...), so that `template check` knows its
language. How to write the tags, references and conditional clauses: docs/templates.md.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from commons_contracts.i18n.wording import typography

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

SKELETON = {
    "fr": (
        ("Title", "TITRE DU DOCUMENT"),
        ("Subtitle", "Commun « {{ commons.name }} »"),
        ("Contract Reference", "Référence : {{ contract.id }}"),
        ("Heading 2", "ENTRE LES SOUSSIGNÉS :"),
        ("Normal", "{{ host.name }}, ci-après « l’Hôte »,"),
        ("Heading 1", "OBJET", "object"),
        (
            "Clause",
            "Une clause, numérotée automatiquement ; un renvoi : article {{ ref('object') }}.",
        ),
        ("Template Tag", "{%p if contract.language == 'fr' %}"),
        ("Clause", "Une clause conditionnelle : sa numérotation suit quand elle disparaît."),
        ("Template Tag", "{%p endif %}"),
        ("Enumeration", "–\tun élément de liste ;"),
    ),
    "en": (
        ("Title", "TITLE OF THE DOCUMENT"),
        ("Subtitle", "Commons “{{ commons.name }}”"),
        ("Contract Reference", "Reference: {{ contract.id }}"),
        ("Heading 2", "BETWEEN THE UNDERSIGNED:"),
        ("Normal", "{{ host.name }}, hereinafter “the Host”,"),
        ("Heading 1", "PURPOSE", "object"),
        ("Clause", "A clause, numbered automatically; a reference: article {{ ref('object') }}."),
        ("Template Tag", "{%p if contract.language == 'en' %}"),
        ("Clause", "A conditional clause: the numbering follows when it drops out."),
        ("Template Tag", "{%p endif %}"),
        ("Enumeration", "–\tan item of a list;"),
    ),
}


def _typeset(text: str, lang: str) -> str:
    """The typography of `lang` in the words, not in the tags."""
    parts = re.split(r"(\{\{.*?\}\}|\{%.*?%\})", text)
    return "".join(
        part if index % 2 else typography(part, lang) for index, part in enumerate(parts)
    )


def new_template(name: str, like: str, folder: Path) -> list[Path]:
    """Write `folder/name.docx` and its text twin from the style of the built-in `like`
    template; refuse, writing nothing, if either file exists."""
    from commons_contracts.documents.inspect import template_text  # noqa: PLC0415

    target = folder / f"{name}.docx"
    twin = target.with_suffix(".txt")
    for path in (target, twin):
        if path.exists():
            raise SystemExit(f"{path} exists: a template is never overwritten; pick a new name")
    document = Document(str(TEMPLATES / f"{like}.docx"))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    lang = "en" if like.endswith("-en") else "fr"
    for number, (style, text, *bookmark) in enumerate(SKELETON[lang], start=1):
        paragraph = document.add_paragraph(_typeset(text, lang), style=style)
        if bookmark:
            paragraph._p.insert(
                1,
                parse_xml(
                    f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{bookmark[0]}"/>'
                ),
            )
            paragraph._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>'))
    document.core_properties.title = name
    buffer = io.BytesIO()
    document.save(buffer)
    folder.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as handle:  # "x": never over a file created meanwhile
        handle.write(buffer.getvalue())
    with twin.open("x", encoding="utf-8") as handle:
        handle.write(template_text(target))
    return [target, twin]


def main(argv: list[str]) -> int:
    """Parse the command line and write the new template."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="the new template's name, e.g. amendment-fr")
    parser.add_argument(
        "--like", default="hosting-fr", help="the built-in template to copy the style of"
    )
    parser.add_argument("--folder", type=Path, default=TEMPLATES, help="where to write it")
    options = parser.parse_args(argv)
    for path in new_template(options.name, options.like, options.folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
