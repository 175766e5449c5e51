"""Read a BPMN 2.0 diagram from a modelling tool as a processkarta (SPEC §6, `bpmn import`).

Accepts what bpmn.io/Camunda Modeler, Signavio, ARIS and other tools that write the standard
produce: every task kind becomes an aktivitet, exclusive (and inclusive, complex, event-based)
gateways that split become beslut, parallel gateways become lists in `nästa`, gateways that only
merge disappear into the arrows, call activities and sub-processes become delprocess, lanes become
aktörer, groups become processteg (without groups: one processteg named after the process). The
`procspec:` extension elements written by `procspec bpmn export` bring back ids, times, systems,
documents, krav and risks, so export → import gives back the same map.

Everything the map cannot hold is named in `Imported.skipped`, never dropped silently. The file is
parsed with defusedxml: a DTD, an entity or an external reference is refused, not expanded.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from procspec.reading.cachefolder import read_regular
from procspec.reading.model import MAX_TEXT

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
NAMESPACE = "urn:procspec:processkarta:1"
MAX_BYTES = 20_000_000
MAX_ELEMENTS = 20_000
DECLARED_ENCODING = re.compile(
    rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*?\bencoding\s*=\s*[\"']([^\"'>]{0,60})"
)
"""The encoding an XML declaration names, to say which one Python does not know."""

KINDS = {
    "dataObjectReference": ("dataobjektet", "the data object"),
    "dataStoreReference": ("datalagret", "the data store"),
    "textAnnotation": ("anteckningen", "the annotation"),
    "boundaryEvent": ("gränshändelsen", "the boundary event"),
    "participant": ("poolen", "the pool"),
    "messageFlow": ("meddelandeflödet", "the message flow"),
}
"""How a message names the elements it lists; other elements by their BPMN tag."""


TASKS = {
    "task",
    "userTask",
    "serviceTask",
    "manualTask",
    "scriptTask",
    "businessRuleTask",
    "sendTask",
    "receiveTask",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
}
SUB_PROCESSES = {"callActivity", "subProcess", "transaction", "adHocSubProcess"}
NODE_PARTS = {
    "incoming",
    "outgoing",
    "property",
    "dataInputAssociation",
    "dataOutputAssociation",
    "multiInstanceLoopCharacteristics",
    "standardLoopCharacteristics",
}
CONNECTORS = {"association", "dataInputAssociation", "dataOutputAssociation", "dataObject"}
"""Named with the element they belong to (an annotation, a data object reference)."""
CHOICE_GATEWAYS = {"exclusiveGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway"}
UNNAMED = {
    "start": "Start",
    "slut": "Slut",
    "beslut": "Beslut",
    "aktivitet": "Namnlös aktivitet",
    "delprocess": "Namnlös delprocess",
}
"""The name an element without one gets (a map's activities all have names)."""
QUIET = {
    "property",
    "laneSet",
    "sequenceFlow",
    "extensionElements",
    "documentation",
    "ioSpecification",
    "group",
}


class BpmnError(Exception):
    """A BPMN file procspec cannot read: a message key and its parameters."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Skipped:
    """An element (or part of one) the map cannot hold: a message key and its parameters."""

    key: str
    params: dict[str, str]


@dataclass
class Imported:
    """The `processkarta` read from a diagram (plain data, in the order of the file format)."""

    data: dict[str, Any]
    skipped: list[Skipped] = field(default_factory=list)


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _ns(tag: object) -> str:
    text = str(tag)
    return text[1:].split("}", 1)[0] if text.startswith("{") else ""


def _missing_ref(file: str, element: ET.Element, ref: str | None) -> BpmnError:
    """The refusal of a file whose `element` (a sequence flow, a lane, a group) points at `ref`,
    which is not in it: what it leads to or holds would be lost."""
    return BpmnError(
        "bpmn.missing_ref", file=file, element=_local(element.tag), id=element.get("id", ""),
        ref=ref or "",
    )  # fmt: skip


def _ref(value: str | None) -> str | None:
    """An id reference as written: some tools write a QName (`bpmn2:Task_1`); an id never has a
    colon, so the prefix goes."""
    if value is None:
        return None
    return value.strip().rsplit(":", 1)[-1]


def _q(tag: str) -> str:
    return f"{{{BPMN}}}{tag}"


def id_from_name(name: str) -> str:
    """An id from a name, by the project's rules: lower case, å/ä/ö kept, other Latin letters
    without their accents, everything else a hyphen. Empty when the name has no Latin letter or
    digit (a name in another script)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", name.lower()):
        if char in "åäö" or ("a" <= char <= "z") or ("0" <= char <= "9"):
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char)[0]
        out.append(base if "a" <= base <= "z" and unicodedata.category(char) == "Ll" else "-")
    text = re.sub("-+", "-", "".join(out)).strip("-")
    if len(text) > 60:
        text = text[:60].rsplit("-", 1)[0] or text[:60]
    return text


