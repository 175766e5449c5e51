"""Each plan shows its own last change: the commit that changed the aktivitetsplan (`aktiviteter`)
or the uppföljningsplan (`mål`, `mått`), not the file's last commit. Real temporary git
repositories; the rendered pages are read as a reader reads them. Every test runs twice: in one
process, and with the plans' revisions found by a copy of the render (`trails_ahead`) and the
pages written by workers, as a large repository is rendered."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from procspec.features.render import render
from procspec.git.log import read_history
from procspec.reading.filestage import JOBS_VARIABLE
from procspec.reading.model import Process
from procspec.reading.repository import ProcessRecord, load_repository
from procspec.rendering import plan, trails_ahead
from procspec.rendering.pages import Ahead, Later, can_fork
from procspec.rendering.plantrail import Marks, from_marks, plan_trails, trail_marks
from procspec.rendering.view import Builder, ProcessView

from ..conftest import TODAY
from ..git.conftest import shallow_clone
from .conftest import GitRepo

BUDGET = "processer/följa-upp-budget.yaml"
SPEC = "folja-upp-budget.html"
ACTIVITIES = "folja-upp-budget.aktivitetsplan.html"
FOLLOW_UP = "folja-upp-budget.uppfoljningsplan.html"
FIRST = "2026-02-01"
"""The day `liten_git` commits the fixture."""


@pytest.fixture(
    autouse=True,
    params=["1", pytest.param("2", marks=pytest.mark.skipif(not can_fork(), reason="fork"))],
    ids=["one-process", "copies"],
)
def jobs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(JOBS_VARIABLE, request.param)
    return str(request.param)


def _dates(repo: GitRepo, tmp_path: Path, fmt: str = "html") -> dict[str, str]:
    """'Senast ändrad' of the three documents (the text before any note or link)."""
    out = tmp_path / f"ut-{fmt}"
    render(repo.root, out, today=TODAY, fmt=fmt, force=True)
    found = {}
    for name in (SPEC, ACTIVITIES, FOLLOW_UP):
        if fmt == "html":
            text = (out / name).read_text("utf-8")
            match = re.search(r"<dt>Senast ändrad</dt><dd>([^<(]*)", text)
        else:
            text = (out / name.replace(".html", ".md")).read_text("utf-8")
            match = re.search(r"^\| Senast ändrad \| ([^|(]*)", text, re.M)
        assert match, name
        found[name] = match.group(1).strip()
    return found


def _page(repo: GitRepo, tmp_path: Path, name: str) -> str:
    out = tmp_path / "ut-sida"
    render(repo.root, out, today=TODAY, force=True)
    return (out / name).read_text("utf-8")


def test_editing_the_specification_leaves_the_plans_dates(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    repo = liten_git()
    repo.replace(BUDGET, "syfte: Att säkra", "syfte: Att trygga")
    repo.replace(BUDGET, "    kritiskt: true", "    kritiskt: false")
    repo.commit("Skärp syftet", "2026-03-10T09:00:00+01:00")
    assert _dates(repo, tmp_path) == {SPEC: "2026-03-10", ACTIVITIES: FIRST, FOLLOW_UP: FIRST}
    assert _dates(repo, tmp_path, "md") == {
        SPEC: "2026-03-10",
        ACTIVITIES: FIRST,
        FOLLOW_UP: FIRST,
    }


def test_editing_the_aktivitetsplan_moves_only_its_date(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    repo = liten_git()
    repo.replace(BUDGET, "    status: pågående", "    status: klar")
    repo.commit("A2 är klar", "2026-03-10T09:00:00+01:00")
    repo.replace(BUDGET, "syfte: Att säkra", "syfte: Att trygga")
    repo.commit("Skärp syftet", "2026-04-20T09:00:00+02:00")
    assert _dates(repo, tmp_path) == {
        SPEC: "2026-04-20",
        ACTIVITIES: "2026-03-10",
        FOLLOW_UP: FIRST,
    }
    page = _page(repo, tmp_path, ACTIVITIES)
    history = page[page.index('id="revisionshistorik"') :]
    assert "A2 är klar" in history and "Lägg till processerna" in history
    assert "Skärp syftet" not in history  # the plan's own commits, not the file's
    assert "Incheckningarna som ändrade aktivitetsplanen." in history
    assert '@top-right { content: "2026-03-10"; }' in page  # the print header's date


def test_a_new_result_moves_only_the_uppfoljningsplan(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    repo = liten_git()
    repo.replace(
        BUDGET,
        "      - datum: 2026-09-30\n        värde: 2.5\n",
        "      - datum: 2026-09-30\n        värde: 2.5\n"
        "      - datum: 2026-12-31\n        värde: 2.2\n        analys: Nära målet.\n",
    )
    repo.commit("Utfall för december", "2027-01-12T09:00:00+01:00")
    assert _dates(repo, tmp_path) == {
        SPEC: "2027-01-12",
        ACTIVITIES: FIRST,
        FOLLOW_UP: "2027-01-12",
    }


def test_a_measure_is_part_of_the_uppfoljningsplan(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    repo = liten_git()
    repo.replace(BUDGET, "        värde: 220", "        värde: 221")
    repo.commit("Rätta antalet chefer", "2026-11-02T09:00:00+01:00")
    assert _dates(repo, tmp_path)[FOLLOW_UP] == "2026-11-02"


def test_renaming_the_file_is_not_a_change_to_the_plans(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    repo = liten_git()
    repo.path("processer/styrning").mkdir()
    repo.git("mv", "processer/följa-upp-budget.yaml", "processer/styrning/följa-upp-budget.yaml")
    repo.commit("Flytta till styrning", "2026-05-05T09:00:00+02:00")
    dates = _dates(repo, tmp_path)
    assert dates[ACTIVITIES] == FIRST and dates[FOLLOW_UP] == FIRST
    history = _page(repo, tmp_path, FOLLOW_UP)
    assert "Flytta till styrning" not in history[history.index('id="revisionshistorik"') :]


def test_reformatting_the_plan_is_not_a_change(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    """The plan is compared as data: another layout of the same list, a comment, or a comment
    line at the end of the file changes nothing a reader sees."""
    repo = liten_git()
    repo.replace(BUDGET, "    mål: [M1]\n    beslut:", "    mål:\n      - M1\n    beslut:")
    repo.replace(BUDGET, "aktiviteter:\n", "aktiviteter:  # utvecklingsaktiviteter (Steg 6)\n")
    repo.write(BUDGET, repo.read(BUDGET) + "# Granskad av processteamet.\n")
    repo.commit("Formatera om", "2026-05-05T09:00:00+02:00")
    dates = _dates(repo, tmp_path)
    assert dates == {SPEC: "2026-05-05", ACTIVITIES: FIRST, FOLLOW_UP: FIRST}


def test_a_plan_in_flow_style_is_compared_as_data(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    """A file that is not plain block YAML is parsed; the result is the same."""
    repo = liten_git()
    text = repo.read(BUDGET)
    repo.write(BUDGET, "---\n" + text)
    repo.commit("Dokumentmarkör", "2026-05-05T09:00:00+02:00")
    repo.replace(BUDGET, "Flytta prognosen in i", "Flytta prognosen till")
    repo.commit("Ny beskrivning av A2", "2026-06-06T09:00:00+02:00")
    assert _dates(repo, tmp_path) == {
        SPEC: "2026-06-06",
        ACTIVITIES: "2026-06-06",
        FOLLOW_UP: FIRST,
    }


def test_an_uncommitted_change_to_a_plan_is_said_not_dated(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    """A working-copy change keeps the last commit's date and says that there are changes that
    are not committed; the other plan says nothing of it."""
    repo = liten_git()
    repo.replace(BUDGET, "    status: pågående", "    status: klar")
    activities = _page(repo, tmp_path, ACTIVITIES)
    assert (
        f"<dt>Senast ändrad</dt><dd>{FIRST} (det finns ändringar som inte är incheckade)"
        in activities
    )
    follow_up = _page(repo, tmp_path, FOLLOW_UP)
    assert f"<dt>Senast ändrad</dt><dd>{FIRST} <span" in follow_up


def test_a_plan_never_written_says_so(liten_git: Callable[[], GitRepo], tmp_path: Path) -> None:
    """Snöröjning has neither activities nor goals: no commit changed its plans."""
    repo = liten_git()
    page = _page(repo, tmp_path, "tillhandahalla-snorojning.aktivitetsplan.html")
    assert "<dt>Senast ändrad</dt><dd>– <span" in page
    assert "Aktivitetsplanen har inte ändrats i någon incheckning." in page
    page = _page(repo, tmp_path, "tillhandahalla-snorojning.uppfoljningsplan.html")
    assert "Uppföljningsplanen har inte ändrats i någon incheckning." in page


def test_without_git_the_plans_say_there_is_no_history(liten: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    render(liten, out, today=TODAY)
    for name in (ACTIVITIES, FOLLOW_UP):
        page = (out / name).read_text("utf-8")
        assert "<dt>Senast ändrad</dt><dd>–</dd>" in page
        assert "Ingen git-historik finns" in page


def test_the_processkarta_has_its_own_date(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    """The processkarta page is kept in the same file: its date is the map's last change."""
    repo = liten_git()
    snow = "processer/tillhandahålla-snöröjning.yaml"
    page = "tillhandahalla-snorojning.processkarta.html"
    repo.replace(snow, "      namn: Larma\n", "      namn: Larma entreprenören\n")
    repo.commit("Tydligare processteg", "2026-03-03T09:00:00+01:00")
    repo.replace(snow, "när det har snöat.", "när det har snöat, dag som natt.")
    repo.commit("Skärp syftet", "2026-04-04T09:00:00+02:00")
    text = _page(repo, tmp_path, page)
    assert "<dt>Senast ändrad</dt><dd>2026-03-03 <span" in text
    assert '@top-right { content: "2026-03-03"; }' in text
    spec = _page(repo, tmp_path, "tillhandahalla-snorojning.html")
    assert "<dt>Senast ändrad</dt><dd>2026-04-04 <span" in spec


