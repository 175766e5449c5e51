"""`procspec status`: what needs attention, grouped by person, in a real git repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIXTURES, GitRepo, init, procspec

LEAD = "processer/styr/leda-verksamheten.yaml"
FOLLOW = "processer/styr/följa-upp-ekonomin.yaml"
PAY = "processer/stöd och service/betala-fakturor.yaml"
RECEIVE = "processer/stöd och service/ta-emot-fakturor.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """The status fixture with a history: everything approved and committed on 2025-02-01, the
    leading process changed after its approval, the invoice processes changed in June 2026."""
    top = tmp_path / "work"
    shutil.copytree(FIXTURES / "status", top)
    init(top)
    repo = GitRepo(top, top)
    repo.commit("Lägg till processerna", "2025-02-01T09:00:00+01:00")
    repo.replace(
        LEAD, "Att verksamheten styrs mot målen.", "Att verksamheten styrs mot målen i tid."
    )
    repo.commit("Förtydliga syftet", "2025-03-01T09:00:00+01:00")
    repo.replace(
        PAY, "Att leverantörer får betalt i tid.", "Att leverantörer får rätt belopp i tid."
    )
    repo.replace(
        RECEIVE, "Att fakturor kommer in på ett ställe.", "Att fakturor kommer in digitalt."
    )
    repo.commit("Förtydliga fakturaprocesserna", "2026-06-01T09:00:00+02:00")
    return repo


def status(root: Path, *args: str) -> dict[str, Any]:
    done = procspec("status", str(root), "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def kinds(found: dict[str, Any]) -> dict[str | None, set[tuple[str, str, bool]]]:
    return {
        group["nyckel"]: {(p["typ"], p["process"], p["försenad"]) for p in group["punkter"]}
        for group in found["personer"]
    }


def test_status_groups_what_needs_doing_by_person(repo: GitRepo) -> None:
    found = status(repo.root)
    assert found["datum"] == "2026-11-25"
    assert found["historik"] is None
    assert kinds(found) == {
        "anna.berg": {("fastställelse", "leda-verksamheten", True)},
        "bo.ek": {
            ("uppföljning", "leda-verksamheten", True),  # quarterly, last result 2026-06-30
            ("granskning", "följa-upp-ekonomin", False),  # reviewed 2025-12-10: due 2026-12-10
        },
        "cecilia.dahl": {
            ("aktivitet", "leda-verksamheten", True),  # klart_senast 2026-10-31
            ("granskning", "leda-verksamheten", True),  # last changed 2025-03-01
            ("uppföljning", "följa-upp-ekonomin", False),  # due 2026-12-10
        },
        None: {("roll", "ta-emot-fakturor", True)},  # PS202: no owner, nobody to ask
    }
    # People by name, the unassigned last; overdue items first within a person.
    assert [g["nyckel"] for g in found["personer"]] == ["anna.berg", "bo.ek", "cecilia.dahl", None]
    cecilia = found["personer"][2]
    # Overdue first, the longest overdue at the top.
    assert [p["datum"] for p in cecilia["punkter"]] == ["2026-03-01", "2026-10-31", "2026-12-10"]
    activity = cecilia["punkter"][1]
    assert activity == {
        "typ": "aktivitet",
        "process": "leda-verksamheten",
        "processnamn": "Leda verksamheten",
        "fil": LEAD,
        "rad": 30,  # the "- id: A1" line
        "datum": "2026-10-31",
        "försenad": True,
        "ref": "A1",
        "text": activity["text"],
    }
    assert "A1" in activity["text"] and "2026-10-31" in activity["text"]
    assert cecilia["namn"] == "Cecilia Dahl" and cecilia["epost"] == "cecilia.dahl@example.org"


def test_status_for_one_person(repo: GitRepo) -> None:
    found = status(repo.root, "--person", "bo.ek")
    assert [g["nyckel"] for g in found["personer"]] == ["bo.ek"]
    assert len(found["personer"][0]["punkter"]) == 2
    assert status(repo.root, "--person", "dag.fors")["personer"] == []


def test_status_below_a_maturity_level(repo: GitRepo) -> None:
    found = kinds(status(repo.root, "--below-maturity", "2"))
    assert ("mognad", "betala-fakturor", False) in found["dag.fors"]  # no goals: level 1
    assert ("mognad", "leda-verksamheten", False) not in found["cecilia.dahl"]  # level 2
    found = kinds(status(repo.root, "--below-maturity", "3"))
    assert ("mognad", "leda-verksamheten", False) in found["cecilia.dahl"]


def test_status_is_a_report_with_exit_0_and_a_table(repo: GitRepo) -> None:
    done = procspec("status", str(repo.root))
    assert done.returncode == 0
    for text in ("Cecilia Dahl (cecilia.dahl)", "Bo Ek (bo.ek)", "Utan ansvarig", "Aktivitet",
                 "Granskning", "Fastställelse"):  # fmt: skip
        assert text in done.stdout, text
    quiet = procspec("status", str(repo.root), "--person", "dag.fors")
    assert quiet.returncode == 0
    assert "Inget behöver göras" in quiet.stdout


def test_status_follows_the_repository_settings(repo: GitRepo) -> None:
    settings = repo.root / "procspec.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "språk: en\nregler:\n  PS501: off\n", "utf-8"
    )
    found = status(repo.root, "--person", "cecilia.dahl")
    assert {p["typ"] for p in found["personer"][0]["punkter"]} == {"granskning", "uppföljning"}
    table = procspec("status", str(repo.root))
    assert "Utan ansvarig" not in table.stdout
    assert "Review" in table.stdout and "Nobody responsible" in table.stdout


def test_status_usage_errors(repo: GitRepo, tmp_path: Path) -> None:
    unknown = procspec("status", str(repo.root), "--person", "bo.eek")
    assert unknown.returncode == 2
    assert "bo.ek" in unknown.stderr  # did you mean
    assert procspec("status", str(repo.root), "--below-maturity", "9").returncode == 2
    assert procspec("status", str(tmp_path / "ingenting")).returncode == 2
    assert procspec("status", str(repo.root), "--today", "2026-13-01").returncode == 2


def test_status_outside_git_says_why_reviews_are_missing(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(FIXTURES / "status", root)
    found = status(root)
    assert found["historik"]
    assert not any(p["typ"] in ("granskning", "fastställelse")
                   for g in found["personer"] for p in g["punkter"])  # fmt: skip
