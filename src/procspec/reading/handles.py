"""Forge handles from the roster (`github`, `gitlab` in personer.yaml), and text bound for places
where a forge acts on what it reads.

A handle reaches generated files that a forge obeys: CODEOWNERS decides who must approve a change,
and a line break or a space in a handle would add an owner or a path of its own. So each handle
is checked at validate time against the forge's own grammar (PS007), and `codeowners` writes
only handles that pass it:

- GitHub: a user name is 1-39 letters, digits and single hyphens, not starting or ending with a
  hyphen; a team is `org/team-slug` (letters, digits, `-`, `_`).
- GitLab: a user name or a group path segment is letters, digits, `_`, `-` and `.`, starting with a
  letter, digit or `_`, not ending with `.`, `.git` or `.atom`, at most 255 characters; groups
  and sub-groups are joined by `/`.

Both may be written with or without the leading `@`.

Text for a Markdown comment on a pull or merge request is passed through `quiet_mentions`, so that a
name such as `@org/team` in a process file cannot notify a team.
"""

from __future__ import annotations

import re

_GITHUB_USER = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
_GITHUB = re.compile(rf"@?{_GITHUB_USER}(?:/[A-Za-z0-9_][A-Za-z0-9_-]{{0,99}})?")
_GITLAB_SEGMENT = r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,253}[A-Za-z0-9_-])?"
_GITLAB = re.compile(rf"@?{_GITLAB_SEGMENT}(?:/{_GITLAB_SEGMENT}){{0,19}}")

GRAMMARS: dict[str, re.Pattern[str]] = {"github": _GITHUB, "gitlab": _GITLAB}
"""Each forge's handle grammar, whole-value (`fullmatch`)."""


def is_valid(forge: str, value: str) -> bool:
    """Whether `value` is a user or team handle on `forge` (github or gitlab)."""
    if not GRAMMARS[forge].fullmatch(value):
        return False
    if forge == "gitlab":
        return not any(
            part.lower().endswith((".git", ".atom")) for part in value.lstrip("@").split("/")
        )
    return True


def mention(forge: str, value: str) -> str | None:
    """`@handle` for a valid handle written with or without the '@'; None for an invalid one."""
    return "@" + value.lstrip("@") if is_valid(forge, value) else None


# GitHub and GitLab link `@name` (and `@org/team`) where it is not preceded by a word character or
# a backtick; a word joiner (U+2060) after the '@' keeps the text as it reads without notifying anyone
# (the same device as Renovate's and Dependabot's release notes).
_MENTION = re.compile(r"(?<![A-Za-z0-9_`])@(?=[A-Za-z0-9_])")


def quiet_mentions(text: str) -> str:
    """`text` with every `@name` that a forge would turn into a notification made inert."""
    return _MENTION.sub("@\u2060", text)
