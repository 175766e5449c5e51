"""PS701–PS713: the processkarta, the flow of one process.

Sources: Örebro Begreppsdefinitioner (översiktlig and detaljerad processkarta), Steg 4 ("Processkartan
visar i ett flöde vem som gör vad och vilka beslut som tas eller val som görs på vägen för att
leverera ett visst resultat"; the basis for "ledtidsanalyser, riskanalyser och kravanalyser") and
Steg 6; Botkyrka 1.2.4 (processes of delprocesser and aktiviteter with roles, systems and documents)
and Bilaga 1 (the processägare fastställer processkartor).

The graph checks (PS703, PS704) walk the map breadth first, forwards from the starts and backwards
from the ends, so they stay linear in the size of the map; the graph of each map is built once per
check run and shared by the rules.
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterator

from procspec.checking import swedish
from procspec.checking.flowanalysis import RISK_THRESHOLD
from procspec.checking.flowgraph import (
    FlowGraph,
    graph_of,
    leads_to,
    parse_duration,
    reachable,
    targets,
)
from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, rule
from procspec.messages import Text, say
from procspec.problem import Problem, Severity
from procspec.reading.documents import KeyPath
from procspec.reading.model import Process
from procspec.reading.repository import ProcessRecord

SOURCE = "Örebro Steg 4 (Beskriva nuläget) och Begreppsdefinitioner: Detaljerad processkarta"
SOURCE_KRAV = "Örebro Steg 5: Lite om kravanalys; Steg 4 och Steg 6: kravanalyser"
SOURCE_RISK = "Örebro Steg 4 och Steg 6: riskanalyser"
SOURCE_BOTKYRKA = "Botkyrka 1.2.4 (delprocesser och aktiviteter, roller, system och dokument)"


MAP = "processkarta"


def _graph(ctx: Context, record: ProcessRecord, model: Process) -> FlowGraph:
    """The graph of a process's map, built once per check run (every graph rule asks)."""
    assert model.flow_map is not None
    return graph_of(ctx.memo, record.rel, model.flow_map)


def _maps(ctx: Context) -> Iterator[tuple[ProcessRecord, Process, FlowGraph]]:
    for record, model in ctx.processes():
        if model.flow_map is not None:
            yield record, model, _graph(ctx, record, model)


def _at(graph: FlowGraph, node: int, *rest: str | int) -> KeyPath:
    """The key path of an activity (or of a key inside it) in the process file."""
    step, index = graph.position(node)
    return (MAP, "processteg", step, "aktiviteter", index, *rest)


def _hint(ctx: Context, wanted: str, known: list[str]) -> Text:
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
    return say("schema.did_you_mean", suggestion=close[0]) if close else ""


def _listed(ctx: Context, items: list[str], none_key: str, limit: int = 12) -> Text:
    if not items:
        return say(none_key)
    shown = ", ".join(items[:limit])
    return shown + (", …" if len(items) > limit else "")


EXAMPLE_ACTORS = "  aktörer:\n    - {id: handläggare, namn: Handläggare}\n"
EXAMPLE_STEP = "  processteg:\n    - id: ta-emot\n      namn: Ta emot ansökan\n      aktiviteter:\n"


def _example(*activities: str, actors: str = EXAMPLE_ACTORS) -> str:
    lines = "".join(f"        - {a}\n" for a in activities)
    return "processkarta:\n" + actors + EXAMPLE_STEP + lines


START = "{id: inkommer, typ: start, namn: Ansökan inkommer, aktör: handläggare, nästa: registrera}"
END = "{id: klar, typ: slut, namn: Ansökan registrerad, aktör: handläggare}"
GOOD = _example(
    START, "{id: registrera, namn: Registrera ansökan, aktör: handläggare, nästa: klar}", END
)


