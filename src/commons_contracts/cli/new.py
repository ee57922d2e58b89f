"""`new`: a commons, a party or a contract, asked field by field in the person's language.

The questions, the reading of the answers and their checks are the library's
(:mod:`commons_contracts.validation.questions`); this module only shows each question with its
explanation and choices, reads the answer with rich's prompt, and shows what the library says.
With `--answers FILE`, the same questions are answered from a YAML file, for scripts.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from commons_contracts.cli.app import RegistryOption, app, fail, reports_errors, show_added
from commons_contracts.core.diagnostics import Diagnostic, Severity
from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.translation import _
from commons_contracts.registry.root import find_registry_root

if TYPE_CHECKING:  # imported when `new` runs, not at every command's start
    from rich.console import Console

    from commons_contracts.validation.questions import Interview, Question


class EntryKind(enum.StrEnum):
    """The kinds of record `new` asks for."""

    COMMONS = "commons"
    PARTY = "party"
    HOSTING_CONTRACT = "hosting-contract"
    RECIPROCITY_CONTRACT = "reciprocity-contract"


@app.command(
    help=_(
        "Create a commons, a party or a contract, asking for each field in your "
        "language.\n\n"
        "Each answer is checked at once by the rules of validate; the record is then "
        "validated with the whole registry and written as one new file. With --answers "
        "FILE, every bad answer is reported at its line and nothing is written."
    )
)
@reports_errors
def new(
    kind: Annotated[
        EntryKind,
        typer.Argument(help=_("commons, party, hosting-contract or reciprocity-contract.")),
    ],
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help=_("Read the answers from a YAML file instead of asking (for scripts)."),
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    registry: RegistryOption = None,
) -> None:
    from rich.console import Console  # noqa: PLC0415

    from commons_contracts.validation.questions import answer_from_file, interview  # noqa: PLC0415

    root = find_registry_root(registry)
    if answers is not None:
        show_added(answer_from_file(root, kind.value, answers, os.environ))
        return
    session = interview(root, kind.value, os.environ)
    console = Console(highlight=False, emoji=False)
    try:
        _converse(session, root, console)
    except (KeyboardInterrupt, EOFError):
        console.print()
        fail(message("new_interrupted", session.lang))


def _converse(session: Interview, root: Path, console: Console) -> None:
    """Ask every question, then write the record; ask again what a refusal names."""
    from rich.prompt import Prompt  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    from commons_contracts.validation.questions import is_yes  # noqa: PLC0415

    lang = session.lang
    console.print(message("new_intro", lang, kind=message(f"new_kind_{session.kind}", lang)))
    while True:
        question = session.next_question()
        if question is not None:
            _ask(session, question, console)
            continue
        console.print()
        console.print(message("new_review", lang))
        for line in _record_lines(session.record()):
            console.print(Text(line))
        yes, no = session.word(True), session.word(False)
        confirm = Prompt.ask(
            Text(f"{message('new_confirm', lang)} ({yes}/{no}) [{yes}]"),
            console=console,
            default="",
            show_default=False,
        )
        if is_yes(confirm or yes) is not True:
            fail(message("new_nothing_written", lang))
        result = session.finish(root)
        _show(result.diagnostics, lang, console)
        if result.ok:
            for path in result.written:
                console.print(message("new_written", lang, path=path))
            return
        if not session.reopen(result.diagnostics):
            fail(message("new_nothing_written", lang))
        console.print(message("new_fix", lang))


def _ask(session: Interview, question: Question, console: Console) -> None:
    """One question, asked until its answer is accepted."""
    from rich.prompt import Prompt  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    lang = session.lang
    console.print()
    if question.help:
        console.print(Text(question.help, style="italic"))
    numbered = [
        f"  {index}) {value}" + ("" if label == value else f" — {label}")
        for index, (value, label) in enumerate(question.choices, 1)
    ]
    if numbered:
        console.print(message("new_choices", lang))
        for line in numbered:
            console.print(Text(line))
    prompt = Text(question.label)
    if question.is_yes_no:
        prompt.append(f" ({session.word(True)}/{session.word(False)}) [{question.default}]")
    elif question.proposal is not None:
        note = f", {question.note}" if question.note else ""
        prompt.append(f" [{question.proposal}{note}]")
    elif question.default is not None:
        prompt.append(f" [{message('new_default', lang, value=question.default)}]")
    while True:
        text = Prompt.ask(prompt, console=console, default="", show_default=False)
        problems = session.answer(question, text)
        _show(problems, lang, console)
        if not any(d.severity is Severity.ERROR for d in problems):
            return


def _show(diagnostics: list[Diagnostic], lang: str, console: Console) -> None:
    from rich.text import Text  # noqa: PLC0415

    for diagnostic in diagnostics:
        key = "new_refused" if diagnostic.severity is Severity.ERROR else "new_warning"
        line = message(key, lang, code=diagnostic.code.value, message=diagnostic.message)
        console.print(Text(line, style="bold red" if key == "new_refused" else "yellow"))


def _record_lines(value: Any, indent: str = "  ") -> Iterator[str]:
    """The record as the YAML-like lines a person reads back."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list):
                yield f"{indent}{key}:"
                yield from _record_lines(item, indent + "  ")
            else:
                yield f"{indent}{key}: {_scalar(item)}"
    elif isinstance(value, list):
        for item in value:
            lines = list(_record_lines(item, indent + "  "))
            if isinstance(item, dict | list) and lines:
                yield f"{indent}- {lines[0].strip()}"
                yield from lines[1:]
            else:
                yield f"{indent}- {_scalar(item)}"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
