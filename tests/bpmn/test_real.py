"""Diagrams written by modelling tools (the BPMN MIWG test suite, tests/fixtures/bpmn-real): each
imports without a traceback, names what it cannot carry over, gives a map that reads, lays out
without overlaps, exports, and comes back the same through export → import → export. Two of
them go the whole way through the command line: import, validate, render and export."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from procspec.reading.bpmnimport import read_bpmn
from procspec.reading.model import FlowMap
from procspec.rendering.bpmnexport import export_bpmn
from procspec.rendering.flowlayout import layout_flow

from ..git.conftest import procspec
from ..hardening.conftest import run_cli
from ..render.flow.support import geometry_faults

REAL = Path(__file__).parents[1] / "fixtures" / "bpmn-real"
FILES = sorted(REAL.glob("*.bpmn"))
TOOLS = {path.name.split("-A.")[0].split("-C.")[0] for path in FILES}


def test_the_real_diagrams_come_from_many_tools() -> None:
    assert len(FILES) >= 25
    assert len(TOOLS) >= 10


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_real_diagram_imports_lays_out_and_round_trips(path: Path) -> None:
    imported = read_bpmn(path.read_bytes(), path.name, "Processen")
    flow_map = FlowMap.model_validate(imported.data)
    activities = [a for step in flow_map.steps for a in step.activities]
    assert any(a.kind == "start" for a in activities) and any(a.kind == "slut" for a in activities)
    assert all(a.name or a.kind == "delprocess" for a in activities)
    for skipped in imported.skipped:
        assert (
            skipped.key.startswith(("bpmn.skip.", "bpmn.unnamed", "bpmn.boundary."))
            and skipped.params["id"]
        )
    layout = layout_flow(flow_map)
    assert geometry_faults(layout) == []
    first = export_bpmn("processen", "Processen", flow_map, layout)
    again = read_bpmn(first.encode("utf-8"), "export.bpmn")
    assert again.skipped == []
    assert FlowMap.model_validate(again.data) == flow_map
    second_map = FlowMap.model_validate(again.data)
    assert export_bpmn("processen", "Processen", second_map, layout_flow(second_map)) == first


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_real_diagram_through_import_validate_and_export(
    make_repo: Callable[[str], Path], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command line in-process (two files also go through it as a user runs it, below).
    monkeypatch.setenv("NO_COLOR", "1")
    root = make_repo("orebro")
    process = root / "processer" / "följa-upp-budget.yaml"
    before = process.read_bytes()
    imported = run_cli(
        "bpmn", "import", str(path), "--process", "följa-upp-budget", "--repo", str(root)
    )
    assert imported.exit == 0, imported.stderr
    assert "Traceback" not in imported.stderr
    assert process.read_bytes().startswith(before)
    validated = run_cli("validate", str(root), "--format", "json")
    problems = json.loads(validated.stdout)["problems"]
    errors = {p["code"] for p in problems if p["severity"] == "error"}
    # What the source cannot give is a PS7xx problem on the map, never a broken file.
    assert all(code.startswith("PS7") for code in errors), errors
    exported = run_cli("bpmn", "export", "följa-upp-budget", "--repo", str(root))
    assert exported.exit == 0, exported.stderr
    assert exported.stdout.startswith("<?xml")


def test_every_pool_of_a_collaboration_becomes_aktörer() -> None:
    # Two pools, one with lanes, the other without: the lanes and the pool are the aktörer.
    path = REAL / "bpmn.io-Camunda-Modeler-18.6.1-A.4.0-export.bpmn"
    imported = read_bpmn(path.read_bytes(), path.name)
    names = [actor["namn"] for actor in imported.data["aktörer"]]
    assert len(names) >= 2
    starts = [
        a for s in imported.data["processteg"] for a in s["aktiviteter"] if a.get("typ") == "start"
    ]
    assert len(starts) == 2  # one from each pool
    kinds = {s.key for s in imported.skipped}
    assert "bpmn.skip.process" not in kinds
    assert any(s.params.get("element") == "bpmn.kind.messageFlow" for s in imported.skipped)


def test_unnamed_elements_get_a_placeholder_name_and_are_named_in_the_report() -> None:
    path = REAL / "iGrafx-FlowCharter-2013-15.1.1.1580-A.1.0-roundtrip.bpmn"
    imported = read_bpmn(path.read_bytes(), path.name)
    unnamed = [s for s in imported.skipped if s.key == "bpmn.unnamed"]
    assert len(unnamed) == 5 and {s.params["given"] for s in unnamed} >= {"Start", "Slut"}


@pytest.mark.parametrize(
    "name",
    [
        "SAP-Signavio-Process-Manager-19.9.0-C.1.1-export.bpmn",
        "bpmn.io-Camunda-Modeler-18.6.1-A.4.0-export.bpmn",
    ],
)
def test_a_real_diagram_through_the_command_line(
    make_repo: Callable[[str], Path], tmp_path: Path, name: str
) -> None:
    root = make_repo("orebro")
    before = (root / "processer" / "följa-upp-budget.yaml").read_bytes()
    done = procspec(
        "bpmn", "import", str(REAL / name), "--process", "följa-upp-budget", "--repo", str(root)
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    after = (root / "processer" / "följa-upp-budget.yaml").read_bytes()
    assert after.startswith(before)
    validated = procspec("validate", str(root), "--format", "json")
    assert "Traceback" not in validated.stderr
    problems = json.loads(validated.stdout)["problems"]
    errors = {p["code"] for p in problems if p["severity"] == "error"}
    # What the source cannot give (a sub-process that is no process of the repository) is a
    # PS7xx problem on the map, never a broken file.
    assert all(code.startswith("PS7") for code in errors), errors
    rendered = procspec("render", str(root), "--out", str(tmp_path / "html"))
    assert "Traceback" not in rendered.stderr
    assert rendered.returncode == (1 if errors else 0), rendered.stderr
    assert (tmp_path / "html").is_dir() == (not errors)
    exported = procspec("bpmn", "export", "följa-upp-budget", "--repo", str(root))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("<?xml")


def test_boundary_events_keep_the_paths_that_leave_them() -> None:
    # An interrupting event becomes a beslut after its activity (Ja: the event's path, Nej: the
    # usual one); a non-interrupting one an activity on a parallel path. No task is left behind.
    path = REAL / "bpmn.io-Camunda-Modeler-18.6.1-A.3.0-export.bpmn"
    imported = read_bpmn(path.read_bytes(), path.name)
    activities = {a["id"]: a for s in imported.data["processteg"] for a in s["aktiviteter"]}
    escalation = activities["boundary-intermediate-event-interrupting-escalation"]
    assert escalation["typ"] == "beslut"
    assert [c["om"] for c in escalation["val"]] == ["Ja", "Nej"]
    message = activities["boundary-intermediate-event-non-interrupting-message"]
    assert "typ" not in message and message["nästa"]
    host = next(a for a in activities.values() if escalation["id"] in _next(a))
    assert message["id"] in _next(host)
    assert {s.key for s in imported.skipped} >= {"bpmn.boundary.choice", "bpmn.boundary.beside"}
    reached = {t for a in activities.values() for t in _next(a)}
    starts = {i for i, a in activities.items() if a.get("typ") == "start"}
    assert set(activities) - reached == starts  # every activity but a start is reached


def _next(activity: dict[str, object]) -> list[str]:
    following = activity.get("nästa", [])
    targets = [following] if isinstance(following, str) else list(following)  # type: ignore[arg-type]
    choices = activity.get("val", [])
    assert isinstance(choices, list)
    return targets + [c["nästa"] for c in choices]