@rule(
    "PS701",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE,
    bad=_example(
        START, "{id: registrera, namn: Registrera ansökan, aktör: handläggare, nästa: slut}", END
    ),
    good=GOOD,
)
def known_targets(ctx: Context) -> Iterator[Problem]:
    """Varje `nästa` och varje vals `nästa` ska vara id:t för en aktivitet i samma
    processkarta (aktiviteternas id är gemensamma för alla processteg, så flödet kan gå vidare
    till nästa steg). Ett stavfel bryter flödet: kartan visar en pil ut i tomma intet."""
    for record, _, graph in _maps(ctx):
        known: list[str] | None = None
        for node, activity in enumerate(graph.activities):
            for target, _, path in targets(activity):
                if target not in graph.index:
                    known = known if known is not None else sorted(graph.index)
                    key = "nästa" if path[0] == "nästa" else "val.nästa"
                    yield ctx.problem(
                        "PS701",
                        record,
                        _at(graph, node, *path),
                        "PS701",
                        on_key=False,
                        id=activity.id,
                        key=key,
                        target=target,
                        hint=_hint(ctx, target, known),
                    )


@rule(
    "PS702",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE + ": starthändelse och resultat",
    bad=_example(
        "{id: registrera, namn: Registrera ansökan, aktör: handläggare, nästa: klar}", END
    ),
    good=GOOD,
)
def start_and_end(ctx: Context) -> Iterator[Problem]:
    """En detaljerad processkarta börjar i en starthändelse (ett behov eller en händelse) och
    slutar i ett resultat, precis som processen själv har `starthändelse` och `sluthändelse`.
    En karta med aktiviteter ska därför ha minst en aktivitet med `typ: start` och minst en
    med `typ: slut`. En översiktlig karta med bara processteg behöver inga."""
    for record, _, graph in _maps(ctx):
        if graph.size == 0:
            continue
        kinds = {activity.kind for activity in graph.activities}
        if "start" not in kinds:
            yield ctx.problem("PS702", record, (MAP, "processteg"), "PS702.start")
        if "slut" not in kinds:
            yield ctx.problem("PS702", record, (MAP, "processteg"), "PS702.end")


@rule(
    "PS703",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE,
    bad=_example(
        "{id: inkommer, typ: start, namn: Ansökan inkommer, aktör: handläggare, nästa: klar}",
        "{id: registrera, namn: Registrera ansökan, aktör: handläggare, nästa: klar}",
        END,
    ),
    good=GOOD,
)
def reachable_from_start(ctx: Context) -> Iterator[Problem]:
    """Processkartan visar ett flöde som leder till ett resultat: varje aktivitet ska gå att nå
    från en start genom `nästa` och `val`. En aktivitet som ingen pekar på hör inte till flödet;
    oftast saknas en `nästa` någonstans före den."""
    for record, _, graph in _maps(ctx):
        starts = graph.starts()
        if not starts:
            continue  # PS702
        seen = reachable(graph, starts)
        for node, activity in enumerate(graph.activities):
            if not seen[node]:
                yield ctx.problem("PS703", record, _at(graph, node, "id"), "PS703", id=activity.id)


@rule(
    "PS704",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE,
    bad=_example(
        START,
        "{id: registrera, namn: Registrera ansökan, aktör: handläggare}",
        END,
    ),
    good=GOOD,
)
def end_reachable(ctx: Context) -> Iterator[Problem]:
    """Från varje aktivitet ska flödet kunna nå ett slut: en aktivitet utan `nästa` som inte
    är ett slut är en återvändsgränd, och en slinga (till exempel "komplettera ansökan" och
    tillbaka) behöver minst en väg ut. Meddelandet säger var vägen tar stopp."""
    for record, _, graph in _maps(ctx):
        ends = graph.ends()
        if not ends:
            continue  # PS702
        before = graph.predecessors()
        done = leads_to(graph, ends, before)
        dead_ends = [
            node
            for node in range(graph.size)
            if not done[node] and not graph.edges[node] and graph.activities[node].kind != "slut"
        ]
        named_unknown = {node for node in dead_ends if targets(graph.activities[node])}
        # The dead end each stuck activity leads to, found backwards from the dead ends.
        witness: dict[int, int] = {}
        queue: deque[int] = deque()
        for node in dead_ends:
            witness[node] = node
            queue.append(node)
        while queue:
            node = queue.popleft()
            for source in before[node]:
                if not done[source] and source not in witness:
                    witness[source] = witness[node]
                    queue.append(source)
        for node, activity in enumerate(graph.activities):
            if done[node]:
                continue
            stop = witness.get(node)
            if stop == node and node in named_unknown:
                continue  # its targets are unknown: PS701 says so
            if stop == node:
                yield ctx.problem(
                    "PS704", record, _at(graph, node, "id"), "PS704.dead_end", id=activity.id
                )
            elif stop is not None:
                key = "nästa" if activity.next else "val"
                yield ctx.problem(
                    "PS704",
                    record,
                    _at(graph, node, key),
                    "PS704.to_dead_end",
                    id=activity.id,
                    dead_end=graph.activities[stop].id,
                )
            else:
                key = "nästa" if activity.next else "val"
                yield ctx.problem(
                    "PS704", record, _at(graph, node, key), "PS704.loop", id=activity.id
                )


