"""A full check on every core: worker processes read, model and check the process files; this
process keeps what the other processes see of each file (its facts) and the problems.

The `FILE` rules find the problems of a file from that file, the configuration, the date, the
history, the set of process ids and the facts of the processes above it
(`procspec.checking.registry`); the `REPOSITORY` rules read the facts alone. So:

- Each worker reads its share of the files (from the per-file cache where it can, storing what it
  parsed; `filestage.read_one`), builds their models and sends each file's facts, its problems
  from reading and the codes its ignore comments silence. This process passes every worker the
  facts the others found, and the git history, which it reads meanwhile.
- A worker runs the `FILE` rules over one of its files as soon as it knows the facts of every file
  that can be above it (every file with its id, then with its parent's id, and so on up); the two
  that read the file's revisions (`rules.history.REVISION_RULES`) run once the history is there.
  Then it lets the model go: a worker holds only the models still waiting for facts from another
  or for the history, and the check ends soon after the last file is read.
- This process runs the `REPOSITORY` rules once it has the facts of every file, as a run that
  keeps unchanged files does (`procspec.features.incremental`).

The models never leave the workers: sending them would cost more than building them. The workers
are forked (they start with everything imported and the repository's configuration read) and
take the files a batch at a time from a counter they share (`_Shares`), so that they finish
together whatever each file costs. What they send is MessagePack (msgspec); the
history too (`procspec.git.log.history_message`). A worker that cannot start,
fails or sends what does not decode is never an error: `check_on_cores` answers None and the
caller checks in one process. The outcome is the same as that of a check in one process
(`tests/perf/test_filecache.py` and `tests/perf/test_pool.py` compare them).

May import: the standard library, msgspec, `procspec.collection`, and procspec's reading, git and
checking modules.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import msgspec

from procspec.checking.checker import context, run_scope, silenced
from procspec.checking.facts import Facts, facts_of
from procspec.checking.registry import FILE, REPOSITORY, Rule
from procspec.checking.rules import all_rules
from procspec.checking.rules.history import REVISION_RULES
from procspec.collection import in_a_copy
from procspec.git.log import history_from_message, history_message
from procspec.git.revisions import History
from procspec.problem import Problem
from procspec.reading.documents import Document
from procspec.reading.filecache import FileCache, StoredProblem, problem_of, stored_problem
from procspec.reading.filestage import read_one, workers_for
from procspec.reading.repository import (
    ProcessRecord,
    Repository,
    inside,
    load_process,
    outside,
    process_id,
    read_document,
    rel_path,
)

BATCH = 100
"""Files a worker reads before it sends their facts (and looks at what the others sent)."""
LAST_BATCH = 10
"""The fewest files a worker takes at once: the batches shrink as the files run out."""
CHECK_AT_ONCE = 200
"""Files a worker checks at once while it still reads (the rules have a cost per run)."""


class Loaded(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """One file read: its number, its facts, its problems from reading and modelling it, and the
    codes its ignore comments silence."""

    at: int
    facts: Facts
    problems: list[StoredProblem]
    silenced: list[str]


class Files(msgspec.Struct, tag=True, array_like=True, forbid_unknown_fields=True):
    """Files a worker read (sent to this process, and passed on to the other workers)."""

    loaded: list[Loaded]


class Past(msgspec.Struct, tag=True, array_like=True, forbid_unknown_fields=True):
    """The git history for the rules (`procspec.git.log.history_message`; None when no rule
    reads it)."""

    history: bytes


class Checked(msgspec.Struct, tag=True, array_like=True, forbid_unknown_fields=True):
    """The `FILE` rules' problems in some of a worker's files, by the files' numbers."""

    found: list[tuple[int, list[StoredProblem]]]


class Done(msgspec.Struct, tag=True, array_like=True, forbid_unknown_fields=True):
    """A worker is done: the cache entries it used, and how many it wrote."""

    used: list[str]
    written: int


Message = Files | Past | Checked | Done
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Message)


@dataclass(frozen=True)
class FileResult:
    """One file as the workers read and checked it: its facts, the codes its ignore comments
    silence, and its problems (from reading it, then the `FILE` rules'), both as they are kept
    between runs and as problems."""

    facts: Facts
    silenced: list[str]
    stored: list[StoredProblem]
    problems: list[Problem]


