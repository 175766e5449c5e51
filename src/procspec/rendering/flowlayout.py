"""Layout of the detailed processkarta: a swimlane grid with orthogonal arrows (SPEC §6).

The picture is a grid. Each aktör is a lane (rows, in file order); each processteg is a band of
columns (in file order), so the flow runs left to right. Within a band an activity's column is the
longest path to it from the band's first activities (edges that close a loop are left out, found
by one depth-first search); activities that share a lane and a column are stacked inside the lane,
ordered by the barycentre of their predecessors to keep crossings low.

Arrows never cross a shape because they only run where no shape can be:
- in the vertical *channel* to the left of every column,
- in the horizontal *gap* above every row,
- inside the cell of their own source (leaving it to the right, or upwards for a loop) or target
  (entering it from the left), and straight through cells that are empty.
Every arrow that shares a channel or a gap gets its own track in it (arrows leaving one shape
share one, as a split; arrows entering one shape share one, as a merge), so lines run side by side
instead of on top of each other. A loop leaves its source upwards, runs back in the gap above the
source's row and enters its target from the left like every other arrow. The answer (`om`) of a
decision is written on the last stretch of its arrow, in room reserved for it in the target column.

Where `nästa` lists several activities (paths that run in parallel) the layout adds a parallel
gateway after the activity, and where several paths lead into a beslut a merging gateway before it,
drawn and exported as in BPMN. Every step is linear or n·log n in the
size of the map (no crossing minimisation beyond one barycentre sweep), so 10,000 activities lay
out in about a second.

Why our own code: the layered-layout libraries for Python (grandalf, igraph's Sugiyama, Graphviz's
dot through pydot) place nodes freely in layers; none keeps a node in a fixed lane *and* a fixed
band at once, nor routes orthogonally in channels, which a swimlane diagram needs. The grid keeps
those constraints trivially and is small enough to test completely.
"""

from __future__ import annotations

import bisect
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from procspec.reading.model import FlowActivity, FlowMap

ShapeKind = Literal[
    "start", "aktivitet", "beslut", "delprocess", "slut", "parallell", "sammanflöde"
]
Anchor = Literal["start", "middle", "end"]

FONT_SIZE = 13
LABEL_FONT_SIZE = 12
CHAR_WIDTH = 7.2
"""A generous average advance of a 13 px sans-serif letter, so that wrapped text fits its box."""
LABEL_CHAR_WIDTH = 6.7
LINE_HEIGHT = 16
LABEL_LINE_HEIGHT = 15

MARGIN = 8
LANE_HEADER = 170
"""Least width of the lane names (at least 60: the pool and lane title bars of BPMN); wider, up to
MAX_LANE_HEADER, when a word of a name needs it."""
MAX_LANE_HEADER = 280
BOLD_CHAR_WIDTH = 8.0
"""Lane and band names are bold."""
TASK_WIDTH = 150
TASK_MIN_HEIGHT = 64
TASK_PADDING = 10
MARKER_HEIGHT = 16
"""Room below the text of a delprocess for its "+" marker."""
EVENT_SIZE = 36
GATEWAY_SIZE = 50
OUTER_LABEL_WIDTH = 130
"""Events and gateways carry their name below the figure, as in BPMN."""
EDGE_LABEL_WIDTH = 112
MAX_LINES = 6
CELL_PAD_X = 18
CELL_PAD_Y = 14
CHANNEL_PAD = 12
GAP_PAD = 8
TRACK = 8
BAND_MIN_WIDTH = 170
EMPTY_ROW = 64

SPLIT_SUFFIX = "+parallell"
"""Appended to an activity id for the parallel gateway after it. `+` is never part of an id."""
MERGE_SUFFIX = "+sammanflöde"
"""Appended to an activity id for the exclusive gateway that merges the paths into it."""
JOIN_SUFFIX = "+samling"
"""Appended to an activity id for the parallel gateway where the paths of a split meet again."""


