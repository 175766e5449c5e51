"""A key written but left empty (`processägare:`, `senast:`) is pointed at, with a message that
says to fill it in; and PS205 speaks of several owners in the plural."""

from __future__ import annotations

import shutil
from pathlib import Path

from procspec.checking.checker import check_repository
from procspec.problem import Problem
from procspec.reading.repository import load_repository

from ..conftest import REPOS, TODAY, said

STYRNING = "processer/skapa-förutsättningar-för-styrning.yaml"
BUDGET = "processer/följa-upp-budget.yaml"
LEARNING = "processer/möta-behov-av-livslångt-lärande.yaml"


def _repo(tmp_path: Path, base: str, rel: str, old: str, new: str, lang: str = "sv") -> Path:
    root = tmp_path / base
    shutil.copytree(REPOS / base, root)
    target = root / rel
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    if lang != "sv":
        settings = root / "procspec.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + f"språk: {lang}\n", "utf-8")
    return root


def _found(root: Path, code: str) -> list[Problem]:
    return [p for p in check_repository(load_repository(root), TODAY).problems if p.code == code]


def test_ps202_points_at_an_empty_role_key(tmp_path: Path) -> None:
    root = _repo(tmp_path, "orebro", STYRNING, "processägare: anna.berg\n", "processägare:\n")
    [problem] = _found(root, "PS202")
    assert (problem.path, problem.line, problem.column) == (STYRNING, 3, 1)
    assert "är tom" in said(problem.message) and "fyll i" in said(problem.message)
    assert "lägg till" not in said(problem.message)


def test_ps202_in_english(tmp_path: Path) -> None:
    root = _repo(tmp_path, "orebro", STYRNING, "processägare: anna.berg\n", "processägare:\n",
                 lang="en")  # fmt: skip
    [problem] = _found(root, "PS202")
    assert "is empty" in said(problem.message, "en") and "fill in" in said(problem.message, "en")


def test_ps202_without_the_key_points_at_the_file(tmp_path: Path) -> None:
    root = _repo(tmp_path, "orebro", STYRNING, "processägare: anna.berg\n", "")
    [problem] = _found(root, "PS202")
    assert (problem.line, problem.column) == (1, 1)
    assert "lägg till 'processägare: <personnyckel>'" in said(problem.message)


def test_goal_rules_point_at_empty_keys(tmp_path: Path) -> None:
    root = _repo(tmp_path, "orebro", BUDGET, "    målvärde: 2\n", "    målvärde:\n")
    [problem] = _found(root, "PS401")
    assert (problem.line, problem.column) == (18, 5)
    assert "tomt målvärde" in said(problem.message)

    root = _repo(tmp_path / "b", "orebro", BUDGET, "    senast: 2027-12-31\n", "    senast:\n")
    [problem] = _found(root, "PS402")
    assert (problem.line, problem.column) == (21, 5)
    assert "tomt datum" in said(problem.message) and "senast:" in said(problem.message)


def test_ps403_points_at_an_empty_follow_up(tmp_path: Path) -> None:
    follow_up = (
        "    uppföljning:\n      metod: Jämförelse i ekonomisystemet\n      frekvens: kvartalsvis\n"
        "      ansvarig: cecilia.dahl\n      rapporteras_till: anna.berg\n"
        "      hantering: Resultatet används för att förbättra prognosmodellen.\n"
    )
    root = _repo(tmp_path, "orebro", BUDGET, follow_up, "    uppföljning:\n")
    [problem] = _found(root, "PS403")
    assert (problem.line, problem.column) == (23, 5)
    assert "är tom" in said(problem.message)

    root = _repo(tmp_path / "b", "orebro", BUDGET, "      frekvens: kvartalsvis\n",
                 "      frekvens:\n")  # fmt: skip
    [problem] = _found(root, "PS403")
    assert (problem.line, problem.column) == (25, 7)
    assert "frekvens" in said(problem.message)


def test_ps205_speaks_of_two_owners_in_the_plural(tmp_path: Path) -> None:
    root = _repo(tmp_path, "botkyrka", LEARNING, "processägare: fc.utb\nprocessledare: pl.forskola\n",
                 "processägare: [fc.utb, kd]\n")  # fmt: skip
    [problem] = [p for p in _found(root, "PS205") if p.path == LEARNING]
    assert "processägarna " in said(problem.message) and " och " in said(problem.message)
    assert "har rollen" in said(problem.message)

    root = _repo(tmp_path / "en", "botkyrka", LEARNING,
                 "processägare: fc.utb\nprocessledare: pl.forskola\n",
                 "processägare: [fc.utb, kd]\n", lang="en")  # fmt: skip
    [problem] = [p for p in _found(root, "PS205") if p.path == LEARNING]
    assert "the owners " in said(problem.message, "en") and " and " in said(problem.message, "en")
    assert "hold the role" in said(problem.message, "en")


def test_ps205_with_one_owner_stays_singular(tmp_path: Path) -> None:
    root = _repo(tmp_path, "botkyrka", LEARNING, "processledare: pl.forskola\n", "")
    [problem] = [p for p in _found(root, "PS205") if p.path == LEARNING]
    assert "processägaren " in said(problem.message) and "har rollen" in said(problem.message)