@dataclass(frozen=True)
class Spread:
    """A full check done by the workers: every file's result, in file order, and the
    `REPOSITORY` rules' problems."""

    files: list[FileResult]
    shared: list[Problem]


class PoolFailed(Exception):
    """The workers did not finish (never shown: the caller checks in one process)."""


def check_on_cores(
    repo: Repository,
    paths: Sequence[Path],
    today: date,
    history_for: Callable[[Repository], History | None],
    *,
    jobs: int | None = None,
    cache: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    all_read: Callable[[], None] | None = None,
) -> Spread | None:
    """The whole check of `repo`'s process files `paths` on several cores, or None when it does
    not pay (`filestage.workers_for`) or the workers failed. `history_for` is called once, in
    this process, while the workers read; `all_read` once every file has been read, while the
    workers finish their checks. Their failures are raised, as is that of a rule here."""
    count = workers_for(len(paths), jobs)
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    rels = [rel_path(repo.root, path) for path in paths]
    ids = [process_id(path) for path in paths]
    started: list[tuple[BaseProcess, Connection]] = []
    history: _Background | None = None
    writers: list[_Writer] = []
    try:
        with contextlib.suppress(Exception):
            fork = multiprocessing.get_context("fork")
            shares = _Shares(fork.Value("q", 0), len(paths), count)
            for _ in range(count):
                ours, theirs = fork.Pipe()
                plan = _Plan(repo, paths, rels, ids, shares, cache, today)
                process = fork.Process(target=_work, args=(theirs, plan), daemon=True)
                process.start()
                theirs.close()
                started.append((process, ours))
        if len(started) < count:
            return None
        # Threads start once the workers are: a process is not forked while a thread runs.
        history = _Background(lambda: history_for(repo))
        writers = [_Writer(conn) for _, conn in started]
        return _Run(repo, paths, rels, today, writers, progress).run(
            [conn for _, conn in started], history, cache, all_read
        )
    except PoolFailed:
        if history is not None:
            history.result()  # done (and kept by the caller) before it checks in one process
        return None
    finally:
        for worker, _ in started:
            if worker.is_alive():
                worker.kill()
            worker.join()
        for writer in writers:
            writer.stop()  # what a writer still had to send fails now: its worker is gone
        for _, conn in started:
            conn.close()


