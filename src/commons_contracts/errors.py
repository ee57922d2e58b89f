"""The package's exceptions.

Problems in user data are never raised: they are
:class:`~commons_contracts.core.diagnostics.Diagnostic` records, collected and shown together.
Exceptions are for what the user cannot fix in the data (a missing registry, a tool that is not
installed, a refused action), and the command line turns each one into a message and an exit
code.
"""


class CommonsContractsError(Exception):
    """Base class of every error the package raises on purpose."""


class UsageError(CommonsContractsError):
    """The command was called with arguments that do not make sense (exit code 2)."""


class RegistryNotFoundError(UsageError):
    """No `commons-contracts.yaml` in the given folder, or in the current one or above it."""


class RefusedError(CommonsContractsError):
    """An action was refused because of the data (exit code 1), e.g. a file that already exists."""
