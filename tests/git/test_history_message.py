"""A history sent to another process of the same run (`git.log.history_message`) comes back the
same: its revisions with each commit's own time zone, the branch's line, earlier versions and the
changes a merge brought, read from real git repositories."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from procspec.git.log import history_from_message, history_message, read_history
from procspec.git.revisions import History
from procspec.messages import say

from .conftest import GitRepo, shallow_clone

BUDGET = "processer/följa-upp-budget.yaml"


def same(history: History) -> History:
    back = history_from_message(history_message(history))
    assert back is not None
    assert back.files == history.files
    for revisions, sent in zip(history.files.values(), back.files.values(), strict=True):
        assert [r.date.utcoffset() for r in revisions] == [r.date.utcoffset() for r in sent]
    assert (back.available, back.shallow, back.reason, back.boundary, back.tip) == (
        history.available, history.shallow, history.reason, history.boundary, history.tip,
    )  # fmt: skip
    assert back.mainline() == history.mainline()
    return back


def test_a_history_with_merges_moves_and_uncommitted_changes(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    repo.write("processer/ny.yaml", repo.read(BUDGET))
    base = repo.commit("Ny fil", "2026-01-20T22:00:00-05:00")  # the next day in UTC
    repo.git("checkout", "-q", "-b", "gren")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("På grenen", "2026-02-01T23:30:00+09:00")  # another day in UTC
    repo.git("checkout", "-q", "main")
    repo.merge("gren", "Slå ihop", "2026-02-02T10:00:00+01:00")
    repo.git("mv", BUDGET, "processer/budget.yaml")
    repo.commit("Flytta", "2026-03-01T10:00:00+01:00")
    repo.replace("processer/budget.yaml", "Kommunstyrelsen", "Nämnderna")  # not committed
    history = read_history(repo.root)
    back = same(history)
    wanted = [(base, BUDGET), ("HEAD", "processer/budget.yaml")]
    assert back.versions(wanted) == history.versions(wanted)
    assert back.brought is not None and history.brought is not None
    rel = "processer/budget.yaml"
    assert back.brought(base, rel) == history.brought(base, rel)


def test_a_shallow_history_asks_git_for_the_branch_line(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()
    for n in range(3):
        repo.replace(BUDGET, "Nämnderna" if n % 2 == 0 else "Styrelsen",
                     "Styrelsen" if n % 2 == 0 else "Nämnderna")  # fmt: skip
        repo.commit(f"Ändring {n}", f"2026-0{n + 2}-01T10:00:00+01:00")
    clone = shallow_clone(repo, tmp_path / "grund", 2)
    history = read_history(clone.root)
    assert history.shallow and history.boundary
    assert isinstance(history.first_parents, functools.partial)
    same(history)


@pytest.mark.parametrize(
    "history",
    [
        History(available=False, reason="git saknas"),
        History(available=False, reason=say("git.no_rev_repo", reason="x")),
        History(available=True, shallow=True, boundary=frozenset({"abc"})),
    ],
)
def test_a_history_without_revisions(history: History) -> None:
    same(history)


def test_no_history_and_a_history_made_elsewhere() -> None:
    assert history_from_message(history_message(None)) is None
    with pytest.raises(ValueError, match="elsewhere"):
        history_message(History(available=True, reader=lambda wanted: {}))
