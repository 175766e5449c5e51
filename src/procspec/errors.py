"""One error hierarchy; the command line maps it to exit statuses (SPEC §4).

An error says what went wrong as a message key and parameters (`procspec.messages.Message`), or as
text that needs no translation; the command line turns it into words.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from procspec.messages import Text

if TYPE_CHECKING:
    from procspec.problem import Outcome, Problem


class ProcspecError(Exception):
    """A failure the user can act on. `exit_code` follows SPEC §4."""

    exit_code = 2

    def __init__(
        self, message: Text, hint: Text | None = None, details: tuple[Text, ...] = ()
    ) -> None:
        super().__init__(message if isinstance(message, str) else message.key)
        self.message = message
        self.hint = hint
        # Lines printed below the message (say, one per problem found). Like the message, each
        # is printed as one line, so a line break in a quoted value cannot forge another.
        self.details = details


class UsageError(ProcspecError):
    """Bad flag, no procspec.yaml, unreadable profile or roster: exit 2."""

    exit_code = 2


class ConfigError(UsageError):
    """procspec.yaml, the roster or the profile cannot be used: exit 2, with the problems found."""

    def __init__(self, message: Text, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


class NotFoundError(ProcspecError):
    """The command ran and found a problem, such as an unknown process id: exit 1."""

    exit_code = 1


class Refused(ProcspecError):
    """The command ran and refused to write (a file exists, a name breaks a rule, the repository
    has errors): exit 1. `outcome` carries the problems found, relative to `root`."""

    exit_code = 1

    def __init__(
        self,
        message: Text,
        hint: Text | None = None,
        details: tuple[Text, ...] = (),
        *,
        outcome: Outcome | None = None,
        root: Path | None = None,
    ) -> None:
        super().__init__(message, hint, details)
        self.outcome = outcome
        self.root = root
