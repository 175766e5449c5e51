"""The model as the documents show it: plain view data for the templates (no markup here).

Everything a template prints is worked out here — effective and inherited roles with names,
links between documents, goal status, charts' coordinates — and sorted, so the templates only
lay it out and the output is the same for the same input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from typing import TYPE_CHECKING

from procspec.checking import goal_status as assess
from procspec.checking.hierarchy import Context
from procspec.checking.maturity import LEVELS as MATURITY_LEVELS
from procspec.checking.maturity import Maturity, maturity
from procspec.checking.process_list import Holder, Row, holder, order_key, rows
from procspec.git.revisions import History, Revision
from procspec.messages import msg, msg_n, number
from procspec.reading import links
from procspec.reading.model import Goal, Measure, Process, Result
from procspec.reading.repository import ProcessRecord
from procspec.reading.slug import slug
from procspec.rendering.charts import BandSpec, Chart, MapItem, ProcessMap, process_map, trend_chart
from procspec.rendering.flowview import FLOW_SUFFIX, FlowView, flow_view
from procspec.rendering.plantrail import Marks, PlanTrails, from_marks, plan_trails

if TYPE_CHECKING:
    from procspec.rendering.pages import Later

BAND_ORDER = {"styr": 0, "huvud": 1, "stöd": 2}
_KEPT = frozenset({str, int})
"""The kinds of parameter a label is kept for (`Builder.t`): text and whole numbers, each
written one way (not `bool`, which equals 1 and 0)."""
STATUS_CLASS = {
    assess.GoalStatus.REACHED: ("ok", "✓"),
    assess.GoalStatus.ON_TRACK: ("track", "→"),
    assess.GoalStatus.AT_RISK: ("risk", "!"),
    assess.GoalStatus.NOT_REACHED: ("bad", "✗"),
    assess.GoalStatus.NO_RESULT: ("none", "○"),
}
ACTIVITY_ORDER = {"pågående": 0, "planerad": 1, "klar": 2, "avbruten": 3}

SPEC_SUFFIX = ""
ACTIVITIES_SUFFIX = ".aktivitetsplan"
FOLLOW_UP_SUFFIX = ".uppfoljningsplan"
OVERVIEWS = {"index": "index", "goals": "maloversikt", "maturity": "mognad"}


def with_unit(value: float, unit: str | None, lang: str) -> str:
    text = number(value, lang)
    return f"{text}\u00a0{unit}" if unit else text


@dataclass(frozen=True)
class Pages:
    """File names of one process's three documents, for one output format."""

    spec: str
    activities: str
    follow_up: str
    flow_map: str


def goal_anchor(number: int) -> str:
    """The anchor of a process's goal number `number` (from 1) on its uppföljningsplan."""
    return f"mal-{number}"


def measure_anchor(number: int) -> str:
    """The anchor of a process's measure number `number` (from 1) on its uppföljningsplan."""
    return f"matt-{number}"


def activity_anchor(number: int) -> str:
    """The anchor of a process's activity number `number` (from 1) on its aktivitetsplan."""
    return f"aktivitet-{number}"


@cache  # asked for again and again: every link to a process, every page of it
def pages_of(pid: str, ext: str) -> Pages:
    base = slug(pid)
    return Pages(
        f"{base}{SPEC_SUFFIX}.{ext}",
        f"{base}{ACTIVITIES_SUFFIX}.{ext}",
        f"{base}{FOLLOW_UP_SUFFIX}.{ext}",
        f"{base}{FLOW_SUFFIX}.{ext}",
    )


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None
    note: str | None = None


@dataclass(frozen=True)
class RoleView:
    key: str
    label: str
    holders: list[Holder]
    note: str | None


@dataclass(frozen=True)
class RevisionView:
    date: str | None
    author: str
    description: str
    version: str | None


