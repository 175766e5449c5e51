"""`procspec goals`: goal status from the straight line between baseline and target (SPEC §4),
as a table, JSON and CSV for Excel in a Swedish locale."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .test_validate import run

GOALS = """
mål:
  - id: PÅVÄG
    typ: resultatmål
    beskrivning: Prognosen ska lämnas i tid.
    målvärde: 100
    enhet: "%"
    riktning: öka
    senast: 2027-06-30
    nuläge: {datum: 2026-06-30, värde: 80}
    utfall:
      - {datum: 2026-12-31, värde: 91, analys: Fler förvaltningar lämnar i tid.}
  - id: RISK
    typ: resultatmål
    beskrivning: Alla fakturor ska hanteras inom förfallotiden.
    målvärde: 100
    enhet: "%"
    senast: 2027-06-30
    nuläge: {datum: 2026-06-30, värde: 80}
    utfall:
      - {datum: 2026-12-31, värde: 85}
  - id: SJUK
    typ: resultatmål
    beskrivning: Sjukfrånvaron ska vara högst 2 procent.
    målvärde: 2
    enhet: "%"
    riktning: minska
    senast: 2027-12-31
    nuläge: {datum: 2025-12-31, värde: 3}
    utfall:
      - {datum: 2026-12-31, värde: 2.6}
  - id: NÅTT
    typ: utvecklingsmål
    beskrivning: Svarstiden ska vara högst 5 dagar.
    målvärde: 5
    enhet: dagar
    senast: 2027-06-30
    nuläge: {datum: 2026-01-01, värde: 9}
    utfall:
      - {datum: 2026-12-31, värde: 4.5}
  - id: MISSAT
    typ: resultatmål
    beskrivning: Nöjdheten ska vara minst 80 procent.
    målvärde: 80
    enhet: "%"
    riktning: öka
    senast: 2026-12-31
    utfall:
      - {datum: 2026-06-30, värde: 70}
      - {datum: 2026-12-31, värde: 78}
  - id: INGET
    typ: resultatmål
    beskrivning: Ledtiden ska mätas.
    målvärde: 10
    senast: 2027-12-31
"""


@pytest.fixture
def repo(make_repo: Callable[[str], Path]) -> Path:
    root = make_repo("orebro")
    target = root / "processer" / "följa-upp-budget.yaml"
    text = target.read_text(encoding="utf-8")
    head, _, tail = text.partition("mål:\n")
    # Replace the file's goals with the cases above; the activities refer to M1, so drop them.
    rest = tail[tail.index("\naktiviteter:") :] if "\naktiviteter:" in tail else ""
    rest = rest.split("\naktiviteter:")[0]
    target.write_text(head.rstrip("\n") + "\n" + GOALS.lstrip("\n") + rest, encoding="utf-8")
    return root


def test_status_follows_the_line_from_baseline_to_target(repo: Path) -> None:
    result = run("goals", str(repo), "--format", "json", "--today", "2027-01-15")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    status = {g["id"]: g["status"] for g in data if g["process"] == "följa-upp-budget"}
    # 91 at half time against a line from 80 to 100 (90 expected): on track.
    assert status["PÅVÄG"] == "på väg"
    # 85 where 90 is expected: behind the line, at risk, though the deadline is months away.
    assert status["RISK"] == "risk"
    # 2.6 % against a ceiling of 2 % with the line at 2.5 % by now: at risk, not on track.
    assert status["SJUK"] == "risk"
    assert status["NÅTT"] == "uppnått"  # direction read off baseline and target: minska
    assert status["MISSAT"] == "ej uppnått"
    assert status["INGET"] == "utan utfall"


def test_json_shape(repo: Path) -> None:
    data = json.loads(run("goals", str(repo), "--format", "json", "--today", "2027-01-15").stdout)
    item = next(g for g in data if g["id"] == "PÅVÄG")
    assert list(item) == [
        "process",
        "id",
        "beskrivning",
        "typ",
        "målvärde",
        "enhet",
        "riktning",
        "senast",
        "fastställt_av",
        "nuläge",
        "senaste_utfall",
        "status",
    ]
    assert item["nuläge"] == {"datum": "2026-06-30", "värde": 80}
    assert item["senaste_utfall"]["värde"] == 91
    assert item["senaste_utfall"]["analys"] == "Fler förvaltningar lämnar i tid."
    assert next(g for g in data if g["id"] == "NÅTT")["riktning"] == "minska"
    assert next(g for g in data if g["id"] == "INGET")["senaste_utfall"] is None


def test_csv_opens_as_columns_in_swedish_excel(repo: Path) -> None:
    result = run("goals", str(repo), "--format", "csv", "--today", "2027-01-15")
    assert result.returncode == 0
    raw = result.stdout
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["process", "processnamn", "id"] and header[-1] == "status"
    sick = next(r for r in rows if r[2] == "SJUK")
    assert sick[header.index("senaste_utfall_värde")] == "2,6"
    assert sick[header.index("status")] == "risk"


def _csv(repo: Path) -> tuple[list[str], list[list[str]]]:
    result = run("goals", str(repo), "--format", "csv", "--today", "2027-01-15")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    return rows[0], rows[1:]


def _edit(repo: Path, old: str, new: str) -> None:
    target = repo / "processer" / "följa-upp-budget.yaml"
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")


def test_large_and_small_numbers_are_written_exactly(repo: Path) -> None:
    _edit(repo, "    målvärde: 10\n", "    målvärde: 12345678901\n"
          "    nuläge: {datum: 2026-01-01, värde: 0.00001}\n")  # fmt: skip
    header, rows = _csv(repo)
    row = next(r for r in rows if r[2] == "INGET")
    assert row[header.index("målvärde")] == "12345678901"
    assert row[header.index("nuläge_värde")] == "0,00001"
    table = run("goals", str(repo), "--today", "2027-01-15").stdout
    assert "12345678901" in table and "0,00001" in table and "e+" not in table


def test_csv_text_that_would_be_a_formula_stays_text(repo: Path) -> None:
    _edit(
        repo, "beskrivning: Ledtiden ska mätas.", 'beskrivning: "=HYPERLINK(\\"https://x.test\\")"'
    )
    _edit(repo, "analys: Fler förvaltningar lämnar i tid.", 'analys: "@SUMMA(A1)"')
    _edit(repo, "    målvärde: 2\n", "    målvärde: -2\n")
    header, rows = _csv(repo)
    by_id = {r[2]: r for r in rows}
    assert by_id["INGET"][header.index("beskrivning")] == '\'=HYPERLINK("https://x.test")'
    assert by_id["PÅVÄG"][header.index("analys")] == "'@SUMMA(A1)"
    assert by_id["SJUK"][header.index("målvärde")] == "-2"  # a number, not text
    assert by_id["RISK"][header.index("beskrivning")].startswith("Alla")


def test_table_states_the_method(repo: Path) -> None:
    result = run("goals", str(repo), "--today", "2027-01-15")
    assert result.returncode == 0
    assert "Risk" in result.stdout and "raka linjen" in result.stdout


def test_no_goals_and_bad_date(make_repo: Callable[[str], Path], tmp_path: Path) -> None:
    assert run("goals", str(make_repo("orebro")), "--today", "igår").returncode == 2
    assert run("goals", str(tmp_path)).returncode == 2
