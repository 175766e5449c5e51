"""CI annotation paths (`validate --format github|gitlab`) when the procspec root lies below the
top of the git work tree: GitHub and GitLab resolve them from the top, whatever the cwd."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from procspec.git.log import work_tree_top

from .conftest import GitRepo, procspec

EMPTY = "processer/tom.yaml"


@pytest.fixture
def mono(git_repo: Callable[..., GitRepo]) -> GitRepo:
    """A git repository `mono/` whose procspec root is `mono/docs/`, with one broken file."""
    repo = git_repo(prefix="docs", folder="mono")
    (repo.top / "src").mkdir()
    repo.write(EMPTY, "")
    return repo


def _github_files(stdout: str) -> list[str]:
    return [line.split("file=", 1)[1].split(",", 1)[0] for line in stdout.splitlines()]


def _all_in(repo: GitRepo, paths: list[str]) -> bool:
    """Every path names a file from the top of the work tree, as GitHub and GitLab read it."""
    return bool(paths) and all((repo.top / path).is_file() for path in paths)


def _where(repo: GitRepo, at: str) -> tuple[Path, str]:
    """(cwd, path argument) for running from the procspec root, the git top or a sub-folder."""
    return {
        "root": (repo.root, "."),
        "top": (repo.top, "docs"),
        "below-root": (repo.root / "processer", "."),
        "beside-root": (repo.top / "src", "../docs"),
    }[at]


@pytest.mark.parametrize("at", ["root", "top", "below-root", "beside-root"])
def test_github_paths_from_the_top_of_the_work_tree(mono: GitRepo, at: str) -> None:
    cwd, path = _where(mono, at)
    for _ in range(2):  # cold, then from the validate cache
        result = procspec("validate", path, "--format", "github", cwd=cwd)
        assert result.returncode == 1, result.stderr
        files = _github_files(result.stdout)
        assert "docs/" + EMPTY in files and _all_in(mono, files)
        assert "::error file=docs/processer/tom.yaml,line=1,col=1,title=PS003::" in result.stdout


@pytest.mark.parametrize("at", ["root", "top", "below-root", "beside-root"])
def test_gitlab_paths_from_the_top_of_the_work_tree(mono: GitRepo, at: str) -> None:
    cwd, path = _where(mono, at)
    result = procspec("validate", path, "--format", "gitlab", "--no-cache", cwd=cwd)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    [entry] = [e for e in report if e["check_name"] == "PS003"]
    assert entry["location"] == {"path": "docs/" + EMPTY, "lines": {"begin": 1}}
    assert _all_in(mono, [e["location"]["path"] for e in report])


def test_gitlab_fingerprint_does_not_depend_on_the_cwd(mono: GitRepo) -> None:
    prints = {
        tuple(e["fingerprint"] for e in json.loads(result.stdout))
        for result in (
            procspec("validate", path, "--format", "gitlab", cwd=cwd)
            for cwd, path in (_where(mono, at) for at in ("root", "top", "beside-root"))
        )
    }
    assert len(prints) == 1


@pytest.mark.parametrize("at", ["root", "top"])
def test_json_and_text_keep_their_paths(mono: GitRepo, at: str) -> None:
    cwd, path = _where(mono, at)
    result = procspec("validate", path, "--format", "json", cwd=cwd)
    paths = [p["path"] for p in json.loads(result.stdout)["problems"]]
    assert EMPTY in paths and not any(p.startswith("docs/") for p in paths)
    text = procspec("validate", path, cwd=cwd).stdout
    shown = EMPTY if at == "root" else "docs/" + EMPTY  # relative to the cwd, as before
    assert f"{shown}:1:1 PS003" in text


def test_configuration_problems_point_from_the_top(mono: GitRepo) -> None:
    mono.write("procspec.yaml", mono.read("procspec.yaml") + "okänd_nyckel: 1\n")
    result = procspec("validate", ".", "--format", "github", cwd=mono.root)
    assert result.returncode == 2, result.stderr
    assert set(_github_files(result.stdout)) == {"docs/procspec.yaml"}


def test_codeowners_and_annotations_agree(mono: GitRepo) -> None:
    (mono.root / EMPTY).unlink()
    mono.replace("processer/följa-upp-budget.yaml", "anna.berg", "anna.bergg")
    annotated = _github_files(procspec("validate", ".", "--format", "github", cwd=mono.root).stdout)
    assert "docs/processer/följa-upp-budget.yaml" in annotated and _all_in(mono, annotated)
    mono.replace("processer/följa-upp-budget.yaml", "anna.bergg", "anna.berg")
    owners = procspec("codeowners", ".", cwd=mono.root)
    assert owners.returncode == 0, owners.stderr
    assert "\n/docs/processer/följa-upp-budget.yaml " in owners.stdout or (
        "# /docs/processer/följa-upp-budget.yaml:" in owners.stdout
    )


def test_outside_git_paths_stay_relative_to_the_root(
    make_repo: Callable[[str], Path], tmp_path: Path
) -> None:
    root = make_repo("orebro")
    (root / EMPTY).write_text("")
    assert work_tree_top(root) is None or work_tree_top(root) == work_tree_top(tmp_path)
    result = procspec("validate", ".", "--format", "github", "--no-cache", cwd=root)
    assert set(_github_files(result.stdout)) == {EMPTY, "procspec.yaml"}  # PS003, PS602
    gitlab = procspec("validate", ".", "--format", "gitlab", "--no-cache", cwd=root)
    assert {e["location"]["path"] for e in json.loads(gitlab.stdout)} == {EMPTY, "procspec.yaml"}


def test_work_tree_top(mono: GitRepo, tmp_path: Path) -> None:
    assert work_tree_top(mono.root / "processer") == mono.top.resolve()
    assert work_tree_top(mono.top) == mono.top.resolve()
    linked = tmp_path / "länkad"
    mono.git("worktree", "add", "-q", "--detach", str(linked))
    assert (linked / ".git").is_file()
    assert work_tree_top(linked / "docs") == linked.resolve()
