"""Earned process maturity: CMMI's five levels as Örebro Bilaga 2 names them, read off evidence.

Örebro Bilaga 2 ("Processmognad, baserat på Capability Maturity Model Integration (CMMI)") is a
figure; only its comment survives as text ("ca 80 procent av organisationerna ... har svårt att ta
sig till steg 3"). The criteria below are therefore procspec's reading of CMMI's levels, and they
ask for evidence that filling in a document once cannot produce: a flow that is mapped, approved
documentation that is still current, results recorded on time for at least a year, and
improvements whose effect shows in the results after them.

1 Initial       the process is specified (a valid process file).
2 Styrd         (CMMI Managed) an appointed owner, measurable goals (a target and a deadline) and an
                uppföljningsplan for every goal (how often, who measures, to whom it is reported).
3 Definierad    (CMMI Defined) the way of working is set down and decided: a processkarta where
                the flow suits one (Örebro Steg 4: not most styrprocesser "på koncernnivå", the
                profile's `styr_utan_karta_till_nivå`),
                routines or other documents (`dokument`), and an approval (`fastställd`) that is
                current — within `granskning_månader` and not past `gäller_till`.
4 Kvantitativt  (CMMI Quantitatively managed) every goal with a target has a baseline (`nuläge`),
  styrd         results that cover at least a year from it, and no follow-up missed: no gap
                between results longer than the goal's frequency allows, nor since the latest.
5 Optimerande   (CMMI Optimizing) a completed improvement activity tied to a goal, whose effect
                shows in that goal's results: a result after the activity is better than the last
                one before it.

Each level needs everything below it; `saknas` lists what the next level still needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from procspec.checking import goal_status as assess
from procspec.checking.hierarchy import Context
from procspec.messages import Words, say
from procspec.reading.dates import MONTHS_PER_FREQUENCY, add_days, add_months
from procspec.reading.model import Goal, Process
from procspec.reading.repository import ProcessRecord

LEVELS = (1, 2, 3, 4, 5)
YEAR_DAYS = 365
GRACE_DAYS = 14
"""Slack between two results: period ends differ (30 September, 31 December) and a report may
close a week or two after its period."""


@dataclass(frozen=True)
class Maturity:
    """A maturity level 1–5 and the message keys (`maturity.missing.*`) of what the next level
    still needs; empty at level 5."""

    level: int
    missing: tuple[str, ...]

    def to_dict(self, words: Words) -> dict[str, object]:
        """SPEC §4's `mognad` in `list --format json`: the level and the needs in words."""
        return {
            "nivå": self.level,
            "saknas": [words(say(f"maturity.missing.{key}")) for key in self.missing],
        }


def maturity(ctx: Context, record: ProcessRecord, model: Process) -> Maturity:
    """The highest level whose criteria, and those of every level below, the process meets."""
    measured = [g for g in model.goals if g.target is not None]
    steps: list[list[tuple[str, bool]]] = [
        [
            ("owner", bool(ctx.role(record.id, "processägare")[0])),
            ("goals", any(g.deadline is not None for g in measured)),
            ("follow_up", bool(model.goals) and all(_has_plan(g) for g in model.goals)),
        ],
        [
            ("map", not _needs_map(ctx, record, model) or model.flow_map is not None),
            ("documents", bool(model.documents)),
            ("approval", _approval_current(ctx, model)),
        ],
        [
            ("baseline", bool(measured) and all(g.baseline is not None for g in measured)),
            ("year", bool(measured) and all(_covers_a_year(g) for g in measured)),
            ("on_time", bool(measured) and all(_on_time(g, ctx.today) for g in measured)),
        ],
        [("effect", _effect_shows(model))],
    ]
    level = 1
    for step in steps:
        missing = tuple(key for key, ok in step if not ok)
        if missing:
            return Maturity(level, missing)
        level += 1
    return Maturity(level, ())


def _has_plan(goal: Goal) -> bool:
    plan = goal.follow_up
    return (
        plan is not None
        and plan.frequency is not None
        and plan.responsible is not None
        and plan.reported_to is not None
    )


def _needs_map(ctx: Context, record: ProcessRecord, model: Process) -> bool:
    """Örebro Steg 4: "Vissa processer lämpar sig dock inte att beskriva som ett flöde ... Ett
    exempel på det är de flesta styrprocesserna på koncernnivå": a styr-band process down to the
    profile's `styr_utan_karta_till_nivå` (the organisation-wide level) needs no map."""
    profile = ctx.repo.profile
    band = profile.band(model.kind)
    return not (band == "styr" and ctx.level(record.id) <= profile.styr_without_map_to_level)


def _approval_current(ctx: Context, model: Process) -> bool:
    approved = model.approved
    if approved is None:
        return False
    if approved.valid_until is not None and approved.valid_until < ctx.today:
        return False
    latest = max(approved.date, model.reviewed.date) if model.reviewed else approved.date
    return add_months(latest, ctx.repo.settings.review_months) >= ctx.today


def _start(goal: Goal) -> date | None:
    start = assess.baseline(goal)
    return start[0] if start is not None else None


def _covers_a_year(goal: Goal) -> bool:
    start, last = _start(goal), assess.latest(goal.results)
    return start is not None and last is not None and (last.date - start).days >= YEAR_DAYS


def _on_time(goal: Goal, today: date) -> bool:
    """No gap between the baseline and the results longer than the frequency allows (with
    `GRACE_DAYS` of slack), and the next result not yet overdue (as PS404 counts it)."""
    plan = goal.follow_up
    if plan is None or plan.frequency is None:
        return False
    months = MONTHS_PER_FREQUENCY[plan.frequency]
    days = [d for d in ([_start(goal)] + [r.date for r in goal.results]) if d is not None]
    days.sort()
    if not days:
        return False
    for before, after in pairwise(days):
        if add_days(add_months(before, months), GRACE_DAYS) < after:
            return False
    return add_months(days[-1], months) >= today


def _effect_shows(model: Process) -> bool:
    """A klar activity with an effekt, tied to a goal with a target, and a result of that goal
    after the activity (`klart_senast`) better than the last one on or before it."""
    goals = {g.id: g for g in model.goals if g.target is not None}
    for activity in model.activities:
        if activity.status != "klar" or not activity.effect:
            continue
        for gid in activity.goals:
            goal = goals.get(gid)
            if goal is None:
                continue
            points = [(r.date, r.value) for r in goal.results]
            if goal.baseline is not None:
                points.append((goal.baseline.date, goal.baseline.value))
            points.sort(key=lambda point: point[0])
            before = [value for day, value in points if day <= activity.due]
            after = [value for day, value in points if day > activity.due]
            if not before or not after:
                continue
            if assess.direction(goal) == "minska":
                improved = after[-1] < before[-1]
            else:
                improved = after[-1] > before[-1]
            if improved:
                return True
    return False
