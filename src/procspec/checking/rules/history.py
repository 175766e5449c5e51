"""PS601–PS603: the revision trail in git — review due, history missing, changed after approval.

Source: Örebro Steg 6 ("Dokumentera processen"; processen ska följas upp och förbättras
kontinuerligt); Botkyrka Bilaga 1 (processägaren fastställer dokumentationen). The history comes
from `procspec.git.log.read_history` through `Context.history`; when no history was read (None) the
rules are skipped without a word, and when it is absent or incomplete PS602 says so once.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from procspec.checking.hierarchy import Context
from procspec.checking.registry import FILE, REPOSITORY, rule
from procspec.git.revisions import Revision
from procspec.messages import say
from procspec.problem import Problem, Severity
from procspec.reading.dates import add_months
from procspec.reading.model import Process
from procspec.reading.repository import SETTINGS_FILE, ProcessRecord, Repository

if TYPE_CHECKING:
    from procspec.git.revisions import MainlineCommit


REVISION_RULES = ("PS601", "PS603")
"""The `FILE` rules that read a file's revisions; the other `FILE` rules never read the history
(`procspec.checking.pool` runs them before the history is read)."""


def history_need(repo: Repository) -> Literal["log", "presence", "none"]:
    """How much of the git history the rules will read with the repository's settings: the
    revisions ("log", for PS601 or PS603), only whether there is a history and how complete
    ("presence", for PS602 alone), or nothing when all three are `off`."""
    configured = {**repo.profile.rules, **repo.settings.rules}
    if any(configured.get(code) != "off" for code in REVISION_RULES):
        return "log"
    return "presence" if configured.get("PS602") != "off" else "none"


def _changed_on(revision: Revision, today: date) -> date:
    """Uncommitted changes count as changed today."""
    return revision.date.date() if revision.committed else today


def last_change(ctx: Context, record: ProcessRecord) -> date | None:
    """The day `record`'s file last changed in git (today when it has uncommitted changes), or
    None when the history does not know."""
    if ctx.history is None or not ctx.history.available:
        return None
    revisions = ctx.history.of(record.rel)
    return _changed_on(revisions[0], ctx.today) if revisions else None


def review_due(ctx: Context, record: ProcessRecord, model: Process) -> date | None:
    """The day a review is due: `granskning_månader` after the later of the last change in git
    and `granskad.datum`; None when the history does not know the last change. The `status`
    command lists specifications whose review falls due within 30 days from this."""
    changed = last_change(ctx, record)
    if changed is None:
        return None
    latest = max(changed, model.reviewed.date) if model.reviewed is not None else changed
    return add_months(latest, ctx.repo.settings.review_months)


@rule(
    "PS601",
    Severity.WARNING,
    scope=FILE,
    source="Örebro Steg 6 (följa upp och förbättra processen kontinuerligt); procspec.yaml "
    "granskning_månader",
    bad="# senast ändrad i git 2024-05-02, aldrig granskad\nnamn: Följa upp budget\n",
    good="namn: Följa upp budget\ngranskad:\n  av: anna.berg\n  datum: 2026-10-01\n"
    "  kommentar: Stämmer med arbetssättet.\n",
)
def review(ctx: Context) -> Iterator[Problem]:
    """En processspecifikation ska hållas aktuell. Regeln varnar när filen varken har ändrats i
    git eller granskats (`granskad.datum`) under de senaste `granskning_månader` månaderna
    (standard 12, i procspec.yaml). Den senaste ändringen är den senaste incheckningen som rörde
    filen, flyttar och namnbyten inräknade; ändringar som inte är incheckade räknas som ändrade
    i dag. När specifikationen fortfarande stämmer skriver processägaren `granskad` med `av` och
    `datum`, så börjar tiden om. Utan git-historik hoppas regeln över (se PS602); i en grund
    klon räknas den äldsta hämtade incheckningen som senaste ändring för filer som inte ändrats
    efter den (filen kan ha ändrats tidigare, aldrig senare)."""
    if ctx.history is None or not ctx.history.available:
        return
    months = ctx.repo.settings.review_months
    for record, model in ctx.processes():
        due = review_due(ctx, record, model)
        if due is None or ctx.today <= due:
            continue
        changed = last_change(ctx, record)
        reviewed = (
            say("PS601.reviewed", date=model.reviewed.date.isoformat())
            if model.reviewed is not None
            else ""
        )
        yield ctx.problem(
            "PS601",
            record,
            ("granskad", "datum") if model.reviewed is not None else (),
            "PS601.one" if months == 1 else "PS601",
            on_key=False,
            changed=changed.isoformat() if changed else "?",
            reviewed=reviewed,
            due=due.isoformat(),
            months=months,
            today=ctx.today.isoformat(),
        )


@rule(
    "PS602",
    Severity.INFO,
    scope=REPOSITORY,
    source="procspec (git är revisionsspåret); GitHub Actions actions/checkout fetch-depth",
    bad="# .github/workflows/procspec.yml\n- uses: actions/checkout@v4\n",
    good="# .github/workflows/procspec.yml\n- uses: actions/checkout@v4\n  with:\n"
    "    fetch-depth: 0\n",
)
def history_available(ctx: Context) -> Iterator[Problem]:
    """Reglerna PS601 och PS603 bygger på git-historiken. När förrådet inte ligger i git, git
    saknas eller git vägrar läsa förrådet ("dubious ownership") hoppas de över; i en grund klon
    (CI:s standard, `fetch-depth: 1`) gäller de bara det som finns i den hämtade delen: den äldsta
    hämtade incheckningen är den äldsta kända versionen av varje fil, men inte en känd ändring. Regeln
    säger det en gång, på `procspec.yaml` rad 1, eftersom det gäller hela förrådet och inte en
    process; meddelandet säger hur det rättas. Stäng av den med `regler: {PS602: off}` där det
    är avsiktligt."""
    history = ctx.history
    if history is None or (history.available and not history.shallow):
        return
    if not history.available:
        message = say("PS602.absent", reason=history.reason or "")
    else:
        message = say("PS602.shallow")
    yield Problem(SETTINGS_FILE, 1, 1, "PS602", Severity.INFO, message)


def _earlier_data(raw: bytes | None, record: ProcessRecord) -> dict[str, object]:
    """A file's earlier content as data (empty when absent or unreadable)."""
    if raw is None:
        return {}
    from procspec.reading.documents import Document, load_bytes

    doc = load_bytes(raw, Document(path=record.doc.path, rel=record.rel))
    return dict(doc.data) if isinstance(doc.data, dict) else {}