class Box(NamedTuple):
    """A rectangle. Named tuples, as `TextLine`: a map makes thousands, and a tuple is made in
    half the time of a frozen dataclass."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


class TextLine(NamedTuple):
    """One line of text: `x` is where `anchor` puts it, `y` its baseline."""

    x: float
    y: float
    text: str
    anchor: Anchor = "middle"


ANSWER_SEPARATOR = " / "
"""Between the answers of a decision that lead to the same activity, on their one arrow."""


class Answer(NamedTuple):
    """One `om` of a decision and its place in `val`."""

    position: int
    text: str


@dataclass(frozen=True)
class Label:
    """Text with the box it occupies (the BPMN label bounds)."""

    box: Box
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class Lane:
    id: str
    name: str
    box: Box
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class Band:
    id: str
    name: str
    box: Box
    """From the top of the header to the bottom of the last lane."""
    header: Box
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class Shape:
    """A figure of the diagram. `box` is the figure itself (circle, box or diamond); events and
    gateways carry their `label` below it, activities inside it."""

    id: str
    activity_id: str | None
    """None for a parallel gateway the layout added."""
    kind: ShapeKind
    name: str
    box: Box
    label: Label | None
    lane: int
    band: int

    @property
    def footprint(self) -> Box:
        """The figure and its label: what no other shape may overlap."""
        if self.label is None:
            return self.box
        x = min(self.box.x, self.label.box.x)
        y = min(self.box.y, self.label.box.y)
        right = max(self.box.right, self.label.box.right)
        bottom = max(self.box.bottom, self.label.box.bottom)
        return Box(x, y, right - x, bottom - y)


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    points: tuple[tuple[float, float], ...]
    text: str | None
    """The `om` of a decision, in full; the answers joined ("Ja / Nej") when several share it."""
    label: Label | None
    back: bool
    """The arrow closes a loop (runs right to left)."""
    answers: tuple[Answer, ...] = ()
    """Each `om` the arrow carries (BPMN gives each its own flow)."""


@dataclass(frozen=True)
class FlowLayout:
    width: float
    height: float
    lanes: tuple[Lane, ...]
    bands: tuple[Band, ...]
    shapes: tuple[Shape, ...]
    edges: tuple[Edge, ...]
    pool: Box
    """The lanes together, with their headers (the BPMN participant)."""
    lane_header: float
    """The width of the lane names at the left of the pool."""


# --- text ----------------------------------------------------------------------------------------


def wrap(text: str, width: float, char_width: float = CHAR_WIDTH) -> list[str]:
    """`text` in lines of at most `width` px, at most MAX_LINES (the last ends in … if cut)."""
    return list(_wrapped(text, max(4, int(width / char_width))))


@lru_cache(maxsize=16_384)  # names recur: the same activity on many maps, the same answers
def _wrapped(text: str, chars: int) -> tuple[str, ...]:
    lines = textwrap.wrap(" ".join(text.split()), chars, break_on_hyphens=False) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: chars - 1].rstrip() + "…"
    return tuple(lines)


def _text_width(lines: Iterable[str], char_width: float) -> float:
    return max(map(len, lines), default=0) * char_width


def _centered(lines: list[str], cx: float, top: float, line_height: float) -> tuple[TextLine, ...]:
    """Lines centred on `cx`, the first line's box starting at `top`."""
    return tuple(
        TextLine(cx, top + (i + 0.75) * line_height + 1, line) for i, line in enumerate(lines)
    )


# --- the graph -----------------------------------------------------------------------------------


@dataclass
class _Node:
    id: str
    activity_id: str | None
    kind: ShapeKind
    name: str
    band: int
    lane: int
    order: int
    lines: list[str]
    fig_w: float
    fig_h: float
    foot_w: float
    foot_h: float
    column: int = 0
    row: int = 0
    cy: float = 0.0
    fig: Box | None = None


@dataclass
class _Edge:
    source: int
    target: int
    answers: tuple[Answer, ...] = ()
    back: bool = False
    label_lines: tuple[str, ...] = ()

    @property
    def text(self) -> str | None:
        """The label: the answers the arrow carries, joined ("Ja / Nej"); None for a plain one."""
        return ANSWER_SEPARATOR.join(a.text for a in self.answers) if self.answers else None


