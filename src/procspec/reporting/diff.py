"""`procspec diff` in words: the pull-request comment (Markdown), the terminal's lines and JSON.

The comparison (`checking.comparison`) gives the changes as data — labels and values as messages
and the files' text; here they become words in the repository's language. `lines` gives the
content as (kind, text) pairs, which the terminal colours and `to_markdown` writes as a comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from procspec.checking.comparison import Diff
from procspec.messages import Text, joined, say, text, visible
from procspec.reading.handles import quiet_mentions


def lines(diff: Diff, lang: str) -> list[tuple[str, str]]:
    """The diff as (kind, text) pairs; kinds: title, range, heading, added, removed, process,
    change, none. The terminal and Markdown outputs are both written from these."""
    return [(kind, text(said, lang)) for kind, said in _said(diff)]


def _said(diff: Diff) -> list[tuple[str, Text]]:
    out: list[tuple[str, Text]] = [("title", say("diff.title"))]
    if diff.base_label or diff.head_label:
        out.append(("range", say("diff.range", base=diff.base_label, head=diff.head_label)))
    if diff.empty:
        out.append(("none", say("diff.none")))
        return out
    if diff.unreadable:
        out.append(("heading", say("diff.unreadable")))
        out.extend(("removed", u.message) for u in diff.unreadable)
    if diff.added:
        out.append(("heading", say("diff.added_processes")))
        for pid, name in diff.added:
            summary = diff.summaries.get(pid)
            out.append(("added", joined((f"{name} ({pid})", summary), ": ") if summary
                        else f"{name} ({pid})"))  # fmt: skip
    if diff.removed:
        out.append(("heading", say("diff.removed_processes")))
        out.extend(("removed", f"{name} ({pid})") for pid, name in diff.removed)
    if diff.renamed:
        out.append(("heading", say("diff.renamed_processes")))
        out.extend(("change", say("diff.renamed", name=name, old=o, new=n))
                   for o, n, name in diff.renamed)  # fmt: skip
    if diff.people:
        out.append(("heading", say("diff.people")))
        for person in diff.people:
            out.append(("process", joined((person.key, " (", person.affected.message, ")"), "")))
            out.extend(("change", change.message) for change in person.changes)
    if diff.settings is not None:
        out.append(("heading", say("diff.settings")))
        out.append(("process", diff.settings.affected.message))
        out.extend(("change", change.message) for change in diff.settings.changes)
    if diff.changed:
        out.append(("heading", say("diff.changed_processes")))
        for process in diff.changed:
            out.append(("process", f"{process.name} ({process.id})"))
            out.extend(("change", change.message) for change in process.changes)
    return out


def to_dict(diff: Diff, lang: str) -> dict[str, Any]:
    """`diff --format json` (SPEC §4), labels and values in `lang`."""
    return diff.to_dict(lambda said: text(said, lang))


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"} | {"&": "&amp;"})


def _md(text: str) -> str:
    """Text safe to place in a Markdown comment (no markup, no HTML, no reference and no
    `@mention` that would notify a person or a team)."""
    return quiet_mentions(" ".join(visible(text).split()).translate(_MD_SPECIAL))


def to_markdown(diff: Diff, lang: str) -> str:
    """The diff as GitHub/GitLab-flavoured Markdown, for a pull- or merge-request comment."""
    parts: list[str] = []
    for kind, said in lines(diff, lang):
        if kind == "title":
            parts.append(f"## {_md(said)}\n")
        elif kind == "range":
            parts.append(f"_{_md(said)}_\n")
        elif kind == "heading":
            parts.append(f"\n### {_md(said)}\n")
        elif kind == "process":
            parts.append(f"\n**{_md(said)}**\n")
        elif kind in ("added", "removed", "change"):
            parts.append(f"- {_md(said)}")
        else:
            parts.append(_md(said))
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


__all__ = ["lines", "to_dict", "to_markdown"]