NOT_CONTENT = frozenset({"granskad", "fastställd", "godkänd"})
"""Keys that record decisions about the specification rather than say what it is: a review
record states that it is still current, and the approvals are the decisions themselves."""

MAX_COMPARED = 200
"""Revisions after an approval whose content is read; beyond them the oldest is not looked at."""


def _content(data: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in data.items() if key not in NOT_CONTENT}


@dataclass
class _Approval:
    """One process's revisions around its approval day: those after it (newest first by date),
    and the branch's state on that day (the newest first-parent commit of that day or before,
    and the file's path then), None when the branch has no commit that early."""

    record: ProcessRecord
    model: Process
    after: list[Revision]
    base: str | None
    base_paths: tuple[str, ...]


@dataclass(frozen=True)
class _Mainline:
    """The branch's first-parent line, indexed once for every approval day: the first commit of a
    day or before and whether a merge came after it, found by bisection (a long history has tens
    of thousands of commits, and every approved process asks)."""

    commits: Sequence[MainlineCommit]
    keys: list[int]
    """Minus the earliest day among the commits up to each one (never falls: bisectable)."""
    merges: list[int]
    """The number of merges before each commit, and in the whole line at the end."""

    @classmethod
    def of(cls, commits: Sequence[MainlineCommit]) -> _Mainline:
        """The index of `commits`; the last one made again when asked for the same line
        (`History.mainline` gives the same sequence each time)."""
        if _LAST and _LAST[0].commits is commits:
            return _LAST[0]
        made = cls._made(commits)
        _LAST[:] = [made]
        return made

    @classmethod
    def _made(cls, commits: Sequence[MainlineCommit]) -> _Mainline:
        keys: list[int] = []
        merges = [0]
        lowest: int | None = None
        for commit in commits:
            day = commit.date.date().toordinal()
            lowest = day if lowest is None else min(lowest, day)
            keys.append(-lowest)
            merges.append(merges[-1] + int(commit.merge))
        return cls(commits, keys, merges)

    def base(self, day: date) -> int | None:
        """The index of the newest commit of `day` or before, None when there is none."""
        index = bisect.bisect_left(self.keys, -day.toordinal())
        return index if index < len(self.commits) else None

    def merged_since(self, index: int | None) -> bool:
        """Whether a merge came into the branch after the commit at `index` (all: None)."""
        return self.merges[len(self.commits) if index is None else index] > 0


_LAST: list[_Mainline] = []
"""The line indexed last, kept with the line itself (so `is` cannot meet another line)."""


def _around_approval(
    ctx: Context, record: ProcessRecord, model: Process, line: _Mainline
) -> _Approval | None:
    """The revisions to judge, or None when nothing can have changed after the approval day
    (same-day changes belong to it): no change of the file after it, and no merge into the
    branch after it that could have brought one. A shallow clone's boundary commit alone is no
    known change."""
    if ctx.history is None or model.approved is None:
        return None
    revisions = ctx.history.of(record.rel)  # newest first, by commit date
    day = model.approved.date
    if not revisions:
        return None
    base_index = line.base(day)
    merged = line.merged_since(base_index)
    after = [r for r in revisions if _changed_on(r, ctx.today) > day]
    if not after and not merged:
        return None
    if after and after[0] is revisions[0] and ctx.history.at_boundary(revisions[0]):
        return None  # a shallow clone's oldest commit: when the file changed is not known
    base = line.commits[base_index] if base_index is not None else None
    paths: tuple[str, ...] = ()
    if base is not None:
        then = next((r.path for r in revisions if r.committed and r.date <= base.date), None)
        paths = tuple(dict.fromkeys(p for p in (then, record.rel) if p is not None))
    return _Approval(record, model, after[:MAX_COMPARED], base.sha if base else None, paths)