@rule(
    "PS705",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE + ": val och beslut",
    bad=_example(
        START.replace("registrera", "komplett"),
        "{id: komplett, typ: beslut, namn: Är ansökan komplett?, aktör: handläggare, "
        "val: [{om: Ja, nästa: klar}]}",
        END,
    ),
    good=_example(
        START.replace("registrera", "komplett"),
        "{id: komplett, typ: beslut, namn: Är ansökan komplett?, aktör: handläggare, "
        "val: [{om: Ja, nästa: klar}, {om: Nej, nästa: begära}]}",
        "{id: begära, namn: Begära komplettering, aktör: handläggare, nästa: komplett}",
        END,
    ),
)
def decision_shape(ctx: Context) -> Iterator[Problem]:
    """Ett beslut (ett val eller beslut i processkartan) har minst två utgångar, var och en ett
    `val` med sitt svar (`om`) och sin `nästa`. Andra aktiviteter har inga `val`, ett beslut har
    ingen lös `nästa`, ett slut leder ingenstans, och ingen aktivitet pekar på sig själv (ett
    moment som upprepas är ett beslut med ett val tillbaka)."""
    for record, _, graph in _maps(ctx):
        for node, activity in enumerate(graph.activities):
            if activity.kind == "beslut":
                if len(activity.choices) < 2:
                    at = "val" if activity.choices else "typ"
                    yield ctx.problem(
                        "PS705",
                        record,
                        _at(graph, node, at),
                        "PS705.few_choices",
                        count=len(activity.choices),
                        id=activity.id,
                        kind=activity.kind,
                    )
                if activity.next:
                    yield ctx.problem(
                        "PS705",
                        record,
                        _at(graph, node, "nästa"),
                        "PS705.next_on_decision",
                        id=activity.id,
                        kind=activity.kind,
                    )
            elif activity.choices:
                yield ctx.problem(
                    "PS705",
                    record,
                    _at(graph, node, "val"),
                    "PS705.choices_elsewhere",
                    id=activity.id,
                    kind=activity.kind,
                )
            if activity.kind == "slut" and activity.next:
                yield ctx.problem(
                    "PS705", record, _at(graph, node, "nästa"), "PS705.next_on_end", id=activity.id
                )
            for target, _, path in targets(activity):
                if target == activity.id:
                    yield ctx.problem(
                        "PS705",
                        record,
                        _at(graph, node, *path),
                        "PS705.self",
                        on_key=False,
                        key="nästa" if path[0] == "nästa" else "val.nästa",
                        id=activity.id,
                        kind=activity.kind,
                    )


NEEDS_ACTOR = ("aktivitet", "beslut", "delprocess")
"""Kinds that say who does them; start and end events may take the lane of their neighbour."""


