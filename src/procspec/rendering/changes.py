"""What changed: the latest changes to the processes, from git, for `andringar.html` and the Atom
feed `andringar.xml` (RFC 4287) that an intranet page or a Teams/Outlook channel follows.

Each entry is one commit's change to one process file: its date (the commit's), the process, who
made it, the commit message (capped) and what changed in words, computed by the same machinery as
`procspec diff` from the file before and after the commit. Dates come from git, never the clock;
entry ids are derived from the commit and the file's path then, so they never change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from procspec.checking.comparison import process_changes
from procspec.git.revisions import History, Revision
from procspec.messages import text
from procspec.reading.repository import ProcessRecord, Repository

LIMIT = 50
"""Entries on the page and in the feed: the latest changes, not the whole history."""
MESSAGE_LIMIT = 300
"""Characters of a commit message shown; longer messages end with '…'."""
CHANGES_SHOWN = 8
"""Changes in words listed per entry; more are summed up as a number."""

_NAMESPACE = uuid.UUID("4f0c2b1e-3c55-5d2a-9a8e-7f6a1c2d9b10")
"""procspec's namespace for the name-based (version 5) UUIDs of feed and entry ids."""

CHANGES_PAGE = "andringar"


@dataclass(frozen=True)
class ChangeEntry:
    id: str
    anchor: str
    date: str
    updated: str
    process_id: str
    process: str
    href: str
    author: str
    email: str
    subject: str
    message: str
    version: str
    added: bool
    changes: list[str]
    more: int


@dataclass(frozen=True)
class Changes:
    available: bool
    entries: list[ChangeEntry]
    feed_id: str
    updated: str


def cap(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """`text` with its whitespace tidied, cut at a word before `limit` characters with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,.;:") + "…"


def rfc3339(moment: datetime) -> str:
    """A git date as RFC 3339 (Atom's date format), in UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed_id(repo: Repository) -> str:
    """The feed's permanent id: its address under `publicering.bas_url`, else a name-based UUID
    of the organisation (stable as long as the organisation's name is)."""
    base = repo.settings.publishing.base_url
    if base:
        return base.rstrip("/") + "/" + CHANGES_PAGE + ".xml"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, repo.settings.organisation)}"


def _data(raw: bytes | None, rel: str) -> dict[str, object]:
    if raw is None:
        return {}
    from pathlib import Path

    from procspec.reading.documents import Document, load_bytes

    doc = load_bytes(raw, Document(path=Path(rel), rel=rel))
    return dict(doc.data) if isinstance(doc.data, dict) else {}


def latest(
    repo: Repository,
    history: History | None,
    names: dict[str, str],
    hrefs: dict[str, str],
    today: datetime,
) -> Changes:
    """The latest `LIMIT` changes to the processes of `repo`, newest first."""
    fid = feed_id(repo)
    if history is None or not history.available:
        return Changes(False, [], fid, rfc3339(today))
    candidates: list[tuple[Revision, str, str, Revision | None]] = []
    newest: dict[tuple[str, str], ProcessRecord] = {}
    for record in repo.records:
        if record.id not in names:
            continue
        every = history.of(record.rel)
        revisions = [r for r in every if r.committed]
        if every and every[0].committed:
            newest[(every[0].sha, every[0].path)] = record
        for i, revision in enumerate(revisions):
            if history.at_boundary(revision):
                continue  # a shallow clone's oldest commit shows the file, not a change
            before = revisions[i + 1] if i + 1 < len(revisions) else None
            candidates.append((revision, record.id, record.rel, before))
    candidates.sort(key=lambda c: (c[0].date, c[0].sha, c[1]), reverse=True)
    chosen = candidates[:LIMIT]
    wanted: list[tuple[str, str]] = []
    for revision, _, _, before in chosen:
        wanted.append((revision.sha, revision.path))
        if before is not None:
            wanted.append((before.sha, before.path))
    # The newest commit of a file holds it as it is on disk: no need to read it from git. Only
    # the chosen changes' files are asked for their data (which a cached document decodes).
    current: dict[tuple[str, str], dict[str, object]] = {}
    for key in wanted:
        held = newest.get(key)
        if held is not None and key not in current and isinstance(data := held.doc.data, dict):
            current[key] = dict(data)
    blobs = history.versions([key for key in wanted if key not in current])
    parsed = {key: current.get(key) or _data(blobs.get(key), key[1]) for key in wanted}
    others: dict[str, dict[str, object]] = {other: {"namn": name} for other, name in names.items()}
    entries = []
    for revision, pid, _rel, before in chosen:
        after = (revision.path, parsed[(revision.sha, revision.path)])
        words: list[str] = []
        if before is not None:
            prior = (before.path, parsed[(before.sha, before.path)])
            found = process_changes(pid, prior, after, others, repo.roster)
            words = [cap(text(change.message, repo.lang), 200) for change in found]
        name = names[pid]
        entries.append(
            ChangeEntry(
                id=f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{revision.sha}:{revision.path}')}",
                anchor=f"andring-{revision.short}-{hrefs[pid].removesuffix('.html')}",
                date=revision.date.date().isoformat(),
                updated=rfc3339(revision.date),
                process_id=pid,
                process=name,
                href=hrefs[pid],
                author=revision.author,
                email=revision.email,
                subject=cap(revision.subject, 120),
                message=cap(revision.message),
                version=revision.short,
                added=before is None,
                changes=words[:CHANGES_SHOWN],
                more=max(0, len(words) - CHANGES_SHOWN),
            )
        )
    updated = entries[0].updated if entries else rfc3339(today)
    return Changes(True, entries, fid, updated)
