"""The two Jinja2 environments that render the documents (templates: `procspec.templates`).

HTML templates autoescape everything; Markdown templates escape every printed value for Markdown
through `finalize`, so user text cannot open a table cell, a link or raw HTML in either format.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from procspec.templates import templates_dir

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#~!])")


def md_escape(value: Any) -> Markup:
    """Text for a Markdown (GFM) document: HTML characters as entities, Markdown punctuation
    backslash-escaped, `|` escaped for table cells, line breaks as `<br>`."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return Markup(text.replace("\n", "<br>"))  # noqa: S704 - escaped above


def md_url(value: str) -> Markup:
    """A link target for `[text](url)`: characters that would end or break it percent-encoded."""
    out = []
    for char in value:
        if char in " ()<>[]\\|\"'`" or ord(char) < 0x20:
            out.append("".join(f"%{b:02X}" for b in char.encode("utf-8")))
        else:
            out.append(char)
    return Markup("".join(out))  # noqa: S704 - every character that could end the link is encoded


def stop(text: str) -> str:
    """`text` ending in exactly one full stop (or its own ?, ! or :)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ":")) else f"{text}."


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def environment(kind: str) -> Environment:
    """The environment for `html` or `md` templates."""
    loader = FileSystemLoader(str(templates_dir()))
    common: dict[str, Any] = {
        "loader": loader,
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if kind == "html":
        env = Environment(autoescape=select_autoescape(["html", "svg"]), **common)
    else:
        # Autoescaping keeps macro output (Markup) as it is; `finalize` escapes everything else
        # for Markdown before the HTML escaping would see it.
        env = Environment(autoescape=True, finalize=md_escape, **common)
        env.filters["url"] = md_url
    env.filters["stop"] = stop
    env.filters["capitalize_first"] = capitalize_first
    env.filters["coord"] = lambda v: f"{v:.1f}".rstrip("0").rstrip(".")
    return env
