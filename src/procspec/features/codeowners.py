"""`codeowners`: a CODEOWNERS file so a process's owner and leader approve changes to its file.

For every process the file names the effective processägare (inherited included) and the
effective processledare (the owner or processansvarig when none is named, by the profile), by
their `github` or `gitlab` handle in personer.yaml. GitHub and GitLab read the same line syntax
(`/path @handle ...`, later lines win); the GitLab style puts the lines in a section, which GitLab
shows as the approval rule's name. Paths are relative to the top of the git work tree, which may
lie above the procspec root. People without a handle are listed in a comment at their process,
and returned so that the command line can say so.

The file is lines of data — rules, and comments and section names as messages;
`reporting.codeowners` writes it in the repository's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from procspec.checking.hierarchy import Context
from procspec.git.log import work_tree_top
from procspec.messages import Message, Text, joined, one_line, say
from procspec.reading.handles import mention

STYLES = ("github", "gitlab")


Line = tuple[str, Text]
"""One line of the file: ("rule", the pattern and handles), ("comment", a message), ("note", a
message wrapped over comment lines), ("section", a GitLab section's name) or ("blank", "")."""

BLANK: Line = ("blank", "")


@dataclass
class CodeOwners:
    """The file's lines and the people left out for want of a handle (key -> process ids)."""

    lines: list[Line]
    missing: dict[str, list[str]] = field(default_factory=dict)


def git_top(root: Path) -> Path:
    """The top of the git work tree holding `root` (a `.git` folder or file), else `root`; the
    same top that `validate --format github|gitlab` makes its paths relative to."""
    return work_tree_top(root) or root.resolve()


def escape_path(path: str) -> str:
    """A CODEOWNERS pattern for exactly one file, from the top of the work tree: spaces and the
    pattern characters '*', '?', '[', '\\' and '#' (a comment) escaped with a backslash so they
    match themselves."""
    out = []
    for char in path:
        if char in " \\*?[#":
            out.append("\\" + char)
        else:
            out.append(char)
    return "/" + "".join(out)


def line_safe(path: str) -> bool:
    """Whether `path` can stand in a CODEOWNERS line at all: a line break, another control or
    an invisible character would end the line or hide what it says, and has no escape."""
    return path.isprintable()


def build(ctx: Context, style: str) -> CodeOwners:
    """The CODEOWNERS lines for every process in `ctx` (`style`: github or gitlab)."""
    top = git_top(ctx.repo.root)
    lines: list[Line] = [("note", say("codeowners.header"))]
    missing: dict[str, list[str]] = {}
    lines += _maintainers(ctx, style, top, missing)
    if style == "gitlab":
        lines += [BLANK, ("section", say("codeowners.section"))]
    for record, _model in sorted(ctx.processes(), key=lambda pair: pair[0].rel):
        keys = list(
            dict.fromkeys(ctx.role(record.id, "processägare")[0] + ctx.leader(record.id)[0])
        )
        handles: list[str] = []
        without: list[str] = []
        for key in keys:
            person = ctx.roster.get(key)
            raw = getattr(person, style, None) if person is not None else None
            # validate refuses a handle outside the forge's grammar (PS007); checked again here,
            # since one stray space or line break would make someone else an owner.
            found = mention(style, raw) if raw else None
            if found is not None:
                handles.append(found)
            else:
                without.append(key)
                missing.setdefault(key, []).append(record.id)
        rel = (ctx.repo.root / record.rel).resolve().relative_to(top).as_posix()
        if not line_safe(rel):
            continue
        lines.append(BLANK)
        if without:
            people = ", ".join(one_line(ctx.person(k)) for k in without)
            lines.append(("comment", say("codeowners.no_handle", style=style, people=people)))
        lines.append(_owners(rel, handles, say("codeowners.nobody", style=style)))
    return CodeOwners(lines, missing)


def _owners(rel: str, handles: list[str], nobody: Message) -> Line:
    """The rule for the file `rel`, or a comment that says nobody owns it."""
    if handles:
        return ("rule", f"{escape_path(rel)} {' '.join(dict.fromkeys(handles))}")
    return ("comment", joined((f"{escape_path(rel)}:", nobody), " "))


def _maintainers(ctx: Context, style: str, top: Path, missing: dict[str, list[str]]) -> list[Line]:
    """The lines for procspec.yaml and personer.yaml: owned by `förvaltare` (förvaltare in procspec.yaml)."""
    from procspec.reading.repository import ROSTER_FILE, SETTINGS_FILE

    lines: list[Line] = [BLANK]
    if style == "gitlab":
        lines.append(("section", say("codeowners.maintainers")))
    lines.append(("comment", say("codeowners.maintainers_note")))
    handles: list[str] = []
    without: list[str] = []
    for key in ctx.repo.settings.maintainers:
        person = ctx.roster.get(key)
        raw = getattr(person, style, None) if person is not None else None
        found = mention(style, raw) if raw else None  # only a handle of the forge's grammar
        if found is not None:
            handles.append(found)
        else:
            without.append(key)
            missing.setdefault(key, []).append("procspec.yaml")
    if without:
        people = ", ".join(ctx.person(k) for k in without)
        lines.append(("comment", say("codeowners.no_handle", style=style, people=people)))
    for name in (SETTINGS_FILE, ROSTER_FILE):
        rel = (ctx.repo.root / name).resolve().relative_to(top).as_posix()
        lines.append(_owners(rel, handles, say("codeowners.no_maintainers", style=style)))
    return lines


def missing_lines(ctx: Context, found: CodeOwners, style: str) -> list[Message]:
    """One sentence per person left out, for stderr."""
    lines: list[Message] = []
    for key, ids in sorted(found.missing.items()):
        processes = ", ".join(ids)
        line = ctx.invalid_entry(key)
        if line is None:
            lines.append(say("codeowners.missing", person=ctx.person(key), style=style,
                             processes=processes))  # fmt: skip
        else:  # the handle may well be written; the entry it is in has errors
            lines.append(say("codeowners.invalid_entry", person=ctx.person(key), line=line,
                             processes=processes))  # fmt: skip
    return lines
