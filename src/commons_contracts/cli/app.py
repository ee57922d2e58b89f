"""The `commons-contracts` command line: the typer application and what every command shares.

Each command parses its options, calls one library function, shows the result and picks the
exit code: 0 when the command did its job, 1 when the data has errors or an action is refused,
2 on a usage error. With `--format json`, standard output holds exactly one JSON document and
human messages go to standard error. The commands live in one module per group, beside this
one.

A command imports what it uses when it runs, not when the program starts: `--help`, `--version`
and `validate` never load the document libraries (docxtpl, Jinja, pypdf), and jsonschema is
loaded only to explain a record that fails its schema (`tests/test_cli.py` checks it).
"""

from __future__ import annotations

import datetime
import enum
import errno
import functools
import inspect
import os
import sys
from collections.abc import Callable, Collection, Iterator, MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, NoReturn, ParamSpec, TypeVar

import typer
from typer.models import CommandInfo, TyperInfo

from commons_contracts.cli.language import choose_language
from commons_contracts.core.dates import parse_date
from commons_contracts.core.diagnostics import Diagnostic, Severity
from commons_contracts.errors import CommonsContractsError, RegistryNotFoundError, UsageError
from commons_contracts.i18n.translation import _
from commons_contracts.registry.root import find_registry_root

if TYPE_CHECKING:
    from rich.console import Console
    from typer._click import Command  # the click that typer carries

    from commons_contracts.documents.render import RenderedDocuments
    from commons_contracts.registry.cache import Keeping, KeptResults
    from commons_contracts.registry.model import Registry
    from commons_contracts.validation.entries import AddResult

# Before any help is written: typer takes it when the commands are declared (cli/language.py).
choose_language(sys.argv[1:], os.environ)
# typer words its headings and a few refusals through gettext's global domain, in the
# environment's language only: they take the command line's language and catalogue instead.
typer.core._ = _  # type: ignore[attr-defined]

_ARGUMENTS = "commons_contracts.arguments"


