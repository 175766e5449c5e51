"""PS101–PS108: process names and ids.

Source: Örebro, "Att namnge processer": a name is a short form of the purpose, a verb in the
infinitive and a noun, active form, and never the name of an organisational function.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from procspec.checking import swedish
from procspec.checking.facts import Facts
from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, REPOSITORY, rule
from procspec.problem import Problem, Severity
from procspec.reading.model import Process
from procspec.reading.repository import ProcessRecord
from procspec.reading.slug import fold_lookalikes, is_valid_id, slug

SOURCE = "Örebro, Att namnge processer"


def _suggest_id(pid: str) -> str:
    text = "".join(
        c
        for c in fold_lookalikes(unicodedata.normalize("NFC", pid.lower()))
        if c.isalnum() or c in " -_"
    )
    parts = [p for p in text.replace("_", "-").replace(" ", "-").split("-") if p]
    candidate = "-".join(parts)
    return candidate if is_valid_id(candidate) else slug(candidate) or "ny-process"


def _judged(ctx: Context) -> list[tuple[ProcessRecord, Process, swedish.NameFinding]]:
    """Every process whose name `swedish.check_name` finds fault with, judged once per run for
    the four naming rules."""
    found = ctx.memo.get("naming")
    if found is None:
        found = ctx.memo["naming"] = [
            (record, model, finding)
            for record, model in ctx.processes()
            if (finding := swedish.check_name(model.name, model.purpose, model.end_event))
        ]
    return found


def _findings(ctx: Context, code: str) -> Iterator[Problem]:
    """The problems of naming rule `code`: one finding per name (swedish.check_name)."""
    for record, model, found in _judged(ctx):
        if found.code != code:
            continue
        name = model.name.strip()
        key = f"{found.code}.{found.kind}"
        if found.word == name and found.kind in ("nominalisation", "functional"):
            key += ".whole"
        if not found.suggestion:
            key += ".plain"
        yield ctx.problem(
            code,
            record,
            ("namn",),
            key,
            on_key=False,
            name=name,
            word=found.word,
            suggestion=found.suggestion or "",
        )


@rule(
    "PS101",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE,
    bad="namn: Att hantera bygglov  # förslag: Hantera bygglov\n"
    "# Också fel: Barnomsorg, Hanterar fakturor, Bygglov hanteras, Onboarding, Service desk\n",
    good="namn: Hantera bygglov\n"
    "# Också rätt: Tillhandahålla barnomsorg, Ta emot och utreda anmälningar,\n"
    "# Utreda och besluta om bistånd, Skola in barn i förskolan\n",
)
def verb_first(ctx: Context) -> Iterator[Problem]:
    """Processens namn säger vad som görs och vad som levereras: ett verb i infinitiv och ett
    substantiv, i aktiv form ("Tillhandahålla barnomsorg", "Möta behov av livslångt lärande",
    "Följa upp budget"). Regeln slår till när namnet inte börjar med ett verb
    i infinitiv, och säger varför:

    - namnet börjar med infinitivmärket "Att" ("Att hantera bygglov"), som inte hör till ett
      namn: förslaget är namnet utan "Att";
    - verbet står i presens eller passiv ("Hanterar fakturor", "Bygglov hanteras"): förslaget
      är verbet i infinitiv först och det som hanteras som objekt ("Hantera bygglov");
    - namnet är på engelska ("Onboarding", "Service desk", "Invoice handling"): skriv det på
      svenska ("Introducera nya medarbetare", "Hantera fakturor");
    - namnet är ett substantiv ("Barnomsorg", "Hemtjänst"): mönstret "Tillhandahålla
      barnomsorg" föreslås för tjänster.

    Ger namnet självt inget förslag tas det ur processens `syfte` ("Att ge eleverna stöd …" ->
    "Ge eleverna stöd …"), annars ges inget påhittat förslag.

    Partikelverb ("ta emot", "betala ut", "följa upp", "skola in") och samordnade verb ("utreda
    och besluta om") är verb i infinitiv. Namn som börjar med en substantivering (PS102), är
    funktionsnamn (PS103) eller bara är ett verb (PS104) får de reglernas råd i stället; ett namn
    får högst ett av dem. Orden regeln känner igen står i ordlistorna i `procspec/checking/ordlista/`."""
    yield from _findings(ctx, "PS101")


@rule(
    "PS102",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE,
    bad="namn: Fakturahantering  # förslag: Hantera fakturor\n"
    "# Också fel: Uppföljning av budget, Myndighetsutövning, Rekrytering\n",
    good="namn: Hantera fakturor\n"
    "# Också rätt: Följa upp budget, Utöva myndighet, Rekrytera medarbetare\n",
)
def nominalisation(ctx: Context) -> Iterator[Problem]:
    """Namnet ska ha ett verb i aktiv form. Substantiveringar som "Rekrytering", "Fakturahantering"
    eller "Uppföljning av budget" gör processen till en sak i stället för ett arbete. Regeln bygger
    förslaget av namnet självt: substantiveringens verb, och förledet som objekt, i plural när
    processen hanterar många ("Fakturahantering" -> "Hantera fakturor", "Ärendehantering" ->
    "Hantera ärenden"). Bara verb som finns föreslås: där inget verb finns ges en verbfras
    ("Myndighetsutövning" -> "Utöva myndighet", "Kompetensförsörjning" -> "Säkra
    kompetensförsörjning"), en verbfras ur processens `syfte`, eller inget förslag. Ett förslag
    bryter aldrig mot någon namnregel: ett ensamt verb får ett objekt ("Rekrytering" -> "Rekrytera
    medarbetare")."""
    yield from _findings(ctx, "PS102")


@rule(
    "PS103",
    Severity.ERROR,
    scope=FILE,
    source=SOURCE,
    bad="namn: Kommunikationsprocessen\n"
    "syfte: Att ge förvaltningarna stöd i kommunikationen med invånarna.\n"
    "# förslag ur syftet: Ge förvaltningarna stöd i kommunikationen med invånarna\n"
    "# Också fel: Stödja IT-avdelningen, Socialtjänstens verksamhet, Styr- och ledningsprocesser\n",
    good="namn: Tillhandahålla kommunikationsstöd\n"
    "# Också rätt: Ta fram kvalitetssäkrade beslutsunderlag till ledningsgruppen\n",
)
def functional_name(ctx: Context) -> Iterator[Problem]:
    """En process går på tvärs genom organisationen: ett namn efter en funktion eller enhet
    ("Kommunikationsprocessen", nära "Kommunikationsavdelningen") blandar ihop processen med
    organisationsstrukturen. Skriv vad processen levererar: "Tillhandahålla kommunikationsstöd".
    Regeln känner igen enheter och funktioner var som helst i namnet (-avdelningen, -enheten,
    -förvaltningen, -kontoret, -sektionen, -funktionen, -processen, "…s verksamhet", "…s
    processer") och namn som bara är en funktion ("Ekonomi", "HR"). En enhet efter en preposition –
    mottagaren ("… till ledningsgruppen") eller platsen ("… inom socialförvaltningen") – gör inte
    namnet till ett funktionsnamn; en enhet som objekt ("Stödja IT-avdelningen") gör det. Förslaget
    kommer från processens egen `syfte` (eller `sluthändelse`) när de säger vad som levereras;
    annars ges inget förslag."""
    yield from _findings(ctx, "PS103")


@rule(
    "PS104",
    Severity.WARNING,
    scope=FILE,
    source=SOURCE + " (verb och substantiv; en kortversion av syftet)",
    bad="namn: Rekrytera  # förslag: Rekrytera medarbetare\n",
    good="namn: Rekrytera medarbetare\n",
)
def name_shape(ctx: Context) -> Iterator[Problem]:
    """Namnet ska ha ett verb och ett substantiv. Ett namn som bara är ett verb ("Rekrytera") säger
    inte vad som levereras; förslaget lägger till objektet ur processens `syfte` ("att rekrytera
    rätt kompetens …") eller verbets vanliga objekt ("Rekrytera medarbetare"), annars inget. Ett
    namn längre än profilens `max_namnlängd` (normalt 90 tecken) är en beskrivning, inte ett namn:
    det hör hemma i `syfte`."""
    limit = ctx.repo.profile.max_name_length
    yield from _findings(ctx, "PS104")
    for record, model in ctx.processes():
        name = model.name.strip()
        if len(name) > limit and not swedish.is_only_verb(name):
            yield ctx.problem(
                "PS104",
                record,
                ("namn",),
                "PS104.too_long",
                on_key=False,
                length=len(name),
                max=limit,
            )


@rule(
    "PS105",
    Severity.ERROR,
    scope=FILE,
    source="docs/format.md: id:t är filnamnet utan .yaml",
    bad="processer/Följa_upp budget.yaml\n",
    good="processer/följa-upp-budget.yaml\n",
)
def valid_id(ctx: Context) -> Iterator[Problem]:
    """Filnamnet utan ändelse är processens id och används i referenser och i publicerade
    filnamn. Det ska bestå av små bokstäver (å, ä och ö ingår), siffror och enkla bindestreck."""
    for record in ctx.repo.records:
        if not is_valid_id(record.id):
            yield ctx.problem(
                "PS105", record, (), "PS105", id=record.id, suggestion=_suggest_id(record.id)
            )


@rule(
    "PS106",
    Severity.ERROR,
    scope=REPOSITORY,
    source="docs/format.md: id:n är unika i hela förrådet",
    bad="processer/a/följa-upp-budget.yaml\nprocesser/b/följa-upp-budget.yaml\n",
    good="processer/a/följa-upp-budget.yaml\nprocesser/b/följa-upp-investeringar.yaml\n",
)
def duplicate_id(ctx: Context) -> Iterator[Problem]:
    """Två filer i olika mappar har samma namn och därmed samma id. Referenser skulle bli
    tvetydiga, så varje fil efter den första pekas ut."""
    seen: dict[tuple[str, str], str] = {}
    for facts in ctx.index:
        key = (facts.id, facts.stem)
        if key in seen:
            yield ctx.problem_in("PS106", facts, (), "PS106", id=facts.id, other=seen[key])
        else:
            seen[key] = facts.rel


def _normalised_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@rule(
    "PS107",
    Severity.WARNING,
    scope=REPOSITORY,
    source="Örebro Steg 1: processöversikten ska gå att läsa",
    bad="# a.yaml\nnamn: Följa upp budget\n# b.yaml\nnamn: Följa upp budget\n",
    good="# a.yaml\nnamn: Följa upp budget\n# b.yaml\nnamn: Följa upp investeringar\n",
)
def duplicate_name(ctx: Context) -> Iterator[Problem]:
    """Två processer med samma namn går inte att skilja åt i processöversikten."""
    first: dict[str, str] = {}
    for facts in ctx.readable():
        key = _normalised_name(facts.name)
        if key in first:
            yield ctx.problem_in(
                "PS107", facts, ("namn",), "PS107", on_key=False, name=facts.name, other=first[key]
            )
        else:
            first[key] = facts.rel


@rule(
    "PS108",
    Severity.ERROR,
    scope=REPOSITORY,
    source="README, Publicera: filnamn vid publicering; Unicode-normalisering",
    bad="processer/tillhandahålla-x.yaml\nprocesser/tillhandahalla-x.yaml\n",
    good="processer/tillhandahålla-x.yaml\nprocesser/tillhandahålla-y.yaml\n",
)
def colliding_ids(ctx: Context) -> Iterator[Problem]:
    """Två id:n som ger samma filnamn vid publicering (å, ä och ö blir a, a och o), eller som
    bara skiljer sig i Unicode-form (NFC/NFD), i osynliga tecken eller i bokstäver som ser
    likadana ut (kyrilliskt "а" och latinskt "a"), går inte att hålla isär."""
    by_form: dict[str, str] = {}
    by_skeleton: dict[str, Facts] = {}
    by_slug: dict[str, str] = {}
    for facts in ctx.index:
        raw = facts.stem
        chars = facts.invisible
        chars_text = f" ({', '.join(chars)})" if chars else ""
        if facts.id in by_form and by_form[facts.id] != raw:
            yield ctx.problem_in(
                "PS108",
                facts,
                (),
                "PS108.form",
                id=raw,
                other=by_form[facts.id],
                chars=chars_text,
            )
            continue
        by_form.setdefault(facts.id, raw)
        first = by_skeleton.setdefault(facts.skeleton, facts)
        if first.id != facts.id and first.slug != facts.slug:
            yield ctx.problem_in(
                "PS108", facts, (), "PS108.form", id=facts.id, other=first.id, chars=chars_text
            )
            continue
        out = facts.slug
        other = by_slug.setdefault(out, facts.id)
        if other != facts.id:
            yield ctx.problem_in(
                "PS108", facts, (), "PS108.slug", id=facts.id, slug=out, other=other
            )
