"""Where a process stands: goal status, follow-up due dates and maturity (no terminal, no HTML).

`render` (the uppföljningsplan, the goal and maturity overviews) and `status` read these, so a
controller sees the same verdict on the intranet and in the terminal.

Sources: Örebro Steg 5 (goals with values, the uppföljningsplan), Steg 6 (the aktivitetsplan,
"aktiviteterna ska följas upp så att man ser att de får effekt") and Bilaga 2 (process maturity
after CMMI, levels 1–5). Bilaga 2 is a picture without criteria; the criteria below read each level
off what the documentation shows, and are documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from procspec.dates import MONTHS_PER_FREQUENCY, add_months
from procspec.messages import add
from procspec.model import Activity, Goal, Measure, Process, Result

add(
    {
        "goal_status.uppnått": {"sv": "Uppnått", "en": "Reached"},
        "goal_status.på väg": {"sv": "På väg", "en": "On track"},
        "goal_status.ej uppnått": {"sv": "Ej uppnått", "en": "Not reached"},
        "goal_status.ej mätt": {"sv": "Ej mätt", "en": "Not measured"},
        "maturity.1": {"sv": "1 Initial", "en": "1 Initial"},
        "maturity.2": {"sv": "2 Repeterbar", "en": "2 Repeatable"},
        "maturity.3": {"sv": "3 Definierad", "en": "3 Defined"},
        "maturity.4": {"sv": "4 Kvantitativt styrd", "en": "4 Quantitatively managed"},
        "maturity.5": {"sv": "5 Optimerande", "en": "5 Optimising"},
        "maturity.missing.owner": {"sv": "processägare", "en": "a process owner"},
        "maturity.missing.leader": {"sv": "processledare", "en": "a process leader"},
        "maturity.missing.purpose": {"sv": "syfte", "en": "a purpose"},
        "maturity.missing.recipients": {"sv": "mottagare", "en": "recipients"},
        "maturity.missing.goals": {
            "sv": "minst ett mätbart mål (med målvärde)",
            "en": "at least one measurable goal (with a target)",
        },
        "maturity.missing.follow_up": {
            "sv": "en uppföljningsplan för varje mål (frekvens, ansvarig, rapporteras till)",
            "en": "a follow-up plan for every goal (frequency, responsible, reported to)",
        },
        "maturity.missing.results": {
            "sv": "registrerade utfall för varje mål med målvärde",
            "en": "recorded results for every goal with a target",
        },
        "maturity.missing.effect": {
            "sv": "en klar aktivitet kopplad till ett mål, med observerad effekt",
            "en": "a completed activity tied to a goal, with an observed effect",
        },
    }
)


class GoalStatus(str, Enum):
    """A goal's standing by its latest result (`utfall`) against its target (`målvärde`)."""

    REACHED = "uppnått"
    ON_TRACK = "på väg"
    NOT_REACHED = "ej uppnått"
    NOT_MEASURED = "ej mätt"


def latest(results: list[Result]) -> Result | None:
    """The most recent result, by date (the last written wins a tie)."""
    best: Result | None = None
    for result in results:
        if best is None or result.date >= best.date:
            best = result
    return best


def in_order(results: list[Result]) -> list[Result]:
    """Results oldest first (stable for equal dates), as a chart draws them."""
    return sorted(results, key=lambda r: r.date)


def reached(goal: Goal, value: float) -> bool:
    """Whether `value` meets the target: `öka` means at least, `minska` at most (default öka)."""
    assert goal.target is not None
    if goal.direction == "minska":
        return value <= goal.target
    return value >= goal.target


def goal_status(goal: Goal, today: date) -> GoalStatus:
    """Uppnått when the latest result meets the target; ej uppnått when it does not and the
    deadline (`senast`) has passed; på väg before the deadline; ej mätt without results or target."""
    last = latest(goal.results)
    if last is None or goal.target is None:
        return GoalStatus.NOT_MEASURED
    if reached(goal, last.value):
        return GoalStatus.REACHED
    if goal.deadline is not None and today > goal.deadline:
        return GoalStatus.NOT_REACHED
    return GoalStatus.ON_TRACK


def follow_up_due(item: Goal | Measure) -> date | None:
    """When the next result is due: the latest result plus the follow-up frequency.

    None when there is no frequency or no result yet (nothing to count from).
    """
    frequency = item.follow_up.frequency if isinstance(item, Goal) and item.follow_up else None
    if isinstance(item, Measure):
        frequency = item.frequency
    last = latest(item.results)
    if frequency is None or last is None:
        return None
    return add_months(last.date, MONTHS_PER_FREQUENCY[frequency])


def overdue(activity: Activity, today: date) -> bool:
    """An activity past `klart_senast` that is neither klar nor avbruten (PS501)."""
    return activity.status not in ("klar", "avbruten") and activity.due < today


@dataclass(frozen=True)
class Maturity:
    """A maturity level 1–5 (Örebro Bilaga 2, CMMI) and the criteria of the next level not met."""

    level: int
    missing: tuple[str, ...]
    """Message keys (`maturity.missing.*`) of what the next level needs; empty at level 5."""


MATURITY_LEVELS = (1, 2, 3, 4, 5)


def maturity(model: Process, has_owner: bool, has_leader: bool) -> Maturity:
    """The highest level whose criteria, and those of every level below, the documentation meets.

    1 Initial: the process is specified (a valid file).
    2 Repeterbar: an owner and a leader (own or implied), a purpose and recipients.
    3 Definierad: at least one measurable goal (a target), and every goal has an uppföljningsplan
      with a frequency, a responsible person and a recipient of the report.
    4 Kvantitativt styrd: every goal with a target has at least one recorded result.
    5 Optimerande: at least one activity is klar with an observed effect, tied to a goal.

    `has_owner` and `has_leader` come from the context (inherited and implied roles count).
    """
    checks: list[tuple[str, ...]] = [
        tuple(
            key
            for key, ok in (
                ("owner", has_owner),
                ("leader", has_leader),
                ("purpose", bool(model.purpose.strip())),
                ("recipients", bool(model.recipients)),
            )
            if not ok
        ),
        tuple(
            key
            for key, ok in (
                ("goals", any(g.target is not None for g in model.goals)),
                (
                    "follow_up",
                    bool(model.goals)
                    and all(
                        g.follow_up is not None
                        and g.follow_up.frequency is not None
                        and g.follow_up.responsible is not None
                        and g.follow_up.reported_to is not None
                        for g in model.goals
                    ),
                ),
            )
            if not ok
        ),
        ()
        if any(g.target is not None for g in model.goals)
        and all(g.results for g in model.goals if g.target is not None)
        else ("results",),
        ()
        if any(a.status == "klar" and a.effect and a.goals for a in model.activities)
        else ("effect",),
    ]
    level = 1
    for missing in checks:
        if missing:
            return Maturity(level, missing)
        level += 1
    return Maturity(level, ())
