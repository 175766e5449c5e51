"""A content-addressed cache for `procspec validate`: `.procspec-cache/` in the repository root.

`validate` on an unchanged repository should be instant, also at 10,000 processes. The outcome of
a run is stored with a key that hashes everything the outcome depends on:

- the bytes of every YAML file below the processes folder (all of them, hidden ones too: a
  superset of what is validated can only cause a needless miss, never a stale hit), of
  procspec.yaml, of personer.yaml and of a custom profile file;
- procspec itself: its version and the size and modification time of every file in the package
  (code, built-in profiles, messages), the Python version and the parsing and model libraries;
- the date the date rules use (`--today`, `PROCSPEC_TODAY` or the system date);
- the state of git that the history rules PS601–PS603 read (`procspec.git.log.state`: HEAD, a
  shallow boundary, uncommitted changes).

A miss is not a cold run: `load_repository(..., cache=True)` takes every unchanged process file's
parsed data from the per-file cache (`procspec.reading.filecache`), and only the rules run again
over all of them. A hit needs no parsing at all: the key is computed and the stored problems are
printed. Anything else is a miss and a full run, whose result is stored only if the key computed
before it equals the key computed after it, so a file saved during the run is never paired with a
result for its old content.

Reading the process files is what a hit costs, so a process file is read only when its stat says
it may have changed, as git does with its index. The entry keeps, for each regular process file,
its size, modification time, change time and inode with its digest (`Record`); when the file's
`lstat` gives the same four values, the recorded digest is used without opening the file. The
digest is the same either way, and so is the key. A file is recorded only when it last changed at
least `RACY_NS` before the key computation began: a file written in the tick it was hashed can be
written again within that tick with the same size and the same times (git's "racily clean"
entries), so it is read again next time, and the first hit after it settled stores the entry
again with its record (as `git status` refreshes the index). Anything that differs (another size, time or inode, a
link, a special or unreadable file, a file larger than `MAX_HASHED_BYTES`, a malformed record) is
read and hashed. The key computed after a run trusts only the records the key before it would
store, so a file saved during the run is read again (its times changed). A committed, crafted
entry cannot forge a hit with a recorded digest that lies: the change time is set by the kernel
(to the moment of the checkout in a clone) and cannot be set by a user, and neither it nor the
inode of someone else's file can be predicted; a record that does not match its file is ignored
and the file read. The limit, which git shares: on a file system whose clock runs more than
`RACY_NS` behind this machine's (a network share, say), a file changed just before it was hashed
looks old enough to be recorded, and a rewrite of the same size within the same timestamp tick
would not be seen.

A symbolic link among the process files is part of the key by where it points (its resolved
target), not only by what it holds: the same bytes inside and outside the repository validate
differently.

The cache is untrusted input: a pull request can commit a crafted `.procspec-cache/`
(`procspec.reading.cachefolder` opens it). So it is JSON, not pickle (JSON can at worst be wrong, and a wrong entry only misses), and the folder and
its files are opened without following links (`O_NOFOLLOW`, relative to the opened folder):
`.procspec-cache` that is a link (to `.`, say) or not a folder, or a `validate.json` that is a
link, a device (`/dev/zero`), a named pipe or larger than `MAX_ENTRY_BYTES` is no cache, read
nothing from and written nothing through. procspec writes a `.gitignore` of `*` into the folder
only when it has just created the folder itself. Writes are atomic (a temporary file created
with `O_EXCL` and renamed into place); an unreadable, corrupt or unwritable cache is ignored
without a word, and a read-only repository validates as before. `--no-cache` or
`PROCSPEC_NO_CACHE=1` switches it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from procspec.messages import Message, Text
from procspec.problem import Outcome, Problem, Severity
from procspec.reading import cachefolder
from procspec.reading.root import ROSTER_FILE, SETTINGS_FILE, YAML_SUFFIXES, declared
from procspec.reading.walk import walk

if TYPE_CHECKING:
    from procspec.git.log import GitState
    from procspec.reading.model import Settings

FOLDER = cachefolder.FOLDER
RESULT_FILE = "validate.json"
FORMAT = 3
"""Bumped when the layout of the stored entry or of the key changes."""

BUILTIN_PROFILES = frozenset({"botkyrka", "orebro"})

MAX_ENTRY_BYTES = 256 * 1024 * 1024
"""The most of validate.json that is read: ample for 10,000 processes' problems, and a file linked
to a device or grown by a crafted commit cannot fill the memory."""
MAX_HASHED_BYTES = 2 * 1024 * 1024
"""Beyond this a YAML file is refused whatever it holds (PS004, `load.MAX_FILE_BYTES`): its size
and modification time stand for its bytes."""
RACY_NS = 2_000_000_000
"""How long before a key computation began a file must have last changed (modification and change
time) for its record to be kept. A file changed closer to it may change again within the same
timestamp tick with the same size, which its stat would not show; the margin also covers a file
system clock that lags this machine's by a little."""
DIGEST_SIZE = 20
"""The bytes of a process file's digest (40 hexadecimal characters)."""
HEX = frozenset("0123456789abcdef")

