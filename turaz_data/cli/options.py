"""What every command shares: exit codes and the error a command raises for the user."""

from __future__ import annotations

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class CLIError(Exception):
    """A problem the user can fix; printed as one message, exit code ``code``."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE):
        super().__init__(message)
        self.code = code
