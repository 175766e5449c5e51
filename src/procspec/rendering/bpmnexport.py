"""A processkarta as BPMN 2.0 XML with its diagram (SPEC §6, `procspec bpmn export`).

One collaboration with one participant (the process) whose lanes are the aktörer; start and end
events, tasks, exclusive gateways for beslut (their `om` as the names and conditions of the outgoing
flows, one flow per answer), call activities for delprocess (`calledElement` is the process id),
parallel gateways where `nästa` lists several activities, and the processteg as groups. The
diagram interchange (BPMNDI) is the layout of the SVG, so a modelling tool shows the same picture.

What BPMN has no element for — the activity's own id, ledtid, väntetid, system, dokument, krav and
risker, the ids of aktörer and processteg — travels in `extensionElements` in the procspec namespace
(`NAMESPACE`), which modelling tools keep and `procspec bpmn import` reads back.

The XML is the same for the same map: ids come from the ids of the map, made XML-safe (NCName)
and unique, never from a counter or a clock.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from procspec.reading.model import FlowActivity, FlowMap
from procspec.reading.slug import slug
from procspec.rendering.flowlayout import ANSWER_SEPARATOR, Box, Edge, FlowLayout, Shape

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
NAMESPACE = "urn:procspec:processkarta:1"
"""The procspec extension namespace (`procspec:` elements inside `extensionElements`)."""
PREFIXES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "procspec": NAMESPACE}
POOL_HEADER = 30
"""bpmn-js and Camunda Modeler draw a pool's and a lane's name in a 30 px band on its left."""

ELEMENT = {
    "start": ("startEvent", "StartEvent"),
    "slut": ("endEvent", "EndEvent"),
    "aktivitet": ("task", "Activity"),
    "beslut": ("exclusiveGateway", "Gateway"),
    "sammanflöde": ("exclusiveGateway", "Gateway"),
    "parallell": ("parallelGateway", "Gateway"),
    "delprocess": ("callActivity", "Activity"),
}

for _prefix, _uri in PREFIXES.items():
    ET.register_namespace(_prefix, _uri)


def _q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


ID_LENGTH = 200
"""The most of a map's id an XML id takes: an arrow's id joins two (`bpmn import` reads no
attribute over `MAX_TEXT`), and the map's own ids travel whole in the extension."""


