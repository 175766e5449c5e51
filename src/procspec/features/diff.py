"""The semantic difference between two states of a process repository (`procspec diff`).

A reviewer of a pull request should see what a change means for the processes, not YAML lines:
processes added, removed and moved, and per process each changed field with its value before and
after, in words (`Processägare: Anna Berg → Bo Ek`, `Mål M2 tillagt: …`,
`Aktivitet A1: pågående → klar`), people named by their names from each state's roster.

The comparison works on the files' data, so a file that does not validate is still compared. The
result is plain data (`Diff`); `to_markdown` writes the pull-request comment and `lines` gives the
same content as (kind, text) pairs for the terminal, which the command line colours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from procspec.checking.comparison import Change, Diff, ProcessDiff, diff_repositories
from procspec.features.revision import repository_at
from procspec.git.log import NotAtRevision, git_renames, has_commits
from procspec.messages import msg, visible
from procspec.reading.handles import quiet_mentions
from procspec.reading.repository import find_root, load_repository

__all__ = [
    "Change",
    "Diff",
    "ProcessDiff",
    "diff_repositories",
    "diff_revisions",
    "lines",
    "to_markdown",
]


def diff_revisions(path: Path, base: str = "HEAD", head: str | None = None) -> tuple[Diff, str]:
    """The difference between the repository at `base` and at `head` (the work tree when None),
    and the language to show it in. With no commit yet, or no repository at `base`, everything
    is new; outside git, a usage error (exit 2)."""
    root = find_root(path)
    committed = has_commits(root, "diff.no_git")
    new = load_repository(root) if head is None else repository_at(root, head)
    try:
        if base == "HEAD" and not committed:
            raise NotAtRevision(base)
        old = repository_at(root, base)
    except NotAtRevision:
        old = replace(new, records=[], problems=[])
    found = diff_repositories(old, new, base, head or msg("diff.worktree", new.lang),
                              git_renames(root, base, head))  # fmt: skip
    return found, new.lang


def lines(diff: Diff, lang: str) -> list[tuple[str, str]]:
    """The diff as (kind, text) pairs; kinds: title, heading, added, removed, process, change,
    none. The terminal and Markdown outputs are both written from these."""
    out: list[tuple[str, str]] = [("title", msg("diff.title", lang))]
    if diff.base_label or diff.head_label:
        out.append(("range", msg("diff.range", lang, base=diff.base_label, head=diff.head_label)))
    if diff.empty:
        out.append(("none", msg("diff.none", lang)))
        return out
    if diff.unreadable:
        out.append(("heading", msg("diff.unreadable", lang)))
        out.extend(("removed", u.words(lang)) for u in diff.unreadable)
    if diff.added:
        out.append(("heading", msg("diff.added_processes", lang)))
        for pid, name in diff.added:
            text = f"{name} ({pid})"
            if diff.summaries.get(pid):
                text += f": {diff.summaries[pid]}"
            out.append(("added", text))
    if diff.removed:
        out.append(("heading", msg("diff.removed_processes", lang)))
        out.extend(("removed", f"{name} ({pid})") for pid, name in diff.removed)
    if diff.renamed:
        out.append(("heading", msg("diff.renamed_processes", lang)))
        out.extend(("change", msg("diff.renamed", lang, name=name, old=o, new=n))
                   for o, n, name in diff.renamed)  # fmt: skip
    if diff.people:
        out.append(("heading", msg("diff.people", lang)))
        for person in diff.people:
            out.append(("process", f"{person.key} ({person.affected.words(lang)})"))
            out.extend(("change", change.words(lang)) for change in person.changes)
    if diff.settings is not None:
        out.append(("heading", msg("diff.settings", lang)))
        out.append(("process", diff.settings.affected.words(lang)))
        out.extend(("change", change.words(lang)) for change in diff.settings.changes)
    if diff.changed:
        out.append(("heading", msg("diff.changed_processes", lang)))
        for process in diff.changed:
            out.append(("process", f"{process.name} ({process.id})"))
            out.extend(("change", change.words(lang)) for change in process.changes)
    return out


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"} | {"&": "&amp;"})


def _md(text: str) -> str:
    """Text safe to place in a Markdown comment (no markup, no HTML, no reference and no
    `@mention` that would notify a person or a team)."""
    return quiet_mentions(" ".join(visible(text).split()).translate(_MD_SPECIAL))


def to_markdown(diff: Diff, lang: str) -> str:
    """The diff as GitHub/GitLab-flavoured Markdown, for a pull- or merge-request comment."""
    parts: list[str] = []
    for kind, text in lines(diff, lang):
        if kind == "title":
            parts.append(f"## {_md(text)}\n")
        elif kind == "range":
            parts.append(f"_{_md(text)}_\n")
        elif kind == "heading":
            parts.append(f"\n### {_md(text)}\n")
        elif kind == "process":
            parts.append(f"\n**{_md(text)}**\n")
        elif kind in ("added", "removed", "change"):
            parts.append(f"- {_md(text)}")
        else:
            parts.append(_md(text))
    return "\n".join(_tidy(parts)) + "\n"


def _tidy(parts: Iterable[str]) -> list[str]:
    """One blank line between blocks, none doubled."""
    result: list[str] = []
    for part in parts:
        for line in part.split("\n"):
            if line == "" and (not result or result[-1] == ""):
                continue
            result.append(line)
    while result and result[-1] == "":
        result.pop()
    return result