def _display_name(activity: FlowActivity) -> str:
    if activity.name:
        return activity.name
    if activity.kind == "delprocess" and activity.process:
        return activity.process
    return activity.id


def _node(
    node_id: str,
    activity_id: str | None,
    kind: ShapeKind,
    name: str,
    band: int,
    lane: int,
    order: int,
) -> _Node:
    if kind in ("aktivitet", "delprocess"):
        lines = wrap(name, TASK_WIDTH - 2 * TASK_PADDING)
        h = max(TASK_MIN_HEIGHT, len(lines) * LINE_HEIGHT + 2 * TASK_PADDING)
        if kind == "delprocess":
            h = max(TASK_MIN_HEIGHT, len(lines) * LINE_HEIGHT + 2 * TASK_PADDING + MARKER_HEIGHT)
        return _Node(
            node_id, activity_id, kind, name, band, lane, order, lines, TASK_WIDTH, h, TASK_WIDTH, h
        )
    size = EVENT_SIZE if kind in ("start", "slut") else GATEWAY_SIZE
    lines = wrap(name, OUTER_LABEL_WIDTH) if name else []
    width = max(size, _text_width(lines, CHAR_WIDTH))
    height = size + (4 + len(lines) * LINE_HEIGHT if lines else 0)
    return _Node(
        node_id, activity_id, kind, name, band, lane, order, lines, size, size, width, height
    )


def _graph(
    flow_map: FlowMap, unassigned: str, names: Mapping[str, str]
) -> tuple[list[tuple[str, str]], list[_Node], list[_Edge]]:
    lanes: list[tuple[str, str]] = []
    lane_of: dict[str, int] = {}
    for actor in flow_map.actors:
        if actor.id not in lane_of:
            lane_of[actor.id] = len(lanes)
            lanes.append((actor.id, actor.name))
    nodes: list[_Node] = []
    index: dict[str, int] = {}
    activities: list[FlowActivity] = []
    extra_lane: int | None = None
    for band, step in enumerate(flow_map.steps):
        for activity in step.activities:
            if activity.id in index:
                continue  # a duplicate id (PS rules report it): drawn once
            lane = lane_of.get(activity.actor) if activity.actor is not None else None
            if lane is None:
                if extra_lane is None:
                    extra_lane = len(lanes)
                    lanes.append(("", unassigned))
                lane = extra_lane
            name = names.get(activity.id) or _display_name(activity)
            node = _node(activity.id, activity.id, activity.kind, name, band, lane, len(nodes))
            index[activity.id] = len(nodes)
            nodes.append(node)
            activities.append(activity)
    edges: list[_Edge] = []
    for activity in activities:
        u = index[activity.id]
        plain = list(dict.fromkeys(index[t] for t in activity.next if t in index))
        if len(plain) >= 2 and activity.kind != "beslut":
            source = nodes[u]
            gateway_id = activity.id + SPLIT_SUFFIX
            gateway = _node(gateway_id, None, "parallell", "", source.band, source.lane, len(nodes))
            nodes.append(gateway)
            edges.append(_Edge(u, gateway.order))
            edges.extend(_Edge(gateway.order, v) for v in plain)
        else:
            edges.extend(_Edge(u, v) for v in plain)
        edges.extend(_Edge(u, v, tuple(answers)) for v, answers in _answers(activity, index))
    return lanes, nodes, edges


def _answers(activity: FlowActivity, index: Mapping[str, int]) -> list[tuple[int, list[Answer]]]:
    """A decision's answers per target, in the order of `val`: two answers that lead to the same
    activity are one arrow labelled with both ("Ja / Nej"), never two arrows on top of each other.
    The BPMN export draws one flow per answer along it."""
    answers: dict[int, list[Answer]] = {}
    for position, choice in enumerate(activity.choices):
        if choice.next in index:
            answers.setdefault(index[choice.next], []).append(Answer(position, choice.when))
    return list(answers.items())