@rule(
    "PS706",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE + ": vem det är som gör vad",
    bad=_example(START, "{id: registrera, namn: Registrera ansökan, nästa: klar}", END),
    good=GOOD,
)
def actor_known(ctx: Context) -> Iterator[Problem]:
    """Den detaljerade processkartan visar vem som gör vad: varje aktivitet, beslut och delprocess
    anger sin `aktör`, id:t för en av kartans `aktörer` (kartans simbanor). Start- och
    sluthändelser får ange en aktör; utan aktör ritas de i grannaktivitetens bana."""
    for record, model, graph in _maps(ctx):
        assert model.flow_map is not None
        actors = [actor.id for actor in model.flow_map.actors]
        known = set(actors)
        shown = _listed(ctx, actors, "PS706.none")
        for node, activity in enumerate(graph.activities):
            if activity.actor is None:
                if activity.kind in NEEDS_ACTOR:
                    yield ctx.problem(
                        "PS706",
                        record,
                        _at(graph, node, "id"),
                        "PS706.missing",
                        id=activity.id,
                        actors=shown,
                    )
            elif activity.actor not in known:
                yield ctx.problem(
                    "PS706",
                    record,
                    _at(graph, node, "aktör"),
                    "PS706.unknown",
                    on_key=False,
                    id=activity.id,
                    actor=activity.actor,
                    actors=shown,
                    hint=_hint(ctx, activity.actor, actors),
                )


@rule(
    "PS707",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE_BOTKYRKA + "; Örebro Begreppsdefinitioner: processkartor på olika nivåer",
    bad=_example(
        START,
        "{id: registrera, typ: delprocess, process: registrera-ärenden, aktör: handläggare, "
        "nästa: klar}",
        END,
    ),
    good=_example(
        START,
        "{id: registrera, typ: delprocess, process: registrera-ärende, aktör: handläggare, "
        "nästa: klar}",
        END,
    ),
)
def subprocess_known(ctx: Context) -> Iterator[Problem]:
    """En delprocess i kartan är en egen process med egen specifikation, så att kartorna
    tillsammans visar hur processerna hänger ihop. `process` ska vara id:t för en process i
    förrådet (filnamnet utan .yaml); kartan länkar dit."""
    for record, _, graph in _maps(ctx):
        for node, activity in enumerate(graph.activities):
            if activity.kind != "delprocess":
                continue
            if activity.process is None:
                yield ctx.problem(
                    "PS707", record, _at(graph, node, "typ"), "PS707.missing", id=activity.id
                )
            elif activity.process not in ctx.ids:
                yield ctx.problem(
                    "PS707",
                    record,
                    _at(graph, node, "process"),
                    "PS707.unknown",
                    on_key=False,
                    id=activity.id,
                    ref=activity.process,
                    hint=ctx.did_you_mean(activity.process),
                )


@rule(
    "PS708",
    Severity.WARNING,
    scope=FILE,
    source="Örebro, Att namnge processer; Steg 4: vem som gör vad",
    bad=_example(
        START, "{id: registrera, namn: Registrering, aktör: handläggare, nästa: klar}", END
    ),
    good=GOOD,
)
def activity_verb(ctx: Context) -> Iterator[Problem]:
    """En aktivitet säger vad någon gör, så dess namn börjar som en process med ett verb i
    infinitiv: "Registrera ansökan", inte "Registrering" eller "Ansökan". Start- och
    sluthändelser (händelser, "Ansökan inkommer") och beslutens frågor ("Är ansökan komplett?")
    är undantagna, liksom en delprocess utan eget namn (den heter som sin process)."""
    for record, _, graph in _maps(ctx):
        for node, activity in enumerate(graph.activities):
            if activity.kind not in ("aktivitet", "delprocess") or activity.name is None:
                continue
            found = swedish.check_name(activity.name)
            if found is None or found.code not in ("PS101", "PS102"):
                continue  # a verb in the infinitive first (a bare verb is fine for an activity)
            suggestion = (
                say("PS708.suggestion", suggestion=found.suggestion)
                if found.suggestion
                else say("PS708.example")
            )
            yield ctx.problem(
                "PS708",
                record,
                _at(graph, node, "namn"),
                "PS708",
                on_key=False,
                id=activity.id,
                name=activity.name,
                suggestion=suggestion,
            )


