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
that does not decode, whose format or key is not the expected one, or that lies in a pack that is
a link, a special file, larger than `MAX_PACK_BYTES` or not whole is a miss, never an error.
Entries are kept in packs of up to `PACK_ENTRIES` (`FileCache`), each written atomically; entries
that no run used for a while are pruned and small packs merged (`tidy_folder`).

May import: the standard library, msgspec, `procspec.problem`, `procspec.messages` and the
reading modules `documents` and `cachefolder`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable
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
"""An entry in a file of its own, as procspec kept them before packs (removed when tidying)."""


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
    """The per-file entries of one repository: opened on first use, closed by `close`.

    Entries are kept in packs (`pack`), up to `PACK_ENTRIES` in each: a run that parses a
    thousand files writes a handful of files, not a thousand (creating a file costs more than
    writing one, and a file system serialises the creations in one folder). `put` gathers the
    entries and writes a pack when there are enough of them, `close` the rest."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._fd: int | None = None
        self._opened = False
        self._writable = True
        self._index: dict[str, Where] | None = None
        self._pending: dict[str, bytes] = {}
        self._pending_bytes = 0
        self.used: set[str] = set()
        self.written = 0

    def _folder(self, create: bool) -> int | None:
        if self._fd is None and (not self._opened or create):
            self._opened = True
            with contextlib.suppress(OSError):
                self._fd, _ = cachefolder.open_folder(self.root, create=create, sub=SUBFOLDER)
        return self._fd

    def _entries(self) -> dict[str, Where]:
        """Where each stored entry lies (read from the packs' headers on first use)."""
        if self._index is None:
            fd = self._folder(create=False)
            self._index = index_folder(fd) if fd is not None else {}
        return self._index

    def get(self, key: str, path: Path, rel: str) -> Document | None:
        """The stored document for `key`, or None."""
        self.used.add(key)
        where = self._entries().get(key)
        if where is None or self._fd is None:
            return None
        data = read_at(self._fd, *where)
        return None if data is None else decode(data, key, path, rel)

    def put(self, key: str, entry: bytes) -> None:
        """Store an entry (from `encode`) under `key`, in a pack written once there are enough
        entries (or by `close`); any failure to write is ignored."""
        if not self._writable or key in self._pending:
            return
        if self._index is not None and key in self._index:
            return  # stored already (the same key is the same entry)
        self._pending[key] = entry
        self._pending_bytes += len(entry)
        if len(self._pending) >= PACK_ENTRIES or self._pending_bytes >= PACK_BYTES:
            self.flush()

    def flush(self) -> None:
        """Write the gathered entries as one pack."""
        entries = list(self._pending.items())
        self._pending, self._pending_bytes = {}, 0
        if not entries or not self._writable:
            return
        fd = self._folder(create=True)
        if fd is None:
            self._writable = False
            return
        try:
            cachefolder.write_atomic(fd, pack_name(), pack(entries))
            self.written += len(entries)
        except OSError:
            self._writable = False  # read-only, full: the rest of the run does not try again

    def exists(self) -> bool:
        """Whether the folder is there (without it, every lookup is a miss)."""
        return self._folder(create=False) is not None

    def close(self, *, prune: bool = True, every_file: bool = False) -> None:
        """Write what is gathered, tidy the folder when this run wrote to it (`tidy_folder`;
        not with `prune` off: another process stores in it too) and close it. `every_file`:
        this run looked up every process file, so an entry it did not use is no current
        file's."""
        self.flush()
        tidy = prune and self.written > 0
        if tidy:  # in the pool's parent, which stores nothing itself, opened only now
            self._folder(create=False)
        if self._fd is None:
            return
        try:
            if tidy:
                tidy_folder(self._fd, self.used if every_file else None)
        finally:
            os.close(self._fd)
            self._fd = None


PACK_SUFFIX = ".pack"
PACK_MAGIC = b"PSPK"
PACK_ENTRIES = 128
"""Entries in a full pack."""
PACK_BYTES = 8 * 1024 * 1024
"""A pack is written once its entries reach this size, however few."""
MAX_PACK_BYTES = PACK_BYTES + MAX_ENTRY_BYTES
"""A larger file is no pack (never read)."""
MAX_HEADER_BYTES = 1024 * 1024
PACK_SLACK = 16
"""Packs beyond twice the full packs the entries would fill, before the small ones are merged:
each run that parses a changed file writes one."""
PRUNE_SLACK = 2
"""Entries a run that looked up every file did not use are removed once there are more than this
many times the entries it used (and at least `PRUNE_MIN`): switching between branches keeps its
entries, yet the folder never grows without end."""
PRUNE_MIN = 256

Where = tuple[str, int, int]
"""An entry's pack, and its offset and size in it."""

_KEY = re.compile(r"[0-9a-f]{40}")


class _Header(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """The head of a pack: after `PACK_MAGIC` and its own length (4 bytes, big-endian), the
    entries' keys and sizes; the entries follow it, in that order."""

    format: int
    keys: list[str]
    sizes: list[int]


_HEADER = msgspec.msgpack.Decoder(_Header)


def pack(entries: list[tuple[str, bytes]]) -> bytes:
    """Entries (key, entry from `encode`) as one pack."""
    keys = [key for key, _ in entries]
    header = _ENCODER.encode(_Header(FORMAT, keys, [len(entry) for _, entry in entries]))
    head = PACK_MAGIC + len(header).to_bytes(4, "big") + header
    return b"".join([head, *(entry for _, entry in entries)])


def pack_name() -> str:
    return os.urandom(8).hex() + PACK_SUFFIX


def read_header(folder_fd: int, name: str) -> list[tuple[str, int, int]] | None:
    """The entries of the pack `name` as (key, offset, size); None when it is no whole pack of
    this format (the folder is untrusted: a wrong pack is no entries, never an error)."""
    opened = cachefolder.open_in(folder_fd, name, MAX_PACK_BYTES)
    if opened is None:
        return None
    fd, size = opened
    try:
        head = os.pread(fd, 8, 0)
        length = int.from_bytes(head[4:], "big")
        if head[:4] != PACK_MAGIC or len(head) < 8 or not 0 < length <= MAX_HEADER_BYTES:
            return None
        header = _HEADER.decode(os.pread(fd, length, 8))
    except (OSError, msgspec.MsgspecError):
        return None
    finally:
        os.close(fd)
    if header.format != FORMAT or len(header.keys) != len(header.sizes):
        return None
    found: list[tuple[str, int, int]] = []
    offset = 8 + length
    for key, entry_size in zip(header.keys, header.sizes, strict=True):
        if not _KEY.fullmatch(key) or not 0 < entry_size <= MAX_ENTRY_BYTES:
            return None
        found.append((key, offset, entry_size))
        offset += entry_size
    return found if offset == size else None


def read_at(folder_fd: int, name: str, offset: int, size: int) -> bytes | None:
    """The `size` bytes at `offset` in the pack `name`, or None when they cannot be read."""
    opened = cachefolder.open_in(folder_fd, name, MAX_PACK_BYTES)
    if opened is None:
        return None
    fd, _ = opened
    try:
        return _pread(fd, offset, size)
    finally:
        os.close(fd)


def _pread(fd: int, offset: int, size: int) -> bytes | None:
    """The `size` bytes at `offset` in the opened pack `fd`, or None when they cannot be read."""
    try:
        data = os.pread(fd, size, offset)
    except OSError:
        return None
    return data if len(data) == size else None


def _names(folder_fd: int) -> list[str]:
    """The folder's file names (none when it cannot be listed)."""
    try:
        return os.listdir(folder_fd)
    except OSError:
        return []


def _packs(folder_fd: int, names: list[str]) -> dict[str, list[tuple[str, int, int]]]:
    """The whole packs among `names`, by name."""
    found: dict[str, list[tuple[str, int, int]]] = {}
    for name in names:
        if name.endswith(PACK_SUFFIX) and (entries := read_header(folder_fd, name)) is not None:
            found[name] = entries
    return found


def index_folder(folder_fd: int) -> dict[str, Where]:
    """Where each entry in the folder's packs lies."""
    index: dict[str, Where] = {}
    for name, entries in _packs(folder_fd, _names(folder_fd)).items():
        for key, offset, size in entries:
            index.setdefault(key, (name, offset, size))
    return index


def tidy_folder(folder_fd: int, used: set[str] | None) -> None:
    """Keep the folder small and quick to open (never fails):

    - with `used` (a run that looked up every file), the entries it did not use are removed
      once there are more than `PRUNE_SLACK` times as many as it used (at least `PRUNE_MIN`):
      the used ones are written into new packs and the old packs removed;
    - when many small packs gathered (more than `PACK_SLACK` beyond twice the full packs their
      entries would fill), the packs that are less than half full are merged;
    - what is no pack (an entry of the one-file-per-entry layout before packs, a pack cut
      short) is removed."""
    names = _names(folder_fd)
    packs = _packs(folder_fd, names)
    for name in names:
        if name not in packs and name.endswith((PACK_SUFFIX, SUFFIX)):
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=folder_fd)
    total = sum(len(entries) for entries in packs.values())
    if used is not None and total > max(PRUNE_MIN, PRUNE_SLACK * len(used)):
        _repack(folder_fd, packs, lambda key: key in used)
    elif len(packs) > PACK_SLACK + 2 * -(-total // PACK_ENTRIES):
        small = {name: e for name, e in packs.items() if len(e) < PACK_ENTRIES // 2}
        if len(small) > 1:
            _repack(folder_fd, small, lambda key: True)


def _repack(
    folder_fd: int, packs: dict[str, list[tuple[str, int, int]]], keep: Callable[[str], bool]
) -> None:
    """The entries of `packs` that `keep` keeps written into full packs, a pack at a time (a
    whole cache is never held at once); then `packs` removed, none of them when a new pack
    cannot be written (an entry in two packs is harmless: either gives the same document)."""
    seen: set[str] = set()
    batch: list[tuple[str, bytes]] = []
    try:
        for name, entries in packs.items():
            opened = cachefolder.open_in(folder_fd, name, MAX_PACK_BYTES)  # once per pack
            fd = opened[0] if opened is not None else None
            try:
                for key, offset, size in entries:
                    if key in seen or not keep(key):
                        continue
                    seen.add(key)
                    if fd is not None and (data := _pread(fd, offset, size)) is not None:
                        batch.append((key, data))
                    if len(batch) == PACK_ENTRIES:
                        cachefolder.write_atomic(folder_fd, pack_name(), pack(batch))
                        batch = []
            finally:
                if fd is not None:
                    os.close(fd)
        if batch:
            cachefolder.write_atomic(folder_fd, pack_name(), pack(batch))
    except OSError:
        return
    for name in packs:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder_fd)
