"""The processkarta as a graph: activities as nodes, `nästa` and `val` as edges (SPEC §6).

Shared by the rules (PS701–PS713) and the analyses (`procspec.flowanalysis`). Every walk is
iterative and linear in the size of the map (nodes + edges): a map of 10,000 activities or a
5,000-step loop is checked as quickly as a small one, and no recursion limit is ever reached.

Durations (`ledtid`, `väntetid`) are working time, written `N minuter|timmar|dagar|veckor`
(singular `minut|timme|dag|vecka` too, in any case), with a decimal comma or point (`0,5 dag`).
A working day is 8 hours and a working week 5 working days, so `1 dag` = `8 timmar` and
`1 vecka` = `5 dagar`: the same conventions for ledtid and väntetid, so the two add up.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from procspec.reading.model import FlowActivity, FlowMap

MINUTES_PER_UNIT = {
    "minut": 1,
    "minuter": 1,
    "timme": 60,
    "timmar": 60,
    "dag": 8 * 60,
    "dagar": 8 * 60,
    "vecka": 5 * 8 * 60,
    "veckor": 5 * 8 * 60,
}
"""Working minutes per unit: a working day is 8 hours, a working week 5 working days."""

MINUTES_PER_DAY = MINUTES_PER_UNIT["dag"]

DURATION = re.compile(r"\s*(\d{1,6}(?:[.,]\d{1,3})?)\s*([a-zåäö]+)\s*", re.IGNORECASE)


@lru_cache(maxsize=4096)  # a repository's maps write the same few durations again and again
def parse_duration(text: str) -> float | None:
    """Working minutes in a duration such as `1 dag`, `0,5 timme` or `3 veckor`, or None."""
    found = DURATION.fullmatch(text)
    if found is None:
        return None
    unit = MINUTES_PER_UNIT.get(found.group(2).lower())
    if unit is None:
        return None
    return float(found.group(1).replace(",", ".")) * unit


@dataclass(frozen=True, slots=True)  # hundreds of thousands in a large repository's maps
class Edge:
    """A way from one activity to another: `nästa` (no label) or a `val` (its `om`)."""

    target: int
    label: str | None


@dataclass(frozen=True)
class FlowGraph:
    """The activities of a map in file order, with their edges to known activities.

    An id that occurs twice (PS713) is the first activity with it; a target that names no
    activity (PS701) has no edge.
    """

    activities: list[FlowActivity]
    steps: list[int]
    """The index of each activity's processteg (in file order, so never decreasing)."""
    index: dict[str, int]
    edges: list[list[Edge]]

    def position(self, node: int) -> tuple[int, int]:
        """(processteg index, index within the step) of an activity, for its place in the file."""
        step = self.steps[node]
        return step, node - bisect_left(self.steps, step)

    @property
    def size(self) -> int:
        return len(self.activities)

    def starts(self) -> list[int]:
        return [i for i, a in enumerate(self.activities) if a.kind == "start"]

    def ends(self) -> list[int]:
        return [i for i, a in enumerate(self.activities) if a.kind == "slut"]

    def predecessors(self) -> list[list[int]]:
        """The reverse edges: for each activity, the activities that lead to it."""
        before: list[list[int]] = [[] for _ in self.activities]
        for source, edges in enumerate(self.edges):
            for edge in edges:
                before[edge.target].append(source)
        return before


def targets(activity: FlowActivity) -> list[tuple[str, str | None, tuple[str | int, ...]]]:
    """Every target an activity names: (id, the `om` of its `val` or None, key path in the
    activity)."""
    found: list[tuple[str, str | None, tuple[str | int, ...]]] = [
        (target, None, ("nästa", n)) for n, target in enumerate(activity.next)
    ]
    found += [
        (choice.next, choice.when, ("val", c, "nästa")) for c, choice in enumerate(activity.choices)
    ]
    return found


GRAPHS = "flow.graphs"
"""The key of the graphs in a check run's memo (`procspec.checking.hierarchy.Context.memo`)."""


def graph_of(memo: dict[str, Any], rel: str, flow_map: FlowMap) -> FlowGraph:
    """The graph of the map of the process file `rel`, built once per check run: every graph
    rule asks for it, and so does the processkarta page of a render after the check."""
    graphs: dict[str, FlowGraph] = memo.setdefault(GRAPHS, {})
    found = graphs.get(rel)
    if found is None:
        found = graphs[rel] = build(flow_map)
    return found


def build(flow_map: FlowMap) -> FlowGraph:
    """The graph of a map: one pass over its activities and one over their targets."""
    activities: list[FlowActivity] = []
    steps: list[int] = []
    index: dict[str, int] = {}
    for s, step in enumerate(flow_map.steps):
        for activity in step.activities:
            index.setdefault(activity.id, len(activities))
            activities.append(activity)
            steps.append(s)
    edges: list[list[Edge]] = []
    for activity in activities:
        # The targets in `targets`' order, without their key paths: an unlabelled edge once.
        out: list[Edge] = []
        seen: set[int] = set()
        for target in activity.next:
            found = index.get(target)
            if found is not None and found not in seen:
                seen.add(found)
                out.append(Edge(found, None))
        for choice in activity.choices:
            found = index.get(choice.next)
            if found is not None and (found not in seen or choice.when is not None):
                seen.add(found)
                out.append(Edge(found, choice.when))
        edges.append(out)
    return FlowGraph(activities, steps, index, edges)


def reachable(graph: FlowGraph, sources: Iterable[int]) -> list[bool]:
    """Which activities can be reached from `sources` along the edges (breadth first)."""
    seen = [False] * graph.size
    queue: deque[int] = deque()
    for source in sources:
        if not seen[source]:
            seen[source] = True
            queue.append(source)
    while queue:
        node = queue.popleft()
        for edge in graph.edges[node]:
            if not seen[edge.target]:
                seen[edge.target] = True
                queue.append(edge.target)
    return seen


def leads_to(
    graph: FlowGraph, targets_: Iterable[int], before: list[list[int]] | None = None
) -> list[bool]:
    """Which activities have a path to one of `targets_` (breadth first on the reverse edges)."""
    before = graph.predecessors() if before is None else before
    seen = [False] * graph.size
    queue: deque[int] = deque()
    for target in targets_:
        if not seen[target]:
            seen[target] = True
            queue.append(target)
    while queue:
        node = queue.popleft()
        for source in before[node]:
            if not seen[source]:
                seen[source] = True
                queue.append(source)
    return seen


def back_edges(graph: FlowGraph, roots: Iterable[int]) -> set[tuple[int, int]]:
    """The edges that close a loop, found by an iterative depth-first search from `roots` (in
    order, following each activity's edges in file order), so the result is deterministic.

    Without them the reachable part of the map is acyclic: its longest path is well defined.
    """
    white, grey, black = 0, 1, 2
    colour = [white] * graph.size
    found: set[tuple[int, int]] = set()
    for root in roots:
        if colour[root] != white:
            continue
        colour[root] = grey
        stack: list[tuple[int, int]] = [(root, 0)]
        while stack:
            node, next_edge = stack[-1]
            edges = graph.edges[node]
            if next_edge == len(edges):
                colour[node] = black
                stack.pop()
                continue
            stack[-1] = (node, next_edge + 1)
            target = edges[next_edge].target
            if colour[target] == grey:
                found.add((node, target))
            elif colour[target] == white:
                colour[target] = grey
                stack.append((target, 0))
    return found
