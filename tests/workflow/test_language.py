"""Messages follow `språk` wherever the repository is known; Swedish before it is read."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import FIXTURES, procspec


def english_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "status", root)
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "språk: en\n", "utf-8")
    return root


def test_rules_in_the_repository_language(tmp_path: Path) -> None:
    root = english_repo(tmp_path)
    table = procspec("rules", "--repo", str(root))
    assert "Severity" in table.stdout and "Allvar" not in table.stdout
    unknown = procspec("rules", "PS999", "--repo", str(root))
    assert unknown.returncode == 2
    assert "There is no rule 'PS999'" in unknown.stderr


def test_swedish_before_a_repository_is_known(tmp_path: Path) -> None:
    done = procspec("rules", "PS999", "--repo", str(tmp_path))
    assert done.returncode == 2
    assert "Regeln 'PS999' finns inte" in done.stderr


def test_status_and_new_in_english(tmp_path: Path) -> None:
    root = english_repo(tmp_path)
    quiet = procspec("status", str(root), "--person", "dag.fors")
    assert "Nothing needs doing" in quiet.stdout
    no_type = procspec("new", "Följa upp lön", "--repo", str(root))
    assert no_type.returncode == 2
    assert "Give the name and --type" in no_type.stderr
