"""The cache folder `.procspec-cache/` opened safely, and what every cache entry is keyed by.

A committed cache is untrusted input: a pull request can commit a crafted `.procspec-cache/`. So
the folder, its sub-folders and its files are opened without following links (`O_NOFOLLOW`,
relative to the opened folder), a file must be a regular file no larger than the reader's cap
(a link to `/dev/zero`, a named pipe or a grown file is no entry), and writes are atomic (a
temporary file created with `O_EXCL` and renamed into place, which replaces a link rather than
writing where it points). procspec writes a `.gitignore` of `*` into the folder only when it has
just created the folder itself.

Only the standard library: the whole-outcome cache (`procspec.features.cache`) reads through this
module on a hit, which must not pay for importing the YAML parser or the models.

May import: the standard library, `procspec` (its version) and `procspec.reading.walk`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from procspec import __version__
from procspec.reading.walk import walk

FOLDER = ".procspec-cache"
IGNORE_TEXT = "# procspec's validate cache; never committed.\n*\n"

NONBLOCK = getattr(os, "O_NONBLOCK", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
DIRECTORY = getattr(os, "O_DIRECTORY", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)

_LIBRARIES = ("pydantic", "pydantic_core", "ruamel.yaml", "_ruamel_yaml", "msgspec")


def disabled() -> bool:
    """`PROCSPEC_NO_CACHE` set to anything but '' or '0' switches the cache off."""
    return os.environ.get("PROCSPEC_NO_CACHE", "") not in ("", "0")


@cache
def package_fingerprint() -> str:
    """procspec's version, the stat of every file in the package, Python and the libraries
    whose behaviour shows in the problems (an editable install changes without a new version).

    The modification times also make a key that a crafted commit cannot predict: they are the
    installation's own."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__}\0{sys.version}\0".encode())
    package = Path(__file__).parents[1]  # the whole procspec package
    for folder, dirs, files in walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            with contextlib.suppress(OSError):
                info = os.stat(os.path.join(folder, name))
                h.update(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    for module in _LIBRARIES:
        try:
            spec = find_spec(module)
            origin = spec.origin if spec is not None else None
            lib = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            lib = None
        size, mtime = (lib.st_size, lib.st_mtime_ns) if lib is not None else ("", "")
        h.update(f"{module}\0{size}\0{mtime}\0".encode())
    return h.hexdigest()


def read_capped(fd: int, limit: int) -> bytes:
    """Up to `limit` + 1 bytes from an open file (one more tells that it is larger)."""
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes | None:
    """Up to `limit` + 1 bytes of the regular file at `path` (one more tells that it is larger),
    or None when it is something else: a named pipe would wait for a writer, a device such as
    /dev/zero never ends. Opened without blocking and checked on the open file, so nothing can
    be swapped in between; OSError when it cannot be opened or read."""
    fd = os.open(path, os.O_RDONLY | NONBLOCK | CLOEXEC)
    try:
        return read_capped(fd, limit) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    finally:
        os.close(fd)


def open_folder(root: Path, *, create: bool, sub: str | None = None) -> tuple[int, bool]:
    """The cache folder (or its sub-folder `sub`) opened without following a link (a
    descriptor), and whether the cache folder was created now; OSError when it is a link, not a
    folder, or cannot be opened (or made)."""
    root_fd = os.open(root, os.O_RDONLY | DIRECTORY | CLOEXEC)
    try:
        created = False
        if create:
            try:
                os.mkdir(FOLDER, 0o755, dir_fd=root_fd)
                created = True
            except FileExistsError:
                pass
        fd = os.open(FOLDER, os.O_RDONLY | DIRECTORY | NOFOLLOW | CLOEXEC, dir_fd=root_fd)
    finally:
        os.close(root_fd)
    if not stat.S_ISDIR(os.fstat(fd).st_mode):  # pragma: no cover - O_DIRECTORY refuses first
        os.close(fd)
        raise NotADirectoryError(FOLDER)
    if created:
        try:
            write_atomic(fd, ".gitignore", IGNORE_TEXT.encode())
        except OSError:
            os.close(fd)
            raise
    if sub is None:
        return fd, created
    try:
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(sub, 0o755, dir_fd=fd)
        sub_fd = os.open(sub, os.O_RDONLY | DIRECTORY | NOFOLLOW | CLOEXEC, dir_fd=fd)
    finally:
        os.close(fd)
    return sub_fd, created


def open_in(folder_fd: int, name: str, limit: int) -> tuple[int, int] | None:
    """`name` in the opened folder opened for reading, with its size; None when it is missing,
    a link, not a regular file or larger than `limit` (the caller closes what it gets)."""
    try:
        fd = os.open(name, os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC, dir_fd=folder_fd)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        os.close(fd)
        return None
    return fd, info.st_size


def read_in(folder_fd: int, name: str, limit: int) -> bytes | None:
    """The bytes of `name` in the opened folder, or None when it is missing, a link, not a
    regular file, larger than `limit` or unreadable."""
    opened = open_in(folder_fd, name, limit)
    if opened is None:
        return None
    fd, _ = opened
    try:
        data = read_capped(fd, limit)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= limit else None


def read_entry(root: Path, name: str, limit: int) -> bytes | None:
    """The bytes of the cache file `name`, or None (see `read_in`; also when the folder is a
    link or no folder)."""
    try:
        folder_fd, _ = open_folder(root, create=False)
    except OSError:
        return None
    try:
        return read_in(folder_fd, name, limit)
    finally:
        os.close(folder_fd)


def write_entry(root: Path, name: str, data: bytes) -> None:
    """`data` into the cache folder's file `name`, atomically; never through a link or over a
    special file, and any failure (a read-only repository, a full disk) is ignored: the cache is
    a help, never a source."""
    try:
        folder_fd, _ = open_folder(root, create=True)
    except OSError:
        return
    try:
        if is_regular_or_missing(folder_fd, name):
            write_atomic(folder_fd, name, data)
    except (OSError, ValueError):
        return
    finally:
        os.close(folder_fd)


def is_regular_or_missing(folder_fd: int, name: str) -> bool:
    """Whether `name` in the opened folder is a regular file or not there at all (a link or a
    special file someone put there is left as it is)."""
    try:
        return stat.S_ISREG(os.stat(name, dir_fd=folder_fd, follow_symlinks=False).st_mode)
    except FileNotFoundError:
        return True


def write_atomic(folder_fd: int, name: str, data: bytes) -> None:
    """`data` into `name` in the opened folder: a new temporary file (never through a link)
    renamed over it, which replaces a link rather than writing where it points."""
    temporary = f".tmp-{os.urandom(8).hex()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC
    fd = os.open(temporary, flags, 0o644, dir_fd=folder_fd)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder_fd)
        raise
