"""The one problem type every check produces, and the positions it points at."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple

from procspec.messages import Text


class Severity(str, Enum):
    """How bad a problem is; the order is the order of `RANK`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Pos(NamedTuple):
    """A 1-based line and column in a file.

    A named tuple rather than a dataclass: a loaded file holds one per key and value (millions in
    a large repository), and a tuple is both smaller and quicker to build.
    """

    line: int = 1
    column: int = 1


def pos_from_mark(mark: Any) -> Pos:
    """Convert a ruamel.yaml mark (0-based line and column) to a 1-based `Pos`.

    This is the only place where 0-based positions are turned into 1-based ones.
    """
    if mark is None:
        return Pos()
    key = (mark.line << 24) | mark.column
    pos = _INTERNED.get(key)
    if pos is None:
        pos = Pos(mark.line + 1, mark.column + 1)
        if len(_INTERNED) < _INTERN_LIMIT:
            _INTERNED[key] = pos
    return pos


_INTERNED: dict[int, Pos] = {}
"""One shared `Pos` per position: files have a few thousand distinct positions between them, and a
repository of 10,000 files holds millions of references to them (half its memory when each was
its own object)."""

_INTERN_LIMIT = 1_000_000


@dataclass(frozen=True)
class Problem:
    """A finding about one place in one file. Paths are relative to the repository root, with `/`.

    `message` is a message key with its parameters (or text that needs no translation); the
    formatters turn it into words."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: Text
    process: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, _order(self.message))

    def to_dict(self, message: str) -> dict[str, Any]:
        """The json shape (SPEC §4), with the message in words."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": message,
            "process": self.process,
        }


def _order(message: Text) -> str:
    return message if isinstance(message, str) else f"{message.key}\0{message.params!r}"


def count(problems: list[Problem]) -> dict[str, int]:
    """Counts per severity, in the shape of the json report."""
    counts = {s.value: 0 for s in Severity}
    for p in problems:
        counts[p.severity.value] += 1
    return counts


@dataclass(frozen=True)
class Outcome:
    """The problems found in a repository, sorted by file and position.

    It lives here, beside `Problem`, so that reporting a cached outcome needs no model or rule.
    """

    problems: list[Problem]
    files: int

    @property
    def counts(self) -> dict[str, int]:
        return count(self.problems)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail; with `strict`, warnings fail too."""
        counts = self.counts
        return counts["error"] > 0 or (strict and counts["warning"] > 0)