class _Ids:
    """XML ids (NCName) from the ids of the map: a prefix, the id without å/ä/ö and accents,
    anything else an underscore, at most `ID_LENGTH` of it; a number appended when two would be
    the same."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, prefix: str, name: str) -> str:
        base = f"{prefix}_{re.sub(r'[^A-Za-z0-9_.-]', '_', slug(name))[:ID_LENGTH]}"
        candidate, number = base, 1
        while candidate in self.used:
            number += 1
            candidate = f"{base}_{number}"
        self.used.add(candidate)
        return candidate


def _bounds(parent: ET.Element, box: Box) -> None:
    ET.SubElement(
        parent,
        _q(DC, "Bounds"),
        {"x": _num(box.x), "y": _num(box.y), "width": _num(box.w), "height": _num(box.h)},
    )


def _num(value: float) -> str:
    return str(round(value))


def _extension(parent: ET.Element, tag: str, attributes: dict[str, str]) -> ET.Element:
    """`<bpmn:extensionElements><procspec:TAG …/>` as the first child of `parent`."""
    holder = ET.Element(_q(BPMN, "extensionElements"))
    parent.insert(0, holder)
    return ET.SubElement(holder, _q(NAMESPACE, tag), attributes)


def _activity_extension(element: ET.Element, activity: FlowActivity) -> None:
    attributes = {"id": activity.id}
    if activity.name is None:
        attributes["namnlos"] = "true"
    if activity.lead_time is not None:
        attributes["ledtid"] = activity.lead_time
    if activity.wait_time is not None:
        attributes["vantetid"] = activity.wait_time
    data = _extension(element, "aktivitet", attributes)
    for tag, values in (
        ("system", activity.systems),
        ("dokument", activity.documents),
        ("krav", activity.requirements),
    ):
        for value in values:
            ET.SubElement(data, _q(NAMESPACE, tag)).text = value
    for risk in activity.risks:
        risk_attributes = {
            "beskrivning": risk.description,
            "sannolikhet": str(risk.likelihood),
            "konsekvens": str(risk.consequence),
        }
        if risk.measure is not None:
            risk_attributes["atgard"] = risk.measure
        ET.SubElement(data, _q(NAMESPACE, "risk"), risk_attributes)


@dataclass(frozen=True)
class _Flow:
    """A sequence flow: an arrow of the layout, or one answer of an arrow that carries several."""

    edge: Edge
    name: str | None
    label: Box | None
    position: int = 0
    """The answer's place in the decision's `val`."""


def _flows(layout: FlowLayout) -> list[_Flow]:
    """One flow per arrow, and per answer where answers share an arrow ("Ja / Nej"), so that each
    `om` comes back from import as its own choice: a decision's flows in the order of its `val`,
    the shared label cut in one piece per answer, left to right as the joined text reads."""
    flows: list[_Flow] = []
    for edge in layout.edges:
        box = edge.label.box if edge.label is not None else None
        if not edge.answers:
            flows.append(_Flow(edge, edge.text, box))
        elif len(edge.answers) == 1 or box is None:
            flows.extend(_Flow(edge, a.text, box, a.position) for a in edge.answers)
        else:
            unit = box.w / len(edge.text or "")
            x = box.x
            for answer in edge.answers:
                width = unit * len(answer.text)
                flows.append(_Flow(edge, answer.text, Box(x, box.y, width, box.h), answer.position))
                x += width + unit * len(ANSWER_SEPARATOR)
    # Answers of one decision to different shapes are arrows of their own: back in `val` order.
    slots: dict[str, list[int]] = {}
    for i, flow in enumerate(flows):
        if flow.edge.answers:
            slots.setdefault(flow.edge.source, []).append(i)
    for taken in slots.values():
        ordered = sorted((flows[i] for i in taken), key=lambda flow: flow.position)
        for i, flow in zip(taken, ordered, strict=True):
            flows[i] = flow
    return flows


def export_bpmn(process_id: str, process_name: str, flow_map: FlowMap, layout: FlowLayout) -> str:
    """The map as a BPMN 2.0 document (text), drawn as `layout` (from `layout_flow(flow_map)`)."""
    ids = _Ids()
    collaboration_id = ids.make("Collaboration", process_id)
    participant_id = ids.make("Participant", process_id)
    process_xml_id = ids.make("Process", process_id)
    definitions = ET.Element(
        _q(BPMN, "definitions"),
        {
            "id": ids.make("Definitions", process_id),
            "targetNamespace": "urn:procspec",
            "exporter": "procspec",
            "exporterVersion": "1",
        },
    )
    collaboration = ET.SubElement(definitions, _q(BPMN, "collaboration"), {"id": collaboration_id})
    ET.SubElement(
        collaboration,
        _q(BPMN, "participant"),
        {"id": participant_id, "name": process_name, "processRef": process_xml_id},
    )
    process = ET.SubElement(
        definitions, _q(BPMN, "process"), {"id": process_xml_id, "isExecutable": "false"}
    )

    activities = {a.id: a for a in reversed(flow_map.all_activities())}  # the first of a duplicate
    shape_ids: dict[str, str] = {}
    for shape in layout.shapes:
        shape_ids[shape.id] = ids.make(ELEMENT[shape.kind][1], shape.id)
    lane_ids = [ids.make("Lane", lane.id or "utan-aktör") for lane in layout.lanes]
    flows = _flows(layout)
    flow_ids = [ids.make("Flow", flow.edge.id) for flow in flows]
    group_ids = [ids.make("Group", band.id) for band in layout.bands]
    value_ids = [ids.make("CategoryValue", band.id) for band in layout.bands]

    if layout.lanes:
        lane_set = ET.SubElement(
            process, _q(BPMN, "laneSet"), {"id": ids.make("LaneSet", process_id)}
        )
        for i, lane in enumerate(layout.lanes):
            element = ET.SubElement(
                lane_set, _q(BPMN, "lane"), {"id": lane_ids[i], "name": lane.name}
            )
            if lane.id:
                _extension(element, "aktor", {"id": lane.id})
            for shape in layout.shapes:
                if shape.lane == i:
                    ET.SubElement(element, _q(BPMN, "flowNodeRef")).text = shape_ids[shape.id]

    outgoing: dict[str, list[int]] = {}
    incoming: dict[str, list[int]] = {}
    for i, flow in enumerate(flows):
        outgoing.setdefault(flow.edge.source, []).append(i)
        incoming.setdefault(flow.edge.target, []).append(i)
    for shape in layout.shapes:
        tag = ELEMENT[shape.kind][0]
        attributes = {"id": shape_ids[shape.id]}
        if shape.kind not in ("parallell", "sammanflöde"):
            attributes["name"] = shape.name
        activity = activities.get(shape.activity_id) if shape.activity_id else None
        if shape.kind == "delprocess" and activity is not None and activity.process:
            attributes["calledElement"] = activity.process
        element = ET.SubElement(process, _q(BPMN, tag), attributes)
        if activity is not None:
            _activity_extension(element, activity)
        for i in incoming.get(shape.id, []):
            ET.SubElement(element, _q(BPMN, "incoming")).text = flow_ids[i]
        for i in outgoing.get(shape.id, []):
            ET.SubElement(element, _q(BPMN, "outgoing")).text = flow_ids[i]
    for i, flow in enumerate(flows):
        attributes = {
            "id": flow_ids[i],
            "sourceRef": shape_ids[flow.edge.source],
            "targetRef": shape_ids[flow.edge.target],
        }
        if flow.name:
            attributes["name"] = flow.name
        element = ET.SubElement(process, _q(BPMN, "sequenceFlow"), attributes)
        if flow.name:
            # The answer as the condition too: a gateway's flows with conditions are its choices,
            # and two flows between one pair of shapes differ by them (bpmnlint's
            # no-duplicate-sequence-flows and conditional-flows).
            ET.SubElement(element, _q(BPMN, "conditionExpression")).text = flow.name

    category = ET.Element(_q(BPMN, "category"), {"id": ids.make("Category", process_id)})
    for i, band in enumerate(layout.bands):
        group = ET.SubElement(
            collaboration, _q(BPMN, "group"), {"id": group_ids[i], "categoryValueRef": value_ids[i]}
        )
        _extension(group, "processteg", {"id": band.id})
        ET.SubElement(category, _q(BPMN, "categoryValue"), {"id": value_ids[i], "value": band.name})
    if layout.bands:
        definitions.append(category)

    diagram = ET.SubElement(
        definitions, _q(BPMNDI, "BPMNDiagram"), {"id": ids.make("BPMNDiagram", process_id)}
    )
    plane = ET.SubElement(
        diagram,
        _q(BPMNDI, "BPMNPlane"),
        {"id": ids.make("BPMNPlane", process_id), "bpmnElement": collaboration_id},
    )
    pool = layout.pool
    _shape(plane, participant_id, pool, horizontal=True)
    for i, lane in enumerate(layout.lanes):
        box = Box(pool.x + POOL_HEADER, lane.box.y, pool.w - POOL_HEADER, lane.box.h)
        _shape(plane, lane_ids[i], box, horizontal=True)
    for shape in layout.shapes:
        _diagram_shape(plane, shape_ids[shape.id], shape)
    for i, flow in enumerate(flows):
        element = ET.SubElement(
            plane, _q(BPMNDI, "BPMNEdge"), {"id": f"{flow_ids[i]}_di", "bpmnElement": flow_ids[i]}
        )
        for x, y in flow.edge.points:
            ET.SubElement(element, _q(DI, "waypoint"), {"x": _num(x), "y": _num(y)})
        if flow.label is not None:
            label = ET.SubElement(element, _q(BPMNDI, "BPMNLabel"))
            _bounds(label, flow.label)
    for i, band in enumerate(layout.bands):
        _shape(plane, group_ids[i], band.box)
    ET.indent(definitions, "  ")
    body = ET.tostring(definitions, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _shape(plane: ET.Element, element_id: str, box: Box, *, horizontal: bool = False) -> ET.Element:
    attributes = {"id": f"{element_id}_di", "bpmnElement": element_id}
    if horizontal:
        attributes["isHorizontal"] = "true"
    element = ET.SubElement(plane, _q(BPMNDI, "BPMNShape"), attributes)
    _bounds(element, box)
    return element


def _diagram_shape(plane: ET.Element, element_id: str, shape: Shape) -> None:
    element = _shape(plane, element_id, shape.box)
    if shape.label is not None and shape.kind in ("start", "slut", "beslut"):
        label = ET.SubElement(element, _q(BPMNDI, "BPMNLabel"))
        _bounds(label, shape.label.box)
