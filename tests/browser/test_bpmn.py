"""The exported BPMN read by the bpmn.io toolchain itself (SPEC §6): bpmn-moddle parses it without
a warning, bpmnlint's recommended rules find no error, and bpmn-js (the modeler of bpmn.io and
Camunda Modeler) imports it in headless Chromium without a warning. Every map of the tests and
the examples, and 40 generated well-formed maps, are checked; so are the committed diagrams.

Set up as the other browser tests: `npm ci --prefix tests/browser` (bpmn-moddle, bpmnlint,
bpmn-js) and Node.js.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from procspec.reading.bpmnimport import read_bpmn
from procspec.reading.model import FlowMap
from procspec.rendering.bpmnexport import export_bpmn
from procspec.rendering.flowlayout import layout_flow

from ..conftest import EXAMPLES
from ..render.flow.support import fixture_maps, well_formed_map
from .conftest import HERE, SETUP

CHECK = HERE / "bpmn-check.mjs"
MODELER = HERE / "node_modules" / "bpmn-js" / "dist" / "bpmn-modeler.production.min.js"
COMMITTED = sorted((EXAMPLES / "bpmn").glob("*.bpmn"))
GENERATED = 40
REAL = sorted((Path(__file__).parents[1] / "fixtures" / "bpmn-real").glob("*.bpmn"))
"""Diagrams from modelling tools (the BPMN MIWG test suite): imported, then exported again."""
KNOWN_LINT = {
    # Two pools become the aktörer of one map, so its process has two blank start events.
    "real-bpmn.io-Camunda-Modeler-18.6.1-A.4.0-export": {"single-blank-start-event"},
    "real-bpmn-js-examples-pizza-collaboration": {"single-blank-start-event"},
}
"""bpmnlint errors that follow from what the source diagram holds, by file."""


def _maps() -> dict[str, FlowMap]:
    maps = dict(fixture_maps())
    maps.update({f"generated-{seed}": well_formed_map(seed) for seed in range(GENERATED)})
    for path in REAL:
        imported = read_bpmn(path.read_bytes(), path.name, "Processen")
        maps[f"real-{path.stem}"] = FlowMap.model_validate(imported.data)
    return maps


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bpmn")
    files = {}
    for name, flow_map in _maps().items():
        path = folder / f"{name.replace('/', '--')}.bpmn"
        path.write_text(
            export_bpmn(name, f"Processen {name}", flow_map, layout_flow(flow_map)),
            encoding="utf-8",
        )
        files[name] = path
    return files


def _bpmn_io(paths: list[Path]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for bpmn-moddle and bpmnlint")
    if not (HERE / "node_modules" / "bpmnlint").is_dir():
        pytest.fail(f"bpmnlint is not installed; run: {SETUP}")
    done = subprocess.run(
        [node, str(CHECK), *map(str, paths)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_bpmn_moddle_reads_every_export_without_a_warning_and_bpmnlint_finds_no_error(
    exported: dict[str, Path],
) -> None:
    assert len(exported) >= GENERATED + 2 + len(REAL)
    results = _bpmn_io(list(exported.values()))
    names = {str(path): name for name, path in exported.items()}
    failures = {}
    for file, result in results.items():
        known = KNOWN_LINT.get(names[file], set())
        errors = [i for i in result["lint"] if i["category"] == "error" and i["rule"] not in known]
        if result["warnings"] or errors:
            failures[file] = {"warnings": result["warnings"], "errors": errors}
    assert failures == {}
    # No activity or event joins paths itself: the layout adds the joining gateways.
    joins = {f: [i for i in r["lint"] if i["rule"] == "fake-join"] for f, r in results.items()}
    assert {f: items for f, items in joins.items() if items} == {}


def test_the_committed_diagrams_read_without_a_warning() -> None:
    assert len(COMMITTED) == 2
    results = _bpmn_io(COMMITTED)
    assert {file: r["warnings"] for file, r in results.items() if r["warnings"]} == {}
    errors = [i for r in results.values() for i in r["lint"] if i["category"] == "error"]
    assert errors == []


def test_bpmn_js_imports_every_export_without_a_warning(
    exported: dict[str, Path], browser: Any, tmp_path: Path
) -> None:
    if not MODELER.is_file():
        pytest.fail(f"bpmn-js is not installed; run: {SETUP}")
    page_file = tmp_path / "modeler.html"
    page_file.write_text(
        '<!doctype html><html lang="sv"><meta charset="utf-8"><title>bpmn-js</title>'
        f'<script src="{MODELER.as_uri()}"></script>'
        '<div id="canvas" style="width: 1200px; height: 800px"></div>',
        encoding="utf-8",
    )
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_file.as_uri())
    failures = {}
    for name, path in [*exported.items(), *((p.name, p) for p in COMMITTED)]:
        result = page.evaluate(
            """async (xml) => {
                const modeler = new BpmnJS({ container: '#canvas' });
                try {
                    const { warnings } = await modeler.importXML(xml);
                    const shapes = modeler.get('elementRegistry').getAll().length;
                    return { warnings: warnings.map((w) => String(w.message)), shapes };
                } catch (error) {
                    return { warnings: ['import failed: ' + error.message], shapes: 0 };
                } finally {
                    modeler.destroy();
                }
            }""",
            path.read_text(encoding="utf-8"),
        )
        if result["warnings"] or result["shapes"] < 2:
            failures[name] = result
    # The harness sees a warning when there is one: a shape of an element that does not exist.
    broken = (
        (EXAMPLES / "bpmn" / "placera-barn-i-förskola.bpmn")
        .read_text(encoding="utf-8")
        .replace('bpmnElement="Activity_0x8ahd2"', 'bpmnElement="Activity_saknas"')
    )
    control = page.evaluate(
        """async (xml) => {
            const modeler = new BpmnJS({ container: '#canvas' });
            const { warnings } = await modeler.importXML(xml);
            modeler.destroy();
            return warnings.length;
        }""",
        broken,
    )
    context.close()
    assert control > 0
    assert errors == []
    assert failures == {}
