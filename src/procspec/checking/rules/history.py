"""PS601–PS603: the revision trail in git — review due, history missing, changed after approval.

Source: Örebro Steg 6 ("Dokumentera processen"; processen ska följas upp och förbättras
kontinuerligt); Botkyrka Bilaga 1 (processägaren fastställer dokumentationen). The history comes
from `procspec.git.log.read_history` through `Context.history`; when no history was read (None) the
rules are skipped without a word, and when it is absent or incomplete PS602 says so once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from procspec.checking.hierarchy import Context
from procspec.checking.registry import rule
from procspec.git.revisions import Revision
from procspec.messages import say
from procspec.problem import Problem, Severity
from procspec.reading.dates import add_months
from procspec.reading.model import Process
from procspec.reading.repository import SETTINGS_FILE, ProcessRecord


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
    sv="Dags för granskning",
    en="Due for review",
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
    sv="Git-historiken saknas eller är ofullständig",
    en="Git history absent or incomplete",
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


def _approval_candidate(ctx: Context, record: ProcessRecord, model: Process) -> Revision | None:
    """The newest change after the approval day, if any (same-day changes belong to it)."""
    if ctx.history is None or not ctx.history.available or model.approved is None:
        return None
    revisions = ctx.history.of(record.rel)
    if not revisions:
        return None
    newest = revisions[0]
    if _changed_on(newest, ctx.today) <= model.approved.date:
        return None
    if ctx.history.at_boundary(newest):
        return None  # a shallow clone's oldest commit: when the file changed is not known
    return newest


def _only_change_after(ctx: Context, record: ProcessRecord, approved: date) -> bool:
    """Whether the newest revision is the only one after the approval day."""
    assert ctx.history is not None
    revisions = ctx.history.of(record.rel)
    return len(revisions) < 2 or _changed_on(revisions[1], ctx.today) <= approved


def _before(
    record: ProcessRecord, candidate: Revision, revisions: list[Revision]
) -> tuple[str, str]:
    """The revision and path of the file just before `candidate`."""
    previous = revisions[1] if len(revisions) > 1 else None
    path = previous.path if previous is not None else candidate.path
    if not candidate.committed:
        return "HEAD", path
    return f"{candidate.sha}^", path


def _earlier_data(raw: bytes | None, record: ProcessRecord) -> dict[str, object]:
    """A file's earlier content as data (empty when absent or unreadable)."""
    if raw is None:
        return {}
    from procspec.reading.documents import Document, load_bytes

    doc = load_bytes(raw, Document(path=record.doc.path, rel=record.rel))
    return dict(doc.data) if isinstance(doc.data, dict) else {}


NOT_CONTENT = frozenset({"granskad"})
"""Keys whose change does not alter what was approved: a review record states that the
specification is still current."""


def _content(data: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in data.items() if key not in NOT_CONTENT}


@rule(
    "PS603",
    Severity.WARNING,
    sv="Ändrad efter fastställelsen",
    en="Changed after approval",
    source="Botkyrka Bilaga 1 (processägaren fastställer, processansvarig godkänner "
    "dokumentationen)",
    bad="# ändrad i git 2026-05-10\nfastställd:\n  av: anna.berg\n  datum: 2026-03-01\n",
    good="# ändrad i git 2026-05-10\nfastställd:\n  av: anna.berg\n  datum: 2026-05-12\n"
    "  diarienummer: KS 2026/112\n",
)
def approval(ctx: Context) -> Iterator[Problem]:
    """En fastställd processdokumentation är ett beslutat dokument: den som läser den ska kunna
    lita på att den är den som processägaren fastställde. Regeln varnar när filen har ändrats i
    git efter dagen i `fastställd.datum` (ändringar samma dag räknas till beslutet, och ändringar
    som inte är incheckade räknas som gjorda i dag). Den ändring som själv skrev in den nuvarande
    fastställelsen räknas inte: att föra in beslutet i efterhand är ingen ändring efter beslutet.
    Inte heller en flytt eller ett namnbyte av filen, eller en ändring som bara för in en
    granskning (`granskad`), när den är den enda ändringen efter beslutet: det fastställda
    innehållet är detsamma.
    Processägaren fastställer då dokumentet igen och uppdaterar `fastställd`. I en grund klon
    räknas bara ändringar i den hämtade delen, inte den äldsta hämtade incheckningen."""
    if ctx.history is None or not ctx.history.available:
        return
    candidates: list[tuple[ProcessRecord, Process, Revision, tuple[str, str]]] = []
    for record, model in ctx.processes():
        candidate = _approval_candidate(ctx, record, model)
        if candidate is None:
            continue
        revisions = ctx.history.of(record.rel)
        if len(revisions) == 1 and not ctx.history.shallow:
            continue  # the file was created with its approval in it
        before = _before(record, candidate, revisions)
        candidates.append((record, model, candidate, before))
    if not candidates:
        return
    earlier = ctx.history.versions([c[3] for c in candidates])
    for record, model, candidate, before in candidates:
        assert model.approved is not None
        if before in earlier:
            previous = _earlier_data(earlier[before], record)
            current = record.doc.data if isinstance(record.doc.data, dict) else {}
            if previous.get("fastställd") != current.get("fastställd"):
                continue  # this change recorded the approval itself
            if _content(previous) == _content(current) and _only_change_after(
                ctx, record, model.approved.date
            ):
                continue  # a move, or a review record: what was approved is unchanged
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
