"""Goal status, called directly (Örebro Steg 5–6); maturity has tests/test_maturity.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from procspec.checking.goal_status import GoalStatus, follow_up_due, goal_status, overdue
from procspec.reading.model import Process

BASE: dict[str, Any] = {
    "namn": "Följa upp budget",
    "typ": "stödprocess",
    "syfte": "Att nämnderna håller sin budget.",
    "starthändelse": "Månaden är slut.",
    "sluthändelse": "Prognosen är lämnad.",
    "mottagare": ["Nämnderna"],
}
FOLLOW_UP = {"frekvens": "kvartalsvis", "ansvarig": "anna.berg", "rapporteras_till": "KS"}


def process(**extra: Any) -> Process:
    return Process.model_validate({**BASE, **extra})


def goal(**extra: Any) -> dict[str, Any]:
    return {"id": "M1", "typ": "resultatmål", "beskrivning": "Prognossäkerhet", "mått": "Avvikelse",
            "enhet": "%", "målvärde": 2, "riktning": "minska", "senast": "2027-12-31", **extra}  # fmt: skip


def test_a_goal_without_results_is_not_measured() -> None:
    [g] = process(mål=[goal()]).goals
    assert goal_status(g, date(2026, 11, 25)) is GoalStatus.NO_RESULT


def test_a_goal_reached_and_not_reached() -> None:
    [reached] = process(mål=[goal(utfall=[{"datum": "2026-06-30", "värde": 1.5}])]).goals
    [missed] = process(mål=[goal(utfall=[{"datum": "2026-06-30", "värde": 4}])]).goals
    assert goal_status(reached, date(2026, 11, 25)) is GoalStatus.REACHED
    assert goal_status(missed, date(2028, 1, 1)) is GoalStatus.NOT_REACHED


def test_follow_up_due_counts_from_the_latest_result() -> None:
    [g] = process(
        mål=[goal(uppföljning=FOLLOW_UP, utfall=[{"datum": "2026-06-30", "värde": 1.5}])]
    ).goals
    assert follow_up_due(g) == date(2026, 9, 30)


def test_an_activity_past_its_date_is_overdue_unless_done() -> None:
    activity = {"id": "A1", "beskrivning": "Ny prognosmall", "ansvarig": "anna.berg",
                "klart_senast": "2026-01-31", "status": "pågående"}  # fmt: skip
    [open_] = process(aktiviteter=[activity]).activities
    [done] = process(aktiviteter=[{**activity, "status": "klar"}]).activities
    assert overdue(open_, date(2026, 11, 25)) and not overdue(done, date(2026, 11, 25))
