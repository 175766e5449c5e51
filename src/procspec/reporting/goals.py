"""`procspec goals` in words: the terminal table's cells and CSV for a spreadsheet.

CSV is written for Excel in a Swedish locale: UTF-8 with a byte order mark (without it Excel reads
the file as Windows-1252 and garbles å, ä, ö), `;` between fields (the list separator when the
decimal separator is a comma) and numbers with a decimal comma.
"""

from __future__ import annotations

import csv
import io

from procspec.checking import goal_status as assess
from procspec.checking.goal_list import GoalRow
from procspec.messages import msg, number

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


CSV_NUMBERS = frozenset({"nuläge_värde", "målvärde", "senaste_utfall_värde"})
"""The columns that hold numbers, which a spreadsheet must read as numbers, a minus sign too."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def inert(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that would start a formula gets a leading
    `'`, as OWASP advises, so a description such as `=HYPERLINK(...)` in a process file runs
    nothing on the controller's computer. Numbers are never passed here: -5 stays a number."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
        cells = [
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
        writer.writerow(
            cell if column in CSV_NUMBERS else inert(cell)
            for column, cell in zip(CSV_COLUMNS, cells, strict=True)
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
