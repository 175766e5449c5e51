"""The history read without a path limit, and kept between runs by HEAD.

Merges are checked against a path-limited `git log` (how the history is read below the top of a
larger work tree); the cache against a run without it.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from procspec.features.historycache import HISTORY_FILE, HistoryFile
from procspec.git import log as gitlog
from procspec.git.log import read_history
from procspec.git.revisions import History

from .conftest import ORJAN, GitRepo, procspec, shallow_clone

BUDGET = "processer/följa-upp-budget.yaml"
STYRNING = "processer/skapa-förutsättningar-för-styrning.yaml"
CACHE = ".procspec-cache/" + HISTORY_FILE


def who(when: str) -> dict[str, str]:
    """Author and committer for a git command that commits."""
    return {
        "GIT_AUTHOR_NAME": ORJAN[0], "GIT_AUTHOR_EMAIL": ORJAN[1], "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": ORJAN[0], "GIT_COMMITTER_EMAIL": ORJAN[1],
        "GIT_COMMITTER_DATE": when,
    }  # fmt: skip


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROCSPEC_NO_CACHE", raising=False)


def git_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The git commands started from now on."""
    calls: list[tuple[str, ...]] = []
    original = gitlog._Git.start

    def counting(self: gitlog._Git, *args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(gitlog._Git, "start", counting)
    return calls


def logs(calls: list[tuple[str, ...]]) -> int:
    return sum(1 for c in calls if c[0] == "log")


def summary(history: History) -> dict[str, list[tuple[str, str, str]]]:
    """sha, date and path of every revision (an uncommitted one has no fixed date)."""
    return {
        rel: [(r.sha, r.date.isoformat() if r.sha else "", r.path) for r in revisions]
        for rel, revisions in sorted(history.files.items())
    }


def path_limited(repo: GitRepo) -> dict[str, list[tuple[str, str, str]]]:
    """The history as read below the top of a larger work tree: git limits the walk to the
    scope and rewrites the parents."""
    g = gitlog._Git(repo.root)
    tip = g.head()
    assert tip is not None
    args = gitlog._log_args(tip, "")
    raw = g.run(*args, *gitlog._pathspecs("processer"))
    commits = gitlog._parse_log(raw or b"", gitlog._Scope.of("", "processer"))
    committed = gitlog._walk(commits, "", tip, False)
    dates = gitlog._dates(committed)
    files = gitlog._materialise(committed, dates, {}, "")
    return {
        rel: [(r.sha, r.date.isoformat(), r.path) for r in revisions]
        for rel, revisions in sorted(files.items())
    }


def test_a_merge_that_discards_a_branch_as_with_a_path_limit(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    repo.git("checkout", "-q", "-b", "försök")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    tried = repo.commit("Prova annan mottagare", "2026-02-01T10:00:00+01:00", ORJAN)
    repo.git("checkout", "-q", "main")
    repo.replace(STYRNING, "namn:", "# kommentar\nnamn:")
    repo.commit("Kommentar", "2026-02-02T10:00:00+01:00")
    env = who("2026-02-03T10:00:00+01:00")
    repo.git("merge", "-q", "-s", "ours", "--no-gpg-sign", "-m", "Behåll main", "försök", env=env)
    history = read_history(repo.root)
    # `-m` walks every parent: the branch's commit is listed, the merge (equal to main) is not.
    assert history.of(BUDGET)[0].sha == tried
    assert summary(history) == path_limited(repo)


def test_a_merge_equal_to_its_branch_and_a_cherry_pick(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.git("checkout", "-q", "-b", "rättning")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    fix = repo.commit("Rätta mottagare", "2026-02-01T10:00:00+01:00", ORJAN)
    repo.git("checkout", "-q", "main")
    repo.git("cherry-pick", "--no-gpg-sign", fix, env=who("2026-02-02T10:00:00+01:00"))
    picked = repo.git("rev-parse", "HEAD").strip()
    repo.merge("rättning", "Slå ihop rättning", "2026-02-03T10:00:00+01:00")
    repo.git("checkout", "-q", "-b", "snabbspola")
    repo.replace(STYRNING, "namn:", "# kommentar\nnamn:")
    side = repo.commit("Kommentar", "2026-02-04T10:00:00+01:00")
    repo.git("checkout", "-q", "main")
    repo.merge("snabbspola", "Slå ihop snabbspola", "2026-02-05T10:00:00+01:00")
    history = read_history(repo.root)
    assert history.of(BUDGET)[0].sha == picked
    assert history.of(STYRNING)[0].sha == side
    assert summary(history) == path_limited(repo)
    line = history.mainline()
    assert [c.merge for c in line[:3]] == [True, True, False]
    first_parents = repo.git("log", "--first-parent", "--format=%H").split()
    assert [c.sha for c in line] == first_parents


def test_the_branch_line_is_read_once_and_indexed_once(
    git_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker runs PS603 over its files in several runs of the rules: the line of a long
    history is read (from the log, or from git) and indexed for the approval days once."""
    from procspec.checking.rules import history as rules

    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Rätta mottagare", "2026-02-01T10:00:00+01:00", ORJAN)
    history = read_history(repo.root)
    asked: list[int] = []
    given = history.first_parents
    assert given is not None
    history.first_parents = lambda: asked.append(1) or given()
    line = history.mainline()
    assert history.mainline() is line and asked == [1]
    assert [c.sha for c in line] == repo.git("log", "--first-parent", "--format=%H").split()
    made: list[int] = []
    build = rules._Mainline._made
    monkeypatch.setattr(rules._Mainline, "_made", lambda commits: made.append(1) or build(commits))
    index = rules._Mainline.of(history.mainline())
    assert rules._Mainline.of(history.mainline()) is index and made == [1]
    assert rules._Mainline.of(list(line)) is not index and made == [1, 1]  # another line


def test_a_move_into_the_processes_folder_starts_there(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.write("utkast/tillhandahålla-snöröjning.yaml", repo.read(BUDGET).replace("budget", "snö"))
    repo.commit("Utkast", "2026-02-01T10:00:00+01:00")
    repo.git("mv", "utkast/tillhandahålla-snöröjning.yaml", "processer/snöröjning.yaml")
    moved = repo.commit("Flytta in utkastet", "2026-02-02T10:00:00+01:00")
    history = read_history(repo.root)
    assert [r.sha for r in history.of("processer/snöröjning.yaml")] == [moved]
    assert not any(key.startswith("utkast/") for key in history.files)


def test_names_and_messages_that_begin_with_the_record_mark(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    odd = "processer/\x1eskum.txt"
    repo.write(odd, "text\n")
    added = repo.commit("\x1eEtt meddelande som börjar med postavskiljaren")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    changed = repo.commit("Ändra mottagare", "2026-02-01T10:00:00+01:00")
    history = read_history(repo.root)
    assert [r.sha for r in history.of(odd)] == [added]
    assert history.of(odd)[0].message.startswith("<U+001E>Ett meddelande")  # made visible
    assert history.of(BUDGET)[0].sha == changed and len(history.of(BUDGET)) == 2
    assert summary(history) == path_limited(repo)


def test_a_renamed_file_is_followed_from_the_kept_history(
    git_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo()
    repo.git("mv", BUDGET, "processer/följa-upp-ekonomi.yaml")
    moved = repo.commit("Flytta till ekonomi", "2026-02-01T10:00:00+01:00")
    store = HistoryFile(repo.root)
    read_history(repo.root, store=store)
    calls = git_calls(monkeypatch)
    history = read_history(repo.root, store=store)
    assert logs(calls) == 0
    revisions = history.of("processer/följa-upp-ekonomi.yaml")
    assert revisions[0].sha == moved and len(revisions) == 2
    assert revisions[1].path == BUDGET
    assert summary(history) == summary(read_history(repo.root))


def test_kept_by_head_and_read_without_git_log(
    git_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-02-01T10:00:00+01:00")
    store = HistoryFile(repo.root)
    calls = git_calls(monkeypatch)
    first = read_history(repo.root, store=store)
    assert logs(calls) == 1 and (repo.root / CACHE).is_file()
    second = read_history(repo.root, store=store)
    assert logs(calls) == 1
    assert second.files == first.files == read_history(repo.root).files
    assert [c.sha for c in second.mainline()] == [c.sha for c in first.mainline()]


def test_a_new_commit_is_read_again(
    git_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo()
    store = HistoryFile(repo.root)
    read_history(repo.root, store=store)
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    sha = repo.commit("Ändra mottagare", "2026-02-01T10:00:00+01:00")
    calls = git_calls(monkeypatch)
    history = read_history(repo.root, store=store)
    assert logs(calls) == 1
    assert history.of(BUDGET)[0].sha == sha


def test_an_uncommitted_change_shows_with_the_kept_history(
    git_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo()
    store = HistoryFile(repo.root)
    read_history(repo.root, store=store)
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.git("mv", STYRNING, "processer/styrning.yaml")
    calls = git_calls(monkeypatch)
    history = read_history(repo.root, store=store)
    assert logs(calls) == 0
    assert [r.committed for r in history.of(BUDGET)] == [False, True]
    assert [r.path for r in history.of("processer/styrning.yaml")] == [
        "processer/styrning.yaml",
        STYRNING,
    ]
    assert history.of(STYRNING) == []
    assert summary(history) == summary(read_history(repo.root))


def test_another_processes_folder_is_read_again(
    git_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo()
    repo.write("annat/process.yaml", repo.read(BUDGET))
    repo.commit("Annan mapp", "2026-02-01T10:00:00+01:00")
    store = HistoryFile(repo.root)
    read_history(repo.root, store=store)
    calls = git_calls(monkeypatch)
    history = read_history(repo.root, processes="annat", store=store)
    assert logs(calls) == 1
    assert "annat/process.yaml" in history.files and BUDGET not in history.files


def test_a_shallow_clone_keeps_its_boundary(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-02-01T10:00:00+01:00")
    clone = shallow_clone(repo, tmp_path / "ci", 1)
    store = HistoryFile(clone.root)
    first = read_history(clone.root, store=store)
    second = read_history(clone.root, store=store)
    assert second.shallow and second.boundary == first.boundary != frozenset()
    assert second.files == first.files


@pytest.mark.parametrize("damage", ["garbage", "truncated", "link", "foreign"])
def test_a_damaged_or_crafted_cache_is_ignored(
    git_repo: Callable[..., GitRepo], tmp_path: Path, damage: str
) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-02-01T10:00:00+01:00")
    store = HistoryFile(repo.root)
    expected = read_history(repo.root, store=store)
    cached = repo.root / CACHE
    good = cached.read_bytes()
    outside = tmp_path / "utanför.bin"
    if damage == "garbage":
        cached.write_bytes(good[:200] + os.urandom(500))
    elif damage == "truncated":
        cached.write_bytes(good[: len(good) // 2])
    elif damage == "link":
        outside.write_bytes(good)
        cached.unlink()
        cached.symlink_to(outside)
    else:  # a valid entry made elsewhere: another installation's salt
        cached.write_bytes(b"0" * 32 + good[32:])
    history = read_history(repo.root, store=store)
    assert summary(history) == summary(expected)
    if damage == "link":
        assert cached.is_symlink() and outside.read_bytes() == good


def validate_json(root: Path, *extra: str) -> dict[str, Any]:
    done = procspec("validate", str(root), "--format", "json", *extra)
    assert done.returncode in (0, 1), done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def history_problems(data: dict[str, Any]) -> list[Any]:
    return [p for p in data["problems"] if p["code"] in ("PS601", "PS602", "PS603")]


def test_validate_gives_the_same_history_problems_with_the_cache(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    text = repo.read(BUDGET)
    text = text[: text.index("fastställd:")] if "fastställd:" in text else text
    repo.write(BUDGET, text + "fastställd:\n  av: anna.berg\n  datum: 2025-03-01\n")
    repo.commit("Fastställd", "2025-03-01T16:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2025-04-10T10:00:00+02:00")
    without = validate_json(repo.root, "--no-cache")
    codes = {p["code"] for p in history_problems(without)}
    assert {"PS601", "PS603"} <= codes
    assert not (repo.root / CACHE).exists()
    first = validate_json(repo.root)
    assert (repo.root / CACHE).is_file()
    # A change that is not committed: the outcome is checked again, the history comes from the
    # cache, and the uncommitted change counts as today's.
    repo.replace(STYRNING, "namn:", "# kommentar\nnamn:")
    second = validate_json(repo.root)
    again = validate_json(repo.root, "--no-cache")
    assert history_problems(first) == history_problems(without)
    assert history_problems(second) == history_problems(again)


def test_no_git_log_when_the_history_rules_are_off(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    settings = repo.read("procspec.yaml")
    repo.write("procspec.yaml", settings + "regler:\n  PS601: off\n  PS603: off\n")
    repo.commit("Stäng av historikreglerna", "2026-02-01T10:00:00+01:00")
    validate_json(repo.root)
    assert not (repo.root / CACHE).exists()
    repo.write("procspec.yaml", settings + "regler:\n  PS601: off\n")
    repo.commit("Slå på PS603", "2026-02-02T10:00:00+01:00")
    validate_json(repo.root)
    assert (repo.root / CACHE).is_file()


def test_ps602_alone_still_reports_a_shallow_clone(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()
    settings = repo.read("procspec.yaml")
    repo.write("procspec.yaml", settings + "regler:\n  PS601: off\n  PS603: off\n")
    repo.commit("Stäng av historikreglerna", "2026-02-01T10:00:00+01:00")
    clone = shallow_clone(repo, tmp_path / "ci", 1)
    data = validate_json(clone.root)
    assert [p["code"] for p in history_problems(data)] == ["PS602"]
    assert not (clone.root / CACHE).exists()
