"""PS401–PS406: goals and their follow-up (the uppföljningsplan).

Source: Örebro Steg 5 ("Tänk på att målen ska vara tydliga och mätbara med angivna värden (undvik
diffusa mål)"; the six questions of the uppföljningsplan); Botkyrka Bilaga 2 (målsatta mått).
"""

from __future__ import annotations

from collections.abc import Iterator

from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, rule
from procspec.messages import Text, has, say
from procspec.problem import Problem, Severity
from procspec.reading.dates import MONTHS_PER_FREQUENCY, add_months
from procspec.reading.documents import KeyPath
from procspec.reading.profile import Profile
from procspec.reading.repository import ProcessRecord

# The goal rules' good examples are whole goals that pass every goal rule (PS401–PS406), so that a
# copied example does not fail the next rule (tests/rules/test_registry.py keeps them so).
_INVOICES = (
    "mål:\n  - id: M1\n    typ: resultatmål\n    beskrivning: Fakturor betalas i tid\n"
    "    målvärde: 95\n    enhet: '%'\n    riktning: öka\n"
)
_FOLLOW_UP = (
    "    uppföljning:\n      frekvens: årligen\n      ansvarig: cecilia.dahl\n"
    "      rapporteras_till: anna.berg\n"
)
_DATED = _INVOICES + "    senast: 2027-12-31\n"
_QUARTERLY = _DATED + _FOLLOW_UP.replace("årligen", "kvartalsvis")


def _goal_words(profile: Profile) -> Text:
    """What the profile calls a process's goals: a built-in profile's words in the catalogues
    (`PS406.goals@botkyrka`: "mål och målsatta mått"), a custom profile's own label, or the
    neutral "mål"."""
    key = f"PS406.goals@{profile.name}"
    if has(key):
        return say(key)
    own = profile.term("spec.goals")
    return own.lower() if own else say("PS406.goals")


def _empty_or_id(
    record: ProcessRecord, g: int, key: str, missing: str, empty: str = ""
) -> tuple[KeyPath, str]:
    """Where a goal's missing value is reported, and with which message: at the key when it is
    written but empty (`senast:`), else at the goal's id."""
    at: KeyPath = ("mål", g, key)
    if at in record.doc.keys:
        return at, empty or f"{missing}.empty"
    return ("mål", g, "id"), missing


@rule(
    "PS401",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Steg 5 (mätbara med angivna värden; undvik diffusa mål)",
    bad="mål:\n  - id: M1\n    typ: utvecklingsmål\n    beskrivning: Öka kundnöjdheten\n"
    "    senast: 2027-12-31\n",
    good="mål:\n  - id: M1\n    typ: utvecklingsmål\n    beskrivning: Öka kundnöjdheten\n"
    "    målvärde: 80\n    enhet: '%'\n    riktning: öka\n    senast: 2027-12-31\n" + _FOLLOW_UP,
)
def measurable(ctx: Context) -> Iterator[Problem]:
    """Ett mål ska ha ett värde att nå (`målvärde`): ett mål som "öka kundnöjdheten" utan värde går
    inte att följa upp."""
    for record, model in ctx.processes():
        for g, goal in enumerate(model.goals):
            if goal.target is None:
                at, key = _empty_or_id(record, g, "målvärde", "PS401")
                yield ctx.problem("PS401", record, at, key, id=goal.id)


@rule(
    "PS402",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Steg 5 (hur är målet formulerat – vad ska uppnås och när?)",
    bad=_INVOICES,
    good=_DATED + _FOLLOW_UP,
)
def dated(ctx: Context) -> Iterator[Problem]:
    """Ett mål säger vad som ska uppnås och när. Utan `senast` går det inte att säga om målet är
    nått i tid."""
    for record, model in ctx.processes():
        for g, goal in enumerate(model.goals):
            if goal.deadline is None:
                at, key = _empty_or_id(record, g, "senast", "PS402")
                yield ctx.problem("PS402", record, at, key, id=goal.id)


