"""`bpmn import` reads diagrams as modelling tools write them (SPEC §6), and refuses bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from procspec.reading.bpmnimport import BpmnError, Imported, id_from_name, read_bpmn
from procspec.reading.model import FlowMap

from ..conftest import EXAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
CAMUNDA = EXAMPLES / "bpmn" / "placera-barn-i-förskola.bpmn"
SIGNAVIO = EXAMPLES / "bpmn" / "betala-leverantörsfakturor.bpmn"


def _read(path: Path) -> Imported:
    imported = read_bpmn(path.read_bytes(), path.name)
    FlowMap.model_validate(imported.data)  # always a map the model accepts
    return imported


def _activities(imported: Imported) -> dict[str, dict[str, object]]:
    return {a["id"]: a for s in imported.data["processteg"] for a in s.get("aktiviteter", [])}


def test_a_camunda_modeler_diagram() -> None:
    imported = _read(CAMUNDA)
    data = imported.data
    assert [a["namn"] for a in data["aktörer"]] == [
        "Vårdnadshavare",
        "Placeringsenheten",
        "Förskolechef",
    ]
    assert [s["namn"] for s in data["processteg"]] == [
        "Ta emot ansökan",
        "Erbjuda plats",
        "Starta i förskolan",
    ]
    acts = _activities(imported)
    start = acts["ansökan-om-förskoleplats-inkommer"]
    assert start["typ"] == "start" and start["aktör"] == "vårdnadshavare"
    # a userTask, a serviceTask and a sendTask are all activities
    assert "typ" not in acts["registrera-och-kontrollera-ansökan"]
    assert "typ" not in acts["placera-barnet-i-kön"]
    assert "typ" not in acts["erbjuda-plats"]
    decision = acts["är-ansökan-komplett"]
    assert decision["typ"] == "beslut"
    assert decision["val"] == [
        {"om": "Ja", "nästa": "placera-barnet-i-kön"},
        {"om": "Nej", "nästa": "komplettera-ansökan"},
    ]
    # the parallel split becomes a list; the parallel join disappears into the arrows
    assert acts["bekräfta-placeringen"]["nästa"] == [
        "skicka-placeringsbesked-och-avtal",
        "planera-introduktion",
    ]
    assert acts["planera-introduktion"]["nästa"] == "debitera-förskoleavgift"
    call = acts["debitera-förskoleavgift"]
    assert call["typ"] == "delprocess" and call["process"] == "fakturera-avgifter"
    assert acts["barnet-har-ett-startdatum"]["typ"] == "slut"
    steps = {s["id"]: [a["id"] for a in s["aktiviteter"]] for s in data["processteg"]}
    assert steps["ta-emot-ansökan"][0] == "ansökan-om-förskoleplats-inkommer"
    assert "debitera-förskoleavgift" in steps["starta-i-förskolan"]
    assert [s.params["element"] for s in imported.skipped] == ["bpmn.kind.textAnnotation"]
    assert "fyra månader" in imported.skipped[0].params["name"]


def test_a_signavio_export_with_a_pool_and_no_groups() -> None:
    imported = _read(SIGNAVIO)
    data = imported.data
    assert [a["namn"] for a in data["aktörer"]] == [
        "Skanningscentralen",
        "Beslutsattestant",
        "Ekonomiservice",
    ]
    assert [(s["id"], s["namn"]) for s in data["processteg"]] == [
        ("betala-leverantörsfakturor", "Betala leverantörsfakturor")
    ]
    acts = _activities(imported)
    assert next(iter(acts)) == "faktura-har-inkommit"  # in flow order, left to right
    assert acts["stämmer-fakturan-mot-beställningen"]["val"] == [
        {"om": "Ja", "nästa": "attestera-fakturan"},
        {"om": "Nej", "nästa": "reklamera-fakturan-hos-leverantören"},
    ]
    # the timer becomes an activity, and the timer itself is named as not carried over
    assert acts["förfallodagen-närmar-sig"]["aktör"] == "ekonomiservice"
    keys = sorted((s.key, s.params.get("name", "")) for s in imported.skipped)
    assert keys == [
        ("bpmn.skip.definition", "Förfallodagen närmar sig"),
        ("bpmn.skip.element", "Ekonomisystemet"),
    ]


def test_sub_processes_nested_lanes_and_other_scripts() -> None:
    imported = _read(FIXTURES / "camunda-mixed.bpmn")
    data = imported.data
    # nested lanes: the inner lanes are the aktörer; a name in another script keeps its text
    assert [(a["id"], a["namn"]) for a in data["aktörer"]] == [
        ("första-linjen", "Första linjen"),
        ("aktör", "Служба поддержки"),
    ]
    assert [s["namn"] for s in data["processteg"]] == ["Processteg 1"]  # an unnamed group
    acts = _activities(imported)
    assert acts["aktivitet"]["namn"] == "Отправить ответ"
    assert acts["beställ-åtgärd"]["typ"] == "delprocess"
    assert acts["vad-behövs"]["typ"] == "beslut"
    # the flow from the boundary event goes with it; the task after it stays
    assert acts["påminn-fastighetsbolaget"]["nästa"] == "ärendet-är-avslutat"
    named = {(s.params.get("element"), s.params.get("name")) for s in imported.skipped}
    assert ("subProcess", "Beställ åtgärd") in named  # its content
    assert ("bpmn.kind.boundaryEvent", "Två dagar") in named
    assert ("bpmn.kind.dataObjectReference", "Felanmälan") in named
    assert ("bpmn.kind.participant", "Fastighetsbolaget") in named
    assert ("bpmn.kind.messageFlow", "Beställning") in named
    assert ("inclusiveGateway", "Vad behövs?") in named
    definitions = [s.params["definition"] for s in imported.skipped if "definition" in s.params]
    # the timer of the boundary event is named too: the event itself is now a beslut
    assert definitions == ["messageEventDefinition", "timerEventDefinition"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Registrera ansökan", "registrera-ansökan"),
        ("Är ansökan komplett?", "är-ansökan-komplett"),
        ("Driva kafé", "driva-kafe"),
        ("  Steg 1: Ta emot  ", "steg-1-ta-emot"),
        ("Отправить ответ", ""),
        ("申请", ""),
    ],
)
def test_ids_from_names_keep_swedish_letters(name: str, expected: str) -> None:
    assert id_from_name(name) == expected


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</definitions>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">&xxe;</process></definitions>"""
BPMN_HEAD = b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (b"", "bpmn.not_xml"),
        (b"namn: inte XML\n", "bpmn.not_xml"),
        (b"<definitions>", "bpmn.not_xml"),
        (b"\xff\xfe<\x00a\x00", "bpmn.not_xml"),
        (b'<?xml version="1.0" encoding="X-NOPE"?><definitions/>', "bpmn.unknown_encoding"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "bpmn.not_bpmn"),
        (b"<definitions/>", "bpmn.not_bpmn"),
        (BILLION_LAUGHS, "bpmn.forbidden"),
        (EXTERNAL, "bpmn.forbidden"),
        (b'<!DOCTYPE definitions SYSTEM "http://example.org/x.dtd">' + BPMN_HEAD, "bpmn.forbidden"),
        (
            b'<!DOCTYPE d [<!ENTITY % p SYSTEM "http://example.org/e.dtd"> %p;]>' + BPMN_HEAD,
            "bpmn.forbidden",
        ),
        (
            BPMN_HEAD + b'<process id="p"><task id="t" name="' + b"A" * 200_000 + b'"/>'
            b"</process></definitions>",
            "bpmn.long_text",
        ),
        (BPMN_HEAD + b"</definitions>", "bpmn.no_process"),
        (
            BPMN_HEAD + b'<process id="p"><task id="t" name="A"/><task id="t" name="B"/>'
            b"</process></definitions>",
            "bpmn.duplicate_id",
        ),
        (
            BPMN_HEAD + b'<process id="p"><startEvent id="s" name="Start"/>'
            b'<task id="s" name="B"/></process></definitions>',
            "bpmn.duplicate_id",
        ),
        (
            BPMN_HEAD + b'<process id="p"><task id="t" name="A"/>'
            b'<sequenceFlow id="f" sourceRef="t" targetRef="saknas"/></process></definitions>',
            "bpmn.missing_ref",
        ),
        (
            BPMN_HEAD + b'<process id="p"><laneSet id="ls"><lane id="l" name="L">'
            b"<flowNodeRef>t</flowNodeRef><flowNodeRef>FINNS_INTE</flowNodeRef></lane></laneSet>"
            b'<task id="t" name="A"/></process></definitions>',
            "bpmn.missing_ref",
        ),
        (
            BPMN_HEAD + b'<process id="p"><task id="t" name="A"/></process>'
            b'<group id="g" categoryValueRef="finns-inte"/></definitions>',
            "bpmn.missing_ref",
        ),
    ],
    ids=[
        "empty",
        "yaml",
        "unclosed",
        "binary",
        "unknown-encoding",
        "svg",
        "no-namespace",
        "entities",
        "external-entity",
        "external-dtd",
        "parameter-entity",
        "huge-attribute",
        "no-process",
        "duplicate-task",
        "task-with-the-start-id",
        "missing-reference",
        "lane-to-nothing",
        "group-to-no-value",
    ],
)
def test_bad_files_are_refused_with_a_reason(raw: bytes, key: str) -> None:
    with pytest.raises(BpmnError) as caught:
        read_bpmn(raw, "fil.bpmn")
    assert caught.value.key == key


