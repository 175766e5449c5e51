"""Every goal of the repository as rows: what `procspec goals` prints (no terminal code).

A controller takes this into the delårsrapport or a goal system: the process, the goal, who set
it, baseline, target, latest result and status (SPEC §4). Botkyrka follows results up "i första
hand inför delårs- och årsbokslut" (Bilaga 1, 3.2.1); Örebro wants "en möjlighet att jämföra
mellan processer" (Steg 5).

CSV is written for Excel in a Swedish locale: UTF-8 with a byte order mark (without it Excel reads
the file as Windows-1252 and garbles å, ä, ö), `;` between fields (the list separator when the
decimal separator is a comma) and numbers with a decimal comma.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from procspec.checking import goal_status as assess
from procspec.checking.hierarchy import Context
from procspec.messages import msg
from procspec.reading.model import Goal

CSV_COLUMNS = (
    "process",
    "processnamn",
    "id",
    "beskrivning",
    "typ",
    "fastställt_av",
    "riktning",
    "enhet",
    "nuläge_datum",
    "nuläge_värde",
    "målvärde",
    "senast",
    "senaste_utfall_datum",
    "senaste_utfall_värde",
    "analys",
    "status",
)


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


def number(value: float | None, lang: str) -> str:
    """A number as a reader writes it: no trailing .0, a decimal comma in Swedish."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        text = str(int(value))
    else:
        text = f"{value:.10g}"
    return text.replace(".", ",") if lang == "sv" else text


def to_csv(found: list[GoalRow], lang: str) -> str:
    """The rows as CSV for a spreadsheet: a BOM, `;` between fields, and decimal commas in
    Swedish (decimal points in English); dates ISO 8601."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in found:
        data = row.to_dict()
        baseline = data["nuläge"] or {}
        last = data["senaste_utfall"] or {}
        writer.writerow(
            [
                row.process,
                row.process_name,
                data["id"],
                data["beskrivning"],
                data["typ"],
                data["fastställt_av"] or "",
                data["riktning"] or "",
                data["enhet"] or "",
                baseline.get("datum", ""),
                number(baseline.get("värde"), lang),
                number(data["målvärde"], lang),
                data["senast"] or "",
                last.get("datum", ""),
                number(last.get("värde"), lang),
                last.get("analys") or "",
                data["status"],
            ]
        )
    return "\ufeff" + buffer.getvalue()


def table_cells(row: GoalRow, lang: str) -> list[str]:
    """One row of the terminal table: process, goal, set by, baseline, target, latest, status."""
    goal = row.goal
    unit = f" {goal.unit}" if goal.unit else ""
    baseline = assess.baseline(goal)
    last = assess.latest(goal.results)
    target = ""
    if goal.target is not None:
        sign = "≤ " if assess.direction(goal) == "minska" else "≥ "
        target = f"{sign}{number(goal.target, lang)}{unit}"
        if goal.deadline:
            target += f" ({goal.deadline.isoformat()})"
    return [
        row.process,
        f"{goal.id} {goal.description}",
        goal.set_by or "",
        f"{number(baseline[1], lang)}{unit} ({baseline[0].isoformat()})" if baseline else "",
        target,
        f"{number(last.value, lang)}{unit} ({last.date.isoformat()})" if last else "",
        msg(f"goal_status.{row.status.value}", lang),
    ]
