"""The git history kept between runs: `.procspec-cache/history.msgpack`.

Reading the history costs one `git log` pass over every commit; at 20,000 commits that is more
than validating the files. Its committed part does not change until HEAD does, so it is kept
here (MessagePack, see `procspec.git.log.Committed`) under a key of everything it depends on:
the commit, where the procspec root lies in the work tree, the processes folder, a shallow
clone's boundary and procspec itself. Uncommitted changes are never kept: git is asked for them
on every run, so a saved file shows at once.

The file is untrusted like the rest of the cache folder (`procspec.reading.cachefolder`: opened
without following links, a size cap, atomic writes, a folder or file that is a link is no cache).
It starts with the installation's fingerprint, which a crafted commit cannot predict, then the
key; a decoded entry is checked for type and range, and anything wrong only misses. One entry
is kept, the last one read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from procspec.git.log import HistoryStore
from procspec.reading import cachefolder

HISTORY_FILE = "history.msgpack"

MAX_HISTORY_BYTES = 256 * 1024 * 1024
"""The most of the file that is read: far more than 100,000 commits take."""


@dataclass(frozen=True)
class HistoryFile:
    """The history cache of one repository (a `procspec.git.log.HistoryStore`)."""

    root: Path

    def _salt(self) -> bytes:
        return cachefolder.package_fingerprint().encode("ascii")

    def load(self) -> bytes | None:
        data = cachefolder.read_entry(self.root, HISTORY_FILE, MAX_HISTORY_BYTES)
        salt = self._salt()
        if data is None or not data.startswith(salt):
            return None
        return data[len(salt) :]

    def save(self, data: bytes) -> None:
        """Write the entry atomically; any failure (a read-only repository) is ignored."""
        cachefolder.write_entry(self.root, HISTORY_FILE, self._salt() + data)


def history_store(root: Path, use_cache: bool = True) -> HistoryStore | None:
    """The history cache for the repository at `root`; None when the cache is off
    (`--no-cache`, `PROCSPEC_NO_CACHE`)."""
    if not use_cache or cachefolder.disabled():
        return None
    return HistoryFile(root)
