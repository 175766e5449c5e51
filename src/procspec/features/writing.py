"""Writing files: what `--out`, `init`, `schema --repo` and `bpmn import` write, all or nothing.

Each file is written into a new temporary file beside it and renamed over its path, so a reader
never sees half a file and a link at the path is replaced, never written through. When a command
writes several files, every temporary file is written before the first is renamed into place: a
full disk or a folder that cannot be written leaves every file as it was, and the folders made for
them are removed again.

A new file gets the mode `open()` would give it (0666 less the umask, and a folder's default ACL),
because the kernel applies both when the temporary file is created; a replaced file keeps its mode.
Nothing reads or changes the process's umask, which is shared by every thread.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from contextlib import suppress
from itertools import takewhile
from pathlib import Path

from procspec.errors import UsageError
from procspec.messages import say
from procspec.reading.root import YAML_SUFFIXES
from procspec.rendering.output import inside_git

_CREATE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_NEW_FILE_MODE = 0o666
"""As `open()`: the kernel takes the umask away."""


def not_a_folder(folder: Path) -> Path | None:
    """The first of `folder` and the folders above it that is there but is no folder (a file, a
    link to one, a broken link): where a folder the file needs cannot be made."""
    for path in (*reversed(folder.parents), folder):
        if os.path.lexists(path) and not path.is_dir():
            return path
    return None


def obstacle(path: Path) -> Path | None:
    """What stops a file being written at `path`, if anything: a folder on its way that is no
    folder, or `path` itself when it is, or links to, anything but a regular file (a folder, a
    device, a named pipe). A rename would put a file in its place, /dev/null's for a user who may
    write into /dev."""
    blocked = not_a_folder(path.parent)
    if blocked is not None:
        return blocked
    try:
        info = path.stat()
    except OSError:  # nothing there (or a broken link): the file is new
        return None
    return None if stat.S_ISREG(info.st_mode) else path


def refuse_source(path: Path) -> None:
    """What a command writes with `--out` never replaces a YAML file (a process, the settings, the
    roster) nor anything in a git directory, as `render` never does: a slip of the path would lose
    a source or the repository itself. The path is checked as given, where its links lead, and in
    the folder its links lead to (where the file is written), so `g/config` with `g` a link to
    `.git` is refused as `.git/config` is."""
    real_folder = Path(os.path.realpath(path.parent))
    for seen in (path.absolute(), Path(os.path.realpath(path)), real_folder / path.name):
        if seen.suffix.lower() in YAML_SUFFIXES or inside_git(seen) is not None:
            raise UsageError(say("cli.out_source", path=path.as_posix()))


def write_out(files: Mapping[Path, str]) -> None:
    """Write the files a command's `--out` names: none is a source (`refuse_source`), and all are
    written or none."""
    for path in files:
        refuse_source(path)
    write_all(files)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` in one rename, so a reader never sees half a file."""
    write_all({path: text})


def write_all(files: Mapping[Path, str]) -> None:
    """Write every file of `files` (path -> text, UTF-8) or none of them.

    Only a file is replaced, or a link to one (the link itself); anything else in the way is
    refused (`UsageError`) before anything is written."""
    for path in files:
        blocked = obstacle(path)
        if blocked is not None:
            raise UsageError(say("cli.out_not_regular", path=blocked.as_posix()))
    made: list[Path] = []
    staged: dict[Path, Path] = {}
    try:
        for path, text in files.items():
            _make_folders(path.parent, made)
            staged[path] = _temporary(path, text)
        for path, temporary in staged.items():
            os.replace(temporary, path)
    except BaseException:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        for folder in reversed(made):
            with suppress(OSError):
                folder.rmdir()
        raise


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Make `folder` and the folders above it that are missing, noting each one made."""
    for missing in reversed(list(takewhile(lambda p: not p.is_dir(), (folder, *folder.parents)))):
        missing.mkdir()
        made.append(missing)


def _temporary(path: Path, text: str) -> Path:
    """A new file beside `path` holding `text`: with `path`'s mode when that is a file, else with
    the mode a new file gets."""
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            handle = os.open(temporary, _CREATE, _NEW_FILE_MODE)
            break
        except FileExistsError:  # another writer's name: draw again
            continue
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        with suppress(FileNotFoundError):
            os.chmod(temporary, path.stat().st_mode & 0o777)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