def test_a_new_uncommitted_process_says_its_plans_are_not_committed(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    repo = liten_git()
    text = repo.read(BUDGET).replace("namn: Följa upp budget", "namn: Följa upp prognoser")
    repo.write("processer/följa-upp-prognoser.yaml", text)
    page = _page(repo, tmp_path, "folja-upp-prognoser.aktivitetsplan.html")
    assert "<dt>Senast ändrad</dt><dd>ej incheckad" in page


def test_in_a_shallow_clone_the_oldest_fetched_commit_is_the_oldest_known_change(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    """CI often checks out one commit: the plans then date from it, and say the history may be
    incomplete, rather than claiming no change at all."""
    repo = liten_git()
    repo.replace(BUDGET, "syfte: Att säkra", "syfte: Att trygga")
    repo.commit("Skärp syftet", "2026-03-10T09:00:00+01:00")
    clone = shallow_clone(repo, tmp_path / "klon", 1)
    page = _page(clone, tmp_path, ACTIVITIES)
    assert "<dt>Senast ändrad</dt><dd>2026-03-10 <span" in page
    assert "Historiken kommer från en grund klon och kan vara ofullständig." in page


def test_an_empty_plan_written_out_is_no_plan(
    liten_git: Callable[[], GitRepo], tmp_path: Path
) -> None:
    """`aktiviteter: []` says what a missing key says: the plan has nothing yet."""
    repo = liten_git()
    snow = "processer/tillhandahålla-snöröjning.yaml"
    repo.write(snow, repo.read(snow) + "aktiviteter: []\n")
    repo.commit("Tom aktivitetsplan", "2026-03-03T09:00:00+01:00")
    page = _page(repo, tmp_path, "tillhandahalla-snorojning.aktivitetsplan.html")
    assert "<dt>Senast ändrad</dt><dd>– <span" in page
    assert "Aktivitetsplanen har inte ändrats i någon incheckning." in page


def test_the_copy_finds_the_same_revisions(
    liten_git: Callable[[], GitRepo], tmp_path: Path, jobs: str
) -> None:
    """What a copy of the render sends back (positions in each file's revisions) names the same
    revisions as the trails found in the render itself, a file renamed and one not committed
    among them; with one process no copy starts."""
    repo = liten_git()
    repo.replace(BUDGET, "    status: pågående", "    status: klar")
    repo.commit("A2 är klar", "2026-03-10T09:00:00+01:00")
    repo.path("processer/styrning").mkdir()
    moved = "processer/styrning/följa-upp-budget.yaml"
    repo.git("mv", BUDGET, moved)
    repo.commit("Flytta till styrning", "2026-03-12T09:00:00+01:00")
    repo.replace(moved, "    status: klar", "    status: avbruten")
    loaded = load_repository(repo.root)
    history = read_history(repo.root, processes=loaded.settings.processes)
    records = list(loaded.processes())
    found = plan_trails(history, records)
    assert from_marks(history, records, trail_marks(history, records)) == found
    budget = found["följa-upp-budget"]
    assert [(r.committed, r.subject) for r in budget.activities] == [
        (False, ""),
        (True, "A2 är klar"),
        (True, "Lägg till processerna"),
    ]
    assert [r.subject for r in budget.follow_up] == ["Lägg till processerna"]
    ahead = trails_ahead(loaded, history)
    try:
        if jobs == "1":
            assert ahead is None
        else:
            assert isinstance(ahead, Ahead)
            assert from_marks(history, records, ahead.value()) == found
    finally:
        if ahead is not None:
            ahead.cancel()


def test_the_plans_revisions_are_asked_for_after_every_view(
    liten_git: Callable[[], GitRepo], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A render plans every view before it asks for the plans' own revisions, which a copy of
    the process finds meanwhile (`trails_ahead`): the first view no longer waits for them."""
    repo = liten_git()
    loaded = load_repository(repo.root)
    history = read_history(repo.root)
    made: list[str] = []
    real = Builder.process

    def process(self: Builder, record: ProcessRecord, model: Process) -> ProcessView:
        made.append(record.id)
        return real(self, record, model)

    monkeypatch.setattr(Builder, "process", process)
    asked: list[int] = []

    def marks() -> Marks:
        asked.append(len(made))
        return trail_marks(history, list(loaded.processes()))

    found = plan(loaded, history, TODAY, trails=Later(marks))
    assert asked == [len(loaded.records)] and len(made) == len(loaded.records)
    page = found.text(found.names.index(ACTIVITIES))
    assert f"<dt>Senast ändrad</dt><dd>{FIRST}" in page
