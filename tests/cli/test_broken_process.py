"""A process file with schema errors (PS005–PS007) still exists: `show`, `history`, `list` and
`tree` name it and point at `procspec validate` instead of calling it missing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..git.conftest import GitRepo, git_repo, isolated_git, procspec

__all__ = ["git_repo", "isolated_git"]

BUDGET = "processer/följa-upp-budget.yaml"


def _break(root: Path, line: str = "x: 1\n") -> None:
    """An unknown key (PS005): the file reads, but has no model."""
    target = root / BUDGET
    target.write_text(target.read_text(encoding="utf-8") + line, encoding="utf-8")


def _english(root: Path) -> None:
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "språk: en\n", encoding="utf-8")


def test_show_says_the_file_has_errors(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    _break(root)
    result = procspec("show", "följa-upp-budget", "--repo", str(root))
    assert result.returncode == 1
    assert "finns inte" not in result.stderr
    assert BUDGET in result.stderr and "har fel" in result.stderr
    assert "procspec validate" in result.stderr
    assert "Traceback" not in result.stderr


def test_show_finds_a_broken_process_by_its_name(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    _break(root)
    result = procspec("show", "Följa upp budget", "--repo", str(root))
    assert result.returncode == 1
    assert "har fel" in result.stderr


def test_show_in_english(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    _break(root)
    _english(root)
    result = procspec("show", "följa-upp-budget", "--repo", str(root))
    assert result.returncode == 1
    assert "has errors" in result.stderr and "procspec validate" in result.stderr


def test_unknown_id_suggests_a_broken_process(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    _break(root)
    result = procspec("show", "följa-upp-budgeten", "--repo", str(root))
    assert result.returncode == 1
    assert "finns inte" in result.stderr and "'följa-upp-budget'" in result.stderr


def test_history_of_a_broken_process(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _break(repo.root)
    result = procspec("history", "följa-upp-budget", "--repo", str(repo.root), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [item["fil"] for item in data] == [BUDGET, BUDGET]
    assert data[0]["meddelande"] == "ej incheckad"
    table = procspec("history", "följa-upp-budget", "--repo", str(repo.root))
    assert table.returncode == 0, table.stderr
    assert "Lägg till processerna" in table.stdout


def test_list_names_the_files_left_out_on_stderr(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    clean = procspec("list", str(root), "--format", "json")
    _break(root)
    result = procspec("list", str(root), "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data == [p for p in json.loads(clean.stdout) if p["id"] != "följa-upp-budget"]
    assert len(data) == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert BUDGET in lines[0] and "procspec validate" in lines[0]
    table = procspec("list", str(root))
    assert table.returncode == 0
    assert "följa-upp-budget" not in table.stdout
    assert table.stderr == result.stderr


def test_tree_names_the_files_left_out_in_english(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    _break(root)
    _english(root)
    result = procspec("tree", str(root))
    assert result.returncode == 0
    assert "Skapa förutsättningar" in result.stdout and "Följa upp budget" not in result.stdout
    assert result.stderr.strip().splitlines() == [
        f"Note: {BUDGET} could not be read because of errors, so that process is left out. "
        "Run 'procspec validate'."
    ]


def test_list_and_tree_say_nothing_when_every_file_reads(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    for command in ("list", "tree"):
        result = procspec(command, str(root))
        assert result.returncode == 0
        assert result.stderr == ""
