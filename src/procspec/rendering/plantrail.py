"""Each plan's own revisions: the commits that changed the aktivitetsplan or the uppföljningsplan.

A process file holds three documents (Örebro Steg 6): the specification, the aktivitetsplan (the
`aktiviteter` key) and the uppföljningsplan (the goals, `mål`, with their `uppföljning`, `nuläge`
and `utfall`, and the measures followed without a target, `mått`). A plan's "Senast ändrad" and
its Revisionshistorik are the commits that changed what the plan shows, not every commit to the
file: a new purpose or a new approval of the specification leaves the plans' dates alone, and a
recorded result moves only the uppföljningsplan's.

How a change is found, from the history `read_history` gives (no git is run here):

- The file's committed versions are read in batches through `History.versions` (one
  `git cat-file --batch` process per batch). Each version is compared with the one before it;
  the oldest version is compared with nothing (the file was added then).
- Two versions are compared as data, so a reformatted list or a moved comment is not a change.
  Parsing every version would dominate a render of a long history, so the plan's keys are first
  compared as written: the lines of each top-level key's block, trailing comment lines left out.
  Equal blocks are equal data (`*` aliases excepted: such a block, and any file this cannot
  read as plain block YAML, is parsed).
- A move or rename of the file is no change: the content is compared, whatever the path.
- An uncommitted change to the plan (the working copy differs from the last commit) is not a
  date: the page keeps the date of the last commit and says that there are changes that are not
  committed, as the specification does. A render for publishing runs on committed files.
- In a shallow clone, the oldest fetched commit shows what the plan was, not when it changed; it
  is listed as the oldest known change and the page says the history may be incomplete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from procspec.git.revisions import History, Revision
from procspec.reading.documents import Document, load_bytes
from procspec.reading.repository import ProcessRecord

PLANS: dict[str, tuple[str, ...]] = {
    "activities": ("aktiviteter",),
    "follow_up": ("mål", "mått"),
    "flow_map": ("processkarta",),
}
"""Each plan and the top-level keys that make it up (SPEC §1); the processkarta page, also kept
in the process file, has its own date the same way."""

BATCH = 2000
"""File versions read from git in one go: bounds the memory a long history needs."""

_KEY_LINE = re.compile(
    r"""^(?:"([^"\\]*)"|'([^']*)'|([^\s#'"\-?:{\[&*!|>%@`][^:#]*?))\s*:(?:\s|$)"""
)
"""A top-level key of a block mapping, plain or quoted (no escapes)."""


Blocks = tuple[str, ...] | None
"""Each plan key's block as written ('' when the file has no such key); None when the text is
not plain block YAML that the lines can be read from."""

_KEYS = frozenset(key for keys in PLANS.values() for key in keys)


def _blocks(raw: bytes) -> dict[str, str] | None:
    """The text of every plan key's top-level block (one pass over the lines), or None when
    only parsing can tell."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    found: dict[str, list[str]] = {}
    seen: set[str] = set()
    current: list[str] | None = None
    for line in text.splitlines():
        if not line or line[0] in " \t#":
            if current is not None:
                current.append(line)
            continue
        if line.startswith(("---", "...")):  # another document: parse
            return None
        if line.startswith("-"):  # an item of an indentless sequence: the block goes on
            if current is None and not seen:
                return None
            if current is not None:
                current.append(line)
            continue
        match = _KEY_LINE.match(line)
        if match is None:  # a directive, flow style: parse
            return None
        key = next(g for g in match.groups() if g is not None).strip()
        if key in seen:  # a duplicate key is an error the checker reports; parse
            return None
        seen.add(key)
        current = None
        if key in _KEYS:
            current = found[key] = [line]
    out: dict[str, str] = {}
    for key in _KEYS:
        lines = found.get(key) or []
        while lines and (not lines[-1].strip() or lines[-1].startswith("#")):
            lines.pop()
        block = "\n".join(lines)
        if "*" in block:  # an alias may name an anchor outside the block
            return None
        out[key] = block
    return out


def _filled(block: str) -> bool | None:
    """Whether a key's block plainly holds something (a nested list or mapping below the key),
    nothing (no key), or None when only parsing can tell (`[]`, a value on the key's line)."""
    if not block:
        return False
    first, *rest = block.split("\n")
    value = first.split(":", 1)[1].split(" #", 1)[0].strip()
    # Only the first line of the body tells; a long plan is not read to its end.
    body = next(
        (text for line in rest if (text := line.strip()) and not text.startswith("#")), None
    )
    if value or body is None or body in ("[]", "{}", "~", "null"):
        return None
    return True


def _section(data: Any, keys: Sequence[str]) -> tuple[Any, ...]:
    """The plan's keys as data; an empty list and a missing key are the same empty plan."""
    if not isinstance(data, dict):
        return tuple(None for _ in keys)
    return tuple(data.get(key) or None for key in keys)


@dataclass
class _Version:
    raw: bytes | None
    blocks: dict[str, Blocks]
    parsed: Any = None
    loaded: bool = False

    def data(self, rel: str) -> Any:
        if not self.loaded:
            self.loaded = True
            if self.raw is not None:
                self.parsed = load_bytes(self.raw, Document(path=Path(rel), rel=rel)).data
        return self.parsed


def _version(raw: bytes | None) -> _Version:
    if raw is None:
        return _Version(None, {plan: tuple("" for _ in keys) for plan, keys in PLANS.items()})
    found = _blocks(raw)
    return _Version(
        raw,
        {
            plan: tuple(found[key] for key in keys) if found is not None else None
            for plan, keys in PLANS.items()
        },
    )


_ABSENT = _version(None)
"""The file before it was added."""


def _differ(plan: str, newer: _Version, older: _Version, rel: str) -> bool:
    a, b = newer.blocks[plan], older.blocks[plan]
    if a is not None and b is not None and a == b:
        return False
    if a is not None and older.raw is None:  # added: is there a plan at all?
        filled = [_filled(block) for block in a]
        if True in filled:
            return True
        if all(f is False for f in filled):
            return False
    keys = PLANS[plan]
    return _section(newer.data(rel), keys) != _section(older.data(rel), keys)


@dataclass(frozen=True)
class PlanTrails:
    """The revisions that changed each plan of one process file, newest first; an uncommitted
    revision leads when the working copy changed the plan."""

    activities: list[Revision]
    follow_up: list[Revision]
    flow_map: list[Revision]


def _trail(
    plan: str,
    record: ProcessRecord,
    revisions: list[Revision],
    versions: dict[tuple[str, str], _Version],
) -> list[Revision]:
    committed = [r for r in revisions if r.committed]
    found: list[Revision] = []
    if revisions and not revisions[0].committed:
        head = versions[(committed[0].sha, committed[0].path)] if committed else _ABSENT
        keys = PLANS[plan]
        if _section(record.doc.data, keys) != _section(head.data(record.rel), keys):
            found.append(revisions[0])
    for i, revision in enumerate(committed):
        newer = versions[(revision.sha, revision.path)]
        if i + 1 < len(committed):
            before = committed[i + 1]
            older = versions[(before.sha, before.path)]
        else:  # added then; at a shallow clone's boundary, the oldest known state
            older = _ABSENT
        if _differ(plan, newer, older, record.rel):
            found.append(revision)
    return found


def plan_trails(history: History, records: Iterable[ProcessRecord]) -> dict[str, PlanTrails]:
    """Each plan's own revisions for `records` (by record id), reading the files' versions
    through `history` in batches."""
    out: dict[str, PlanTrails] = {}
    if not history.available:
        return out
    batch: list[tuple[ProcessRecord, list[Revision]]] = []
    size = 0

    def flush() -> None:
        wanted = [(r.sha, r.path) for _, revs in batch for r in revs if r.committed]
        raw = history.versions(wanted)
        versions = {key: _version(raw.get(key)) for key in wanted}
        for record, revs in batch:
            out[record.id] = PlanTrails(
                activities=_trail("activities", record, revs, versions),
                follow_up=_trail("follow_up", record, revs, versions),
                flow_map=_trail("flow_map", record, revs, versions),
            )

    for record in records:
        revisions = history.of(record.rel)
        batch.append((record, revisions))
        size += len(revisions)
        if size >= BATCH:
            flush()
            batch, size = [], 0
    if batch:
        flush()
    return out


Marks = dict[str, tuple[tuple[int, ...], ...]]
"""Each file's plan trails (by path) as positions in its revisions (`History.of`), one tuple per
plan in the order of `PLANS`: what a copy of the process that found them sends back
(`rendering.trails_ahead`), a small part of the revisions themselves."""


def trail_marks(history: History, records: Sequence[ProcessRecord]) -> Marks:
    """`plan_trails` of `records`, as positions (`Marks`)."""
    trails = plan_trails(history, records)
    marks: Marks = {}
    for record in records:
        trail = trails.get(record.id)
        if trail is None:
            continue
        position = {id(revision): i for i, revision in enumerate(history.of(record.rel))}
        marks[record.rel] = tuple(
            tuple(position[id(revision)] for revision in getattr(trail, plan)) for plan in PLANS
        )
    return marks


def from_marks(
    history: History, records: Iterable[ProcessRecord], marks: Marks
) -> dict[str, PlanTrails]:
    """The trails of `records` (by record id) from their positions (`trail_marks`, found from
    the same history)."""
    out: dict[str, PlanTrails] = {}
    for record in records:
        found = marks.get(record.rel)
        if found is None:
            continue
        revisions = history.of(record.rel)
        out[record.id] = PlanTrails(
            **{plan: [revisions[i] for i in kept] for plan, kept in zip(PLANS, found, strict=True)}
        )
    return out
