"""A process repository as it was at a git revision: git gives the bytes, reading loads them.

Shared by `render --rev` and `diff`; it is the one place where git and reading meet.
"""

from __future__ import annotations

from pathlib import Path

from procspec.git.log import files_at
from procspec.reading.repository import Repository, find_root, load_repository


def repository_at(start: Path, rev: str) -> Repository:
    """The process repository at or above `start` as it was at `rev` (a tag, branch or commit),
    read from git objects without a checkout. Not a git repository, or an unknown revision, is a
    usage error (exit 2)."""
    root = find_root(start)
    return load_repository(root, files=files_at(root, rev))