@rule(
    "PS709",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE + ": objekt till aktiviteterna, t.ex. rutindokument eller mallar",
    bad="krav:\n  - {id: K1, typ: lagkrav, beskrivning: Ansökan diarieförs.}\n"
    + _example(
        START,
        "{id: registrera, namn: Registrera ansökan, aktör: handläggare, krav: [K2], nästa: klar}",
        END,
    ),
    good="krav:\n  - {id: K1, typ: lagkrav, beskrivning: Ansökan diarieförs.}\n"
    + _example(
        START,
        "{id: registrera, namn: Registrera ansökan, aktör: handläggare, krav: [K1], nästa: klar}",
        END,
    ),
)
def known_requirements_and_documents(ctx: Context) -> Iterator[Problem]:
    """I den detaljerade kartan knyts dokument (rutiner, mallar) och krav till aktiviteterna. En
    aktivitets `krav` anger id:n ur filens `krav`, och dess `dokument` titlar ur filens `dokument`,
    så att varje hänvisning går att följa."""
    for record, model, graph in _maps(ctx):
        krav = [r.id for r in model.requirements if r.id is not None]
        titles = [d.title for d in model.documents]
        krav_set, title_set = set(krav), set(titles)
        for node, activity in enumerate(graph.activities):
            for k, ref in enumerate(activity.requirements):
                if ref not in krav_set:
                    yield ctx.problem(
                        "PS709",
                        record,
                        _at(graph, node, "krav", k),
                        "PS709.krav",
                        on_key=False,
                        id=activity.id,
                        ref=ref,
                        known=_listed(ctx, krav, "PS709.none"),
                        hint=_hint(ctx, ref, krav),
                    )
            for d, ref in enumerate(activity.documents):
                if ref not in title_set:
                    yield ctx.problem(
                        "PS709",
                        record,
                        _at(graph, node, "dokument", d),
                        "PS709.dokument",
                        on_key=False,
                        id=activity.id,
                        ref=ref,
                        known=_listed(ctx, titles, "PS709.none", limit=6),
                        hint=_hint(ctx, ref, titles),
                    )


@rule(
    "PS710",
    Severity.WARNING,
    scope=FILE,
    source=SOURCE_KRAV,
    bad="krav:\n  - {id: K1, typ: lagkrav, beskrivning: Ansökan diarieförs., kritiskt: true}\n"
    + GOOD,
    good="krav:\n  - {id: K1, typ: lagkrav, beskrivning: Ansökan diarieförs., kritiskt: true}\n"
    + _example(
        START,
        "{id: registrera, namn: Registrera ansökan, aktör: handläggare, krav: [K1], nästa: klar}",
        END,
    ),
)
def critical_requirements_met(ctx: Context) -> Iterator[Problem]:
    """Kravanalysen relaterar kraven till processens aktiviteter, beslut, aktörer och resultat. Ett
    krav med `kritiskt: true` som ingen aktivitet i processkartan anger under `krav` är inte
    omhändertaget i flödet. Regeln gäller bara processer vars karta har aktiviteter."""
    for record, model, graph in _maps(ctx):
        if graph.size == 0:
            continue
        met = {ref for activity in graph.activities for ref in activity.requirements}
        for k, requirement in enumerate(model.requirements):
            if not requirement.critical:
                continue
            if requirement.id is None:
                yield ctx.problem(
                    "PS710",
                    record,
                    ("krav", k, "kritiskt"),
                    "PS710.no_id",
                    krav=_short(requirement.description),
                    number=k + 1,
                )
            elif requirement.id not in met:
                yield ctx.problem(
                    "PS710", record, ("krav", k, "kritiskt"), "PS710", krav=requirement.id
                )


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


RISK_BAD = _example(
    START,
    "{id: registrera, namn: Registrera ansökan, aktör: handläggare, nästa: klar, risker: "
    "[{beskrivning: Fel fastighet, sannolikhet: 3, konsekvens: 3}]}",
    END,
)


@rule(
    "PS711",
    Severity.WARNING,
    scope=FILE,
    source=SOURCE_RISK,
    bad=RISK_BAD,
    good=RISK_BAD.replace(
        "konsekvens: 3}", "konsekvens: 3, åtgärd: Kontroll mot fastighetsregistret}"
    ),
)
def high_risk_measure(ctx: Context) -> Iterator[Problem]:
    """Riskanalysen i processkartan visar var i processen det finns risker. En risk vars
    sannolikhet × konsekvens (vardera 1–4) når gränsen 9 (båda minst 3: sannolik och allvarlig) ska
    ha en `åtgärd`. Gränsen är fast; en organisation som vill annat stänger av regeln med `regler:
    {PS711: off}` eller ändrar dess allvar."""
    for record, _, graph in _maps(ctx):
        for node, activity in enumerate(graph.activities):
            for r, risk in enumerate(activity.risks):
                score = risk.likelihood * risk.consequence
                if score >= RISK_THRESHOLD and risk.measure is None:
                    yield ctx.problem(
                        "PS711",
                        record,
                        _at(graph, node, "risker", r),
                        "PS711",
                        on_key=False,
                        id=activity.id,
                        risk=_short(risk.description),
                        likelihood=risk.likelihood,
                        consequence=risk.consequence,
                        score=score,
                        threshold=RISK_THRESHOLD,
                    )


