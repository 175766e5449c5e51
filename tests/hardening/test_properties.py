"""Property tests over the whole command line (hypothesis): whatever a process file says, every
command ends with exit 0, 1 or 2 and never a traceback, and its json output parses; a valid
repository with hostile text in every text field renders to HTML that parses and escapes it.

`tests/load/test_properties.py` covers the loader and the checks as functions; these go through
`procspec.cli.app.main`, as a user or CI does.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from ..conftest import REPOS
from .conftest import assert_no_traceback, run_cli

SPEC = "processer/följa-upp-budget.yaml"
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPOS / "orebro", root, dirs_exist_ok=True)
    return root


def _every_command(root: Path) -> None:
    """validate, list, show, tree and status: the contract's exit statuses, json that parses."""
    result = run_cli("validate", str(root), "--format", "json", "--today", "2026-11-25")
    assert_no_traceback(result)
    assert result.exit in (0, 1)
    report = json.loads(result.stdout)
    assert all(p["line"] >= 1 and p["column"] >= 1 for p in report["problems"])
    listed = run_cli("list", str(root), "--format", "json")
    assert_no_traceback(listed)
    if listed.exit == 0:
        json.loads(listed.stdout)
    for args in (
        ("show", "följa-upp-budget", "--repo", str(root)),
        ("tree", str(root)),
        ("status", str(root), "--format", "json", "--today", "2026-11-25"),
    ):
        outcome = run_cli(*args)
        assert_no_traceback(outcome)
        if args[0] == "status" and outcome.exit in (0, 1):
            json.loads(outcome.stdout)


# --- random text --------------------------------------------------------------------------

yaml_like = st.text(
    alphabet=st.sampled_from([*":-[]{}#&*!|>'\"%@`,? \n\t\\", *"aåöz019\u202e\u200b→"]),
    max_size=200,
)


@given(text=st.one_of(yaml_like, st.text(max_size=200)))
@FAST
def test_any_text_as_a_process_file(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    root = _repo(tmp_path_factory)
    (root / SPEC).write_text(text, encoding="utf-8", errors="surrogatepass")
    _every_command(root)


# --- mutations of a valid spec ------------------------------------------------------------

VALID: dict[str, Any] = YAML(typ="safe").load((REPOS / "orebro" / SPEC).read_text("utf-8"))
KEYS = [*sorted(VALID), "okänd", "", "nivå", "processansvarig", "dokument", "granskad"]
hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "[/]", "<script>x</script>", "\u202eabc", "a\u200bb", "2027-02-30",
                     "NO", "0755", "1:30", "javascript:alert(1)", "../../etc", "följa-upp-budget",
                     "anna.berg", "Följa upp budget"]),
)  # fmt: skip
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    hostile_text,
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


def _mutate(data: Any, path: tuple[Any, ...], op: str, key: str, value: Any) -> Any:
    if not path:
        if op == "insert" and isinstance(data, dict):
            return {**data, key: value}
        return value if op == "replace" else data
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        copy = dict(data)
        if not rest and op == "delete":
            copy.pop(head, None)
        else:
            copy[head] = _mutate(copy[head], rest, op, key, value)
        return copy
    copy_list = list(data)
    if not rest and op == "delete":
        del copy_list[head]
    else:
        copy_list[head] = _mutate(copy_list[head], rest, op, key, value)
    return copy_list


@given(
    ops=st.lists(
        st.tuples(
            st.integers(min_value=0),
            st.sampled_from(["delete", "replace", "insert"]),
            st.sampled_from(KEYS),
            values,
        ),
        min_size=1,
        max_size=4,
    )
)
@FAST
def test_mutated_valid_spec(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[int, str, str, Any]]
) -> None:
    data: Any = json.loads(json.dumps(VALID, default=str))
    for index, op, key, value in ops:
        paths = _paths(data)
        data = _mutate(data, paths[index % len(paths)], op, key, value)
    root = _repo(tmp_path_factory)
    # JSON is YAML 1.2, so the mutated document is real YAML text on disk.
    (root / SPEC).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _every_command(root)


@given(position=st.integers(min_value=0), cut=st.integers(0, 20), insert=yaml_like)
@FAST
def test_text_edits_of_a_valid_spec(
    tmp_path_factory: pytest.TempPathFactory, position: int, cut: int, insert: str
) -> None:
    root = _repo(tmp_path_factory)
    text = (root / SPEC).read_text(encoding="utf-8")
    at = position % (len(text) + 1)
    (root / SPEC).write_text(text[:at] + insert + text[at + cut :], encoding="utf-8")
    _every_command(root)


@given(name=st.text(min_size=1, max_size=30))
@FAST
def test_any_file_name(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    assume("/" not in name and "\0" not in name and name not in (".", ".."))
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        assume(False)
    root = _repo(tmp_path_factory)
    try:
        shutil.copy(root / SPEC, root / "processer" / f"{name}.yaml")
    except OSError:  # a name the file system refuses (too long)
        assume(False)
    _every_command(root)


# --- rendering hostile text -----------------------------------------------------------------

MARK = "<b data-x='1'>&amp;\"ö→</b>"
"""Text that is markup if it is not escaped."""


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(value or "" for _, value in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _hostile(data: Any, text: str) -> Any:
    """Every free-text field of a spec set to hostile text (keys and enums left valid)."""
    free = {"namn", "syfte", "starthändelse", "sluthändelse", "beskrivning", "mått", "metod",
            "hantering", "beslut", "effekt", "gränssnitt", "enhet", "kommentar"}  # fmt: skip
    if isinstance(data, dict):
        return {k: (f"Följa upp {text}" if k == "namn" else text) if k in free and isinstance(v, str)
                else _hostile(v, text) for k, v in data.items()}  # fmt: skip
    if isinstance(data, list):
        return [_hostile(v, text) for v in data]
    return data


@given(
    text=st.one_of(
        st.just(MARK),
        st.text(alphabet=st.sampled_from([*"<>&\"'/=` ab{}%#\\", "ö", "→"]), min_size=1,
                max_size=30).map(lambda t: "x" + t),
    )
)  # fmt: skip
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_rendered_html_escapes_hostile_text(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    assume(text.strip())
    root = _repo(tmp_path_factory)
    for rel in (
        "processer/följa-upp-budget.yaml",
        "processer/skapa-förutsättningar-för-styrning.yaml",
    ):
        data = YAML(typ="safe").load((root / rel).read_text("utf-8"))
        (root / rel).write_text(json.dumps(_hostile(json.loads(json.dumps(data, default=str)), text),
                                           ensure_ascii=False), encoding="utf-8")  # fmt: skip
    out = root.parent / (root.name + "-ut")
    result = run_cli("render", str(root), "--out", str(out), "--today", "2026-11-25")
    assert_no_traceback(result)
    if result.exit != 0:  # hostile text may break a naming rule; then nothing is written
        assert result.exit == 1 and not out.exists(), result.output
        return
    pages = sorted(out.rglob("*.html"))
    assert pages
    shown: list[str] = []
    for page in pages:
        body = page.read_text(encoding="utf-8")
        parser = _Collect()
        parser.feed(body)
        parser.close()
        shown += parser.text + parser.attrs
        assert "b" not in parser.tags or "<b data-x" not in body, page
        # Escaped text never holds a '<', so raw text with one is markup that got through. (An
        # '&' alone proves nothing: the escaped 'x&amp;' contains 'x&'.)
        if "<" in text:
            assert text not in body, (page, text)
    # The user's text arrives as text: parsed back out of the pages, exactly as written.
    assert any(text in chunk for chunk in shown), text