def test_a_huge_file_is_refused_before_it_is_parsed() -> None:
    raw = BPMN_HEAD + b"<!--" + b"x" * 21_000_000 + b"--></definitions>"
    with pytest.raises(BpmnError) as caught:
        read_bpmn(raw, "stor.bpmn")
    assert caught.value.key == "bpmn.too_large"


def test_many_elements_are_refused() -> None:
    tasks = b"".join(b'<task id="t%d" name="A"/>' % i for i in range(20_001))
    raw = BPMN_HEAD + b'<process id="p">' + tasks + b"</process></definitions>"
    with pytest.raises(BpmnError) as caught:
        read_bpmn(raw, "stor.bpmn")
    assert caught.value.key == "bpmn.too_large"


def test_a_cycle_of_gateways_does_not_hang() -> None:
    raw = (
        BPMN_HEAD + b'<process id="p"><startEvent id="s" name="S"/>'
        b'<parallelGateway id="g1"/><parallelGateway id="g2"/>'
        b'<sequenceFlow id="f0" sourceRef="s" targetRef="g1"/>'
        b'<sequenceFlow id="f1" sourceRef="g1" targetRef="g2"/>'
        b'<sequenceFlow id="f2" sourceRef="g2" targetRef="g1"/>'
        b"</process></definitions>"
    )
    imported = read_bpmn(raw, "cykel.bpmn")
    assert _activities(imported)["s"]["typ"] == "start"


