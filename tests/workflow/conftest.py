"""Fixtures for the process leader's workflow: real folders and real temporary git repositories.

The git fixtures come from tests/git (never a mocked git); `procspec` runs the command line as a
user would, with PROCSPEC_TODAY fixed.
"""

from __future__ import annotations

from pathlib import Path

from ..git.conftest import ASA, GitRepo, git_repo, init, isolated_git, procspec

__all__ = ["ASA", "FIXTURES", "GitRepo", "git_repo", "init", "isolated_git", "procspec"]

FIXTURES = Path(__file__).parent / "fixtures"