@dataclass
class HistoryView:
    available: bool
    note: str | None
    revisions: list[RevisionView]
    last_change: str | None
    uncommitted: bool
    scope: str | None = None
    """What the revisions are, when not every commit to the file (a plan's own changes)."""
    empty: str | None = None
    """What to say when no revision is listed, when not that the file has no commits."""


@dataclass(frozen=True)
class ResultView:
    date: str
    value: str
    comment: str | None
    analysis: str | None = None


@dataclass
class GoalView:
    id: str
    anchor: str
    description: str
    kind: str
    deadline: str | None
    set_by: str | None
    measure: str | None
    target: str | None
    method: str | None
    frequency: str | None
    responsible: Holder | None
    reported_to: Holder | None
    reported_text: str | None
    handling: str | None
    status: str
    status_label: str
    status_class: str
    status_icon: str
    latest: str
    next_due: str | None
    next_overdue: bool
    results: list[ResultView]
    chart: Chart | None
    chart_desc: str
    activities: list[Link] = field(default_factory=list)
    baseline: str | None = None
    """The baseline as "82 % (2026-01-15)"."""
    latest_short: str | None = None
    """The latest result as "84 % (2026-11-06)"."""
    analysis: str | None = None
    """The latest result's analysis."""


@dataclass
class MeasureView:
    id: str
    anchor: str
    description: str
    unit: str | None
    frequency: str | None
    latest: str
    results: list[ResultView]
    chart: Chart | None
    chart_desc: str


@dataclass(frozen=True)
class ActivityView:
    id: str
    anchor: str
    description: str
    status: str
    status_label: str
    overdue: bool
    responsible: Holder
    start: str | None
    due: str
    goals: list[Link]
    decision: str | None
    effect: str | None
    source: str | None = None
    priority: str | None = None
    priority_label: str | None = None


@dataclass(frozen=True)
class Requirement:
    kind: str
    description: str
    critical: bool


@dataclass
class ProcessView:
    id: str
    name: str
    pages: Pages
    kind: str
    band: str
    level: int
    show_level: bool
    parent: Link | None
    children: list[Link]
    adjacent: list[Link]
    owners: RoleView
    leader: RoleView
    responsible: RoleView | None
    team: list[Holder]
    support: list[tuple[str, Holder]] | None
    forums: list[str]
    purpose: str
    start_event: str
    end_event: str
    recipients: list[str]
    requirements: list[Requirement]
    documents: list[Link]
    goals: list[GoalView]
    measures: list[MeasureView]
    activities: list[ActivityView]
    activity_summary: str
    approval: dict[str, object] | None
    reviewed: str | None
    history: HistoryView
    maturity: Maturity
    maturity_label: str
    maturity_missing: list[str]
    has_flow: bool = False
    """Whether the process has a map, and so a processkarta page."""
    flow_source: Callable[[], FlowView | None] | None = field(default=None, repr=False)
    """Makes the processkarta page's view: laid out and drawn only when that page is rendered
    (in whichever process renders it), and not kept: the overviews never need it."""
    activities_history: HistoryView | None = None
    """The aktivitetsplan's own changes (`procspec.rendering.plantrail`)."""
    follow_up_history: HistoryView | None = None
    """The uppföljningsplan's own changes."""
    flow_map_history: HistoryView | None = None
    """The processkarta's own changes."""

    @property
    def flow(self) -> FlowView | None:
        """The processkarta page (`procspec.render.flowview`), when the process has a map."""
        return self.flow_source() if self.flow_source is not None else None


