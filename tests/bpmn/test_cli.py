"""`procspec bpmn export` and `procspec bpmn import` on a real repository, run as a user would."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, copy_example
from ..git.conftest import procspec

BUDGET = "processer/följa-upp-budget.yaml"
CAMUNDA = EXAMPLES / "bpmn" / "placera-barn-i-förskola.bpmn"
SIGNAVIO = EXAMPLES / "bpmn" / "betala-leverantörsfakturor.bpmn"


def _import(root: Path, source: Path, *extra: str) -> tuple[int, str, str]:
    done = procspec(
        "bpmn", "import", str(source), "--process", "följa-upp-budget", "--repo", str(root), *extra
    )
    return done.returncode, done.stdout, done.stderr


def test_import_writes_the_map_and_nothing_else(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    path = root / BUDGET
    before = path.read_bytes()
    code, out, err = _import(root, CAMUNDA)
    assert code == 0, err
    assert "13 aktiviteter, 3 aktörer, 3 processteg" in out
    assert "anteckningen" in err  # the text annotation is named, not dropped
    after = path.read_bytes()
    assert after.startswith(before)  # the file had no granskad: the map is appended
    assert after[len(before) :].startswith(b"processkarta:\n")
    validated = procspec("validate", str(root), "--format", "json")
    assert "PS00" not in validated.stdout  # the file still reads and matches the schema


def test_import_refuses_to_replace_a_map_without_force(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    assert _import(root, CAMUNDA)[0] == 0
    first = (root / BUDGET).read_bytes()
    code, _, err = _import(root, SIGNAVIO)
    assert code == 1
    assert "--force" in err and "Traceback" not in err
    assert (root / BUDGET).read_bytes() == first
    code, _, err = _import(root, SIGNAVIO, "--force")
    assert code == 0, err
    text = (root / BUDGET).read_text(encoding="utf-8")
    assert "betala-leverantörsfakturor" in text and "placera-barnet-i-kön" not in text
    assert text.count("processkarta:") == 1


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_import_keeps_the_line_endings_of_the_process_file(
    make_repo: Callable[[str], Path], newline: bytes
) -> None:
    root = make_repo("orebro")
    path = root / BUDGET
    before = path.read_bytes().replace(b"\n", newline)
    path.write_bytes(before)
    code, _, err = _import(root, CAMUNDA)
    assert code == 0, err
    after = path.read_bytes()
    assert after.startswith(before)  # every line of the file as it was
    assert after.replace(newline, b"").count(b"\r") + after.replace(newline, b"").count(b"\n") == 0
    assert "PS00" not in procspec("validate", str(root), "--format", "json").stdout


def test_import_into_a_file_with_a_tab_and_document_markers(
    make_repo: Callable[[str], Path],
) -> None:
    # Files validate reads take the map: a tab after a colon, `---` and `...` around the document.
    root = make_repo("orebro")
    path = root / BUDGET
    body = path.read_text(encoding="utf-8").replace("syfte: Att", "syfte:\tAtt")
    path.write_text(f"---\n{body}...\n", encoding="utf-8")
    code, _, err = _import(root, CAMUNDA)
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert after.startswith(f"---\n{body}processkarta:\n") and after.endswith("\n...\n")
    assert "PS00" not in procspec("validate", str(root), "--format", "json").stdout


def test_a_process_file_validate_cannot_read_is_named_with_its_line(
    make_repo: Callable[[str], Path],
) -> None:
    root = make_repo("orebro")
    path = root / BUDGET
    path.write_text(path.read_text(encoding="utf-8") + "syfte: igen\n", encoding="utf-8")
    before = path.read_bytes()
    code, _, err = _import(root, CAMUNDA)
    assert code == 1
    line = before.count(b"\n")
    assert f"processer/följa-upp-budget.yaml:{line}: processfilen går inte att läsa" in err
    assert "Message(" not in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_export_after_import_opens_as_bpmn(
    make_repo: Callable[[str], Path], tmp_path: Path
) -> None:
    root = make_repo("orebro")
    assert _import(root, SIGNAVIO)[0] == 0
    done = procspec("bpmn", "export", "följa-upp-budget", "--repo", str(root))
    assert done.returncode == 0, done.stderr
    tree = ET.fromstring(done.stdout)
    assert tree.tag == "{http://www.omg.org/spec/BPMN/20100524/MODEL}definitions"
    out = tmp_path / "ut" / "budget.bpmn"
    written = procspec("bpmn", "export", "följa-upp-budget", "--repo", str(root), "--out", str(out))
    assert written.returncode == 0
    assert out.read_text(encoding="utf-8") == done.stdout
    # export → import → export gives the same file
    assert _import(root, out, "--force")[0] == 0
    second = procspec("bpmn", "export", "följa-upp-budget", "--repo", str(root))
    assert second.stdout == done.stdout


def test_a_name_longer_than_import_reads_is_told_by_validate(
    make_repo: Callable[[str], Path],
) -> None:
    # Export would write it and import refuse it: validate says so first, and export waits.
    root = make_repo("orebro")
    assert _import(root, SIGNAVIO)[0] == 0
    path = root / BUDGET
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("namn: Attestera fakturan", "namn: " + "A" * 10_005), encoding="utf-8"
    )
    validated = procspec("validate", str(root), "--format", "json")
    assert validated.returncode == 1
    assert '"code": "PS007"' in validated.stdout and "10000" in validated.stdout
    exported = procspec("bpmn", "export", "följa-upp-budget", "--repo", str(root))
    assert exported.returncode == 1 and "procspec validate" in exported.stderr


def test_export_of_a_process_without_a_map(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    done = procspec("bpmn", "export", "följa-upp-budget", "--repo", str(root))
    assert done.returncode == 1
    assert "ingen processkarta" in done.stderr and done.stdout == ""
    unknown = procspec("bpmn", "export", "finns-inte", "--repo", str(root))
    assert unknown.returncode == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"inte xml", "inte läsbar XML"),
        (
            CAMUNDA.read_bytes().replace(b'encoding="UTF-8"', b'encoding="X-NOPE"', 1),
            "dålig.bpmn anger teckenkodningen 'X-NOPE'",
        ),
        (
            CAMUNDA.read_bytes().replace(b'id="Activity_0x8ahd2"', b'id="StartEvent_1"', 1),
            "id:t 'StartEvent_1' står på två element",
        ),
        (
            CAMUNDA.read_bytes().replace(
                b"<bpmn:flowNodeRef>",
                b"<bpmn:flowNodeRef>FINNS_INTE</bpmn:flowNodeRef><bpmn:flowNodeRef>",
                1,
            ),
            "pekar på 'FINNS_INTE', som inte finns i filen",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "inte BPMN 2.0"),
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]>'
            b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&e;</definitions>',
            "DTD",
        ),
    ],
    ids=["not-xml", "unknown-encoding", "duplicate-id", "lane-to-nothing", "svg", "dtd"],
)
def test_bad_files_exit_1_and_write_nothing(
    make_repo: Callable[[str], Path], tmp_path: Path, content: bytes, expected: str
) -> None:
    root = make_repo("orebro")
    before = (root / BUDGET).read_bytes()
    source = tmp_path / "dålig.bpmn"
    source.write_bytes(content)
    code, _out, err = _import(root, source)
    assert code == 1
    assert expected in err and "Traceback" not in err
    assert (root / BUDGET).read_bytes() == before
    assert not [p for p in (root / "processer").iterdir() if p.name.startswith(".")]


def test_a_map_too_large_for_validate_to_read_is_refused(
    make_repo: Callable[[str], Path], tmp_path: Path
) -> None:
    # Within the limits of the diagram, but the process file would be over the 2 MB validate reads.
    root = make_repo("orebro")
    before = (root / BUDGET).read_bytes()
    tasks = "".join(f'<task id="t{i}" name="Uppgift {i} {"x" * 9_000}"/>' for i in range(240))
    source = tmp_path / "stor.bpmn"
    source.write_text(
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
        f'<process id="p">{tasks}</process></definitions>',
        encoding="utf-8",
    )
    code, _, err = _import(root, source)
    assert code == 1
    assert "procspec läser inga processfiler över 2048 kB" in err and "Traceback" not in err
    assert (root / BUDGET).read_bytes() == before
    assert not [p for p in (root / "processer").iterdir() if p.name.startswith(".")]


def test_a_missing_file_is_a_usage_error(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    code, _, err = _import(root, root / "saknas.bpmn")
    assert code == 2 and "finns inte" in err


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_source_that_is_not_a_regular_file_is_not_read(
    make_repo: Callable[[str], Path], tmp_path: Path, kind: str
) -> None:
    # A named pipe would wait for a writer forever and /dev/zero never ends: refused unread.
    root = make_repo("orebro")
    before = (root / BUDGET).read_bytes()
    if kind == "fifo":
        source = tmp_path / "karta.bpmn"
        os.mkfifo(source)
    else:
        source = Path("/dev/zero") if kind == "device" else tmp_path
    code, _, err = _import(root, source)
    assert code == 2, err
    assert "är ingen vanlig fil" in err and "Traceback" not in err
    assert (root / BUDGET).read_bytes() == before


def test_export_to_a_folder_is_a_usage_error(
    make_repo: Callable[[str], Path], tmp_path: Path
) -> None:
    root = make_repo("orebro")
    assert _import(root, SIGNAVIO)[0] == 0
    done = procspec(
        "bpmn", "export", "följa-upp-budget", "--repo", str(root), "--out", str(tmp_path)
    )
    assert done.returncode == 2
    assert "är ingen vanlig fil" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("example", "process", "diagram"),
    [
        ("botkyrka", "placera-barn-i-förskola", CAMUNDA),
        ("orebro", "betala-leverantörsfakturor", SIGNAVIO),
    ],
)
def test_the_readme_imports_validate_without_errors(
    tmp_path: Path, example: str, process: str, diagram: Path
) -> None:
    root = copy_example(example, tmp_path / example)
    done = procspec(
        "bpmn", "import", str(diagram), "--process", process, "--repo", str(root), "--force"
    )
    assert done.returncode == 0, done.stderr
    validated = procspec("validate", str(root), "--format", "json")
    assert validated.returncode == 0, validated.stdout
    exported = procspec("bpmn", "export", process, "--repo", str(root))
    assert exported.returncode == 0 and exported.stdout.startswith("<?xml")
