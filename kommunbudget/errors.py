"""The CLI's exit codes, and the errors that carry one to the user with a message.

Each code is documented in the README's exit-code table and in `kommunbudget --help`.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_DOCUMENT_FAILED = 1
EXIT_USAGE = 2
EXIT_VALIDATION = 3
EXIT_DBT = 4
EXIT_BUSY = 5
EXIT_WAREHOUSE_UNUSABLE = 6
EXIT_NO_SPACE = 7
EXIT_READ_ONLY = 8
EXIT_INTERNAL = 9
EXIT_NOT_BUILT = 10  # publish: no successful dbt build to publish, or it is out of date
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM, as shells report SIGINT

# The name a --json object carries for each code.
CODE_NAMES = {
    EXIT_OK: "ok",
    EXIT_DOCUMENT_FAILED: "document_failed",
    EXIT_USAGE: "usage",
    EXIT_VALIDATION: "validation_failed",
    EXIT_DBT: "dbt_failed",
    EXIT_BUSY: "busy",
    EXIT_WAREHOUSE_UNUSABLE: "warehouse_unusable",
    EXIT_NO_SPACE: "no_space",
    EXIT_READ_ONLY: "read_only",
    EXIT_INTERNAL: "internal_error",
    EXIT_NOT_BUILT: "not_built",
    EXIT_INTERRUPTED: "interrupted",
}


class CommandError(RuntimeError):
    """A failure of the whole command, with its exit code and a message that says what to do."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class WarehouseBusy(CommandError):
    exit_code = EXIT_BUSY


class WarehouseUnusable(CommandError):
    """The --db path is not a usable DuckDB warehouse: a directory, another format, damaged."""

    exit_code = EXIT_WAREHOUSE_UNUSABLE


class UsageError(CommandError):
    exit_code = EXIT_USAGE
