"""A process repository as it was at a git revision: git gives the bytes, reading loads them.

Shared by `render --rev` and `diff`; it is the one place where git and reading meet.
"""

from __future__ import annotations

from pathlib import Path

from procspec.errors import ConfigError, UsageError
from procspec.git.log import files_at
from procspec.messages import say
from procspec.reading.repository import Repository, find_root, load_repository


def repository_at(start: Path, rev: str) -> Repository:
    """The process repository at or above `start` as it was at `rev` (a tag, branch or commit),
    read from git objects without a checkout. Not a git repository, or an unknown revision, is a
    usage error (exit 2); so are settings, a roster or a profile at `rev` that cannot be used, with
    a message that says the problems lie in the files as committed, not in the working tree."""
    root = find_root(start)
    tree = files_at(root, rev)
    try:
        repo = load_repository(root, files=tree.files)
    except ConfigError as exc:
        raise ConfigError(
            say("revision.bad_file", rev=rev, reason=exc.message), exc.problems
        ) from None
    link = tree.submodule_in(repo.settings.processes)
    if link is not None:  # the process files in it are not in the tree at `rev`
        raise UsageError(say("git.own_repository", path=link))
    return repo
