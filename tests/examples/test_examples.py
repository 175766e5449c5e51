"""The shipped examples validate with no errors, and show what the sources say they should."""

from __future__ import annotations

import pytest

from procspec.checking.checker import check_repository
from procspec.checking.hierarchy import Context
from procspec.checking.process_list import rows
from procspec.reading.repository import load_repository

from ..conftest import EXAMPLES, TODAY


@pytest.mark.parametrize("name", ["botkyrka", "orebro"])
def test_example_validates_without_errors(name: str) -> None:
    outcome = check_repository(load_repository(EXAMPLES / name), TODAY)
    assert outcome.counts["error"] == 0, [
        p for p in outcome.problems if p.severity.value == "error"
    ]


def test_orebro_example_is_clean() -> None:
    outcome = check_repository(load_repository(EXAMPLES / "orebro"), TODAY)
    assert [p for p in outcome.problems if p.severity.value != "info"] == []


def test_botkyrka_warnings_are_only_the_naming_rules() -> None:
    outcome = check_repository(load_repository(EXAMPLES / "botkyrka"), TODAY)
    warnings = {p.code for p in outcome.problems if p.severity.value == "warning"}
    assert warnings <= {"PS101", "PS102", "PS103", "PS104"}


def test_botkyrka_structure_follows_the_guideline() -> None:
    ctx = Context.build(load_repository(EXAMPLES / "botkyrka"), TODAY)
    found = {row.name: row for row in rows(ctx)}
    level_one = {row.name for row in found.values() if row.level == 1}
    medborgar = {
        "Möjliggöra Botkyrkabornas medskapande av samhället",
        "Möta Botkyrkabornas behov av ett livslångt lärande",
        "Möjliggöra arbete och företagande för Botkyrkaborna",
        "Möta Botkyrkabornas behov av stöd för att leva ett självständigt liv",
        "Möta Botkyrkabornas behov av gemenskap, rörelse och ett rikt kulturliv",
        "Skapa en god och trygg livsmiljö för Botkyrkaborna",
    }
    assert medborgar <= level_one
    two_owners = found["Möta Botkyrkabornas behov av stöd för att leva ett självständigt liv"]
    assert len(two_owners.roles["processägare"] or []) == 2
    for group in ("Styr- och ledningsprocesser", "Stödprocesser"):
        owners = found[group].roles["processägare"] or []
        assert [h.title for h in owners] == ["Kommundirektör"]
    assert {row.level for row in found.values()} >= {1, 2, 3}


def test_orebro_example_has_the_handbooks_processes() -> None:
    ctx = Context.build(load_repository(EXAMPLES / "orebro"), TODAY)
    names = {row.name for row in rows(ctx)}
    assert {
        "Skapa förutsättningar för styrning av ekonomi och verksamhet",
        "Planera för och säkerställa leverans av innehåll i övergripande strategier och budget",
        "Planera för och säkerställa löpande uppföljning",
        "Följa upp budget",
        "Tillhandahålla IT-stöd",
        "Tillhandahålla barnomsorg",
    } <= names
    kinds = {row.kind for row in rows(ctx)}
    assert kinds == {"huvudprocess", "stödprocess", "styrprocess"}