class _Commands(MutableMapping[str, "Command"]):
    """The application's commands by name, in the order they were declared, each made into a
    click command the first time it is asked for: making every command and its options takes
    0.08 s, as long as a command's own work on a small registry, and a run needs one
    (BENCHMARKS.md)."""

    def __init__(self, application: _Application) -> None:
        self._application = application
        self._made: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        made = self._made.get(name)
        if made is None:
            if name not in self._application.declared:
                raise KeyError(name)
            made = self._made[name] = self._application.make(name)
        return made

    def get(self, name: str, default: Command | None = None) -> Command | None:  # type: ignore[override]
        # Not Mapping.get, which would take a KeyError raised while making a command for an
        # unknown name: a mistake in a command's declaration must show as itself.
        return self[name] if name in self else default  # noqa: SIM401 - not Mapping.get

    def __contains__(self, name: object) -> bool:
        return name in self._made or name in self._application.declared

    def __setitem__(self, name: str, command: Command) -> None:
        self._made[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("the application's commands are fixed")

    def __iter__(self) -> Iterator[str]:
        # As typer lists them: the commands, then the groups, each in the order declared.
        declared = self._application.declared
        for groups in (False, True):
            yield from (n for n, d in declared.items() if isinstance(d, TyperInfo) == groups)
        yield from (name for name in self._made if name not in self._application.declared)

    def __len__(self) -> int:
        return len(self._application.declared.keys() | self._made.keys())

    def listed(self, name: str) -> Command:
        """The command as the list of commands shows it: the command itself once made, else
        a stand-in carrying only what that list reads (its help, and whether it is hidden or
        deprecated)."""
        made = self._made.get(name)
        if made is not None:
            return made
        declared = self._application.declared[name]
        if not isinstance(declared, CommandInfo) or declared.cls is not typer.core.TyperCommand:
            return self[name]  # a group, or a command of its own class: the real one
        return typer.core.TyperCommand(
            name=name,
            help=_help_of(declared),
            short_help=declared.short_help,
            hidden=declared.hidden,
            deprecated=declared.deprecated,
            rich_help_panel=declared.rich_help_panel,
        )


def _help_of(declared: CommandInfo) -> str | None:
    # As typer words a command's help (typer.main.get_command_from_info).
    if declared.help is None:
        return inspect.getdoc(declared.callback)
    return inspect.cleandoc(declared.help)


class _Group(typer.core.TyperGroup):
    """The application's group: its commands are made when used (:class:`_Commands`), and it
    keeps its whole command line for the callback (click hands the callback none of the
    command's arguments, and the language rule needs its `--registry`)."""

    application: ClassVar[_Application]

    def __init__(self, **attributes: Any) -> None:
        super().__init__(**attributes)
        self.commands = _Commands(self.application)

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(self.commands)

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        commands = self.commands
        assert isinstance(commands, _Commands)
        # typer's own listing, on stand-ins: the help does not make every command.
        try:
            self.commands = {name: commands.listed(name) for name in commands}
            super().format_commands(ctx, formatter)
        finally:
            self.commands = commands

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        ctx.meta[_ARGUMENTS] = list(args)
        return super().parse_args(ctx, args)


_Kept = TypeVar("_Kept")
_Function = TypeVar("_Function", bound=Callable[..., Any])


class _Application(typer.Typer):
    """The typer application, whose commands and groups of commands are declared as usual
    (`@app.command()`, `app.add_typer`) but kept aside, to be made by :class:`_Group` when
    used rather than all at once by typer."""

    def __init__(self, **settings: Any) -> None:
        group = type("ApplicationGroup", (_Group,), {"application": self})
        super().__init__(cls=group, **settings)
        self.declared: dict[str, CommandInfo | TyperInfo] = {}

    def command(self, name: str | None = None, **settings: Any) -> Callable[[_Function], _Function]:
        register = super().command(name, **settings)

        def declare(function: _Function) -> _Function:
            register(function)
            declared = self.registered_commands.pop()
            self.declared[name or typer.main.get_command_name(function.__name__)] = declared
            return function

        return declare

    def add_typer(self, typer_instance: typer.Typer, *, name: str, **settings: Any) -> None:  # type: ignore[override]
        super().add_typer(typer_instance, name=name, **settings)
        self.declared[name] = self.registered_groups.pop()

    def make(self, name: str) -> Command:
        """The click command (or group) `name`, made as typer makes it."""
        declared = self.declared[name]
        if isinstance(declared, CommandInfo):
            return typer.main.get_command_from_info(
                declared,
                pretty_exceptions_short=self.pretty_exceptions_short,
                rich_markup_mode=self.rich_markup_mode,
            )
        return typer.main.get_group_from_info(
            declared,
            pretty_exceptions_short=self.pretty_exceptions_short,
            suggest_commands=self.suggest_commands,
            rich_markup_mode=self.rich_markup_mode,
        )


app = _Application(
    name="commons-contracts",
    help=_(
        "Hosting and reciprocity contracts for commons: validate the registry, render "
        "contracts, compute reversals, publish the transparency report."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


P = ParamSpec("P")


class _StandardError:
    """Messages on standard error: plain lines, written as they are; anything else through
    rich's console, made the first time it is needed (rich takes a tenth of a second to
    import, and the messages of commands are plain lines)."""

    @functools.cached_property
    def console(self) -> Console:
        from rich.console import Console  # noqa: PLC0415

        # No emoji codes: `factures.xlsx:Factures:3:A:` must not print a letter A in a box.
        return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

    def print(self, *objects: Any, markup: bool | None = None, **options: Any) -> None:
        """Print as :meth:`rich.console.Console.print` does; text without markup as it is."""
        if markup is False and not options and all(isinstance(o, str) for o in objects):
            sys.stderr.write(" ".join(objects) + "\n")
            sys.stderr.flush()
            return
        self.console.print(*objects, markup=markup, **options)


stderr = _StandardError()


RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        "-r",
        help=_(
            "Registry folder (default: the nearest folder upward holding commons-contracts.yaml)."
        ),
        file_okay=False,
        show_default=False,
    ),
]


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help=_("Read every file again, without the registry's cache (see docs/registry.md)."),
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help=_("Count records dated up to this day (default: today).")),
]
CommonsOption = Annotated[str | None, typer.Option("--commons", help=_("One commons only."))]
OutFolderOption = Annotated[Path, typer.Option("--out", "-o", help=_("Output folder."))]
"""The folder documents are written to (`out` by default, which `init`'s .gitignore keeps out
of git)."""


def cache_choice(no_cache: bool) -> bool | None:
    """The library's `cache` argument for `--no-cache`: off when given, else the default (on,
    unless the environment variable COMMONS_CONTRACTS_NO_CACHE is set)."""
    return False if no_cache else None


