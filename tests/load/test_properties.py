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