def _mark_back_edges(nodes: list[_Node], edges: list[_Edge], out: list[list[int]]) -> None:
    """Mark the edges that close a loop: to an earlier band, or found by an iterative DFS (from the
    start events first, then in file order) to point at an activity on the current path."""
    state = [0] * len(nodes)  # 0 new, 1 on the path, 2 done
    roots = [n.order for n in nodes if n.kind == "start"] + [n.order for n in nodes]
    for root in roots:
        if state[root]:
            continue
        state[root] = 1
        stack: list[tuple[int, int]] = [(root, 0)]
        while stack:
            u, i = stack[-1]
            if i < len(out[u]):
                stack[-1] = (u, i + 1)
                edge = edges[out[u][i]]
                v = edge.target
                if state[v] == 1:
                    edge.back = True
                elif state[v] == 0:
                    state[v] = 1
                    stack.append((v, 0))
            else:
                state[u] = 2
                stack.pop()
    for edge in edges:
        source, target = nodes[edge.source], nodes[edge.target]
        if target.band < source.band:
            edge.back = True
        elif target.band > source.band:
            edge.back = False


def _merge_paths(nodes: list[_Node], edges: list[_Edge]) -> None:
    """Put a gateway before every shape that several arrows lead into, as BPMN draws it (an
    activity or event may not join paths itself, bpmnlint's fake-join; a gateway may not both join
    and split, no-gateway-join-fork). Arrows from different paths of one parallel split meet in a
    parallel gateway (the work waits for all of them); any other arrows, loops among them, in an
    exclusive one (the first to arrive goes on).

    Which split a path belongs to is carried forward through the map in topological order of the
    arrows that do not close a loop (they form no cycle), so the whole is linear in the map."""
    incoming: list[list[_Edge]] = [[] for _ in nodes]
    outgoing: list[list[_Edge]] = [[] for _ in nodes]
    for edge in edges:
        incoming[edge.target].append(edge)
        outgoing[edge.source].append(edge)
    indegree = [sum(1 for e in incoming[n.order] if not e.back) for n in nodes]
    queue = [n.order for n in nodes if indegree[n.order] == 0]
    origin: list[tuple[int, int] | None] = [None] * len(nodes)
    """The parallel split (its node, the index of its path) that a node's work runs in."""
    head = 0
    count = len(nodes)
    while head < len(queue):
        v = queue[head]
        head += 1
        node = nodes[v]
        forward = [e for e in incoming[v] if not e.back]
        if (
            v < count
            and _arrivals(incoming[v]) >= 2
            and node.kind not in ("parallell", "sammanflöde")
        ):
            token = {id(e): _token(nodes, outgoing, origin, e) for e in forward}
            splits: dict[int, set[int]] = {}
            for e in forward:
                found = token[id(e)]
                if found is not None:
                    splits.setdefault(found[0], set()).add(found[1])
            split = next((s for s in sorted(splits) if len(splits[s]) >= 2), None)
            rest = list(incoming[v])
            after = origin[v]
            if split is not None:
                joined = [e for e in forward if (t := token[id(e)]) is not None and t[0] == split]
                rest = [e for e in rest if all(e is not j for j in joined)]
                join = _gateway(nodes, node, JOIN_SUFFIX, "parallell")
                for e in joined:
                    e.target = join.order
                edges.append(_Edge(join.order, v))
                rest.append(edges[-1])
                after = origin[split]
            elif forward:
                after = token[id(forward[0])]
            if _arrivals(rest) >= 2:
                merge = _gateway(nodes, node, MERGE_SUFFIX, "sammanflöde")
                for e in rest:
                    e.target = merge.order
                edges.append(_Edge(merge.order, v))
            origin[v] = after
        elif forward:
            origin[v] = _token(nodes, outgoing, origin, forward[0])
        for e in outgoing[v]:
            if not e.back and e.target < count:
                indegree[e.target] -= 1
                if indegree[e.target] == 0:
                    queue.append(e.target)


