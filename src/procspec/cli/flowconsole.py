"""`procspec show`'s processkarta: the flow as a terminal table (steps, activities, who, next)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from procspec.checking.flowanalysis import flow_order
from procspec.checking.flowgraph import build
from procspec.messages import msg
from procspec.reading.model import FlowMap

MARKS = {"start": "○", "aktivitet": "□", "beslut": "◇", "delprocess": "⊞", "slut": "◉"}
"""BPMN's shapes as characters: events as circles, tasks as boxes, gateways as diamonds."""


def flow_table(flow_map: FlowMap, lang: str, names: dict[str, str] | None = None) -> Table | Text:
    """The map in flow order: a row per activity with its step, kind, name, who and next.

    `names` gives the name of a process a nameless delprocess calls (process id -> name)."""
    graph = build(flow_map)
    if graph.size == 0:
        steps = " → ".join(step.name for step in flow_map.steps)
        return Text(msg("console.flow.overview", lang, steps=steps))
    actors = {a.id: a.name for a in flow_map.actors}

    def name(index: int) -> str:
        activity = graph.activities[index]
        if activity.name is not None:
            return activity.name
        return (names or {}).get(activity.process or "", activity.process or activity.id)

    table = Table(title=msg("console.flow.title", lang), title_justify="left", show_lines=False)
    for key in ("step", "activity", "actor", "next"):
        table.add_column(msg(f"console.flow.{key}", lang), overflow="fold")
    previous_step = -1
    for node in flow_order(graph):
        activity = graph.activities[node]
        step = graph.steps[node]
        following = [name(e.target) if e.label is None else f"{e.label}: {name(e.target)}"
                     for e in graph.edges[node]]  # fmt: skip
        if activity.kind == "slut" and not following:
            following = [msg("console.flow.end", lang)]
        table.add_row(
            flow_map.steps[step].name if step != previous_step else "",
            f"{MARKS[activity.kind]} {name(node)}",
            actors.get(activity.actor or "", activity.actor or ""),
            "\n".join(following),
        )
        previous_step = step
    return table
