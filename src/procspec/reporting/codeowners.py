"""A CODEOWNERS file in words: the lines `features.codeowners` builds, its comments and section
names in the repository's language."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from procspec.messages import Text, text

WIDTH = 98
"""A note's comment lines are at most this long (with "# ")."""


def codeowners_file(lines: Iterable[tuple[str, Text]], lang: str) -> str:
    """The file's text: rules as they are, comments after "# ", a note wrapped over comment
    lines, a section's name in brackets (GitLab)."""
    out: list[str] = []
    for kind, said in lines:
        words = text(said, lang)
        if kind == "note":
            out += [
                f"# {line}"
                for line in textwrap.wrap(
                    words, WIDTH - 2, break_long_words=False, break_on_hyphens=False
                )
            ]
        elif kind == "comment":
            out.append(f"# {words}")
        elif kind == "section":
            out.append(f"[{words}]")
        else:
            out.append(words)
    return "\n".join(out) + "\n"