class _Run:
    """This process's side: the workers' messages taken in, passed on and put in file order."""

    def __init__(
        self,
        repo: Repository,
        paths: Sequence[Path],
        rels: list[str],
        today: date,
        writers: list[_Writer],
        progress: Callable[[int, int, str], None] | None,
    ) -> None:
        self.repo, self.paths, self.rels, self.today = repo, paths, rels, today
        self.writers = writers
        self.progress = progress
        self.loaded: list[Loaded | None] = [None] * len(paths)
        self.local: list[list[StoredProblem] | None] = [None] * len(paths)
        self.read = 0
        self.checked = 0

    def run(
        self,
        conns: list[Connection],
        history: _Background,
        cache: bool,
        all_read: Callable[[], None] | None,
    ) -> Spread:
        store = FileCache(self.repo.root) if cache else None
        found: History | None = None
        shared: list[Problem] | None = None
        waiting: dict[object, int] = {conn: n for n, conn in enumerate(conns)}
        told = False
        while waiting:
            watched: list[object] = [*waiting, *([] if told else [history.signal])]
            for ready in wait(watched):  # type: ignore[arg-type]
                if ready is history.signal:
                    found, told = history.result(), True
                    try:
                        past = _ENCODER.encode(Past(history_message(found)))
                    except ValueError:  # a history made otherwise: checked in one process
                        raise PoolFailed from None
                    for writer in self.writers:
                        writer.put(past)
                    continue
                n = waiting[ready]
                data = _receive(ready)  # type: ignore[arg-type]
                message = _decode(data)
                if isinstance(message, Files):
                    self._take(message)
                    for other, writer in enumerate(self.writers):
                        if other != n:
                            writer.put(data)
                elif isinstance(message, Checked):
                    self._checked(message)
                elif isinstance(message, Done):
                    del waiting[ready]
                    if store is not None:
                        store.used.update(message.used)
                        store.written += message.written
                else:
                    raise PoolFailed
            if shared is None and told and self.read == len(self.paths):
                shared = self._shared(found)  # while the workers finish their checks
                if all_read is not None:
                    all_read()
        if store is not None:
            # The folder tidied once every worker stored its entries: this run used every file.
            store.close(every_file=True)
        if shared is None or self.checked != len(self.paths):
            raise PoolFailed
        files = []
        for one, local in zip(self.loaded, self.local, strict=True):
            assert one is not None and local is not None  # every file was read and checked
            stored = [*one.problems, *local]
            problems = _problems(self.rels[one.at], stored)
            files.append(FileResult(one.facts, one.silenced, stored, problems))
        return Spread(files, shared)

    def _take(self, message: Files) -> None:
        for one in message.loaded:
            if not 0 <= one.at < len(self.paths) or self.loaded[one.at] is not None:
                raise PoolFailed
            self.loaded[one.at] = one
            self.read += 1
            if self.progress is not None:
                self.progress(self.read, len(self.paths), self.rels[one.at])

    def _checked(self, message: Checked) -> None:
        for at, problems in message.found:
            if not 0 <= at < len(self.paths) or self.local[at] is not None:
                raise PoolFailed
            self.local[at] = problems
            self.checked += 1

    def _shared(self, history: History | None) -> list[Problem]:
        """The `REPOSITORY` rules' problems, over the facts of every file."""
        index = [one.facts for one in self.loaded if one is not None]
        at = {rel: i for i, rel in enumerate(self.rels)}
        root, paths = self.repo.root, self.paths
        ctx = context(
            self.repo,
            self.today,
            history,
            index=index,
            documents=lambda rel: read_document(root, paths[at[rel]]),
        )
        return run_scope(ctx, REPOSITORY)


def _problems(rel: str, stored: list[StoredProblem]) -> list[Problem]:
    try:
        return [problem_of(rel, problem) for problem in stored]
    except ValueError:  # pragma: no cover - a worker sends only what it checked comes back
        raise PoolFailed from None


def _receive(conn: Connection) -> bytes:
    try:
        return conn.recv_bytes()
    except (OSError, EOFError):
        raise PoolFailed from None


def _decode(data: bytes) -> Message:
    try:
        return _DECODER.decode(data)
    except msgspec.DecodeError:
        raise PoolFailed from None


class _Background:
    """A call made on a thread of this process. `signal` becomes readable when it is done;
    `result` waits for it and raises its failure."""

    def __init__(self, call: Callable[[], History | None]) -> None:
        self._call = call
        self._result: History | None = None
        self._failure: BaseException | None = None
        self.signal, self._done = multiprocessing.Pipe(duplex=False)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = self._call()
        except BaseException as exc:  # raised in the caller's thread by `result`
            self._failure = exc
        finally:
            self._done.send_bytes(b"")

    def result(self) -> History | None:
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        return self._result


