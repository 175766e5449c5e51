"""`procspec validate` pays for what changed: the problems of every unchanged file are kept.

The whole-outcome cache (`procspec.features.cache`) answers when nothing changed. When something
did, this module keeps, per process file, what the last run found in it, in
`.procspec-cache/validate-files.msgpack`:

- the file's key: its digest as the whole-outcome key hashed it (its path, where a link points,
  its bytes) and git's uncommitted-change entries that name it;
- its problems from reading it and from every `FILE` rule (`procspec.checking.registry`), before
  severities and ignore comments are settled, and the codes its ignore comments silence;
- its facts (`procspec.checking.facts`): what the other processes' rules read of it.

The entry as a whole is keyed by what every file's problems depend on: procspec itself, the date
(`--today`, and the real date that uncommitted changes are dated with), procspec.yaml, the
profile, personer.yaml and git's HEAD and shallow boundary. Another key is a full run.

A run with the same entry key reads, models and checks with the `FILE` rules only the files whose
key changed, and the files below a process whose facts changed (they inherit roles and levels
from it); every other file keeps its problems. The `REPOSITORY` rules, which compare processes
with each other, run over the facts of every file each time. A file added, removed or renamed
changes the set of ids every reference is checked against: that is a full run, and so is a
change of more than a quarter of the files (and more than `FEW`), where keeping saves nothing. A
full run stores the entry again, so the next run can keep. On several cores a full run is
`check_on_cores`: the same split, with the `FILE` rules run by the workers that read the files
(`procspec.checking.pool`).

The entry is untrusted input like the rest of the cache: MessagePack decoded into typed structs
(msgspec) and read through `procspec.reading.cachefolder` (no links, no special files, a size
cap); anything that does not decode or check is a full run, never an error.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

import msgspec

from procspec.checking import checker, pool
from procspec.checking.checker import context, ignored_codes, run_scope, settle, severities
from procspec.checking.checker import silenced as silenced_codes
from procspec.checking.facts import Facts, affected, facts_of
from procspec.checking.registry import FILE, REPOSITORY
from procspec.collection import lean_gc
from procspec.features import cache
from procspec.git.revisions import History
from procspec.problem import Outcome, Problem
from procspec.reading import cachefolder
from procspec.reading.filecache import StoredProblem, problem_of, stored_problem
from procspec.reading.repository import (
    ProcessRecord,
    Repository,
    open_repository,
    read_document,
    read_records,
    rel_path,
)

ENTRY_FILE = "validate-files.msgpack"
FORMAT = 1
"""Bumped when the layout of the entry, or what a rule's scope promises, changes."""
MAX_ENTRY_BYTES = 512 * 1024 * 1024
"""The most of the entry that is read: ample for 10,000 processes' problems and facts."""
MOST_CHANGED = 0.25
"""When more than this share of the files changed (and more than `FEW`), a full run costs no
more than keeping."""
FEW = 16


