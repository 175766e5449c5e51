"""Export → import → export gives the same map and the same file (SPEC §6)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError

from procspec.reading.bpmnimport import read_bpmn
from procspec.reading.model import MAX_TEXT, FlowMap
from procspec.rendering.bpmnexport import NAMESPACE, export_bpmn
from procspec.rendering.flowlayout import layout_flow

from ..render.flow.support import fixture_maps, flow_maps

MAPS = fixture_maps()
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"


def _export(flow_map: FlowMap) -> str:
    return export_bpmn("en-process", "En process", flow_map, layout_flow(flow_map))


def _round_trip(flow_map: FlowMap) -> None:
    first = _export(flow_map)
    imported = read_bpmn(first.encode("utf-8"), "export.bpmn")
    assert imported.skipped == []
    again = FlowMap.model_validate(imported.data)
    assert again == flow_map
    assert _export(again) == first


REDUNDANT = {"samma-mal"}
"""Maps with a `nästa` that names one activity twice: one arrow, so it comes back once."""


@pytest.mark.parametrize("name", sorted(set(MAPS) - REDUNDANT))
def test_every_map_survives_export_and_import(name: str) -> None:
    _round_trip(MAPS[name])


def test_answers_to_one_activity_come_back_as_answers_of_their_own() -> None:
    first = _export(MAPS["samma-mal"])
    flows = [
        (flow.get("sourceRef"), flow.get("targetRef"), flow.findtext(BPMN + "conditionExpression"))
        for flow in ET.fromstring(first).iter(BPMN + "sequenceFlow")
    ]
    assert len(flows) == len(set(flows))  # bpmnlint's no-duplicate-sequence-flows
    again = FlowMap.model_validate(read_bpmn(first.encode("utf-8"), "export.bpmn").data)
    decision = next(a for step in again.steps for a in step.activities if a.id == "anonym")
    assert [(c.when, c.next) for c in decision.choices] == [("Ja", "besvara"), ("Nej", "besvara")]
    _round_trip(again)


def test_a_decision_keeps_the_order_of_its_answers() -> None:
    # Ja and Annars share an arrow, Nej has its own: they come back in the order of `val`.
    flow_map = FlowMap.model_validate(
        {
            "aktörer": [{"id": "a", "namn": "A"}],
            "processteg": [
                {
                    "id": "s",
                    "namn": "S",
                    "aktiviteter": [
                        {
                            "id": "start",
                            "typ": "start",
                            "namn": "Start",
                            "aktör": "a",
                            "nästa": "val",
                        },
                        {
                            "id": "val",
                            "typ": "beslut",
                            "namn": "Klart?",
                            "aktör": "a",
                            "val": [
                                {"om": "Ja", "nästa": "slut"},
                                {"om": "Nej", "nästa": "om"},
                                {"om": "Annars", "nästa": "slut"},
                            ],
                        },
                        {"id": "om", "namn": "Gör om", "aktör": "a", "nästa": "val"},
                        {"id": "slut", "typ": "slut", "namn": "Slut", "aktör": "a"},
                    ],
                }
            ],
        }
    )
    _round_trip(flow_map)


def _long_map(length: int) -> dict[str, object]:
    name, answer = "N" * length, "J" * length
    return {
        "aktörer": [{"id": "a" * 5_000, "namn": name}],
        "processteg": [
            {
                "id": "s",
                "namn": name,
                "aktiviteter": [
                    {"id": "b" * 5_000, "typ": "start", "namn": name, "aktör": "a" * 5_000,
                     "nästa": "c" * 5_000},
                    {"id": "c" * 5_000, "typ": "beslut", "namn": name, "aktör": "a" * 5_000,
                     "val": [{"om": answer, "nästa": "d"}, {"om": "Nej", "nästa": "d"}]},
                    {"id": "d", "typ": "slut", "namn": name, "aktör": "a" * 5_000},
                ],
            }
        ],
    }  # fmt: skip


def test_texts_and_ids_as_long_as_the_model_takes_survive_export_and_import() -> None:
    _round_trip(FlowMap.model_validate(_long_map(MAX_TEXT)))


def test_a_text_longer_than_import_reads_is_refused_by_the_model() -> None:
    with pytest.raises(ValidationError) as caught:
        FlowMap.model_validate(_long_map(MAX_TEXT + 1))
    assert {e["type"] for e in caught.value.errors()} == {"string_too_long"}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flow_maps())
def test_generated_maps_survive_export_and_import(flow_map: FlowMap) -> None:
    _round_trip(flow_map)


def test_the_export_maps_every_kind_to_its_bpmn_element() -> None:
    root = ET.fromstring(_export(MAPS["bygglov"]))
    process = root.find(f"{BPMN}process")
    assert process is not None
    tags = {child.get("id"): child.tag.removeprefix(BPMN) for child in process}
    assert tags["StartEvent_ansokan-inkommer"] == "startEvent"
    assert tags["Activity_registrera"] == "task"
    assert tags["Gateway_komplett"] == "exclusiveGateway"
    assert tags["Activity_remiss"] == "callActivity"
    assert tags["EndEvent_beslut-skickat"] == "endEvent"
    call = process.find(f"{BPMN}callActivity")
    assert call is not None and call.get("calledElement") == "hantera-remisser"
    names = {f.get("name") for f in process.findall(f"{BPMN}sequenceFlow") if f.get("name")}
    assert names == {"Ja", "Nej"}
    lanes = [lane.get("name") for lane in process.iter(f"{BPMN}lane")]
    assert lanes == ["Sökande", "Bygglovshandläggare"]
    collaboration = root.find(f"{BPMN}collaboration")
    assert collaboration is not None
    assert len(collaboration.findall(f"{BPMN}participant")) == 1
    values = [v.get("value") for v in root.iter(f"{BPMN}categoryValue")]
    assert values == ["Ta emot ansökan", "Besluta om bygglov"]
    risk = root.find(f".//{{{NAMESPACE}}}risk")
    assert risk is not None and risk.get("atgard") == "Kontroll mot fastighetsregistret"


def test_parallel_paths_split_and_join_in_parallel_gateways() -> None:
    root = ET.fromstring(_export(MAPS["faktura"]))
    gateways = list(root.iter(f"{BPMN}parallelGateway"))
    assert len(gateways) == 2
    split, join = gateways
    assert len(split.findall(f"{BPMN}outgoing")) == 2
    assert len(split.findall(f"{BPMN}incoming")) == 1
    assert len(join.findall(f"{BPMN}incoming")) == 2
    assert len(join.findall(f"{BPMN}outgoing")) == 1
    # No activity or event joins paths itself (bpmnlint's fake-join).
    for element in root.iter():
        if element.tag.endswith(("Task", "task", "Event", "callActivity")):
            assert len(element.findall(f"{BPMN}incoming")) <= 1, element.get("id")


def test_the_diagram_is_the_layout_of_the_svg() -> None:
    flow_map = MAPS["bygglov"]
    layout = layout_flow(flow_map)
    root = ET.fromstring(_export(flow_map))
    bounds = {
        shape.get("bpmnElement"): shape.find("{http://www.omg.org/spec/DD/20100524/DC}Bounds")
        for shape in root.iter("{http://www.omg.org/spec/BPMN/20100524/DI}BPMNShape")
    }
    registrera = next(s for s in layout.shapes if s.id == "registrera")
    box = bounds["Activity_registrera"]
    assert box is not None
    assert float(box.get("x", "")) == round(registrera.box.x)
    assert float(box.get("width", "")) == round(registrera.box.w)


def test_ids_are_xml_names_and_unique() -> None:
    flow_map = FlowMap.model_validate(
        {
            "aktörer": [{"id": "å", "namn": "Å"}, {"id": "a", "namn": "A"}],
            "processteg": [
                {
                    "id": "1-steg",
                    "namn": "Steg",
                    "aktiviteter": [
                        {"id": "hämta", "namn": "Hämta", "aktör": "å", "nästa": "hamta"},
                        {"id": "hamta", "namn": "Hamta", "aktör": "a"},
                    ],
                }
            ],
        }
    )
    root = ET.fromstring(_export(flow_map))
    ids = [e.get("id") for e in root.iter() if e.get("id") and e.tag.startswith(BPMN)]
    assert len(ids) == len(set(ids))
    assert "Activity_hamta" in ids and "Activity_hamta_2" in ids
    _round_trip(flow_map)