@rule(
    "PS403",
    Severity.WARNING,
    scope=FILE,
    source="Örebro Steg 5 (Göra en uppföljningsplan för processen)",
    bad=_DATED + "    uppföljning:\n      metod: Stickprov\n",
    good=_DATED + "    uppföljning:\n      metod: Stickprov\n" + _FOLLOW_UP.split("\n", 1)[1],
)
def followed_up(ctx: Context) -> Iterator[Problem]:
    """Varje mål ska följas upp: hur ofta (`frekvens`), vem som mäter (`ansvarig`) och till vem
    resultatet rapporteras (`rapporteras_till`)."""
    for record, model in ctx.processes():
        for g, goal in enumerate(model.goals):
            follow = goal.follow_up
            if follow is None:
                at, key = _empty_or_id(record, g, "uppföljning", "PS403.missing", "PS403.empty")
                yield ctx.problem("PS403", record, at, key, id=goal.id)
                continue
            lacking = [
                key
                for key, value in (
                    ("frekvens", follow.frequency),
                    ("ansvarig", follow.responsible),
                    ("rapporteras_till", follow.reported_to),
                )
                if value is None
            ]
            if lacking:
                # The first lacking key when it is written empty (`frekvens:`), else the block.
                empty = ("mål", g, "uppföljning", lacking[0])
                yield ctx.problem(
                    "PS403",
                    record,
                    empty if empty in record.doc.keys else ("mål", g, "uppföljning"),
                    "PS403.incomplete",
                    id=goal.id,
                    keys=", ".join(lacking),
                )


@rule(
    "PS404",
    Severity.WARNING,
    scope=FILE,
    source="Örebro Steg 5–6 (följa upp processen kontinuerligt); Botkyrka Bilaga 1 (inför "
    "delårs- och årsbokslut)",
    bad=_QUARTERLY + "    utfall:\n      - {datum: 2025-01-31, värde: 80}\n",
    good=_QUARTERLY + "    utfall:\n      - {datum: 2026-09-30, värde: 86}\n",
)
def follow_up_due(ctx: Context) -> Iterator[Problem]:
    """Det senaste utfallet är äldre än frekvensen tillåter: en kvartalsvis uppföljning vars
    senaste utfall är mer än tre månader gammalt är försenad. Datumet är dagens, eller `--today`."""
    for record, model in ctx.processes():
        for g, goal in enumerate(model.goals):
            frequency = goal.follow_up.frequency if goal.follow_up else None
            if frequency is None or not goal.results:
                continue
            latest = max(result.date for result in goal.results)
            due = add_months(latest, MONTHS_PER_FREQUENCY[frequency])
            if ctx.today > due:
                yield ctx.problem(
                    "PS404",
                    record,
                    ("mål", g, "utfall"),
                    "PS404",
                    id=goal.id,
                    latest=latest.isoformat(),
                    frequency=frequency,
                    due=due.isoformat(),
                )


@rule(
    "PS405",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Steg 6 (aktiviteterna kopplas till målen)",
    bad="mål:\n  - id: M1\n  - id: M1\n",
    good="mål:\n  - id: M1\n  - id: M2\n",
)
def unique_ids(ctx: Context) -> Iterator[Problem]:
    """Aktiviteter pekar på mål med deras id, så id:n för mål och mått, och för aktiviteter, ska
    vara unika i filen."""
    for record, model in ctx.processes():
        groups = (
            ("PS405.goal", [("mål", i, g.id) for i, g in enumerate(model.goals)]
             + [("mått", i, m.id) for i, m in enumerate(model.measures)]),
            ("PS405.activity", [("aktiviteter", i, a.id) for i, a in enumerate(model.activities)]),
        )  # fmt: skip
        for what, items in groups:
            seen: dict[str, tuple[str, int]] = {}
            for key, index, item_id in items:
                if item_id in seen:
                    first = record.doc.value_pos((*seen[item_id], "id"))
                    yield ctx.problem(
                        "PS405",
                        record,
                        (key, index, "id"),
                        "PS405",
                        on_key=False,
                        id=item_id,
                        line=first.line,
                        what=say(what),
                    )
                else:
                    seen[item_id] = (key, index)


@rule(
    "PS406",
    Severity.INFO,
    scope=FILE,
    source="Örebro Steg 5 (Definiera processmål och ta fram en uppföljningsplan)",
    bad="namn: Följa upp budget\n# inga mål\n",
    good="namn: Följa upp budget\n" + _DATED + _FOLLOW_UP,
)
def has_goals(ctx: Context) -> Iterator[Problem]:
    """En process utan mål har målarbetet kvar. Det är inget fel, men en process utan mätbara mål
    går inte att följa upp."""
    for record, model in ctx.processes():
        if not model.goals:
            profile = ctx.repo.profile
            source = profile.cite("målarbete") or profile.cite("mål")
            goals = _goal_words(profile)
            yield ctx.problem(
                "PS406",
                record,
                (),
                "PS406" if source else "PS406.plain",
                goals=goals,
                source=source,
            )
