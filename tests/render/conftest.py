"""Fixtures for the render tests: a small repository on disk, and git helpers from tests/git."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ..git.conftest import GitRepo, init, isolated_git, procspec  # noqa: F401

HERE = Path(__file__).parent
LITEN = HERE / "fixtures" / "liten"
GOLDEN = HERE / "golden"


@pytest.fixture
def liten(tmp_path: Path) -> Path:
    """The small render fixture (three Örebro processes) copied outside any git repository."""
    target = tmp_path / "liten"
    shutil.copytree(LITEN, target)
    return target


@pytest.fixture
def liten_git(tmp_path: Path) -> Callable[[], GitRepo]:
    """The small fixture in a new git work tree, committed once on 2026-02-01."""

    def make() -> GitRepo:
        top = tmp_path / "work"
        shutil.copytree(LITEN, top)
        init(top)
        repo = GitRepo(top, top)
        repo.commit("Lägg till processerna", "2026-02-01T09:00:00+01:00")
        return repo

    return make


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
