"""No BPMN file, however damaged, makes `bpmn import` fail other than with a reason (hypothesis)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from procspec.reading.bpmnimport import BpmnError, read_bpmn
from procspec.reading.model import FlowMap

from ..conftest import EXAMPLES

DIAGRAMS = [p.read_bytes() for p in sorted((EXAMPLES / "bpmn").glob("*.bpmn"))]
ATTRIBUTES = ["id", "name", "sourceRef", "targetRef", "processRef", "categoryValueRef", "x", "y"]


def _import(raw: bytes) -> None:
    try:
        imported = read_bpmn(raw, "skadad.bpmn")
    except BpmnError:
        return
    try:
        FlowMap.model_validate(imported.data)
    except ValidationError:  # the command reports it (bpmn.invalid_map) and writes nothing
        return


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(range(len(DIAGRAMS))),
    st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(["drop", "strip", "swap", "dup"])),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(ATTRIBUTES),
)
def test_damaged_diagrams_are_imported_or_refused_with_a_reason(
    which: int, damage: list[tuple[int, str]], attribute: str
) -> None:
    root = ET.fromstring(DIAGRAMS[which])
    for position, how in damage:
        elements = list(root.iter())
        target = elements[position % len(elements)]
        parent = next((p for p in root.iter() if target in list(p)), None)
        if how == "drop" and parent is not None:
            parent.remove(target)
        elif how == "strip":
            target.attrib.pop(attribute, None)
        elif how == "swap":
            other = elements[(position * 7 + 3) % len(elements)]
            if other.get("id") is not None:
                target.set(attribute, other.get("id", ""))
        elif how == "dup" and parent is not None:
            parent.append(target)
    _import(ET.tostring(root))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_refused_with_a_reason(raw: bytes) -> None:
    _import(raw)
