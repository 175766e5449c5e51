"""The flow graph and its analyses: durations, reachability, longest path, krav and risks."""

from __future__ import annotations

from typing import Any

import pytest

from procspec.checking.flowanalysis import flow_order, krav_analysis, lead_time, risk_analysis
from procspec.checking.flowgraph import back_edges, build, leads_to, parse_duration, reachable
from procspec.reading.model import FlowMap, Process


def _map(*activities: dict[str, Any], steps: int = 1) -> FlowMap:
    per_step = [list(activities[i::steps]) for i in range(steps)] if steps > 1 else [activities]
    return FlowMap.model_validate(
        {
            "aktörer": [{"id": "e", "namn": "Ekonom"}],
            "processteg": [
                {"id": f"s{i}", "namn": f"Steg {i}", "aktiviteter": list(acts)}
                for i, acts in enumerate(per_step)
            ],
        }
    )


def _a(ident: str, nxt: str | list[str] | None = None, **more: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": ident, "namn": f"Göra {ident}", "aktör": "e", **more}
    if nxt is not None:
        data["nästa"] = nxt
    return data


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1 dag", 480),
        ("3 dagar", 1440),
        ("0,5 dag", 240),
        ("1.5 timmar", 90),
        ("1 timme", 60),
        ("45 minuter", 45),
        ("1 minut", 1),
        ("2 veckor", 4800),
        ("1 Vecka", 2400),
        ("0 minuter", 0),
    ],
)
def test_durations_in_working_minutes(text: str, minutes: float) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["en dag", "3 månader", "1", "dag", "-1 dag", "1,5,5 dag", ""])
def test_not_durations(text: str) -> None:
    assert parse_duration(text) is None


def test_longest_path_takes_the_slower_parallel_branch() -> None:
    flow = _map(
        _a("in", ["snabb", "långsam"], typ="start"),
        _a("snabb", "ut", ledtid="1 timme"),
        _a("långsam", "ut", ledtid="1 dag", väntetid="2 dagar"),
        _a("ut", typ="slut"),
    )
    found = lead_time(build(flow))
    assert found is not None
    assert [c.activity.id for c in found.path] == ["in", "långsam", "ut"]
    assert found.lead == 480 and found.wait == 960
    assert found.waiting_share == pytest.approx(2 / 3)
    assert [c.activity.id for c in found.bottlenecks] == ["långsam"]


def test_a_loop_is_counted_once() -> None:
    flow = _map(
        _a("in", "reg", typ="start"),
        _a("reg", "ok", ledtid="2 timmar"),
        {
            "id": "ok",
            "typ": "beslut",
            "namn": "Komplett?",
            "aktör": "e",
            "val": [{"om": "Ja", "nästa": "ut"}, {"om": "Nej", "nästa": "komplettera"}],
        },
        _a("komplettera", "reg", ledtid="1 dag", väntetid="1 vecka"),
        _a("ut", typ="slut"),
    )
    graph = build(flow)
    assert back_edges(graph, graph.starts()) == {(3, 1)}
    found = lead_time(graph)
    assert found is not None
    assert [c.activity.id for c in found.path] == ["in", "reg", "ok", "ut"]
    assert found.total == 120 and found.loops == 1


def test_bottlenecks_rank_the_largest_contributions() -> None:
    flow = _map(
        _a("in", "a", typ="start"),
        _a("a", "b", ledtid="1 timme"),
        _a("b", "c", ledtid="3 timmar"),
        _a("c", "d", väntetid="2 timmar"),
        _a("d", "ut", ledtid="4 timmar"),
        _a("ut", typ="slut"),
    )
    found = lead_time(build(flow))
    assert found is not None
    assert [c.activity.id for c in found.bottlenecks] == ["d", "b", "c"]
    assert [a.id for a in found.untimed] == ["c"]


def test_no_path_to_an_end_gives_no_analysis() -> None:
    assert lead_time(build(_map(_a("in", "a", typ="start"), _a("a")))) is None
    assert lead_time(build(_map(_a("a", "ut"), _a("ut", typ="slut")))) is None


def test_flow_order_follows_the_flow_within_each_step() -> None:
    flow = _map(
        _a("ut", typ="slut"),
        _a("b", "ut"),
        _a("a", "b"),
        _a("in", "a", typ="start"),
        _a("ensam"),
    )
    graph = build(flow)
    assert [graph.activities[n].id for n in flow_order(graph)] == ["in", "a", "b", "ut", "ensam"]


def test_krav_and_risks() -> None:
    flow = _map(
        _a("in", "a", typ="start"),
        _a(
            "a",
            "ut",
            krav=["K1", "K1"],
            risker=[
                {"beskrivning": "Fel", "sannolikhet": 3, "konsekvens": 4, "åtgärd": "Kontroll"},
                {"beskrivning": "Sent", "sannolikhet": 1, "konsekvens": 2},
            ],
        ),
        _a("ut", typ="slut"),
    )
    process = Process.model_validate(
        {
            "namn": "Betala fakturor",
            "typ": "stödprocess",
            "syfte": "x",
            "starthändelse": "x",
            "sluthändelse": "x",
            "mottagare": ["x"],
            "krav": [
                {"id": "K1", "typ": "lagkrav", "beskrivning": "a", "kritiskt": True},
                {"id": "K2", "typ": "lagkrav", "beskrivning": "b", "kritiskt": True},
                {"typ": "mottagarkrav", "beskrivning": "c"},
            ],
        }
    )
    graph = build(flow)
    order = flow_order(graph)
    rows = krav_analysis(process, graph, order)
    assert [[a.id for a in r.activities] for r in rows] == [["a"], [], []]
    assert [r.unmet_critical for r in rows] == [False, True, False]
    risks = risk_analysis(graph, order)
    assert [(i.number, i.score, i.high) for i in risks.ranked] == [(1, 12, True), (2, 2, False)]
    assert [i.number for i in risks.cell(3, 4)] == [1] and risks.cell(4, 4) == []


def _chain(count: int, loop: bool) -> FlowMap:
    acts = [_a("a0", "a1", typ="start")]
    for i in range(1, count - 1):
        acts.append(_a(f"a{i}", "a1" if loop and i == count - 2 else f"a{i + 1}", ledtid="1 timme"))
    acts.append(_a(f"a{count - 1}", typ="slut"))
    return _map(*acts)


def test_large_maps_are_walked_without_recursion() -> None:
    chain = build(_chain(10_000, loop=False))
    cycle = build(_chain(5_002, loop=True))
    assert all(reachable(chain, chain.starts()))
    assert all(leads_to(chain, chain.ends()))
    found = lead_time(chain)
    assert found is not None and len(found.path) == 10_000 and found.lead == 9_998 * 60
    assert not any(leads_to(cycle, cycle.ends())[:-1])
    assert len(back_edges(cycle, cycle.starts())) == 1
    assert lead_time(cycle) is None
    assert len(flow_order(cycle)) == 5_002
