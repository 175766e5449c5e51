"""The per-file cache: each process file's parsed document, keyed by exactly what it was parsed
from, in `.procspec-cache/files/`.

Parsing is nearly all of a cold run's time (the YAML walk with positions), and what it gives
depends on the file alone: its bytes and its path relative to the root (the path is in every
problem it reports). An entry is keyed by those, by where a linked file points, and by procspec
itself (`cachefolder.package_fingerprint`: the version, every package file's size and time, the
parsing libraries); it holds the plain data, the ignore comments and the load problems (PS0xx).
Everything that depends on more than the file (the model checked against the profile, every rule)
runs again from it, so a change of profile, settings, roster, date or git state can never meet a
stale entry. Positions are not stored: `StoredDocument` reads and parses the file again on the
first question about a position (a problem to place), which a clean file never asks, and keeps
its data encoded except while its model is built.

The format is MessagePack decoded into typed structs (msgspec): a committed cache is untrusted
input, and a typed decoder can at worst refuse it (pickle or marshal would run code). An entry
that does not decode, whose format or key is not the expected one, that is a link, a special file
or larger than `MAX_ENTRY_BYTES` is a miss, never an error. Entries are written atomically;
entries that no run used for a while are pruned (`prune_folder`).

May import: the standard library, msgspec, `procspec.problem`, `procspec.messages` and the
reading modules `documents` and `cachefolder`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any

import msgspec

from procspec.messages import Message
from procspec.problem import Pos, Problem, Severity
from procspec.reading import cachefolder
from procspec.reading.documents import (
    Document,
    Ignore,
    KeyPath,
    load_bytes,
    read_file,
)

SUBFOLDER = "files"
FORMAT = 1
"""Bumped when the layout of an entry changes."""
MAX_ENTRY_BYTES = 16 * 1024 * 1024
"""An entry larger than this is neither written nor read (a file is at most 2 MB of YAML)."""
SUFFIX = ".msgpack"


class StoredProblem(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """A problem in a file (its path is the entry's): a load problem here, any problem of the
    file in `procspec.features.incremental`."""

    line: int
    column: int
    code: str
    severity: str
    message: str | dict[str, Any]
    process: str | None = None


class Entry(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """One parsed file."""

    format: int
    key: str
    data: Any
    ignores: list[tuple[list[str], str, int]]
    problems: list[StoredProblem]


class _Read(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """An `Entry` as read: its data kept encoded until asked for (`StoredDocument.data`)."""

    format: int
    key: str
    data: msgspec.Raw
    ignores: list[tuple[list[str], str, int]]
    problems: list[StoredProblem]


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(_Read)
_DATA = msgspec.msgpack.Decoder()


def file_key(rel: str, path: Path | str, raw: bytes) -> str:
    """The key of a file's entry: procspec, the entry format, the relative path, where a link
    points, and the bytes."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{FORMAT}\0{cachefolder.package_fingerprint()}\0".encode())
    h.update(rel.encode("utf-8", "surrogateescape") + b"\0")
    if os.path.islink(path):
        h.update(b"link\0" + os.fsencode(os.path.realpath(path)) + b"\0")
    h.update(b"%d\0" % len(raw))
    h.update(raw)
    return h.hexdigest()


def problem_of(rel: str, stored: StoredProblem) -> Problem:
    """The problem a stored one stands for, in the file `rel` (a bad severity or message raises
    ValueError: a corrupt entry)."""
    message = stored.message
    text = message if isinstance(message, str) else Message.from_data(message)
    return Problem(
        rel,
        stored.line,
        stored.column,
        stored.code,
        Severity(stored.severity),
        text,
        stored.process,
    )


def stored_problem(problem: Problem) -> StoredProblem:
    """A problem as it is stored (its path is the entry's)."""
    message = problem.message
    return StoredProblem(
        problem.line,
        problem.column,
        problem.code,
        problem.severity.value,
        message if isinstance(message, str) else message.to_data(),
        problem.process,
    )


def encode(key: str, doc: Document) -> bytes | None:
    """`doc` as an entry for `key`, or None for a document that would not come back the same (a
    number MessagePack cannot hold, a message that does not survive the round trip) or is larger
    than `MAX_ENTRY_BYTES`."""
    try:
        problems = [stored_problem(p) for p in doc.problems]
        if any(problem_of(doc.rel, s) != p for s, p in zip(problems, doc.problems, strict=True)):
            return None
        ignores = [(list(i.codes), i.reason, i.line) for i in doc.ignores]
        data = _ENCODER.encode(Entry(FORMAT, key, doc.data, ignores, problems))
    except Exception:  # an integer beyond 64 bits, say: the file is parsed every run
        return None
    return data if len(data) <= MAX_ENTRY_BYTES else None


def decode(data: bytes, key: str, path: Path, rel: str) -> Document | None:
    """The document of an entry for `key` (its data and positions worked out when asked for),
    or None when the entry is corrupt, foreign or for another key."""
    try:
        entry = _DECODER.decode(data)
        if entry.format != FORMAT or entry.key != key:
            return None
        ignores = [Ignore(tuple(codes), reason, line) for codes, reason, line in entry.ignores]
        problems = [problem_of(rel, p) for p in entry.problems]
        first = bytes(entry.data)[:1]
    except Exception:  # a corrupt or foreign entry is no entry
        return None
    mapping = first in _MAP_STARTS
    return StoredDocument(path, rel, key, entry.data, mapping, ignores, problems)


