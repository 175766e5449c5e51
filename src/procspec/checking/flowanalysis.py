"""The analyses a detailed processkarta is the basis for (Örebro Steg 4 and Steg 6):
ledtidsanalys ("var finns flaskhalsarna"), kravanalys ("vem har vilka krav på processen") and
riskanalys ("var i processen finns risk"). Pure data, no markup: the renderer lays it out.

Ledtid: the time of an activity is its `ledtid` (working time in it) plus its `väntetid` (the time
the case waits after it), in working minutes (`procspec.flowgraph`). The total is the longest path
from a start to an end, which is the critical path when `nästa` lists activities that run in
parallel. A loop (a decision that sends the case back, such as "komplettera ansökan") is counted
once: the edges that lead back are left out, which makes the map acyclic, and the longest path is
then found in one pass in topological order. So the figure is the lead time of a case that goes
through without being sent back; the page says so.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import cached_property

from procspec.checking.flowgraph import FlowGraph, back_edges, parse_duration, reachable
from procspec.reading.model import FlowActivity, FlowRisk, Process, Requirement

BOTTLENECKS = 3
"""How many activities the ledtidsanalys names as the bottlenecks."""

RISK_THRESHOLD = 9
"""A risk whose sannolikhet × konsekvens reaches this (of 16) is high and needs an åtgärd (PS711):
9 is the first score that needs both to be at least 3 ("sannolik" and "allvarlig") on the 4-step
scales. Fixed; a repository that wants no warnings sets `regler: {PS711: off}`."""


def minutes(text: str | None) -> float:
    """Working minutes of a duration; 0 when absent or not a duration (PS712 reports that)."""
    if text is None:
        return 0.0
    return parse_duration(text) or 0.0


@dataclass(frozen=True)
class Contribution:
    """One activity's share of the lead time."""

    activity: FlowActivity
    lead: float
    wait: float

    @property
    def total(self) -> float:
        return self.lead + self.wait


@dataclass(frozen=True)
class LeadTime:
    """The ledtidsanalys of one map."""

    path: list[Contribution]
    """The longest path from a start to an end, in flow order."""
    loops: int
    """How many edges lead back in a loop (not counted)."""
    untimed: list[FlowActivity]
    """Activities on the path (other than events) without a `ledtid`."""

    @cached_property
    def lead(self) -> float:
        return sum(c.lead for c in self.path)

    @cached_property
    def wait(self) -> float:
        return sum(c.wait for c in self.path)

    @property
    def total(self) -> float:
        return self.lead + self.wait

    @property
    def waiting_share(self) -> float:
        """The share of the total that is waiting, 0–1 (0 when there is no time at all)."""
        return self.wait / self.total if self.total else 0.0

    @property
    def bottlenecks(self) -> list[Contribution]:
        """The activities on the path that take the most time, most first (ties in flow order)."""
        ranked = sorted(
            (c for c in self.path if c.total > 0), key=lambda c: -c.total
        )  # sorted is stable: equal totals stay in flow order
        return ranked[:BOTTLENECKS]


def flow_order(graph: FlowGraph) -> list[int]:
    """The activities in flow order: by processteg, and within a step in the order the flow
    reaches them from the starts (breadth first, loops left out); activities the flow does not
    reach come last in their step, in file order."""
    starts = graph.starts()
    rank = {
        node: i for i, node in enumerate(_topological(graph, starts, back_edges(graph, starts)))
    }
    unreached = len(rank)
    return sorted(range(graph.size), key=lambda n: (graph.steps[n], rank.get(n, unreached), n))


def _topological(graph: FlowGraph, starts: list[int], back: set[tuple[int, int]]) -> list[int]:
    """The activities reachable from `starts` in a topological order of the graph without its
    back edges (Kahn's algorithm, the queue seeded with the starts in file order)."""
    seen = reachable(graph, starts)
    incoming = [0] * graph.size
    for source in range(graph.size):
        if seen[source]:
            for edge in graph.edges[source]:
                if (source, edge.target) not in back:
                    incoming[edge.target] += 1
    queue: deque[int] = deque(node for node in starts if incoming[node] == 0)
    order: list[int] = []
    done = [False] * graph.size
    while queue:
        node = queue.popleft()
        if done[node]:
            continue
        done[node] = True
        order.append(node)
        for edge in graph.edges[node]:
            if (node, edge.target) in back:
                continue
            incoming[edge.target] -= 1
            if incoming[edge.target] == 0:
                queue.append(edge.target)
    return order