def _arrivals(edges: list[_Edge]) -> int:
    """The paths that arrive by `edges`: an arrow with several answers is one path per answer
    (one BPMN flow each), so the shape it leads to gets a merging gateway as for several arrows."""
    return sum(max(1, len(edge.answers)) for edge in edges)


def _token(
    nodes: list[_Node],
    outgoing: list[list[_Edge]],
    origin: list[tuple[int, int] | None],
    edge: _Edge,
) -> tuple[int, int] | None:
    """The split path an arrow runs in: its own path when it leaves a parallel split."""
    source = edge.source
    if nodes[source].kind == "parallell" and len(outgoing[source]) >= 2:
        paths = outgoing[source]
        return (source, next(i for i, e in enumerate(paths) if e is edge))
    return origin[source] if source < len(origin) else None


def _gateway(nodes: list[_Node], before: _Node, suffix: str, kind: ShapeKind) -> _Node:
    """A gateway in the lane and band of `before`, added to `nodes`."""
    gateway = _node(before.id + suffix, None, kind, "", before.band, before.lane, len(nodes))
    nodes.append(gateway)
    return gateway


def _columns(nodes: list[_Node], edges: list[_Edge], band_count: int) -> list[int]:
    """Longest-path column of every node within its band; returns the first global column of
    every band (and the total number of columns at the end)."""
    indegree = [0] * len(nodes)
    within: list[list[int]] = [[] for _ in nodes]
    for edge in edges:
        if not edge.back and nodes[edge.source].band == nodes[edge.target].band:
            within[edge.source].append(edge.target)
            indegree[edge.target] += 1
    queue = [n.order for n in nodes if indegree[n.order] == 0]
    head = 0
    while head < len(queue):
        u = queue[head]
        head += 1
        for v in within[u]:
            nodes[v].column = max(nodes[v].column, nodes[u].column + 1)
            indegree[v] -= 1
            if indegree[v] == 0:
                queue.append(v)
    widths = [1] * band_count
    for node in nodes:
        widths[node.band] = max(widths[node.band], node.column + 1)
    starts = [0]
    for width in widths:
        starts.append(starts[-1] + width)
    for node in nodes:
        node.column += starts[node.band]
    return starts


def _rows(nodes: list[_Node], edges: list[_Edge], lane_count: int) -> list[int]:
    """Stack the nodes that share a lane and a column; returns the first row of every lane (and
    the total number of rows at the end). The stack is ordered by the barycentre of each node's
    predecessors, sweeping the columns left to right."""
    cells: dict[tuple[int, int], list[int]] = {}
    for node in nodes:
        cells.setdefault((node.lane, node.column), []).append(node.order)
    slots = [1] * lane_count
    for (lane, _), members in cells.items():
        slots[lane] = max(slots[lane], len(members))
    starts = [0]
    for count in slots:
        starts.append(starts[-1] + count)
    preds: list[list[int]] = [[] for _ in nodes]
    for edge in edges:
        if not edge.back:
            preds[edge.target].append(edge.source)
    placed = [False] * len(nodes)
    for lane, column in sorted(cells, key=lambda cell: (cell[1], cell[0])):
        members = cells[(lane, column)]

        middle = starts[lane] + slots[lane] / 2

        def barycentre(n: int, middle: float = middle) -> tuple[float, int]:
            known = [nodes[p].row for p in preds[n] if placed[p]]
            return (sum(known) / len(known) if known else middle, n)

        members.sort(key=barycentre)
        first = starts[lane] + (slots[lane] - len(members)) // 2
        for slot, n in enumerate(members):
            nodes[n].row = first + slot
            placed[n] = True
    return starts


Term = str | tuple[str, int, int]
"""A coordinate of a route: a named side of the source or target, or a track (axis, channel or
gap, track number)."""


class _Tracks:
    """Tracks in the channels and gaps: one per key, numbered in the order they are asked for."""

    def __init__(self, count: int) -> None:
        self.keys: list[dict[object, int]] = [{} for _ in range(count)]

    def track(self, channel: int, key: object) -> int:
        keys = self.keys[channel]
        return keys.setdefault(key, len(keys))

    def size(self, channel: int) -> int:
        return len(self.keys[channel])


