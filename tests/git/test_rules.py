"""PS601–PS603 on real git repositories: firing and staying silent."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import UTC, date
from pathlib import Path

from procspec.checking.checker import check_repository
from procspec.git.log import read_history
from procspec.git.revisions import History
from procspec.problem import Problem
from procspec.reading.repository import load_repository

from ..conftest import TODAY, said
from .conftest import GitRepo, shallow_clone

BUDGET = "processer/följa-upp-budget.yaml"
STYRNING = "processer/skapa-förutsättningar-för-styrning.yaml"


def problems(root: Path, code: str, today: date = TODAY) -> list[Problem]:
    repo = load_repository(root)
    outcome = check_repository(repo, today, read_history(root))
    return [p for p in outcome.problems if p.code == code]


def where(found: list[Problem]) -> list[tuple[str, int, int]]:
    return sorted((p.path, p.line, p.column) for p in found)


# --- PS601: due for review ---------------------------------------------------------------


def test_ps601_fires_when_neither_changed_nor_reviewed(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()  # committed 2025-01-10; today 2026-11-25; granskning 12 months
    found = problems(repo.root, "PS601")
    assert where(found) == [(BUDGET, 1, 1), (STYRNING, 1, 1)]
    assert all(p.severity.value == "warning" for p in found)
    assert "2025-01-10" in said(found[0].message) and "2026-01-10" in said(found[0].message)


def test_ps601_silent_after_a_recent_change(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-06-01T10:00:00+02:00")
    assert where(problems(repo.root, "PS601")) == [(STYRNING, 1, 1)]


def test_ps601_silent_after_a_review(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    text = repo.read(BUDGET) + "granskad:\n  av: anna.berg\n  datum: 2026-10-01\n"
    repo.write(BUDGET, text)
    repo.commit("Granskad", "2025-01-11T10:00:00+01:00")  # the commit itself is old
    assert where(problems(repo.root, "PS601")) == [(STYRNING, 1, 1)]


def test_ps601_points_at_an_old_review(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.write(BUDGET, repo.read(BUDGET) + "granskad:\n  av: anna.berg\n  datum: 2025-06-01\n")
    repo.commit("Granskad", "2025-06-01T10:00:00+02:00")
    found = [p for p in problems(repo.root, "PS601") if p.path == BUDGET]
    line = repo.read(BUDGET).splitlines().index("  datum: 2025-06-01") + 1
    assert [(p.line, p.column) for p in found] == [(line, 10)]
    assert "2025-06-01" in said(found[0].message)


def test_ps601_uncommitted_counts_as_today(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    assert where(problems(repo.root, "PS601")) == [(STYRNING, 1, 1)]


def test_ps601_follows_the_configured_period(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.write("procspec.yaml", repo.read("procspec.yaml") + "granskning_månader: 36\n")
    repo.commit("Granska vart tredje år", "2025-01-10T10:00:00+01:00")
    assert problems(repo.root, "PS601") == []


def test_ps601_in_a_shallow_clone_uses_what_is_known(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()
    repo.write("personer.yaml", repo.read("personer.yaml") + "# rättad\n")
    repo.commit("Rätta personer", "2025-01-20T10:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Gammal ändring", "2025-02-01T10:00:00+01:00")
    repo.replace(STYRNING, "namn:", "# kommentar\nnamn:")
    repo.commit("Ny ändring", "2026-10-01T10:00:00+02:00")
    clone = tmp_path / "klon"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "3", f"file://{repo.top}", str(clone)], check=True
    )
    # the budget file changed in the fetched part (2025-02-01): due; the other is recent
    assert read_history(clone).shallow
    assert where(problems(clone, "PS601")) == [(BUDGET, 1, 1)]


def test_ps601_depth_1_counts_the_boundary_as_the_last_change(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()  # one commit, 2025-01-10: more than 12 months before today
    old = shallow_clone(repo, tmp_path / "gammal", 1)
    found = problems(old.root, "PS601")
    assert where(found) == [(BUDGET, 1, 1), (STYRNING, 1, 1)]
    assert "2025-01-10" in said(found[0].message)
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-06-01T10:00:00+02:00")
    recent = shallow_clone(repo, tmp_path / "ny", 1)
    # the styrning file may have changed before 2026-06-01, never after: not due yet
    assert problems(recent.root, "PS601") == []


def test_ps601_depth_2_uses_the_boundary_for_unchanged_files(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Gammal ändring", "2025-02-01T10:00:00+01:00")
    repo.replace(BUDGET, "Kommunstyrelsen", "Nämnderna")
    repo.commit("Ny ändring", "2026-10-01T10:00:00+02:00")
    clone = shallow_clone(repo, tmp_path / "ci", 2)
    found = problems(clone.root, "PS601")
    assert where(found) == [(STYRNING, 1, 1)]
    assert "2025-02-01" in said(found[0].message)


# --- PS602: history absent or incomplete ---------------------------------------------------


def test_ps602_fires_outside_git(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    found = problems(root, "PS602")
    assert where(found) == [("procspec.yaml", 1, 1)]
    assert found[0].severity.value == "info"
    assert "git init" in said(found[0].message)
    assert problems(root, "PS601") == [] and problems(root, "PS603") == []


def test_ps602_fires_in_a_shallow_clone(git_repo: Callable[..., GitRepo], tmp_path: Path) -> None:
    repo = git_repo()
    clone = tmp_path / "klon"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.top}", str(clone)], check=True
    )
    found = problems(clone, "PS602")
    assert where(found) == [("procspec.yaml", 1, 1)]
    assert "fetch-depth: 0" in said(found[0].message)


def test_ps602_silent_with_full_history(git_repo: Callable[..., GitRepo]) -> None:
    assert problems(git_repo().root, "PS602") == []


def test_history_rules_skipped_when_no_history_was_read(make_repo: Callable[[str], Path]) -> None:
    outcome = check_repository(load_repository(make_repo("orebro")), TODAY)
    assert not [p for p in outcome.problems if p.code.startswith("PS6")]


def test_ps602_can_be_turned_off(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    settings = root / "procspec.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "regler:\n  PS602: 'off'\n", encoding="utf-8"
    )
    assert problems(root, "PS602") == []


# --- PS603: changed after approval ---------------------------------------------------------

APPROVAL = "fastställd:\n  av: anna.berg\n  datum: {day}\n"


def _approve(repo: GitRepo, day: str, when: str) -> None:
    text = repo.read(BUDGET)
    if "fastställd:" in text:
        text = text[: text.index("fastställd:")]
    repo.write(BUDGET, text + APPROVAL.format(day=day))
    repo.commit(f"Fastställd {day}", when)


def test_ps603_silent_when_the_approval_is_recorded_later(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-04T10:00:00+01:00")
    assert problems(repo.root, "PS603") == []


def test_ps603_fires_on_a_change_after_approval(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-01T16:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-04-10T10:00:00+02:00")
    found = problems(repo.root, "PS603")
    line = repo.read(BUDGET).splitlines().index("  datum: 2026-03-01") + 1
    assert where(found) == [(BUDGET, line, 10)]
    assert found[0].severity.value == "warning"
    assert "2026-04-10" in said(found[0].message) and "Ändra mottagare" in said(found[0].message)


def test_ps603_silent_after_a_new_approval(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-01T16:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-04-10T10:00:00+02:00")
    _approve(repo, "2026-04-20", "2026-04-22T10:00:00+02:00")
    assert problems(repo.root, "PS603") == []


def test_ps603_uncommitted_change_after_approval(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-01T16:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    found = problems(repo.root, "PS603")
    assert len(found) == 1 and "inte är incheckade" in said(found[0].message)


def test_ps603_uncommitted_approval_is_not_a_change(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.write(BUDGET, repo.read(BUDGET) + APPROVAL.format(day="2026-03-01"))
    assert problems(repo.root, "PS603") == []


def test_ps603_new_file_created_with_its_approval(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(commit=False)
    repo.write(BUDGET, repo.read(BUDGET) + APPROVAL.format(day="2024-03-01"))
    repo.commit("Första versionen, fastställd", "2026-03-01T16:00:00+01:00")
    assert problems(repo.root, "PS603") == []


def test_ps603_silent_after_only_a_move(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-01T16:00:00+01:00")
    repo.path("processer/styr").mkdir()
    repo.git("mv", BUDGET, "processer/styr/följa-upp-budget.yaml", cwd=repo.root)
    repo.commit("Flytta till styrprocesserna", "2026-04-10T10:00:00+02:00")
    assert problems(repo.root, "PS603") == []


def test_ps603_silent_after_only_a_review_record(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-01T16:00:00+01:00")
    text = repo.read(BUDGET).replace(
        "fastställd:", "granskad:\n  av: anna.berg\n  datum: 2026-04-10\nfastställd:"
    )
    repo.write(BUDGET, text)
    repo.commit("Granskad, aktuell", "2026-04-10T10:00:00+02:00")
    assert problems(repo.root, "PS603") == []


def test_ps603_fires_on_a_change_followed_by_a_move(git_repo: Callable[..., GitRepo]) -> None:
    """A move after a real change after the approval does not hide the change."""
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-01T16:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-04-10T10:00:00+02:00")
    repo.path("processer/styr").mkdir()
    repo.git("mv", BUDGET, "processer/styr/följa-upp-budget.yaml", cwd=repo.root)
    repo.commit("Flytta till styrprocesserna", "2026-04-20T10:00:00+02:00")
    assert len(problems(repo.root, "PS603")) == 1


def test_ps603_fires_on_a_review_that_also_changes_content(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-01T16:00:00+01:00")
    text = repo.read(BUDGET).replace(
        "fastställd:", "granskad:\n  av: anna.berg\n  datum: 2026-04-10\nfastställd:"
    )
    repo.write(BUDGET, text.replace("Nämnderna", "Kommunstyrelsen"))
    repo.commit("Granskad och ändrad", "2026-04-10T10:00:00+02:00")
    assert len(problems(repo.root, "PS603")) == 1


def test_ps603_silent_without_approval(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-04-10T10:00:00+02:00")
    assert problems(repo.root, "PS603") == []


def test_ps603_with_a_hand_made_history(make_repo: Callable[[str], Path]) -> None:
    """Without git objects to compare with, a change after the approval day is reported."""
    from datetime import datetime

    from procspec.git.revisions import Revision

    root = make_repo("orebro")
    target = root / BUDGET
    target.write_text(
        target.read_text(encoding="utf-8") + APPROVAL.format(day="2026-03-01"), encoding="utf-8"
    )
    when = datetime(2026, 5, 1, tzinfo=UTC)
    old = datetime(2026, 1, 1, tzinfo=UTC)
    history = History(
        files={BUDGET: [Revision("b" * 40, when, "A", "a@example.org", "Ändra", BUDGET),
                        Revision("a" * 40, old, "A", "a@example.org", "Skapa", BUDGET)]},
        available=True,
    )  # fmt: skip
    outcome = check_repository(load_repository(root), TODAY, history)
    assert [p.code for p in outcome.problems if p.code == "PS603"] == ["PS603"]


def test_ps603_depth_2_change_after_an_approval_at_the_boundary(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-01T16:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-04-10T10:00:00+02:00")
    clone = shallow_clone(repo, tmp_path / "ci", 2)
    found = problems(clone.root, "PS603")
    assert where(found) == [
        (BUDGET, clone.read(BUDGET).splitlines().index("  datum: 2026-03-01") + 1, 10)
    ]
    assert "Ändra mottagare" in said(found[0].message)


def test_ps603_depth_2_approval_recorded_in_the_fetched_part(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-04-10T10:00:00+02:00")
    _approve(repo, "2026-03-01", "2026-04-12T10:00:00+02:00")
    clone = shallow_clone(repo, tmp_path / "ci", 2)
    assert problems(clone.root, "PS603") == []


def test_ps603_the_boundary_is_not_a_known_change(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    """The oldest fetched commit shows the file, not when it changed: no PS603 from it alone."""
    repo = git_repo()
    _approve(repo, "2026-03-01", "2026-03-01T16:00:00+01:00")
    repo.replace(STYRNING, "namn:", "# kommentar\nnamn:")
    repo.commit("Ändra en annan process", "2026-04-10T10:00:00+02:00")
    for depth in (1, 2):
        clone = shallow_clone(repo, tmp_path / f"ci{depth}", depth)
        assert problems(clone.root, "PS603") == [], depth
        assert where(problems(clone.root, "PS602")) == [("procspec.yaml", 1, 1)]


def test_ps603_hand_made_history_boundary_is_not_a_change(make_repo: Callable[[str], Path]) -> None:
    from datetime import datetime

    from procspec.git.revisions import Revision

    root = make_repo("orebro")
    target = root / BUDGET
    target.write_text(
        target.read_text(encoding="utf-8") + APPROVAL.format(day="2026-03-01"), encoding="utf-8"
    )
    when = datetime(2026, 5, 1, tzinfo=UTC)
    revision = Revision("b" * 40, when, "A", "a@example.org", "Grund klon", BUDGET)
    history = History(files={BUDGET: [revision]}, available=True, shallow=True)
    outcome = check_repository(load_repository(root), TODAY, history)
    assert [p.code for p in outcome.problems if p.code == "PS603"] == ["PS603"]
    history.boundary = frozenset({"b" * 40})
    outcome = check_repository(load_repository(root), TODAY, history)
    assert [p.code for p in outcome.problems if p.code == "PS603"] == []
