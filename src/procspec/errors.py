"""One error hierarchy; the command line maps it to exit statuses (SPEC §4)."""

from __future__ import annotations


class ProcspecError(Exception):
    """A failure the user can act on. `exit_code` follows SPEC §4."""

    exit_code = 2

    def __init__(
        self, message: str, hint: str | None = None, details: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        # Lines printed below the message (say, one per problem found). Like the message, each
        # is printed as one line, so a line break in a quoted value cannot forge another.
        self.details = details


class UsageError(ProcspecError):
    """Bad flag, no procspec.yaml, unreadable profile or roster: exit 2."""

    exit_code = 2


class NotFoundError(ProcspecError):
    """The command ran and found a problem, such as an unknown process id: exit 1."""

    exit_code = 1
