"""procspec's Jinja2 environment: one loader over the templates inside the package.

The templates live in `procspec/rendering/templates/` and are found with Jinja's `PackageLoader`
(importlib.resources), installed or in a checkout: `html/` and `md/` for the documents, `scaffold/`
for `init` and `new`. `environment(kind)` gives the one environment per output kind, made once:
HTML templates autoescape everything; Markdown templates escape every printed value for Markdown
through `finalize`, so user text cannot open a table cell, a link or raw HTML in either format;
scaffold templates write YAML and Markdown files as they are, with a `yaml` filter for scalars.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from io import StringIO
from types import MethodType
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Call, Expr, Name
from jinja2.runtime import Context, Macro
from markupsafe import Markup, escape
from markupsafe import _escape_inner as _escape_text  # `escape`'s own C function (MarkupSafe 3)

from procspec.reading.links import mail_address, md_destination

LOADER = PackageLoader("procspec.rendering", "templates")
"""Every template of procspec: `html/`, `md/` and `scaffold/`."""

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
    """A link target for `[text](url)`, encoded by `procspec.links.md_destination`."""
    return Markup(md_destination(value))  # noqa: S704 - every character that could end the link is encoded


def css_string(value: Any) -> Markup:
    """Text for inside a double-quoted CSS string in a `<style>` element: quotes, backslashes,
    markup characters and control characters as CSS hex escapes (CSS Syntax 3, 4.3.7), so user
    text can neither end the string nor the element."""
    escaped = _CSS_SPECIAL.sub(lambda found: f"\\{ord(found.group()):06x}", str(value))
    return Markup(escaped)  # noqa: S704 - every character that could escape is encoded


_CSS_SPECIAL = re.compile("[\\\\\"'<>&\x00-\x1f\x7f]")


_MERMAID_ENTITIES = {
    "&": "#amp;",
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
}

_MERMAID_SHAPES = {
    "start": ('(["', '"])'),
    "slut": ('(["', '"])'),
    "aktivitet": ('("', '")'),
    "beslut": ('{"', '"}'),
    "delprocess": ('[["', '"]]'),
}
"""Mermaid's shapes for the kinds of activity: events as stadiums, tasks as rounded boxes,
decisions as diamonds, a sub-process as a box with double sides."""


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: every character Mermaid (or Markdown, or the code fence
    around the chart) could read as syntax written as Mermaid's entity code (`#quot;`), line
    breaks as spaces."""
    flat = " ".join(str(text).split())
    return "".join(_MERMAID_ENTITIES.get(char, char) for char in flat)


def mermaid_lane(lane: Any) -> Markup:
    """`subgraph laneN["label"]` for a `procspec.render.flowview.MermaidLane`."""
    return Markup(f'subgraph lane{int(lane.number)}["{mermaid_text(lane.label)}"]')  # noqa: S704


def mermaid_node(node: Any) -> Markup:
    """`nN(["label"])` (in the shape of its kind) for a `flowview.MermaidNode`."""
    before, after = _MERMAID_SHAPES[node.kind]
    label = mermaid_text(node.label)
    return Markup(f"n{int(node.number)}{before}{label}{after}")  # noqa: S704 - escaped above


def mermaid_edge(edge: Any) -> Markup:
    """`nA -->|"om"| nB` for a `flowview.MermaidEdge`."""
    label = f'|"{mermaid_text(edge.label)}"|' if edge.label else ""
    return Markup(f"n{int(edge.source)} -->{label} n{int(edge.target)}")  # noqa: S704


def html_link(link: Any) -> Markup:
    """A `procspec.rendering.view.Link` as HTML: its text, inside `<a href>` when it has a
    target; escaped as autoescaping prints it. A filter, not a macro: pages print thousands,
    and a macro call costs several times a filter's."""
    if link.href:
        return Markup(f'<a href="{escape(link.href)}">{escape(link.text)}</a>')  # noqa: S704
    return escape(link.text)