class _Names:
    """Unique ids within one kind of thing (aktörer, processteg, activities)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, wanted: str | None, name: str | None, fallback: str) -> str:
        base = wanted or id_from_name(name or "") or fallback
        candidate, number = base, 1
        while candidate in self.used:
            number += 1
            candidate = f"{base}-{number}"
        self.used.add(candidate)
        return candidate


def _extension(element: ET.Element, tag: str) -> ET.Element | None:
    holder = element.find(_q("extensionElements"))
    if holder is None:
        return None
    return holder.find(f"{{{NAMESPACE}}}{tag}")


def _name(element: ET.Element) -> str | None:
    """The element's name, or None. Names from modelling tools go on one line (they break long
    names with newlines); procspec's own (with a procspec extension) come back as they were."""
    name = element.get("name")
    if name is None or not name.strip():
        return None
    holder = element.find(_q("extensionElements"))
    if holder is not None and any(_ns(child.tag) == NAMESPACE for child in holder):
        return name
    return " ".join(name.split())


@dataclass
class _Bounds:
    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, point: tuple[float, float]) -> bool:
        return self.x <= point[0] <= self.x + self.w and self.y <= point[1] <= self.y + self.h


def _bounds(root: ET.Element) -> dict[str, _Bounds]:
    found: dict[str, _Bounds] = {}
    for shape in root.iter(f"{{{BPMNDI}}}BPMNShape"):
        ref = _ref(shape.get("bpmnElement"))
        box = shape.find(f"{{{DC}}}Bounds")
        if ref is None or box is None or ref in found:
            continue
        try:
            found[ref] = _Bounds(
                float(box.get("x", "0")),
                float(box.get("y", "0")),
                float(box.get("width", "0")),
                float(box.get("height", "0")),
            )
        except ValueError:
            continue
    return found


def read_source(path: Path, file: str) -> bytes:
    """The bytes of the file to import, at most one more than `MAX_BYTES` (`parse` refuses it
    then); BpmnError when it is not a regular file (a named pipe would wait for a writer, a device
    such as /dev/zero never ends), OSError when it cannot be read."""
    raw = read_regular(path, MAX_BYTES)
    if raw is None:
        raise BpmnError("bpmn.not_regular", file=file)
    return raw


