"""Maps to lay out and export: the fixture maps, the examples' maps, generated maps (hypothesis),
and the geometry every layout must keep."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from procspec.reading.model import FlowMap
from procspec.rendering.flowlayout import Box, FlowLayout

from ...conftest import EXAMPLES

MAPS = Path(__file__).parent / "maps"
EPSILON = 0.5


def _load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def fixture_maps() -> dict[str, FlowMap]:
    """The hand-written maps of tests/render/flow/maps, and every map of the examples."""
    found = {path.stem: FlowMap.model_validate(_load(path)) for path in sorted(MAPS.glob("*.yaml"))}
    for path in sorted(EXAMPLES.glob("*/processer/**/*.yaml")):
        data = _load(path)
        if isinstance(data, dict) and "processkarta" in data:
            found[f"{path.parts[-3]}/{path.stem}"] = FlowMap.model_validate(data["processkarta"])
    return found


KINDS = ["start", "aktivitet", "aktivitet", "aktivitet", "beslut", "delprocess", "slut"]


@st.composite
def flow_maps(draw: st.DrawFn, max_activities: int = 14) -> FlowMap:
    """A map with 1–4 lanes, 1–4 steps and random arrows between its activities (forward,
    backward, to itself, in parallel, from decisions; answers of a decision may share a target)."""
    lanes = draw(st.integers(1, 4))
    steps = draw(st.integers(1, 4))
    count = draw(st.integers(0, max_activities))
    ids = [f"a{i}" for i in range(count)]
    names = st.text(
        st.sampled_from(list("abcdefghijklmnopqrstuvwxyzåäö ÅÄÖ-?")), min_size=1, max_size=70
    ).filter(lambda s: s.strip() != "")
    activities: list[list[dict[str, Any]]] = [[] for _ in range(steps)]
    for i, activity_id in enumerate(ids):
        kind = draw(st.sampled_from(KINDS))
        item: dict[str, Any] = {
            "id": activity_id,
            "typ": kind,
            "namn": draw(names),
            "aktör": f"l{draw(st.integers(0, lanes - 1))}",
        }
        if kind == "beslut" and ids:
            targets = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3))
            item["val"] = [{"om": draw(names), "nästa": target} for target in targets]
        elif kind != "slut" and ids:
            item["nästa"] = draw(
                st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)
            )
        if kind == "delprocess":
            item["process"] = "annan-process"
        step = draw(st.integers(0, steps - 1)) if i else 0
        activities[step].append(item)
    data = {
        "aktörer": [{"id": f"l{k}", "namn": f"Aktör {k}"} for k in range(lanes)],
        "processteg": [
            {"id": f"s{k}", "namn": draw(names), "aktiviteter": activities[k]} for k in range(steps)
        ],
    }
    return FlowMap.model_validate(data)


def _overlap(a: Box, b: Box) -> bool:
    return (
        a.x < b.right - EPSILON
        and b.x < a.right - EPSILON
        and a.y < b.bottom - EPSILON
        and b.y < a.bottom - EPSILON
    )


def _crosses(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Whether the axis-parallel segment p–q passes through the inside of `box`."""
    x0, x1 = sorted((p[0], q[0]))
    y0, y1 = sorted((p[1], q[1]))
    return (
        x0 < box.right - EPSILON
        and box.x + EPSILON < x1 + (EPSILON if x0 == x1 else 0)
        and y0 < box.bottom - EPSILON
        and box.y + EPSILON < y1 + (EPSILON if y0 == y1 else 0)
    )