def stop(text: str) -> str:
    """`text` ending in exactly one full stop (or its own ?, ! or :)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ":")) else f"{text}."


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


_DATE_TAIL = re.compile(r"-\d{2}-\d{2}(?![\w-])")
"""The "-MM-DD" of an ISO date: a search led by a hyphen runs several times faster than one
led by the lookbehind and the digits, which the regex engine tries at every character."""
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def whole_dates(html: Any) -> Markup:
    """Rendered HTML (already escaped) with every ISO date in its text kept on one line: a
    browser may break a line after a hyphen, and "2026-05-" above "31" reads as two things.
    Only text between tags is touched (after a `>` and before the next `<`), never an attribute.
    A date is four digits, "-MM-DD", with neither a word character nor a hyphen on either side.

    Dates are few and text runs many, so the dates are found in one pass and each is asked
    whether it stands in text: a whole page went through a Python call per text run before."""
    text = str(html)
    parts: list[str] = []
    done = 0
    search = _DATE_TAIL.search
    found = search(text, 4)
    while found is not None:
        hyphen, end = found.span()
        start = hyphen - 4
        if (
            text[start:hyphen].isdecimal()  # `\d`: Unicode's decimal digits
            and not (start and _WORD_OR_HYPHEN.match(text, start - 1))
            and text.rfind(">", 0, start) > text.rfind("<", 0, start)
            and text.find("<", end) != -1
        ):
            parts += (text[done:start], '<span class="nowrap">', text[start:end], "</span>")
            done = end
            found = search(text, end)
        else:
            # A date cannot start inside another candidate: all of it is digits and hyphens.
            found = search(text, hyphen + 1)
    if not parts:
        return Markup(text)  # noqa: S704 - input is rendered, escaped HTML
    parts.append(text[done:])
    return Markup("".join(parts))  # noqa: S704 - input is rendered, escaped HTML


_PLAIN_SCALAR = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü0-9][A-Za-zÅÄÖåäöÉéÜü0-9 ,.()–/-]*")


def yaml_text(value: object) -> str:
    """A YAML 1.2 scalar for `value`: plain when it reads unambiguously, else double-quoted."""
    text = str(value)
    if _PLAIN_SCALAR.fullmatch(text) and not text.endswith((" ", ".")) and not text.isdigit():
        return text
    return json.dumps(text, ensure_ascii=False)


class PlainCallContext(Context):
    """Jinja's template context, calling a macro or a bound method (the labels `t`, `tn`)
    without looking for Jinja's `pass_context` markers on it first: a page calls them hundreds
    of times, and each look was several failed attribute lookups, three times the call itself.
    Anything else, and a method whose function carries a marker, is called as Jinja calls it."""

    def call(
        __self,  # Jinja's own signature: a keyword argument may be named `self`
        __obj: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        kind = type(__obj)
        if kind is Macro or (kind is MethodType and _is_plain(__obj.__func__)):  # type: ignore[attr-defined]
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return super().call(__obj, *args, **kwargs)


@cache
def _is_plain(function: Callable[..., Any]) -> bool:
    """Whether a function takes no context, environment or evaluation context from Jinja (whose
    `pass_context` and its siblings mark a function with `jinja_pass_arg`)."""
    return getattr(function, "jinja_pass_arg", None) is None


def printed(value: Any) -> str:
    """`value` as an autoescaping template prints it: the same text as `markupsafe.escape`, but a
    plain string and without `escape`'s own work for the common kinds. A page prints a few
    hundred values; `escape` made a `Markup` of each (a Python `__new__` with an `__html__`
    lookup), about a tenth of a render. What is printed is only ever joined into the page, or
    into a block or macro's output that Jinja marks safe as a whole, so it needs no marking."""
    kind = type(value)
    if kind is str:
        return _escape_text(value)
    if kind is Markup:
        return value
    if kind is int:
        return str(value)
    return escape(value)


LABELS = frozenset({"t", "tn"})
"""The names the page templates call their labels by (`rendering.view.Builder.t` and `.tn`,
given to every page): plain methods, called straight from the compiled template."""


class PrintingGenerator(CodeGenerator):
    """Jinja's code generator, printing each value of an autoescaping template through
    `printed` (the environment's `printed`) instead of `escape`. Templates whose autoescaping is
    decided while they run (`{% autoescape %}` with a variable) are compiled as Jinja compiles
    them.

    A call of a label (`t(...)`, `tn(...)`, `LABELS`) is compiled as a plain Python call.
    Jinja compiles every call as `context.call(...)`, which looks at the callee for the
    markers of a function that wants the context; a page calls its labels hundreds of times,
    and that look cost as much as the label itself."""

    def visit_Call(self, node: Call, frame: Frame, forward_caller: bool = False) -> None:
        callee = node.node
        if forward_caller or not (isinstance(callee, Name) and callee.name in LABELS):
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.write("(")
        self.visit(callee, frame)
        self.write(")(")
        # `signature` writes the arguments each after a comma, for a callee written before them.
        outer, self.stream = self.stream, StringIO()
        try:
            self.signature(node, frame)
            arguments = self.stream.getvalue()
        finally:
            self.stream = outer
        self.write(arguments.removeprefix(", "))
        self.write(")")

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.printed(")
        if finalize.src is not None:
            self.write(finalize.src)


class PrintingEnvironment(Environment):
    """An environment whose templates print through `printed` (`PrintingGenerator`)."""

    code_generator_class = PrintingGenerator
    printed = staticmethod(printed)


@cache
def environment(kind: str) -> Environment:
    """The environment for `html`, `md` or `scaffold` templates (over the one `LOADER`)."""
    common: dict[str, Any] = {
        "loader": LOADER,
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        # The templates are the package's own: no need to look at their files again on every
        # `get_template` while a render runs.
        "auto_reload": False,
    }
    if kind == "scaffold":
        # YAML and Markdown files, not HTML: escaping would corrupt them.
        env = Environment(autoescape=False, **common)  # noqa: S701
        env.filters["yaml"] = yaml_text
        return env
    if kind == "html":
        env = PrintingEnvironment(autoescape=select_autoescape(["html", "svg", "xml"]), **common)
        env.filters["link"] = html_link
    else:
        # Autoescaping keeps macro output (Markup) as it is; `finalize` escapes everything else
        # for Markdown before the HTML escaping would see it.
        env = PrintingEnvironment(autoescape=True, finalize=md_escape, **common)
        env.filters["url"] = md_url
        env.filters["mermaid_lane"] = mermaid_lane
        env.filters["mermaid_node"] = mermaid_node
        env.filters["mermaid_edge"] = mermaid_edge
    env.context_class = PlainCallContext
    env.filters["mailto"] = lambda address: "mailto:" + mail_address(address)
    env.filters["stop"] = stop
    env.filters["css_string"] = css_string
    env.filters["capitalize_first"] = capitalize_first
    env.filters["whole_dates"] = whole_dates
    env.filters["coord"] = lambda v: f"{v:.1f}".rstrip("0").rstrip(".")
    return env
