"""Shared fixtures: fixture repositories copied into temporary folders (and git repositories)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from procspec.messages import Text, text
from procspec.reading.cachefolder import FOLDER

FIXTURES = Path(__file__).parent / "fixtures"
REPOS = FIXTURES / "repos"
EXAMPLES = Path(__file__).parent.parent / "examples"
TODAY = date(2026, 11, 25)


BROWSER = Path(__file__).parent / "browser"


def copy_example(name: str, target: Path) -> Path:
    """The example repository `name` (examples/<name>) copied to `target`, without a validate
    cache a run in the working tree may have left in it."""
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns(FOLDER))
    return target


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test below tests/browser/ is a browser test (`-m "not browser"` deselects them).
    A `pytestmark` in a conftest.py marks nothing, so the mark is set here."""
    for item in items:
        if item.path.is_relative_to(BROWSER):
            item.add_marker(pytest.mark.browser)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files of tests/render from the current output.",
    )


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a fixture repository (tests/fixtures/repos/<name>) into a temporary folder."""

    def make(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(REPOS / name, target)
        return target

    return make


def said(message: Text, lang: str = "sv") -> str:
    """A message in words (tests of wording; most tests compare keys and parameters)."""
    return text(message, lang)
