"""Every rule says what its problems depend on, and the `FILE` rules keep their word.

`validate` keeps the problems of unchanged files between runs on the strength of each rule's
scope (`procspec.checking.registry`). A `FILE` rule run over one process file at a time, with the
facts of every file, must find exactly what it finds over all files at once, each problem in the
file it was given. Checked on every failing and passing rule case and on the examples.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from procspec.checking.checker import context, run_scope
from procspec.checking.registry import FILE, REPOSITORY
from procspec.checking.rules import REGISTRY
from procspec.problem import Problem
from procspec.reading.repository import Repository, load_repository

from ..conftest import EXAMPLES, TODAY
from .test_rule_cases import _cases, build


def test_every_rule_has_a_scope() -> None:
    assert REGISTRY
    for code, rule in REGISTRY.items():
        assert rule.scope in (FILE, REPOSITORY), code


def _key(problem: Problem) -> tuple[Any, ...]:
    return (problem.path, problem.line, problem.column, problem.code, str(problem.message))


def one_at_a_time(repo: Repository, today: date) -> None:
    whole = context(repo, today)
    expected = sorted(map(_key, run_scope(whole, FILE)))
    found: list[Problem] = []
    records = repo.records
    try:
        for record in records:
            repo.records = [record]
            alone = context(repo, today, index=whole.index)
            problems = run_scope(alone, FILE)
            assert {p.path for p in problems} <= {record.rel}, record.rel
            found.extend(problems)
    finally:
        repo.records = records
    assert sorted(map(_key, found)) == expected


@pytest.mark.parametrize(("case", "kind"), _cases())
def test_file_rules_find_the_same_one_file_at_a_time(
    tmp_path: Path, case: dict[str, Any], kind: str
) -> None:
    root = build(tmp_path, case, case[kind])
    one_at_a_time(load_repository(root), TODAY)


@pytest.mark.parametrize("name", ["botkyrka", "orebro"])
def test_file_rules_find_the_same_one_file_at_a_time_in_the_examples(name: str) -> None:
    one_at_a_time(load_repository(EXAMPLES / name), TODAY)
