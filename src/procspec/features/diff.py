"""The semantic difference between two states of a process repository (`procspec diff`).

A reviewer of a pull request should see what a change means for the processes, not YAML lines:
processes added, removed and moved, and per process each changed field with its value before and
after (`Processägare: Anna Berg → Bo Ek`, `Mål M2 tillagt: …`, `Aktivitet A1: pågående → klar`),
people named by their names from each state's roster.

The comparison works on the files' data, so a file that does not validate is still compared. The
result is plain data (`Diff`, labels and values as messages); `reporting.diff` puts it in words:
the pull-request comment, the terminal's lines and JSON.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from procspec.checking.comparison import Change, Diff, ProcessDiff, diff_repositories
from procspec.features.revision import repository_at
from procspec.git.log import NotAtRevision, git_renames, has_commits
from procspec.messages import say
from procspec.reading.repository import find_root, load_repository

__all__ = ["Change", "Diff", "ProcessDiff", "diff_repositories", "diff_revisions"]


def diff_revisions(path: Path, base: str = "HEAD", head: str | None = None) -> tuple[Diff, str]:
    """The difference between the repository at `base` and at `head` (the work tree when None),
    and the repository's language to show it in. With no commit yet, or no repository at `base`,
    everything is new; outside git, a usage error (exit 2)."""
    root = find_root(path)
    committed = has_commits(root, "diff.no_git")
    new = load_repository(root) if head is None else repository_at(root, head)
    try:
        if base == "HEAD" and not committed:
            raise NotAtRevision(base)
        old = repository_at(root, base)
    except NotAtRevision:
        old = replace(new, records=[], problems=[])
    found = diff_repositories(old, new, base, head or say("diff.worktree"),
                              git_renames(root, base, head))  # fmt: skip
    return found, new.lang
