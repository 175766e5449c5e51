"""PS604: the approval's own term — a decided document states until when it applies.

Source: the metadata block of Botkyrka's guideline ("Dokumentet gäller till den"), and Botkyrka
Bilaga 1 (the processägare fastställer). Unlike PS601–PS603 it needs no git history.
"""

from __future__ import annotations

from collections.abc import Iterator

from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, rule
from procspec.problem import Problem, Severity


@rule(
    "PS604",
    Severity.WARNING,
    scope=FILE,
    source='Botkyrka: dokumentets metadata ("gäller till den"); Botkyrka Bilaga 1 '
    "(processägaren fastställer)",
    bad="fastställd:\n  av: anna.berg\n  datum: 2024-03-01\n  gäller_till: 2025-12-31\n",
    good="fastställd:\n  av: anna.berg\n  datum: 2026-03-01\n  gäller_till: 2027-12-31\n",
)
def approval_expired(ctx: Context) -> Iterator[Problem]:
    """Ett beslutat dokument säger vem som beslutade det, när, och hur länge det gäller. När dagen
    i `fastställd.gäller_till` har passerat gäller fastställelsen inte längre: processägaren
    behöver fastställa dokumentationen på nytt (och skriva ett nytt `datum` och `gäller_till`),
    eller förlänga beslutet. Regeln behöver ingen git-historik."""
    for record, model in ctx.processes():
        approved = model.approved
        if approved is None or approved.valid_until is None:
            continue
        if approved.valid_until < ctx.today:
            yield ctx.problem(
                "PS604",
                record,
                ("fastställd", "gäller_till"),
                "PS604",
                on_key=False,
                until=approved.valid_until.isoformat(),
                approved=approved.date.isoformat(),
            )
