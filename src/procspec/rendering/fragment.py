"""HTML fragments for a CMS (`render --fragment`): names that cannot collide, links that work.

A fragment is pasted into somebody else's page, next to the CMS theme's own ids and classes and
next to other fragments. So every id, class and id reference (`aria-labelledby`, `for`, `#anchor`,
an SVG `url(#id)`) carries the prefix `ps-`; the stylesheet that ships with the fragments (`procspec.css`) is the
pages' own stylesheet with the same names, every rule scoped below the fragment's wrapper
(`.ps-dokument`), so it styles nothing else on the page. Relative links between the documents
become absolute below `publicering.bas_url` when it is set, since the CMS decides the pages' own
addresses.

The rewrite works on the rendered HTML: every value in it was escaped by the template environment
(a `"` in a value is `&#34;`), so an attribute can be recognised by its name, `="` and the next `"`.
A link is rewritten on its decoded value (so the `#` of `&#34;` is no anchor) and escaped again,
with the base URL, as the template environment escapes.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

from markupsafe import escape

PREFIX = "ps-"
WRAPPER = f"{PREFIX}dokument"
STYLESHEET = "procspec.css"
"""The scoped stylesheet written next to the fragments."""

_NAMES = ("id", "class", "for", "headers", "aria-labelledby", "aria-describedby", "aria-controls")
_ATTRIBUTE = re.compile(r"(?<=\s)(" + "|".join(_NAMES) + r"|href)=\"([^\"]*)\"")
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_REF = re.compile(r"url\(#([^)\s\"']+)\)")
"""An SVG reference to an id (`marker-end="url(#pil)"`)."""
_SELECTOR_NAME = re.compile(r"([.#])(-?[A-Za-z_][\w-]*)")
_ROOT_SELECTORS = {":root", "html", "body"}


def _prefixed(token: str) -> str:
    return token if token.startswith(PREFIX) else PREFIX + token


def _href(value: str, base_url: str | None) -> str:
    parts = urlsplit(value)
    if parts.scheme or value.startswith("//"):
        return value  # mailto:, https:, another site: as it is
    fragment = f"#{_prefixed(parts.fragment)}" if parts.fragment else ""
    path = value.split("#", 1)[0]
    if path and base_url:
        path = urljoin(base_url if base_url.endswith("/") else base_url + "/", path)
    return path + fragment


def scope_html(text: str, base_url: str | None = None) -> str:
    """`text` with every id, class and id reference prefixed, and relative links made absolute
    below `base_url` (when given)."""

    def attribute(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2)
        if name == "href":
            return f'href="{escape(_href(html.unescape(value), base_url))}"'
        return f'{name}="{" ".join(_prefixed(t) for t in value.split())}"'

    def tag(match: re.Match[str]) -> str:
        renamed = _ATTRIBUTE.sub(attribute, match.group(0))
        return _URL_REF.sub(lambda m: f"url(#{_prefixed(m.group(1))})", renamed)

    return _TAG.sub(tag, text)


def _scope_selector(selector: str) -> str:
    selector = selector.strip()
    if selector in _ROOT_SELECTORS:
        return f".{WRAPPER}"
    renamed = _SELECTOR_NAME.sub(lambda m: m.group(1) + _prefixed(m.group(2)), selector)
    return renamed if renamed.startswith(f".{WRAPPER}") else f".{WRAPPER} {renamed}"


def scoped_stylesheet(css: str) -> str:
    """The pages' stylesheet for fragments: names prefixed, every rule below `.ps-dokument`,
    page-level rules (`@page`) left out. Works on the stylesheet's own layout: one rule, or the
    start or end of an at-rule block, per line."""
    out = [f"/* procspec: stylesheet for fragments, every rule scoped below .{WRAPPER}. */"]
    for line in css.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("/*") or stripped.startswith("@page"):
            continue
        if stripped.startswith("@") or stripped == "}":
            out.append(line)
            continue
        selectors, brace, body = line.partition("{")
        if not brace:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        scoped = ", ".join(dict.fromkeys(_scope_selector(s) for s in selectors.split(",")))
        out.append(f"{indent}{scoped} {{{body}")
    return "\n".join(out) + "\n"