_MAP_STARTS = {bytes([b]) for b in range(0x80, 0x90)} | {b"\xde", b"\xdf"}
"""The first byte of a MessagePack map (fixmap, map 16, map 32)."""


class StoredDocument(Document):
    """A document from the per-file cache that holds only its encoded data, ignores and
    problems. Its data is decoded when asked for, and kept until `release` (once its model is
    built): 10,000 files' data would otherwise stay in memory beside their models. Its positions
    are worked out the first time something asks for them (a problem to place), by the same
    parse that a cold run does, from the file read again; the file is parsed only when its bytes
    still give the entry's key (it did not change during the run), otherwise it has no
    positions (every problem is placed on line 1)."""

    def __init__(
        self,
        path: Path,
        rel: str,
        key: str,
        stored: msgspec.Raw,
        mapping: bool,
        ignores: list[Ignore],
        problems: list[Problem],
    ) -> None:
        self._key = key
        self._stored = stored
        self._mapping = mapping
        self._data: Any = None
        self._held = False
        self._released = False
        self._parsed = False
        super().__init__(path, rel, None, ignores=ignores, problems=problems)

    @property
    def data(self) -> Any:
        if self._held:
            return self._data
        if self._released:  # asked for again, by a rule: decoded for the asker alone
            return _DATA.decode(self._stored)
        self._data, self._held = _DATA.decode(self._stored), True
        return self._data

    @data.setter
    def data(self, data: Any) -> None:
        if data is not None:  # (the dataclass sets None first)
            self._data, self._held = data, True

    def release(self) -> None:
        self._data, self._held, self._released = None, False, True

    @property
    def ok(self) -> bool:
        return self._mapping and not any(
            p.code in ("PS001", "PS003", "PS004") for p in self.problems
        )

    def _parse(self) -> None:
        if self._parsed:
            return
        self._parsed = True
        scratch = Document(path=self.path, rel=self.rel)
        raw = read_file(self.path, scratch)
        if raw is not None and file_key(self.rel, self.path, raw) == self._key:
            parsed = load_bytes(raw, scratch)
            self._keys, self._values = parsed.keys, parsed.values

    @property
    def keys(self) -> dict[KeyPath, Pos]:
        self._parse()
        return self._keys

    @keys.setter
    def keys(self, keys: dict[KeyPath, Pos]) -> None:
        self._keys = keys

    @property
    def values(self) -> dict[KeyPath, Pos]:
        self._parse()
        return self._values

    @values.setter
    def values(self, values: dict[KeyPath, Pos]) -> None:
        self._values = values


class FileCache:
    """The per-file entries of one repository: opened on first use, closed by `close`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._fd: int | None = None
        self._opened = False
        self._writable = True
        self.used: set[str] = set()
        self.written = 0

    def _folder(self, create: bool) -> int | None:
        if self._fd is None and (not self._opened or create):
            self._opened = True
            with contextlib.suppress(OSError):
                self._fd, _ = cachefolder.open_folder(self.root, create=create, sub=SUBFOLDER)
        return self._fd

    def get(self, key: str, path: Path, rel: str) -> Document | None:
        """The stored document for `key`, or None."""
        self.used.add(key)
        fd = self._folder(create=False)
        if fd is None:
            return None
        data = cachefolder.read_in(fd, key + SUFFIX, MAX_ENTRY_BYTES)
        return None if data is None else decode(data, key, path, rel)

    def put(self, key: str, entry: bytes) -> None:
        """Store an entry (from `encode`) under `key`; any failure to write is ignored."""
        if not self._writable:
            return
        fd = self._folder(create=True)
        if fd is None:
            self._writable = False
            return
        name = key + SUFFIX
        try:
            if cachefolder.is_regular_or_missing(fd, name):
                cachefolder.write_atomic(fd, name, entry)
                self.written += 1
        except OSError:
            self._writable = False  # read-only, full: the rest of the run does not try again

    def exists(self) -> bool:
        """Whether the folder is there (without it, every lookup is a miss)."""
        return self._folder(create=False) is not None

    def close(self, *, prune: bool = True) -> None:
        """Prune (unless told not to: another process stores in it too) and close the folder."""
        if self._fd is None:
            return
        try:
            if prune and self.written:
                prune_folder(self._fd, self.used)
        finally:
            os.close(self._fd)
            self._fd = None


PRUNE_SLACK = 2
"""Entries a run did not use are removed once there are more than this many times the entries it
used (and at least `PRUNE_MIN`): switching between branches keeps its entries, yet the folder
never grows without end."""
PRUNE_MIN = 256


def prune_folder(folder_fd: int, used: set[str]) -> None:
    """Remove the entries not in `used` when there are too many of them (never fails)."""
    try:
        names = os.listdir(folder_fd)
    except OSError:
        return
    if len(names) <= max(PRUNE_MIN, PRUNE_SLACK * len(used)):
        return
    for name in names:
        if name.endswith(SUFFIX) and name[: -len(SUFFIX)] not in used:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=folder_fd)
