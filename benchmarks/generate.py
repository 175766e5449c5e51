"""Generate a synthetic process repository for the benchmarks (issue: performance).

    python benchmarks/generate.py /tmp/korpus --specs 1000 [--commits 20000]

writes `procspec.yaml` (the orebro profile), `personer.yaml` and N process files of about 110
lines each below `processer/<typ>/...`, with Swedish names and file names (å, ä, ö), a hierarchy
(top-level processes with sub-processes three levels deep), two-sided adjacent processes, goals
with follow-up plans and results, activities, and on every other process a processkarta of 10–40
activities (`flow_lines`). With `--commits C` the folder becomes a git
repository whose history has C commits, written in one `git fast-import` stream (seconds, not
minutes): the first commit adds every file and each later commit changes one file, round robin.

The corpus validates with no problems at all when checked with `--today 2026-11-25` (`TODAY`):
goals are followed up in time, activities are not overdue, every spec was changed or reviewed
within the review period and approved after its last commit. `tests/perf/test_generate.py` keeps
it that way.

Everything is deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

TODAY = date(2026, 11, 25)
"""The date the corpus is valid on (`--today`)."""

FIRST_COMMIT = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
LAST_COMMIT = datetime(2026, 6, 30, 17, 0, tzinfo=UTC)
"""Commits fall between these: within the review period before TODAY, before the approval."""

APPROVED = "2026-07-01"

TYPES = (
    ("styrprocess", "styrprocesser"),
    ("huvudprocess", "huvudprocesser"),
    ("stödprocess", "stödprocesser"),
)

VERBS = (
    "Tillhandahålla",
    "Bedöma",
    "Följa upp",
    "Planera",
    "Säkerställa",
    "Hantera",
    "Ta fram",
    "Utveckla",
    "Samordna",
    "Genomföra",
    "Leverera",
    "Förbättra",
)

OBJECTS = (
    "snöröjning",
    "barnomsorg",
    "försörjningsstöd",
    "äldreomsorg",
    "bygglov",
    "skolskjuts",
    "gatubelysning",
    "vattenförsörjning",
    "färdtjänst",
    "kulturstöd",
    "föreningsbidrag",
    "lönehantering",
    "leverantörsbetalningar",
    "upphandling av tjänster",
    "kompetensförsörjning",
    "budgetunderlag",
    "måltider i förskolan",
    "tillsyn av livsmedel",
    "återvinning av avfall",
    "ärenden om hemtjänst",
)

AREAS = (
    "Örebro centrum",
    "Västra området",
    "Östra området",
    "Norra distriktet",
    "Södra distriktet",
    "Glanshammar",
    "Odensbacken",
    "Vintrosa",
    "Äsättra",
    "Höjdområdet",
)

FIRST_NAMES = (
    "Åsa", "Örjan", "Ängla", "Björn", "Cecilia", "Dag", "Elin", "Fredrik", "Göran", "Hanna",
    "Ingrid", "Jonas", "Karin", "Lars", "Maja", "Nils", "Olle", "Petra", "Rasmus", "Sofia",
)  # fmt: skip
LAST_NAMES = (
    "Öberg", "Ångström", "Ek", "Berg", "Lindh", "Nord", "Sjöberg", "Holm", "Dahl", "Åkesson",
    "Strand", "Wikström", "Lund", "Söderlund", "Kvist", "Hed", "Asp", "Björk", "Ström", "Falk",
)  # fmt: skip

TRANSLITERATE = str.maketrans("åäöéÅÄÖÉ", "aaoeaaoe")


@dataclass(frozen=True)
class Spec:
    """One generated process: where it goes and what it says."""

    index: int
    id: str
    name: str
    rel: str
    kind: str
    parent: str | None
    owner: str
    leader: str
    team: tuple[str, str]
    adjacent: str | None


def person_key(n: int) -> str:
    first = FIRST_NAMES[n % len(FIRST_NAMES)].lower().translate(TRANSLITERATE)
    last = LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)].lower().translate(TRANSLITERATE)
    return f"{first}.{last}{n // (len(FIRST_NAMES) * len(LAST_NAMES)) or ''}"


def roster_text(people: int) -> str:
    lines = ["# Alla som har en roll i processerna (påhittade personer).", ""]
    titles = ("Förvaltningschef", "Verksamhetsutvecklare", "Enhetschef", "Controller", "Strateg")
    for n in range(people):
        key = person_key(n)
        first = FIRST_NAMES[n % len(FIRST_NAMES)]
        last = LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]
        lines += [
            f"{key}:",
            f"  namn: {first} {last}",
            f"  epost: {key}@example.org",
            f"  titel: {titles[n % len(titles)]}",
        ]
    return "\n".join(lines) + "\n"


def settings_text() -> str:
    return (
        "# Syntetiskt förråd för prestandamätningar (benchmarks/generate.py).\n"
        "organisation: Exempelstads kommun\n"
        "profil: orebro\n"
        "granskning_månader: 12\n"
        "språk: sv\n"
        "publicering:\n"
        "  titel: Exempelstads processer\n"
        "  bas_url: https://intranat.example.org/processer/\n"
    )


def slug(text: str) -> str:
    return "-".join(text.lower().replace(",", "").split())


def plan(specs: int) -> list[Spec]:
    """The processes: a forest of top-level processes with four sub-processes each, breadth
    first, so the tree is at most a few levels deep whatever N is."""
    roots = max(3, min(specs, specs // 20 or 3))
    people = people_for(specs)
    ids: list[str] = []
    kinds: list[int] = []
    folders: list[str] = []
    result: list[Spec] = []
    for i in range(specs):
        verb = VERBS[i % len(VERBS)]
        obj = OBJECTS[(i // len(VERBS)) % len(OBJECTS)]
        area = AREAS[i % len(AREAS)]
        name = f"{verb} {obj} i {area} {i + 1}"
        pid = slug(name)
        if i < roots:
            parent_index = None
            kind = i % len(TYPES)
            folder = f"processer/{TYPES[kind][1]}"
        else:
            parent_index = (i - roots) // 4
            kind = kinds[parent_index]
            parent_folder = folders[parent_index]
            # Sub-processes of a top-level process get its folder; deeper ones share it.
            if parent_index < roots:
                folder = f"{parent_folder}/{ids[parent_index]}"
            else:
                folder = parent_folder
        ids.append(pid)
        kinds.append(kind)
        folders.append(folder)
        # Adjacent pairs (0-1, 2-3, ...) name each other, so PS305 stays quiet.
        partner = i ^ 1
        result.append(
            Spec(
                index=i,
                id=pid,
                name=name,
                rel=f"{folder}/{pid}.yaml",
                kind=TYPES[kind][0],
                parent=ids[parent_index] if parent_index is not None else None,
                owner=person_key(i % people),
                leader=person_key((i + 1) % people),
                team=(person_key((i + 2) % people), person_key((i + 3) % people)),
                adjacent=None if partner >= specs else partner_id(partner),
            )
        )
    return result


def partner_id(i: int) -> str:
    verb = VERBS[i % len(VERBS)]
    obj = OBJECTS[(i // len(VERBS)) % len(OBJECTS)]
    area = AREAS[i % len(AREAS)]
    return slug(f"{verb} {obj} i {area} {i + 1}")


def people_for(specs: int) -> int:
    """Enough people that nobody owns more than a handful of processes (PS206)."""
    return max(8, specs // 3)


def spec_text(spec: Spec, revision: int = 0) -> str:
    """A specification of about 110 lines; `revision` adds a line so commits change the file."""
    n = spec.index
    obj = OBJECTS[(n // len(VERBS)) % len(OBJECTS)]
    area = AREAS[n % len(AREAS)]
    lines = [
        "# yaml-language-server: $schema=../../schemas/process.schema.json",
        f"namn: {spec.name}",
        f"typ: {spec.kind}",
    ]
    if spec.parent is not None:
        lines.append(f"överordnad: {spec.parent}")
    lines += [
        f"processägare: {spec.owner}",
        f"processledare: {spec.leader}",
        f"processteam: [{spec.team[0]}, {spec.team[1]}]",
        "syfte: >-",
        f"  Att invånarna i {area} får {obj} med god kvalitet och i rätt tid, så att de kan lita",
        "  på kommunens service och verksamheten använder sina resurser där de gör mest nytta.",
        f"starthändelse: Ett behov av {obj} uppstår eller en ansökan kommer in.",
        f"sluthändelse: Invånaren har fått {obj} och ärendet är avslutat och dokumenterat.",
        "mottagare:",
        f"  - Invånare i {area}",
        "  - Företag och föreningar i kommunen",
        "krav:",
        "  - id: K1",
        "    typ: lagkrav",
        "    beskrivning: >-",
        "      Kommunallagen (2017:725) och förvaltningslagen (2017:900): ärenden ska handläggas",
        "      så enkelt, snabbt och kostnadseffektivt som möjligt utan att rättssäkerheten eftersätts.",
        "    kritiskt: true",
        "  - id: K2",
        "    typ: mottagarkrav",
        "    beskrivning: Mottagaren vill få besked inom fem arbetsdagar.",
        "    kritiskt: false",
        "  - id: K3",
        "    typ: internt krav",
        "    beskrivning: Alla beslut dokumenteras i ärendehanteringssystemet samma dag.",
    ]
    if spec.adjacent is not None:
        lines += [
            "angränsande:",
            f"  - process: {spec.adjacent}",
            "    gränssnitt: Underlag och beslut lämnas över när ärendet byter ansvarig.",
        ]
    lines += [
        "dokument:",
        "  - titel: Rutin för handläggning",
        f"    länk: https://intranat.example.org/rutiner/{n + 1}/handlaggning",
        "  - titel: Checklista för uppföljning",
        f"    länk: https://intranat.example.org/rutiner/{n + 1}/checklista",
        "mål:",
    ]
    for g, (kind, value, unit, direction, frequency, last) in enumerate(
        (
            ("resultatmål", 95, '"%"', "öka", "kvartalsvis", "2026-10-15"),
            ("utvecklingsmål", 5, "dagar", "minska", "månadsvis", "2026-11-10"),
        ),
        start=1,
    ):
        lines += [
            f"  - id: M{g}",
            f"    typ: {kind}",
            f"    beskrivning: Minst {value} av ärendena om {obj} ska avslutas inom målet.",
            f"    mått: Andel ärenden om {obj} som avslutas i tid",
            f"    målvärde: {value}",
            f"    enhet: {unit}",
            f"    riktning: {direction}",
            "    senast: 2027-12-31",
            "    fastställt_av: processägare",
            "    uppföljning:",
            "      metod: Uttag ur verksamhetssystemet och genomgång i processteamet.",
            f"      frekvens: {frequency}",
            f"      ansvarig: {spec.leader}",
            f"      rapporteras_till: {spec.owner}",
            "      hantering: >-",
            "        Avvikelser analyseras av processteamet och leder till förbättringsaktiviteter",
            "        i aktivitetsplanen.",
            "    utfall:",
            "      - datum: 2026-04-15",
            f"        värde: {value - 1 if direction == 'öka' else value + 1}",
            f"      - datum: {last}",
            f"        värde: {value}",
            "        kommentar: Målet nås för första gången.",
        ]
    lines += [
        "aktiviteter:",
        "  - id: A1",
        f"    beskrivning: Inför digital ansökan om {obj}.",
        f"    ansvarig: {spec.leader}",
        "    status: klar",
        "    start: 2026-01-12",
        "    klart_senast: 2026-05-29",
        "    mål: [M1]",
        "    beslut: Processägaren 2025-12-02.",
        "    effekt: Handläggningstiden minskade med två dagar.",
        "  - id: A2",
        "    beskrivning: Utbilda handläggarna i den nya rutinen.",
        f"    ansvarig: {spec.team[0]}",
        "    status: pågående",
        "    start: 2026-09-01",
        "    klart_senast: 2027-03-31",
        "    mål: [M1, M2]",
        "    beslut: Processägaren 2026-08-20.",
        "  - id: A3",
        "    beskrivning: Följ upp effekten av den digitala ansökan med mottagarna.",
        f"    ansvarig: {spec.team[1]}",
        "    status: planerad",
        "    start: 2027-01-11",
        "    klart_senast: 2027-06-30",
        "    mål: [M2]",
        "granskad:",
        f"  av: {spec.leader}",
        "  datum: 2026-10-01",
        "  kommentar: Aktuell, inga ändringar.",
        "fastställd:",
        f"  av: {spec.owner}",
        f"  datum: {APPROVED}",
        f"  diarienummer: KS 2026/{n + 1}",
    ]
    if n % 2 == 0:
        lines += flow_lines(spec)
    if revision:
        lines.append(f"# Revision {revision}.")
    return "\n".join(lines) + "\n"


FLOW_VERBS = (
    "Registrera ärendet",
    "Granska underlaget",
    "Kontrollera uppgifterna",
    "Utreda ärendet",
    "Bedöma behovet",
    "Dokumentera bedömningen",
    "Meddela beslutet",
    "Arkivera handlingarna",
)


def flow_lines(spec: Spec, count: int | None = None, compact: bool = False) -> list[str]:
    """A valid processkarta of 10–40 activities (on every other process; `count` when given):
    three aktörer, three processteg, a chain of activities with a beslut every fifth step whose
    "Nej" leads back (a loop with a way out), a delprocess to the adjacent process, krav, times
    and risks. `compact`: an activity on one line, name, aktör, ledtid and krav only (a map of
    10,000 activities stays below the 2 MB a file may have)."""
    n = spec.index
    if count is None:
        count = 10 + (n * 7) % 31
    lines = [
        "processkarta:",
        "  aktörer:",
        "    - {id: handläggare, namn: Handläggare}",
        "    - {id: sökande, namn: Sökande}",
        "    - {id: chef, namn: Enhetschef}",
        "  processteg:",
    ]
    ids = [f"a{i}" for i in range(count)]
    per_step = -(-count // 3)
    for step in range(3):
        first, last = step * per_step, min(count, (step + 1) * per_step)
        if first >= last:
            continue
        lines += [
            f"    - id: steg-{step + 1}",
            f"      namn: {FLOW_VERBS[step]} i steg {step + 1}",
            "      aktiviteter:",
        ]
        for i in range(first, last):
            following = ids[i + 1] if i + 1 < count else None
            if i == 0:
                lines.append(
                    f"        - {{id: a0, typ: start, namn: Ett ärende kommer in, aktör: sökande, "
                    f"nästa: {following}}}"
                )
            elif i == count - 1:
                lines.append(f"        - {{id: {ids[i]}, typ: slut, namn: Ärendet är avslutat}}")
            elif i % 5 == 0:
                lines += [
                    f"        - id: {ids[i]}",
                    "          typ: beslut",
                    f"          namn: Är underlaget komplett ({i})?",
                    "          aktör: chef",
                    "          val:",
                    f"            - {{om: Ja, nästa: {following}}}",
                    f"            - {{om: Nej, nästa: {ids[i - 1]}}}",
                ]
            elif i == 2 and spec.adjacent is not None:
                lines.append(
                    f"        - {{id: {ids[i]}, typ: delprocess, process: {spec.adjacent}, "
                    f"aktör: handläggare, nästa: {following}}}"
                )
            elif compact:
                lines.append(
                    f"        - {{id: {ids[i]}, namn: {FLOW_VERBS[i % len(FLOW_VERBS)]} ({i}), "
                    f"aktör: {('handläggare', 'chef')[i % 2]}, ledtid: {1 + i % 4} timmar, "
                    f"krav: [K{1 + i % 3}], nästa: {following}}}"
                )
            else:
                lines += [
                    f"        - id: {ids[i]}",
                    f"          namn: {FLOW_VERBS[i % len(FLOW_VERBS)]} ({i})",
                    f"          aktör: {('handläggare', 'chef')[i % 2]}",
                    f"          ledtid: {1 + i % 4} timmar",
                    f"          väntetid: {i % 3},5 dagar",
                    "          system: [Ärendesystemet]",
                    "          dokument: [Rutin för handläggning]",
                    f"          krav: [K{1 + i % 3}]",
                ]
                if i % 4 == 1:
                    lines += [
                        "          risker:",
                        "            - beskrivning: Uppgifter saknas i ärendet.",
                        f"              sannolikhet: {1 + i % 4}",
                        "              konsekvens: 3",
                        "              åtgärd: Checklista vid registreringen.",
                    ]
                lines.append(f"          nästa: {following}")
    return lines


def large_map(root: Path, activities: int) -> Path:
    """A repository of one process whose processkarta has `activities` activities (at least
    10), for the benchmarks that show the flow checks and the layout stay linear; returns the
    process file."""
    [spec] = plan(1)
    lines = spec_text(spec).splitlines()
    if "processkarta:" in lines:
        lines = lines[: lines.index("processkarta:")]
    write_files(root, [])
    (root / "personer.yaml").write_text(roster_text(people_for(1)), encoding="utf-8")
    target = root / spec.rel
    target.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join([*lines, *flow_lines(spec, max(10, activities), compact=True)]) + "\n"
    target.write_text(text, encoding="utf-8")
    return target


def write_files(root: Path, specs: list[Spec]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "procspec.yaml").write_text(settings_text(), encoding="utf-8")
    (root / "personer.yaml").write_text(roster_text(people_for(len(specs))), encoding="utf-8")
    for spec in specs:
        target = root / spec.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(spec_text(spec), encoding="utf-8")


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def fast_import_stream(specs: list[Spec], commits: int) -> bytes:
    """A `git fast-import` stream: one commit adding everything, then one change per commit."""
    out: list[bytes] = []
    span = (LAST_COMMIT - FIRST_COMMIT).total_seconds()
    revision = [0] * len(specs)
    who = "Åsa Öberg <asa.oberg@example.org>"
    for c in range(commits):
        when = FIRST_COMMIT + timedelta(seconds=int(span * c / max(1, commits - 1)))
        stamp = f"{int(when.timestamp())} +0000"
        if c == 0:
            message = "Lägg in alla processer"
        else:
            message = f"Uppdatera {specs[(c - 1) % len(specs)].name}"
        out.append(b"commit refs/heads/main\n")
        out.append(f"mark :{c + 1}\n".encode())
        out.append(f"author {who} {stamp}\ncommitter {who} {stamp}\n".encode())
        out.append(_data(message.encode()))
        if c > 0:
            out.append(f"from :{c}\n".encode())
        if c == 0:
            out.append(b"M 100644 inline procspec.yaml\n" + _data(settings_text().encode()))
            roster = roster_text(people_for(len(specs))).encode()
            out.append(b"M 100644 inline personer.yaml\n" + _data(roster))
            for spec in specs:
                out.append(f"M 100644 inline {spec.rel}\n".encode() + _data(_spec_bytes(spec, 0)))
        else:
            i = (c - 1) % len(specs)
            revision[i] += 1
            payload = _spec_bytes(specs[i], revision[i])
            out.append(f"M 100644 inline {specs[i].rel}\n".encode() + _data(payload))
        out.append(b"\n")
    return b"".join(out)


def _spec_bytes(spec: Spec, revision: int) -> bytes:
    return spec_text(spec, revision).encode()


def make_git(root: Path, specs: list[Spec], commits: int) -> None:
    """Build the history with fast-import, then check out the work tree from it."""
    root.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LC_ALL": "C", "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, data: bytes | None = None) -> None:
        subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            env=env,
            input=data,
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    git("fast-import", "--quiet", data=fast_import_stream(specs, commits))
    git("reset", "--hard", "-q", "main")


def generate(root: Path, specs: int, commits: int = 0) -> list[Spec]:
    """Write a repository of `specs` processes at `root`, with `commits` commits when > 0."""
    planned = plan(specs)
    if commits > 0:
        make_git(root, planned, commits)
    else:
        write_files(root, planned)
    return planned


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="the folder to create (must not exist)")
    parser.add_argument("--specs", type=int, default=1000, help="number of process files")
    parser.add_argument("--commits", type=int, default=0, help="git commits (0: no git)")
    args = parser.parse_args(argv)
    if args.root.exists() and any(args.root.iterdir()):
        print(f"{args.root} exists and is not empty", file=sys.stderr)
        return 2
    generate(args.root, args.specs, args.commits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
