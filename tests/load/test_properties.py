"""No document, however broken, crashes the loader or the checks (hypothesis)."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procspec.checking.checker import check_repository
from procspec.reading.documents import Document, load_text
from procspec.reading.repository import load_repository

from ..conftest import REPOS, TODAY

KEYS = ["namn", "typ", "nivå", "överordnad", "processägare", "mål", "aktiviteter", "mottagare",
        "syfte", "utfall", "senast", "målvärde", "id", "x"]  # fmt: skip
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from(["2027-02-30", "2026-01-01", "NO", "0o17", "~", "anna.berg", "ö→"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.sampled_from(KEYS), children, max_size=5)
    ),
    max_leaves=20,
)


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_loads_without_crashing(text: str) -> None:
    doc = load_text(text, Document(Path("x.yaml"), "x.yaml"))
    assert doc.data is None or isinstance(doc.data, dict)
    for problem in doc.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.code.startswith("PS")


def _dump(value: object, indent: int = 0) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=8))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_process_document_is_checked_without_crashing(tmp_path_factory, data: dict) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPOS / "orebro", root, dirs_exist_ok=True)
    # JSON is YAML 1.2: the generated document is written as real YAML text on disk.
    (root / "processer" / "genererad.yaml").write_text(_dump(data), encoding="utf-8")
    outcome = check_repository(load_repository(root), TODAY)
    assert all(p.line >= 1 and p.column >= 1 for p in outcome.problems)


YAML_PIECES = st.sampled_from(
    [
        "namn: A\n", "namn: B\n", "mål:\n", "  - id: M1\n", "    id: M2\n", "  x: 1\n",
        "a: &x [1, 2]\n", "b: *x\n", "<<: {c: 1}\n", "? [k]\n: v\n", "t: !!binary aGk=\n",
        "n: 123456789012345678901234567890\n", "d: 2026-02-30\n", "s: \"\\u2028\"\n",
        "l: a\u2028b\n", "- x\n", "{a: [b, {c: d}]}\n", "deep: " + "[" * 70 + "]" * 70 + "\n",
        "namn: A\n  bad indent\n", "# procspec: ignore PS101 -- skäl\n", "q: 'it''s'\n",
        "%YAML 1.1\n---\n", "m:\n  k: 1\n  k: 2\n",
    ]
)  # fmt: skip


@given(st.lists(YAML_PIECES, max_size=8).map("".join) | st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_a_walk_without_positions_gives_the_same_data_and_problems(text: str) -> None:
    """The per-file cache entry is parsed without positions (they are found again when asked
    for): the data and the problems, their positions among them, are the walk's with them."""
    full = load_text(text, Document(Path("x.yaml"), "x.yaml"))
    bare = load_text(text, Document(Path("x.yaml"), "x.yaml"), positions=False)
    assert (bare.data, bare.problems, bare.ignores) == (full.data, full.problems, full.ignores)
    assert not bare.keys and not bare.values
