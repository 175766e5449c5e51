"""Profiles: the rules of a municipality's process model, as data (SPEC §2).

A profile says which process types exist, whether `nivå` is required, which roles each level
requires, inherits or locks, who may set targets at each level, and fixed owners. Two ship built in
(`profiles/botkyrka.yaml`, `profiles/orebro.yaml`); a municipality points `profil:` at its own file,
which may start from a built-in one with `bas:`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from procspec.errors import UsageError
from procspec.messages import Message, say
from procspec.problem import Problem
from procspec.reading.documents import Document, load_file
from procspec.reading.model import GoalSetter, Severity, Strict, Text
from procspec.reading.schema import validate

Role = Literal["processägare", "processansvarig", "processledare", "processteam", "processtöd"]
Band = Literal["styr", "huvud", "stöd"]

BUILTIN_DIR = Path(__file__).parent / "profiles"
BUILTIN = ("botkyrka", "orebro")
RULE_KEY = re.compile(r"PS\d{3}|PS\dxx")
"""A key under `regelkällor`: a rule code, or a family of codes (PS7xx)."""


class LevelRule(Strict):
    """What holds for processes at levels `från`..`till` (open-ended when `till` is absent)."""

    first: int = Field(alias="från", ge=1)
    last: int | None = Field(None, alias="till", ge=1)
    requires: list[Role] = Field(default_factory=list, alias="kräver")
    max_owners: int = Field(1, alias="max_ägare", ge=1)
    inherits: list[Role] = Field(default_factory=list, alias="ärver")
    locked: list[Role] = Field(default_factory=list, alias="låsta")
    goal_setters: list[GoalSetter] = Field(
        default_factory=list,
        alias="målsättare",
        description="Vem som brukar fastställa mål på nivån (Botkyrka Tabell 1).",
    )
    usual_owners: int | None = Field(
        None,
        alias="ägare_normalt",
        ge=1,
        description="Så många processägare brukar en process ha på nivån; fler är en varning "
        "(PS211), fler än max_ägare ett fel (PS201).",
    )
    absent_roles: list[Role] = Field(
        default_factory=list,
        alias="utan_roller",
        description="Roller som inte finns på nivån (Botkyrka 2.4: processansvarig finns från "
        "nivå 2); anges de ändå är det en varning (PS212).",
    )

    def covers(self, level: int) -> bool:
        return self.first <= level and (self.last is None or level <= self.last)


class FixedOwner(Strict):
    """A process type whose owner at a level must hold a title (Botkyrka 2.3: Kommundirektör)."""

    kind: Text = Field(alias="typ")
    level: int = Field(alias="nivå", ge=1)
    title: Text = Field(
        alias="titel",
        description="Titeln som ägaren ska ha; en titel i personer.yaml som innehåller ordet "
        'räcker ("Tf. kommundirektör").',
    )
    position: Text | None = Field(
        None,
        alias="befattning",
        description="Nyckeln i procspec.yamls befattningar som pekar ut personen; går före "
        "titeln när den finns.",
    )


class ProcessType(Strict):
    """A process type and its band in the processkarta."""

    name: Text = Field(alias="namn")
    band: Band = Field(alias="band")
    label: Text | None = Field(None, alias="etikett", description="Plural label for overviews.")


class RuleSource(Strict):
    """Where a rule comes from in the profile's own source document: what `procspec rules`
    cites for the rule in a repository with this profile."""

    citation: Text | None = Field(
        None,
        alias="källa",
        description="Avsnittet i profilens källa, i källans egna ord (till exempel 'Botkyrka 2.3, "
        "Tabell 2').",
    )
    quotes: list[Text] = Field(
        default_factory=list,
        alias="citat",
        description="Stycken ur källan, ordagrant, som regeln bygger på.",
    )
    reading: bool = Field(
        False,
        alias="tolkning",
        description="true när källan inte själv ställer regeln: den är procspecs tolkning (av "
        "citatet, om det finns ett).",
    )
    inactive: bool = Field(
        False,
        alias="gäller_inte",
        description="true när regeln aldrig slår till i profilen (till exempel för att profilen "
        "saknar rollen eller nivån regeln gäller).",
    )
    bad: Text | None = Field(None, alias="fel", description="Ett eget felaktigt exempel (YAML).")
    good: Text | None = Field(None, alias="rätt", description="Ett eget riktigt exempel (YAML).")


class Profile(Strict):
    """A profile file."""

    name: Text = Field(alias="namn")
    description: Text | None = Field(None, alias="beskrivning")
    source: Text | None = Field(None, alias="källa")
    base: Text | None = Field(None, alias="bas", description="A built-in profile to start from.")
    types: list[ProcessType] = Field(alias="typer", min_length=1)
    level_required: bool = Field(False, alias="nivå_krävs")
    roles: list[Role] = Field(alias="roller")
    leader_fallback: list[Role] = Field(default_factory=list, alias="processledare_annars")
    levels: list[LevelRule] = Field(alias="nivåer", min_length=1)
    fixed_owners: list[FixedOwner] = Field(default_factory=list, alias="fasta_ägare")
    setters_any_level: list[GoalSetter] = Field(
        default_factory=list,
        alias="målsättare_alla_nivåer",
        description="Får sätta mål på vilken nivå som helst (Botkyrka 1.2.5.1: kommunfullmäktige "
        "eller en nämnd).",
    )
    development_setters: list[GoalSetter] = Field(
        default_factory=list,
        alias="utvecklingsmål_alla_nivåer",
        description="Får sätta utvecklingsmål på vilken nivå som helst (Botkyrka 1.2.5.1: "
        "processägaren eller processansvarig).",
    )
    styr_without_map_to_level: int = Field(
        1,
        alias="styr_utan_karta_till_nivå",
        ge=0,
        description="Styrprocesser till och med den här nivån behöver ingen processkarta för "
        "mognadsnivå 3 (Örebro Steg 4: de flesta styrprocesserna på koncernnivå lämpar sig inte "
        "att beskriva som ett flöde).",
    )
    max_processes_per_owner: int = Field(8, alias="max_processer_per_ägare", ge=1)
    max_name_length: int = Field(90, alias="max_namnlängd", ge=10)
    rules: dict[str, Severity] = Field(default_factory=dict, alias="regler")
    sources: dict[str, Text] = Field(
        default_factory=dict,
        alias="källor",
        description="Källhänvisningar i profilens egna ord, per ämne eller regelkod (t.ex. "
        "'mål: Botkyrka 1.2.5, Bilaga 2'); sidor och meddelanden hänvisar bara hit.",
    )
    rule_sources: dict[str, RuleSource] = Field(
        default_factory=dict,
        alias="regelkällor",
        description="Varifrån varje regel kommer i profilens källa: regelkod (PS201) eller familj "
        "(PS7xx) → källa, citat och om regeln är procspecs tolkning; procspec rules visar dem i "
        "förråd med profilen.",
    )
    terms: dict[str, Text] = Field(
        default_factory=dict,
        alias="termer",
        description="Profilens egna ord på sidorna, per etikett (t.ex. 'spec.goals: Mål och "
        "målsatta mått'); gäller svenska sidor.",
    )

    def cite(self, topic: str) -> str:
        """The profile's own reference for `topic` (a rule code or a subject), or ''."""
        found = self.rule_source(topic)
        if found is not None and found.citation and not found.reading:
            return found.citation
        return self.sources.get(topic, "")

    def rule_source(self, code: str) -> RuleSource | None:
        """Where rule `code` comes from in this profile's source: its own entry, else its
        family's (`PS7xx`), else None."""
        return self.rule_sources.get(code) or self.rule_sources.get(code[:3] + "xx")

    def term(self, key: str) -> str | None:
        """The profile's own words for the page label `key`, or None."""
        return self.terms.get(key)

    def rule_for(self, level: int) -> LevelRule:
        """The level rule covering `level` (the last one that matches wins)."""
        found = self.levels[0]
        for candidate in self.levels:
            if candidate.covers(level):
                found = candidate
        return found

    @property
    def type_names(self) -> list[str]:
        return [t.name for t in self.types]

    def band(self, kind: str) -> Band:
        return next((t.band for t in self.types if t.name == kind), "huvud")


