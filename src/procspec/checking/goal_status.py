"""Where a goal stands: its status, when its follow-up is due, overdue activities (no terminal,
no HTML).

`render` (the uppföljningsplan, the goal overview) and `status` read these, so a controller sees
the same verdict on the intranet and in the terminal.

Sources: Örebro Steg 5 (goals with values, the uppföljningsplan) and Steg 6 (the aktivitetsplan,
"aktiviteterna ska följas upp så att man ser att de får effekt").
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from procspec.messages import add
from procspec.reading.dates import MONTHS_PER_FREQUENCY, add_months
from procspec.reading.model import Activity, Goal, Measure, Result

add(
    {
        "goal_status.uppnått": {"sv": "Uppnått", "en": "Reached"},
        "goal_status.på väg": {"sv": "På väg", "en": "On track"},
        "goal_status.ej uppnått": {"sv": "Ej uppnått", "en": "Not reached"},
        "goal_status.ej mätt": {"sv": "Ej mätt", "en": "Not measured"},
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
