"""PS101–PS108: process names and ids.

Source: Örebro, "Att namnge processer": a name is a short form of the purpose, a verb in the
infinitive and a noun, active form, and never the name of an organisational function.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from procspec import swedish
from procspec.context import Context
from procspec.messages import add
from procspec.problem import Problem, Severity
from procspec.rules import rule
from procspec.slug import fold_lookalikes, invisible_characters, is_valid_id, skeleton, slug

SOURCE = "Örebro, Att namnge processer"

add(
    {
        "PS101": {
            "sv": "Namnet '{name}' börjar inte med ett verb i infinitiv. Skriv vad processen gör, "
            "till exempel 'Tillhandahålla barnomsorg' eller 'Följa upp budget'.",
            "en": "The name '{name}' does not start with a verb in the infinitive. Say what the "
            "process does, for example 'Tillhandahålla barnomsorg' or 'Följa upp budget'.",
        },
        "PS102": {
            "sv": "Namnet börjar med substantivet '{word}'. Skriv verbet i stället: '{suggestion}'.",
            "en": "The name starts with the noun '{word}'. Use the verb instead: '{suggestion}'.",
        },
        "PS103": {
            "sv": "'{word}' är namnet på en funktion i organisationen, inte en process. Skriv vad "
            "processen levererar, till exempel 'Tillhandahålla kommunikationsstöd' i stället "
            "för 'Kommunikationsprocessen'.",
            "en": "'{word}' names an organisational function, not a process. Say what the process "
            "delivers, for example 'Tillhandahålla kommunikationsstöd' instead of "
            "'Kommunikationsprocessen'.",
        },
        "PS104.verb_only": {
            "sv": "Namnet '{name}' är bara ett verb. Lägg till vad som görs, till exempel "
            "'{name} budget'.",
            "en": "The name '{name}' is only a verb. Add what is done, for example '{name} budget'.",
        },
        "PS104.too_long": {
            "sv": "Namnet är {length} tecken, längre än {max}. Korta det; detaljerna hör hemma i "
            "'syfte'.",
            "en": "The name is {length} characters, longer than {max}. Shorten it; details belong "
            "in 'syfte'.",
        },
        "PS105": {
            "sv": "Filnamnet ger id:t '{id}', som inte är giltigt. Döp om filen till '{suggestion}"
            ".yaml' (små bokstäver, siffror och enkla bindestreck).",
            "en": "The file name gives the id '{id}', which is not valid. Rename the file to "
            "'{suggestion}.yaml' (lower-case letters, digits and single hyphens).",
        },
        "PS106": {
            "sv": "Id:t '{id}' finns redan i {other}. Döp om en av filerna; id:n ska vara unika.",
            "en": "The id '{id}' is already used by {other}. Rename one of the files; ids are "
            "unique.",
        },
        "PS107": {
            "sv": "Processen '{name}' har samma namn som {other}. Ge processerna olika namn.",
            "en": "The process '{name}' has the same name as {other}. Give them different names.",
        },
        "PS108.slug": {
            "sv": "Id:t '{id}' ger samma filnamn vid publicering ('{slug}') som {other}. Döp om "
            "en av filerna.",
            "en": "The id '{id}' gives the same output name ('{slug}') as {other}. Rename one of "
            "the files.",
        },
        "PS108.form": {
            "sv": "Id:t '{id}' skiljer sig från {other} bara i Unicode-form eller osynliga eller "
            "likadana tecken{chars}. Skriv om filnamnet med vanliga bokstäver.",
            "en": "The id '{id}' differs from {other} only in Unicode form or in invisible or "
            "look-alike characters{chars}. Retype the file name with plain letters.",
        },
    }
)


def _suggest_id(pid: str) -> str:
    text = "".join(
        c
        for c in fold_lookalikes(unicodedata.normalize("NFC", pid.lower()))
        if c.isalnum() or c in " -_"
    )
    parts = [p for p in text.replace("_", "-").replace(" ", "-").split("-") if p]
    candidate = "-".join(parts)
    return candidate if is_valid_id(candidate) else slug(candidate) or "ny-process"


@rule(
    "PS101",
    Severity.ERROR,
    sv="Namnet börjar inte med ett verb i infinitiv",
    en="Name does not start with a verb in the infinitive",
    source=SOURCE,
    bad="namn: Barnomsorg\n",
    good="namn: Tillhandahålla barnomsorg\n",
)
def verb_first(ctx: Context) -> Iterator[Problem]:
    """Processens namn ska vara en kortversion av syftet: ett verb i infinitiv och ett
    substantiv, i aktiv form ("tillhandahålla barnomsorg", "följa upp budget"). Namn som börjar
    med ett substantiv eller adjektiv beskriver inte vad som görs. Namn som börjar med en
    substantivering (PS102) eller är funktionsnamn (PS103) får de reglernas mer precisa råd."""
    for record, model in ctx.processes():
        name = model.name
        if swedish.functional_word(name) or swedish.nominalisation(name):
            continue
        if swedish.leading_verb(name) is None:
            yield ctx.problem("PS101", record, ("namn",), "PS101", on_key=False, name=name)


@rule(
    "PS102",
    Severity.ERROR,
    sv="Namnet börjar med en substantivering",
    en="Name starts with a nominalisation",
    source=SOURCE,
    bad="namn: Uppföljning av budget\n",
    good="namn: Följa upp budget\n",
)
def nominalisation(ctx: Context) -> Iterator[Problem]:
    """Substantiveringar som "Rekrytering" eller "Uppföljning av budget" gör processen till en
    sak i stället för ett arbetssätt. Regeln föreslår verbet: "Rekrytera", "Följa upp budget"."""
    for record, model in ctx.processes():
        if swedish.functional_word(model.name):
            continue
        found = swedish.nominalisation(model.name)
        if found is not None:
            word, suggestion = found
            yield ctx.problem(
                "PS102", record, ("namn",), "PS102", on_key=False, word=word, suggestion=suggestion
            )


@rule(
    "PS103",
    Severity.ERROR,
    sv="Funktionsnamn",
    en="Functional name",
    source=SOURCE,
    bad="namn: Kommunikationsprocessen\n",
    good="namn: Tillhandahålla kommunikationsstöd\n",
)
def functional_name(ctx: Context) -> Iterator[Problem]:
    """Undvik namn som förknippas med funktioner i organisationen: "Kommunikationsprocessen"
    ligger för nära "Kommunikationsavdelningen" och blandar ihop processen med
    organisationsstrukturen. Kalla den "Tillhandahålla kommunikationsstöd"."""
    for record, model in ctx.processes():
        word = swedish.functional_word(model.name)
        if word is not None:
            yield ctx.problem("PS103", record, ("namn",), "PS103", on_key=False, word=word)


@rule(
    "PS104",
    Severity.WARNING,
    sv="Namnet är bara ett verb, eller för långt",
    en="Name is only a verb, or too long",
    source=SOURCE + " (verb och substantiv; en kortversion av syftet)",
    bad="namn: Planera\n",
    good="namn: Planera verksamheten\n",
)
def name_shape(ctx: Context) -> Iterator[Problem]:
    """Ett namn som bara är ett verb ("Planera") säger inte vad som levereras; ett namn längre än
    profilens `max_namnlängd` (normalt 90 tecken) är inte längre en kortversion av syftet."""
    limit = ctx.repo.profile.max_name_length
    for record, model in ctx.processes():
        name = model.name.strip()
        if swedish.is_only_verb(name):
            yield ctx.problem(
                "PS104", record, ("namn",), "PS104.verb_only", on_key=False, name=name
            )
        elif len(name) > limit:
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
    sv="Ogiltigt id",
    en="Invalid id",
    source="SPEC §1: id:t är filnamnet utan .yaml",
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
    sv="Dubblerat id",
    en="Duplicate id",
    source="SPEC §1: id:n är unika i hela förrådet",
    bad="processer/a/följa-upp-budget.yaml\nprocesser/b/följa-upp-budget.yaml\n",
    good="processer/a/följa-upp-budget.yaml\nprocesser/b/följa-upp-investeringar.yaml\n",
)
def duplicate_id(ctx: Context) -> Iterator[Problem]:
    """Två filer i olika mappar har samma namn och därmed samma id. Referenser skulle bli
    tvetydiga, så varje fil efter den första pekas ut."""
    seen: dict[tuple[str, str], str] = {}
    for record in ctx.repo.records:
        key = (record.id, record.doc.path.stem)
        if key in seen:
            yield ctx.problem("PS106", record, (), "PS106", id=record.id, other=seen[key])
        else:
            seen[key] = record.rel


def _normalised_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@rule(
    "PS107",
    Severity.WARNING,
    sv="Två processer med samma namn",
    en="Two processes with the same name",
    source="Örebro Steg 1: processöversikten ska gå att läsa",
    bad="# a.yaml\nnamn: Följa upp budget\n# b.yaml\nnamn: Följa upp budget\n",
    good="# a.yaml\nnamn: Följa upp budget\n# b.yaml\nnamn: Följa upp investeringar\n",
)
def duplicate_name(ctx: Context) -> Iterator[Problem]:
    """Två processer med samma namn går inte att skilja åt i processöversikten."""
    first: dict[str, str] = {}
    for record, model in ctx.processes():
        key = _normalised_name(model.name)
        if key in first:
            yield ctx.problem(
                "PS107", record, ("namn",), "PS107", on_key=False, name=model.name, other=first[key]
            )
        else:
            first[key] = record.rel


@rule(
    "PS108",
    Severity.ERROR,
    sv="Id:n som krockar",
    en="Colliding ids",
    source="SPEC §5: filnamn vid publicering; Unicode-normalisering",
    bad="processer/tillhandahålla-x.yaml\nprocesser/tillhandahalla-x.yaml\n",
    good="processer/tillhandahålla-x.yaml\nprocesser/tillhandahålla-y.yaml\n",
)
def colliding_ids(ctx: Context) -> Iterator[Problem]:
    """Två id:n som ger samma filnamn vid publicering (å, ä och ö blir a, a och o), eller som
    bara skiljer sig i Unicode-form (NFC/NFD), i osynliga tecken eller i bokstäver som ser
    likadana ut (kyrilliskt "а" och latinskt "a"), går inte att hålla isär."""
    by_form: dict[str, str] = {}
    by_skeleton: dict[str, str] = {}
    by_slug: dict[str, str] = {}
    for record in ctx.repo.records:
        raw = record.doc.path.stem
        chars = invisible_characters(raw)
        chars_text = f" ({', '.join(chars)})" if chars else ""
        if record.id in by_form and by_form[record.id] != raw:
            yield ctx.problem(
                "PS108",
                record,
                (),
                "PS108.form",
                id=raw,
                other=by_form[record.id],
                chars=chars_text,
            )
            continue
        by_form.setdefault(record.id, raw)
        shape = skeleton(record.id)
        other = by_skeleton.setdefault(shape, record.id)
        if other != record.id and slug(other) != slug(record.id):
            yield ctx.problem(
                "PS108", record, (), "PS108.form", id=record.id, other=other, chars=chars_text
            )
            continue
        out = slug(record.id)
        other = by_slug.setdefault(out, record.id)
        if other != record.id:
            yield ctx.problem(
                "PS108", record, (), "PS108.slug", id=record.id, slug=out, other=other
            )
