"""Where a goal and an activity stand: goal status, follow-up due dates (no terminal, no HTML).

`render` (the uppföljningsplan, the goal overview), `goals` and `status` read these, so a
controller sees the same verdict on the intranet and in the terminal. Maturity (Örebro Bilaga 2)
is in `procspec.maturity`.

Sources: Örebro Steg 5 (goals with values, a baseline, the uppföljningsplan), Steg 6 (the
aktivitetsplan, "aktiviteterna ska följas upp så att man ser att de får effekt").
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from procspec.reading.dates import MONTHS_PER_FREQUENCY, add_months
from procspec.reading.model import Activity, Goal, Measure, Result


class GoalStatus(str, Enum):
    """A goal's standing: its latest result against the straight line from its baseline to its
    target (SPEC §4's `goals`)."""

    REACHED = "uppnått"
    ON_TRACK = "på väg"
    AT_RISK = "risk"
    NOT_REACHED = "ej uppnått"
    NO_RESULT = "utan utfall"


STATUS_ORDER = (
    GoalStatus.NOT_REACHED,
    GoalStatus.AT_RISK,
    GoalStatus.ON_TRACK,
    GoalStatus.REACHED,
    GoalStatus.NO_RESULT,
)
"""The statuses in the order a follow-up report shows them: what needs action first."""

TOLERANCE = 1e-9
"""Results are compared with the expected line after rounding noise (0.1 + 0.2)."""


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


def baseline(goal: Goal) -> tuple[date, float] | None:
    """Where the goal is measured from: `nuläge`, else its first result (Örebro Steg 5: "utan
    ett nuläge är inga jämförelser möjliga")."""
    if goal.baseline is not None:
        return goal.baseline.date, goal.baseline.value
    ordered = in_order(goal.results)
    return (ordered[0].date, ordered[0].value) if ordered else None


def direction(goal: Goal) -> str:
    """`öka` (at least) or `minska` (at most): as written, else read off the baseline and the
    target (a target below the baseline is to be reduced), else `öka`."""
    if goal.direction is not None:
        return goal.direction
    start = baseline(goal)
    if start is not None and goal.target is not None and goal.target < start[1]:
        return "minska"
    return "öka"


def reached(goal: Goal, value: float) -> bool:
    """Whether `value` meets the target in the goal's direction."""
    assert goal.target is not None
    if direction(goal) == "minska":
        return value <= goal.target + TOLERANCE
    return value >= goal.target - TOLERANCE


def expected(goal: Goal, day: date) -> float | None:
    """The value on the straight line from the baseline to the target at `senast`, on `day`
    (the baseline before it starts, the target after `senast`); None without the three."""
    start = baseline(goal)
    if start is None or goal.target is None or goal.deadline is None:
        return None
    first, value = start
    span = goal.deadline.toordinal() - first.toordinal()
    if span <= 0 or day >= goal.deadline:
        return goal.target
    if day <= first:
        return value
    share = (day.toordinal() - first.toordinal()) / span
    return value + (goal.target - value) * share


def goal_status(goal: Goal, today: date) -> GoalStatus:
    """The status of a goal on `today`.

    - uppnått: the latest result meets the target (`riktning` öka: at least, minska: at most);
    - ej uppnått: it does not, and `senast` has passed;
    - på väg: it is at or beyond the straight line from the baseline (`nuläge`, else the first
      result) to the target at `senast`, on the day of the latest result;
    - risk: it is behind that line;
    - utan utfall: no result, or no target to measure against.
    """
    last = latest(goal.results)
    if last is None or goal.target is None:
        return GoalStatus.NO_RESULT
    if reached(goal, last.value):
        return GoalStatus.REACHED
    if goal.deadline is not None and today > goal.deadline:
        return GoalStatus.NOT_REACHED
    line = expected(goal, last.date)
    if line is None:  # no deadline (PS402): compare with the baseline only
        start = baseline(goal)
        line = start[1] if start is not None else last.value
    if direction(goal) == "minska":
        ahead = last.value <= line + TOLERANCE
    else:
        ahead = last.value >= line - TOLERANCE
    return GoalStatus.ON_TRACK if ahead else GoalStatus.AT_RISK


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
