"""The layout of the detailed processkarta: lanes, bands, columns and arrows (SPEC §6)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from procspec.reading.model import FlowMap
from procspec.rendering.flowlayout import JOIN_SUFFIX, MERGE_SUFFIX, SPLIT_SUFFIX, layout_flow

from .support import fixture_maps, flow_maps, geometry_faults

MAPS = fixture_maps()


@pytest.mark.parametrize("name", sorted(MAPS))
def test_no_overlap_and_no_arrow_through_a_shape_on_every_map(name: str) -> None:
    assert geometry_faults(layout_flow(MAPS[name])) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flow_maps())
def test_no_overlap_and_no_arrow_through_a_shape_on_generated_maps(flow_map: FlowMap) -> None:
    layout = layout_flow(flow_map)
    assert geometry_faults(layout) == []
    assert layout_flow(flow_map) == layout  # deterministic


def test_lanes_in_file_order_and_flow_left_to_right() -> None:
    layout = layout_flow(MAPS["bygglov"])
    assert [lane.id for lane in layout.lanes] == ["sökande", "handläggare"]
    assert layout.lanes[0].box.bottom <= layout.lanes[1].box.y
    assert [band.id for band in layout.bands] == ["ta-emot", "besluta"]
    shapes = {shape.id: shape for shape in layout.shapes}
    order = ["ansökan-inkommer", "registrera", "komplett", "remiss", "beslut-skickat"]
    xs = [shapes[s].box.x for s in order]
    assert xs == sorted(xs)
    assert shapes["ansökan-inkommer"].lane == 0
    assert shapes["registrera"].lane == 1
    assert shapes["remiss"].band == 1


def test_a_loop_runs_back_above_its_source_and_enters_from_the_left() -> None:
    layout = layout_flow(MAPS["bygglov"])
    shapes = {shape.id: shape for shape in layout.shapes}
    # The loop and the arrow from the start meet in an exclusive gateway before the task.
    merge = "registrera" + MERGE_SUFFIX
    assert shapes[merge].kind == "sammanflöde"
    back = next(e for e in layout.edges if e.source == "komplett" and e.target == merge)
    assert back.back and back.text == "Nej"
    gateway, task = shapes["komplett"].box, shapes[merge].box
    assert back.points[0] == (round(gateway.x + gateway.w / 2, 1), round(gateway.y, 1))
    assert min(y for _, y in back.points) < gateway.y
    assert back.points[-1][0] == pytest.approx(task.x, abs=0.1)


def test_decision_answers_are_written_on_their_arrows() -> None:
    layout = layout_flow(MAPS["bygglov"])
    labelled = {e.text: e for e in layout.edges if e.label is not None}
    assert set(labelled) == {"Ja", "Nej"}
    for edge in labelled.values():
        assert edge.label is not None
        (x1, y1), (x2, y2) = edge.points[-2], edge.points[-1]
        box = edge.label.box
        assert y1 == y2  # the last stretch is horizontal, and the label sits just above it
        assert min(x1, x2) - 0.5 <= box.x and box.right <= max(x1, x2) + 0.5
        assert box.bottom <= y2


def test_several_next_activities_split_through_a_parallel_gateway() -> None:
    layout = layout_flow(MAPS["faktura"])
    split = "skanna" + SPLIT_SUFFIX
    gateway = next(s for s in layout.shapes if s.id == split)
    assert gateway.kind == "parallell" and gateway.activity_id is None
    # (a loop back to kontera meets the split's arrow in an exclusive gateway before it)
    assert {e.target.split("+")[0] for e in layout.edges if e.source == split} == {
        "kontera",
        "kontrollera-leverantör",
    }
    assert [e.target for e in layout.edges if e.source == "skanna"] == [split]


def test_parallel_paths_meet_again_in_a_joining_parallel_gateway() -> None:
    layout = layout_flow(MAPS["faktura"])
    join = "granska" + JOIN_SUFFIX
    assert next(s for s in layout.shapes if s.id == join).kind == "parallell"
    assert {e.source for e in layout.edges if e.target == join} == {
        "kontera",
        "kontrollera-leverantör",
    }
    assert [e.target for e in layout.edges if e.source == join] == ["granska"]
    assert not any(s.id == "granska" + MERGE_SUFFIX for s in layout.shapes)


def _map(activities: list[dict[str, object]]) -> FlowMap:
    return FlowMap.model_validate(
        {
            "aktörer": [{"id": "a", "namn": "A"}],
            "processteg": [{"id": "s", "namn": "S", "aktiviteter": activities}],
        }
    )


def test_a_loop_into_a_parallel_join_meets_it_in_an_exclusive_gateway_after_the_join() -> None:
    flow_map = _map(
        [
            {"id": "start", "typ": "start", "namn": "Start", "aktör": "a", "nästa": ["b", "c"]},
            {"id": "b", "namn": "Göra b", "aktör": "a", "nästa": "d"},
            {"id": "c", "namn": "Göra c", "aktör": "a", "nästa": "d"},
            {"id": "d", "namn": "Göra d", "aktör": "a", "nästa": "ok"},
            {
                "id": "ok",
                "typ": "beslut",
                "namn": "Klart?",
                "aktör": "a",
                "val": [{"om": "Ja", "nästa": "slut"}, {"om": "Nej", "nästa": "d"}],
            },
            {"id": "slut", "typ": "slut", "namn": "Slut", "aktör": "a"},
        ]
    )
    layout = layout_flow(flow_map)
    kinds = {s.id: s.kind for s in layout.shapes}
    join, merge = "d" + JOIN_SUFFIX, "d" + MERGE_SUFFIX
    assert kinds[join] == "parallell" and kinds[merge] == "sammanflöde"
    into = {(e.source, e.target) for e in layout.edges}
    assert {("b", join), ("c", join), (join, merge), ("ok", merge), (merge, "d")} <= into
    assert geometry_faults(layout) == []


def test_paths_of_a_decision_meet_in_an_exclusive_gateway() -> None:
    flow_map = _map(
        [
            {"id": "start", "typ": "start", "namn": "Start", "aktör": "a", "nästa": "ok"},
            {
                "id": "ok",
                "typ": "beslut",
                "namn": "Vilken väg?",
                "aktör": "a",
                "val": [{"om": "B", "nästa": "b"}, {"om": "C", "nästa": "c"}],
            },
            {"id": "b", "namn": "Göra b", "aktör": "a", "nästa": "slut"},
            {"id": "c", "namn": "Göra c", "aktör": "a", "nästa": "slut"},
            {"id": "slut", "typ": "slut", "namn": "Slut", "aktör": "a"},
        ]
    )
    layout = layout_flow(flow_map)
    merge = "slut" + MERGE_SUFFIX
    assert {s.id: s.kind for s in layout.shapes}[merge] == "sammanflöde"
    assert {e.source for e in layout.edges if e.target == merge} == {"b", "c"}
    assert geometry_faults(layout) == []


def test_labels_are_wrapped_inside_their_boxes() -> None:
    layout = layout_flow(MAPS["faktura"])
    for shape in layout.shapes:
        if shape.kind in ("aktivitet", "delprocess") and shape.label is not None:
            assert len(shape.label.lines) > 0
            for line in shape.label.lines:
                assert shape.box.y < line.y < shape.box.bottom
                assert len(line.text) * 7.2 <= shape.box.w


def test_a_step_without_activities_still_gets_a_band() -> None:
    layout = layout_flow(MAPS["faktura"])
    last = layout.bands[-1]
    assert last.id == "arkivera" and last.box.w >= 170


def test_an_overview_only_map_has_bands_and_no_lanes() -> None:
    flow_map = FlowMap.model_validate(
        {"processteg": [{"id": "a", "namn": "Ta emot"}, {"id": "b", "namn": "Besluta"}]}
    )
    layout = layout_flow(flow_map)
    assert layout.shapes == () and layout.lanes == ()
    assert [band.id for band in layout.bands] == ["a", "b"]


def test_unknown_actor_and_targets_do_not_break_the_layout() -> None:
    flow_map = FlowMap.model_validate(
        {
            "processteg": [
                {
                    "id": "s",
                    "namn": "Steg",
                    "aktiviteter": [
                        {"id": "a", "namn": "A", "aktör": "okänd", "nästa": ["a", "saknas"]},
                        {"id": "a", "namn": "Dubblett"},
                    ],
                }
            ]
        }
    )
    layout = layout_flow(flow_map, unassigned="Utan aktör")
    assert [lane.name for lane in layout.lanes] == ["Utan aktör"]
    assert [shape.id for shape in layout.shapes] == ["a"]
    assert [(e.source, e.target, e.back) for e in layout.edges] == [("a", "a", True)]
    assert geometry_faults(layout) == []


def _chain(count: int, cycle: bool) -> FlowMap:
    activities = [
        {
            "id": f"a{i}",
            "namn": f"Aktivitet nummer {i}",
            "aktör": f"l{i % 3}",
            "nästa": f"a{(i + 1) % count}" if cycle or i + 1 < count else [],
        }
        for i in range(count)
    ]
    return FlowMap.model_validate(
        {
            "aktörer": [{"id": f"l{k}", "namn": f"Aktör {k}"} for k in range(3)],
            "processteg": [
                {"id": f"s{k}", "namn": f"Steg {k}", "aktiviteter": activities[k::10]}
                for k in range(10)
            ],
        }
    )


@pytest.mark.parametrize(("count", "cycle"), [(10_000, False), (5_000, True)])
def test_large_maps_are_laid_out_whole(count: int, cycle: bool) -> None:
    # How fast is measured in benchmarks/run.py; here: every activity is placed and joined.
    layout = layout_flow(_chain(count, cycle))
    assert len(layout.shapes) == count
    assert len(layout.edges) == count - 1 + int(cycle)


def test_a_long_lane_name_widens_the_lane_header_instead_of_breaking_the_word() -> None:
    flow_map = FlowMap.model_validate(
        {
            "aktörer": [{"id": "h", "namn": "Ekonomiservice (leverantörsreskontra)"}],
            "processteg": [
                {"id": "s", "namn": "Steg", "aktiviteter": [{"id": "a", "namn": "A", "aktör": "h"}]}
            ],
        }
    )
    layout = layout_flow(flow_map)
    assert [line.text for line in layout.lanes[0].lines] == [
        "Ekonomiservice",
        "(leverantörsreskontra)",
    ]
    assert layout.lane_header > 170
    assert layout.shapes[0].box.x > layout.pool.x + layout.lane_header


def test_answers_and_arrows_to_one_activity_are_one_arrow() -> None:
    layout = layout_flow(MAPS["samma-mal"])
    pairs = [(e.source, e.target) for e in layout.edges]
    assert len(pairs) == len(set(pairs))
    answer = next(e for e in layout.edges if e.source == "anonym")
    # Two answers are two paths (a BPMN flow each): they meet in a gateway before the activity.
    assert (answer.target, answer.text) == ("besvara+sammanflöde", "Ja / Nej")
    assert [e.target for e in layout.edges if e.source == answer.target] == ["besvara"]
    assert [e.target for e in layout.edges if e.source == "synpunkt-inkommer"] == ["registrera"]