def test_a_bare_process_without_pool_lanes_or_groups_is_named_after_the_process() -> None:
    raw = (
        BPMN_HEAD + b'<process id="p"><startEvent id="s" name="Start"/><task id="t" name="Handla"/>'
        b'<endEvent id="e" name="Klart"/>'
        b'<sequenceFlow id="f1" sourceRef="s" targetRef="t"/>'
        b'<sequenceFlow id="f2" sourceRef="t" targetRef="e"/></process></definitions>'
    )
    imported = read_bpmn(raw, "enkel.bpmn", "Köpa material")
    data = imported.data
    assert data["aktörer"] == [{"id": "köpa-material", "namn": "Köpa material"}]
    assert [(s["id"], s["namn"]) for s in data["processteg"]] == [
        ("köpa-material", "Köpa material")
    ]
    assert [a["nästa"] for a in data["processteg"][0]["aktiviteter"][:2]] == ["handla", "klart"]


def test_deeply_nested_lanes_are_read_without_recursion() -> None:
    depth = 5_000
    raw = (
        BPMN_HEAD
        + b'<process id="p"><laneSet id="ls">'
        + b"".join(
            b'<lane id="l%d" name="L"><childLaneSet id="c%d">' % (i, i) for i in range(depth)
        )
        + b'<lane id="inre" name="Inre"><flowNodeRef>s</flowNodeRef></lane>'
        + b"</childLaneSet></lane>" * depth
        + b'</laneSet><startEvent id="s" name="Start"/></process></definitions>'
    )
    imported = read_bpmn(raw, "djup.bpmn")
    assert imported.data["aktörer"] == [{"id": "inre", "namn": "Inre"}]