def parse(raw: bytes, file: str) -> ET.Element:
    """The root element of a BPMN file, or BpmnError: too large, not XML, a DTD or entity, or
    not BPMN."""
    if len(raw) > MAX_BYTES:
        raise BpmnError("bpmn.too_large", file=file, size=f"{len(raw) / 1e6:.0f} MB", limit="20 MB")
    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise BpmnError("bpmn.forbidden", file=file) from exc
    except LookupError as exc:  # the declaration names an encoding Python has no codec for
        declared = DECLARED_ENCODING.match(raw)
        encoding = declared.group(1).decode("latin-1") if declared else str(exc)
        raise BpmnError("bpmn.unknown_encoding", file=file, encoding=encoding) from exc
    except (ET.ParseError, ValueError, UnicodeError) as exc:
        raise BpmnError("bpmn.not_xml", file=file, detail=str(exc) or type(exc).__name__) from exc
    if _ns(root.tag) != BPMN or _local(root.tag) != "definitions":
        raise BpmnError("bpmn.not_bpmn", file=file, root=_local(root.tag), namespace=BPMN)
    count = 0
    ids: dict[str, ET.Element] = {}
    """The BPMN elements by id: two with one id would be one in the map, the other gone."""
    for element in root.iter():
        count += 1
        element_id = element.get("id")
        if element_id is not None and _ns(element.tag) == BPMN:
            first = ids.setdefault(element_id, element)
            if first is not element:
                raise BpmnError(
                    "bpmn.duplicate_id",
                    file=file,
                    id=element_id,
                    first=_local(first.tag),
                    second=_local(element.tag),
                )
        for attribute, value in element.attrib.items():
            if len(value) > MAX_TEXT:
                raise BpmnError(
                    "bpmn.long_text",
                    file=file,
                    attribute=_local(attribute),
                    element=_local(element.tag),
                    length=str(len(value)),
                    limit=str(MAX_TEXT),
                )
    if count > MAX_ELEMENTS * 25:
        raise BpmnError(
            "bpmn.too_large", file=file, size=f"{count} element", limit=f"{MAX_ELEMENTS * 25}"
        )
    return root


def _named_flow(flow: ET.Element, name: str, targets: dict[ET.Element, str]) -> ET.Element:
    """A copy of a sequence flow with a name (its own, if it has one), to the same target."""
    copy = ET.Element(flow.tag, {"id": flow.get("id", ""), "name": _name(flow) or name})
    targets[copy] = targets[flow]
    return copy


@dataclass
class _Node:
    element: ET.Element
    kind: str
    """start, aktivitet, beslut, delprocess, slut, or `join` for a gateway that only merges,
    `parallel` for a parallel gateway."""
    id: str = ""
    order: int = 0
    outgoing: list[ET.Element] = field(default_factory=list)


