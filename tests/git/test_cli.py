"""`procspec history`, `procspec diff` and `validate` with git, as a user or CI runs them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ORJAN, GitRepo, procspec, shallow_clone

BUDGET = "processer/följa-upp-budget.yaml"
STYRNING = "processer/skapa-förutsättningar-för-styrning.yaml"


def test_history_json_shape(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.git("mv", BUDGET, "processer/ekonomi-budget.yaml")
    repo.commit("Byt filnamn", "2026-02-01T10:00:00+01:00")
    repo.git("mv", "processer/ekonomi-budget.yaml", BUDGET)
    sha = repo.commit(
        "Tillbaka till id:t\n\nMed en förklaring.", "2026-03-01T10:00:00+01:00", ORJAN
    )
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    result = procspec("history", "följa-upp-budget", "--repo", str(repo.root), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [set(item) for item in data] == [
        {"sha", "datum", "författare", "epost", "meddelande", "fil"}
    ] * 4
    assert data[0]["sha"] == "" and data[0]["meddelande"] == "ej incheckad"
    assert data[1] == {
        "sha": sha,
        "datum": "2026-03-01T10:00:00+01:00",
        "författare": "Örjan Ångström",
        "epost": "orjan.angstrom@example.org",
        "meddelande": "Tillbaka till id:t\n\nMed en förklaring.",
        "fil": BUDGET,
    }
    assert [item["fil"] for item in data[1:]] == [
        BUDGET,
        "processer/ekonomi-budget.yaml",
        BUDGET,
    ]


def test_history_table_by_name(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    result = procspec("history", "Följa upp budget", "--repo", str(repo.root))
    assert result.returncode == 0, result.stderr
    assert "Lägg till processerna" in result.stdout and "Åsa Öberg" in result.stdout


def test_history_unknown_id_exits_1(git_repo: Callable[..., GitRepo]) -> None:
    result = procspec("history", "följa-upp-budgeten", "--repo", str(git_repo().root))
    assert result.returncode == 1
    assert "följa-upp-budget" in result.stderr  # did-you-mean


def test_history_outside_git_exits_2(make_repo: Callable[[str], Path]) -> None:
    result = procspec("history", "följa-upp-budget", "--repo", str(make_repo("orebro")))
    assert result.returncode == 2
    assert "git init" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_reports_ps602_outside_git(make_repo: Callable[[str], Path]) -> None:
    result = procspec("validate", str(make_repo("orebro")), "--format", "json")
    assert result.returncode == 0
    codes = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert codes == ["PS602"]


def test_validate_without_git_on_path(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    result = procspec("validate", str(repo.root), "--format", "json", env={"PATH": "/nonexistent"})
    assert result.returncode == 0, result.stderr
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["code"] == "PS602" and "git" in problem["message"]


def test_validate_in_git_reports_review_due(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    result = procspec("validate", str(repo.root), "--format", "github")
    assert result.returncode == 0
    assert f"::warning file={BUDGET},line=1,col=1,title=PS601::" in result.stdout


# --- diff ----------------------------------------------------------------------------------

NEW_GOAL = """  - id: M2
    typ: utvecklingsmål
    beskrivning: Alla nämnder lämnar prognos i tid.
    målvärde: 100
    enhet: "%"
    senast: 2027-06-30