@rule(
    "PS712",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE + ": ledtidsanalyser",
    bad=_example(
        START,
        "{id: registrera, namn: Registrera ansökan, aktör: handläggare, ledtid: en dag, "
        "nästa: klar}",
        END,
    ),
    good=_example(
        START,
        '{id: registrera, namn: Registrera ansökan, aktör: handläggare, ledtid: "0,5 dag", '
        "väntetid: 3 dagar, nästa: klar}",
        END,
    ),
)
def durations(ctx: Context) -> Iterator[Problem]:
    """Ledtidsanalysen (var finns flaskhalsarna?) räknar ihop `ledtid` (arbetstid i aktiviteten)
    och `väntetid` (tid som ärendet väntar efteråt). Skriv ett tal och en enhet: `minut`/`minuter`,
    `timme`/`timmar`, `dag`/`dagar` eller `vecka`/`veckor`, med decimalkomma eller decimalpunkt
    (`0,5 dag`). Tiderna är arbetstid: en dag är 8 timmar och en vecka 5 dagar."""
    for record, _, graph in _maps(ctx):
        for node, activity in enumerate(graph.activities):
            for key, value in (("ledtid", activity.lead_time), ("väntetid", activity.wait_time)):
                if value is not None and parse_duration(value) is None:
                    yield ctx.problem(
                        "PS712",
                        record,
                        _at(graph, node, key),
                        "PS712",
                        on_key=False,
                        id=activity.id,
                        key=key,
                        value=_short(value),
                    )


@rule(
    "PS713",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE,
    bad=_example(
        START,
        "{id: registrera, namn: Registrera ansökan, aktör: handläggare, nästa: klar}",
        "{id: registrera, namn: Skanna ansökan, aktör: handläggare, nästa: klar}",
        END,
    ),
    good=_example(
        START,
        "{id: registrera, namn: Registrera ansökan, aktör: handläggare, nästa: skanna}",
        "{id: skanna, namn: Skanna ansökan, aktör: handläggare, nästa: klar}",
        END,
    ),
)
def unique_ids(ctx: Context) -> Iterator[Problem]:
    """Aktörer, processteg och aktiviteter pekas ut med sina id (`aktör`, `nästa`, `val`), så
    varje id ska vara unikt bland aktörerna, bland processtegen och bland aktiviteterna i filen
    (aktiviteternas id gäller över alla processteg)."""
    for record, model in ctx.processes():
        flow_map = model.flow_map
        if flow_map is None:
            continue
        groups: list[tuple[str, list[tuple[str, KeyPath]]]] = [
            ("aktör", [(a.id, (MAP, "aktörer", i, "id")) for i, a in enumerate(flow_map.actors)]),
            (
                "processteg",
                [(s.id, (MAP, "processteg", i, "id")) for i, s in enumerate(flow_map.steps)],
            ),
            (
                "aktivitet",
                [
                    (a.id, (MAP, "processteg", s, "aktiviteter", i, "id"))
                    for s, step in enumerate(flow_map.steps)
                    for i, a in enumerate(step.activities)
                ],
            ),
        ]
        for kind, ids in groups:
            first: dict[str, KeyPath] = {}
            for ident, path in ids:
                if ident in first:
                    yield ctx.problem(
                        "PS713",
                        record,
                        path,
                        "PS713",
                        on_key=False,
                        id=ident,
                        kinds=say(f"PS713.{kind}"),
                        line=record.doc.key_pos(first[ident]).line,
                    )
                else:
                    first[ident] = path
