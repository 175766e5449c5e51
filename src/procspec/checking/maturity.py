"""A process's maturity level 1–5 (Örebro Bilaga 2, after CMMI), read off its documentation.

Bilaga 2 is a picture without criteria; the criteria below read each level off what the
documentation shows, and are documented in the README. `render` (the maturity overview) and
`status --below-maturity` read these.
"""

from __future__ import annotations

from dataclasses import dataclass

from procspec.messages import add
from procspec.reading.model import Process

add(
    {
        "maturity.1": {"sv": "1 Initial", "en": "1 Initial"},
        "maturity.2": {"sv": "2 Repeterbar", "en": "2 Repeatable"},
        "maturity.3": {"sv": "3 Definierad", "en": "3 Defined"},
        "maturity.4": {"sv": "4 Kvantitativt styrd", "en": "4 Quantitatively managed"},
        "maturity.5": {"sv": "5 Optimerande", "en": "5 Optimising"},
        "maturity.missing.owner": {"sv": "processägare", "en": "a process owner"},
        "maturity.missing.leader": {"sv": "processledare", "en": "a process leader"},
        "maturity.missing.purpose": {"sv": "syfte", "en": "a purpose"},
        "maturity.missing.recipients": {"sv": "mottagare", "en": "recipients"},
        "maturity.missing.goals": {
            "sv": "minst ett mätbart mål (med målvärde)",
            "en": "at least one measurable goal (with a target)",
        },
        "maturity.missing.follow_up": {
            "sv": "en uppföljningsplan för varje mål (frekvens, ansvarig, rapporteras till)",
            "en": "a follow-up plan for every goal (frequency, responsible, reported to)",
        },
        "maturity.missing.results": {
            "sv": "registrerade utfall för varje mål med målvärde",
            "en": "recorded results for every goal with a target",
        },
        "maturity.missing.effect": {
            "sv": "en klar aktivitet kopplad till ett mål, med observerad effekt",
            "en": "a completed activity tied to a goal, with an observed effect",
        },
    }
)


@dataclass(frozen=True)
class Maturity:
    """A maturity level 1–5 (Örebro Bilaga 2, CMMI) and the criteria of the next level not met."""

    level: int
    missing: tuple[str, ...]
    """Message keys (`maturity.missing.*`) of what the next level needs; empty at level 5."""


MATURITY_LEVELS = (1, 2, 3, 4, 5)


def maturity(model: Process, has_owner: bool, has_leader: bool) -> Maturity:
    """The highest level whose criteria, and those of every level below, the documentation meets.

    1 Initial: the process is specified (a valid file).
    2 Repeterbar: an owner and a leader (own or implied), a purpose and recipients.
    3 Definierad: at least one measurable goal (a target), and every goal has an uppföljningsplan
      with a frequency, a responsible person and a recipient of the report.
    4 Kvantitativt styrd: every goal with a target has at least one recorded result.
    5 Optimerande: at least one activity is klar with an observed effect, tied to a goal.

    `has_owner` and `has_leader` come from the context (inherited and implied roles count).
    """
    checks: list[tuple[str, ...]] = [
        tuple(
            key
            for key, ok in (
                ("owner", has_owner),
                ("leader", has_leader),
                ("purpose", bool(model.purpose.strip())),
                ("recipients", bool(model.recipients)),
            )
            if not ok
        ),
        tuple(
            key
            for key, ok in (
                ("goals", any(g.target is not None for g in model.goals)),
                (
                    "follow_up",
                    bool(model.goals)
                    and all(
                        g.follow_up is not None
                        and g.follow_up.frequency is not None
                        and g.follow_up.responsible is not None
                        and g.follow_up.reported_to is not None
                        for g in model.goals
                    ),
                ),
            )
            if not ok
        ),
        ()
        if any(g.target is not None for g in model.goals)
        and all(g.results for g in model.goals if g.target is not None)
        else ("results",),
        ()
        if any(a.status == "klar" and a.effect and a.goals for a in model.activities)
        else ("effect",),
    ]
    level = 1
    for missing in checks:
        if missing:
            return Maturity(level, missing)
        level += 1
    return Maturity(level, ())