class OutputFormat(enum.StrEnum):
    """How a report is written on standard output."""

    TEXT = "text"
    JSON = "json"


class TableFormat(enum.StrEnum):
    """How a command that prints figures writes them: `balance`, `funds`."""

    TEXT = "text"
    CSV = "csv"
    JSON = "json"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help=_(
            "text (the paths written) or json (one document: ok, written, diagnostics; errors too)."
        ),
    ),
]


def reports_errors(command: Callable[P, None]) -> Callable[P, None]:
    """Turn the package's errors raised by `command` into a message and an exit code (2 for a
    usage error, 1 otherwise), never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        # With --format json, a refusal is one JSON document on standard output too.
        _errors_as_json.clear()
        formats = kwargs.get("formats")
        if kwargs.get("output_format") == "json" or (
            isinstance(formats, list) and "json" in formats
        ):
            _errors_as_json.append(True)
        try:
            command(*args, **kwargs)
        except UsageError as error:
            fail(str(error), 2)
        except CommonsContractsError as error:
            fail(str(error), 1)
        except OSError as error:  # a file or folder the system refused: say which, and why
            # The output's reader has gone (the commands write to no other pipe or socket):
            # typer leaves quietly.
            if error.errno == errno.EPIPE:
                raise
            where = f"{error.filename}: " if error.filename else ""
            fail(f"{where}{error.strerror or error}", 1)

    return wrapper


def examines_early(*, writes: bool = False) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """For a command that reads the registry of its `--registry` (and `--no-cache`): on a
    large registry, its files are examined from the command's start, by a forked child, while
    the command imports what it needs, and the registry's lock is held from then on, exclusive
    for a command that `writes` records (:func:`commons_contracts.registry.scan.scan_started`).
    The command itself still finds the registry and reports that none is found."""

    def decorate(command: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(command)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
            from commons_contracts.registry.scan import scan_started  # noqa: PLC0415

            given = kwargs.get("registry")
            try:
                root = find_registry_root(given if isinstance(given, Path) else None)
            except RegistryNotFoundError:
                command(*args, **kwargs)
                return
            cache = cache_choice(kwargs.get("no_cache") is True)
            with scan_started(root, exclusive=writes, cache=cache):
                command(*args, **kwargs)

        return wrapper

    return decorate


_errors_as_json: list[bool] = []
"""Holds True while a command given `--format json` runs (set by :func:`reports_errors`)."""


def fail(message: str, code: int = 1, diagnostics: Sequence[Diagnostic] = ()) -> NoReturn:
    """Print `message` on standard error and leave with `code`; with `--format json`, also
    one JSON document on standard output: `ok` false, the `exit_code`, the `error` and the
    `diagnostics` (each with path, line, column, code, severity, message)."""
    stderr.print(_("error: {message}").format(message=message), markup=False)
    if _errors_as_json:
        import json  # noqa: PLC0415

        document = {
            "ok": False,
            "exit_code": code,
            "error": message,
            "diagnostics": [d.as_json() for d in diagnostics],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    raise typer.Exit(code)


def _show_version(asked: bool) -> None:
    # An eager option's callback runs while the command line is parsed, before a command is
    # looked for: `commons-contracts --version` needs none.
    if asked:
        from commons_contracts import version_line  # noqa: PLC0415

        typer.echo(version_line())
        raise typer.Exit(0)


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help=_("Print the version and exit."),
            is_eager=True,
            callback=_show_version,
        ),
    ] = False,
) -> None:
    """Hosting and reciprocity contracts for commons."""
    from commons_contracts.core.store import set_wait_notice  # noqa: PLC0415

    choose_language(ctx.meta.get(_ARGUMENTS, []), os.environ)
    set_wait_notice(
        lambda message: stderr.print(_("note: {message}").format(message=message), markup=False)
    )


def show_diagnostics(diagnostics: list[Diagnostic], output_format: OutputFormat) -> None:
    """Print diagnostics as text lines, or as one JSON list, and a summary on standard error."""
    import json  # noqa: PLC0415

    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps([d.as_json() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            typer.echo(diagnostic.format_text())
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    summary = _("registry is valid") if not errors else _("registry has errors")
    summary = _("{summary}: {errors} error(s), {warnings} warning(s)").format(
        summary=summary, errors=errors, warnings=warnings
    )
    stderr.print(summary, markup=False)


def show_tables(tables: object) -> None:
    """Print rich tables on standard output; to a file or a pipe, 120 columns wide, room for
    every column."""
    from rich.console import Console  # noqa: PLC0415 - not for --help

    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = 120
    console.print(tables)


def parse_day(text: str | None, option: str) -> datetime.date:
    """An ISO date given on the command line (today when None); a bad one is a usage error."""
    if text is None:
        return datetime.date.today()
    day = parse_date(text)
    if day is None:
        raise UsageError(
            _("{option} {text!r} is not a date written YYYY-MM-DD").format(option=option, text=text)
        )
    return day


def valid_registry(
    option: Path | None,
    no_cache: bool = False,
    leave_out: frozenset[str] = frozenset(),
    entries_of: Callable[[Registry], Collection[str]] | None = None,
) -> tuple[Path, Registry]:
    """The registry, validated: a registry with errors stops the command, with its problems
    (`leave_out`: kinds of records the command never reads; `entries_of`: the contracts whose
    declarations and payments it reads; see `validate_registry`)."""
    root, registry, _ = valid_registry_keeping(option, no_cache, leave_out, entries_of)
    return root, registry


def valid_registry_keeping(
    option: Path | None,
    no_cache: bool = False,
    leave_out: frozenset[str] = frozenset(),
    entries_of: Callable[[Registry], Collection[str]] | None = None,
    keeping: Keeping[_Kept] | None = None,
) -> tuple[Path, Registry, KeptResults[_Kept] | None]:
    """:func:`valid_registry`, and with `keeping` the results the cache keeps of the contracts
    whose entries were left unread (see `validate_registry`)."""
    from commons_contracts.validation.validate import validate_registry  # noqa: PLC0415

    root = find_registry_root(option)
    result = validate_registry(
        root,
        cache=cache_choice(no_cache),
        leave_out=leave_out,
        entries_of=entries_of,
        keeping=keeping,
    )
    if result.registry is None:
        fail_on_registry_errors(result.diagnostics)
    return root, result.registry, result.kept


def fail_on_registry_errors(diagnostics: list[Diagnostic]) -> NoReturn:
    """Print the registry's errors and stop: nothing is done with a registry that has some."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    for diagnostic in errors:
        stderr.print(diagnostic.format_text(), markup=False)
    fail(_("the registry has errors: fix them first (commons-contracts validate)"), 1, errors)


