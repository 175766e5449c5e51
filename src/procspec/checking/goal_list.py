"""Every goal of the repository as rows: what `procspec goals` shows (data, no words).

A controller takes this into the delårsrapport or a goal system: the process, the goal, who set
it, baseline, target, latest result and status (SPEC §4). Botkyrka follows results up "i första
hand inför delårs- och årsbokslut" (Bilaga 1, 3.2.1); Örebro wants "en möjlighet att jämföra
mellan processer" (Steg 5). `reporting.goals` writes the rows as a table or CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from procspec.checking import goal_status as assess
from procspec.checking.hierarchy import Context
from procspec.reading.model import Goal


@dataclass(frozen=True)
class GoalRow:
    """One goal with its process and its status on the day asked about."""

    process: str
    process_name: str
    goal: Goal
    status: assess.GoalStatus

    def to_dict(self) -> dict[str, Any]:
        """SPEC §4's `goals --format json` item."""
        goal = self.goal
        last = assess.latest(goal.results)
        baseline = goal.baseline
        return {
            "process": self.process,
            "id": goal.id,
            "beskrivning": goal.description,
            "typ": goal.kind,
            "målvärde": goal.target,
            "enhet": goal.unit,
            "riktning": assess.direction(goal) if goal.target is not None else goal.direction,
            "senast": goal.deadline.isoformat() if goal.deadline else None,
            "fastställt_av": goal.set_by,
            "nuläge": (
                {"datum": baseline.date.isoformat(), "värde": baseline.value} if baseline else None
            ),
            "senaste_utfall": (
                {
                    "datum": last.date.isoformat(),
                    "värde": last.value,
                    "kommentar": last.comment,
                    "analys": last.analysis,
                }
                if last
                else None
            ),
            "status": self.status.value,
        }


def goal_rows(ctx: Context, today: date) -> list[GoalRow]:
    """Every goal of every readable process, in file order and then the file's goal order."""
    return [
        GoalRow(record.id, model.name, goal, assess.goal_status(goal, today))
        for record, model in ctx.processes()
        for goal in model.goals
    ]
