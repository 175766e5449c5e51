"""What leads each path in a report, so that a path in the output opens the file."""

from __future__ import annotations

from pathlib import Path

from procspec.git.log import work_tree_top

CI_FORMATS = ("github", "gitlab")
"""Formats whose paths GitHub and GitLab resolve from the top of the git work tree."""


def cwd_prefix(root: Path) -> str:
    """Paths in reports stay relative to the repository root unless it lies below the cwd."""
    try:
        rel = root.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, FileNotFoundError):  # not below it, or the cwd is gone
        return ""
    return "" if str(rel) == "." else rel.as_posix() + "/"


def report_prefix(root: Path, output: str) -> str:
    """What leads each path in a report: for github and gitlab the root's place in the git work
    tree (where CI resolves annotation paths), whatever the cwd; otherwise, and outside git, as
    `cwd_prefix`. The json format ignores it (SPEC §4: paths relative to the repository root)."""
    if output in CI_FORMATS:
        top = work_tree_top(root)
        if top is not None:
            rel = root.resolve().relative_to(top)
            return "" if str(rel) == "." else rel.as_posix() + "/"
    return cwd_prefix(root)


def shown(path: Path) -> str:
    """`path` relative to the working directory when it lies below it, else as it is."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, FileNotFoundError):  # not below it, or the cwd is gone
        return path.as_posix()
