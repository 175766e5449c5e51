"""The revision trail of process files as plain data (produced by `procspec.git.log`).

Rendering, `history`, `status` and the PS6xx rules read these dataclasses; none of them imports git.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from procspec.messages import Text

Versions = dict[tuple[str, str], bytes | None]
"""File contents at revisions: `(rev, path relative to the root)` → bytes, None when absent."""


class Revision(NamedTuple):
    """One commit that touched a file, with the file's path at that commit.

    `sha` and `message` are empty for a change that is not committed yet (shown as "ej incheckad").
    A named tuple, not a dataclass: a history of 20,000 commits makes as many, and a tuple is
    made in a third of the time.
    """

    sha: str
    date: datetime
    author: str
    email: str
    message: str
    path: str

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def committed(self) -> bool:
        return bool(self.sha)

    @property
    def subject(self) -> str:
        return self.message.strip().splitlines()[0] if self.message.strip() else ""


class MainlineCommit(NamedTuple):
    """A commit on the first-parent line: what the branch was at its date (a named tuple: the
    line of a long history has tens of thousands)."""

    sha: str
    date: datetime
    merge: bool


@dataclass
class History:
    """Revisions per file (keyed by the file's current path relative to the repository root,
    newest first), and what is known about the completeness of the history."""

    files: dict[str, list[Revision]] = field(default_factory=dict)
    available: bool = False
    shallow: bool = False
    reason: Text | None = None
    boundary: frozenset[str] = frozenset()
    """In a shallow clone, the commits whose parents were not fetched. Each is the oldest known
    revision of every file in its tree: it shows what the file was then, not that it changed."""
    reader: Callable[[Sequence[tuple[str, str]]], Versions] | None = field(
        default=None, repr=False, compare=False
    )
    """How earlier versions of files are read (set by `procspec.git.log.read_history`)."""

    tip: str | None = None
    """The commit the history was read from (HEAD, or `--rev`); None before the first commit."""
    first_parents: Callable[[], list[MainlineCommit]] | None = field(
        default=None, repr=False, compare=False
    )
    """How the branch's first-parent line is read (set by `read_history`)."""
    brought: Callable[[str, str], list[Revision]] | None = field(
        default=None, repr=False, compare=False
    )
    """(base, path) -> the first-parent commits after `base` that changed the file."""

    _line: Sequence[MainlineCommit] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def mainline(self) -> Sequence[MainlineCommit]:
        """The branch's own states, newest first, whatever was merged into it (PS603): read
        once, and the same sequence on every call (a worker checks its files in several runs
        of the rules, and the line of a long history has tens of thousands of commits)."""
        if self._line is None:
            self._line = tuple(self.first_parents()) if self.first_parents is not None else ()
        return self._line

    def brought_in(self, base: str, rel: str) -> list[Revision]:
        """The first-parent commits after `base` that changed the file at `rel`, newest first."""
        return self.brought(base, rel) if self.brought is not None else []

    def of(self, rel: str) -> list[Revision]:
        return self.files.get(rel, [])

    def at_boundary(self, revision: Revision) -> bool:
        """Whether `revision` is a shallow clone's boundary commit (not a known change)."""
        return bool(revision.sha) and revision.sha in self.boundary

    def versions(self, wanted: Sequence[tuple[str, str]]) -> Versions:
        """The files at revisions `(rev, path)`: what a file was before a change (PS603)."""
        return self.reader(wanted) if self.reader is not None and wanted else {}

    def last_change(self, rel: str) -> Revision | None:
        revisions = self.of(rel)
        return revisions[0] if revisions else None
