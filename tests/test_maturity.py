"""Earned maturity: each level needs evidence that filling in a document once cannot produce."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from procspec.checking.hierarchy import Context
from procspec.checking.maturity import maturity
from procspec.reading.repository import load_repository

TODAY = date(2026, 11, 25)
BUDGET = "processer/följa-upp-budget.yaml"

MAP = {
    "processteg": [
        {"id": "samla", "namn": "Samla in prognoser"},
        {"id": "analysera", "namn": "Analysera avvikelser"},
    ]
}
GOAL = {
    "id": "M1",
    "typ": "resultatmål",
    "beskrivning": "Prognosen avviker högst två procent från utfallet.",
    "målvärde": 2,
    "enhet": "%",
    "riktning": "minska",
    "senast": "2027-12-31",
    "uppföljning": {
        "frekvens": "kvartalsvis",
        "ansvarig": "cecilia.dahl",
        "rapporteras_till": "anna.berg",
    },
    "nuläge": {"datum": "2025-09-30", "värde": 4},
    "utfall": [
        {"datum": "2025-12-31", "värde": 3.8},
        {"datum": "2026-03-31", "värde": 3.6},
        {"datum": "2026-06-30", "värde": 3.0},
        {"datum": "2026-09-30", "värde": 2.5},
    ],
}
ACTIVITY = {
    "id": "A1",
    "beskrivning": "Inför månadsvisa prognosmöten.",
    "ansvarig": "cecilia.dahl",
    "status": "klar",
    "start": "2026-01-10",
    "klart_senast": "2026-04-30",
    "mål": ["M1"],
    "effekt": "Prognoserna lämnas i tid varje månad.",
}


def _level(root: Path, **keys: object) -> tuple[int, tuple[str, ...]]:
    yaml = YAML()
    path = root / BUDGET
    data = yaml.load(path.read_text(encoding="utf-8"))
    for key, value in keys.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    repo = load_repository(root)
    ctx = Context.build(repo, TODAY)
    record = ctx.by_id["följa-upp-budget"]
    assert record.model is not None, [p for p in repo.records if p.id == "följa-upp-budget"]
    found = maturity(ctx, record, record.model)
    return found.level, found.missing


def test_levels_need_evidence(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    # Goals with a plan, nothing else: styrd.
    level, missing = _level(root, mål=[GOAL], aktiviteter=None, fastställd=None, dokument=None)
    assert level == 2 and set(missing) == {"map", "documents", "approval"}
    # A map, routines and a current approval: definierad.
    documents = [{"titel": "Rutin för prognoser", "länk": "rutiner/prognos.pdf"}]
    approval = {"av": "anna.berg", "datum": "2026-03-01"}
    level, missing = _level(root, processkarta=MAP, dokument=documents, fastställd=approval)
    assert level == 4, missing  # the goal has a baseline and quarterly results for a year
    # An improvement whose effect shows in the results after it: optimerande.
    assert _level(root, aktiviteter=[ACTIVITY]) == (5, ())


def test_an_expired_or_old_approval_is_not_current(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    documents = [{"titel": "Rutin för prognoser", "länk": "rutiner/prognos.pdf"}]
    expired = {"av": "anna.berg", "datum": "2026-03-01", "gäller_till": "2026-10-31"}
    level, missing = _level(
        root, mål=[GOAL], processkarta=MAP, dokument=documents, fastställd=expired
    )
    assert (level, missing) == (2, ("approval",))
    old = {"av": "anna.berg", "datum": "2024-03-01"}
    assert _level(root, fastställd=old) == (2, ("approval",))


def test_results_must_be_on_time_for_a_year(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    documents = [{"titel": "Rutin för prognoser", "länk": "rutiner/prognos.pdf"}]
    approval = {"av": "anna.berg", "datum": "2026-03-01"}
    gap = dict(GOAL, utfall=[GOAL["utfall"][0], GOAL["utfall"][-1]])  # two quarters missed
    level, missing = _level(
        root, mål=[gap], processkarta=MAP, dokument=documents, fastställd=approval
    )
    assert (level, missing) == (3, ("on_time",))
    young = dict(GOAL, nuläge={"datum": "2026-03-31", "värde": 3.6}, utfall=GOAL["utfall"][2:])
    assert _level(root, mål=[young])[1] == ("year",)
    no_baseline = {k: v for k, v in GOAL.items() if k != "nuläge"}
    assert "baseline" in _level(root, mål=[no_baseline])[1]


def test_an_effect_must_show_in_the_results(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    documents = [{"titel": "Rutin för prognoser", "länk": "rutiner/prognos.pdf"}]
    approval = {"av": "anna.berg", "datum": "2026-03-01"}
    worse = dict(GOAL, utfall=[*GOAL["utfall"][:2], {"datum": "2026-06-30", "värde": 3.9},
                               {"datum": "2026-09-30", "värde": 3.7}])  # fmt: skip
    level, missing = _level(
        root,
        mål=[worse],
        processkarta=MAP,
        dokument=documents,
        fastställd=approval,
        aktiviteter=[ACTIVITY],
    )
    assert (level, missing) == (4, ("effect",))


def test_a_top_level_styrprocess_needs_no_map(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    repo = load_repository(root)
    ctx = Context.build(repo, TODAY)
    record = ctx.by_id["skapa-förutsättningar-för-styrning"]
    assert record.model is not None
    assert "map" not in maturity(ctx, record, record.model).missing