def layout_flow(
    flow_map: FlowMap,
    *,
    unassigned: str = "Utan aktör",
    names: Mapping[str, str] | None = None,
) -> FlowLayout:
    """Lay out the detailed processkarta: lanes, bands, shapes and arrows, deterministic for a given
    map. `unassigned` names the extra lane for activities without a known aktör; `names` gives
    the text to show for an activity id (say, a delprocess without `namn` by its process's name),
    else the activity's `namn` (a delprocess without one: its process id; else its id)."""
    lane_defs, nodes, edges = _graph(flow_map, unassigned, names or {})
    band_count = len(flow_map.steps)
    lane_count = len(lane_defs)
    out: list[list[int]] = [[] for _ in nodes]
    for i, edge in enumerate(edges):
        out[edge.source].append(i)
    _mark_back_edges(nodes, edges, out)
    _merge_paths(nodes, edges)
    out = [[] for _ in nodes]
    for i, edge in enumerate(edges):
        out[edge.source].append(i)
    band_starts = _columns(nodes, edges, band_count)
    columns = band_starts[-1]
    lane_rows = _rows(nodes, edges, lane_count)
    rows = lane_rows[-1]

    # Edge labels are written in the target's column, above the arrow's last stretch.
    label_margin = [0.0] * columns
    label_above: dict[int, float] = {}
    for edge in edges:
        if edge.text:
            edge.label_lines = tuple(wrap(edge.text, EDGE_LABEL_WIDTH, LABEL_CHAR_WIDTH))
            target = nodes[edge.target]
            width = _text_width(edge.label_lines, LABEL_CHAR_WIDTH) + 8
            label_margin[target.column] = max(label_margin[target.column], width)
            label_above[target.order] = (
                label_above.get(target.order, 0.0) + len(edge.label_lines) * LABEL_LINE_HEIGHT + 4
            )

    column_inner = [0.0] * columns
    above = [EMPTY_ROW / 2] * rows
    below = [EMPTY_ROW / 2] * rows
    occupied: list[list[int]] = [[] for _ in range(rows)]
    for node in nodes:
        column_inner[node.column] = max(column_inner[node.column], node.foot_w)
        above[node.row] = max(above[node.row], node.fig_h / 2, label_above.get(node.order, 0) + 6)
        below[node.row] = max(below[node.row], node.foot_h - node.fig_h / 2)
        occupied[node.row].append(node.column)
    for cells in occupied:
        cells.sort()

    def empty_between(row: int, first: int, last: int) -> bool:
        """No shape in `row` in the columns first..last (inclusive)."""
        if first > last:
            return True
        i = bisect.bisect_left(occupied[row], first)
        return i == len(occupied[row]) or occupied[row][i] > last

    # Routes in abstract terms, resolved once every track (and so every coordinate) is known.
    channels = _Tracks(columns + 1)
    gaps = _Tracks(rows)
    routes: list[list[tuple[Term, Term]]] = []
    for i, edge in enumerate(edges):
        u, v = nodes[edge.source], nodes[edge.target]
        a, b = u.column, v.column
        route: list[tuple[Term, Term]]
        if not edge.back and b > a:
            if u.row == v.row and empty_between(u.row, a + 1, b - 1):
                route = [("right", "cy"), ("left", "cy")]
            elif b == a + 1 or empty_between(v.row, a + 1, b - 1):
                down = ("x", a + 1, channels.track(a + 1, ("out", u.order)))
                route = [("right", "cy"), (down, "cy"), (down, "v.cy"), ("left", "v.cy")]
            elif empty_between(u.row, a + 1, b - 1):
                down = ("x", b, channels.track(b, ("in", v.order)))
                route = [("right", "cy"), (down, "cy"), (down, "v.cy"), ("left", "v.cy")]
            else:
                first = ("x", a + 1, channels.track(a + 1, ("out", u.order)))
                across = ("y", v.row, gaps.track(v.row, i))
                last = ("x", b, channels.track(b, ("in", v.order)))
                route = [
                    ("right", "cy"),
                    (first, "cy"),
                    (first, across),
                    (last, across),
                    (last, "v.cy"),
                    ("left", "v.cy"),
                ]
        else:
            edge.back = True
            across = ("y", u.row, gaps.track(u.row, i))
            last = ("x", b, channels.track(b, ("in", v.order)))
            route = [
                ("cx", "top"),
                ("cx", across),
                (last, across),
                (last, "v.cy"),
                ("left", "v.cy"),
            ]
        routes.append(route)

    # Coordinates: channel j lies left of column j; gap r lies above row r. A band without
    # activities (or with narrow ones) is widened so that its name shows.
    channel_w = [2 * CHANNEL_PAD + max(0, channels.size(j) - 1) * TRACK for j in range(columns + 1)]
    column_w = [label_margin[j] + column_inner[j] + 2 * CELL_PAD_X for j in range(columns)]
    for band in range(band_count):
        begin, end = band_starts[band], band_starts[band + 1]
        span = sum(channel_w[begin:end]) + sum(column_w[begin:end])
        if band == band_count - 1:
            span += channel_w[columns]
        if span < BAND_MIN_WIDTH:
            column_w[end - 1] += BAND_MIN_WIDTH - span
    channel_x: list[float] = []
    column_x: list[float] = []
    longest = max((len(word) for _, name in lane_defs for word in name.split()), default=0)
    header = min(MAX_LANE_HEADER, max(LANE_HEADER, longest * BOLD_CHAR_WIDTH + 24))
    x = float(MARGIN + header)
    for j in range(columns + 1):
        channel_x.append(x)
        x += channel_w[j]
        if j < columns:
            column_x.append(x)
            x += column_w[j]
    right = x
    band_boxes_x = [
        (
            channel_x[band_starts[band]],
            right if band == band_count - 1 else channel_x[band_starts[band + 1]],
        )
        for band in range(band_count)
    ]

    band_lines = [
        wrap(step.name, max(40.0, end - start - 16), BOLD_CHAR_WIDTH)
        for step, (start, end) in zip(flow_map.steps, band_boxes_x, strict=True)
    ]
    header_h = max((len(lines) for lines in band_lines), default=1) * LINE_HEIGHT + 16
    top = MARGIN + header_h

    gap_y: list[float] = []
    row_y: list[float] = []
    row_h: list[float] = []
    lane_boxes: list[tuple[float, float]] = []
    y = float(top)
    lane_lines = [wrap(name, header - 20, BOLD_CHAR_WIDTH) for _, name in lane_defs]
    for lane in range(lane_count):
        lane_top = y
        for r in range(lane_rows[lane], lane_rows[lane + 1]):
            gap_y.append(y)
            y += 2 * GAP_PAD + max(0, gaps.size(r) - 1) * TRACK
            row_y.append(y)
            height = above[r] + below[r] + 2 * CELL_PAD_Y
            row_h.append(height)
            y += height
        need = len(lane_lines[lane]) * LINE_HEIGHT + 20
        if y - lane_top < need:
            y = lane_top + need
        lane_boxes.append((lane_top, y))
    bottom = y if lane_count else top + EMPTY_ROW

    shapes: list[Shape] = []
    for node in nodes:
        left = column_x[node.column] + CELL_PAD_X + label_margin[node.column]
        inner = column_inner[node.column]
        cx = left + inner / 2
        cy = row_y[node.row] + CELL_PAD_Y + above[node.row]
        node.cy = cy
        fig = Box(cx - node.fig_w / 2, cy - node.fig_h / 2, node.fig_w, node.fig_h)
        node.fig = fig
        label: Label | None
        if node.kind in ("aktivitet", "delprocess"):
            text_h = len(node.lines) * LINE_HEIGHT
            marker = MARKER_HEIGHT if node.kind == "delprocess" else 0
            text_top = fig.y + (fig.h - marker - text_h) / 2
            label = Label(fig, _centered(node.lines, cx, text_top, LINE_HEIGHT))
        elif node.lines:
            width = _text_width(node.lines, CHAR_WIDTH)
            box = Box(cx - width / 2, fig.bottom + 4, width, len(node.lines) * LINE_HEIGHT)
            label = Label(box, _centered(node.lines, cx, box.y, LINE_HEIGHT))
        else:
            label = None
        shapes.append(
            Shape(node.id, node.activity_id, node.kind, node.name, fig, label, node.lane, node.band)
        )

    def track(term: tuple[str, int, int]) -> float:
        axis, channel, number = term
        if axis == "x":
            return channel_x[channel] + CHANNEL_PAD + number * TRACK
        return gap_y[channel] + GAP_PAD + number * TRACK

    placed_labels: dict[int, float] = {}
    laid_edges: list[Edge] = []
    seen_ids: dict[str, int] = {}
    for edge, route in zip(edges, routes, strict=True):
        u, v = nodes[edge.source], nodes[edge.target]
        assert u.fig is not None and v.fig is not None
        named = {
            "right": u.fig.right,
            "left": v.fig.x,
            "cx": u.fig.x + u.fig.w / 2,
            "top": u.fig.y,
            "cy": u.cy,
            "v.cy": v.cy,
        }
        points = [
            (
                named[tx] if isinstance(tx, str) else track(tx),
                named[ty] if isinstance(ty, str) else track(ty),
            )
            for tx, ty in route
        ]
        label = None
        if edge.label_lines:
            height = len(edge.label_lines) * LABEL_LINE_HEIGHT
            offset = placed_labels.get(v.order, 0.0)
            placed_labels[v.order] = offset + height + 4
            width = _text_width(edge.label_lines, LABEL_CHAR_WIDTH)
            box_right = v.fig.x - 6
            box_top = v.cy - 4 - offset - height
            lines = tuple(
                TextLine(box_right, box_top + (k + 0.75) * LABEL_LINE_HEIGHT + 1, text, "end")
                for k, text in enumerate(edge.label_lines)
            )
            label = Label(Box(box_right - width, box_top, width, height), lines)
        base = f"{u.id}--{v.id}"
        count = seen_ids.get(base, 0)
        seen_ids[base] = count + 1
        laid_edges.append(
            Edge(
                base if count == 0 else f"{base}--{count + 1}",
                u.id,
                v.id,
                _simplify(points),
                edge.text,
                label,
                edge.back,
                edge.answers,
            )
        )

    width = right + MARGIN
    height = bottom + MARGIN
    lanes = tuple(
        Lane(
            lane_id,
            name,
            Box(MARGIN, y0, right - MARGIN, y1 - y0),
            _centered(
                lines,
                MARGIN + header / 2,
                (y0 + y1) / 2 - len(lines) * LINE_HEIGHT / 2,
                LINE_HEIGHT,
            ),
        )
        for (lane_id, name), (y0, y1), lines in zip(lane_defs, lane_boxes, lane_lines, strict=True)
    )
    bands = tuple(
        Band(
            step.id,
            step.name,
            Box(x0, MARGIN, x1 - x0, bottom - MARGIN),
            Box(x0, MARGIN, x1 - x0, header_h),
            _centered(lines, (x0 + x1) / 2, MARGIN + 8, LINE_HEIGHT),
        )
        for step, (x0, x1), lines in zip(flow_map.steps, band_boxes_x, band_lines, strict=True)
    )
    pool = Box(MARGIN, top, right - MARGIN, bottom - top)
    return FlowLayout(width, height, lanes, bands, tuple(shapes), tuple(laid_edges), pool, header)


def _simplify(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Drop repeated points and the middle of three points on one straight line."""
    kept: list[tuple[float, float]] = []
    for point in points:
        point = (round(point[0], 1), round(point[1], 1))
        if kept and kept[-1] == point:
            continue
        if len(kept) >= 2:
            (x0, y0), (x1, y1) = kept[-2], kept[-1]
            if (x0 == x1 == point[0]) or (y0 == y1 == point[1]):
                kept[-1] = point
                continue
        kept.append(point)
    return tuple(kept)
