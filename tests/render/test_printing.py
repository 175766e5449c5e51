"""Values printed by the documents' templates: escaped exactly as Jinja's autoescaping escapes
them (`procspec.rendering.jinja.printed`), in every way a template can print."""

from __future__ import annotations

import re
from enum import StrEnum

from hypothesis import given
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup, escape

from procspec.rendering.jinja import PrintingEnvironment, environment, printed


class Status(StrEnum):
    DONE = "klar & <godkänd>"


class Html:
    def __html__(self) -> str:
        return "<b>färdig</b>"


@given(st.text())
def test_text_is_escaped_as_markupsafe_escapes_it(text: str) -> None:
    assert printed(text) == str(escape(text))


def test_every_kind_of_value_prints_as_escape_prints_it() -> None:
    values: list[object] = [
        "a < b & \"c\" 'd'",
        Markup("<em>redan säker</em>"),
        42,
        -7,
        True,
        2.5,
        None,
        Status.DONE,
        Html(),
        ["<x>"],
    ]
    for value in values:
        assert printed(value) == str(escape(value)), value


TEMPLATES = {
    "page.html": (
        "{% macro cell(x) %}<td>{{ x }}</td>{% endmacro %}"
        "{% set block %}<i>{{ value }}</i>{% endset %}"
        "<p>{{ value }}|{{ number }}|{{ safe }}|{{ value|upper }}|{{ cell(value) }}|{{ block }}"
        "|{% autoescape false %}{{ value }}{% endautoescape %}"
        "|{% autoescape flag %}{{ value }}{% endautoescape %}</p>"
    ),
}


def _render(env: Environment) -> str:
    return env.get_template("page.html").render(
        value="<Ö & 'x'>", number=3, safe=Markup("<br>"), flag=True
    )


def test_templates_print_the_same_bytes_as_jinjas_own_escaping() -> None:
    """Plain output, a filter's, a macro's, a `set` block's, autoescaping turned off, and
    autoescaping decided while the template runs: the same page as plain Jinja makes."""
    loader = DictLoader(TEMPLATES)
    ours = _render(PrintingEnvironment(autoescape=select_autoescape(["html"]), loader=loader))
    assert ours == _render(Environment(autoescape=select_autoescape(["html"]), loader=loader))
    assert "&lt;Ö &amp; &#39;x&#39;&gt;" in ours
    assert "|<Ö & 'x'>|" in ours  # inside `{% autoescape false %}`


def test_the_documents_templates_print_through_printed() -> None:
    for kind in ("html", "md"):
        env = environment(kind)
        assert isinstance(env, PrintingEnvironment)
        assert env.loader is not None
        source = env.loader.get_source(env, f"{kind}/process.{kind}")[0]
        assert "environment.printed(" in env.compile(source, raw=True)


LABELLED = {
    "page.html": (
        "{% macro row(x) %}<td>{{ t('cell', x=x) }}</td>{% endmacro %}"
        "{% block body %}<h1>{{ t('title') }}</h1>"
        "{% for x in items %}{{ row(x) }}{{ tn('count', loop.index, n=loop.index) }}{% endfor %}"
        "{% endblock %}"
    ),
}


class Labels:
    """The shape of the pages' labels: plain bound methods (`rendering.view.Builder`)."""

    def t(self, key: str, /, **params: object) -> str:
        return f"<{key}:{','.join(f'{k}={v}' for k, v in params.items())}>"

    def tn(self, key: str, number: int, /, **params: object) -> str:
        return f"{key}#{number}:{params}"


def test_labels_are_called_straight_from_the_template() -> None:
    """`t(...)` and `tn(...)` compile as plain calls (no `context.call`), in a block, a loop
    and a macro alike, and print the same page as Jinja's own calls."""
    loader = DictLoader(LABELLED)
    ours = PrintingEnvironment(autoescape=True, loader=loader)
    source = LABELLED["page.html"]
    code = ours.compile(source, raw=True)
    assert "('title')" in code and "context.call(" in code  # the macro is still Jinja's call
    assert not re.search(r"context\.call\(\(?(undefined\(name='tn?'\)|l_\d+_tn?\b)", code)
    labels = Labels()
    given = {"t": labels.t, "tn": labels.tn, "items": ["a<b", "c"]}
    page = ours.get_template("page.html").render(**given)
    assert page == Environment(autoescape=True, loader=loader).get_template("page.html").render(
        **given
    )
    assert "&lt;title:&gt;" in page and "&lt;cell:x=a&lt;b&gt;" in page and "count#2" in page