class _Writer:
    """Sends to one worker from a thread of its own, so that this process never waits on a
    worker that is busy sending to it. A worker that is done takes nothing more; what is sent
    to it then is dropped (its failure shows on the receiving side)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def put(self, data: bytes) -> None:
        self._queue.put(data)

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            with contextlib.suppress(OSError):
                self._conn.send_bytes(data)


# The workers' side.


class _Shares:
    """The files the workers have yet to take, by number: a counter in memory they share. Each
    takes a batch when it is ready for one, a part of what is left (`BATCH` at most,
    `LAST_BATCH` at least), so a worker whose files cost more takes fewer of them and the last
    batches are small: the workers finish together."""

    def __init__(self, taken: Any, files: int, workers: int) -> None:
        self._taken = taken  # a multiprocessing.Value, with its lock
        self._files, self._workers = files, workers

    def take(self) -> range:
        """The numbers of the next files to read; empty when every file is taken."""
        with self._taken.get_lock():
            start = self._taken.value
            left = self._files - start
            size = min(BATCH, max(LAST_BATCH, -(-left // (2 * self._workers))))
            end = min(self._files, start + size)
            self._taken.value = end
        return range(start, end)


@dataclass(frozen=True)
class _Plan:
    """What a worker is given: the repository (its configuration read), every file's path,
    relative path and id, the files it shares out with the others, whether to use the per-file
    cache, and the day."""

    repo: Repository
    paths: Sequence[Path]
    rels: list[str]
    ids: list[str]
    shares: _Shares
    cache: bool
    today: date


class _Known:
    """The facts a worker knows, its own and those the others sent, as the rules see them: for
    each id whose every file is known, the first file with that id that validated."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.files = Counter(ids)
        self.seen: Counter[str] = Counter()
        self.first: dict[str, tuple[int, Facts]] = {}
        self.facts: dict[str, Facts] = {}
        self.complete: set[str] = set()
        self.added = bytearray(len(ids))

    def add(self, at: int, facts: Facts) -> None:
        """The facts of file number `at` (a file known already, or under another id, fails the
        worker: the caller checks in one process)."""
        pid = facts.id
        if not 0 <= at < len(self.ids) or self.ids[at] != pid or self.added[at]:
            raise PoolFailed
        self.added[at] = 1
        self.seen[pid] += 1
        if facts.readable and (pid not in self.first or at < self.first[pid][0]):
            self.first[pid] = (at, facts)
        if self.seen[pid] == self.files[pid]:
            self.complete.add(pid)
            if pid in self.first:
                self.facts[pid] = self.first[pid][1]

    def settled(self, pid: str) -> bool:
        """Whether the facts the rules can read for `pid` (its own, its parent's and so on up,
        as `Context.chain` walks them) are all known."""
        seen: set[str] = set()
        current: str | None = pid
        while current is not None and current not in seen:
            if current not in self.files:
                return True  # no such process: the chain ends
            if current not in self.complete:
                return False
            facts = self.facts.get(current)
            if facts is None:
                return True  # no file with this id validated: the chain ends
            seen.add(current)
            current = facts.parent
        return True


def _work(conn: Connection, plan: _Plan) -> None:
    """A worker: reads and checks the files it takes from `plan.shares`; it ends with `os._exit` (nothing of
    the parent's that was copied into it, such as its buffered output, is flushed or run)."""
    in_a_copy()  # what the parent built is not this worker's garbage, nor what it makes
    code = 0
    try:
        _Worker(conn, plan).run()
    except BaseException:  # the parent sees the connection close, and checks in one process
        code = 1
    finally:
        os._exit(code)