Identity = tuple[int, int, int, int]
"""A regular file's size, modification time (ns), change time (ns) and inode."""
Record = tuple[int, int, int, int, str]
"""A file's identity and its digest: the digest stands for the file while the identity holds."""


def disabled() -> bool:
    """`PROCSPEC_NO_CACHE` set to anything but '' or '0' switches the cache off."""
    return cachefolder.disabled()


def _feed_file(h: Any, label: str, path: str | Path) -> os.stat_result | None:
    """Add a file's name, where a link points and the bytes to the hash; a missing, special or
    unreadable file adds that fact. The stat of a regular file that is not a link and whose bytes
    were added, None for any other."""
    h.update(b"\1" + label.encode("utf-8", "surrogateescape") + b"\0")
    try:
        linked = os.path.islink(path)
        if linked:
            h.update(b"link\0" + os.fsencode(os.path.realpath(path)) + b"\0")
            if os.path.isdir(path):
                return None  # a linked folder is not walked: where it points is all that counts
        # Non-blocking, so a named pipe does not wait for a writer; checked before it is read.
        fd = os.open(path, os.O_RDONLY | cachefolder.NONBLOCK | cachefolder.CLOEXEC)
    except OSError as exc:
        h.update(f"unreadable {exc.errno}\0".encode())
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            h.update(b"special\0" + os.urandom(16))  # never a hit
            return None
        data = cachefolder.read_capped(fd, MAX_HASHED_BYTES)
    except OSError as exc:
        h.update(f"unreadable {exc.errno}\0".encode())
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_HASHED_BYTES:
        h.update(f"large {info.st_size} {info.st_mtime_ns} {info.st_ino}\0".encode())
        return None
    h.update(b"%d\0" % len(data))
    h.update(data)
    # A file that changed size while it was read is not described by its stat.
    return None if linked or len(data) != info.st_size else info


def _yaml_files(root: Path, folder: Path) -> list[tuple[str, str]]:
    """(path relative to the root, full path) of every YAML file below `folder`; links to
    folders are not followed, as in discovery. Plain strings: pathlib costs more than reading."""
    found: list[tuple[str, str]] = []
    base = os.path.join(str(root), "")
    for current, dirs, files in walk(str(folder)):
        dirs.sort()
        names = sorted(files)
        # A link to a folder is not walked, but where it points is part of the key.
        names += sorted(d for d in dirs if os.path.islink(os.path.join(current, d)))
        for name in names:
            full = os.path.join(current, name)
            if name.endswith(YAML_SUFFIXES) or os.path.islink(full):
                found.append((full[len(base) :] if full.startswith(base) else full, full))
    return found


@dataclass(frozen=True)
class Plan:
    """What the key covers besides procspec.yaml: read from the settings of the stored run (a hit
    requires the same procspec.yaml bytes, so the same settings)."""

    processes: str
    profile: str | None
    """A custom profile's path relative to the root, None for a built-in profile."""
    language: str = "sv"
    """The repository's `språk`, stored with the outcome for the report (the outcome itself is
    message keys, in no language)."""


@dataclass
class Hashed:
    """A computed key and what it was computed from, for the per-file results
    (`procspec.features.incremental`)."""

    key: str = ""
    files: dict[str, str] = field(default_factory=dict)
    """The digest of each YAML file below the processes folder, by its path relative to the root
    (NFC)."""
    configuration: str = ""
    """The digest of procspec.yaml, personer.yaml and a custom profile file."""
    git: GitState | None = None
    """git's answers; None when git could not be asked."""
    stats: dict[str, Identity] = field(default_factory=dict)
    """The identity of each regular process file whose digest is in `files`, by the same path."""
    started: int = 0
    """When the computation began (`time.time_ns()`)."""

    def records(self) -> dict[str, Record]:
        """The records a later key may trust: those of the files that last changed at least
        `RACY_NS` before the computation began."""
        limit = self.started - RACY_NS
        return {
            rel: (*identity, self.files[rel])
            for rel, identity in self.stats.items()
            if identity[1] <= limit and identity[2] <= limit
        }