class Builder:
    """Builds the views of one repository for one output format (`ext`: html or md)."""

    def __init__(
        self, ctx: Context, history: History | None, ext: str, trails: Later | None = None
    ) -> None:
        """`trails`: the plans' own revisions of every process file as `Marks`, when a copy of
        the process finds them (`rendering.trails_ahead`); else they are found here when the
        first page asks."""
        self.ctx = ctx
        self.history = history
        self.ext = ext
        self.lang = ctx.lang
        self.rows = {row.id: row for row in rows(ctx)}
        self.order = self._tree_order()
        self._trails: dict[str, PlanTrails] | None = None
        self._marks = trails
        self._labels: dict[object, str] = {}
        """Labels with text or whole-number parameters (or none), made once: the pages of a
        render ask for the same few again and again."""
        self._counted: dict[tuple[object, ...], str] = {}
        """`tn`'s sentences, made once as `_labels`."""
        self.memo: dict[tuple[str, str], str] = {}
        """Words made from a value once per render, by kind and value (durations)."""

    def t(self, key: str, /, **params: object) -> str:
        """The page label `key`: the profile's own words on Swedish pages, else the catalogue's."""
        if not params:
            found = self._labels.get(key)
            if found is None:
                found = self._labels[key] = self._label(key)
            return found
        for value in params.values():
            if type(value) not in _KEPT:
                return self._label(key, **params)
        memo = (key, *params.items())
        found = self._labels.get(memo)
        if found is None:
            found = self._labels[memo] = self._label(key, **params)
        return found

    def _label(self, key: str, /, **params: object) -> str:
        own = self.ctx.repo.profile.term(key) if self.lang == "sv" else None
        if own is not None:
            return own.format(**params) if params else own
        return msg(f"render.{key}", self.lang, **params)

    def _subject(self, revision: Revision) -> str:
        """A revision's subject; a change not committed yet says so."""
        return revision.subject if revision.committed else msg("git.uncommitted", self.lang)

    def tn(self, key: str, number: int, /, **params: object) -> str:
        """`t` for a sentence about `number` things (singular when it is 1)."""
        if type(number) is not int or any(type(v) not in _KEPT for v in params.values()):
            return msg_n(f"render.{key}", self.lang, number, **params)
        memo = (key, number, *params.items())
        found = self._counted.get(memo)
        if found is None:
            found = self._counted[memo] = msg_n(f"render.{key}", self.lang, number, **params)
        return found

    # --- ordering ---

    def _sort_key(self, row: Row) -> tuple[int, int, int, str, str]:
        band = self.ctx.repo.profile.band(row.kind)
        return (BAND_ORDER[band], *order_key(row))

    def children(self, pid: str) -> list[Row]:
        row = self.rows.get(pid)
        if row is None:
            return []
        found = [self.rows[c] for c in row.children if c in self.rows and c != pid]
        return sorted(found, key=order_key)

    def _tree_order(self) -> list[tuple[Row, int]]:
        """Every process once, depth first from the roots, with its depth in the tree; without
        recursion, so a chain of any length renders."""
        order: list[tuple[Row, int]] = []
        seen: set[str] = set()

        def visit(start: Row) -> None:
            stack = [(start, 0)]
            while stack:
                row, depth = stack.pop()
                if row.id in seen:
                    continue
                seen.add(row.id)
                order.append((row, depth))
                stack.extend((child, depth + 1) for child in reversed(self.children(row.id)))

        roots = [r for r in self.rows.values() if r.parent is None or r.parent not in self.rows]
        for row in sorted(roots, key=self._sort_key):
            visit(row)
        # Processes in a cycle (possible only when PS302 is switched off) have no root.
        for row in sorted(self.rows.values(), key=self._sort_key):
            visit(row)
        return order

    def records(self) -> list[tuple[ProcessRecord, Process]]:
        """Processes in tree order."""
        return [
            (self.ctx.by_id[row.id], model)
            for row, _ in self.order
            if (model := self.ctx.by_id[row.id].model) is not None
        ]

    # --- small pieces ---

    def link(self, pid: str, kind: str = "spec", note: str | None = None) -> Link:
        row = self.rows.get(pid)
        if row is None:
            return Link(self.t("spec.unknown_process", id=pid), None, note)
        return Link(row.name, getattr(pages_of(pid, self.ext), kind), note)

    def kind_label(self, kind: str) -> str:
        return kind[:1].upper() + kind[1:]

    def person(self, key: str) -> Holder:
        return holder(self.ctx, key)

    def _origin(self, pid: str, role: str) -> str | None:
        """The nearest ancestor that names `role` itself (where an inherited role comes from)."""
        for ancestor in self.ctx.chain(pid)[1:]:
            model = self.ctx.by_id[ancestor].model
            if model is not None and Context._own(model, role):
                return model.name
        return None

    def role(self, pid: str, role: str) -> RoleView:
        keys, inherited = self.ctx.role(pid, role)
        note = None
        if inherited:
            origin = self._origin(pid, role)
            note = self.t("role.inherited", parent=origin) if origin else None
        return RoleView(role, self.t(f"role.{role}"), [self.person(k) for k in keys], note)

    def people(self, pid: str) -> list[str]:
        """The names (else keys) of a process's owners, then of its leaders, as its views show
        them, without the roles' notes."""
        owners, _ = self.ctx.role(pid, "processägare")
        leaders, _ = self.ctx.leader(pid)
        return [(found := self.person(k)).name or found.key for k in [*owners, *leaders]]

    def leader(self, pid: str) -> RoleView:
        keys, via = self.ctx.leader(pid)
        note = None
        if via is not None:
            note = self.tn(f"role.implied.{via}", len(keys))
            _, inherited = self.ctx.role(pid, via)
            if inherited and (origin := self._origin(pid, via)):
                note += f", {self.t('role.inherited', parent=origin)}"
        label = self.t("role.processledare")
        return RoleView("processledare", label, [self.person(k) for k in keys], note)

    def target_text(self, goal: Goal) -> str | None:
        if goal.target is None:
            return None
        value = with_unit(goal.target, goal.unit, self.lang)
        key = "fu.at_most" if assess.direction(goal) == "minska" else "fu.at_least"
        return self.t(key, value=value)

    def results(self, results: list[Result], unit: str | None) -> list[ResultView]:
        return [
            ResultView(
                r.date.isoformat(), with_unit(r.value, unit, self.lang), r.comment, r.analysis
            )
            for r in assess.in_order(results)
        ]

    def chart(
        self,
        item_id: str,
        results: list[Result],
        unit: str | None,
        target: str | None,
        target_value: float | None,
        goal: Goal | None = None,
    ) -> tuple[Chart | None, str]:
        ordered = assess.in_order(results)
        series = [(r.date, float(r.value), with_unit(r.value, unit, self.lang)) for r in ordered]
        label = self.t("chart.target", value=target) if target else None
        expected = None
        if goal is not None and goal.target is not None and goal.deadline is not None:
            start = assess.baseline(goal)
            if start is not None and start[0] < goal.deadline:
                expected = ((start[0], float(start[1])), (goal.deadline, float(goal.target)))
        chart = trend_chart(
            series,
            target_value,
            lambda v: number(v, self.lang),
            label,
            expected,
            self.t("chart.expected") if expected else None,
        )
        if not ordered or chart is None:
            return None, ""
        params = {
            "count": len(ordered),
            "first": ordered[0].date.isoformat(),
            "last": ordered[-1].date.isoformat(),
            "first_value": series[0][2],
            "last_value": series[-1][2],
        }
        extra = ""
        if chart.expected is not None and expected is not None:
            extra += " " + self.t(
                "chart.desc_expected",
                start=with_unit(expected[0][1], unit, self.lang),
                start_date=expected[0][0].isoformat(),
                end=with_unit(expected[1][1], unit, self.lang),
                end_date=expected[1][0].isoformat(),
            )
        if chart.broken:
            extra += " " + self.t("chart.desc_broken", value=chart.y_ticks[0].label)
        if target:
            desc = self.tn("chart.desc_target", len(ordered), target=target, **params)
        else:
            desc = self.tn("chart.desc", len(ordered), **params)
        return chart, desc + extra

    # --- documents ---

    def history_of(
        self, record: ProcessRecord, revisions: list[Revision] | None = None
    ) -> HistoryView:
        """The file's revisions, or the given ones (a plan's own)."""
        if self.history is None or not self.history.available:
            # Not git's reason: it names local paths, which do not belong in a published page.
            return HistoryView(False, self.t("meta.no_history_plain"), [], None, False)
        if revisions is None:
            revisions = self.history.of(record.rel)
        views = []
        uncommitted = False
        last: str | None = None
        for revision in revisions:
            if revision.committed:
                day = revision.date.date().isoformat()
                last = last or day
                views.append(
                    RevisionView(day, revision.author, self._subject(revision), revision.short)
                )
            else:
                uncommitted = True
                views.append(
                    RevisionView(None, revision.author, self.t("history.uncommitted"), None)
                )
        note = self.t("meta.shallow") if self.history.shallow else None
        return HistoryView(True, note, views, last, uncommitted)

    def plan_history(self, record: ProcessRecord, plan: str) -> HistoryView:
        """One plan's own changes (`activities`, `follow_up` or `flow_map`): the commits that changed what
        the plan shows, not every commit to the file. Without git, what the file's history says
        (that there is none)."""
        if self.history is None or not self.history.available:
            return self.history_of(record)
        if self._trails is None:
            records = [r for r, _ in self.records()]
            marks: Marks | None = self._marks.value() if self._marks is not None else None
            self._trails = (
                from_marks(self.history, records, marks)
                if marks is not None
                else plan_trails(self.history, records)
            )
        trail = self._trails.get(record.id)
        revisions = getattr(trail, plan) if trail is not None else []
        found = self.history_of(record, revisions)
        found.scope = self.t(f"history.scope.{plan}")
        found.empty = self.t(f"history.plan_none.{plan}")
        return found

    def goal(self, pid: str, index: int, goal: Goal, model: Process) -> GoalView:
        status = assess.goal_status(goal, self.ctx.today)
        css, icon = STATUS_CLASS[status]
        target = self.target_text(goal)
        last = assess.latest(goal.results)
        if last is None:
            latest = self.t("fu.no_results")
        elif target:
            latest = self.t(
                "fu.latest",
                value=with_unit(last.value, goal.unit, self.lang),
                date=last.date.isoformat(),
                target=target,
            )
        else:
            latest = self.t(
                "fu.latest_plain",
                value=with_unit(last.value, goal.unit, self.lang),
                date=last.date.isoformat(),
            )
        due = assess.follow_up_due(goal)
        follow = goal.follow_up
        reported_holder: Holder | None = None
        reported_text: str | None = None
        if follow is not None and follow.reported_to:
            if follow.reported_to in self.ctx.roster:
                reported_holder = self.person(follow.reported_to)
            else:
                reported_text = follow.reported_to
        chart, desc = self.chart(goal.id, goal.results, goal.unit, target, goal.target, goal)
        pages = pages_of(pid, self.ext)
        activities = [
            Link(f"{a.id}: {a.description}", f"{pages.activities}#{activity_anchor(i)}")
            for i, a in enumerate(model.activities, 1)
            if goal.id in a.goals
        ]
        return GoalView(
            id=goal.id,
            anchor=goal_anchor(index),
            description=goal.description,
            kind=goal.kind,
            deadline=goal.deadline.isoformat() if goal.deadline else None,
            set_by=goal.set_by,
            measure=goal.measure,
            target=target,
            method=follow.method if follow else None,
            frequency=follow.frequency if follow else None,
            responsible=self.person(follow.responsible) if follow and follow.responsible else None,
            reported_to=reported_holder,
            reported_text=reported_text,
            handling=follow.handling if follow else None,
            status=status.value,
            status_label=msg(f"goal_status.{status.value}", self.lang),
            status_class=css,
            status_icon=icon,
            latest=latest,
            next_due=due.isoformat() if due else None,
            next_overdue=due is not None and due < self.ctx.today,
            results=self.results(goal.results, goal.unit),
            chart=chart,
            chart_desc=desc,
            activities=activities,
            baseline=(
                f"{with_unit(goal.baseline.value, goal.unit, self.lang)} "
                f"({goal.baseline.date.isoformat()})"
                if goal.baseline
                else None
            ),
            latest_short=(
                f"{with_unit(last.value, goal.unit, self.lang)} ({last.date.isoformat()})"
                if last
                else None
            ),
            analysis=last.analysis if last else None,
        )

    def measure(self, index: int, measure: Measure) -> MeasureView:
        last = assess.latest(measure.results)
        latest = (
            self.t(
                "fu.latest_plain",
                value=with_unit(last.value, measure.unit, self.lang),
                date=last.date.isoformat(),
            )
            if last
            else self.t("fu.no_results")
        )
        chart, desc = self.chart(measure.id, measure.results, measure.unit, None, None)
        return MeasureView(
            id=measure.id,
            anchor=measure_anchor(index),
            description=measure.description,
            unit=measure.unit,
            frequency=measure.frequency,
            latest=latest,
            results=self.results(measure.results, measure.unit),
            chart=chart,
            chart_desc=desc,
        )

    def activities(self, pid: str, model: Process) -> tuple[list[ActivityView], str]:
        pages = pages_of(pid, self.ext)
        goal_index = {g.id: i for i, g in enumerate(model.goals, 1)}
        views = []
        for i, activity in enumerate(model.activities, 1):
            goals = [
                Link(
                    g,
                    f"{pages.follow_up}#{goal_anchor(goal_index[g])}" if g in goal_index else None,
                )
                for g in activity.goals
            ]
            views.append(
                ActivityView(
                    id=activity.id,
                    anchor=activity_anchor(i),
                    description=activity.description,
                    status=activity.status,
                    status_label=self.t(f"act.status.{activity.status}"),
                    overdue=assess.overdue(activity, self.ctx.today),
                    responsible=self.person(activity.responsible),
                    start=activity.start.isoformat() if activity.start else None,
                    due=activity.due.isoformat(),
                    goals=goals,
                    decision=activity.decision,
                    effect=activity.effect,
                    source=activity.source,
                    priority=activity.priority,
                    priority_label=(
                        self.t(f"act.priority.{activity.priority}") if activity.priority else None
                    ),
                )
            )
        counts: Counter[str] = Counter(str(a.status) for a in model.activities)
        counts["overdue"] = sum(1 for a in views if a.overdue)
        parts = [
            self.tn(f"act.count.{key}", counts[key], n=counts[key])
            for key in ("pågående", "planerad", "klar", "avbruten", "overdue")
            if counts[key]
        ]
        summary = self.tn(
            "act.summary",
            len(model.activities),
            total=len(model.activities),
            counts=", ".join(parts),
        )
        return views, summary

    def process(self, record: ProcessRecord, model: Process) -> ProcessView:
        """The view of a process's documents, but for its plans' own changes
        (`add_plan_histories`)."""
        pid = record.id
        profile = self.ctx.repo.profile
        uses = set(profile.roles)
        children = [self.link(c.id) for c in self.children(pid)]
        adjacent = sorted(
            (self.link(a.process, note=a.interface) for a in model.adjacent),
            key=lambda link: (link.text.casefold(), link.href or ""),
        )
        support: list[tuple[str, Holder]] | None = None
        if "processtöd" in uses:
            support = []
            if model.support is not None:
                for key, value in (
                    ("processhandledare", model.support.facilitator),
                    ("processkommunikatör", model.support.communicator),
                    ("processcontroller", model.support.controller),
                ):
                    if value:
                        support.append((self.t(f"role.{key}"), self.person(value)))
        approval: dict[str, object] | None = None
        if model.approved is not None:
            approval = {
                "by": self.person(model.approved.by),
                "date": model.approved.date.isoformat(),
                "reference": model.approved.reference,
            }
        reviewed = None
        if model.reviewed is not None:
            who = self.person(model.reviewed.by)
            reviewed = self.t(
                "meta.reviewed_by", date=model.reviewed.date.isoformat(), name=who.name or who.key
            )
        owners = self.role(pid, "processägare")
        leader = self.leader(pid)
        # Botkyrka 2.4: the role starts at level 2, so a level-1 page does not say "Ej utsedd".
        level_rule_has_responsible = "processansvarig" in uses and (
            "processansvarig" not in profile.rule_for(self.ctx.level(pid)).absent_roles
            or model.responsible is not None
        )
        mature = maturity(self.ctx, record, model)
        activities, summary = self.activities(pid, model)
        return ProcessView(
            id=pid,
            name=model.name,
            pages=pages_of(pid, self.ext),
            kind=self.kind_label(model.kind),
            band=profile.band(model.kind),
            level=self.ctx.level(pid),
            show_level=profile.level_required or model.level is not None,
            parent=self.link(model.parent) if model.parent else None,
            children=children,
            adjacent=adjacent,
            owners=owners,
            leader=leader,
            responsible=self.role(pid, "processansvarig") if level_rule_has_responsible else None,
            team=[self.person(k) for k in model.team],
            support=support,
            forums=list(model.forums),
            purpose=model.purpose,
            start_event=model.start_event,
            end_event=model.end_event,
            recipients=list(model.recipients),
            requirements=[
                Requirement(r.kind, r.description, r.critical) for r in model.requirements
            ],
            documents=[Link(d.title, links.emitted(d.link)) for d in model.documents],
            goals=[self.goal(pid, i, g, model) for i, g in enumerate(model.goals, 1)],
            measures=[self.measure(i, m) for i, m in enumerate(model.measures, 1)],
            activities=activities,
            activity_summary=summary,
            approval=approval,
            reviewed=reviewed,
            history=self.history_of(record),
            maturity=mature,
            maturity_label=msg(f"maturity.{mature.level}", self.lang),
            maturity_missing=[msg(f"maturity.missing.{key}", self.lang) for key in mature.missing],
            has_flow=model.flow_map is not None,
            flow_source=partial(flow_view, self, model, record.rel),
        )

    def add_plan_histories(self, view: ProcessView, record: ProcessRecord, model: Process) -> None:
        """Give `view` (`process`) its plans' own changes (`plan_history`). Apart from `process`
        so that a render asks for them last: a copy of the process finds them meanwhile
        (`procspec.rendering.trails_ahead`), and the first view waited for it."""
        view.activities_history = self.plan_history(record, "activities")
        view.follow_up_history = self.plan_history(record, "follow_up")
        if model.flow_map is not None:
            view.flow_map_history = self.plan_history(record, "flow_map")

    # --- overviews ---

    def process_map(self) -> ProcessMap:
        profile = self.ctx.repo.profile
        bands: list[BandSpec] = []
        for band in ("styr", "huvud", "stöd"):
            labels = [t.label or self.kind_label(t.name) for t in profile.types if t.band == band]
            tops = [
                row for row, depth in self.order if depth == 0 and profile.band(row.kind) == band
            ]
            if not tops and not labels:
                continue
            title = ", ".join(labels) if labels else self.t(f"map.band.{band}")
            href = None
            shown = tops
            # A band held by one group process (Botkyrka's "Stödprocesser") shows the group's
            # processes, with the band's title linking to the group itself.
            if len(tops) == 1 and self.children(tops[0].id):
                title = tops[0].name
                href = pages_of(tops[0].id, self.ext).spec
                shown = self.children(tops[0].id)
            if band == "huvud":
                title = f"{title}: {self.t('map.flow')}"
            items = [
                MapItem(
                    row.name,
                    pages_of(row.id, self.ext).spec,
                    self.t("map.box", name=row.name, kind=self.kind_label(row.kind)),
                )
                for row in shown
            ]
            bands.append(BandSpec(band, title, href, items))
        return process_map(bands)

    def map_text(self, found: ProcessMap) -> str:
        """The map in words: each band's title and the processes in it."""
        parts = []
        for band in found.bands:
            names = "; ".join(box.label for box in band.boxes) or self.t("map.empty")
            parts.append(f"{band.title}: {names}.")
        return " ".join(parts)

    def hierarchy(self) -> list[dict[str, object]]:
        """The tree as a flat list in depth-first order, each item with its depth, whether a
        nested list opens after it and how many close: templates draw any depth without
        recursion."""
        items: list[dict[str, object]] = []
        for index, (row, depth) in enumerate(self.order):
            following = self.order[index + 1][1] if index + 1 < len(self.order) else 0
            model = self.ctx.by_id[row.id].model
            flow = None
            if model is not None and model.flow_map is not None:
                flow = Link(
                    self.t("flow.index_link"),
                    pages_of(row.id, self.ext).flow_map,
                    self.t("flow.index_link_label", name=row.name),
                )
            items.append(
                {
                    "link": self.link(row.id),
                    "flow": flow,
                    "level": row.level,
                    "kind": self.kind_label(row.kind),
                    "depth": depth,
                    "opens": following > depth,
                    "closes": max(depth - following, 0),
                }
            )
        return items

    def owners_table(self) -> list[dict[str, object]]:
        table = []
        for row, depth in self.order:
            table.append(
                {
                    "link": self.link(row.id),
                    "depth": depth,
                    "level": row.level,
                    "owners": self.role(row.id, "processägare"),
                    "responsible": (
                        None
                        if "processansvarig"
                        in self.ctx.repo.profile.rule_for(row.level).absent_roles
                        and not self.ctx.role(row.id, "processansvarig")[0]
                        else self.role(row.id, "processansvarig")
                    ),
                    "leader": self.leader(row.id),
                }
            )
        return table

    def status_counts(self, goals: list[GoalView]) -> str:
        """The goals counted per status, e.g. "5 mål: 1 ej uppnått, 2 med risk, 1 på väg, 1
        uppnått": every status that occurs, what needs action first, each count agreeing with its
        number."""
        counts = Counter(g.status for g in goals)
        parts = [
            self.tn(f"goals.count.{status.value}", counts[status.value], n=counts[status.value])
            for status in assess.STATUS_ORDER
            if counts[status.value]
        ]
        return self.tn("goals.summary", len(goals), total=len(goals), counts=", ".join(parts))

    def maturity_distribution(self, views: list[ProcessView]) -> list[dict[str, object]]:
        """Per level: its label, how many processes, and their share in whole percent."""
        counts = Counter(v.maturity.level for v in views)
        total = len(views) or 1
        return [
            {
                "level": level,
                "label": msg(f"maturity.{level}", self.lang),
                "count": counts[level],
                "share": round(100 * counts[level] / total),
            }
            for level in MATURITY_LEVELS
        ]

    def maturity_reading(self) -> str:
        source = self.ctx.repo.profile.cite("mognad")
        if source:
            return self.t("maturity.reading", source=source)
        return self.t("maturity.reading_plain")

    def maturity_counts(self, views: list[ProcessView]) -> str:
        counts = Counter(v.maturity.level for v in views)
        parts = [
            self.t("maturity.level_count", level=level, count=counts[level])
            for level in MATURITY_LEVELS
        ]
        return self.t("maturity.summary", counts=", ".join(parts))


def latest_data_date(ctx: Context) -> date | None:
    """The newest date the data records as past (results, reviews, approvals), for a
    deterministic 'today' when neither --today nor git gives one."""
    found: list[date] = []
    for _, model in ctx.processes():
        for goal in model.goals:
            found.extend(r.date for r in goal.results)
        for measure in model.measures:
            found.extend(r.date for r in measure.results)
        if model.reviewed is not None:
            found.append(model.reviewed.date)
        if model.approved is not None:
            found.append(model.approved.date)
    return max(found) if found else None