def test_a_lane_around_others_is_the_aktor_of_what_none_of_them_holds() -> None:
    # Handläggare names T itself and S, E through its inner lane Assistent (as tools write it:
    # an outer lane often names the elements of its inner lanes too); Övriga names nothing.
    raw = (
        BPMN_HEAD + b'<process id="p"><laneSet id="ls">'
        b'<lane id="l1" name="Handl\xc3\xa4ggare"><flowNodeRef>t</flowNodeRef>'
        b"<flowNodeRef>s</flowNodeRef><flowNodeRef>e</flowNodeRef>"
        b'<childLaneSet id="c1"><lane id="l2" name="Assistent"><flowNodeRef>s</flowNodeRef>'
        b"<flowNodeRef>e</flowNodeRef></lane></childLaneSet></lane>"
        b'<lane id="l3" name="Chefer"><childLaneSet id="c3"><lane id="l4" name="Chef"/>'
        b"</childLaneSet></lane></laneSet>"
        b'<startEvent id="s" name="Start"/><task id="t" name="Granska"/><endEvent id="e" name="Klart"/>'
        b'<sequenceFlow id="f1" sourceRef="s" targetRef="t"/>'
        b'<sequenceFlow id="f2" sourceRef="t" targetRef="e"/></process></definitions>'
    )
    imported = read_bpmn(raw, "banor.bpmn")
    assert [a["namn"] for a in imported.data["aktörer"]] == ["Handläggare", "Assistent", "Chef"]
    acts = _activities(imported)
    assert [acts[i]["aktör"] for i in ("start", "granska", "klart")] == [
        "assistent",
        "handläggare",
        "assistent",
    ]


def test_xinclude_is_not_followed_but_named() -> None:
    raw = (
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        b'xmlns:xi="http://www.w3.org/2001/XInclude"><process id="p">'
        b'<xi:include href="/etc/passwd" parse="text"/><startEvent id="s" name="Start"/>'
        b"</process></definitions>"
    )
    imported = read_bpmn(raw, "xinclude.bpmn")
    assert "root" not in str(imported.data)
    assert [(s.key, s.params["element"]) for s in imported.skipped] == [
        ("bpmn.skip.element", "include")
    ]


def test_link_events_join_their_paths_and_event_sub_processes_are_named() -> None:
    raw = (
        BPMN_HEAD + b'<process id="p">'
        b'<startEvent id="s" name="Start"/>'
        b'<intermediateThrowEvent id="kast" name="Till B"><linkEventDefinition name="B"/>'
        b"</intermediateThrowEvent>"
        b'<intermediateCatchEvent id="fang" name="Fr&#229;n A"><linkEventDefinition name="B"/>'
        b"</intermediateCatchEvent>"
        b'<endEvent id="e" name="Slut"/>'
        b'<subProcess id="ev" name="Vid fel" triggeredByEvent="true">'
        b'<startEvent id="es" name="Fel"/></subProcess>'
        b'<sequenceFlow id="f1" sourceRef="s" targetRef="kast"/>'
        b'<sequenceFlow id="f2" sourceRef="fang" targetRef="e"/>'
        b"</process></definitions>"
    )
    imported = read_bpmn(raw, "länk.bpmn")
    activities = {a["id"]: a for a in imported.data["processteg"][0]["aktiviteter"]}
    assert activities["till-b"]["nästa"] == "från-a"
    assert "vid-fel" not in activities
    assert "bpmn.skip.event_sub_process" in {s.key for s in imported.skipped}