def geometry_faults(layout: FlowLayout) -> list[str]:
    """Everything wrong with the geometry: overlapping shapes, arrows through shapes, diagonal
    arrows, labels over shapes, shapes outside their lane or band."""
    faults: list[str] = []
    shapes = layout.shapes
    for i, a in enumerate(shapes):
        for b in shapes[i + 1 :]:
            if _overlap(a.footprint, b.footprint):
                faults.append(f"{a.id} overlaps {b.id}")
        lane, band = layout.lanes[a.lane].box, layout.bands[a.band].box
        f = a.footprint
        if not (lane.y <= f.y and f.bottom <= lane.bottom):
            faults.append(f"{a.id} outside its lane")
        if not (band.x <= f.x and f.right <= band.right):
            faults.append(f"{a.id} outside its band")
    for edge in layout.edges:
        points = edge.points
        if len(points) < 2:
            faults.append(f"{edge.id} has fewer than two points")
        for p, q in itertools.pairwise(points):
            if p[0] != q[0] and p[1] != q[1]:
                faults.append(f"{edge.id} runs diagonally {p}–{q}")
            for shape in shapes:
                boxes = [shape.box] if shape.label is None else [shape.box, shape.label.box]
                for box in boxes:
                    if _crosses(p, q, box):
                        faults.append(f"{edge.id} passes through {shape.id} at {p}–{q}")
                        break
        if edge.label is not None:
            for shape in shapes:
                boxes = [shape.box] if shape.label is None else [shape.box, shape.label.box]
                if any(_overlap(edge.label.box, box) for box in boxes):
                    faults.append(f"label of {edge.id} covers {shape.id}")
    return faults


def well_formed_map(seed: int) -> FlowMap:
    """A map as a process leader would draw it (one start event, every path ending in an end
    event, every activity named): a chain of activities, decisions that loop back, parallel
    paths and delprocesser over 2–4 lanes and 1–4 steps. Random but fixed by `seed`."""
    rng = random.Random(seed)
    lanes = rng.randint(2, 4)
    items: list[dict[str, Any]] = []
    pending: list[Callable[[str], None]] = []  # open ends, linked to whatever comes next
    tasks: list[str] = []

    def add(item: dict[str, Any], *open_ends: dict[str, Any]) -> None:
        for link in pending:
            link(item["id"])
        pending.clear()
        items.append(item)
        for end in open_ends:
            pending.append(lambda target, end=end: end.__setitem__("nästa", target))

    start = {"id": "start", "typ": "start", "namn": "Ärendet inkommer"}
    add(start, start)
    for i in range(rng.randint(2, 12)):
        kind = rng.choice(["aktivitet", "aktivitet", "beslut", "parallell", "delprocess"])
        here = f"a{i}"
        if kind == "beslut" and tasks:
            yes = {"om": "Ja", "nästa": ""}
            no = {"om": "Nej", "nästa": rng.choice(tasks)}
            add({"id": here, "typ": "beslut", "namn": f"Är steg {i} klart?", "val": [yes, no]}, yes)
        elif kind == "parallell":
            left = {"id": f"{here}-a", "namn": f"Gör del A av steg {i}"}
            right = {"id": f"{here}-b", "namn": f"Gör del B av steg {i}"}
            add({"id": here, "namn": f"Fördela arbetet {i}", "nästa": [left["id"], right["id"]]})
            items.extend([left, right])
            pending.extend(
                lambda target, end=end: end.__setitem__("nästa", target) for end in (left, right)
            )
            tasks.append(here)
        elif kind == "delprocess":
            sub = {"id": here, "typ": "delprocess", "namn": f"Delprocess {i}", "process": "annan"}
            add(sub, sub)
        else:
            task = {"id": here, "namn": f"Utför aktivitet nummer {i} enligt rutinen"}
            add(task, task)
            tasks.append(here)
    add({"id": "slut", "typ": "slut", "namn": "Ärendet är avslutat"})
    for item in items:
        item["aktör"] = f"l{rng.randrange(lanes)}"
    steps = rng.randint(1, min(4, len(items)))
    cuts = sorted(rng.sample(range(1, len(items)), steps - 1))
    bounds = [0, *cuts, len(items)]
    return FlowMap.model_validate(
        {
            "aktörer": [{"id": f"l{k}", "namn": f"Aktör {k}"} for k in range(lanes)],
            "processteg": [
                {"id": f"s{k}", "namn": f"Processteg {k}", "aktiviteter": items[a:b]}
                for k, (a, b) in enumerate(itertools.pairwise(bounds))
            ],
        }
    )