def read_bpmn(raw: bytes, file: str, process_name: str = "Processen") -> Imported:
    """The processkarta in a BPMN file (see the module docstring), or BpmnError. `process_name`
    names the one processteg (and aktör) of a diagram without groups (lanes) whose pool and
    process have no name either."""
    root = parse(raw, file)
    skipped: list[Skipped] = []
    processes = [child for child in root if child.tag == _q("process")]
    participants = [p for p in root.iter(_q("participant"))]
    by_process = {_ref(p.get("processRef")): p for p in participants if p.get("processRef")}

    def flow_nodes(process: ET.Element) -> int:
        return sum(1 for child in process if _local(child.tag) not in QUIET | {"laneSet"})

    # Every pool of a collaboration whose process has activities: its lanes (or the pool itself)
    # become aktörer, so the map shows who does what on both sides. Without pools, the first
    # process with activities; else (an overview map: groups only) the first process.
    if by_process:
        chosen_list = [p for p in processes if p.get("id") in by_process and flow_nodes(p)]
    else:
        chosen_list = [p for p in processes if flow_nodes(p)][:1]
    if not chosen_list and any(True for _ in root.iter(_q("group"))):
        chosen_list = processes[:1]
    if not chosen_list:
        raise BpmnError("bpmn.no_process", file=file)
    for process in processes:
        if process not in chosen_list and flow_nodes(process):
            skipped.append(
                Skipped(
                    "bpmn.skip.process",
                    {
                        "name": _name(process) or "",
                        "id": process.get("id", ""),
                        "count": str(flow_nodes(process)),
                    },
                )
            )
    pools = [by_process.get(process.get("id")) for process in chosen_list]
    if len(chosen_list) == 1:
        pool = pools[0]
        process_name = (
            (_name(pool) if pool is not None else None) or _name(chosen_list[0]) or process_name
        )
    bounds = _bounds(root)
    ours = root.find(f".//{{{NAMESPACE}}}aktivitet") is not None

    def skip(element: ET.Element, key: str = "bpmn.skip.element", **extra: str) -> None:
        tag = _local(element.tag)
        if tag in CONNECTORS:
            return  # a line to an annotation or a data object, named with that element
        label = f"bpmn.kind.{tag}" if tag in KINDS else tag
        text = element.find(_q("text"))
        name = _name(element) or (text.text or "" if text is not None else "")
        skipped.append(
            Skipped(
                key,
                {
                    "element": label,
                    "name": " ".join(name.split())[:80],
                    "id": element.get("id", ""),
                    **extra,
                },
            )
        )

    # --- flow nodes --------------------------------------------------------------------------
    nodes: dict[str, _Node] = {}
    flows: list[ET.Element] = []
    boundaries: dict[str, str] = {}
    """Boundary event → the activity it is attached to."""
    children = [child for process in chosen_list for child in process]
    pool_of: dict[str, int] = {}
    for number, process in enumerate(chosen_list):
        for child in process:
            if child.get("id"):
                pool_of[child.get("id", "")] = number
    for child in children:
        tag = _local(child.tag)
        element_id = child.get("id")
        if tag == "sequenceFlow":
            flows.append(child)
            continue
        if tag in QUIET:
            continue
        if element_id is None:
            skip(child)  # not a flow node of the standard (another tool's element, say)
            continue
        if tag == "startEvent":
            kind = "start"
        elif tag == "endEvent":
            kind = "slut"
        elif tag in TASKS:
            kind = "aktivitet"
        elif tag == "subProcess" and child.get("triggeredByEvent") == "true":
            skip(child, "bpmn.skip.event_sub_process")  # no part of the flow: started by an event
            continue
        elif tag == "boundaryEvent":
            # Interrupting: the activity ends either as usual or by the event, a choice after it;
            # non-interrupting: the event's path runs beside the rest.
            kind = "beslut" if child.get("cancelActivity") != "false" else "aktivitet"
            boundaries[element_id] = _ref(child.get("attachedToRef")) or ""
        elif tag in SUB_PROCESSES:
            kind = "delprocess"
            inner = [e for e in child if _local(e.tag) not in QUIET | NODE_PARTS]
            if inner and tag != "callActivity":
                skip(child, "bpmn.skip.content", count=str(len(inner)))
        elif tag in CHOICE_GATEWAYS:
            kind = "beslut"
            if tag != "exclusiveGateway":
                skip(child, "bpmn.skip.inclusive")
        elif tag == "parallelGateway":
            kind = "parallel"
        else:
            skip(child)
            continue
        if tag.endswith("Event"):
            for definition in child:
                if _local(definition.tag).endswith("EventDefinition"):
                    skip(child, "bpmn.skip.definition", definition=_local(definition.tag))
        nodes[element_id] = _Node(child, kind, order=len(nodes))
    if len(nodes) > MAX_ELEMENTS:
        raise BpmnError("bpmn.too_large", file=file, size=f"{len(nodes)} element", limit="20000")

    # A flow from or to an element the map cannot hold (a boundary event, say) goes with that
    # element, which is named; a flow to an id that is nowhere in the file is an error.
    known = {e.get("id") for e in root.iter() if e.get("id")}
    targets: dict[ET.Element, str] = {}
    for flow in flows:
        source, target = _ref(flow.get("sourceRef")), _ref(flow.get("targetRef"))
        missing = next((ref for ref in (source, target) if ref is None or ref not in known), None)
        if missing is not None or source is None or target is None:
            raise _missing_ref(file, flow, missing)
        if source not in nodes or target not in nodes:
            continue
        nodes[source].outgoing.append(flow)
        targets[flow] = target
    # A link event that throws goes on at the link event that catches it (same name).
    catches: dict[str, str] = {}
    throws: list[tuple[str, str]] = []
    for node_id, node in nodes.items():
        link_def = node.element.find(_q("linkEventDefinition"))
        if link_def is None:
            continue
        link_name = " ".join((link_def.get("name") or _name(node.element) or "").split())
        if _local(node.element.tag) == "intermediateCatchEvent":
            catches.setdefault(link_name, node_id)
        else:
            throws.append((node_id, link_name))
    for node_id, link_name in throws:
        if link_name in catches and not nodes[node_id].outgoing:
            jump = ET.Element(_q("sequenceFlow"), {"id": f"{node_id}-{catches[link_name]}"})
            targets[jump] = catches[link_name]
            nodes[node_id].outgoing.append(jump)
    # Interrupting events first: the paths beside the activity are no part of its usual way on.
    for event_id, host_id in sorted(
        boundaries.items(), key=lambda item: nodes[item[0]].kind != "beslut"
    ):
        event, host = nodes[event_id], nodes.get(host_id)
        if host is None:
            del nodes[event_id]
            skip(event.element)
            continue
        link = ET.Element(_q("sequenceFlow"), {"id": f"{event_id}-{host_id}"})
        targets[link] = event_id
        host_name = _name(host.element) or host_id
        if event.kind == "aktivitet":
            host.outgoing.append(link)
            skip(event.element, "bpmn.boundary.beside", host=host_name)
            continue
        usual, own = host.outgoing, event.outgoing
        host.outgoing = [link]
        if usual and own:
            event.outgoing = [_named_flow(f, "Ja", targets) for f in own] + [
                _named_flow(f, "Nej", targets) for f in usual
            ]
        else:
            event.outgoing = own or usual
        skip(event.element, "bpmn.boundary.choice", host=host_name)
    for node in nodes.values():
        # A gateway that only merges paths disappears into the arrows; one of procspec's own
        # beslut, or one whose only way out is named, stays a beslut.
        if (
            node.kind == "beslut"
            and len(node.outgoing) <= 1
            and _extension(node.element, "aktivitet") is None
            and not any(_name(flow) for flow in node.outgoing)
        ):
            node.kind = "join"

    # --- lanes -------------------------------------------------------------------------------
    actors: list[dict[str, str]] = []
    actor_of: dict[str, str] = {}
    actor_names = _Names()
    lane_boxes: list[tuple[_Bounds, str]] = []

    def lanes_of(lane_set: ET.Element) -> list[tuple[ET.Element, int, bool]]:
        """Every lane, top to bottom with a parent before its children, with its depth and
        whether it is innermost (iteratively: lanes may nest deeply)."""
        found: list[tuple[ET.Element, int, bool]] = []
        stack = [(lane, 0) for lane in reversed(lane_set.findall(_q("lane")))]
        while stack:
            lane, depth = stack.pop()
            child = lane.find(_q("childLaneSet"))
            inner = child.findall(_q("lane")) if child is not None else []
            found.append((lane, depth, not inner))
            stack.extend((inner_lane, depth + 1) for inner_lane in reversed(inner))
        return found

    parent_boxes: list[tuple[_Bounds, str]] = []
    for number, process in enumerate(chosen_list):
        lane_set = process.find(_q("laneSet"))
        lanes = lanes_of(lane_set) if lane_set is not None else []
        # An element belongs to the innermost lane that names it: the lanes around it usually
        # name it too. A lane with lanes inside is an aktör only for what none of them names.
        owner: dict[str, tuple[int, int]] = {}
        """Element → (depth, index in `lanes`) of the innermost lane that names it."""
        for index, (lane, depth, _) in enumerate(lanes):
            for node_ref in lane.findall(_q("flowNodeRef")):
                ref = _ref(node_ref.text)
                if not ref or ref not in known:
                    raise _missing_ref(file, lane, ref)
                if ref in nodes and (ref not in owner or depth > owner[ref][0]):
                    owner[ref] = (depth, index)
        owned: dict[int, list[str]] = {}
        for ref, (_, index) in owner.items():
            owned.setdefault(index, []).append(ref)
        for index, (lane, _, innermost) in enumerate(lanes):
            if not innermost and index not in owned:
                continue
            ext = _extension(lane, "aktor")
            name = _name(lane) or f"Aktör {len(actors) + 1}"
            actor_id = actor_names.make(ext.get("id") if ext is not None else None, name, "aktör")
            actors.append({"id": actor_id, "namn": name})
            for ref in owned.get(index, []):
                actor_of.setdefault(ref, actor_id)
            box = bounds.get(lane.get("id", ""))
            if box is not None:
                (lane_boxes if innermost else parent_boxes).append((box, actor_id))
        members = [node_id for node_id in nodes if pool_of.get(node_id) == number]
        if not lanes and members:
            pool = pools[number]
            name = (
                (_name(pool) if pool is not None else None)
                or (_name(process) if len(chosen_list) > 1 else None)
                or process_name
            )
            actor_id = actor_names.make(None, name, "aktör")
            actors.append({"id": actor_id, "namn": name})
            for node_id in members:
                actor_of[node_id] = actor_id
    for node_id in nodes:
        box = bounds.get(node_id)
        if node_id not in actor_of and box is not None:
            # An inner lane first: the box of a lane around it holds the inner one's too.
            for lane_box, actor_id in [*lane_boxes, *parent_boxes]:
                if lane_box.contains(box.centre):
                    actor_of[node_id] = actor_id
                    break

    for event_id, host_id in boundaries.items():
        if event_id in nodes and event_id not in actor_of and host_id in actor_of:
            actor_of[event_id] = actor_of[host_id]

    # --- groups ------------------------------------------------------------------------------
    values = {v.get("id"): v.get("value") for v in root.iter(_q("categoryValue"))}
    groups: list[tuple[ET.Element, str]] = []
    for group in root.iter(_q("group")):
        value_ref = _ref(group.get("categoryValueRef"))
        if value_ref is not None and value_ref not in values:
            raise _missing_ref(file, group, value_ref)
        name = values.get(value_ref) or _name(group) or ""
        groups.append((group, name if name.strip() else f"Processteg {len(groups) + 1}"))
    if groups and not ours:
        groups.sort(
            key=lambda g: bounds[g[0].get("id", "")].x if g[0].get("id", "") in bounds else 0
        )
    step_names = _Names()
    steps: list[dict[str, Any]] = []
    step_boxes: list[_Bounds | None] = []
    for group, name in groups:
        ext = _extension(group, "processteg")
        step_id = step_names.make(ext.get("id") if ext is not None else None, name, "steg")
        steps.append({"id": step_id, "namn": name, "aktiviteter": []})
        step_boxes.append(bounds.get(group.get("id", "")))
    if not steps:
        steps.append(
            {
                "id": step_names.make(None, process_name, "steg"),
                "namn": process_name,
                "aktiviteter": [],
            }
        )
        step_boxes.append(None)

    def step_of(node_id: str) -> int:
        box = bounds.get(node_id)
        if box is None:
            return 0
        centre = box.centre
        placed = [(i, b) for i, b in enumerate(step_boxes) if b is not None]
        for i, b in placed:
            if b.contains(centre):
                return i
        if not placed:
            return 0
        return min(placed, key=lambda item: abs(item[1].x + item[1].w / 2 - centre[0]))[0]

    # --- activities ----------------------------------------------------------------------------
    activity_names = _Names()
    kept = [n for n in nodes.values() if n.kind not in ("join", "parallel")]
    if not ours:
        kept.sort(
            key=lambda n: (
                bounds[n.element.get("id", "")].x if n.element.get("id", "") in bounds else 0,
                bounds[n.element.get("id", "")].y if n.element.get("id", "") in bounds else 0,
                n.order,
            )
        )
    for node in kept:
        ext = _extension(node.element, "aktivitet")
        node.id = activity_names.make(
            ext.get("id") if ext is not None else None, _name(node.element), node.kind
        )

    def resolve(flow: ET.Element) -> list[str]:
        """The activities a flow leads to, through gateways that merge or run in parallel."""
        found: list[str] = []
        seen: set[str] = set()
        stack = [targets[flow]]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            node = nodes[current]
            if node.kind in ("join", "parallel"):
                stack.extend(targets[f] for f in reversed(node.outgoing))
            elif node.id not in found:
                found.append(node.id)
        return found

    for node in kept:
        element = node.element
        node_name = _name(element)
        item: dict[str, Any] = {"id": node.id}
        if node.kind != "aktivitet":
            item["typ"] = node.kind
        ext = _extension(element, "aktivitet")
        sub_process = None
        if node.kind == "delprocess":
            called = _ref(element.get("calledElement"))
            sub_process = called if called and id_from_name(called) == called else None
            if ext is None:  # procspec's own export names the process in calledElement only
                sub_process = sub_process or id_from_name(node_name or "") or None
        if node_name is not None and not (ext is not None and ext.get("namnlos") == "true"):
            item["namn"] = node_name
        elif node.kind != "delprocess" or sub_process is None:
            # Every other kind needs a name in the map: a placeholder, named so it gets a real one.
            given = UNNAMED[node.kind]
            if element.get("id") in boundaries and node.kind == "beslut":
                given = "Inträffar händelsen?"
            elif _local(element.tag) == "eventBasedGateway":
                given = "Vad händer först?"
            item["namn"] = given
            skip(element, "bpmn.unnamed", given=given)
        element_id = element.get("id", "")
        if element_id in actor_of:
            item["aktör"] = actor_of[element_id]
        if sub_process:
            item["process"] = sub_process
        if ext is not None:
            for key, attribute in (("ledtid", "ledtid"), ("väntetid", "vantetid")):
                value = ext.get(attribute)
                if value:
                    item[key] = value
            for key in ("system", "dokument", "krav"):
                texts = [e.text.strip() for e in ext.findall(f"{{{NAMESPACE}}}{key}") if e.text]
                if texts:
                    item[key] = texts
            risks = []
            for risk in ext.findall(f"{{{NAMESPACE}}}risk"):
                entry: dict[str, Any] = {"beskrivning": risk.get("beskrivning", "")}
                for key in ("sannolikhet", "konsekvens"):
                    try:
                        entry[key] = int(risk.get(key, ""))
                    except ValueError:
                        entry[key] = risk.get(key, "")
                if risk.get("atgard"):
                    entry["åtgärd"] = risk.get("atgard")
                risks.append(entry)
            if risks:
                item["risker"] = risks
        if node.kind == "beslut":
            choices: list[dict[str, str]] = []
            default = _ref(element.get("default"))
            # After an event-based gateway the events are the answers: whichever comes first.
            event_based = _local(element.tag) == "eventBasedGateway"
            for number, flow in enumerate(node.outgoing, start=1):
                reached = resolve(flow)
                if not reached:
                    continue
                condition = flow.find(_q("conditionExpression"))
                when = (
                    (flow.get("name") if ours and _name(flow) else _name(flow))
                    or (" ".join((condition.text or "").split()) if condition is not None else "")
                    or ("Annars" if flow.get("id") == default else "")
                    or (_name(nodes[targets[flow]].element) if event_based else None)
                    or f"Väg {number}"
                )
                if len(reached) > 1:
                    skip(element, "bpmn.skip.branch", when=when, target=reached[0])
                same = next((c for c in choices if c["nästa"] == reached[0]), None)
                if same is not None and not ours:
                    # Two ways to one place (say, through a merging gateway) are one choice.
                    same["om"] = f"{same['om']} / {when}"
                    continue
                choices.append({"om": when, "nästa": reached[0]})
            if choices:
                item["val"] = choices
        else:
            following: list[str] = []
            for flow in node.outgoing:
                for target in resolve(flow):
                    if target not in following:
                        following.append(target)
            if sum(1 for f in node.outgoing if f.find(_q("conditionExpression")) is not None):
                skip(element, "bpmn.skip.condition")
            if following:
                item["nästa"] = following[0] if len(following) == 1 else following
        steps[step_of(element_id)]["aktiviteter"].append(item)

    # What the collaboration holds besides this process's pool and the groups.
    for collaboration in root.iter(_q("collaboration")):
        for child in collaboration:
            tag = _local(child.tag)
            if tag in ("group", "extensionElements", "documentation") or any(
                child is pool for pool in pools
            ):
                continue
            skip(child)
    for step in steps:
        if not step["aktiviteter"]:
            del step["aktiviteter"]
    data: dict[str, Any] = {"aktörer": actors} if actors else {}
    data["processteg"] = steps
    return Imported(data, skipped)