def lead_time(graph: FlowGraph) -> LeadTime | None:
    """The ledtidsanalys, or None when the map has no path from a start to an end."""
    starts = graph.starts()
    if not starts:
        return None
    back = back_edges(graph, starts)
    order = _topological(graph, starts, back)
    weight = [minutes(a.lead_time) + minutes(a.wait_time) for a in graph.activities]
    best: dict[int, float] = {}
    previous: dict[int, int] = {}
    for node in starts:
        best.setdefault(node, weight[node])
    for node in order:
        for edge in graph.edges[node]:
            if (node, edge.target) in back:
                continue
            candidate = best[node] + weight[edge.target]
            if edge.target not in best or candidate > best[edge.target]:
                best[edge.target] = candidate
                previous[edge.target] = node
    ends = [node for node in graph.ends() if node in best]
    if not ends:
        return None
    end = max(ends, key=lambda n: (best[n], -n))
    path = [end]
    while path[-1] in previous:
        path.append(previous[path[-1]])
    path.reverse()
    contributions = [
        Contribution(
            graph.activities[n],
            minutes(graph.activities[n].lead_time),
            minutes(graph.activities[n].wait_time),
        )
        for n in path
    ]
    untimed = [
        graph.activities[n]
        for n in path
        if graph.activities[n].kind in ("aktivitet", "delprocess")
        and graph.activities[n].lead_time is None
    ]
    return LeadTime(contributions, len(back), untimed)


@dataclass(frozen=True)
class KravRow:
    """One krav of the process and the activities that say they meet it."""

    requirement: Requirement
    activities: list[FlowActivity]

    @property
    def unmet_critical(self) -> bool:
        return self.requirement.critical and not self.activities


def krav_analysis(model: Process, graph: FlowGraph, order: list[int]) -> list[KravRow]:
    """Every krav of the process (in file order) with the activities (in flow order) that meet
    it; a critical krav met by none is `unmet_critical` (PS710)."""
    meeting: dict[str, list[FlowActivity]] = {}
    for node in order:
        activity = graph.activities[node]
        for ref in dict.fromkeys(activity.requirements):
            meeting.setdefault(ref, []).append(activity)
    return [
        KravRow(r, meeting.get(r.id, []) if r.id is not None else []) for r in model.requirements
    ]


@dataclass(frozen=True)
class RiskItem:
    """A risk of an activity, numbered in flow order (R1, R2, ...)."""

    number: int
    activity: FlowActivity
    risk: FlowRisk

    @property
    def score(self) -> int:
        return self.risk.likelihood * self.risk.consequence

    @property
    def high(self) -> bool:
        return self.score >= RISK_THRESHOLD


@dataclass(frozen=True)
class RiskAnalysis:
    """The risks of a map and the 4 × 4 matrix (sannolikhet × konsekvens) they fall in."""

    items: list[RiskItem]
    cells: dict[tuple[int, int], list[RiskItem]] = field(default_factory=dict)

    def cell(self, likelihood: int, consequence: int) -> list[RiskItem]:
        return self.cells.get((likelihood, consequence), [])

    @property
    def ranked(self) -> list[RiskItem]:
        """Highest score first; equal scores in flow order."""
        return sorted(self.items, key=lambda item: -item.score)


def risk_analysis(graph: FlowGraph, order: list[int]) -> RiskAnalysis:
    """Every risk of the map, numbered in flow order, placed in the matrix."""
    items: list[RiskItem] = []
    cells: dict[tuple[int, int], list[RiskItem]] = {}
    for node in order:
        activity = graph.activities[node]
        for risk in activity.risks:
            item = RiskItem(len(items) + 1, activity, risk)
            items.append(item)
            cells.setdefault((risk.likelihood, risk.consequence), []).append(item)
    return RiskAnalysis(items, cells)
