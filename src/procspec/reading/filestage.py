"""The per-file stage: every process file read and parsed into a `Document`, from the per-file
cache where it can, on every core where that pays.

Parsing a file depends on that file alone, so files are parsed in a process pool over contiguous
chunks and the documents put back in file order: the output is the same as a serial run's, byte
for byte. The pool is used when it saves time: with more than one CPU available to this process
(`os.sched_getaffinity`) and at least `PARALLEL_MIN` files to parse. `PROCSPEC_JOBS=N` asks for N
processes whatever the size (`1`: one core, no pool); `auto` or nothing is the default. A pool
that cannot start or whose worker fails is never an error: whatever it did not finish is parsed
serially.

May import: the standard library, `procspec.collection` and the reading modules `documents` and
`filecache`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from procspec.collection import in_a_copy
from procspec.reading.documents import Document, load_bytes, read_file
from procspec.reading.filecache import FileCache, decode, encode, file_key

JOBS_VARIABLE = "PROCSPEC_JOBS"
PARALLEL_MIN = 100
"""Fewer files to parse than this are parsed in this process: starting the pool and sending the
documents back costs about as much as parsing this many (measured on the benchmark corpus)."""
CHUNKS_PER_JOB = 4
"""Chunks per process: enough to even out files of different sizes, few enough that each result
is one large message."""


@dataclass(frozen=True)
class Task:
    """One file to parse: where it is, its path relative to the root, and its bytes when they
    were already read (for the cache key: the bytes parsed are the bytes keyed)."""

    path: str
    rel: str
    raw: bytes | None = None


JOBS_PER_CPU = 4
"""The most processes `PROCSPEC_JOBS` gets per CPU this process may run on: more would only
take memory (each is a copy of the run), and thousands would never start."""


def requested_jobs() -> int | None:
    """`PROCSPEC_JOBS` as a number of processes (at most `JOBS_PER_CPU` per CPU), or None for
    the default (unset, `auto`, or not a positive whole number)."""
    value = os.environ.get(JOBS_VARIABLE, "").strip()
    if not (value.isascii() and value.isdigit()):  # "²" is a digit, not a number
        return None
    digits = value.lstrip("0")
    if not digits:
        return None
    most = JOBS_PER_CPU * available_cpus()
    return most if len(digits) > len(str(most)) else min(int(digits), most)


def available_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def workers_for(files: int, jobs: int | None = None) -> int:
    """How many processes parse `files` files: `jobs` (or `PROCSPEC_JOBS`) when asked for,
    else every available CPU when there are enough files to pay for the pool, else one."""
    asked = jobs if jobs is not None else requested_jobs()
    if asked is not None:
        return max(1, min(asked, files))
    if files < PARALLEL_MIN:
        return 1
    return max(1, min(available_cpus(), files))


def _read_and_parse(task: Task, *, positions: bool = True) -> tuple[Document, bytes | None]:
    """One file's document (every failure a problem on it) and the bytes it was parsed from;
    without `positions`, a document without them (`documents.load_text`)."""
    doc = Document(path=Path(task.path), rel=task.rel)
    raw = task.raw if task.raw is not None else read_file(task.path, doc)
    return (doc if raw is None else load_bytes(raw, doc, positions=positions)), raw


Sent = tuple[str, bytes] | Document
"""What a worker sends back for one file: its cache key and entry (`filecache.encode`:
the data without positions, a fraction of the document to send), or the whole document when it
has no entry (an unreadable file, a number MessagePack cannot hold)."""


def _parse_chunk(tasks: list[Task]) -> list[Sent]:
    # What is sent keeps no positions (they are found again when asked for), so each file is
    # parsed without them; a file without an entry is sent whole, and so parsed with them.
    sent: list[Sent] = []
    for task in tasks:
        doc, raw = _read_and_parse(task, positions=False)
        if raw is None:
            sent.append(doc)
            continue
        key = file_key(task.rel, task.path, raw)
        entry = encode(key, doc)
        if entry is None:
            sent.append(load_bytes(raw, Document(path=Path(task.path), rel=task.rel)))
        else:
            sent.append((key, entry))
    return sent


@dataclass
class Parsed:
    """A parsed file: its document, and its cache key and entry when it has them."""

    doc: Document
    key: str | None = None
    entry: bytes | None = None


def _received(task: Task, sent: Sent, stored: bool) -> Parsed:
    if isinstance(sent, Document):
        return Parsed(sent)
    key, entry = sent
    doc = decode(entry, key, Path(task.path), task.rel)
    if doc is None:  # pragma: no cover - an entry made a moment ago decodes
        return parse(task, stored=stored)
    return Parsed(doc, key, entry) if stored else Parsed(doc)


def parse(task: Task, *, stored: bool = False) -> Parsed:
    """One file parsed in this process; with `stored`, with its cache key and entry."""
    doc, raw = _read_and_parse(task)
    if not stored or raw is None:
        return Parsed(doc)
    key = file_key(task.rel, task.path, raw)
    entry = encode(key, doc)
    # Kept as the pool's documents are (its data encoded, its positions read again if asked for).
    kept = decode(entry, key, Path(task.path), task.rel) if entry is not None else None
    return Parsed(doc if kept is None else kept, key, entry)


@dataclass
class _Looked:
    """A file read and looked up in the per-file cache: `raw` is None when `doc` is all there is
    (the stored document, or an unreadable file's with its problem); else `doc` is the empty
    document to parse `raw` into, and `key` its cache key (None without a cache)."""

    doc: Document
    raw: bytes | None = None
    key: str | None = None


def _look_up(path: Path, rel: str, store: FileCache | None) -> _Looked:
    doc = Document(path=path, rel=rel)
    raw = read_file(path, doc)
    if raw is None:
        return _Looked(doc)
    if store is None:
        return _Looked(doc, raw)
    key = file_key(rel, path, raw)
    hit = store.get(key, path, rel)
    return _Looked(hit) if hit is not None else _Looked(doc, raw, key)


def read_one(path: Path, rel: str, store: FileCache | None = None) -> Parsed:
    """One file's document, with all its positions: from `store` when it holds the file's entry,
    else parsed, with the key and entry to store in it. For a process that lets the document go
    once the file is checked (`procspec.checking.pool`); `documents_each` keeps its documents'
    data encoded instead."""
    looked = _look_up(path, rel, store)
    if looked.raw is None:
        return Parsed(looked.doc)
    parsed = load_bytes(looked.raw, looked.doc)
    if looked.key is None:
        return Parsed(parsed)
    return Parsed(parsed, looked.key, encode(looked.key, parsed))


def parse_each(
    tasks: Sequence[Task],
    jobs: int | None = None,
    *,
    stored: bool = False,
    done_one: Callable[[str], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[Parsed]:
    """The parsed files of `tasks`, in their order, each as soon as it is there: in a pool when
    `workers_for` says so (the caller works on what it was given while the workers parse on).

    A document from the pool holds its data and parses its positions again when asked for them
    (`filecache.StoredDocument`): positions are most of a document, and few are ever asked for.
    `done_one` is called with each file's relative path as it is done (a chunk at a time from the
    pool). `meanwhile` is called once: while the pool's workers parse, else before parsing here."""
    workers = workers_for(len(tasks), jobs)
    given = 0
    waiting = [meanwhile] if meanwhile is not None else []
    failed: list[Exception] = []  # the caller's own failure, not the pool's: raised below
    if workers > 1:
        size = max(1, -(-len(tasks) // (workers * CHUNKS_PER_JOB)))
        chunks = [list(tasks[i : i + size]) for i in range(0, len(tasks), size)]
        # A pool that fails is never an error: what it did not finish is parsed here.
        with contextlib.suppress(Exception):
            methods = multiprocessing.get_all_start_methods()
            # fork: the workers start with everything imported (spawn would import it again).
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            with ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=in_a_copy
            ) as pool:
                results_in_order = pool.map(_parse_chunk, chunks)
                while waiting:  # this process's own work, while the workers parse
                    _call(waiting.pop(), failed)
                # In order; each chunk's results are let go of as soon as they are taken in.
                for chunk, results in zip(chunks, results_in_order, strict=True):
                    if failed:
                        break
                    for task, result in zip(chunk, results, strict=True):
                        parsed = _received(task, result, stored)
                        given += 1
                        if done_one is not None:
                            done_one(task.rel)
                        yield parsed
    if failed:
        raise failed[0]
    while waiting:
        waiting.pop()()
    for task in tasks[given:]:
        parsed = parse(task, stored=stored)
        if done_one is not None:
            done_one(task.rel)
        yield parsed


def _call(work: Callable[[], None], failed: list[Exception]) -> None:
    try:
        work()
    except Exception as exc:  # kept apart from the pool's failures (which mean: parse here)
        failed.append(exc)


def documents_each(
    root: Path,
    files: Sequence[tuple[Path, str]],
    *,
    jobs: int | None = None,
    cache: bool = False,
    every_file: bool = False,
    done_one: Callable[[str], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[Document]:
    """The documents of `files` ((path, path relative to the root) pairs), in their order, each
    as soon as it and those before it are there (`meanwhile` as in `parse_each`).

    With `cache`, each file is read here and looked up in the per-file cache by its bytes; only
    the misses are parsed, and stored. Without a cache folder yet every file is a miss, and the
    files are read where they are parsed (by the pool's workers). `every_file`: `files` are all
    the repository's process files, so the entries they did not use may be pruned
    (`FileCache.close`). `done_one` is called with each file's relative path as it is done."""
    store = FileCache(root) if cache else None
    lookup = store is not None and store.exists()
    found: list[Document | None] = [None] * len(files)
    tasks: list[Task] = []
    where: list[int] = []
    keys: list[str | None] = []
    for i, (path, rel) in enumerate(files):
        if not lookup:
            tasks.append(Task(str(path), rel))
            where.append(i)
            keys.append(None)
            continue
        looked = _look_up(path, rel, store)
        if looked.raw is None:
            found[i] = looked.doc
            if done_one is not None:
                done_one(rel)
            continue
        tasks.append(Task(str(path), rel, looked.raw))
        where.append(i)
        keys.append(looked.key)
    given = 0
    # From a pool, each entry is stored as it comes, while the workers parse on; parsing here,
    # they are stored once every file is parsed (writing files between the parses slows them).
    later: list[tuple[str, bytes]] | None = [] if workers_for(len(tasks), jobs) < 2 else None
    try:
        parsed_each = parse_each(
            tasks, jobs, stored=store is not None, done_one=done_one, meanwhile=meanwhile
        )
        for n, parsed in enumerate(parsed_each):
            found[where[n]] = parsed.doc
            # Not stored when the file changed between its lookup and its parse.
            fresh = keys[n] is None or parsed.key == keys[n]
            if store is not None and parsed.entry is not None and parsed.key is not None and fresh:
                if later is None:
                    store.put(parsed.key, parsed.entry)
                else:
                    later.append((parsed.key, parsed.entry))
            while given < len(found) and (ready := found[given]) is not None:
                given += 1
                yield ready
        if store is not None:
            for key, entry in later or ():
                store.put(key, entry)
        for rest in found[given:]:
            if rest is not None:
                yield rest
    finally:
        if store is not None:
            store.close(every_file=every_file)