def compute_key(
    root: Path,
    plan: Plan,
    today: date,
    hashed: Hashed | None = None,
    trusted: Mapping[str, Record] | None = None,
) -> str:
    """The hash of everything a validate outcome depends on (see the module docstring); `hashed`
    receives it with the digest and identity of every process file and git's answers. A process
    file whose identity equals its record in `trusted` is not read: the record's digest is used."""
    import threading

    from procspec.git.log import git_state

    started = time.time_ns()
    # git works out its state while the files are read and hashed here.
    answers: list[GitState] = []
    worker = threading.Thread(target=lambda: answers.append(git_state(root, plan.processes)))
    worker.start()
    h = hashlib.blake2b(digest_size=32)
    h.update(f"{FORMAT}\0{cachefolder.package_fingerprint()}\0{today.isoformat()}\0".encode())
    h.update(f"{plan.processes}\0{plan.profile}\0".encode())
    configuration = configuration_digest(root, plan)
    h.update(configuration.encode())
    folder = root / plan.processes
    h.update(b"\2folder\0")
    files: dict[str, str] = {}
    stats: dict[str, Identity] = {}
    for rel, full in _yaml_files(root, folder):
        rel = unicodedata.normalize("NFC", rel)
        record = trusted.get(rel) if trusted else None
        if record is not None and _unchanged(full, record[:4]):
            digest = record[4]
            stats[rel] = record[:4]
        else:
            digest, info = _digest(rel, full)
            if info is not None:
                stats[rel] = _identity(info)
            else:  # a file whose path has the same NFC form may have been recorded
                stats.pop(rel, None)
        h.update(digest.encode())
        files[rel] = digest
    worker.join()
    known = answers[0].text() if answers else os.urandom(16).hex()  # a failure is never a hit
    h.update(b"\2git\0" + known.encode("utf-8", "surrogateescape"))
    key = h.hexdigest()
    if hashed is not None:
        hashed.key, hashed.files, hashed.configuration = key, files, configuration
        hashed.git = answers[0] if answers else None
        hashed.stats, hashed.started = stats, started
    return key


def unchanged_since(hashed: Hashed, now: Hashed) -> bool:
    """Whether `now`, a key computed after a run, shows the files as `hashed` read them before
    it: the same key, and no process file written meanwhile. A file changed and changed back
    during the run has its old digest again, but not its old identity (every write sets its
    change time), and the run may have read it between the two."""
    return now.key == hashed.key and now.stats == hashed.stats


def still_read(hashed: Hashed, rel: str, path: str | Path) -> bool:
    """Whether the process file `rel` at `path` is what `hashed` read: a regular file with the
    same identity (not written since), or, for a file it has no identity of (a link), the same
    digest."""
    identity = hashed.stats.get(rel)
    if identity is None:
        return hashed.files.get(rel) == _digest(rel, path)[0]
    return _unchanged(path, identity)


def _digest(rel: str, path: str | Path) -> tuple[str, os.stat_result | None]:
    """A process file's digest and, for a regular file whose bytes it covers, its stat."""
    one = hashlib.blake2b(digest_size=DIGEST_SIZE)
    info = _feed_file(one, rel, path)
    return one.hexdigest(), info


def _identity(info: os.stat_result) -> Identity:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _unchanged(path: str | Path, identity: Identity) -> bool:
    """Whether `path` is a regular file, not a link, with the identity `identity` (not written
    since) and not too large to be read: then the digest recorded with it is its digest."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HASHED_BYTES:
        return False
    return _identity(info) == identity


def _records(data: Any) -> dict[str, Record]:
    """The well-formed records of a stored entry (`{rel: [size, mtime_ns, ctime_ns, inode,
    digest]}`); a malformed one is left out, and its file is read."""
    if not isinstance(data, dict):
        return {}
    records: dict[str, Record] = {}
    for rel, item in data.items():
        if type(rel) is not str or type(item) is not list or len(item) != 5:
            continue
        size, mtime, ctime, inode, digest = item
        # `type(...) is int`, not isinstance: a bool is an int too.
        if type(size) is not int or type(mtime) is not int or type(ctime) is not int:
            continue
        if type(inode) is not int or type(digest) is not str:
            continue
        if len(digest) == 2 * DIGEST_SIZE and HEX.issuperset(digest):
            records[rel] = (size, mtime, ctime, inode, digest)
    return records


def configuration_digest(root: Path, plan: Plan) -> str:
    """The digest of procspec.yaml, personer.yaml and a custom profile file."""
    h = hashlib.blake2b(digest_size=32)
    _feed_file(h, SETTINGS_FILE, root / SETTINGS_FILE)
    _feed_file(h, ROSTER_FILE, root / ROSTER_FILE)
    if plan.profile is not None:
        _feed_file(h, "profile:" + plan.profile, root / plan.profile)
    return h.hexdigest()


def _custom(profile: str) -> str | None:
    """A custom profile's path; None for a built-in profile."""
    return None if profile in BUILTIN_PROFILES else profile


def plan_of(settings: Settings) -> Plan:
    """The plan for validated settings."""
    return Plan(settings.processes, _custom(settings.profile), settings.language)