"""


def _edit_for_review(repo: GitRepo) -> None:
    repo.replace(BUDGET, "processägare: anna.berg", "processägare: bo.ek")
    repo.replace(BUDGET, "status: klar", "status: pågående")
    repo.replace(BUDGET, "aktiviteter:", NEW_GOAL + "aktiviteter:")
    repo.replace(BUDGET, "värde: 2.5", "värde: 2.5\n      - datum: 2026-10-31\n        värde: 2.1")


def test_diff_json_against_the_working_tree(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _edit_for_review(repo)
    (repo.root / STYRNING).unlink()
    repo.write("processer/tillhandahålla-snöröjning.yaml", "namn: Tillhandahålla snöröjning\n")
    result = procspec("diff", str(repo.root), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["tillagda"] == ["tillhandahålla-snöröjning"]
    assert data["borttagna"] == ["skapa-förutsättningar-för-styrning"]
    [changed] = data["ändrade"]
    assert changed["id"] == "följa-upp-budget"
    shown = [{k: c[k] for k in ("fält", "etikett", "före", "efter")} for c in changed["ändringar"]]
    assert shown == [
        {"fält": "processägare", "etikett": "Processägare", "före": "Anna Berg", "efter": "Bo Ek"},
        {"fält": "mål[M1].utfall[2026-10-31]", "etikett": "Mål M1, utfall 2026-10-31",
         "före": None, "efter": "2.1\u00a0%"},
        {"fält": "mål[M2]", "etikett": "Mål M2", "före": None,
         "efter": "Alla nämnder lämnar prognos i tid."},
        {"fält": "aktiviteter[A1].status", "etikett": "Aktivitet A1", "före": "klar",
         "efter": "pågående"},
    ]  # fmt: skip
    raw = changed["ändringar"]
    assert (raw[0]["före_värde"], raw[0]["efter_värde"]) == ("anna.berg", "bo.ek")
    assert raw[1]["efter_värde"] == {"datum": "2026-10-31", "värde": 2.1}
    assert raw[2]["efter_värde"]["målvärde"] == 100


def test_diff_markdown_between_revisions(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.git("tag", "v1")
    _edit_for_review(repo)
    (repo.root / "processer" / "ekonomi").mkdir()
    repo.git("mv", STYRNING, "processer/ekonomi/skapa-förutsättningar-för-styrning.yaml")
    repo.commit("Ny ägare och nytt mål", "2026-02-01T10:00:00+01:00")
    result = procspec("diff", str(repo.root), "--base", "v1", "--head", "HEAD", "--format", "md")
    assert result.returncode == 0, result.stderr
    md = result.stdout
    assert md.startswith("## Ändringar i processerna\n")
    assert "_v1 → HEAD_" in md
    assert "- Processägare: Anna Berg → Bo Ek" in md
    assert "- Mål M2 tillagt: Alla nämnder lämnar prognos i tid." in md
    assert "- Aktivitet A1: klar → pågående" in md
    assert (
        "- Fil: processer/skapa-förutsättningar-för-styrning.yaml → "
        "processer/ekonomi/skapa-förutsättningar-för-styrning.yaml"
    ) in md
    # the working tree is clean: the default diff is empty
    clean = procspec("diff", str(repo.root))
    assert "Inga ändringar i processerna." in clean.stdout


def test_diff_text(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _edit_for_review(repo)
    result = procspec("diff", str(repo.root), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "  Processägare: Anna Berg → Bo Ek" in result.stdout
    assert "HEAD → arbetskopian" in result.stdout


def test_diff_without_commits_shows_everything_added(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(commit=False)
    result = procspec("diff", str(repo.root), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert sorted(json.loads(result.stdout)["tillagda"]) == [
        "följa-upp-budget",
        "skapa-förutsättningar-för-styrning",
    ]


def test_diff_unknown_revision_exits_2(git_repo: Callable[..., GitRepo]) -> None:
    result = procspec("diff", str(git_repo().root), "--base", "finns-inte")
    assert result.returncode == 2
    assert "finns-inte" in result.stderr and "Traceback" not in result.stderr


def test_diff_option_like_revision_exits_2(git_repo: Callable[..., GitRepo]) -> None:
    result = procspec("diff", str(git_repo().root), "--base=--output=/tmp/x")
    assert result.returncode == 2


def test_diff_outside_git_exits_2(make_repo: Callable[[str], Path]) -> None:
    result = procspec("diff", str(make_repo("orebro")))
    assert result.returncode == 2
    assert "git" in result.stderr and "Traceback" not in result.stderr


def test_validate_and_history_in_a_shallow_clone(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    import subprocess

    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-11-01T10:00:00+01:00")
    clone = tmp_path / "ci-checkout"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.top}", str(clone)], check=True
    )
    result = procspec("validate", str(clone), "--format", "json")
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["path"], p["severity"]) for p in problems] == [
        ("PS602", "procspec.yaml", "info")
    ]
    history = procspec("history", "följa-upp-budget", "--repo", str(clone), "--format", "json")
    assert history.returncode == 0
    # the clone's only (grafted) commit is the oldest known revision of every file
    assert [r["meddelande"] for r in json.loads(history.stdout)] == ["Ändra mottagare"]
    assert "grund klon" in history.stderr


@pytest.mark.parametrize("depth", [1, 2])
def test_history_in_a_shallow_clone_counts_its_oldest_commit(
    git_repo: Callable[..., GitRepo], tmp_path: Path, depth: int
) -> None:
    repo = git_repo(commit=False)
    repo.commit("Lägg till processerna", "2026-01-10T09:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-11-01T10:00:00+01:00")
    clone = shallow_clone(repo, tmp_path / "gs", depth)
    result = procspec("history", "följa-upp-budget", "--format", "json", cwd=clone.root)
    assert result.returncode == 0, result.stderr
    expected = ["Ändra mottagare", "Lägg till processerna"][:depth]
    assert [r["meddelande"] for r in json.loads(result.stdout)] == expected
    assert all(r["fil"] == BUDGET for r in json.loads(result.stdout))


def test_validate_on_a_detached_dirty_tree(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.git("checkout", "-q", "--detach", "HEAD")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    result = procspec("validate", str(repo.root), "--format", "json")
    assert result.returncode == 0, result.stderr
    flagged = {(p["code"], p["path"]) for p in json.loads(result.stdout)["problems"]}
    assert flagged == {("PS601", STYRNING)}  # the budget file changed today


def test_diff_from_before_the_repository_existed(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(prefix="processförråd", commit=False)
    repo.write("../README.md", "Förrådet\n")
    repo.git("add", "README.md")
    first = repo.commit("Start", "2024-01-01T10:00:00+01:00", add=False)
    repo.commit("Lägg till processerna", "2025-01-10T09:00:00+01:00")
    result = procspec("diff", str(repo.root), "--base", first, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["tillagda"]) == 2


def test_a_merge_conflict_left_in_a_file_is_named_as_one(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.git("checkout", "-q", "-b", "kommunstyrelsen")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Mottagare: kommunstyrelsen", "2026-02-01T10:00:00+01:00")
    repo.git("checkout", "-q", "main")
    repo.replace(BUDGET, "Nämnderna", "Förvaltningarna")
    repo.commit("Mottagare: förvaltningarna", "2026-02-02T10:00:00+01:00")
    identity = ("-c", "user.name=Åsa Öberg", "-c", "user.email=asa.oberg@example.org")
    merged = subprocess.run(
        ["git", *identity, "merge", "-q", "kommunstyrelsen"],
        cwd=repo.top, capture_output=True, check=False,
    )  # fmt: skip
    assert merged.returncode != 0  # git leaves both versions in the file
    marker = next(
        n for n, line in enumerate(repo.read(BUDGET).splitlines(), 1) if line.startswith("<<<")
    )
    result = procspec("validate", str(repo.root), "--format", "json")
    assert result.returncode == 1
    [problem] = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "PS001"]
    assert (problem["path"], problem["line"]) == (BUDGET, marker)
    assert "<<<<<<< HEAD" in problem["message"] and "git-sammanslagning" in problem["message"]


def test_a_processes_folder_that_is_a_submodule_is_named(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    """The repository with procspec.yaml knows only which commit a submodule points at: its
    files have no history there and are not in its trees. Said, not shown as nothing."""
    files = git_repo(folder="processfiler")
    files.git("mv", "processer/följa-upp-budget.yaml", "följa-upp-budget.yaml")
    files.git("mv", "processer/skapa-förutsättningar-för-styrning.yaml", ".")
    files.git("rm", "-q", "procspec.yaml", "personer.yaml")
    files.commit("Bara processerna", "2025-01-11T09:00:00+01:00")
    repo = git_repo(folder="förråd")
    repo.git("rm", "-q", "-r", "processer")
    repo.commit("Processerna flyttar", "2025-01-12T09:00:00+01:00")
    repo.git(
        "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(files.top), "processer"
    )
    repo.commit("Processerna som undermodul", "2025-01-13T09:00:00+01:00")
    validated = procspec("validate", str(repo.root), "--format", "json")
    [absent] = [p for p in json.loads(validated.stdout)["problems"] if p["code"] == "PS602"]
    assert "'processer' är ett eget git-förråd" in absent["message"]
    for args in (
        ("diff",),
        ("history", "följa-upp-budget"),
        ("render", "--out", str(tmp_path / "site"), "--rev", "HEAD"),
    ):
        result = procspec(*args, cwd=repo.root)
        assert result.returncode == 2, result.stderr
        assert "'processer' är ett eget git-förråd" in result.stderr
    assert not (tmp_path / "site").exists()
