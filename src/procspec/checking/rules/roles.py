"""PS201–PS212: roles and the roster.

Sources: Örebro Steg 2–3 (one processägare per process; the owner holds the processledare role
when none is appointed); Botkyrka 2.3–2.5, Tabell 1 and Tabell 2.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from procspec.checking.facts import Facts
from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, REPOSITORY, rule
from procspec.messages import Text, say
from procspec.problem import Problem, Severity
from procspec.reading.documents import KeyPath
from procspec.reading.model import Process


def _person_refs(model: Process) -> Iterator[tuple[KeyPath, str]]:
    """Every place a process names a person by key."""
    for i, key in enumerate(model.owners or []):
        yield (("processägare", i) if len(model.owners or []) > 1 else ("processägare",)), key
    if model.responsible:
        yield ("processansvarig",), model.responsible
    if model.leader:
        yield ("processledare",), model.leader
    for i, key in enumerate(model.team):
        yield ("processteam", i), key
    if model.support:
        for alias, supporter in (
            ("processhandledare", model.support.facilitator),
            ("processkommunikatör", model.support.communicator),
            ("processcontroller", model.support.controller),
        ):
            if supporter:
                yield ("processtöd", alias), supporter
    for g, goal in enumerate(model.goals):
        if goal.follow_up and goal.follow_up.responsible:
            yield ("mål", g, "uppföljning", "ansvarig"), goal.follow_up.responsible
    for a, activity in enumerate(model.activities):
        yield ("aktiviteter", a, "ansvarig"), activity.responsible
    if model.reviewed:
        yield ("granskad", "av"), model.reviewed.by
    if model.approved:
        yield ("fastställd", "av"), model.approved.by


@rule(
    "PS201",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Steg 2 (en process ska bara ha en processägare); Botkyrka Tabell 2",
    bad="processägare: [anna.berg, bo.ek]\n",
    good="processägare: anna.berg\n",
)
def owner_count(ctx: Context) -> Iterator[Problem]:
    """Profilen anger högsta antalet processägare per nivå (`max_ägare`); fler är ett fel. Där
    profilen tillåter två men en är det vanliga (`ägare_normalt`), varnar PS211 för två."""
    profile = ctx.repo.profile
    for record, model in ctx.processes():
        owners = model.owners or []
        level = ctx.level(record.id)
        limit = profile.rule_for(level).max_owners
        if len(owners) > limit:
            max_text = say("PS201.one" if limit == 1 else "PS201.many", max=limit)
            yield ctx.problem(
                "PS201",
                record,
                ("processägare",),
                "PS201",
                count=len(owners),
                profile=profile.name,
                max=limit,
                level=level,
                max_text=max_text,
            )


@rule(
    "PS202",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Steg 2; Botkyrka 2.3 och 2.4",
    bad="nivå: 2\növerordnad: möta-behov-av-livslångt-lärande\n",
    good="nivå: 2\növerordnad: möta-behov-av-livslångt-lärande\nprocessansvarig: cecilia.dahl\n",
)
def required_role(ctx: Context) -> Iterator[Problem]:
    """Varje process ska ha ett bemannat och känt ägarskap. Profilen anger vilka roller varje nivå
    kräver (`kräver`); på lägre nivåer ärvs rollerna när de inte anges (`ärver`)."""
    profile = ctx.repo.profile
    for record, _model in ctx.processes():
        level = ctx.level(record.id)
        for role in profile.rule_for(level).requires:
            holders, _ = ctx.role(record.id, role)
            if not holders:
                # An empty key (`processägare:`) is pointed at; a missing one at the file.
                empty = (role,) in record.doc.keys
                yield ctx.problem(
                    "PS202",
                    record,
                    (role,) if empty else (),
                    "PS202.empty" if empty else "PS202",
                    role=role,
                    profile=profile.name,
                    level=level,
                )


@rule(
    "PS203",
    Severity.ERROR,
    scope=FILE,
    source="Botkyrka 2.3 (processägaren på nivå 1 äger hela processen)",
    bad="nivå: 2\növerordnad: möta-behov-av-livslångt-lärande\nprocessägare: bo.ek\n",
    good="nivå: 2\növerordnad: möta-behov-av-livslångt-lärande\n",
)
def locked_role(ctx: Context) -> Iterator[Problem]:
    """Där profilen låser en ärvd roll (`låsta`), till exempel processägaren på nivå 1 som äger
    hela processen, motsäger en process längre ned som anger en annan person i rollen än den
    överordnade processen det ärvda ansvaret."""
    profile = ctx.repo.profile
    for record, model in ctx.processes():
        parent = ctx.parent(record.id)
        if parent is None:
            continue
        for role in profile.rule_for(ctx.level(record.id)).locked:
            own = ctx._own(model, role)
            inherited, _ = ctx.role(parent.id, role)
            if own and inherited and sorted(own) != sorted(inherited):
                yield ctx.problem(
                    "PS203",
                    record,
                    (role,),
                    "PS203",
                    role=role,
                    named=", ".join(ctx.person(k) for k in own),
                    inherited=", ".join(ctx.person(k) for k in inherited),
                    parent=parent.id,
                )


@rule(
    "PS204",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Bilaga 1: namn och e-postadress för varje roll, i personer.yaml",
    bad="processägare: anna.bergg\n",
    good="processägare: anna.berg\n",
)
def unknown_person(ctx: Context) -> Iterator[Problem]:
    """Varje person som en specifikation nämner anges med sin nyckel i personer.yaml, där namn och
    e-postadress står på ett ställe."""
    import difflib

    keys: list[str] = []  # sorted once a key is unknown
    for record, model in ctx.processes():
        for at, key in _person_refs(model):
            if key in ctx.roster:
                continue
            line = ctx.invalid_entry(key)
            if line is not None:
                yield ctx.problem("PS204", record, at, "PS204.broken", on_key=False, key=key,
                                  line=line)  # fmt: skip
            else:
                keys = keys or sorted(ctx.roster)
                close = difflib.get_close_matches(key, keys, n=1, cutoff=0.7)
                hint = say("schema.did_you_mean", suggestion=close[0]) if close else ""
                yield ctx.problem("PS204", record, at, "PS204", on_key=False, key=key, hint=hint)


@rule(
    "PS205",
    Severity.INFO,
    scope=FILE,
    source="Örebro Steg 3; Botkyrka 2.5",
    bad="processägare: anna.berg\n",
    good="processägare: anna.berg\nprocessledare: david.falk\n",
)
def no_leader(ctx: Context) -> Iterator[Problem]:
    """När ingen processledare är utsedd har den roll som profilen anger rollen
    (`processledare_annars`: processansvarig där den finns, annars processägaren). Det är tillåtet,
    men värt att veta."""
    for record, model in ctx.processes():
        if model.leader:
            continue
        holders, role = ctx.leader(record.id)
        if holders and role:
            many = ".many" if len(holders) > 1 else ""
            yield ctx.problem(
                "PS205",
                record,
                (),
                f"PS205{many}",
                holder=_and(ctx, [ctx.person(k) for k in holders]),
                role_name=say(f"roles.the.{role}{many}"),
            )


def _and(ctx: Context, names: list[str]) -> Text:
    """Names joined as "A, B och C" ("A, B and C")."""
    if len(names) < 2:
        return "".join(names)
    return say("roles.and", first=", ".join(names[:-1]), last=names[-1])


@rule(
    "PS206",
    Severity.WARNING,
    scope=REPOSITORY,
    source="Örebro Steg 2 (belastningen på processägaren får inte bli för stor)",
    bad="# anna.berg är processägare i nio processfiler\n",
    good="# anna.berg är processägare i högst åtta processfiler\n",
)
def owner_load(ctx: Context) -> Iterator[Problem]:
    """Flera processer kan ha samma processägare, men belastningen på en person får inte bli för
    stor. Profilens `max_processer_per_ägare` (normalt 8) sätter gränsen; bara processer där
    personen står som processägare räknas, inte ärvda."""
    limit = ctx.repo.profile.max_processes_per_owner
    owned: dict[str, list[str]] = defaultdict(list)
    first: dict[str, Facts] = {}
    for facts in ctx.readable():
        for key in facts.owners:
            owned[key].append(facts.id)
            first.setdefault(key, facts)
    for key, pids in owned.items():
        if len(pids) > limit:
            shown = ", ".join(pids[:5]) + (" …" if len(pids) > 5 else "")
            yield ctx.problem_in(
                "PS206",
                first[key],
                ("processägare",),
                "PS206",
                person=ctx.person(key),
                count=len(pids),
                max=limit,
                processes=shown,
            )


@rule(
    "PS207",
    Severity.WARNING,
    scope=FILE,
    source="Botkyrka 1.2.5.1, Tabell 1",
    bad="nivå: 4\nmål:\n  - id: M1\n    typ: resultatmål\n    fastställt_av: processägare\n",
    good="nivå: 4\nmål:\n  - id: M1\n    typ: resultatmål\n    fastställt_av: processansvarig\n",
)
def goal_setter(ctx: Context) -> Iterator[Problem]:
    """Profilen anger vem som brukar fastställa mål på varje nivå (`målsättare`), vem som får sätta
    mål på vilken nivå som helst (`målsättare_alla_nivåer`) och vem som får sätta utvecklingsmål på
    vilken nivå som helst (`utvecklingsmål_alla_nivåer`).

    Regeln säger ingenting om det profilen tillåter och varnar för det som återstår: ett
    resultatmål som en annan roll har fastställt. Det är en varning och inte ett fel, eftersom vem
    som sätter målen på en nivå är vad som brukar gälla, inte en lag."""
    profile = ctx.repo.profile
    source = profile.cite("PS207")
    for record, model in ctx.processes():
        level = ctx.level(record.id)
        allowed = profile.rule_for(level).goal_setters
        if not allowed:
            continue
        for g, goal in enumerate(model.goals):
            setter = goal.set_by
            if setter is None or setter in allowed or setter in profile.setters_any_level:
                continue
            if goal.kind == "utvecklingsmål" and setter in profile.development_setters:
                continue
            yield ctx.problem(
                "PS207",
                record,
                ("mål", g, "fastställt_av"),
                "PS207" if source else "PS207.nosource",
                on_key=False,
                level=level,
                setter=setter,
                allowed=_or(ctx, list(allowed)),
                source=source,
            )


def _or(ctx: Context, names: list[str]) -> Text:
    """Names joined as "A, B eller C" ("A, B or C")."""
    if len(names) < 2:
        return "".join(names)
    return say("roles.or", first=", ".join(names[:-1]), last=names[-1])


def holds_title(title: str | None, wanted: str) -> bool:
    """Whether a roster title names the wanted position: the word anywhere in it, any case
    ("Tf. kommundirektör", "Kommundirektör och stadsdirektör")."""
    import re

    if not title:
        return False
    pattern = r"(?<!\w)" + re.escape(wanted.casefold()) + r"(?!\w)"
    return re.search(pattern, title.casefold()) is not None


@rule(
    "PS208",
    Severity.ERROR,
    scope=FILE,
    source="Botkyrka 2.3 (Kommundirektören är processägare för styr- och ledningsprocesser samt "
    "stödprocesser på nivå 1)",
    bad="typ: stödprocess\nnivå: 1\nprocessägare: cecilia.dahl  # titel: HR-chef\n",
    good="typ: stödprocess\nnivå: 1\nprocessägare: kommundirektor  # titel: Tf. kommundirektör\n",
)
def fixed_owner(ctx: Context) -> Iterator[Problem]:
    """Profilen säger att ägaren för en processtyp på en nivå ska ha en befattning (`fasta_ägare`).
    Vem som har den står i procspec.yaml under `befattningar` (`kommundirektör: helena.strand`); då
    ska ägaren vara just den personen. Utan den räcker det att titeln i personer.yaml innehåller
    ordet, i vilken form som helst ("Kommundirektör", "Tf. kommundirektör")."""
    fixed = ctx.repo.profile.fixed_owners
    if not fixed:
        return
    positions = {k.casefold(): v for k, v in ctx.repo.settings.positions.items()}
    for record, model in ctx.processes():
        level = ctx.level(record.id)
        for rule_ in fixed:
            if rule_.kind != model.kind or rule_.level != level:
                continue
            owners, _ = ctx.role(record.id, "processägare")
            position = (rule_.position or rule_.title).casefold()
            appointed = positions.get(position)
            for key in owners:
                person = ctx.roster.get(key)
                if person is None:
                    continue  # PS204 reports it
                if appointed is not None:
                    if key == appointed:
                        continue
                    message, extra = "PS208.position", {"holder": ctx.person(appointed)}
                elif holds_title(person.title, rule_.title):
                    continue
                else:
                    message, extra = "PS208", {}
                yield ctx.problem(
                    "PS208",
                    record,
                    ("processägare",),
                    message,
                    on_key=False,
                    kind=model.kind,
                    level=level,
                    title=rule_.title,
                    title_lower=rule_.title.lower(),
                    position=position,
                    person=ctx.person(key),
                    actual=person.title or "",
                    **extra,
                )


@rule(
    "PS209",
    Severity.ERROR,
    scope=REPOSITORY,
    source="Örebro Bilaga 1: namn och e-postadress för varje roll; en person som byter jobb är en ändring i personer.yaml",
    bad="anna.berg: {namn: Anna Berg, epost: anna@example.org}\n"
    "anna.b: {namn: Anna Berg, epost: anna@example.org}\n",
    good="anna.berg: {namn: Anna Berg, epost: anna@example.org}\n",
)
def duplicate_email(ctx: Context) -> Iterator[Problem]:
    """Två poster i personer.yaml med samma e-postadress är nästan alltid samma person två gånger;
    då blir en ändring två."""
    from procspec.problem import Problem as P

    seen: dict[str, str] = {}
    doc = ctx.repo.roster_doc
    for key, person in ctx.roster.items():
        email = person.email.strip().casefold()
        if email in seen:
            pos = doc.value_pos((key, "epost"))
            yield P(
                doc.rel,
                pos.line,
                pos.column,
                "PS209",
                Severity.ERROR,
                say("PS209", email=person.email, other=seen[email]),
            )
        else:
            seen[email] = key


@rule(
    "PS210",
    Severity.ERROR,
    scope=FILE,
    source="Botkyrka Bilaga 1 (processägaren fastställer, processansvarig godkänner)",
    bad="processägare: anna.berg\nprocessansvarig: david.falk\n"
    "fastställd: {av: david.falk, datum: 2026-03-01}\n",
    good="processägare: anna.berg\nprocessansvarig: david.falk\n"
    "fastställd: {av: anna.berg, datum: 2026-03-01}\ngodkänd: {av: david.falk, datum: 2026-02-20}\n",
)
def approver(ctx: Context) -> Iterator[Problem]:
    """`fastställd.av` ska vara processens (eventuellt ärvda) processägare, som fastställer
    dokumentationen, och `godkänd.av` dess (eventuellt ärvda) processansvarig, som godkänner den. I
    en profil utan processansvarig ska den som godkänner också vara processägaren."""
    nobody = say("roles.nobody")
    has_responsible = "processansvarig" in ctx.repo.profile.roles
    for record, model in ctx.processes():
        owners, _ = ctx.role(record.id, "processägare")
        if model.approved is not None and model.approved.by not in owners:
            yield ctx.problem(
                "PS210",
                record,
                ("fastställd", "av"),
                "PS210",
                on_key=False,
                person=ctx.person(model.approved.by),
                owners=", ".join(ctx.person(k) for k in owners) or nobody,
            )
        if model.accepted is None:
            continue
        if has_responsible:
            responsible, _ = ctx.role(record.id, "processansvarig")
        else:
            responsible = owners
        if model.accepted.by not in responsible:
            yield ctx.problem(
                "PS210",
                record,
                ("godkänd", "av"),
                "PS210.godkänd",
                on_key=False,
                person=ctx.person(model.accepted.by),
                responsible=", ".join(ctx.person(k) for k in responsible) or nobody,
            )


@rule(
    "PS211",
    Severity.WARNING,
    scope=FILE,
    source="Botkyrka 2.3 och Tabell 2",
    bad="nivå: 1\nprocessägare: [fc.utb, fc.kultur]\n",
    good="nivå: 1\nprocessägare: fc.utb\n",
)
def shared_owner(ctx: Context) -> Iterator[Problem]:
    """Där profilen anger hur många processägare en process på nivån brukar ha (`ägare_normalt`)
    men tillåter fler (`max_ägare`), är fler än det vanliga möjligt men ovanligt, och värt en
    varning. Fler än profilen tillåter är felet PS201."""
    profile = ctx.repo.profile
    source = profile.cite("PS211")
    for record, model in ctx.processes():
        owners = model.owners or []
        level = ctx.level(record.id)
        level_rule = profile.rule_for(level)
        usual = level_rule.usual_owners
        if usual is None or not usual < len(owners) <= level_rule.max_owners:
            continue
        yield ctx.problem(
            "PS211",
            record,
            ("processägare",),
            "PS211",
            count=len(owners),
            level=level,
            usual=usual,
            source=source or profile.name,
        )


@rule(
    "PS212",
    Severity.WARNING,
    scope=FILE,
    source="Botkyrka 2.4 (varje process på nivå 2 har en processansvarig)",
    bad="nivå: 1\nprocessägare: fc.utb\nprocessansvarig: pa.forskola\n",
    good="nivå: 1\nprocessägare: fc.utb\n",
)
def absent_role(ctx: Context) -> Iterator[Problem]:
    """Profilen anger roller som inte finns på en nivå (`utan_roller`), till exempel
    processansvarig på nivå 1, där processägaren leder processgruppen. En sådan roll där är
    troligen menad för en process på nivån under."""
    profile = ctx.repo.profile
    source = profile.cite("PS212")
    for record, model in ctx.processes():
        level = ctx.level(record.id)
        for role in profile.rule_for(level).absent_roles:
            if ctx._own(model, role):
                yield ctx.problem(
                    "PS212",
                    record,
                    (role,),
                    "PS212",
                    role=role,
                    level=level,
                    source=source or profile.name,
                )
