"""The command line's language, chosen before its help is built.

typer evaluates the help of every command and option when their modules are imported, so the
language is chosen then, from the environment and, failing it, the workspace of the registry
the command names (`--registry DIR`, `-r DIR`, or the nearest one upward): reading that costs
a look at one small file, no YAML parsing. The application's callback chooses again from the
same rule when a command runs (the same answer in a real process; the one of the command's
environment when tests run commands in-process). docs/language.md says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from commons_contracts.i18n.languages import command_line_language
from commons_contracts.i18n.translation import N_, set_language
from commons_contracts.registry.root import workspace_language

TYPER_MESSAGES = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("Aborted!"),
    N_("(dynamic)"),
)
"""What typer words itself through gettext (`typer.core`), translated in this package's
catalogue; the rest of its words (`Usage:`, `Error:`, `Show this message and exit.`) are
fixed in its code and stay in English."""


def registry_argument(arguments: Sequence[str]) -> Path | None:
    """The folder given as `--registry DIR`, `--registry=DIR`, `-r DIR` or `-rDIR` among the
    command line's `arguments` (the last one given), or None."""
    found: str | None = None
    for position, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument in ("--registry", "-r"):
            if position + 1 < len(arguments):
                found = arguments[position + 1]
        elif argument.startswith("--registry="):
            found = argument.partition("=")[2]
        elif argument.startswith("-r") and not argument.startswith("--"):
            found = argument[2:]
    return Path(found) if found else None


def choose_language(arguments: Sequence[str], environ: Mapping[str, str]) -> str:
    """Set and return the language of this run of the command line."""
    workspace = None
    if not _decided_by(environ):
        workspace = workspace_language(registry_argument(arguments))
    lang = command_line_language(environ, workspace)
    set_language(lang)
    return lang


def _decided_by(environ: Mapping[str, str]) -> bool:
    # The workspace is read only when the environment does not decide.
    return command_line_language(environ, "fr") == command_line_language(environ, "en")