def _judge(
    found: _Approval, current: dict[str, object], read: dict[tuple[str, str], bytes | None]
) -> tuple[bool, Revision | None]:
    """Whether the content differs from the approved version, and the revision that changed it
    when the file's own history shows it. The approved version is the file as the branch had
    it on the approval day; when the approval was recorded later (or the file was first
    committed after it), the version that recorded the approval as it stands now."""

    def content(revision: Revision) -> dict[str, object] | None:
        if not revision.committed:
            return current
        raw = read.get((revision.sha, revision.path))
        return None if raw is None else _earlier_data(raw, found.record)

    approval = current.get("fastställd")
    baseline: dict[str, object] | None = None
    if found.base is not None:
        for path in found.base_paths:
            raw = read.get((found.base, path))
            if raw is not None:
                baseline = _earlier_data(raw, found.record)
                break
    newer = found.after
    if baseline is None or baseline.get("fastställd") != approval:
        recorded: int | None = None
        for index, revision in enumerate(found.after):
            data = content(revision)
            if data is None or data.get("fastställd") != approval:
                break
            recorded, baseline = index, data
        if recorded is not None:
            newer = found.after[:recorded]
    if baseline is None:  # the approved version cannot be read: the newest change stands
        return bool(found.after), found.after[0] if found.after else None
    approved = _content(baseline)
    if _content(current) == approved:
        return False, None
    for revision in reversed(newer):  # the first change away from the approved content
        data = content(revision)
        if data is None or _content(data) != approved:
            return True, revision
    return True, None


@rule(
    "PS603",
    Severity.WARNING,
    scope=FILE,
    source="Botkyrka Bilaga 1 (processägaren fastställer, processansvarig godkänner "
    "dokumentationen)",
    bad="# ändrad i git 2026-05-10\nfastställd:\n  av: anna.berg\n  datum: 2026-03-01\n",
    good="# ändrad i git 2026-05-10\nfastställd:\n  av: anna.berg\n  datum: 2026-05-12\n"
    "  diarienummer: KS 2026/112\n",
)
def approval(ctx: Context) -> Iterator[Problem]:
    """En fastställd processdokumentation är ett beslutat dokument: den som läser den ska kunna
    lita på att den är den som processägaren fastställde. Regeln jämför innehållet i dag med den
    version som gällde dagen i `fastställd.datum` (ändringar samma dag räknas till beslutet, och
    ändringar som inte är incheckade räknas som gjorda i dag), och varnar när innehållet skiljer
    sig. Fördes beslutet in i filen först senare, eller checkades filen in första gången efter
    beslutet, är det den version som förde in den nuvarande fastställelsen som jämförs.
    Det som räknas är innehållet: en flytt eller ett namnbyte av filen, en granskning
    (`granskad`) och själva beslutsuppgifterna (`fastställd`, `godkänd`) ändrar inte det
    fastställda. Versionerna ordnas efter datum, hur grenar och sammanslagningar än går.
    Processägaren fastställer då dokumentet igen och uppdaterar `fastställd`. I en grund klon
    räknas bara ändringar i den hämtade delen, inte den äldsta hämtade incheckningen."""
    if ctx.history is None or not ctx.history.available:
        return
    history = ctx.history
    approved = [(record, model) for record, model in ctx.processes() if model.approved]
    line = _Mainline.of(history.mainline() if approved else [])
    found = [
        around
        for record, model in approved
        if (around := _around_approval(ctx, record, model, line)) is not None
    ]
    if not found:
        return
    wanted = [(r.sha, r.path) for around in found for r in around.after if r.committed]
    wanted += [(a.base, path) for a in found if a.base is not None for path in a.base_paths]
    read = history.versions(wanted)
    for around in found:
        record, model = around.record, around.model
        assert model.approved is not None
        current = record.doc.data if isinstance(record.doc.data, dict) else {}
        changed, candidate = _judge(around, current, read)
        if not changed:
            continue
        if candidate is None and around.base is not None:
            # Brought in by a merge: the branch's own commit that changed the file.
            brought = history.brought_in(around.base, record.rel)
            candidate = brought[-1] if brought else None
        if candidate is None:
            candidate = around.after[0] if around.after else history.of(record.rel)[0]
        what = (
            say("PS603.commit", sha=candidate.short, subject=candidate.subject)
            if candidate.committed
            else say("PS603.uncommitted")
        )
        yield ctx.problem(
            "PS603",
            record,
            ("fastställd", "datum"),
            "PS603",
            on_key=False,
            changed=_changed_on(candidate, ctx.today).isoformat(),
            what=what,
            approved=model.approved.date.isoformat(),
        )