class _Worker:
    def __init__(self, conn: Connection, plan: _Plan) -> None:
        self.conn = conn
        self.plan = plan
        self.known = _Known(plan.ids)
        self.all_ids = set(plan.ids)
        self.history: list[History | None] = []  # one element once it came
        self.waiting: list[tuple[int, ProcessRecord]] = []
        """Files whose facts are not settled yet."""
        self.dated: list[tuple[int, ProcessRecord, list[tuple[int, Problem]]]] = []
        """Files checked by every `FILE` rule but those that read the history, which has not
        come yet, with what the others found."""

    def run(self) -> None:
        plan = self.plan
        store = FileCache(plan.repo.root) if plan.cache else None
        while ats := plan.shares.take():
            # A batch parsed, then modelled: in turn, file by file, each evicts what the other
            # keeps in the processor's caches.
            docs = [_document(plan.repo, plan.paths[at], plan.rels[at], store) for at in ats]
            batch: list[Loaded] = []
            for at, doc in zip(ats, docs, strict=True):
                record = load_process(plan.repo.root, plan.paths[at], plan.repo.profile, doc=doc)
                facts = facts_of(record)
                self.known.add(at, facts)
                problems = _stored(record.problems, record.rel)
                batch.append(Loaded(at, facts, problems, _codes(record)))
                self.waiting.append((at, record))
            del docs
            self.conn.send_bytes(_ENCODER.encode(Files(batch)))
            self._take_all()
            self._check(CHECK_AT_ONCE)
        if store is not None:
            store.close(prune=False)  # the parent prunes, knowing every worker's entries
        while True:
            self._take_all()
            self._check(1)
            if not self.waiting and not self.dated:
                break
            self._take(self.conn.recv_bytes())
        used = sorted(store.used) if store is not None else []
        written = store.written if store is not None else 0
        self.conn.send_bytes(_ENCODER.encode(Done(used, written)))

    def _take_all(self) -> None:
        while self.conn.poll():
            self._take(self.conn.recv_bytes())

    def _take(self, data: bytes) -> None:
        message = _decode(data)
        if isinstance(message, Files):
            for one in message.loaded:
                self.known.add(one.at, one.facts)
        elif isinstance(message, Past) and not self.history:
            self.history.append(history_from_message(message.history))
            self._date()
        else:
            raise PoolFailed

    def _check(self, least: int) -> None:
        """The `FILE` rules over the waiting files whose facts are settled, when there are at
        least `least` of them; their models are let go of once the history's rules ran too."""
        ready = [(at, r) for at, r in self.waiting if self.known.settled(r.id)]
        if len(ready) < least:
            return
        chosen = {at for at, _ in ready}
        self.waiting = [(at, r) for at, r in self.waiting if at not in chosen]
        records = [record for _, record in ready]
        if self.history:
            found = self._run(records, _FILE_RULES, self.history[0])
            self._send([(at, found[record.rel]) for at, record in ready])
        else:  # the history's own rules run when it comes (`_date`)
            found = self._run(records, _UNDATED_RULES, None)
            self.dated += [(at, record, found[record.rel]) for at, record in ready]

    def _date(self) -> None:
        """The rules that read the history, over the files that waited for it."""
        if not self.history or not self.dated:
            return
        found = self._run([record for _, record, _ in self.dated], _DATED_RULES, self.history[0])
        self._send([(at, [*before, *found[record.rel]]) for at, record, before in self.dated])
        self.dated = []

    def _run(
        self, records: list[ProcessRecord], rules: list[tuple[int, Rule]], history: History | None
    ) -> dict[str, list[tuple[int, Problem]]]:
        """The problems `rules` find in `records`, per file, each with its rule's place in the
        order of every rule."""
        repo = self.plan.repo
        repo.records = records
        ctx = context(repo, self.plan.today, history, index=[])
        ctx.ids, ctx.facts = self.all_ids, self.known.facts
        found: dict[str, list[tuple[int, Problem]]] = {record.rel: [] for record in records}
        for n, rule in rules:
            assert rule.check is not None
            for problem in rule.check(ctx):
                if problem.path not in found:  # a rule outside its scope: check in one process
                    raise PoolFailed
                found[problem.path].append((n, problem))
        repo.records = []
        return found

    def _send(self, found: list[tuple[int, list[tuple[int, Problem]]]]) -> None:
        """The problems of files done, each file's in the order a check in one process finds
        them (rule by rule)."""
        rels = self.plan.rels
        checked = [
            (at, _stored([p for _, p in sorted(problems, key=lambda one: one[0])], rels[at]))
            for at, problems in found
        ]
        self.conn.send_bytes(_ENCODER.encode(Checked(checked)))


_FILE_RULES = [
    (n, rule) for n, rule in enumerate(all_rules()) if rule.scope == FILE and rule.check is not None
]
_DATED_RULES = [(n, rule) for n, rule in _FILE_RULES if rule.code in REVISION_RULES]
_UNDATED_RULES = [(n, rule) for n, rule in _FILE_RULES if rule.code not in REVISION_RULES]


def _document(repo: Repository, path: Path, rel: str, store: FileCache | None) -> Document:
    """One file read and parsed, as `load_repository` does it (a link that leads outside the
    repository is not read), and stored in the per-file cache."""
    if not inside(repo.root, path):
        return outside(path, rel)
    parsed = read_one(path, rel, store)
    if store is not None and parsed.key is not None and parsed.entry is not None:
        store.put(parsed.key, parsed.entry)
    return parsed.doc


def _codes(record: ProcessRecord) -> list[str]:
    return sorted(silenced(record.doc))


def _stored(problems: list[Problem], rel: str) -> list[StoredProblem]:
    """`problems` as sent; a problem in another file, or one that would not come back the same,
    fails the worker (the caller checks in one process)."""
    stored = [stored_problem(problem) for problem in problems]
    for problem, sent in zip(problems, stored, strict=True):
        if problem.path != rel or problem_of(rel, sent) != problem:
            raise PoolFailed
    return stored