def quick_plan(root: Path) -> Plan | None:
    """The plan as procspec.yaml says it, read without validation (None when it cannot be read
    that way; the run then validates it and the result is stored only if the plans agree)."""
    data = declared(root)
    processes = data.get("processer", "processer")
    profile = data.get("profil")
    spoken = data.get("språk", "sv")
    if not isinstance(processes, str) or not isinstance(profile, str):
        return None
    if not isinstance(spoken, str):
        return None
    if not _inside_root(root, processes):  # an error anyway; its files are not even hashed
        return None
    return Plan(processes, _custom(profile), spoken)


def _inside_root(root: Path, rel: str) -> bool:
    try:
        return (root / rel).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):
        return False


def _settings_digest(root: Path) -> str:
    h = hashlib.blake2b(digest_size=32)
    _feed_file(h, SETTINGS_FILE, root / SETTINGS_FILE)
    return h.hexdigest()


def lookup(
    root: Path, today: date, keys: dict[tuple[str, str | None], Hashed] | None = None
) -> tuple[str, Outcome] | None:
    """The stored outcome and language when nothing it depends on changed, else None.

    The key computed for the comparison is put in `keys` (by processes folder and profile), so
    that a miss need not hash the repository again before its run. The entry's records spare
    reading the files that did not change; a hit whose records a later run could trust more of
    (a file that was too recently changed to be recorded no longer is) stores them."""
    try:
        raw = read_entry(root)
        if raw is None:
            return None
        entry = json.loads(raw.decode("utf-8"))
        if (
            not isinstance(entry, dict)
            or entry.get("format") != FORMAT
            or entry["settings"] != _settings_digest(root)
        ):
            return None
        plan = Plan(str(entry["processes"]), entry["profile"])
        if plan.profile is not None and not isinstance(plan.profile, str):
            return None
        if not _inside_root(root, plan.processes) or (
            plan.profile is not None and not _inside_root(root, plan.profile)
        ):
            return None  # a crafted entry must not make a hit walk the whole disk
        records = _records(entry.get("stats"))
        hashed = Hashed()
        key = compute_key(root, plan, today, hashed, records)
        if keys is not None:
            keys[(plan.processes, plan.profile)] = hashed
        if entry["key"] != key:
            return None
        problems = [_problem(item) for item in entry["problems"]]
        lang, files = entry["lang"], entry["files"]
        if not isinstance(lang, str) or not isinstance(files, int):
            return None
        outcome = Outcome(problems, files)
        fresh = hashed.records()
        if fresh != records:
            store(root, key, Plan(plan.processes, plan.profile, lang), outcome, fresh)
        return lang, outcome
    except Exception:  # a corrupt or unreadable cache is no cache
        return None


def _problem(item: dict[str, Any]) -> Problem:
    fields = (item["path"], item["line"], item["column"], item["code"])
    types = (str, int, int, str)
    if not all(isinstance(v, t) for v, t in zip(fields, types, strict=True)):
        raise ValueError("bad problem")
    process = item.get("process")
    if process is not None and not isinstance(process, str):
        raise ValueError("bad problem")
    return Problem(
        item["path"],
        item["line"],
        item["column"],
        item["code"],
        Severity(item["severity"]),
        _message(item["message"]),
        process,
    )


def _message(data: Any) -> Text:
    if isinstance(data, str):
        return data
    if isinstance(data, dict):
        return Message.from_data(data)
    raise ValueError("bad message")


def _problem_data(problem: Problem) -> dict[str, Any]:
    """A problem as JSON: its message as key and parameters, in no language."""
    message = problem.message
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "severity": problem.severity.value,
        "message": message if isinstance(message, str) else message.to_data(),
        "process": problem.process,
    }


def store(
    root: Path, key: str, plan: Plan, outcome: Outcome, records: Mapping[str, Record] | None = None
) -> None:
    """Write the outcome and the records a later key may trust (`Hashed.records`) atomically;
    any failure (read-only repository, full disk, a file name that is not UTF-8) is ignored."""
    entry = {
        "format": FORMAT,
        "settings": _settings_digest(root),
        "processes": plan.processes,
        "profile": plan.profile,
        "key": key,
        "lang": plan.language,
        "files": outcome.files,
        "problems": [_problem_data(p) for p in outcome.problems],
        "stats": {rel: list(record) for rel, record in (records or {}).items()},
    }
    try:
        data = json.dumps(entry, ensure_ascii=False).encode()
    except UnicodeEncodeError:  # a file name that is not UTF-8: the run is not kept
        return
    cachefolder.write_entry(root, RESULT_FILE, data)


def read_entry(root: Path) -> bytes | None:
    """validate.json's bytes, or None when the folder or the file is a link, not a regular file,
    larger than `MAX_ENTRY_BYTES`, or unreadable."""
    return cachefolder.read_entry(root, RESULT_FILE, MAX_ENTRY_BYTES)
