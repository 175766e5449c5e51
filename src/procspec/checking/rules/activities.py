"""PS501–PS504: the aktivitetsplan.

Source: Örebro Steg 6 ("Identifierade förbättringsaktiviteter ska föras in i aktivitetsplanen ...
Aktiviteterna ska i sin tur följas upp så att man ser att de får effekt").
"""

from __future__ import annotations

from collections.abc import Iterator

from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, rule
from procspec.messages import say
from procspec.problem import Problem, Severity

SOURCE = "Örebro Steg 6 (Förvalta och utveckla processen)"


@rule(
    "PS501",
    Severity.WARNING,
    scope=FILE,
    source=SOURCE,
    bad="aktiviteter:\n  - id: A1\n    status: pågående\n    klart_senast: 2025-06-30\n",
    good="aktiviteter:\n  - id: A1\n    status: klar\n    klart_senast: 2025-06-30\n"
    "    effekt: Handläggningstiden halverades.\n",
)
def overdue(ctx: Context) -> Iterator[Problem]:
    """En aktivitet vars `klart_senast` har passerats utan att den är klar eller avbruten.
    Datumet är dagens, eller `--today`."""
    for record, model in ctx.processes():
        for a, activity in enumerate(model.activities):
            if activity.status not in ("klar", "avbruten") and activity.due < ctx.today:
                yield ctx.problem(
                    "PS501",
                    record,
                    ("aktiviteter", a, "klart_senast"),
                    "PS501",
                    on_key=False,
                    id=activity.id,
                    due=activity.due.isoformat(),
                    status=activity.status,
                )


@rule(
    "PS502",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE,
    bad="mål:\n  - id: M1\naktiviteter:\n  - id: A1\n    mål: [M2]\n",
    good="mål:\n  - id: M1\naktiviteter:\n  - id: A1\n    mål: [M1]\n",
)
def known_goal(ctx: Context) -> Iterator[Problem]:
    """En aktivitet ska stödja processens mål; de mål den anger ska finnas i samma fil."""
    for record, model in ctx.processes():
        goals = [g.id for g in model.goals]
        shown = ", ".join(goals) or say("PS502.none")
        for a, activity in enumerate(model.activities):
            for m, goal in enumerate(activity.goals):
                if goal not in goals:
                    yield ctx.problem(
                        "PS502",
                        record,
                        ("aktiviteter", a, "mål", m),
                        "PS502",
                        on_key=False,
                        id=activity.id,
                        goal=goal,
                        goals=shown,
                    )


@rule(
    "PS503",
    Severity.WARNING,
    scope=FILE,
    source=SOURCE + ": aktiviteterna ska följas upp så att man ser att de får effekt",
    bad="aktiviteter:\n  - id: A1\n    status: klar\n",
    good="aktiviteter:\n  - id: A1\n    status: klar\n    effekt: Färre felaktiga fakturor.\n",
)
def effect_recorded(ctx: Context) -> Iterator[Problem]:
    """Aktiviteterna ska följas upp så att man ser att de får effekt. En klar aktivitet utan
    `effekt` har inte följts upp."""
    for record, model in ctx.processes():
        for a, activity in enumerate(model.activities):
            if activity.status == "klar" and not activity.effect:
                yield ctx.problem(
                    "PS503",
                    record,
                    ("aktiviteter", a, "status"),
                    "PS503",
                    on_key=False,
                    id=activity.id,
                )


@rule(
    "PS504",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE,
    bad="aktiviteter:\n  - id: A1\n    start: 2026-05-01\n    klart_senast: 2026-03-01\n",
    good="aktiviteter:\n  - id: A1\n    start: 2026-03-01\n    klart_senast: 2026-05-01\n",
)
def dates_in_order(ctx: Context) -> Iterator[Problem]:
    """En aktivitet kan inte vara klar innan den har börjat."""
    for record, model in ctx.processes():
        for a, activity in enumerate(model.activities):
            if activity.start is not None and activity.due < activity.start:
                yield ctx.problem(
                    "PS504",
                    record,
                    ("aktiviteter", a, "klart_senast"),
                    "PS504",
                    on_key=False,
                    id=activity.id,
                    due=activity.due.isoformat(),
                    start=activity.start.isoformat(),
                )