def show_added(result: AddResult, output_format: str = "text") -> None:
    """The files written by a record writer (declare, pay, sign, void...), or the problems that
    refused them; with `output_format` json, one document: `ok`, `written` (the paths) and
    `diagnostics` (the warnings shown)."""
    for diagnostic in result.diagnostics:
        stderr.print(diagnostic.format_text(), markup=False)
    if result.registry_errors:
        fail_on_registry_errors(result.registry_errors)
    if not result.ok:
        fail(_("nothing was written"), 1, result.diagnostics)
    if output_format == "json":
        import json  # noqa: PLC0415

        document = {
            "ok": True,
            "written": [str(path) for path in result.written],
            "diagnostics": [d.as_json() for d in result.diagnostics],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    for path in result.written:
        typer.echo(str(path))


class DocumentFormat(enum.StrEnum):
    """The file format of rendered documents."""

    DOCX = "docx"
    PDF = "pdf"


def write_documents(
    make: Callable[[], RenderedDocuments],
    output_format: DocumentFormat,
    out: Path,
    processes: int | None = None,
    *,
    as_json: bool = False,
) -> None:
    """Make the .docx documents, convert them to PDF when asked (LibreOffice is looked for
    before anything is rendered, so a missing one costs nothing; `processes` LibreOffice
    processes, by default one per core), print their paths, and the warnings about what they
    print on standard error."""
    from commons_contracts.documents.pdf import convert_to_pdf, soffice_command  # noqa: PLC0415

    if output_format is DocumentFormat.PDF:
        soffice_command()
    rendered = make()
    paths = rendered.paths
    if output_format is DocumentFormat.PDF:
        paths = convert_to_pdf(paths, out, processes=processes)
    for warning in rendered.warnings:
        stderr.print(warning.format_text(), markup=False)
    if as_json:
        import json  # noqa: PLC0415

        document = {
            "ok": True,
            "written": [str(path) for path in paths],
            "diagnostics": [d.as_json() for d in rendered.warnings],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    for path in paths:
        typer.echo(str(path))
