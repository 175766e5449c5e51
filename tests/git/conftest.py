"""Real temporary git repositories for the history, diff and revision tests (never a mocked git).

Every git call in a fixture sets author, committer and dates explicitly, and the global and system
git configuration are switched off, so nothing depends on `git config --global user.*` or on the
machine's clock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import REPOS

ASA = ("Åsa Öberg", "asa.oberg@example.org")
ORJAN = ("Örjan Ångström", "orjan.angstrom@example.org")


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No global or system git configuration, no identity from the environment."""
    empty = tmp_path / "gitconfig-global"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    for key in list(os.environ):
        if key.startswith(("GIT_AUTHOR_", "GIT_COMMITTER_")) or key in ("GIT_DIR", "GIT_WORK_TREE"):
            monkeypatch.delenv(key)
    yield


@dataclass
class GitRepo:
    """A work tree with helpers to write files and commit them reproducibly."""

    top: Path
    """The top of the git work tree."""
    root: Path
    """The procspec root (procspec.yaml), possibly below `top`."""

    def git(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
        result = subprocess.run(
            ["git", *args],
            cwd=cwd or self.top,
            env={**os.environ, "LC_ALL": "C", **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
        return result.stdout

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, text: str) -> None:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, (rel, old)
        self.write(rel, text.replace(old, new, 1))

    def commit(
        self,
        message: str,
        when: str = "2026-01-15T10:00:00+01:00",
        author: tuple[str, str] = ASA,
        *,
        add: bool = True,
    ) -> str:
        """Commit everything (or what is staged) as `author` at `when`; returns the sha."""
        if add:
            self.git("add", "-A")
        env = {
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": author[0],
            "GIT_COMMITTER_EMAIL": author[1],
            "GIT_COMMITTER_DATE": when,
        }
        self.git("commit", "-q", "--no-gpg-sign", "--allow-empty-message", "-m", message, env=env)
        return self.git("rev-parse", "HEAD").strip()

    def merge(self, branch: str, message: str, when: str, author: tuple[str, str] = ASA) -> str:
        env = {
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": author[0],
            "GIT_COMMITTER_EMAIL": author[1],
            "GIT_COMMITTER_DATE": when,
        }
        self.git("merge", "-q", "--no-ff", "--no-gpg-sign", "-m", message, branch, env=env)
        return self.git("rev-parse", "HEAD").strip()


def shallow_clone(source: GitRepo, dest: Path, depth: int) -> GitRepo:
    """`git clone --depth N file://...` of `source`, as CI checks out; the procspec root keeps its
    place below the top of the clone."""
    subprocess.run(
        ["git", "clone", "-q", "--depth", str(depth), f"file://{source.top}", str(dest)],
        check=True,
        capture_output=True,
    )
    return GitRepo(dest, dest / source.root.relative_to(source.top))


def init(top: Path) -> None:
    subprocess.run(
        ["git", "init", "-q", "-b", "main", str(top)], check=True, capture_output=True, text=True
    )


@pytest.fixture
def git_repo(tmp_path: Path) -> Callable[..., GitRepo]:
    """A fixture repository (tests/fixtures/repos/<name>) in a new git work tree, committed once
    on 2025-01-10 unless `commit` is off; `prefix` puts the procspec root in a sub-folder."""

    def make(
        name: str = "orebro", prefix: str = "", commit: bool = True, folder: str = "work"
    ) -> GitRepo:
        top = tmp_path / folder
        root = top / prefix if prefix else top
        shutil.copytree(REPOS / name, root)
        init(top)
        repo = GitRepo(top, root)
        if commit:
            repo.commit("Lägg till processerna", "2025-01-10T09:00:00+01:00")
        return repo

    return make


def procspec(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "procspec", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={
            **os.environ,
            "PROCSPEC_TODAY": "2026-11-25",
            "NO_COLOR": "1",
            "COLUMNS": "250",
            **(env or {}),
        },  # fmt: skip
        check=False,
    )
