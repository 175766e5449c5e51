"""The revision trail of process files as plain data (produced by `procspec.git.log`).

Rendering, `history`, `status` and the PS6xx rules read these dataclasses; none of them imports git.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from procspec.messages import Text

Versions = dict[tuple[str, str], bytes | None]
"""File contents at revisions: `(rev, path relative to the root)` → bytes, None when absent."""


@dataclass(frozen=True)
class Revision:
    """One commit that touched a file, with the file's path at that commit.

    `sha` and `message` are empty for a change that is not committed yet (shown as "ej incheckad").
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
