"""Wrong answers from git: PS603 judges the content against the version that was approved (the
branch's state on `fastställd.datum`), whatever the graph looks like; history lists revisions
newest first by commit date; a huge commit message is not copied into every page. All in real
temporary git repositories with controlled commit dates, through the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..git.conftest import ASA, ORJAN, GitRepo
from .conftest import assert_no_traceback, run_cli, snapshot

BUDGET = "processer/följa-upp-budget.yaml"
STYRNING = "processer/skapa-förutsättningar-för-styrning.yaml"
APPROVAL = "fastställd:\n  av: anna.berg\n  datum: {day}\n"


def ps603(root: Path) -> list[dict[str, object]]:
    result = run_cli("validate", str(root), "--format", "json", "--today", "2026-11-25")
    assert_no_traceback(result)
    return [p for p in json.loads(result.stdout)["problems"] if p["code"] == "PS603"]


def _approved(repo: GitRepo, day: str) -> None:
    repo.write(BUDGET, repo.read(BUDGET) + APPROVAL.format(day=day))


def test_approved_before_the_first_commit_then_moved(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(commit=False)
    _approved(repo, "2024-03-01")
    repo.commit("Första versionen", "2026-01-10T09:00:00+01:00")
    repo.path("processer/styr").mkdir()
    repo.git("mv", BUDGET, "processer/styr/följa-upp-budget.yaml", cwd=repo.root)
    repo.commit("Flytta", "2026-02-10T09:00:00+01:00")
    before = snapshot(repo.top, skip=(".procspec-cache",))
    assert ps603(repo.root) == []
    assert snapshot(repo.top, skip=(".procspec-cache",)) == before


def test_approved_before_the_first_commit_then_reviewed(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(commit=False)
    _approved(repo, "2024-03-01")
    repo.commit("Första versionen", "2026-01-10T09:00:00+01:00")
    repo.write(BUDGET, repo.read(BUDGET).replace("fastställd:", "granskad:\n  av: anna.berg\n  datum: 2026-05-01\nfastställd:"))  # fmt: skip
    repo.commit("Granskad", "2026-05-01T09:00:00+02:00")
    assert ps603(repo.root) == []


def test_approved_before_the_first_commit_then_changed(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(commit=False)
    _approved(repo, "2024-03-01")
    repo.commit("Första versionen", "2026-01-10T09:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-02-10T09:00:00+01:00")
    found = ps603(repo.root)
    assert len(found) == 1 and "Ändra mottagare" in str(found[0]["message"])


def test_a_change_and_its_undo_after_approval_is_no_change(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    _approved(repo, "2026-03-01")
    repo.commit("Fastställd", "2026-03-01T16:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra", "2026-04-01T09:00:00+02:00")
    repo.replace(BUDGET, "Kommunstyrelsen", "Nämnderna")
    repo.commit("Ångra", "2026-04-02T09:00:00+02:00")
    assert ps603(repo.root) == []


def _merge_setup(repo: GitRepo) -> None:
    """main: approval on 2026-03-15; a branch from February that changes the spec, merged in
    April. Topologically the February commit sits above main's March commit."""
    repo.git("checkout", "-q", "-b", "gren")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare på grenen", "2026-02-01T09:00:00+01:00", ORJAN)
    repo.git("checkout", "-q", "main")
    repo.replace(STYRNING, "namn:", "# huvudgrenen\nnamn:")
    repo.commit("Ändra en annan process", "2026-03-10T09:00:00+01:00")
    _approved(repo, "2026-03-15")
    repo.commit("Fastställd", "2026-03-15T16:00:00+01:00")
    repo.merge("gren", "Slå ihop grenen", "2026-04-01T09:00:00+02:00", ASA)


def test_a_change_merged_in_after_approval_is_found(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _merge_setup(repo)
    found = ps603(repo.root)
    assert len(found) == 1, found
    assert "2026-04-01" in str(found[0]["message"])


def test_history_is_newest_first_by_date_across_a_merge(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _merge_setup(repo)
    result = run_cli("history", "följa-upp-budget", "--repo", str(repo.root), "--format", "json")
    assert_no_traceback(result)
    dates = [entry["datum"] for entry in json.loads(result.stdout)]
    assert dates == sorted(dates, reverse=True), dates


def test_two_roots_and_a_cherry_pick(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _approved(repo, "2026-03-15")
    repo.commit("Fastställd", "2026-03-15T16:00:00+01:00")
    repo.git("checkout", "-q", "--orphan", "annan-rot")
    repo.commit("En annan rot", "2026-01-05T09:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    sha = repo.commit("Ändring på den andra roten", "2026-02-01T09:00:00+01:00")
    repo.git("checkout", "-q", "-f", "main")
    env = {"GIT_COMMITTER_DATE": "2026-05-01T09:00:00+02:00", "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}  # fmt: skip
    repo.git("cherry-pick", "--allow-empty", sha, env=env)
    found = ps603(repo.root)
    assert len(found) == 1, found
    repo.git("merge", "-q", "--allow-unrelated-histories", "-s", "ours", "--no-edit", "annan-rot", env={**env, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org"})  # fmt: skip
    assert len(ps603(repo.root)) == 1
    result = run_cli("history", "följa-upp-budget", "--repo", str(repo.root), "--format", "json")
    dates = [entry["datum"] for entry in json.loads(result.stdout)]
    assert dates == sorted(dates, reverse=True), dates


def test_a_huge_commit_message_is_capped(git_repo: Callable[..., GitRepo], tmp_path: Path) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    message = tmp_path / "meddelande.txt"
    message.write_text("Stor\n\n" + "x " * (1024 * 1024), encoding="utf-8")
    repo.git("add", "-A")
    when = "2026-02-01T09:00:00+01:00"
    env = {"GIT_AUTHOR_NAME": ASA[0], "GIT_AUTHOR_EMAIL": ASA[1], "GIT_AUTHOR_DATE": when,
           "GIT_COMMITTER_NAME": ASA[0], "GIT_COMMITTER_EMAIL": ASA[1], "GIT_COMMITTER_DATE": when}  # fmt: skip
    repo.git("commit", "-q", "--no-gpg-sign", "-F", str(message), env=env)
    out = tmp_path / "ut"
    result = run_cli("render", str(repo.root), "--out", str(out), "--today", "2026-11-25")
    assert_no_traceback(result)
    assert result.exit == 0, result.output
    total = sum(page.stat().st_size for page in out.iterdir())
    assert total < 2 * 1024 * 1024, total
    history = run_cli("history", "följa-upp-budget", "--repo", str(repo.root), "--format", "json")
    assert len(history.stdout) < 100_000
