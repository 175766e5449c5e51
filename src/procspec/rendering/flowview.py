"""The processkarta page as view data: the overview, the flow as a table, the three analyses and
the Mermaid flowchart of the Markdown page (SPEC §6). No markup beyond Mermaid's own text.

Words come from the labels (`render.flow.*`); durations are shown in the largest working-time
unit that fits (a working day is 8 hours, a week 5 days; `procspec.flowgraph`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from procspec.checking.flowanalysis import (
    Contribution,
    LeadTime,
    flow_order,
    krav_analysis,
    lead_time,
    risk_analysis,
)
from procspec.checking.flowgraph import MINUTES_PER_UNIT, FlowGraph, graph_of
from procspec.reading import links
from procspec.reading.model import FlowActivity, FlowMap, Process
from procspec.rendering.flowlayout import layout_flow
from procspec.rendering.flowsvg import FlowPicture, flow_picture

if TYPE_CHECKING:
    from procspec.rendering.view import Builder, Link


FLOW_SUFFIX = ".processkarta"

LIKELIHOODS = (4, 3, 2, 1)
"""Matrix rows, most likely first (the top row is where the worst risks are)."""
CONSEQUENCES = (1, 2, 3, 4)


@cache  # a map's ids recur in every row that links to them, and on the search page
def anchor(activity_id: str, prefix: str = "aktivitet") -> str:
    """The HTML id of an activity's (or a krav's) row: letters, digits and '-' as they are, any
    other character as '_' and its code point in hex and '_' ('reg.istrera' is
    'aktivitet-reg_2e_istrera'). HTML ids have no spaces, and two ids of a map never share an
    anchor, since the encoding can be read back."""
    return f"{prefix}-" + "".join(
        c if c.isalnum() or c == "-" else f"_{ord(c):x}_" for c in activity_id
    )


@dataclass(frozen=True)
class NextView:
    text: str
    href: str
    when: str | None


@dataclass(frozen=True)
class RowView:
    """One activity as a row of the flow table."""

    id: str
    anchor: str
    step: str
    kind: str
    kind_label: str
    name: str
    process: Link | None
    actor: str
    next: list[NextView]
    lead: str | None
    wait: str | None
    systems: list[str]
    documents: list[Link]
    krav: list[Link]
    risks: list[str]


@dataclass(frozen=True)
class StepView:
    id: str
    name: str
    count: int
    actors: list[str]
    detail: str
    """How many activities and who does them, in words ('' for a step without activities)."""


@dataclass(frozen=True)
class ShareView:
    name: str
    href: str
    lead: str
    wait: str
    total: str
    share: str
    timed: bool


@dataclass(frozen=True)
class LeadView:
    total: str
    lead: str
    wait: str
    waiting_share: str
    path: list[ShareView]
    bottlenecks: list[ShareView]
    loops: int
    untimed: list[str]


@dataclass(frozen=True)
class KravView:
    id: str | None
    anchor: str | None
    kind: str
    description: str
    critical: bool
    unmet: bool
    activities: list[Link]


@dataclass(frozen=True)
class RiskView:
    number: str
    description: str
    activity: Link
    likelihood: int
    consequence: int
    score: int
    high: bool
    measure: str | None


@dataclass(frozen=True)
class CellView:
    likelihood: int
    consequence: int
    score: int
    level: str
    level_label: str
    risks: list[RiskView]


@dataclass(frozen=True)
class MatrixRow:
    likelihood: int
    label: str
    cells: list[CellView]


@dataclass
class FlowView:
    """Everything the processkarta page shows."""

    steps: list[StepView]
    rows: list[RowView]
    actors: list[str]
    lead: LeadView | None
    krav: list[KravView]
    unmet: int
    risks: list[RiskView]
    matrix: list[MatrixRow]
    consequences: list[tuple[int, str]]
    diagram: FlowPicture | None
    """The SVG diagram of an HTML page (`procspec.render.flowsvg`), drawn by the `flow_map`
    macro; None for a map without activities, and in Markdown."""
    mermaid: MermaidView | None
    """The Mermaid flowchart of a Markdown page (None in HTML)."""
    summary: str
    has_activities: bool


def duration(value: float, builder: Builder) -> str:
    """Working minutes in words, in the largest unit that fits: '1,5 dagar', '3 timmar'."""
    key = ("duration", str(value))  # str: 0.0 and -0.0 are one dict key but not one text
    found = builder.memo.get(key)
    if found is None:
        found = builder.memo[key] = _duration(value, builder)
    return found


def _duration(value: float, builder: Builder) -> str:
    from procspec.messages import number

    for unit, size in (("day", MINUTES_PER_UNIT["dag"]), ("hour", 60), ("minute", 1)):
        if value >= size or unit == "minute":
            amount = round(value / size, 1)
            one = amount == 1
            return builder.t(
                f"flow.unit.{unit}.{'one' if one else 'many'}", n=number(amount, builder.lang)
            )
    return ""  # pragma: no cover - the loop always returns


def percent(share: float, builder: Builder) -> str:
    from procspec.messages import number

    return f"{number(round(share * 100), builder.lang)}\u00a0%"


def level_of(score: int) -> str:
    """The risk level of a score: hög from 9 (the PS711 threshold), medel from 4."""
    from procspec.checking.flowanalysis import RISK_THRESHOLD

    if score >= RISK_THRESHOLD:
        return "high"
    return "medium" if score >= 4 else "low"


def _activity_name(activity: FlowActivity, builder: Builder) -> str:
    if activity.name is not None:
        return activity.name
    if activity.process is not None:
        return builder.link(activity.process).text
    return activity.id


def diagram(
    builder: Builder, model: Process, flow_map: FlowMap, names: dict[str, str], summary: str
) -> FlowPicture:
    """The detailed map as one SVG swimlane diagram (`procspec.render.flowlayout` lays it out,
    `procspec.render.flowsvg` draws it): a delprocess without a name of its own is drawn with its
    process's name, and links to that process's page."""
    links = {
        a.id: href
        for a in flow_map.all_activities()
        if a.kind == "delprocess" and a.process is not None
        if (href := builder.link(a.process).href) is not None
    }
    layout = layout_flow(flow_map, unassigned=builder.t("flow.unassigned"), names=names)
    return flow_picture(
        layout,
        title=builder.t("flow.diagram_title", name=model.name),
        description=builder.t("flow.diagram_description", summary=summary),
        links=links,
    )


def flow_view(builder: Builder, model: Process, rel: str) -> FlowView | None:
    """The page of the map of `model` (the process file `rel`), or None when the process has no
    map: with the SVG diagram in HTML, the Mermaid flowchart in Markdown."""
    flow_map = model.flow_map
    if flow_map is None:
        return None
    graph = graph_of(builder.ctx.memo, rel, flow_map)  # the check's, after a check
    order = flow_order(graph)
    actors = {a.id: a.name for a in flow_map.actors}
    numbers: dict[int, list[str]] = {}
    risk_items = risk_analysis(graph, order)
    for item in risk_items.items:
        numbers.setdefault(id(item.activity), []).append(f"R{item.number}")
    names = {a.id: _activity_name(a, builder) for a in graph.activities}
    titles = {d.title: links.emitted(d.link) for d in model.documents}
    rows = [_row(builder, graph, node, actors, names, numbers, model, titles) for node in order]
    steps = []
    for step in flow_map.steps:
        who = list(dict.fromkeys(actors.get(a.actor or "", "") for a in step.activities))
        who = [w for w in who if w]
        count = len(step.activities)
        detail = builder.tn("flow.step_count", count, n=count) if count else ""
        if who:
            detail += ": " + ", ".join(who)
        steps.append(StepView(step.id, step.name, count, who, detail))
    krav = [
        KravView(
            r.requirement.id,
            anchor(r.requirement.id, "krav") if r.requirement.id is not None else None,
            r.requirement.kind,
            r.requirement.description,
            r.requirement.critical,
            r.unmet_critical,
            [builder_link(a, names) for a in r.activities],
        )
        for r in krav_analysis(model, graph, order)
    ]
    risks = [
        RiskView(
            f"R{item.number}",
            item.risk.description,
            builder_link(item.activity, names),
            item.risk.likelihood,
            item.risk.consequence,
            item.score,
            item.high,
            item.risk.measure,
        )
        for item in risk_items.ranked
    ]
    by_number = {r.number: r for r in risks}
    matrix = [
        MatrixRow(
            s,
            builder.t(f"flow.risk.likelihood.{s}"),
            [
                CellView(
                    s,
                    k,
                    s * k,
                    level_of(s * k),
                    builder.t(f"flow.risk.level.{level_of(s * k)}"),
                    [by_number[f"R{i.number}"] for i in risk_items.cell(s, k)],
                )
                for k in CONSEQUENCES
            ],
        )
        for s in LIKELIHOODS
    ]
    found = lead_time(graph)
    summary = builder.t(
        "flow.summary",
        steps=builder.tn("flow.n_steps", len(flow_map.steps), n=len(flow_map.steps)),
        activities=builder.tn("flow.n_activities", graph.size, n=graph.size),
        actors=builder.tn("flow.n_actors", len(flow_map.actors), n=len(flow_map.actors)),
    )
    return FlowView(
        steps=steps,
        rows=rows,
        actors=[a.name for a in flow_map.actors],
        lead=_lead(builder, found, names) if found is not None else None,
        krav=krav,
        unmet=sum(1 for k in krav if k.unmet),
        risks=risks,
        matrix=matrix,
        consequences=[(k, builder.t(f"flow.risk.consequence.{k}")) for k in CONSEQUENCES],
        diagram=diagram(builder, model, flow_map, names, summary)
        if builder.ext == "html" and graph.size
        else None,
        mermaid=mermaid(graph, flow_map, names) if builder.ext == "md" else None,
        summary=summary,
        has_activities=graph.size > 0,
    )


def builder_link(activity: FlowActivity, names: dict[str, str]) -> Link:
    from procspec.rendering.view import Link

    return Link(names[activity.id], "#" + anchor(activity.id))


def _row(
    builder: Builder,
    graph: FlowGraph,
    node: int,
    actors: dict[str, str],
    names: dict[str, str],
    numbers: dict[int, list[str]],
    model: Process,
    titles: dict[str, str],
) -> RowView:
    from procspec.rendering.view import Link

    activity = graph.activities[node]
    step = graph.steps[node]
    flow_map = model.flow_map
    assert flow_map is not None
    following = [
        NextView(names[t], "#" + anchor(t), None) for t in activity.next if t in graph.index
    ] + [
        NextView(names[c.next], "#" + anchor(c.next), c.when)
        for c in activity.choices
        if c.next in graph.index
    ]
    return RowView(
        id=activity.id,
        anchor=anchor(activity.id),
        step=flow_map.steps[step].name,
        kind=activity.kind,
        kind_label=builder.t(f"flow.kind.{activity.kind}"),
        name=names[activity.id],
        process=builder.link(activity.process) if activity.process is not None else None,
        actor=actors.get(activity.actor or "", ""),
        next=following,
        lead=activity.lead_time,
        wait=activity.wait_time,
        systems=list(activity.systems),
        documents=[Link(title, titles.get(title)) for title in activity.documents],
        krav=[Link(k, "#" + anchor(k, "krav")) for k in activity.requirements],
        risks=numbers.get(id(activity), []),
    )


def _lead(builder: Builder, found: LeadTime, names: dict[str, str]) -> LeadView:
    total = found.total  # a sum over the path: once, not per activity

    def share(c: Contribution) -> ShareView:
        return ShareView(
            names[c.activity.id],
            "#" + anchor(c.activity.id),
            duration(c.lead, builder),
            duration(c.wait, builder),
            duration(c.total, builder),
            percent(c.total / total if total else 0.0, builder),
            c.total > 0,
        )

    return LeadView(
        total=duration(total, builder),
        lead=duration(found.lead, builder),
        wait=duration(found.wait, builder),
        waiting_share=percent(found.waiting_share, builder),
        path=[share(c) for c in found.path],
        bottlenecks=[share(c) for c in found.bottlenecks],
        loops=found.loops,
        untimed=[names[a.id] for a in found.untimed],
    )


# --- Mermaid -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MermaidNode:
    """A box of the Mermaid flowchart: its number (the node id is `n<number>`, so no user text is
    ever an identifier), its kind (the shape) and its label."""

    number: int
    kind: str
    label: str


@dataclass(frozen=True)
class MermaidLane:
    number: int
    label: str
    nodes: list[MermaidNode]


@dataclass(frozen=True)
class MermaidEdge:
    source: int
    target: int
    label: str | None


@dataclass(frozen=True)
class MermaidView:
    """The detailed map as a Mermaid flowchart: a subgraph per aktör with its activities, the
    activities without an aktör outside, then the arrows (a decision's `om` on its arrows).
    `procspec.render.jinja` writes it, escaping every label."""

    lanes: list[MermaidLane]
    outside: list[MermaidNode]
    edges: list[MermaidEdge]


def mermaid(graph: FlowGraph, flow_map: FlowMap, names: dict[str, str]) -> MermaidView:
    """The Mermaid view of a map; an id given twice (PS713) is drawn once."""
    first = [graph.index.get(a.id) == n for n, a in enumerate(graph.activities)]
    lanes: dict[str, list[MermaidNode]] = {a.id: [] for a in flow_map.actors}
    outside: list[MermaidNode] = []
    for n, activity in enumerate(graph.activities):
        if first[n]:
            node = MermaidNode(n, activity.kind, names[activity.id])
            lanes.get(activity.actor or "", outside).append(node)
    return MermaidView(
        lanes=[
            MermaidLane(number, actor.name, lanes[actor.id])
            for number, actor in enumerate(flow_map.actors)
            if lanes[actor.id]
        ],
        outside=outside,
        edges=[
            MermaidEdge(n, edge.target, edge.label)
            for n, edges in enumerate(graph.edges)
            if first[n]
            for edge in edges
        ],
    )
