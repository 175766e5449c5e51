"""The repository as it was at a revision, read from git objects (for `render --rev` and `diff`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from procspec.errors import UsageError
from procspec.features.revision import repository_at
from procspec.git.log import files_at, resolve

from ..conftest import said
from .conftest import GitRepo, procspec

BUDGET = "processer/följa-upp-budget.yaml"
STYRNING = "processer/skapa-förutsättningar-för-styrning.yaml"


def test_files_at_a_tag_without_checkout(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.git("tag", "fastställd-2026-03-01")
    before = repo.read(BUDGET)
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-04-01T10:00:00+02:00")
    repo.write("processer/ny.yaml", "namn: Ny\n")  # untracked: not part of any revision
    files = files_at(repo.root, "fastställd-2026-03-01").files
    assert files[BUDGET].decode("utf-8") == before
    assert set(files) == {"procspec.yaml", "personer.yaml", BUDGET, STYRNING}
    assert "Kommunstyrelsen" in repo.read(BUDGET)  # the work tree is untouched
    assert repo.git("status", "--porcelain").strip() == "?? processer/ny.yaml"


def test_repository_at_a_commit(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    first = repo.git("rev-parse", "HEAD").strip()
    repo.replace(BUDGET, "namn: Följa upp budget", "namn: Följa upp ekonomi")
    (repo.root / "processer" / "ekonomi").mkdir()
    repo.git("mv", STYRNING, "processer/ekonomi/skapa-förutsättningar-för-styrning.yaml")
    repo.commit("Nytt namn och ny mapp", "2026-04-01T10:00:00+02:00")
    old = repository_at(repo.root, first[:10])
    assert old.root == repo.root.resolve()
    assert {r.id: r.rel for r in old.records} == {
        "följa-upp-budget": BUDGET,
        "skapa-förutsättningar-för-styrning": STYRNING,
    }
    names = {r.id: r.model.name for r in old.processes() if r.model is not None}
    assert names["följa-upp-budget"] == "Följa upp budget"
    assert old.problems == []
    new = repository_at(repo.root, "main")
    assert {r.rel for r in new.records} == {
        BUDGET,
        "processer/ekonomi/skapa-förutsättningar-för-styrning.yaml",
    }


def test_repository_at_with_the_root_in_a_sub_folder(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(prefix="dokument/processer-förråd")
    old = repository_at(repo.root / "processer", "HEAD")
    assert sorted(r.rel for r in old.records) == [BUDGET, STYRNING]


def test_problems_at_a_revision_point_at_the_file(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "processledare: cecilia.dahl", "processledare: [cecilia.dahl")
    repo.commit("Trasig", "2026-04-01T10:00:00+02:00")
    repo.replace(BUDGET, "processledare: [cecilia.dahl", "processledare: cecilia.dahl")
    at = repository_at(repo.root, "HEAD")
    assert [(p.path, p.code) for p in at.problems] == [(BUDGET, "PS001")]


def test_unknown_revision_is_a_usage_error(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    with pytest.raises(UsageError) as caught:
        files_at(repo.root, "v9.9")
    assert caught.value.exit_code == 2
    assert "v9.9" in said(caught.value.message)
    with pytest.raises(UsageError):
        resolve(repo.root, "--all")
    for negated in ("^HEAD", "^main"):  # git answers "^<sha>": not one commit
        with pytest.raises(UsageError) as caught:
            files_at(repo.root, negated)
        assert caught.value.exit_code == 2


def test_a_missing_object_is_a_usage_error_that_names_the_file(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    blob = repo.git("rev-parse", f"HEAD:{BUDGET}").strip()
    (repo.top / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    with pytest.raises(UsageError) as caught:
        files_at(repo.root, "HEAD")
    assert caught.value.exit_code == 2
    words = said(caught.value.message)
    assert BUDGET in words and "git fsck" in words


def test_settings_that_cannot_be_used_at_a_revision_say_so(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    good = repo.read("procspec.yaml")
    repo.write("procspec.yaml", "organisation: [\n")
    repo.commit("Trasiga inställningar", "2026-04-01T10:00:00+02:00")
    repo.write("procspec.yaml", good)  # the working tree is fine: the revision is not
    result = procspec("diff", cwd=repo.root)
    assert result.returncode == 2
    assert "procspec.yaml:2:1 PS001" in result.stderr
    assert "Vid revisionen 'HEAD'" in result.stderr and "arbetskopian" in result.stderr
    repo.write("procspec.yaml", good)
    repo.commit("Rätta inställningarna", "2026-04-02T10:00:00+02:00")
    repo.replace(BUDGET, "processledare: cecilia.dahl", "processledare: [cecilia.dahl")
    repo.commit("Trasig process", "2026-04-03T10:00:00+02:00")
    repo.replace(BUDGET, "processledare: [cecilia.dahl", "processledare: cecilia.dahl")
    out = repo.top / "site"
    result = procspec("render", "--out", str(out), "--rev", "HEAD", cwd=repo.root)
    assert result.returncode == 1 and not out.exists()
    assert "Revisionen 'HEAD' har 1 fel" in result.stderr and "incheckad" in result.stderr


def test_revision_outside_git_is_a_usage_error(make_repo: Callable[[str], Path]) -> None:
    with pytest.raises(UsageError) as caught:
        files_at(make_repo("orebro"), "HEAD")
    assert caught.value.exit_code == 2
    assert "git" in said(caught.value.message)


def test_revision_without_commits_is_a_usage_error(git_repo: Callable[..., GitRepo]) -> None:
    with pytest.raises(UsageError):
        files_at(git_repo(commit=False).root, "HEAD")


def test_revision_before_the_repository_existed(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(prefix="förråd", commit=False)
    repo.write("../README.md", "Förrådet\n")
    repo.git("add", "README.md")
    first = repo.commit("Start", "2024-01-01T10:00:00+01:00", add=False)
    repo.commit("Lägg till processerna", "2025-01-10T09:00:00+01:00")
    with pytest.raises(UsageError) as caught:
        files_at(repo.root, first)
    assert "procspec.yaml" in said(caught.value.message)


def test_history_at_a_revision(git_repo: Callable[..., GitRepo]) -> None:
    from procspec.git.log import read_history

    repo = git_repo()
    first = repo.git("rev-parse", "HEAD").strip()
    repo.git("tag", "v1")
    repo.git("mv", BUDGET, "processer/budget.yaml")
    repo.commit("Flytta", "2026-04-01T10:00:00+02:00")
    repo.replace("processer/budget.yaml", "Nämnderna", "Kommunstyrelsen")  # uncommitted
    at = read_history(repo.root, rev="v1")
    assert [r.sha for r in at.of(BUDGET)] == [first]
    assert at.of("processer/budget.yaml") == []
    with pytest.raises(UsageError):
        read_history(repo.root, rev="v2")
