"""Security checks: nothing in procspec executes what a repository holds, rendered HTML escapes it,
links cannot carry script, git gets argument lists, and an internal error stays one line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from procspec.reading.model import DocumentLink

from .conftest import run_cli

TOP = Path(__file__).resolve().parents[2]
SRC = TOP / "src" / "procspec"
TEMPLATES = SRC / "rendering" / "templates"


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


# --- ruff's security rules run in CI ----------------------------------------------------------


def test_ruff_security_rules_are_selected_and_run_in_ci() -> None:
    pyproject = (TOP / "pyproject.toml").read_text(encoding="utf-8")
    select = re.search(r"^select = \[(.*?)\]", pyproject, re.M | re.S)
    assert select is not None and '"S"' in select.group(1)
    ci = (TOP / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^ruff check src tests( benchmarks)?$", ci, re.M)


# --- nothing executes user content --------------------------------------------------------------

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill"}
FORBIDDEN_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("yaml", "load"),
                        ("yaml", "unsafe_load"), ("yaml", "full_load")}  # fmt: skip


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(TOP)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])  # fmt: skip
            if any(n.split(".")[0] in FORBIDDEN_MODULES for n in names):
                found.append(f"{where} imports {names}")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
            found.append(f"{where} calls {func.id}")
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and (func.value.id, func.attr) in FORBIDDEN_ATTRIBUTES
        ):
            found.append(f"{where} calls {func.value.id}.{func.attr}")
        for keyword in node.keywords:
            if keyword.arg == "shell" and not (
                isinstance(keyword.value, ast.Constant) and keyword.value.value is False
            ):
                found.append(f"{where} passes shell=")
            if (
                keyword.arg == "typ"
                and isinstance(keyword.value, ast.Constant)
                and keyword.value.value in ("unsafe", "full")
            ):
                found.append(f"{where} loads YAML with typ={keyword.value.value!r}")
        runs = isinstance(func, ast.Attribute) and (
            func.attr == "execute"
            or (isinstance(func.value, ast.Name) and func.value.id == "subprocess")
        )
        if runs and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant | ast.JoinedStr | ast.BinOp):
                found.append(f"{where} runs a command given as one string")
    return found


def test_nothing_executes_user_content() -> None:
    problems = [v for path in _sources() for v in _violations(path)]
    assert problems == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import pickle, subprocess, os\n"
        "eval(x)\nos.system(x)\nsubprocess.run(x, shell=True)\nsubprocess.run('git log')\n"
        "YAML(typ='unsafe')\n",
        encoding="utf-8",
    )
    global TOP
    saved, TOP = TOP, tmp_path
    try:
        assert len(_violations(bad)) == 6
    finally:
        TOP = saved


def test_yaml_is_composed_never_constructed() -> None:
    """The loader builds nodes and converts them itself (procspec.reading.documents): no ruamel constructor."""
    text = (SRC / "reading" / "documents.py").read_text(encoding="utf-8")
    assert "get_single_node" in text
    assert "construct" not in text.replace("constructed", "")


# --- templates escape every value ----------------------------------------------------------


def test_no_template_or_environment_turns_escaping_off() -> None:
    for template in sorted(TEMPLATES.rglob("*")):
        if not template.is_file():
            continue
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b", text), template
        assert not re.search(r"autoescape\s+false", text, re.I), template
    off = sorted(
        path.relative_to(SRC).as_posix()
        for path in _sources()
        if "autoescape=False" in path.read_text(encoding="utf-8")
    )
    # Markdown escapes through `finalize`; scaffold writes YAML, never HTML.
    assert set(off) <= {"rendering/jinja.py"}, off


def test_html_environment_autoescapes_every_html_template() -> None:
    from procspec.rendering.jinja import environment

    env = environment("html")
    names = [p.relative_to(TEMPLATES).as_posix() for p in (TEMPLATES / "html").rglob("*.*")]
    assert names
    assert callable(env.autoescape)
    for name in names:
        if name.endswith((".html", ".svg", ".xml")):
            assert env.autoescape(name), name
        else:  # style sheets are included as they are: they must not print values
            assert "{{" not in (TEMPLATES / name).read_text(encoding="utf-8"), name
    assert environment("md").finalize is not None


def test_markup_is_never_made_from_user_text_without_escaping() -> None:
    """`Markup(...)` marks text as safe; it may only wrap text procspec has escaped itself."""
    allowed = {
        "rendering/jinja.py",  # md_url: percent-encodes every character that could break out
        # The processkarta's SVG elements: numbers and the module's own words, and the map's
        # names through markupsafe's escape (tests/render/flow/test_flowsvg.py).
        "rendering/flowsvg.py",
    }
    users = sorted(
        path.relative_to(SRC).as_posix()
        for path in _sources()
        if re.search(r"\bMarkup\(", path.read_text(encoding="utf-8"))
    )
    assert set(users) <= allowed, users


# --- links -------------------------------------------------------------------------------------

BAD_LINKS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
             "java\tscript:alert(1)", "java\nscript:alert(1)", "\x01javascript:alert(1)",
             "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example",
             " //evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example",
             "https:evil.example", "file:///etc/passwd", "https://", "", "   ",
             "https://ok.example/\u202eexe.pdf"]  # fmt: skip
GOOD_LINKS = ["https://intranat.example.org/rutiner/a.pdf", "http://example.org",
              "rutiner/checklista.pdf", "../mallar/mall.docx", "#avsnitt", "/dokument/a b.pdf"]  # fmt: skip


@pytest.mark.parametrize("link", BAD_LINKS)
def test_unsafe_links_are_refused(link: str) -> None:
    with pytest.raises(ValidationError):
        DocumentLink.model_validate({"titel": "Rutin", "länk": link})


@pytest.mark.parametrize("link", GOOD_LINKS)
def test_ordinary_links_are_accepted(link: str) -> None:
    DocumentLink.model_validate({"titel": "Rutin", "länk": link})


# --- an internal error -------------------------------------------------------------------------


def _broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError("a bug")


def test_internal_error_is_one_line_with_a_debug_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ..conftest import REPOS

    monkeypatch.setattr("procspec.features.incremental.check", _broken)
    result = run_cli("validate", str(REPOS / "orebro"), "--no-cache")
    assert result.exit == 3
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--debug" in lines[0] and "RuntimeError" in lines[0]


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from ..conftest import REPOS

    monkeypatch.setattr("procspec.features.incremental.check", _broken)
    result = run_cli("--debug", "validate", str(REPOS / "orebro"), "--no-cache")
    assert result.exit == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: a bug" in result.stderr