class ProfileError(UsageError):
    """The profile could not be read; carries the problems found in it."""

    def __init__(self, message: Message, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _read_doc(path: Path, rel: str) -> Document:
    doc = load_file(path, rel)
    if doc.problems or not isinstance(doc.data, dict):
        raise ProfileError(say("profile.unreadable", path=rel), doc.problems)
    return doc


def _read(path: Path, rel: str) -> dict[str, Any]:
    data = _read_doc(path, rel).data
    assert isinstance(data, dict)
    return data


def _coherence(profile: Profile, doc: Document) -> list[Problem]:
    """What the schema cannot say: a level range that ends before it starts, a type named
    twice, a fixed owner for a type the profile does not have."""
    found: list[Problem] = []

    def problem(path: tuple[str | int, ...], text: Message, at_key: bool = False) -> None:
        found.append(doc.wrong_value(path, text, on_key=at_key))

    for i, rule in enumerate(profile.levels):
        if rule.last is not None and rule.last < rule.first:
            problem(("nivåer", i, "till"), say("profile.range", first=rule.first, last=rule.last))  # fmt: skip
    seen: dict[str, int] = {}
    for i, kind in enumerate(profile.types):
        if kind.name in seen:
            problem(("typer", i, "namn"), say("profile.duplicate_type", name=kind.name, first=seen[kind.name] + 1))  # fmt: skip
        seen.setdefault(kind.name, i)
    for i, fixed in enumerate(profile.fixed_owners):
        if fixed.kind not in seen:
            problem(("fasta_ägare", i, "typ"), say("profile.unknown_type", name=fixed.kind, types=", ".join(seen)))  # fmt: skip
    own = doc.data.get("regelkällor") if isinstance(doc.data, dict) else None
    for code in own if isinstance(own, dict) else ():
        if not RULE_KEY.fullmatch(str(code)):
            problem(("regelkällor", code), say("profile.rule_key", key=code), at_key=True)
    return found


def load_profile(spec: str, root: Path) -> Profile:
    """Load a built-in profile by name, or a profile file relative to the repository root."""
    if spec in BUILTIN:
        path, rel = BUILTIN_DIR / f"{spec}.yaml", f"<profil {spec}>"
    else:
        path = (root / spec).resolve()
        rel = spec
        if not path.is_file():
            raise ProfileError(say("profile.not_found", path=spec, builtin=", ".join(BUILTIN)), [])
    own = _read_doc(path, rel)
    assert isinstance(own.data, dict)
    data = own.data
    base_name = data.get("bas")
    if isinstance(base_name, str):
        if base_name not in BUILTIN:
            wrong = say("profile.bad_base", base=base_name, builtin=", ".join(BUILTIN))
            raise ProfileError(
                say("profile.unreadable", path=rel), [own.wrong_value(("bas",), wrong)]
            )
        base = _read(BUILTIN_DIR / f"{base_name}.yaml", f"<profil {base_name}>")
        data = _merge(base, data)
    # The merged data keeps the file's positions: a wrong value can only be the file's own.
    doc = Document(path=path, rel=rel, data=data, keys=own.keys, values=own.values)
    profile, problems = validate(Profile, doc)
    if profile is None:
        raise ProfileError(say("profile.unreadable", path=rel), problems)
    problems = _coherence(profile, own)
    if problems:
        raise ProfileError(say("profile.unreadable", path=rel), problems)
    return profile