class StoredFile(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """What the last run found in one process file."""

    rel: str
    key: str
    silenced: list[str]
    problems: list[StoredProblem]
    facts: Facts


class Entry(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    format: int
    key: str
    files: list[StoredFile]


_DECODER = msgspec.msgpack.Decoder(Entry)
HistoryFor = Callable[[Repository], History | None]


class Kept:
    """The per-file results of a run, to be stored once its outcome is known to be current."""

    def __init__(self, key: str, files: list[StoredFile]) -> None:
        self.key = key
        self.files = files

    def save(self, root: Path) -> None:
        """Write the entry atomically; any failure (read-only repository, full disk, a file name
        that is not UTF-8, a number MessagePack cannot hold) is ignored."""
        try:
            data = msgspec.msgpack.encode(Entry(FORMAT, self.key, self.files))
        except (UnicodeEncodeError, OverflowError):  # an integer beyond 64 bits in the facts
            return
        cachefolder.write_entry(root, ENTRY_FILE, data)


def check(
    repo: Repository, today: date, history: History | None, hashed: cache.Hashed | None
) -> tuple[Outcome, Kept | None]:
    """Every problem in `repo` (a full run) and, with `hashed`, its per-file results to keep."""
    with lean_gc():  # the loaded repository lives to the end: the collector leaves it alone
        checked = checker.check(repo, today, history)
    key = _entry_key(cache.plan_of(repo.settings), today, hashed)
    if hashed is None or key is None:
        return checked.outcome, None
    keys = _file_keys(hashed, [record.rel for record in repo.records])
    files = _stored(repo.records, checked.local, keys, checked.context.index)
    return checked.outcome, (Kept(key, files) if files is not None else None)


def check_on_cores(
    repo: Repository,
    paths: list[Path],
    today: date,
    history_for: HistoryFor,
    hashed: cache.Hashed | None,
    *,
    use_cache: bool,
    progress: Callable[[int, int, str], None] | None = None,
    all_read: Callable[[], None] | None = None,
) -> tuple[Outcome, Kept | None] | None:
    """`check` for a repository opened but not read (`open_repository`), done on every core by
    `procspec.checking.pool` (`all_read` as there); None when that does not pay or its workers
    failed (then the caller reads the files and checks in one process)."""
    configured = severities(repo)  # refuses unknown codes before any file is read
    spread = pool.check_on_cores(
        repo, paths, today, history_for, cache=use_cache, progress=progress, all_read=all_read
    )
    if spread is None:
        return None
    problems = [*repo.problems, *(p for one in spread.files for p in one.problems), *spread.shared]
    silenced = {one.facts.rel: one.silenced for one in spread.files}
    outcome = _outcome(repo, problems, configured, silenced, len(spread.files))
    key = _entry_key(cache.plan_of(repo.settings), today, hashed)
    if hashed is None or key is None:
        return outcome, None
    keys = _file_keys(hashed, [one.facts.rel for one in spread.files])
    files = [
        StoredFile(one.facts.rel, keys[one.facts.rel], one.silenced, one.stored, one.facts)
        for one in spread.files
    ]
    return outcome, Kept(key, files)


def recheck(
    root: Path,
    plan: cache.Plan,
    today: date,
    hashed: cache.Hashed,
    history_for: HistoryFor,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[Repository, Outcome, Kept] | None:
    """The outcome from the kept results of the files that did not change and a run over those
    that did; None when the entry cannot serve (then a full run follows)."""
    key = _entry_key(plan, today, hashed)
    found = _read(root, key) if key is not None else None
    if key is None or found is None:
        return None
    entry, stored_problems = found
    repo, paths = open_repository(root, cache=True)
    if cache.plan_of(repo.settings) != plan:
        return None
    rels = [rel_path(root, path) for path in paths]
    keys = _file_keys(hashed, rels)
    before = {stored.rel: stored for stored in entry.files}
    if len(before) != len(entry.files):
        return None
    at = {rel: i for i, rel in enumerate(rels)}
    changed = [rel for rel in rels if (old := before.get(rel)) is None or old.key != keys[rel]]
    if len(changed) > max(MOST_CHANGED * len(rels), FEW):
        return None
    read = _read_records(repo, paths, at, changed, progress)
    index = [facts_of(read[rel]) if rel in read else before[rel].facts for rel in rels]
    below = affected([stored.facts for stored in entry.files], index)
    if below is None:
        return None
    read.update(_read_records(repo, paths, at, sorted(below - read.keys(), key=at.__getitem__)))
    repo.records = [read[rel] for rel in rels if rel in read]
    for record in repo.records:
        repo.problems.extend(record.problems)
    configured = severities(repo)
    ctx = context(
        repo,
        today,
        history_for(repo),
        index=index,
        documents=lambda rel: read_document(root, paths[at[rel]]),
    )
    local = run_scope(ctx, FILE)
    files = _stored(repo.records, local, keys, [index[at[record.rel]] for record in repo.records])
    if files is None:
        return None
    shared = run_scope(ctx, REPOSITORY)
    kept_problems: list[Problem] = []
    silenced: dict[str, list[str]] = {}
    stored_files: list[StoredFile] = []
    fresh = {stored.rel: stored for stored in files}
    for rel in rels:
        if rel in fresh:
            stored_files.append(fresh[rel])
            continue
        old = before[rel]
        stored_files.append(old)
        kept_problems.extend(stored_problems[rel])
        silenced[rel] = old.silenced
    problems = [*repo.problems, *local, *shared, *kept_problems]
    outcome = _outcome(repo, problems, configured, silenced, len(rels))
    return repo, outcome, Kept(key, stored_files)


def _outcome(
    repo: Repository,
    problems: list[Problem],
    configured: dict[str, str],
    silenced: Mapping[str, Sequence[str]],
    files: int,
) -> Outcome:
    """The outcome of a run over `files` process files (and procspec.yaml and personer.yaml)
    whose models are not all in `repo`: the ignore comments of the files not read here are
    `silenced`, by file, as they were kept."""
    ignored = ignored_codes(repo)
    for rel, codes in silenced.items():
        if codes:
            ignored.setdefault(rel, set()).update(codes)
    return Outcome(settle(problems, repo, configured, ignored), files + 2)


def still_current(root: Path, hashed: cache.Hashed, repo: Repository) -> bool:
    """Whether the files a kept run read are still those its key hashed (a file saved during the
    run must not be stored with the key of its old content)."""
    if cache.configuration_digest(root, cache.plan_of(repo.settings)) != hashed.configuration:
        return False
    return all(cache.still_read(hashed, record.rel, record.doc.path) for record in repo.records)


def _read_records(
    repo: Repository,
    paths: list[Path],
    at: dict[str, int],
    rels: list[str],
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, ProcessRecord]:
    if not rels:
        return {}
    records = read_records(repo, [paths[at[rel]] for rel in rels], cache=True, progress=progress)
    return {record.rel: record for record in records}


def _entry_key(plan: cache.Plan, today: date, hashed: cache.Hashed | None) -> str | None:
    """The key of everything every file's problems depend on (see the module docstring); None
    when git did not answer so that a file's uncommitted changes can be told."""
    if hashed is None or hashed.git is None or hashed.git.uncommitted is None:
        return None
    h = hashlib.blake2b(digest_size=32)
    h.update(f"{FORMAT}\0{cachefolder.package_fingerprint()}\0".encode())
    h.update(f"{today.isoformat()}\0{date.today().isoformat()}\0".encode())
    h.update(f"{plan.processes}\0{plan.profile}\0{plan.language}\0".encode())
    h.update(hashed.configuration.encode())
    h.update(b"\2git\0" + hashed.git.common().encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _file_keys(hashed: cache.Hashed, rels: Iterable[str]) -> dict[str, str]:
    """Each file's key: its digest and git's uncommitted-change entries that name it."""
    status = hashed.git.uncommitted if hashed.git is not None else None
    status = status or {}
    keys = {}
    for rel in rels:
        digest = hashed.files.get(rel)
        keys[rel] = f"{digest}\0{status.get(rel, '')}" if digest else os.urandom(16).hex()
    return keys


def _stored(
    records: list[ProcessRecord], local: list[Problem], keys: dict[str, str], facts: list[Facts]
) -> list[StoredFile] | None:
    """The per-file results of `records` (with their `facts`, in the same order); None when a
    `FILE` rule placed a problem in a file it was not given (its scope would be wrong, and
    nothing is kept)."""
    by_rel: dict[str, list[StoredProblem]] = {record.rel: [] for record in records}
    for problem in local:
        found = by_rel.get(problem.path)
        if found is None:
            return None
        found.append(stored_problem(problem))
    files = []
    for record, own in zip(records, facts, strict=True):
        problems = [stored_problem(p) for p in record.problems] + by_rel[record.rel]
        silenced = sorted(silenced_codes(record.doc))
        files.append(StoredFile(record.rel, keys[record.rel], silenced, problems, own))
    return files


def _read(root: Path, key: str) -> tuple[Entry, dict[str, list[Problem]]] | None:
    """The stored entry with the problems of each of its files, or None when it is missing,
    foreign, corrupt or for another key."""
    try:
        raw = cachefolder.read_entry(root, ENTRY_FILE, MAX_ENTRY_BYTES)
        if raw is None:
            return None
        entry = _DECODER.decode(raw)
        if entry.format != FORMAT or entry.key != key:
            return None
        problems: dict[str, list[Problem]] = {}
        for stored in entry.files:  # a crafted entry must not fail the run later
            if stored.facts.rel != stored.rel:
                return None
            problems[stored.rel] = [problem_of(stored.rel, p) for p in stored.problems]
        return entry, problems
    except Exception:  # a corrupt or unreadable cache is no cache
        return None
