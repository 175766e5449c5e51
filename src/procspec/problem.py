"""The one problem type every check produces, and the positions it points at."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How bad a problem is; the order is the order of `RANK`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, order=True)
class Pos:
    """A 1-based line and column in a file."""

    line: int = 1
    column: int = 1


def pos_from_mark(mark: Any) -> Pos:
    """Convert a ruamel.yaml mark (0-based line and column) to a 1-based `Pos`.

    This is the only place where 0-based positions are turned into 1-based ones.
    """
    if mark is None:
        return Pos()
    return Pos(int(mark.line) + 1, int(mark.column) + 1)


@dataclass(frozen=True)
class Problem:
    """A finding about one place in one file. Paths are relative to the repository root, with `/`."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    process: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "process": self.process,
        }


def count(problems: list[Problem]) -> dict[str, int]:
    """Counts per severity, in the shape of the json report."""
    counts = {s.value: 0 for s in Severity}
    for p in problems:
        counts[p.severity.value] += 1
    return counts
