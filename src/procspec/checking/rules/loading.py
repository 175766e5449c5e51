"""PS001–PS008: problems found while reading a file.

The loader (`procspec.reading.documents`) and the schema boundary (`procspec.reading.schema`) emit these; the functions
here carry their documentation and yield nothing of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, rule
from procspec.problem import Problem, Severity


@rule(
    "PS001",
    Severity.ERROR,
    scope=FILE,
    source="YAML 1.2",
    bad="namn: Följa upp budget\nsyfte: [Att följa upp\n",
    good="namn: Följa upp budget\nsyfte: Att följa upp budgeten varje månad.\n",
)
def yaml_syntax(ctx: Context) -> Iterator[Problem]:
    """Filen går inte att läsa som YAML: ett indrag, kolon eller citattecken är fel, eller filen
    innehåller flera dokument. Felet pekar på raden där läsningen stannade."""
    return iter(())


@rule(
    "PS002",
    Severity.ERROR,
    scope=FILE,
    source="YAML 1.2: nycklar i en samling är unika",
    bad="namn: Följa upp budget\nnamn: Följa upp ekonomi\n",
    good="namn: Följa upp budget\n",
)
def duplicate_key(ctx: Context) -> Iterator[Problem]:
    """Samma nyckel står två gånger i samma samling. Bara en av dem skulle gälla, så den andra
    pekas ut i stället för att tyst skrivas över."""
    return iter(())


@rule(
    "PS003",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Bilaga 1: processspecifikationen är en uppsättning fält (docs/format.md)",
    bad="- Följa upp budget\n",
    good="namn: Följa upp budget\n",
)
def not_mapping(ctx: Context) -> Iterator[Problem]:
    """En processfil, personer.yaml och procspec.yaml ska vara samlingar av nycklar och värden.
    En tom fil, en lista eller en ensam text går inte att tolka."""
    return iter(())


@rule(
    "PS004",
    Severity.ERROR,
    scope=FILE,
    source="Säkerhet: inget byggs någonsin från en tagg",
    bad="namn: !!python/object:os.system Följa upp budget\n"
    "# Också fel: en första rad '%YAML 1.1'\n",
    good="namn: Följa upp budget\n",
)
def unsafe_yaml(ctx: Context) -> Iterator[Problem]:
    """Filen är inte UTF-8, är för stor, använder taggar som `!!python/object` eller `!!binary`,
    eller växer till för många värden genom alias (en "alias-bomb"). procspec bygger aldrig
    objekt från taggar; sådana filer vägras i stället.

    En fil som börjar med `%YAML 1.1` (eller någon annan version än 1.2) vägras också: procspec
    läser YAML 1.2, och versionerna läser vanliga värden olika (`yes`, `no` och `on` är sant och
    falskt i YAML 1.1 men text i 1.2; `010` är talet 8 i 1.1 och 10 i 1.2). Ta bort raden, så
    läses filen som YAML 1.2."""
    return iter(())


@rule(
    "PS005",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Bilaga 1 (fälten i processspecifikationen); nycklarna i docs/format.md",
    bad="namn: Följa upp budget\nsyftet: Att följa upp budgeten.\n",
    good="namn: Följa upp budget\nsyfte: Att följa upp budgeten.\n",
)
def unknown_key(ctx: Context) -> Iterator[Problem]:
    """En nyckel som formatet inte känner till, ofta ett stavfel. Meddelandet föreslår den
    närmaste giltiga nyckeln. En roll som profilen inte använder (till exempel processansvarig i en
    profil utan den rollen) är också okänd."""
    return iter(())


@rule(
    "PS006",
    Severity.ERROR,
    scope=FILE,
    source="Örebro Bilaga 1 (Processspecifikation); docs/format.md",
    bad="namn: Följa upp budget\ntyp: styrprocess\n",
    good=(
        "namn: Följa upp budget\ntyp: styrprocess\nsyfte: Att säkra att budgeten hålls.\n"
        "starthändelse: Ny månad\nsluthändelse: Uppföljningsrapport\nmottagare: [Nämnden]\n"
    ),
)
def missing_key(ctx: Context) -> Iterator[Problem]:
    """En nyckel som varje processspecifikation måste ha saknas: namn, typ, syfte, starthändelse,
    sluthändelse och mottagare, och nivå där profilen kräver den (`nivå_krävs`)."""
    return iter(())


@rule(
    "PS007",
    Severity.ERROR,
    scope=FILE,
    source="docs/format.md (typ per nyckel); YAML 1.2 core schema",
    bad="nivå: '2'\nkrav:\n  - typ: lagkrav\n    beskrivning: Skollagen\n    kritiskt: no\n",
    good="nivå: 2\nkrav:\n  - typ: lagkrav\n    beskrivning: Skollagen\n    kritiskt: false\n",
)
def wrong_value(ctx: Context) -> Iterator[Problem]:
    """Ett värde har fel typ eller är inte tillåtet: text där ett tal ska stå, ett datum som inte
    finns, en ogiltig e-postadress, ett värde utanför de tillåtna. procspec gissar aldrig: `no`
    är text, inte false, och `'2'` är text, inte ett tal."""
    return iter(())


@rule(
    "PS008",
    Severity.WARNING,
    scope=FILE,
    source="procspec: ett undantag ska gå att granska (README, Undantag)",
    bad="# procspec: ignore PS305\n",
    good="# procspec: ignore PS305 -- gränssnittet beskrivs bara från vår sida\n",
)
def ignore_without_reason(ctx: Context) -> Iterator[Problem]:
    """En kommentar `# procspec: ignore PSnnn` tystar en regel för filen. Utan motivering efter
    `--` vet ingen granskare varför; undantaget gäller ändå, men varnas för."""
    return iter(())
