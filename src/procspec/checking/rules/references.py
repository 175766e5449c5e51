"""PS301–PS306: references between processes and the hierarchy.

Sources: Örebro Begreppsdefinitioner (delprocesser, gränssnitt) and Bilaga 1 (Delprocesser,
Angränsande processer); Botkyrka 1.2.4 (levels 0–3 and further breakdowns).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, REPOSITORY, rule
from procspec.messages import Text, say
from procspec.problem import Problem, Severity
from procspec.reading.slug import skeleton


def _suggest(ctx: Context, ref: str, folded: dict[str, str]) -> Text:
    if not folded:
        folded.update((skeleton(pid), pid) for pid in sorted(ctx.ids, reverse=True))
    if skeleton(ref) in folded:
        return say("schema.did_you_mean", suggestion=folded[skeleton(ref)])
    close = difflib.get_close_matches(ref, sorted(ctx.ids), n=1, cutoff=0.75)
    return say("schema.did_you_mean", suggestion=close[0]) if close else ""


@rule(
    "PS301",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Bilaga 1 (angränsande processer) och Begreppsdefinitioner (delprocesser); referenser använder id",
    bad="överordnad: mota-behov-av-livslangt-larande\n",
    good="överordnad: möta-behov-av-livslångt-lärande\n",
)
def unknown_reference(ctx: Context) -> Iterator[Problem]:
    """`överordnad` och `angränsande` ska peka på processer som finns, med deras id (filnamnet
    utan .yaml). Ett id som bara skiljer sig i stora bokstäver eller å/a föreslås."""
    folded: dict[str, str] = {}
    for record, model in ctx.processes():
        if model.parent is not None and model.parent not in ctx.ids:
            yield ctx.problem(
                "PS301",
                record,
                ("överordnad",),
                "PS301",
                on_key=False,
                ref=model.parent,
                key="överordnad",
                hint=_suggest(ctx, model.parent, folded),
            )
        for i, adjacent in enumerate(model.adjacent):
            if adjacent.process not in ctx.ids:
                yield ctx.problem(
                    "PS301",
                    record,
                    ("angränsande", i),
                    "PS301",
                    on_key=False,
                    ref=adjacent.process,
                    key="angränsande",
                    hint=_suggest(ctx, adjacent.process, folded),
                )


@rule(
    "PS302",
    Severity.ERROR,
    scope=REPOSITORY,
    source="Örebro Begreppsdefinitioner: delprocesser är underordnade en specifik process",
    bad="# a.yaml\növerordnad: b\n# b.yaml\növerordnad: a\n",
    good="# a.yaml\n# (ingen överordnad)\n# b.yaml\növerordnad: a\n",
)
def parent_cycle(ctx: Context) -> Iterator[Problem]:
    """Kedjan av överordnade processer får inte leda tillbaka till processen själv."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[str] = set()
    for start in list(ctx.facts):
        path: list[str] = []
        current: str | None = start
        while current is not None and current in ctx.facts and state.get(current) != 2:
            if state.get(current) == 1:
                cycle = path[path.index(current) :]
                for pid in cycle:
                    if pid not in reported:
                        reported.add(pid)
                        ring = " → ".join(
                            [*cycle[cycle.index(pid) :], *cycle[: cycle.index(pid)], pid]
                        )
                        yield ctx.problem_in(
                            "PS302",
                            ctx.facts[pid],
                            ("överordnad",),
                            "PS302",
                            on_key=False,
                            cycle=ring,
                        )
                break
            state[current] = 1
            path.append(current)
            current = ctx.facts[current].parent
        for pid in path:
            state[pid] = 2


@rule(
    "PS303",
    Severity.ERROR,
    scope=FILE,
    source="Botkyrka 1.2.4 (processnivåer)",
    bad="nivå: 3\növerordnad: en-process-på-nivå-1\n",
    good="nivå: 2\növerordnad: en-process-på-nivå-1\n",
)
def level_step(ctx: Context) -> Iterator[Problem]:
    """En delprocess ligger en nivå under sin överordnade process."""
    for record, model in ctx.processes():
        parent = ctx.parent(record.id)
        if model.level is None or parent is None or record.id in ctx.chain(parent.id):
            continue
        parent_level = ctx.level(parent.id)
        if model.level != parent_level + 1:
            yield ctx.problem(
                "PS303",
                record,
                ("nivå",),
                "PS303",
                on_key=False,
                level=model.level,
                parent=parent.id,
                parent_level=parent_level,
                expected=parent_level + 1,
            )


@rule(
    "PS304",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Begreppsdefinitioner; Botkyrka 1.2.4 (verksamhetsprocesser under varje "
    "processgrupp)",
    bad="typ: styrprocess\növerordnad: en-stödprocess\n",
    good="typ: stödprocess\növerordnad: en-stödprocess\n",
)
def type_matches_parent(ctx: Context) -> Iterator[Problem]:
    """En delprocess bidrar till sin överordnade process leverans och är av samma typ: under en
    stödprocess ligger stödprocesser."""
    for record, model in ctx.processes():
        parent = ctx.parent(record.id)
        if parent is None or parent.kind == model.kind:
            continue
        yield ctx.problem(
            "PS304",
            record,
            ("typ",),
            "PS304",
            on_key=False,
            kind=model.kind,
            parent_kind=parent.kind,
            parent=parent.id,
        )


@rule(
    "PS305",
    Severity.WARNING,
    scope=REPOSITORY,
    source="Örebro Steg 5 och Begreppsdefinitioner (gränssnitt: processledarna kommer överens)",
    bad="# a.yaml\nangränsande: [b]\n# b.yaml (nämner inte a)\n",
    good="# a.yaml\nangränsande: [b]\n# b.yaml\nangränsande: [a]\n",
)
def one_sided_adjacency(ctx: Context) -> Iterator[Problem]:
    """Ett gränssnitt har två sidor: processledarna för båda processerna ska komma överens om
    hur det fungerar. Om A anger B som angränsande ska B ange A."""
    readable = ctx.readable()
    names = {facts.id: set(facts.adjacent) for facts in readable}
    for facts in readable:
        for i, other in enumerate(facts.adjacent):
            if other in names and facts.id not in names[other] and other != facts.id:
                yield ctx.problem_in(
                    "PS305",
                    facts,
                    ("angränsande", i),
                    "PS305",
                    on_key=False,
                    other=other,
                    me=facts.id,
                    other_file=ctx.facts[other].rel,
                )


@rule(
    "PS306",
    Severity.ERROR,
    scope=FILE,
    source="Botkyrka 1.2.4; Örebro Begreppsdefinitioner (delprocesser)",
    bad="nivå: 2\n",
    good="nivå: 2\növerordnad: möta-behov-av-livslångt-lärande\n",
)
def parent_required(ctx: Context) -> Iterator[Problem]:
    """En process under toppnivån (nivå 1) är en delprocess och ska ange sin överordnade process."""
    for record, model in ctx.processes():
        if model.parent is None and model.level is not None and model.level > 1:
            yield ctx.problem("PS306", record, ("nivå",), "PS306", level=model.level)
