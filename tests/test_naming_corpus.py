"""The naming rules on a corpus of real-looking municipal process names (tests/data/namnkorpus.yaml).

Every name becomes a process file in a real repository on disk and the whole check runs on it.
Precision and recall are reported per rule (PS101–PS104) and must be 100 %: every bad name gets
its rule, no good name gets any, every suggestion is the one labelled acceptable, and every
labelled suggestion is itself a good name.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from procspec.checking import swedish
from procspec.checking.checker import check_repository
from procspec.reading.repository import load_repository
from procspec.rendering.jinja import yaml_text

from .conftest import REPOS, TODAY, said

CORPUS = Path(__file__).parent / "data" / "namnkorpus.yaml"
NAMING = ("PS101", "PS102", "PS103", "PS104")
AREAS = {
    "skola",
    "förskola",
    "äldreomsorg",
    "LSS",
    "socialtjänst",
    "samhällsbyggnad",
    "miljö",
    "gata",
    "VA",
    "avfall",
    "kultur",
    "fritid",
    "ekonomi",
    "HR",
    "IT",
    "kansli",
    "upphandling",
    "kommunikation",
}
# A purpose that gives no verb phrase, for entries whose suggestion must not come from it.
NEUTRAL = "Beskrivs i steg 4."


def _corpus() -> list[dict[str, Any]]:
    entries = YAML(typ="safe", pure=True).load(CORPUS.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


def _process_file(name: str, purpose: str, end_event: str) -> str:
    return (
        f"namn: {yaml_text(name)}\n"
        "typ: stödprocess\n"
        "processägare: anna.berg\n"
        f"syfte: {yaml_text(purpose)}\n"
        "starthändelse: Ett behov uppstår.\n"
        f"sluthändelse: {yaml_text(end_event)}\n"
        "mottagare: [Invånarna]\n"
    )


def test_the_corpus_covers_every_kind_of_municipal_service() -> None:
    entries = _corpus()
    assert len(entries) >= 150
    good = [e for e in entries if "kod" not in e]
    bad = [e for e in entries if "kod" in e]
    assert len(good) >= 60 and len(bad) >= 60
    assert {e["område"] for e in entries} >= AREAS
    assert {e["kod"] for e in bad} == set(NAMING)
    assert len({e["namn"] for e in entries}) == len(entries), "a name is listed twice"
    assert all("förslag" in e for e in bad), "a bad name without its expected suggestion"
    assert sum(1 for e in entries if e.get("källa")) >= 10


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], Any]:
    """The corpus and its labelled suggestions as process files, checked as one repository."""
    root = tmp_path_factory.mktemp("korpus") / "repo"
    shutil.copytree(REPOS / "orebro", root)
    folder = root / "processer"
    for path in folder.glob("*.yaml"):
        path.unlink()
    entries = _corpus()
    for number, entry in enumerate(entries):
        text = _process_file(
            entry["namn"], entry.get("syfte", NEUTRAL), entry.get("sluthändelse", NEUTRAL)
        )
        (folder / f"namn-{number:03d}.yaml").write_text(text, encoding="utf-8")
        if entry.get("förslag"):
            text = _process_file(entry["förslag"], NEUTRAL, NEUTRAL)
            (folder / f"forslag-{number:03d}.yaml").write_text(text, encoding="utf-8")
    outcome = check_repository(load_repository(root), TODAY)
    return entries, outcome


def test_precision_and_recall_per_rule(
    corpus_run: tuple[list[dict[str, Any]], Any], capsys: pytest.CaptureFixture[str]
) -> None:
    entries, outcome = corpus_run
    found: dict[str, set[str]] = {}
    for problem in outcome.problems:
        if problem.code in NAMING and problem.path.startswith("processer/namn-"):
            found.setdefault(problem.path, set()).add(problem.code)
    counts: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    for number, entry in enumerate(entries):
        got = found.get(f"processer/namn-{number:03d}.yaml", set())
        expected = {entry["kod"]} if "kod" in entry else set()
        for code in NAMING:
            if code in got and code in expected:
                counts[code, "tp"] += 1
            elif code in got:
                counts[code, "fp"] += 1
            elif code in expected:
                counts[code, "fn"] += 1
        if got != expected:
            wrong.append(f"{entry['namn']!r}: expected {sorted(expected)}, got {sorted(got)}")
    lines = ["", "Namnreglerna på namnkorpusen (tests/data/namnkorpus.yaml):"]
    lines.append(f"  {len(entries)} namn, {sum(1 for e in entries if 'kod' not in e)} bra")
    lines.append("  regel   träffar  falsklarm  missar  precision  recall")
    for code in NAMING:
        tp, fp, fn = counts[code, "tp"], counts[code, "fp"], counts[code, "fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"  {code}   {tp:7d}  {fp:9d}  {fn:6d}  {precision:9.1%}  {recall:6.1%}")
    with capsys.disabled():
        print("\n".join(lines))
    assert wrong == []


def test_every_suggestion_is_the_labelled_one(
    corpus_run: tuple[list[dict[str, Any]], Any],
) -> None:
    entries, outcome = corpus_run
    messages = {
        p.path: said(p.message)
        for p in outcome.problems
        if p.code in NAMING and p.path.startswith("processer/namn-")
    }
    wrong: list[str] = []
    for number, entry in enumerate(entries):
        if "kod" not in entry:
            continue
        finding = swedish.check_name(
            entry["namn"], entry.get("syfte", NEUTRAL), entry.get("sluthändelse", NEUTRAL)
        )
        suggestion = finding.suggestion if finding else None
        if suggestion != entry["förslag"]:
            wrong.append(f"{entry['namn']!r}: expected {entry['förslag']!r}, got {suggestion!r}")
            continue
        message = messages.get(f"processer/namn-{number:03d}.yaml", "")
        assert f"'{entry['namn'].strip()}'" in message, message
        if suggestion is not None:
            assert f"'{suggestion}'" in message, message
    assert wrong == []


def test_every_labelled_suggestion_passes_the_naming_rules(
    corpus_run: tuple[list[dict[str, Any]], Any],
) -> None:
    _, outcome = corpus_run
    flagged = [
        p for p in outcome.problems if p.code in NAMING and p.path.startswith("processer/forslag-")
    ]
    assert flagged == []
